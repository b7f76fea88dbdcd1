package app

import (
	"context"
	"time"
)

// lease takes the lease of repo for a job: it is free, already the
// job's (a job run again after its process died), expired (a job outlives
// its timeout by 30 s at most), or held by a process that stopped
// beating.
func (q *riverQueue[TTx]) lease(ctx context.Context, repo string, job int64) (bool, error) {
	now := time.Now()
	n, err := q.st.exec(ctx, sqlLease, repo, job, q.id, now.Add(q.opts.timeout+30*time.Second).UnixMilli(),
		now.UnixMilli(), now.Add(-staleAfter).UnixMilli())
	return n > 0, err
}

// unlease gives the lease back, even when the job's context has ended.
func (q *riverQueue[TTx]) unlease(repo string, job int64) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := q.st.exec(ctx, sqlUnlease, repo, job); err != nil {
		q.opts.log.Warn("giving back a repository's lease; it expires by itself", "repository", repo, "error", err)
	}
}

// beat records that this process is alive.
func (q *riverQueue[TTx]) beat(ctx context.Context) error {
	_, err := q.st.exec(ctx, sqlHeartbeat, q.id, time.Now().UnixMilli())
	return err
}

// reclaim makes the jobs left running by processes that stopped beating
// available again (all but this process's when all is set: the store is
// this process's alone). It returns how many.
func (q *riverQueue[TTx]) reclaim(ctx context.Context, all bool) (int, error) {
	live := map[string]bool{q.id: true}
	if all { // and their leases, whose holders are dead too
		if _, err := q.st.exec(ctx, sqlForgetOthers, q.id); err != nil {
			return 0, err
		}
		if _, err := q.st.exec(ctx, sqlLeasesOfOthers, q.id); err != nil {
			return 0, err
		}
	} else {
		err := q.st.each(ctx, sqlLive, []any{time.Now().Add(-staleAfter).UnixMilli()}, func(r scanner) error {
			var id string
			err := r.Scan(&id)
			live[id] = true
			return err
		})
		if err != nil {
			return 0, err
		}
	}
	type stuck struct {
		id      int64
		attempt int
	}
	var found []stuck
	err := q.st.each(ctx, q.d.running, nil, func(r scanner) error {
		var s stuck
		var by string
		if err := r.Scan(&s.id, &s.attempt, &by); err != nil {
			return err
		}
		if !live[by] {
			found = append(found, s)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range found {
		changed, err := q.st.exec(ctx, q.d.reclaim, s.id, s.attempt)
		if err != nil {
			return n, err
		}
		n += int(changed)
	}
	return n, nil
}

// maintain beats, reclaims the jobs of dead processes, samples the
// queue's depth and forgets expired delivery ids, until ctx ends.
func (q *riverQueue[TTx]) maintain(ctx context.Context) {
	defer q.loops.Done()
	tick := time.NewTicker(heartbeatEvery)
	defer tick.Stop()
	for i := 1; ; i++ {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if err := q.beat(ctx); err != nil {
			q.opts.log.Warn("the queue cannot be reached", "queue", q.where, "error", err)
			continue
		}
		if n, err := q.reclaim(ctx, false); err != nil {
			q.opts.log.Warn("reclaiming the jobs of stopped processes", "error", err)
		} else if n > 0 {
			q.opts.log.Warn("jobs of a stopped process run again", "jobs", n)
		}
		if st, err := q.stats(ctx); err == nil {
			q.waiting.Store(int64(st.waiting()))
			q.opts.metrics.queueDepth.Set(float64(st.waiting()))
		}
		if i%60 == 0 { // every five minutes
			q.cleanup(ctx)
		}
	}
}

// cleanup forgets expired delivery ids and leases, and processes gone
// for an hour.
func (q *riverQueue[TTx]) cleanup(ctx context.Context) {
	now := time.Now()
	for {
		n, err := q.st.exec(ctx, sqlExpire, now.UnixMilli())
		if err != nil || n < 1000 {
			break
		}
	}
	q.st.exec(ctx, sqlOldLeases, now.UnixMilli())
	q.st.exec(ctx, sqlOldReplica, now.Add(-time.Hour).UnixMilli())
}
