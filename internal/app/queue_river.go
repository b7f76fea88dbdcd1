package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"
)

// riverQueue keeps the tasks in a database (SQLite or Postgres) through
// River (riverqueue.com), so that they survive the process and are shared
// by the replicas using the same database:
//   - enqueue commits the tasks and the delivery id before the webhook
//     answers 202 (the deliveries arriving together share a transaction);
//     a task whose key (repository and branch, or pull request) has a job
//     waiting is merged into that job's arguments, so that a burst becomes
//     one job on the latest state;
//   - a job takes its repository's lease before it runs (a job finding
//     the lease held waits a second, without using a try), so that a
//     repository has one job at a time across replicas;
//   - each process beats every heartbeatEvery; the running jobs and the
//     leases of a process silent for staleAfter are taken over (at once
//     at start for a SQLite file, which one process holds), so that a
//     killed process's jobs run again within about half a minute;
//   - transient failures are retried by River with the same backoff as
//     the memory queue;
//   - the periodic resync is a River periodic job, inserted by the elected
//     leader only, and at start when none ever ran or the last is older
//     than the interval.
type riverQueue[TTx any] struct {
	opts   queueOptions
	exec   executor
	st     store[TTx]
	d      *dialect
	client *river.Client[TTx]
	// id names this process: River's client id, the heartbeat's row.
	id    string
	where string

	closed  atomic.Bool
	running atomic.Int64
	// waiting is the last count of the waiting tasks (the maintenance
	// loop's), for errFull without a query per delivery.
	waiting atomic.Int64
	stop    context.CancelFunc
	loops   sync.WaitGroup
	// pending feeds the committers (see commitLoop); closed by drain.
	pending    chan *pendingDelivery
	sending    sync.RWMutex // held to send on pending, taken to close it
	committers sync.WaitGroup
	closeOnce  sync.Once
}

var _ workQueue = (*riverQueue[any])(nil)

const (
	heartbeatEvery = 5 * time.Second
	staleAfter     = 20 * time.Second
	// busyWait is how long a job waits when its repository is busy.
	busyWait = time.Second
	// dedupWindow is how long a delivery id is remembered: GitHub lets a
	// delivery be redelivered for three days.
	dedupWindow = 72 * time.Hour
)

