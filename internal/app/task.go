package app

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/releasebot/releasebot/internal/repohost"
)

// taskKind is what a task does.
type taskKind int

const (
	// kindRun publishes the merged release pull requests of a branch, then
	// opens, refreshes or closes its release pull request (bot.Run).
	kindRun taskKind = iota
	// kindPreview writes the releasebot check run of an open pull request.
	kindPreview
)

func (k taskKind) String() string {
	if k == kindPreview {
		return "preview"
	}
	return "run"
}

// task is one unit of background work on one repository. Tasks of a
// repository run one at a time, in order; a task queued while another
// with the same key waits is merged into it (see merge), so that a burst
// of events becomes one run on the latest state.
type task struct {
	kind         taskKind
	installation int64
	owner, name  string
	// branch is the branch a run releases, or the base of a previewed
	// pull request; defaultBranch is the repository's default branch (a
	// run on another branch is done only when the configuration makes it
	// a release branch).
	branch, defaultBranch string
	// conditional runs were asked by label changes: they are done only
	// when one of labels is a bump label of the configuration.
	conditional bool
	labels      []string
	// pull is the previewed pull request; squash says the repository only
	// squash-merges.
	pull   repohost.Pull
	squash bool
	// reportSHA is the commit a broken configuration is reported on (a
	// check run); "" reports it only in the logs.
	reportSHA string
	// delivery is the webhook delivery that asked for the task ("" for a
	// resync); attempt counts tries (0 for the first).
	delivery string
	attempt  int
	// due is when the task may run (its debounce, or its retry's backoff);
	// queued is when it was queued (memory queue).
	due, queued time.Time
}

// repo is OWNER/NAME.
func (t *task) repo() string { return t.owner + "/" + t.name }

// queueKey is the repository, case-folded as GitHub compares names.
func (t *task) queueKey() string { return strings.ToLower(t.repo()) }

// key identifies the work within the repository: tasks with equal keys
// collapse.
func (t *task) key() string {
	if t.kind == kindPreview {
		return fmt.Sprintf("preview #%d", t.pull.Number)
	}
	return "run " + t.branch
}

// merge folds the later task into t: the later one's data (the latest
// state, and a fresh count of tries) wins, and a run stays unconditional
// when either was.
func (t *task) merge(later *task) {
	conditional := t.conditional && later.conditional
	labels := append(slices.Clone(t.labels), later.labels...)
	due, queued := t.due, t.queued
	*t = *later
	t.conditional, t.due, t.queued = conditional, due, queued
	if conditional {
		slices.Sort(labels)
		t.labels = slices.Compact(labels)
	} else {
		t.labels = nil
	}
}
