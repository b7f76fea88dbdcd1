package plan

import (
	"fmt"

	"github.com/releasebot/releasebot/internal/semver"
)

// Depth says how much of a release Releases works out.
type Depth int

const (
	// VersionOnly is the version and why, without the notes: `next` and
	// `describe` print none, and on a long history rendering costs as
	// much as deciding.
	VersionOnly Depth = iota
	// Notes adds the rendered notes, reading no file the release
	// rewrites.
	Notes
	// Files adds the exact edits of every file the release rewrites.
	Files
)

// ComponentResult is one component's prepared release.
type ComponentResult struct {
	Component
	Result
	// State is the component's state the release was computed from.
	State State
}

// Releases computes the release of every component from its state, to
// depth. in supplies what the components share (remote, date, branch,
// labels, file reader); each component brings its own configuration and
// state. Linked packages share one version: when one of a group releases,
// all do, at the highest version the group calls for. Errors name the
// package of a multi-package repository.
func Releases(in Input, states []ComponentState, depth Depth) ([]ComponentResult, error) {
	groups := in.Config.LinkedVersions
	linkedName := map[string]bool{}
	for _, g := range groups {
		for _, name := range g {
			linkedName[name] = true
		}
	}
	out := make([]ComponentResult, len(states))
	// A linked package's version depends on its group: plan the members
	// first, then compute everything at the depth asked for.
	for i, cs := range states {
		if !linkedName[cs.Name] {
			continue
		}
		res, err := planComponent(componentInput(in, cs, nil, semver.None, VersionOnly))
		if err != nil {
			return nil, componentError(cs, err)
		}
		out[i] = ComponentResult{Component: cs.Component, Result: res, State: cs.State}
	}
	linked := linkedVersions(groups, out)
	for i, cs := range states {
		var pin Input
		if l, ok := linked[cs.Name]; ok {
			pin = componentInput(in, cs, &l.version, l.level, depth)
		} else {
			pin = componentInput(in, cs, nil, semver.None, depth)
		}
		compute := planComponent
		if depth == Files {
			compute = prepareComponent
		}
		res, err := compute(pin)
		if err != nil {
			return nil, componentError(cs, err)
		}
		out[i] = ComponentResult{Component: cs.Component, Result: res, State: cs.State}
	}
	return out, nil
}

// componentError names the package an error is about; the component of a
// single-package repository has no name and needs none.
func componentError(cs ComponentState, err error) error {
	if cs.Name == "" {
		return err
	}
	return fmt.Errorf("package %s: %w", cs.Name, err)
}

func componentInput(in Input, cs ComponentState, next *semver.Version, level semver.Level, depth Depth) Input {
	pin := in
	pin.Config, pin.State, pin.Dir = cs.Config, cs.State, cs.Path
	if next != nil {
		pin.Next, pin.NextLevel = next, level
	}
	pin.VersionOnly = depth == VersionOnly
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
func linkedVersions(groups [][]string, plans []ComponentResult) map[string]groupVersion {
	byName := map[string]*ComponentResult{}
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
