package app

import (
	"context"
	"errors"
	"time"

	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// taskArgs is a task as a River job's arguments (JSON).
type taskArgs struct {
	// Merge is the task's repository and key ("acme/rocket run main"):
	// an enqueue finds the waiting job to merge into by it. Repo is the
	// repository's lease.
	Merge         string    `json:"merge"`
	Repo          string    `json:"repo"`
	Task          string    `json:"task"` // run or preview
	Installation  int64     `json:"installation"`
	Owner         string    `json:"owner"`
	Name          string    `json:"name"`
	Branch        string    `json:"branch"`
	DefaultBranch string    `json:"default_branch,omitempty"`
	Conditional   bool      `json:"conditional,omitempty"`
	Labels        []string  `json:"labels,omitempty"`
	Pull          *pullArgs `json:"pull,omitempty"`
	Squash        bool      `json:"squash,omitempty"`
	ReportSHA     string    `json:"report_sha,omitempty"`
	Delivery      string    `json:"delivery,omitempty"`
}

// pullArgs is the previewed pull request.
type pullArgs struct {
	Number    int       `json:"number"`
	Title     string    `json:"title"`
	Body      string    `json:"body,omitempty"`
	State     string    `json:"state"`
	Merged    bool      `json:"merged,omitempty"`
	MergeSHA  string    `json:"merge_sha,omitempty"`
	Head      string    `json:"head"`
	Base      string    `json:"base"`
	HeadSHA   string    `json:"head_sha"`
	Labels    []string  `json:"labels,omitempty"`
	URL       string    `json:"url,omitempty"`
	MergedAt  time.Time `json:"merged_at,omitzero"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

func (taskArgs) Kind() string { return jobKindTask }

func mergeKey(t *task) string { return t.queueKey() + " " + t.key() }

func argsOf(t *task) taskArgs {
	a := taskArgs{
		Merge: mergeKey(t), Repo: t.queueKey(), Task: t.kind.String(), Installation: t.installation,
		Owner: t.owner, Name: t.name, Branch: t.branch, DefaultBranch: t.defaultBranch,
		Conditional: t.conditional, Labels: t.labels, Squash: t.squash, ReportSHA: t.reportSHA, Delivery: t.delivery,
	}
	if t.kind == kindPreview {
		p := t.pull
		a.Pull = &pullArgs{Number: p.Number, Title: p.Title, Body: p.Body, State: p.State, Merged: p.Merged,
			MergeSHA: p.MergeSHA, Head: p.Head, Base: p.Base, HeadSHA: p.HeadSHA, Labels: p.Labels, URL: p.URL,
			MergedAt: p.MergedAt, UpdatedAt: p.UpdatedAt}
	}
	return a
}

func (a taskArgs) task() *task {
	t := &task{kind: kindRun, installation: a.Installation, owner: a.Owner, name: a.Name, branch: a.Branch,
		defaultBranch: a.DefaultBranch, conditional: a.Conditional, labels: a.Labels, squash: a.Squash,
		reportSHA: a.ReportSHA, delivery: a.Delivery}
	if a.Task == kindPreview.String() {
		t.kind = kindPreview
	}
	if p := a.Pull; p != nil {
		t.pull = repohost.Pull{Number: p.Number, Title: p.Title, Body: p.Body, State: p.State, Merged: p.Merged,
			MergeSHA: p.MergeSHA, Head: p.Head, Base: p.Base, HeadSHA: p.HeadSHA, Labels: p.Labels, URL: p.URL,
			MergedAt: p.MergedAt, UpdatedAt: p.UpdatedAt}
	}
	return t
}

// taskWorker runs a task job: it takes the repository's lease (or waits
// busyWait without using a try), runs the task, and tells River how it
// ended: done or failed for good (not retried), or transient (retried
// after the backoff, unless a newer job with the same key waits: that one
// carries the latest state).
type taskWorker[TTx any] struct {
	river.WorkerDefaults[taskArgs]
	q *riverQueue[TTx]
}

func (w *taskWorker[TTx]) Work(ctx context.Context, job *river.Job[taskArgs]) error {
	q := w.q
	t := job.Args.task()
	t.attempt = job.Attempt - 1
	log := q.opts.log.With("repository", t.repo(), "task", t.key(), "job", job.ID)
	ok, err := q.lease(ctx, job.Args.Repo, job.ID)
	if err != nil {
		log.Warn("the queue cannot be reached; the job waits", "error", err)
		return river.JobSnooze(5 * busyWait)
	}
	if !ok {
		return river.JobSnooze(busyWait)
	}
	defer q.unlease(job.Args.Repo, job.ID)
	q.running.Add(1)
	q.opts.metrics.running.Set(float64(q.running.Load()))
	res := runSafely(ctx, q.exec, t, q.opts.log)
	q.running.Add(-1)
	q.opts.metrics.running.Set(float64(q.running.Load()))
	if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return ctx.Err() // stopped with the process: River makes it available again
	}
	switch res {
	case permanent:
		return river.JobCancel(errors.New("failed; not retried (see the logs)"))
	case transient:
		if q.newer(job.Args.Merge, job.ID) {
			log.Info("task failed; a newer one with its key waits, which replaces the retry")
			return nil
		}
		if job.Attempt < job.MaxAttempts {
			log.Info("task failed; retrying", "attempt", job.Attempt+1, "in", backoff(q.opts.backoff, job.Attempt).String())
		}
		return errors.New("failed for a transient reason")
	}
	return nil
}

// newer reports whether another job with the merge key waits.
func (q *riverQueue[TTx]) newer(key string, id int64) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var n int
	return q.st.row(ctx, q.d.newer, []any{key, id}, &n) == nil && n > 0
}

// resyncArgs is the periodic resync's job; one waits or runs at a time.
type resyncArgs struct{}

func (resyncArgs) Kind() string { return jobKindResync }

func (resyncArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled,
	}}}
}

type resyncWorker[TTx any] struct {
	river.WorkerDefaults[resyncArgs]
	q *riverQueue[TTx]
}

func (w *resyncWorker[TTx]) Work(ctx context.Context, _ *river.Job[resyncArgs]) error {
	q := w.q
	n, err := q.opts.resync(ctx)
	if err != nil {
		q.opts.log.Error("resync failed", "error", err, "queued", n)
		return err
	}
	q.opts.log.Info("resync queued a run of every repository", "repositories", n)
	_, err = q.st.exec(ctx, sqlSetState, "resync", time.Now().UnixMilli())
	return err
}

// resyncIfDue queues a resync when none ever ran, or the last is older
// than the interval (the periodic job's schedule starts afresh with each
// leader).
func (q *riverQueue[TTx]) resyncIfDue(ctx context.Context) error {
	if q.opts.resyncEvery <= 0 {
		return nil
	}
	var last int64
	err := q.st.row(ctx, sqlGetState, []any{"resync"}, &last)
	if err == nil && time.Since(time.UnixMilli(last)) < q.opts.resyncEvery {
		return nil
	}
	if err != nil && !errors.Is(err, errNoRows) {
		return err
	}
	_, err = q.client.Insert(ctx, resyncArgs{}, nil)
	return err
}

// backoffPolicy waits backoff, doubled at each try (as the memory queue).
type backoffPolicy struct{ first time.Duration }

func (p backoffPolicy) NextRetry(job *rivertype.JobRow) time.Time {
	return time.Now().Add(backoff(p.first, job.Attempt))
}

// backoff is the wait after the failed try number attempt (1-based).
func backoff(first time.Duration, attempt int) time.Duration {
	return first << min(max(attempt-1, 0), 20)
}

// jitterSchedule is every interval plus up to a tenth of it.
type jitterSchedule struct{ every time.Duration }

func (s jitterSchedule) Next(t time.Time) time.Time { return t.Add(jittered(s.every)) }

// dueNotScheduled inserts a task due later (its debounce) as available
// rather than scheduled: River's fetch skips it until it is due, where a
// scheduled job would wait for the leader's scheduler, which runs every 5
// seconds.
var dueNotScheduled = river.JobInsertMiddlewareFunc(func(ctx context.Context, many []*rivertype.JobInsertParams,
	inner func(context.Context) ([]*rivertype.JobInsertResult, error)) ([]*rivertype.JobInsertResult, error) {
	for _, p := range many {
		if p.Kind == jobKindTask && p.State == rivertype.JobStateScheduled {
			p.State = rivertype.JobStateAvailable
		}
	}
	return inner(ctx)
})
