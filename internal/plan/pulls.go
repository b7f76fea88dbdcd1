package plan

import (
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/semver"
)

// PullFacts are what pull requests say about a release beyond its commits,
// as read from the forge: the bump labels (and titles) of merged pull
// requests, the commit messages their bodies override, which pull request
// brought the commits whose messages name none, and the bump label on the
// open release pull request. A local checkout knows none of it.
type PullFacts struct {
	// Pulls are the bump labels of merged pull requests, by number.
	Pulls map[int]release.PullLabel
	// Overrides are the BEGIN_COMMIT_OVERRIDE messages of merged pull
	// requests, by number (see release.CommitOverride).
	Overrides map[int]string
	// CommitPulls maps commits to the pull request that brought them.
	CommitPulls map[string]int
	// Force is the level the release pull request's label Label sets;
	// Pull is that pull request's number.
	Force semver.Level
	Label string
	Pull  int
}

// Apply records the facts in the input and in each component's state.
func (f PullFacts) Apply(in *Input, states []ComponentState) {
	in.Pulls, in.Overrides = f.Pulls, f.Overrides
	in.Force, in.ForceLabel, in.ForcePull = f.Force, f.Label, f.Pull
	if f.CommitPulls == nil {
		return
	}
	for i := range states {
		states[i].State.CommitPulls = f.CommitPulls
	}
}
