package release

import (
	"fmt"

	"github.com/releasebot/releasebot/internal/semver"
)

// Range is what a maintenance branch may release: Major.y.z, or
// Major.Minor.z when FixedMinor.
type Range struct {
	// Branch names the branch, for messages.
	Branch     string
	Major      uint64
	Minor      uint64
	FixedMinor bool
}

// String is "1.x" or "1.2.x".
func (rg Range) String() string {
	if rg.FixedMinor {
		return fmt.Sprintf("%d.%d.x", rg.Major, rg.Minor)
	}
	return fmt.Sprintf("%d.x", rg.Major)
}

// Contains reports whether v is in the range.
func (rg Range) Contains(v semver.Version) bool {
	return v.Major == rg.Major && (!rg.FixedMinor || v.Minor == rg.Minor)
}

// maxLevel is the highest raise that stays in the range.
func (rg Range) maxLevel() semver.Level {
	if rg.FixedMinor {
		return semver.Patch
	}
	return semver.Minor
}

// start is the first version of the range.
func (rg Range) start() semver.Version {
	return semver.Version{Major: rg.Major, Minor: rg.Minor}
}

// checkRange fails when the branch's last release is above its range: the
// branch is behind its own line.
func checkRange(rg Range, current *semver.Version) error {
	if current != nil && !rg.Contains(*current) && semver.Less(rg.start(), *current) {
		return fmt.Errorf("%s releases %s versions, but its last release is %s; merge the branch's fixes into the branch of that line instead", rg.Branch, rg, current)
	}
	return nil
}

// clampToRange keeps a maintenance branch's release inside its range: a
// raise beyond it (a feat on 1.2.x, a breaking change on 1.x) is lowered
// to the highest raise the range allows, with a warning per change that
// asked for more, saying what to do.
func clampToRange(p *Plan, rg Range) {
	if p.Level <= rg.maxLevel() {
		return
	}
	for _, t := range p.Triggers {
		if t.Level > rg.maxLevel() {
			p.Warnings = append(p.Warnings, fmt.Sprintf(
				"%s (%s) calls for a %s release, which %s (versions %s) does not make; it is released as a %s. "+
					"To release it as a %s, merge it into a branch that makes %s releases (such as main); to keep it out, revert it on %s.",
				headerOf(t.Change), short(t.Commit.Hash), t.Level, rg.Branch, rg, rg.maxLevel(), t.Level, t.Level, rg.Branch))
		}
	}
	p.Level = rg.maxLevel()
}

// headerOf is a change as its commit header read.
func headerOf(c Change) string {
	if c.Type == "" {
		return c.Description
	}
	h := c.Type
	if c.Scope != "" {
		h += "(" + c.Scope + ")"
	}
	if c.Breaking {
		h += "!"
	}
	return h + ": " + c.Description
}
