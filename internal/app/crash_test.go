package app

import (
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/testsupport/binary"
	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// TestCrashRecovery kills `releasebot serve` (the built binary, SIGKILL)
// after it answered 202 and while a job is half done, restarts it, and
// checks that the work completes with no new event: the release pull
// request is opened, refreshed, and published once (one tag, one
// release, one comment). With SQLite (one replica) the restarted process
// takes the dead one's jobs at once; with Postgres when the dead one's
// heartbeat is stale (about 25 s).
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	bin := binary.Build(t)
	for _, kind := range durableQueues {
		t.Run(kind, func(t *testing.T) {
			queue := queueSetting(t, kind)
			w := newWorld(t, false)
			g := newGate(t, w.gh.URL())
			logs := &syncBuffer{}
			start := func(args ...string) *serveProc { return startServe(t, bin, g.url, queue, logs, args...) }

			// Killed after the 202, before the job ran (its debounce).
			p := start("--debounce", "3s")
			feat := w.repo.Push("main", fakegithub.CommitSpec{Message: "feat: launch (#1)", Files: map[string]string{"l": "l\n"}})
			if code := p.send("push", w.push("main", feat)); code != 202 {
				t.Fatalf("push: %d", code)
			}
			p.kill()
			if n := len(w.repo.PRs()); n != 0 {
				t.Fatalf("%d pull requests before the job was due", n)
			}
			p = start("--debounce", "3s")
			eventually(t, 90*time.Second, "the release pull request after the restart", func() bool { return len(w.releasePulls("open")) == 1 }, logs)

			// Killed while the job refreshes the release pull request.
			fix := w.repo.Push("main", fakegithub.CommitSpec{Message: "fix: count down from ten (#2)", Files: map[string]string{"c": "c\n"}})
			g.holdWrite("")
			if code := p.send("push", w.push("main", fix)); code != 202 {
				t.Fatalf("push: %d", code)
			}
			held := g.waitHit(t, 60*time.Second)
			p.kill()
			t.Logf("killed while %s was on its way", held)
			p = start()
			eventually(t, 90*time.Second, "the release pull request refreshed after the restart", func() bool {
				open := w.releasePulls("open")
				return len(open) == 1 && strings.Contains(w.prBody(open[0].Number), "count down from ten")
			}, logs)

			// Killed while the job publishes the merged release pull
			// request: after the tag, before the release.
			rel := w.releasePulls("open")[0]
			w.repo.MergePR(rel.Number, "squash")
			g.holdWrite("/releases")
			if code := p.send("pull_request", w.pull("closed", rel.Number, nil)); code != 202 {
				t.Fatalf("closed: %d", code)
			}
			g.waitHit(t, 60*time.Second)
			p.kill()
			p = start()
			eventually(t, 90*time.Second, "the release after the restart", func() bool { return len(w.repo.Releases()) > 0 }, logs)
			eventually(t, 30*time.Second, "an idle queue", func() bool { return queueIdle(t, p) }, logs)

			tags, releases := w.repo.Tags(), w.repo.Releases()
			if len(tags) != 1 || tags["v0.1.0"] == "" || len(releases) != 1 || releases[0].TagName != "v0.1.0" {
				t.Errorf("tags %v, releases %+v; want v0.1.0 once", tags, releases)
			}
			if n := len(w.releasePulls("")); n != 1 {
				t.Errorf("%d release pull requests, want 1", n)
			}
			if c := w.repo.Comments(rel.Number); len(c) != 1 {
				t.Errorf("comments on the release pull request %q, want one", c)
			}
			if t.Failed() {
				t.Logf("logs:\n%s", logs)
			}
		})
	}
}

// prBody is the body of a pull request of the world's repository.
func (w *world) prBody(n int) string {
	for _, p := range w.repo.PRs() {
		if p.Number == n {
			return p.Body
		}
	}
	return ""
}

// queueIdle reads a process's /metrics: no task job waits or runs.
func queueIdle(t *testing.T, p *serveProc) bool {
	_, metrics := get(t, p.url+"/metrics")
	if !strings.Contains(metrics, "releasebot_queue_jobs{") {
		return false
	}
	for _, line := range strings.Split(metrics, "\n") {
		if strings.HasPrefix(line, "releasebot_queue_jobs{") && !strings.HasSuffix(line, " 0") {
			return false
		}
	}
	return true
}

