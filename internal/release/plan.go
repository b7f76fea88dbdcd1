package release

import (
	"fmt"
	"strconv"

	"github.com/releasebot/releasebot/internal/semver"
)

// Rules say how changes become a version.
type Rules struct {
	// Bump maps a lower-case commit type to the level it raises; types not
	// in the map raise nothing.
	Bump map[string]semver.Level
	// BreakingAtZero is what a breaking change raises while the major
	// version is 0: semver.Minor (the default) or semver.Major (to 1.0.0).
	BreakingAtZero semver.Level
	// InitialVersion is the first release of a repository with no version.
	InitialVersion semver.Version
	// Prerelease, when set, makes the next version a pre-release ID.N.
	Prerelease string
	// Pulls holds the bump labels of merged pull requests, by number.
	Pulls map[int]PullLabel
	// Force, when not None, is the level of the release whatever the
	// commits say: a bump label on the release pull request itself, named
	// ForceLabel, on pull request ForcePull (both only for notes). A
	// Force below what the changes ask is reported in Plan.Lowered.
	Force      semver.Level
	ForceLabel string
	ForcePull  int
	// Overrides maps merged pull requests to the commit message their
	// body gives (see CommitOverride), which stands for all their commits.
	Overrides map[int]string
	// Range, when set, keeps releases inside a maintenance branch's range.
	Range *Range
}

// PullLabel is what a bump label on a merged pull request asks.
type PullLabel struct {
	// Level raises each of the pull request's commits to at least this
	// level, even commits that are not conventional.
	Level semver.Level
	// Suppress keeps the pull request's commits from triggering a release
	// (release:none); they are still listed in the notes.
	Suppress bool
	// Name is the label as the pull request carries it ("release:major")
	// and Title the pull request's title, for notes; both optional.
	Name, Title string
}

// History is what the history adapter found.
type History struct {
	// Current is the version of the last release: the highest matching tag
	// reachable from HEAD (a pre-release tag included), else the VERSION
	// file's version, else nil.
	Current *semver.Version
	// Stable is the highest stable (non pre-release) tag reachable from HEAD;
	// nil when there is none. Versions are computed from it.
	Stable *semver.Version
	// SinceStable holds the commits reachable from HEAD and not from the
	// Stable tag (all history when Stable is nil), newest first.
	SinceStable []Commit
	// SinceCurrent holds the commits since the Current tag; it equals
	// SinceStable when Current is Stable or not a tag.
	SinceCurrent []Commit
	// Tagged lists every version tagged in the repository, reachable or not,
	// so that a pre-release number is never reused.
	Tagged []semver.Version
	// Parsed optionally holds ParseCommit's result by commit hash, computed
	// ahead (while the history was read); commits missing from it are
	// parsed here.
	Parsed map[string][]Change
	// CommitPulls maps commits whose message names no pull request to the
	// pull request that brought them, when it is known.
	CommitPulls map[string]int
}

// Trigger is a change that raises the version, with the level it raises.
type Trigger struct {
	Change
	Level semver.Level
}

// Plan is the decision for the next release.
type Plan struct {
	Current    *semver.Version
	Next       semver.Version
	Level      semver.Level
	Releasable bool
	// Triggers are the changes that raise the version, newest first.
	Triggers []Trigger
	// Changes are the conventional changes the release notes list: since
	// the last stable release for a stable release, since the last release
	// for a pre-release.
	Changes []Change
	// ForcedBy is the change whose Release-As footer set Next, if any.
	ForcedBy *Change
	// LevelSetBy lists the bump labels that set Level above what the
	// changes ask on their own, by pull request number; nil when the
	// changes set it (or a Release-As footer, or Lowered).
	LevelSetBy []LevelLabel
	// Lowered, when set, says that the release pull request's label set
	// Level below what the changes ask.
	Lowered *Lowering
	// Warnings are things the user should know that did not stop the plan.
	Warnings []string
	// Blocked, when set, says why the release must not be tagged yet (a Go
	// module whose path lacks the /vN its version needs); the plan still
	// shows what it would be.
	Blocked string
}

// Decide computes the next release from history under rules. It fails only
// when the result would not be above the current version.
func Decide(h History, r Rules) (Plan, error) {
	p := Plan{Current: h.Current}
	if r.Range != nil {
		if err := checkRange(*r.Range, h.Current); err != nil {
			return p, err
		}
	}
	recent := settleReverts(h.parse(h.SinceCurrent, r), r)
	all := recent
	if len(h.SinceStable) != len(h.SinceCurrent) {
		all = settleReverts(h.parse(h.SinceStable, r), r)
	}
	// A stable release gathers everything since the last stable one, so a
	// pre-release is promoted; a pre-release needs something new since the
	// last release.
	scope := all
	if r.Prerelease != "" {
		scope = recent
	}
	p.Changes = scope
	base := h.Stable
	if base == nil {
		base = h.Current
	}
	p.Triggers, p.Level = triggers(all, base, r)
	p.ForcedBy, p.Warnings = forcedVersion(scope, h.Current)
	scoped := p.Triggers
	if r.Prerelease != "" && len(h.SinceStable) != len(h.SinceCurrent) {
		scoped, _ = triggers(scope, base, r)
	}
	if len(scoped) == 0 && p.ForcedBy == nil {
		p.Level = semver.None
		p.Triggers = nil
		if h.Current != nil {
			p.Next = *h.Current
		}
		return p, nil
	}
	p.Releasable = true
	p.LevelSetBy = labelsSetting(p.Triggers, p.Level, base, r)
	if r.Force != semver.None {
		applyForce(&p, r)
	}
	if r.Range != nil {
		clampToRange(&p, *r.Range)
		p.LevelSetBy = atLevel(p.LevelSetBy, p.Level)
	}
	next := nextCore(base, h.Current, p.Level, r)
	if r.Range != nil && p.ForcedBy != nil && !r.Range.Contains(semver.MustParse(p.ForcedBy.ReleaseAs)) {
		p.Warnings = append(p.Warnings, fmt.Sprintf("Release-As: %s in %s is outside %s (%s); ignored", p.ForcedBy.ReleaseAs, short(p.ForcedBy.Commit.Hash), r.Range.Branch, r.Range))
		p.ForcedBy = nil
	}
	if r.Range != nil && !r.Range.Contains(next) {
		next = r.Range.start() // the first release of the line
	}
	if p.ForcedBy != nil {
		next = semver.MustParse(p.ForcedBy.ReleaseAs)
		p.Level = levelBetween(h.Current, next)
		p.LevelSetBy, p.Lowered = nil, nil
		if !hasTrigger(p.Triggers, *p.ForcedBy) {
			p.Triggers = append(p.Triggers, Trigger{Change: *p.ForcedBy, Level: p.Level})
		}
	}
	if r.Prerelease != "" && !next.IsPrerelease() {
		next = next.WithPre(r.Prerelease, nextPreNumber(next, r.Prerelease, h.Tagged))
	}
	if h.Current != nil && !semver.Less(*h.Current, next) {
		return p, fmt.Errorf("the next version %s would not be above the current version %s; tag a higher version by hand or use a Release-As footer", next, h.Current)
	}
	p.Next = next
	return p, nil
}

