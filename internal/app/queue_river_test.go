package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

var durableQueues = []string{"sqlite", "postgres"}

// view is the server's River queue with its store's queries, whatever
// the database.
type durableView struct {
	lease   func(repo string, job int64) (bool, error)
	unlease func(repo string, job int64)
	reclaim func(all bool) (int, error)
	beat    func() error
	setID   func(id string)
	exec    func(query string, args ...any) (int64, error)
	dialect *dialect
	// waiting lists the waiting task jobs' arguments, oldest first.
	waiting func() []taskArgs
}

func view(t *testing.T, s *Server) durableView {
	t.Helper()
	switch q := s.queue.(type) {
	case *riverQueue[*sql.Tx]:
		return viewOf(t, q)
	case *riverQueue[pgx.Tx]:
		return viewOf(t, q)
	}
	t.Fatalf("not a durable queue: %T", s.queue)
	return durableView{}
}

func viewOf[TTx any](t *testing.T, q *riverQueue[TTx]) durableView {
	ctx := context.Background()
	return durableView{
		lease:   func(repo string, job int64) (bool, error) { return q.lease(ctx, repo, job) },
		unlease: q.unlease,
		reclaim: func(all bool) (int, error) { return q.reclaim(ctx, all) },
		beat:    func() error { return q.beat(ctx) },
		setID:   func(id string) { q.id = id },
		exec:    func(query string, args ...any) (int64, error) { return q.st.exec(ctx, query, args...) },
		dialect: q.d,
		waiting: func() []taskArgs {
			args := "args"
			if q.d.name == "sqlite" {
				args = "json(args)"
			}
			var out []taskArgs
			err := q.st.each(ctx, "SELECT "+args+" FROM river_job WHERE kind = ? AND state IN ('available', 'scheduled') ORDER BY id",
				[]any{jobKindTask}, func(r scanner) error {
					var raw []byte
					var a taskArgs
					if err := r.Scan(&raw); err != nil {
						return err
					}
					err := json.Unmarshal(raw, &a)
					out = append(out, a)
					return err
				})
			if err != nil {
				t.Fatal(err)
			}
			return out
		},
	}
}

// TestDurableBurstCollapsesAndSurvivesRestart: a burst of deliveries for
// a repository becomes one job per key, on the latest state; a delivery
// id is done once, also after a restart.
func TestDurableBurstCollapsesAndSurvivesRestart(t *testing.T) {
	for _, kind := range durableQueues {
		t.Run(kind, func(t *testing.T) {
			setting := queueSetting(t, kind)
			s := newServer(t, Options{Queue: setting, Debounce: time.Minute})
			push := example(t, "push.branch")
			pr := example(t, "pull_request.synchronize")
			var first string
			for i := 0; i < 20; i++ {
				d := newDelivery("push", push, testSecret)
				if i == 0 {
					first = d.Header.Get("X-GitHub-Delivery")
				}
				if w := serve(s.Handler(), d); w.Code != 202 {
					t.Fatalf("push %d: %d %s", i, w.Code, w.Body)
				}
				sha := strings.Repeat("a", 39) + string(rune('0'+i%10))
				if w := serve(s.Handler(), newDelivery("pull_request", edit(t, pr, map[string]any{"pull_request.head.sha": sha}), testSecret)); w.Code != 202 {
					t.Fatalf("pull request %d: %d %s", i, w.Code, w.Body)
				}
			}
			jobs := view(t, s).waiting()
			if len(jobs) != 2 || jobs[0].Merge != "codertocat/hello-world run master" || jobs[1].Merge != "codertocat/hello-world preview #2" {
				t.Fatalf("waiting jobs %+v", jobs)
			}
			if sha := jobs[1].Pull.HeadSHA; !strings.HasSuffix(sha, "9") {
				t.Errorf("the collapsed preview is for %s, not the latest head", sha)
			}
			again := newDelivery("push", push, testSecret)
			again.Header.Set("X-GitHub-Delivery", first)
			if w := serve(s.Handler(), again); w.Code != 200 || !strings.Contains(w.Body.String(), "already received") {
				t.Fatalf("again: %d %s", w.Code, w.Body)
			}
			if err := s.Shutdown(context.Background()); err != nil {
				t.Fatal(err)
			}

			s = newServer(t, Options{Queue: setting})
			defer s.Shutdown(context.Background())
			again = newDelivery("push", push, testSecret)
			again.Header.Set("X-GitHub-Delivery", first)
			if w := serve(s.Handler(), again); w.Code != 200 || !strings.Contains(w.Body.String(), "already received") {
				t.Fatalf("again after a restart: %d %s", w.Code, w.Body)
			}
			if n := len(view(t, s).waiting()); n != 2 {
				t.Errorf("%d jobs after the restart, want the same 2", n)
			}
		})
	}
}

