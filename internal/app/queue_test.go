package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"
)

// recorder is an executor that records what runs and checks that a
// repository never runs two tasks at once.
type recorder struct {
	mu       sync.Mutex
	ran      []string
	running  map[string]int
	maxAll   int
	nowAll   int
	overlaps int
	// act decides each task's outcome (done when nil).
	act func(ctx context.Context, t *task) outcome
}

func (r *recorder) exec(ctx context.Context, t *task) outcome {
	r.mu.Lock()
	if r.running == nil {
		r.running = map[string]int{}
	}
	r.running[t.queueKey()]++
	if r.running[t.queueKey()] > 1 {
		r.overlaps++
	}
	r.nowAll++
	r.maxAll = max(r.maxAll, r.nowAll)
	r.ran = append(r.ran, t.repo()+" "+t.key())
	act := r.act
	r.mu.Unlock()
	res := done
	if act != nil {
		res = act(ctx, t)
	}
	r.mu.Lock()
	r.running[t.queueKey()]--
	r.nowAll--
	r.mu.Unlock()
	return res
}

func (r *recorder) log() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.ran)
}

func testQueue(workers int, r *recorder) *queue {
	return newQueue(queueOptions{
		workers: workers, maxQueued: 1000, attempts: 3, backoff: 10 * time.Millisecond, timeout: time.Minute,
		metrics: newMetrics(), log: slog.New(slog.NewJSONHandler(io.Discard, nil)),
	}, r.exec)
}

func run(repo, branch string) *task {
	return &task{kind: kindRun, owner: "acme", name: repo, branch: branch, defaultBranch: "main"}
}

func preview(repo string, n int) *task {
	t := &task{kind: kindPreview, owner: "acme", name: repo, branch: "main"}
	t.pull.Number = n
	return t
}

// waitIdle drains the queue and fails the test if it does not finish.
func waitIdle(t *testing.T, q *queue) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if n, err := q.drain(ctx); err != nil || n != 0 {
		t.Fatalf("drain: %d abandoned, %v", n, err)
	}
}

func TestQueueRunsEachRepositoryInOrderOneAtATime(t *testing.T) {
	r := &recorder{act: func(context.Context, *task) outcome { time.Sleep(time.Millisecond); return done }}
	q := testQueue(4, r)
	var want []string
	for i := 0; i < 5; i++ {
		for _, tk := range []*task{run("a", fmt.Sprint("b", i)), preview("a", i), run("b", fmt.Sprint("b", i))} {
			if err := q.add(tk); err != nil {
				t.Fatal(err)
			}
			if tk.name == "a" {
				want = append(want, tk.repo()+" "+tk.key())
			}
		}
	}
	q.start()
	waitIdle(t, q)
	var gotA []string
	for _, s := range r.log() {
		if s[:6] == "acme/a" {
			gotA = append(gotA, s)
		}
	}
	if !slices.Equal(gotA, want) {
		t.Errorf("order %q, want %q", gotA, want)
	}
	if r.overlaps != 0 {
		t.Errorf("%d times a repository ran two tasks at once", r.overlaps)
	}
}

func TestQueueBoundsParallelism(t *testing.T) {
	r := &recorder{act: func(context.Context, *task) outcome { time.Sleep(20 * time.Millisecond); return done }}
	q := testQueue(2, r)
	for i := 0; i < 8; i++ {
		q.add(run(fmt.Sprint("r", i), "main"))
	}
	q.start()
	waitIdle(t, q)
	if r.maxAll != 2 || len(r.log()) != 8 {
		t.Errorf("%d ran, at most %d at once; want 8, 2", len(r.log()), r.maxAll)
	}
}

func TestQueueCollapsesABurstBehindARunningTask(t *testing.T) {
	release := make(chan struct{})
	r := &recorder{}
	r.act = func(_ context.Context, tk *task) outcome {
		if len(r.log()) == 1 {
			<-release
		}
		return done
	}
	q := testQueue(1, r)
	q.start()
	q.add(run("a", "main"))
	for len(r.log()) == 0 {
		time.Sleep(time.Millisecond)
	}
	latest := run("a", "main")
	for i := 0; i < 20; i++ {
		tk := run("a", "main")
		tk.reportSHA = fmt.Sprint(i)
		latest = tk
		q.add(tk)
	}
	q.mu.Lock()
	waiting := q.lines["acme/a"].tasks
	q.mu.Unlock()
	if len(waiting) != 1 || waiting[0].reportSHA != latest.reportSHA {
		t.Errorf("waiting %+v, want one task with the latest state", waiting)
	}
	close(release)
	waitIdle(t, q)
	if got := r.log(); len(got) != 2 {
		t.Errorf("ran %q, want 2 runs", got)
	}
}

