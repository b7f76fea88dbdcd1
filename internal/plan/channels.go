package plan

import (
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/release"
)

// Line is what a branch releases: stable versions, a pre-release channel,
// or a maintenance range.
type Line struct {
	Branch     string
	Prerelease string
	Range      *release.Range
}

// LineOf tells what branch releases under cfg: a channel named for it (an
// exact name wins over a pattern; among patterns, the first in sorted
// order), else the configuration's prerelease; and a maintenance range when
// the branch matches a maintenance pattern.
func LineOf(cfg config.Config, branch string) Line {
	l := Line{Branch: branch, Prerelease: cfg.Prerelease}
	if id, ok := cfg.Channels[branch]; ok {
		l.Prerelease = id
	} else {
		patterns := make([]string, 0, len(cfg.Channels))
		for p := range cfg.Channels {
			patterns = append(patterns, p)
		}
		sort.Strings(patterns)
		for _, p := range patterns {
			if ok, _ := path.Match(p, branch); ok {
				l.Prerelease = cfg.Channels[p]
				break
			}
		}
	}
	for _, p := range cfg.MaintenanceBranches {
		if rg, ok := matchRange(p, branch); ok {
			l.Range = &rg
			break
		}
	}
	return l
}

// matchRange matches a branch against a maintenance pattern such as
// release/<major>.<minor>.x.
func matchRange(pattern, branch string) (release.Range, bool) {
	re := "^" + regexp.QuoteMeta(pattern) + "$"
	re = strings.Replace(re, regexp.QuoteMeta("<major>"), `(?P<major>0|[1-9][0-9]*)`, 1)
	re = strings.Replace(re, regexp.QuoteMeta("<minor>"), `(?P<minor>0|[1-9][0-9]*)`, 1)
	rx, err := regexp.Compile(re)
	if err != nil {
		return release.Range{}, false
	}
	m := rx.FindStringSubmatch(branch)
	if m == nil {
		return release.Range{}, false
	}
	rg := release.Range{Branch: branch}
	for i, name := range rx.SubexpNames() {
		n, err := strconv.ParseUint(m[i], 10, 64)
		switch {
		case name == "major" && err == nil:
			rg.Major = n
		case name == "minor" && err == nil:
			rg.Minor, rg.FixedMinor = n, true
		}
	}
	return rg, true
}