// TestDurableLease: a repository's lease is one job's at a time; the job
// takes it again after its process died, and another takes it when the
// holder's process stops beating.
func TestDurableLease(t *testing.T) {
	for _, kind := range durableQueues {
		t.Run(kind, func(t *testing.T) {
			s := newServer(t, Options{Queue: queueSetting(t, kind)})
			defer s.Shutdown(context.Background())
			d := view(t, s)
			must := func(want bool, repo string, job int64) {
				t.Helper()
				got, err := d.lease(repo, job)
				if err != nil || got != want {
					t.Fatalf("lease(%s, job %d) = %v, %v; want %v", repo, job, got, err, want)
				}
			}
			must(true, "acme/rocket", 1)
			must(false, "acme/rocket", 2)
			must(true, "acme/other", 2)
			must(true, "acme/rocket", 1) // the same job, run again
			d.unlease("acme/rocket", 1)
			must(true, "acme/rocket", 2)

			// The holder's process stops beating: another takes over.
			if _, err := d.exec(`UPDATE releasebot_replica SET seen_at = 0`); err != nil {
				t.Fatal(err)
			}
			d.setID("another-process")
			if err := d.beat(); err != nil {
				t.Fatal(err)
			}
			must(true, "acme/rocket", 3)
			must(false, "acme/rocket", 4) // the new holder beats
		})
	}
}

// TestDurableReclaim: a job left running by a process that stopped
// beating is made available again; one of a live process is not.
func TestDurableReclaim(t *testing.T) {
	for _, kind := range durableQueues {
		t.Run(kind, func(t *testing.T) {
			s := newServer(t, Options{Queue: queueSetting(t, kind)})
			defer s.Shutdown(context.Background())
			d := view(t, s)
			for _, repo := range []string{"Codertocat/Dead", "Codertocat/Alive"} {
				body := edit(t, example(t, "push.branch"), map[string]any{"repository.full_name": repo})
				if w := serve(s.Handler(), newDelivery("push", body, testSecret)); w.Code != 202 {
					t.Fatalf("%d %s", w.Code, w.Body)
				}
			}
			by := func(client string) string {
				if d.dialect.name == "sqlite" {
					return `jsonb('["` + client + `"]')`
				}
				return `ARRAY['` + client + `']`
			}
			mark := func(merge, client string) {
				t.Helper()
				where := `json_extract(args, '$.merge') = ?`
				if d.dialect.name != "sqlite" {
					where = `args->>'merge' = ?`
				}
				n, err := d.exec(`UPDATE river_job SET state = 'running', attempt = 1, attempted_by = `+by(client)+` WHERE `+where, merge)
				if err != nil || n != 1 {
					t.Fatalf("marking %s running: %d, %v", merge, n, err)
				}
			}
			mark("codertocat/dead run master", "dead-process")
			mark("codertocat/alive run master", "live-process")
			d.setID("live-process")
			if err := d.beat(); err != nil {
				t.Fatal(err)
			}
			d.setID("this-process")
			if n, err := d.reclaim(false); err != nil || n != 1 {
				t.Fatalf("reclaimed %d, %v; want 1", n, err)
			}
			if w := d.waiting(); len(w) != 1 || w[0].Repo != "codertocat/dead" {
				t.Fatalf("waiting after the reclaim: %+v", w)
			}
			// A store this process holds alone: every running job was a
			// dead process's.
			if n, err := d.reclaim(true); err != nil || n != 1 {
				t.Fatalf("reclaimed %d, %v; want 1", n, err)
			}
		})
	}
}

// BenchmarkEnqueue measures the webhook's side of a durable queue: 16
// deliveries at a time, spread over 40 keys (most merge into a waiting
// job), each committed before it returns.
func BenchmarkEnqueue(b *testing.B) {
	for _, kind := range durableQueues {
		b.Run(kind, func(b *testing.B) {
			s := newServer(b, Options{Queue: queueSetting(b, kind), Debounce: time.Minute})
			defer s.Shutdown(context.Background())
			var n atomic.Int64
			b.SetParallelism(8)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					t := &task{kind: kindRun, owner: "acme", name: fmt.Sprint("r", i%40), branch: "main", defaultBranch: "main"}
					if err := s.queue.enqueue(context.Background(), fmt.Sprint("d", i), []*task{t}); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// TestReadyWhileTheQueueAnswers: /readyz fails while the queue's
// database cannot be reached (here, dropped under the server).
func TestReadyWhileTheQueueAnswers(t *testing.T) {
	setting := queueSetting(t, "postgres")
	s := newServer(t, Options{Queue: setting})
	s.Start()
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.Shutdown(ctx)
	}()
	ready := func() int { return serve(s.Handler(), httptest.NewRequest(http.MethodGet, "/readyz", nil)).Code }
	if code := ready(); code != 200 {
		t.Fatalf("readyz: %d", code)
	}
	admin, err := pgx.Connect(context.Background(), os.Getenv(postgresEnv))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	u, err := url.Parse(setting)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	if _, err := admin.Exec(context.Background(), "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
		t.Fatal(err)
	}
	if code := ready(); code != http.StatusServiceUnavailable {
		t.Errorf("readyz with the queue gone: %d", code)
	}
}
