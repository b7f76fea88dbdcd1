// Package semver implements Semantic Versioning 2.0.0 (https://semver.org):
// strict parsing, formatting and precedence. It does no I/O.
package semver

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is a parsed SemVer 2.0.0 version. The zero value is 0.0.0.
type Version struct {
	Major, Minor, Patch uint64
	// Pre holds the dot-separated pre-release identifiers ("rc", "1" for -rc.1).
	Pre []string
	// Build holds the dot-separated build metadata identifiers. Build metadata
	// never takes part in precedence.
	Build []string
}

// Parse reads s as a SemVer 2.0.0 version with no prefix ("1.2.3-rc.1+b.5").
// It rejects leading zeros in numeric fields and numeric pre-release
// identifiers, empty identifiers and characters outside [0-9A-Za-z-].
func Parse(s string) (Version, error) {
	var v Version
	rest := s
	if i := strings.IndexByte(rest, '+'); i >= 0 {
		build := rest[i+1:]
		rest = rest[:i]
		ids, err := identifiers(s, build, "build metadata", false)
		if err != nil {
			return Version{}, err
		}
		v.Build = ids
	}
	if i := strings.IndexByte(rest, '-'); i >= 0 {
		pre := rest[i+1:]
		rest = rest[:i]
		ids, err := identifiers(s, pre, "pre-release", true)
		if err != nil {
			return Version{}, err
		}
		v.Pre = ids
	}
	parts := strings.Split(rest, ".")
	if len(parts) != 3 {
		return Version{}, fmt.Errorf("version %q: want MAJOR.MINOR.PATCH", s)
	}
	fields := [3]*uint64{&v.Major, &v.Minor, &v.Patch}
	for i, p := range parts {
		n, err := number(p)
		if err != nil {
			return Version{}, fmt.Errorf("version %q: %s", s, err)
		}
		*fields[i] = n
	}
	return v, nil
}

// MustParse is Parse for literals known to be valid; it panics otherwise.
func MustParse(s string) Version {
	v, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

func number(p string) (uint64, error) {
	if p == "" {
		return 0, fmt.Errorf("empty numeric field")
	}
	if !allDigits(p) {
		return 0, fmt.Errorf("%q is not a number", p)
	}
	if len(p) > 1 && p[0] == '0' {
		return 0, fmt.Errorf("%q has a leading zero", p)
	}
	n, err := strconv.ParseUint(p, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is too large", p)
	}
	return n, nil
}

func identifiers(full, s, what string, noLeadingZero bool) ([]string, error) {
	ids := strings.Split(s, ".")
	for _, id := range ids {
		if id == "" {
			return nil, fmt.Errorf("version %q: empty %s identifier", full, what)
		}
		for i := 0; i < len(id); i++ {
			c := id[i]
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-') {
				return nil, fmt.Errorf("version %q: %s identifier %q holds %q; only [0-9A-Za-z-] are allowed", full, what, id, c)
			}
		}
		if noLeadingZero && len(id) > 1 && id[0] == '0' && allDigits(id) {
			return nil, fmt.Errorf("version %q: numeric %s identifier %q has a leading zero", full, what, id)
		}
	}
	return ids, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// String formats v as MAJOR.MINOR.PATCH[-PRE][+BUILD].
func (v Version) String() string {
	var b strings.Builder
	b.WriteString(strconv.FormatUint(v.Major, 10))
	b.WriteByte('.')
	b.WriteString(strconv.FormatUint(v.Minor, 10))
	b.WriteByte('.')
	b.WriteString(strconv.FormatUint(v.Patch, 10))
	if len(v.Pre) > 0 {
		b.WriteByte('-')
		b.WriteString(strings.Join(v.Pre, "."))
	}
	if len(v.Build) > 0 {
		b.WriteByte('+')
		b.WriteString(strings.Join(v.Build, "."))
	}
	return b.String()
}

// IsPrerelease reports whether v carries pre-release identifiers.
func (v Version) IsPrerelease() bool { return len(v.Pre) > 0 }

// Core returns MAJOR.MINOR.PATCH of v, without pre-release or build.
func (v Version) Core() Version { return Version{Major: v.Major, Minor: v.Minor, Patch: v.Patch} }

// Compare returns -1, 0 or +1 as a has lower, equal or higher precedence
// than b, following SemVer 2.0.0 section 11: build metadata is ignored, a
// pre-release ranks below its release, numeric identifiers compare
// numerically and rank below alphanumeric ones, which compare in ASCII order,
// and a longer list of equal identifiers ranks higher.
func Compare(a, b Version) int {
	if c := cmpUint(a.Major, b.Major); c != 0 {
		return c
	}
	if c := cmpUint(a.Minor, b.Minor); c != 0 {
		return c
	}
	if c := cmpUint(a.Patch, b.Patch); c != 0 {
		return c
	}
	switch {
	case len(a.Pre) == 0 && len(b.Pre) == 0:
		return 0
	case len(a.Pre) == 0:
		return 1
	case len(b.Pre) == 0:
		return -1
	}
	for i := 0; i < len(a.Pre) && i < len(b.Pre); i++ {
		if c := compareIdentifier(a.Pre[i], b.Pre[i]); c != 0 {
			return c
		}
	}
	return cmpUint(uint64(len(a.Pre)), uint64(len(b.Pre)))
}

// Less reports whether a has lower precedence than b.
func Less(a, b Version) bool { return Compare(a, b) < 0 }

func compareIdentifier(a, b string) int {
	an, bn := allDigits(a), allDigits(b)
	switch {
	case an && bn:
		// Compare by length first so that numbers beyond uint64 still order.
		if len(a) != len(b) {
			return cmpUint(uint64(len(a)), uint64(len(b)))
		}
		return strings.Compare(a, b)
	case an:
		return -1
	case bn:
		return 1
	}
	return strings.Compare(a, b)
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
