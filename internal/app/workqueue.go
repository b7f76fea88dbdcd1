package app

import (
	"context"
	"errors"
	"time"
)

// workQueue keeps the tasks of accepted deliveries and runs them in the
// background, one task at a time per repository. Two implement it: the
// in-process queue (queue.go, "memory"), which loses its tasks with the
// process, and the River queue (queue_river.go, SQLite or Postgres),
// which keeps them in a database shared by the replicas.
type workQueue interface {
	// enqueue records the delivery id and queues its tasks in one step:
	// when it returns nil the tasks are queued (committed, for a durable
	// queue), each merged into a waiting task with its key. It returns
	// errDuplicate when id was recorded before (within the de-duplication
	// window), errClosed while draining, errFull when too much is queued,
	// or the store's error; then nothing is recorded. An id of "" (a
	// resync) is not recorded.
	enqueue(ctx context.Context, id string, tasks []*task) error
	// start starts the workers and, when the options ask for it, the
	// periodic resync.
	start()
	// drain stops taking tasks and gives the running ones until ctx ends;
	// it returns how many tasks were lost (a durable queue keeps those it
	// did not run) and ctx's error when some were.
	drain(ctx context.Context) (int, error)
	// check returns an error while the queue's store cannot be reached.
	check(ctx context.Context) error
	// stats counts the tasks by state, for the metrics.
	stats(ctx context.Context) (queueStats, error)
	// busy reports whether a task is waiting or running (tests wait on it).
	busy(ctx context.Context) bool
}

// queueStats are a queue's tasks by state ("available": due to run,
// "scheduled": waiting for their debounce or a retry's backoff,
// "retryable", "running") and the age of the oldest in each state.
type queueStats map[string]stateStats

type stateStats struct {
	count  int
	oldest time.Duration
}

// waiting is the number of tasks not running.
func (s queueStats) waiting() int {
	n := 0
	for state, st := range s {
		if state != "running" {
			n += st.count
		}
	}
	return n
}

var (
	errDuplicate = errors.New("delivery already received")
	errClosed    = errors.New("shutting down: not taking work")
	errFull      = errors.New("too much work queued; retry later")
)