// LevelOf is the level one change raises on top of base (nil for none yet).
// While the major version is 0, whatever would raise the major version (a
// breaking change, or a type mapped to major) raises r.BreakingAtZero.
func LevelOf(c Change, base *semver.Version, r Rules) semver.Level {
	l := r.Bump[c.Type]
	if c.Breaking {
		l = semver.Major
	}
	return capAtZero(l, base, r)
}

func capAtZero(l semver.Level, base *semver.Version, r Rules) semver.Level {
	if l == semver.Major && base != nil && base.Major == 0 {
		return r.BreakingAtZero
	}
	return l
}

func maxLevel(a, b semver.Level) semver.Level {
	if a > b {
		return a
	}
	return b
}

func triggers(changes []Change, base *semver.Version, r Rules) ([]Trigger, semver.Level) {
	// Most changes of a long history are triggers: one allocation, not a
	// growing slice of large values copied again and again.
	n := 0
	for i := range changes {
		if LevelOf(changes[i], base, r) != semver.None || len(r.Pulls) > 0 {
			n++
		}
	}
	out := make([]Trigger, 0, n)
	max := semver.None
	for _, c := range changes {
		l := LevelOf(c, base, r)
		if label, ok := r.Pulls[c.PR]; ok && c.PR != 0 {
			if label.Suppress {
				continue
			}
			l = maxLevel(l, capAtZero(label.Level, base, r))
		}
		if l == semver.None {
			continue
		}
		out = append(out, Trigger{Change: c, Level: l})
		if l > max {
			max = l
		}
	}
	return out, max
}

// levelBetween is the level of the step from current to next: the highest
// of major, minor and patch that differs (patch for a promotion).
func levelBetween(current *semver.Version, next semver.Version) semver.Level {
	switch {
	case current == nil:
		return semver.Major
	case next.Major != current.Major:
		return semver.Major
	case next.Minor != current.Minor:
		return semver.Minor
	}
	return semver.Patch
}

func hasTrigger(ts []Trigger, c Change) bool {
	for _, t := range ts {
		if t.Commit.Hash == c.Commit.Hash && t.Description == c.Description {
			return true
		}
	}
	return false
}

// nextCore raises base by level; with no base the first release is the
// initial version. The result is never below the current version's core,
// so that a pre-release such as 2.0.0-rc.1 is promoted, not undercut.
func nextCore(base, current *semver.Version, level semver.Level, r Rules) semver.Version {
	next := r.InitialVersion.Core()
	if base != nil {
		next = base.Bump(level)
	}
	if current != nil && semver.Less(next, current.Core()) {
		next = current.Core()
		if !current.IsPrerelease() {
			next = current.Bump(level)
		}
	}
	return next
}

// forcedVersion returns the newest change whose Release-As footer names a
// valid version above current. Stale or invalid footers become warnings.
func forcedVersion(changes []Change, current *semver.Version) (*Change, []string) {
	var warnings []string
	for i := range changes {
		c := &changes[i]
		if c.ReleaseAs == "" {
			continue
		}
		v, err := semver.Parse(c.ReleaseAs)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("commit %s: Release-As footer ignored: %v", short(c.Commit.Hash), err))
			continue
		}
		if current != nil && !semver.Less(*current, v) {
			warnings = append(warnings, fmt.Sprintf("commit %s: Release-As: %s ignored: it is not above the current version %s", short(c.Commit.Hash), v, current))
			continue
		}
		return c, warnings
	}
	return nil, warnings
}

// nextPreNumber continues the numbering of id pre-releases of core's version
// across every tag in the repository: 1 when there is none.
func nextPreNumber(core semver.Version, id string, tagged []semver.Version) uint64 {
	var max uint64
	for _, t := range tagged {
		if semver.Compare(t.Core(), core.Core()) != 0 {
			continue
		}
		if n, ok := t.PreNumber(id); ok && n > max {
			max = n
		}
		// A hand-made tag such as rc.3.1 still counts as rc.3.
		if len(t.Pre) > 2 && t.Pre[0] == id {
			if n, err := strconv.ParseUint(t.Pre[1], 10, 64); err == nil && n > max {
				max = n
			}
		}
	}
	return max + 1
}

func short(hash string) string {
	if len(hash) > 7 {
		return hash[:7]
	}
	return hash
}
