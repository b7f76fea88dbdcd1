package plan

import (
	"fmt"

	"github.com/releasebot/releasebot/internal/semver"
)

// PackageResult is one package's prepared release.
type PackageResult struct {
	Component
	Result
	// State is the package's state the release was computed from.
	State State
}

// PreparePackages computes every package's release from its state, the
// files too when withFiles. in supplies what the packages share (remote,
// date, branch, labels, file reader); each package brings its own
// configuration and state. Linked packages share one version: when one of
// a group releases, all do, at the highest version the group calls for.
func PreparePackages(in Input, states []PackageState, withFiles bool) ([]PackageResult, error) {
	out := make([]PackageResult, len(states))
	for i, ps := range states {
		res, err := Plan(packageInput(in, ps, nil, semver.None))
		if err != nil {
			return nil, fmt.Errorf("package %s: %w", ps.Name, err)
		}
		out[i] = PackageResult{Component: ps.Component, Result: res, State: ps.State}
	}
	linked := linkedVersions(in.Config.LinkedVersions, out)
	for i, ps := range states {
		l, isLinked := linked[ps.Name]
		if !isLinked && !withFiles {
			continue
		}
		pin := packageInput(in, ps, nil, semver.None)
		if isLinked {
			pin = packageInput(in, ps, &l.version, l.level)
		}
		compute := Plan
		if withFiles {
			compute = Prepare
		}
		res, err := compute(pin)
		if err != nil {
			return nil, fmt.Errorf("package %s: %w", ps.Name, err)
		}
		out[i].Result = res
	}
	return out, nil
}

func packageInput(in Input, ps PackageState, next *semver.Version, level semver.Level) Input {
	pin := in
	pin.Config, pin.State, pin.Dir = ps.Config, ps.State, ps.Path
	pin.Next, pin.NextLevel = next, level
	return pin
}

// groupVersion is the version and level a linked group releases at.
type groupVersion struct {
	version semver.Version
	level   semver.Level
}

// linkedVersions returns, for each package of a group with a release, the
// group's version: the highest level any member calls for, applied to the
// highest version of the group (so a group that has drifted apart comes
// back together above all its members), or the highest next version when
// that is higher.
func linkedVersions(groups [][]string, plans []PackageResult) map[string]groupVersion {
	byName := map[string]*PackageResult{}
	for i := range plans {
		byName[plans[i].Name] = &plans[i]
	}
	out := map[string]groupVersion{}
	for _, group := range groups {
		var g *groupVersion
		for _, name := range group {
			p := byName[name]
			if p == nil || !p.Plan.Releasable {
				continue
			}
			if g == nil {
				g = &groupVersion{version: p.Plan.Next, level: p.Plan.Level}
			}
			if semver.Less(g.version, p.Plan.Next) {
				g.version = p.Plan.Next
			}
			g.level = max(g.level, p.Plan.Level)
		}
		if g == nil {
			continue
		}
		for _, name := range group {
			p := byName[name]
			if p == nil || p.Plan.Current == nil {
				continue
			}
			if v := p.Plan.Current.Bump(g.level); semver.Less(g.version, v) {
				g.version = v
			}
		}
		for _, name := range group {
			out[name] = *g
		}
	}
	return out
}
