package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// outcome is how a task ended.
type outcome int

const (
	done      outcome = iota // done, or skipped on purpose
	transient                // failed for a reason worth another try
	permanent                // failed; another try would fail the same way
)

// executor runs one task.
type executor func(ctx context.Context, t *task) outcome

type queueOptions struct {
	workers, maxQueued, attempts int
	// debounce delays a new task, so that the events of a burst merge
	// into it; backoff is the first wait before a retry; timeout bounds
	// one task.
	debounce, backoff, timeout time.Duration
	metrics                    *metrics
	log                        *slog.Logger
	// resync, when resyncEvery is positive, queues a run of every
	// repository; it is called that often (with jitter).
	resync      func(context.Context) (int, error)
	resyncEvery time.Duration
}

// queue runs tasks in the background. Each repository has its own line:
// its tasks run one at a time, in the order they came; a task whose key is
// already waiting in the line is merged into the waiting one, and a new
// task waits `debounce` before it may run, so that a burst of events for a
// repository becomes one run on the latest state. Repositories take turns (a repository goes to the back after each task) and at most
// `workers` run at once. A task that fails transiently goes back to the
// front of its line after a backoff (doubled each try, `attempts` tries in
// all); its repository waits meanwhile, which keeps the order.
type queue struct {
	opts queueOptions
	exec executor

	mu     sync.Mutex
	cond   *sync.Cond
	lines  map[string]*line
	ready  []string // repositories with a task to run and no task running
	queued int
	// runningTasks counts the tasks being run.
	runningTasks int
	closed       bool // no task is taken any more
	stopped      bool // workers exit
	wg           sync.WaitGroup

	ctx    context.Context // the tasks' parent; cancelled to abandon them
	cancel context.CancelFunc
	// seen remembers the deliveries queued; stopResync ends the periodic
	// resync.
	seen       *deliveries
	stopResync context.CancelFunc
	resyncDone chan struct{}
}

var _ workQueue = (*queue)(nil)

// line is one repository's tasks.
type line struct {
	tasks   []*task
	running bool
	waiting bool // a timer will make the line ready (see markReady)
	ready   bool // in queue.ready
}

func newQueue(o queueOptions, exec executor) *queue {
	q := &queue{opts: o, exec: exec, lines: map[string]*line{}, seen: newDeliveries(100_000)}
	q.cond = sync.NewCond(&q.mu)
	q.ctx, q.cancel = context.WithCancel(context.Background())
	return q
}

// start starts the workers and the periodic resync.
func (q *queue) start() {
	for i := 0; i < q.opts.workers; i++ {
		q.wg.Add(1)
		go q.work()
	}
	ctx, cancel := context.WithCancel(context.Background())
	q.stopResync, q.resyncDone = cancel, make(chan struct{})
	go func() {
		defer close(q.resyncDone)
		if q.opts.resyncEvery > 0 {
			resyncLoop(ctx, q.opts.resyncEvery, q.opts.resync, q.opts.log)
		}
	}()
}

// enqueue records id (in memory: a restart forgets it) and adds the tasks.
func (q *queue) enqueue(_ context.Context, id string, tasks []*task) error {
	if id != "" && !q.seen.add(id) {
		return errDuplicate
	}
	for _, t := range tasks {
		if err := q.add(t); err != nil {
			if id != "" {
				q.seen.remove(id)
			}
			return err
		}
	}
	return nil
}

// check: the memory queue is always reachable.
func (q *queue) check(context.Context) error { return nil }

// busy reports whether a task is waiting or running.
func (q *queue) busy(context.Context) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.lines) > 0 || q.runningTasks > 0
}

// stats counts the waiting tasks (due or not) and the running ones.
func (q *queue) stats(context.Context) (queueStats, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := time.Now()
	st := queueStats{}
	for _, l := range q.lines {
		for _, t := range l.tasks {
			state := "available"
			if t.due.After(now) {
				state = "scheduled"
				if t.attempt > 0 {
					state = "retryable"
				}
			}
			s := st[state]
			s.count++
			s.oldest = max(s.oldest, now.Sub(t.queued))
			st[state] = s
		}
	}
	st["running"] = stateStats{count: q.runningTasks}
	return st, nil
}

// add queues t, or merges it into the waiting task with its key.
func (q *queue) add(t *task) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return errClosed
	}
	l := q.lines[t.queueKey()]
	if l == nil {
		l = &line{}
		q.lines[t.queueKey()] = l
	}
	for _, w := range l.tasks {
		if w.key() == t.key() {
			w.merge(t)
			return nil
		}
	}
	if q.queued >= q.opts.maxQueued {
		return errFull
	}
	t.queued = time.Now()
	t.due = t.queued.Add(q.opts.debounce)
	l.tasks = append(l.tasks, t)
	q.queued++
	q.opts.metrics.queueDepth.Set(float64(q.queued))
	q.markReady(t.queueKey(), l)
	return nil
}