// openRiver migrates the store (River's migrations, then releasebot's
// tables), checks it can be written, and builds the River client; it
// starts nothing.
func openRiver[TTx any](ctx context.Context, st store[TTx], where string, o queueOptions, exec executor) (*riverQueue[TTx], error) {
	q := &riverQueue[TTx]{opts: o, exec: exec, st: st, d: st.dialect(), where: where, id: replicaID(),
		pending: make(chan *pendingDelivery, 4*maxBatch)}
	migrator, err := rivermigrate.New(st.driver(), &rivermigrate.Config{Logger: quiet(o.log)})
	if err != nil {
		return nil, err
	}
	err = st.alone(ctx, func() error { // replicas starting together migrate one at a time
		if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
			return fmt.Errorf("migrating River's tables: %w", err)
		}
		for _, ddl := range ownSchema {
			if _, err := st.exec(ctx, ddl); err != nil {
				return fmt.Errorf("creating releasebot's tables: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := q.beat(ctx); err != nil { // a write, whatever the migrations did
		return nil, err
	}
	if err := st.warm(ctx, sqlDelivery, q.d.replaceWaiting, q.d.findWaiting, q.d.setArgs); err != nil {
		return nil, err
	}
	if q.client, err = river.NewClient(st.driver(), q.config()); err != nil {
		return nil, err
	}
	// Deliveries are taken before start (the server answers them). One
	// committer: SQLite has one writer, and two batches would wait for
	// each other's locks on the same waiting jobs in Postgres.
	q.committers.Add(1)
	go q.commitLoop()
	return q, nil
}

// config is River's configuration: one queue of opts.workers, retries
// with releasebot's backoff, the resync as a periodic job.
func (q *riverQueue[TTx]) config() *river.Config {
	workers := river.NewWorkers()
	river.AddWorker(workers, &taskWorker[TTx]{q: q})
	river.AddWorker(workers, &resyncWorker[TTx]{q: q})
	poll := time.Second
	if q.d.name == "sqlite" {
		poll = 200 * time.Millisecond // SQLite's notifications are polled anyway
	}
	cfg := &river.Config{
		ID:                   q.id,
		Logger:               quiet(q.opts.log),
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: q.opts.workers}},
		Workers:              workers,
		JobTimeout:           q.opts.timeout,
		MaxAttempts:          q.opts.attempts,
		RescueStuckJobsAfter: q.opts.timeout + time.Minute, // River's own net; the heartbeats come first
		// Finished jobs are kept an hour, to look into (the file stays small).
		CompletedJobRetentionPeriod: time.Hour,
		RetryPolicy:                 backoffPolicy{q.opts.backoff},
		FetchPollInterval:           poll,
		FetchCooldown:               20 * time.Millisecond,
		JobInsertMiddleware:         []rivertype.JobInsertMiddleware{dueNotScheduled},
	}
	if q.opts.resyncEvery > 0 {
		cfg.PeriodicJobs = []*river.PeriodicJob{river.NewPeriodicJob(jitterSchedule{q.opts.resyncEvery},
			func() (river.JobArgs, *river.InsertOpts) { return resyncArgs{}, nil }, &river.PeriodicJobOpts{ID: "resync"})}
	}
	return cfg
}

// start reclaims what dead processes left running, starts River and the
// maintenance loop, and queues a resync when one is due.
func (q *riverQueue[TTx]) start() {
	ctx, cancel := context.WithCancel(context.Background())
	q.stop = cancel
	if n, err := q.reclaim(ctx, q.st.sole()); err != nil {
		q.opts.log.Error("reclaiming the jobs of stopped processes", "error", err)
	} else if n > 0 {
		q.opts.log.Warn("jobs of a stopped process run again", "jobs", n)
	}
	if err := q.resyncIfDue(ctx); err != nil {
		q.opts.log.Error("queueing the first resync", "error", err)
	}
	if err := q.client.Start(ctx); err != nil {
		q.opts.log.Error("starting the queue's workers", "queue", q.where, "error", err)
	}
	q.loops.Add(1)
	go q.maintain(ctx)
	q.opts.log.Info("queue started", "queue", q.where, "replica", q.id)
}

// drain stops taking tasks, lets the running ones finish until ctx ends,
// then cancels them: River puts them back to run again (here after a
// restart, or on another replica). Nothing is lost; the store is closed.
func (q *riverQueue[TTx]) drain(ctx context.Context) (int, error) {
	q.sending.Lock()
	q.closed.Store(true)
	q.sending.Unlock()
	defer q.st.close()
	defer q.closeOnce.Do(func() {
		q.sending.Lock()
		close(q.pending)
		q.sending.Unlock()
		q.committers.Wait()
	})
	if q.stop == nil { // never started
		return 0, nil
	}
	err := q.client.Stop(ctx)
	if err != nil {
		hard, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		q.client.StopAndCancel(hard)
	}
	q.stop()
	q.loops.Wait()
	gone, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	q.st.exec(gone, sqlGone, q.id)
	return 0, nil
}

// check pings the store.
func (q *riverQueue[TTx]) check(ctx context.Context) error {
	var one int
	return q.st.row(ctx, sqlPing, nil, &one)
}

// stats counts the tasks by state, across the replicas.
func (q *riverQueue[TTx]) stats(ctx context.Context) (queueStats, error) {
	st := queueStats{}
	err := q.st.each(ctx, q.d.stats, nil, func(r scanner) error {
		var state string
		var n int
		var age float64
		if err := r.Scan(&state, &n, &age); err != nil {
			return err
		}
		st[state] = stateStats{count: n, oldest: time.Duration(age * float64(time.Second))}
		return nil
	})
	return st, err
}

// busy reports whether a task waits or runs (or the store cannot tell).
func (q *riverQueue[TTx]) busy(ctx context.Context) bool {
	st, err := q.stats(ctx)
	return err != nil || st.waiting() > 0 || st["running"].count > 0
}

// replicaID names a process: host, pid and a random suffix.
func replicaID() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%.40s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// quiet passes on River's warnings and errors only.
func quiet(log *slog.Logger) *slog.Logger {
	return slog.New(levelFloor{log.Handler(), slog.LevelWarn}).With("component", "river")
}

type levelFloor struct {
	slog.Handler
	min slog.Level
}

func (h levelFloor) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h levelFloor) WithAttrs(a []slog.Attr) slog.Handler {
	return levelFloor{h.Handler.WithAttrs(a), h.min}
}

func (h levelFloor) WithGroup(name string) slog.Handler {
	return levelFloor{h.Handler.WithGroup(name), h.min}
}
