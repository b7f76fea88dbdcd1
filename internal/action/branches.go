package action

import (
	"context"
	"fmt"

	"github.com/releasebot/releasebot/internal/connect"
	"github.com/releasebot/releasebot/internal/plan"
)

// candidate is a branch other than the default one that an event names
// (a push to it, the merge of its release pull request, a manual run on
// it) when no target-branch input is given. One workflow serves every
// release line: the step acts on the branch when the configuration read
// from it makes it a channel or a maintenance branch.
type candidate struct {
	branch, defaultBranch string
	// orDefault runs on the default branch instead when the candidate is
	// not a release branch (a manual run started on any branch); without
	// it the step does nothing.
	orDefault bool
}

// confirmBranch checks the decision's candidate branch against the
// configuration of the run opened for it. It returns the run to do: j
// itself, a run on the default branch, or nil (after closing j) when the
// step has nothing to do, with r saying why.
func confirmBranch(ctx context.Context, j *connect.Run, o connect.Options, d decision, r *result) (*connect.Run, error) {
	c := d.candidate
	if c.branch == "" || plan.ReleaseBranch(j.Bot.Config, c.branch) {
		return j, nil
	}
	j.Close()
	if !c.orDefault {
		r.acted = false
		r.why = fmt.Sprintf("%s, which is neither the default branch %s nor a channel or maintenance branch of the configuration", d.why, c.defaultBranch)
		return nil, nil
	}
	// The workspace holds the candidate, not the default branch: read the
	// default branch's history through the API.
	o.Target, o.History = c.defaultBranch, "api"
	r.target = c.defaultBranch
	r.why = fmt.Sprintf("%s (not a release branch: releasing %s)", d.why, c.defaultBranch)
	return connect.New(ctx, o)
}