// markReady puts a repository in the ready list when it has a task to run,
// none running, and its first task is due; when that task is not due yet,
// a timer calls markReady again then. Callers hold q.mu.
func (q *queue) markReady(key string, l *line) {
	if len(l.tasks) == 0 || l.running || l.waiting || l.ready {
		return
	}
	if wait := time.Until(l.tasks[0].due); wait > 0 && !q.closed {
		l.waiting = true
		time.AfterFunc(wait, func() {
			q.mu.Lock()
			defer q.mu.Unlock()
			l.waiting = false
			if q.lines[key] == l {
				q.markReady(key, l)
			}
		})
		return
	}
	l.ready = true
	q.ready = append(q.ready, key)
	q.cond.Signal()
}

// next takes the next task to run, waiting for one; ok is false when the
// workers must exit.
func (q *queue) next() (*task, string, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.ready) == 0 && !q.stopped && !(q.closed && q.queued == 0) {
		q.cond.Wait()
	}
	if q.stopped || len(q.ready) == 0 {
		return nil, "", false
	}
	key := q.ready[0]
	q.ready = q.ready[1:]
	l := q.lines[key]
	l.ready, l.running = false, true
	t := l.tasks[0]
	l.tasks = l.tasks[1:]
	q.queued--
	q.opts.metrics.queueDepth.Set(float64(q.queued))
	q.runningTasks++
	q.opts.metrics.running.Set(float64(q.runningTasks))
	return t, key, true
}

func (q *queue) work() {
	defer q.wg.Done()
	for {
		t, key, ok := q.next()
		if !ok {
			return
		}
		ctx, cancel := context.WithTimeout(q.ctx, q.opts.timeout)
		res := q.safeExec(ctx, t)
		cancel()
		q.finish(key, t, res)
	}
}

// safeExec runs a task (see runSafely).
func (q *queue) safeExec(ctx context.Context, t *task) outcome {
	return runSafely(ctx, q.exec, t, q.opts.log)
}

// runSafely runs a task; a panic is a permanent failure, logged, never a
// crash of the server.
func runSafely(ctx context.Context, exec executor, t *task, log *slog.Logger) (res outcome) {
	defer func() {
		if r := recover(); r != nil {
			log.Error("task panicked; please report it", "repository", t.repo(), "task", t.key(), "panic", fmt.Sprint(r))
			res = permanent
		}
	}()
	return exec(ctx, t)
}

// finish records a task's end: a transient failure with tries left goes
// back to the front of its line, after a backoff.
func (q *queue) finish(key string, t *task, res outcome) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.runningTasks--
	q.opts.metrics.running.Set(float64(q.runningTasks))
	l := q.lines[key]
	l.running = false
	if res == transient && t.attempt+1 < q.opts.attempts && !q.closed && q.ctx.Err() == nil {
		q.retry(key, l, t)
	}
	if len(l.tasks) == 0 && !l.waiting {
		delete(q.lines, key)
	} else {
		q.markReady(key, l)
	}
	if q.closed && q.queued == 0 {
		q.cond.Broadcast()
	}
}

// retry puts t back at the front of its line after a backoff, unless a
// later task with its key is waiting (that one carries newer state).
// Callers hold q.mu.
func (q *queue) retry(key string, l *line, t *task) {
	for _, w := range l.tasks {
		if w.key() == t.key() {
			return
		}
	}
	t.attempt++
	wait := q.opts.backoff << (t.attempt - 1)
	t.due = time.Now().Add(wait)
	l.tasks = append([]*task{t}, l.tasks...)
	q.queued++
	q.opts.metrics.queueDepth.Set(float64(q.queued))
	q.opts.log.Info("task failed; retrying", "repository", t.repo(), "task", t.key(), "attempt", t.attempt+1, "in", wait.String())
}

// drain stops taking tasks and lets the workers finish what is queued
// (at once, without waiting for debounces) until ctx ends; then it cancels
// the running tasks (each one's next run repairs what it left half done)
// and drops the queued ones. Retries waiting for their backoff are dropped
// at once. It returns how many tasks were abandoned, and ctx's error if
// any were.
func (q *queue) drain(ctx context.Context) (int, error) {
	if q.stopResync != nil {
		q.stopResync()
		<-q.resyncDone
	}
	q.mu.Lock()
	q.closed = true
	abandoned := 0
	for key, l := range q.lines {
		if !l.waiting {
			continue
		}
		l.waiting = false // the pending timer finds the line ready or running
		if !l.running && len(l.tasks) > 0 && l.tasks[0].attempt > 0 {
			l.tasks = l.tasks[1:]
			q.queued--
			abandoned++
		}
		if len(l.tasks) == 0 && !l.running {
			delete(q.lines, key)
			continue
		}
		q.markReady(key, l)
	}
	q.opts.metrics.queueDepth.Set(float64(q.queued))
	q.cond.Broadcast()
	q.mu.Unlock()
	finished := make(chan struct{})
	go func() {
		q.wg.Wait()
		close(finished)
	}()
	select {
	case <-finished:
		if abandoned > 0 {
			return abandoned, errors.New("retries waiting for their backoff were dropped")
		}
		return 0, nil
	case <-ctx.Done():
	}
	q.mu.Lock()
	abandoned += q.queued + q.runningTasks
	q.stopped = true
	q.cond.Broadcast()
	q.mu.Unlock()
	q.cancel()
	select {
	case <-finished:
	case <-time.After(5 * time.Second): // a task deaf to its context is left behind
	}
	return abandoned, ctx.Err()
}
