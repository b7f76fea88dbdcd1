package bump

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/releasebot/releasebot/internal/gitlog"

	"github.com/releasebot/releasebot/internal/checkout"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/semver"
)

// Describe returns, for every component of the checkout (one for a
// repository without packages), a version for a build between releases:
// the next version with a dev.N pre-release (N commits since the last
// release) and the short commit id as build metadata, plus "dirty" when
// tracked files have uncommitted changes. At a release tag with a clean
// tree it is that release's version. The same commit always gives the
// same answer. When no next release can be planned (a hand-made tag ranks
// above any candidate, say), a build still gets a version, from the last
// release. warnings are what it noticed and went on despite, such as a
// work tree status it could not read.
func Describe(w *checkout.Workspace) (described []Described, warnings []string, err error) {
	results, states, err := w.Releases(time.Time{}, plan.VersionOnly)
	if err != nil && states == nil {
		return nil, nil, err
	}
	dirty, err := w.Repo().Dirty()
	if errors.Is(err, gitlog.ErrStatusUnread) {
		// A build version is still wanted: the status counts as clean.
		warnings = append(warnings, fmt.Sprintf("%v; the version does not say whether the work tree is dirty", err))
		dirty, err = false, nil
	}
	if err != nil {
		return nil, warnings, err
	}
	out := make([]Described, len(states))
	for i, cs := range states {
		var res plan.Result
		if results != nil {
			res = results[i].Result
		}
		out[i] = Described{Name: cs.Name, Version: buildVersion(res, cs.State, dirty, plan.Rules(cs.Config).InitialVersion).String()}
	}
	return out, warnings, nil
}

// Described is one component's build version; Name is "" for a
// repository without packages.
type Described struct {
	Name, Version string
}

// buildVersion is the version of a build at st (see Describe).
func buildVersion(res plan.Result, st plan.State, dirty bool, initial semver.Version) semver.Version {
	n := len(st.SinceCurrent)
	var v semver.Version
	switch {
	case n == 0 && st.Current != nil && !st.FromVersionFile:
		v = *st.Current
	case res.Plan.Releasable:
		v = res.Plan.Next.Core()
	case st.Current != nil:
		v = st.Current.Bump(semver.Patch)
	default:
		v = initial.Core()
	}
	if n > 0 || st.Current == nil || st.FromVersionFile {
		v.Pre = []string{"dev", strconv.Itoa(n)}
		// After a pre-release of the same version, stay above it:
		// 1.3.0-rc.1.dev.2 sorts between 1.3.0-rc.1 and 1.3.0-rc.2.
		if c := st.Current; c != nil && c.IsPrerelease() && semver.Compare(c.Core(), v.Core()) == 0 {
			v.Pre = append(append([]string{}, c.Pre...), v.Pre...)
		}
	}
	if n > 0 || dirty {
		v.Build = []string{st.Head[:7]}
	}
	if dirty {
		v.Build = append(v.Build, "dirty")
	}
	return v
}
