package semver

import "strconv"

// Level is how much a release raises the version.
type Level int

// Levels in increasing order; None means no release.
const (
	None Level = iota
	Patch
	Minor
	Major
)

// String returns "none", "patch", "minor" or "major".
func (l Level) String() string {
	switch l {
	case Patch:
		return "patch"
	case Minor:
		return "minor"
	case Major:
		return "major"
	}
	return "none"
}

// ParseLevel reads "major", "minor", "patch" or "none".
func ParseLevel(s string) (Level, bool) {
	for _, l := range []Level{None, Patch, Minor, Major} {
		if l.String() == s {
			return l, true
		}
	}
	return None, false
}

// Bump returns the release that follows v at level l, without pre-release or
// build metadata: 1.2.3 at Minor is 1.3.0. A pre-release whose core already
// holds the raise is promoted rather than raised again: 1.3.0-rc.1 at Minor
// is 1.3.0, 2.0.0-rc.1 at Patch is 2.0.0. At None, v's core is returned.
func (v Version) Bump(l Level) Version {
	core := v.Core()
	if v.IsPrerelease() && l != None {
		switch {
		case l == Major && core.Minor == 0 && core.Patch == 0,
			l == Minor && core.Patch == 0,
			l == Patch:
			return core
		}
	}
	switch l {
	case Major:
		return Version{Major: core.Major + 1}
	case Minor:
		return Version{Major: core.Major, Minor: core.Minor + 1}
	case Patch:
		return Version{Major: core.Major, Minor: core.Minor, Patch: core.Patch + 1}
	}
	return core
}

// WithPre returns v's core with the pre-release identifiers id.n (rc.3).
func (v Version) WithPre(id string, n uint64) Version {
	out := v.Core()
	out.Pre = []string{id, strconv.FormatUint(n, 10)}
	return out
}

// PreNumber returns n when v's pre-release is exactly id.n, and ok=false
// otherwise.
func (v Version) PreNumber(id string) (n uint64, ok bool) {
	if len(v.Pre) != 2 || v.Pre[0] != id || !allDigits(v.Pre[1]) {
		return 0, false
	}
	n, err := strconv.ParseUint(v.Pre[1], 10, 64)
	return n, err == nil
}