func TestQueueMergeKeepsARunUnconditional(t *testing.T) {
	a := run("a", "main")
	a.conditional, a.labels = true, []string{"bug"}
	b := run("a", "main")
	b.conditional, b.labels = true, []string{"release:major"}
	a.merge(b)
	if !a.conditional || !slices.Equal(a.labels, []string{"bug", "release:major"}) {
		t.Errorf("two conditional runs: %+v", a)
	}
	a.merge(run("a", "main"))
	if a.conditional || a.labels != nil {
		t.Errorf("after an unconditional run: %+v", a)
	}
}

func TestQueueRetriesTransientFailuresWithBackoff(t *testing.T) {
	var mu sync.Mutex
	var at []time.Time
	r := &recorder{act: func(_ context.Context, tk *task) outcome {
		mu.Lock()
		defer mu.Unlock()
		if tk.key() == "run main" {
			at = append(at, time.Now())
			return transient
		}
		return done
	}}
	q := testQueue(2, r)
	q.add(run("a", "main"))
	q.add(preview("a", 7))
	q.start()
	deadline := time.Now().Add(5 * time.Second)
	for len(r.log()) < 4 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	waitIdle(t, q)
	want := []string{"acme/a run main", "acme/a run main", "acme/a run main", "acme/a preview #7"}
	if got := r.log(); !slices.Equal(got, want) {
		t.Fatalf("ran %q, want %q (3 tries, then the next task in order)", got, want)
	}
	if d := at[1].Sub(at[0]); d < 10*time.Millisecond {
		t.Errorf("first retry after %v, want the 10ms backoff", d)
	}
	if d := at[2].Sub(at[1]); d < 20*time.Millisecond {
		t.Errorf("second retry after %v, want the doubled backoff", d)
	}
}

func TestQueueDoesNotRetryPermanentFailuresOrPanics(t *testing.T) {
	r := &recorder{act: func(_ context.Context, tk *task) outcome {
		if tk.name == "panics" {
			panic("boom")
		}
		return permanent
	}}
	q := testQueue(1, r)
	q.add(run("fails", "main"))
	q.add(run("panics", "main"))
	q.add(run("fails", "dev"))
	q.start()
	waitIdle(t, q)
	if got := r.log(); len(got) != 3 {
		t.Errorf("ran %q", got)
	}
}

func TestQueueDrainFinishesOrAbandonsWithinTheDeadline(t *testing.T) {
	r := &recorder{act: func(ctx context.Context, tk *task) outcome {
		if tk.name == "slow" {
			<-ctx.Done()
			return transient
		}
		return done
	}}
	q := testQueue(1, r)
	q.add(run("slow", "main"))
	q.add(run("queued", "main"))
	q.start()
	for len(r.log()) == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	n, err := q.drain(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || n != 2 {
		t.Errorf("drain: %d abandoned, %v; want 2 and the deadline", n, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("drain took %v", d)
	}
	if err := q.add(run("late", "main")); !errors.Is(err, errClosed) {
		t.Errorf("add after drain: %v", err)
	}
	if got := r.log(); len(got) != 1 {
		t.Errorf("ran %q; the slow task must not be retried at shutdown", got)
	}
}

func TestQueueDebounceCollapsesABurst(t *testing.T) {
	r := &recorder{}
	q := testQueue(2, r)
	q.opts.debounce = 50 * time.Millisecond
	q.start()
	start := time.Now()
	for i := 0; i < 10; i++ {
		q.add(run("a", "main"))
		q.add(preview("a", 1))
	}
	for len(r.log()) < 2 && time.Since(start) < 5*time.Second {
		time.Sleep(time.Millisecond)
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("ran after %v, before the debounce", d)
	}
	waitIdle(t, q)
	if got := r.log(); !slices.Equal(got, []string{"acme/a run main", "acme/a preview #1"}) {
		t.Errorf("ran %q", got)
	}
	// At shutdown, debounced tasks run at once.
	q2 := testQueue(1, r)
	q2.opts.debounce = time.Hour
	q2.start()
	q2.add(run("b", "main"))
	start = time.Now()
	waitIdle(t, q2)
	if d := time.Since(start); d > 5*time.Second || len(r.log()) != 3 {
		t.Errorf("drain took %v and ran %q", d, r.log())
	}
}