// TestReplicaCrash runs two `releasebot serve` processes on one Postgres
// queue: bursts of deliveries to both never make two jobs of the
// repository run at once, the job of a replica killed mid-job finishes
// on the other, and the repository ends with one release pull request,
// one tag and one release.
func TestReplicaCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	queue := queueSetting(t, "postgres")
	bin := binary.Build(t)
	w := newWorld(t, false)
	logs := &syncBuffer{}
	gates := []*gate{newGate(t, w.gh.URL()), newGate(t, w.gh.URL())}
	procs := []*serveProc{
		startServe(t, bin, gates[0].url, queue, logs, "--debounce", "100ms"),
		startServe(t, bin, gates[1].url, queue, logs, "--debounce", "100ms"),
	}

	// Bursts to both replicas: pushes and pull request updates.
	w.repo.Tag("v1.0.0", w.repo.Push("main", fakegithub.CommitSpec{Message: "chore: start", Files: map[string]string{"s": "s\n"}}), true)
	w.repo.Push("topic", fakegithub.CommitSpec{Message: "fix: topic", Files: map[string]string{"t": "t\n"}})
	topic := w.repo.OpenPR("topic", "main", "fix: topic", "")
	for i := 0; i < 8; i++ {
		sha := w.repo.Push("main", fakegithub.CommitSpec{Message: "feat: step " + string(rune('a'+i)), Files: map[string]string{"f": string(rune('a'+i)) + "\n"}})
		for _, p := range procs {
			if code := p.send("push", w.push("main", sha)); code != 202 {
				t.Fatalf("push: %d", code)
			}
			if code := p.send("pull_request", w.pull("synchronize", topic, nil)); code != 202 {
				t.Fatalf("synchronize: %d", code)
			}
		}
		time.Sleep(150 * time.Millisecond)
	}
	eventually(t, 60*time.Second, "an idle queue", func() bool { return queueIdle(t, procs[0]) }, logs)
	if n, jobs := overlaps(t, logs.String(), "acme/rocket"); n > 0 || jobs < 3 {
		t.Fatalf("%d of %d jobs of the repository overlapped another", n, jobs)
	}
	open := w.releasePulls("open")
	if len(open) != 1 || open[0].Title != "chore(main): release 1.1.0" {
		t.Fatalf("release pull requests %+v", w.releasePulls(""))
	}

	// The replica that takes the next job is killed mid-job; the other
	// finishes it.
	fix := w.repo.Push("main", fakegithub.CommitSpec{Message: "fix: count down from ten", Files: map[string]string{"c": "c\n"}})
	for _, g := range gates {
		g.holdWrite("")
	}
	if code := procs[0].send("push", w.push("main", fix)); code != 202 {
		t.Fatalf("push: %d", code)
	}
	var killed int
	select {
	case <-gates[0].hit:
		killed = 0
	case <-gates[1].hit:
		killed = 1
	case <-time.After(60 * time.Second):
		t.Fatal("no job started")
	}
	procs[killed].kill()
	survivor := procs[1-killed]
	gates[1-killed].mu.Lock()
	gates[1-killed].arm = nil
	gates[1-killed].mu.Unlock()
	eventually(t, 90*time.Second, "the killed replica's job done by the other", func() bool {
		open := w.releasePulls("open")
		return len(open) == 1 && strings.Contains(w.prBody(open[0].Number), "count down from ten")
	}, logs)

	w.repo.MergePR(open[0].Number, "squash")
	if code := survivor.send("pull_request", w.pull("closed", open[0].Number, nil)); code != 202 {
		t.Fatalf("closed: %d", code)
	}
	eventually(t, 60*time.Second, "the release", func() bool { return len(w.repo.Releases()) > 0 }, logs)
	eventually(t, 60*time.Second, "an idle queue", func() bool { return queueIdle(t, survivor) }, logs)
	tags, releases := w.repo.Tags(), w.repo.Releases()
	if len(tags) != 2 || tags["v1.1.0"] == "" || len(releases) != 1 || releases[0].TagName != "v1.1.0" {
		t.Errorf("tags %v, releases %+v; want v1.1.0 once", tags, releases)
	}
	if n := len(w.releasePulls("")); n != 1 {
		t.Errorf("%d release pull requests, want 1", n)
	}
	if c := w.repo.Comments(open[0].Number); len(c) != 1 {
		t.Errorf("comments on the release pull request %q, want one", c)
	}
	if n, _ := overlaps(t, logs.String(), "acme/rocket"); n > 0 {
		t.Errorf("%d jobs of the repository overlapped another", n)
	}
}
