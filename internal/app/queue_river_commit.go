package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/riverqueue/river"
)

// enqueue hands the delivery to the committers and waits for its batch
// to be committed (see commit).
func (q *riverQueue[TTx]) enqueue(ctx context.Context, id string, tasks []*task) error {
	if int(q.waiting.Load()) >= q.opts.maxQueued {
		return errFull
	}
	d := &pendingDelivery{id: id, tasks: tasks, done: make(chan error, 1)}
	q.sending.RLock()
	if q.closed.Load() {
		q.sending.RUnlock()
		return errClosed
	}
	select {
	case q.pending <- d:
		q.sending.RUnlock()
	case <-ctx.Done():
		q.sending.RUnlock()
		return ctx.Err()
	}
	select {
	case err := <-d.done:
		return err
	case <-ctx.Done():
		return ctx.Err() // it may still be committed: a redelivery is then a duplicate
	}
}

// pendingDelivery is a delivery waiting for its batch.
type pendingDelivery struct {
	id    string
	tasks []*task
	done  chan error
}

// maxBatch bounds the deliveries committed together.
const maxBatch = 64

// commitLoop takes the deliveries waiting, up to maxBatch, and commits
// them together: one transaction for a burst, where each delivery would
// otherwise wait for the others' (SQLite has one writer), and fewer round
// trips. It runs until the queue is closed.
func (q *riverQueue[TTx]) commitLoop() {
	defer q.committers.Done()
	batch := make([]*pendingDelivery, 0, maxBatch)
	for first := range q.pending {
		batch = append(batch[:0], first)
	more:
		for len(batch) < maxBatch {
			select {
			case d, ok := <-q.pending:
				if !ok {
					break more
				}
				batch = append(batch, d)
			default:
				break more
			}
		}
		q.commit(batch)
	}
}

// commit records each delivery's id and merges or inserts its tasks, all
// in one transaction; a duplicate delivery changes nothing and gets
// errDuplicate. When the transaction fails, every delivery gets the error.
func (q *riverQueue[TTx]) commit(batch []*pendingDelivery) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	results := make([]error, len(batch))
	err := q.st.inTx(ctx, func(tx TTx, tq querier) error {
		now := time.Now()
		var tasks []*task
		for i, d := range batch {
			if d.id != "" {
				n, err := tq.exec(ctx, sqlDelivery, d.id, now.Add(dedupWindow).UnixMilli(), now.UnixMilli())
				if err != nil {
					return fmt.Errorf("recording the delivery: %w", err)
				}
				if n == 0 {
					results[i] = errDuplicate
					continue
				}
			}
			tasks = append(tasks, d.tasks...)
		}
		// In the order of their keys, so that two transactions lock the
		// keys they share in the same order (no deadlock); a key's tasks
		// stay in the order they came, the latest merged last.
		slices.SortStableFunc(tasks, func(a, b *task) int { return strings.Compare(mergeKey(a), mergeKey(b)) })
		for _, t := range tasks {
			if err := q.put(ctx, tx, tq, t, now); err != nil {
				return err
			}
		}
		return nil
	})
	for i, d := range batch {
		if err != nil {
			results[i] = err
		}
		d.done <- results[i]
	}
}

// put merges t into the waiting job with its key, or inserts a job due
// after the debounce.
func (q *riverQueue[TTx]) put(ctx context.Context, tx TTx, tq querier, t *task, now time.Time) error {
	key := mergeKey(t)
	if !t.conditional {
		// The later task's data replaces the waiting one's (see
		// task.merge): one statement, nothing to read.
		args, err := json.Marshal(argsOf(t))
		if err != nil {
			return err
		}
		n, err := tq.exec(ctx, q.d.replaceWaiting, string(args), key)
		if err != nil || n > 0 {
			return err
		}
	} else {
		var jobID int64
		var raw []byte
		switch err := tq.row(ctx, q.d.findWaiting, []any{key}, &jobID, &raw); {
		case err == nil:
			var waiting taskArgs
			if err := json.Unmarshal(raw, &waiting); err != nil {
				return fmt.Errorf("job %d's arguments: %w", jobID, err)
			}
			w := waiting.task()
			w.merge(t)
			merged, err := json.Marshal(argsOf(w))
			if err != nil {
				return err
			}
			_, err = tq.exec(ctx, q.d.setArgs, string(merged), jobID)
			return err
		case !errors.Is(err, errNoRows):
			return err
		}
	}
	opts := &river.InsertOpts{MaxAttempts: q.opts.attempts}
	if q.opts.debounce > 0 {
		opts.ScheduledAt = now.Add(q.opts.debounce)
	}
	_, err := q.client.InsertTx(ctx, tx, argsOf(t), opts)
	return err
}
