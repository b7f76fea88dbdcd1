package release

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/testsupport/golden"
)

func TestCommitOverride(t *testing.T) {
	cases := []struct {
		name, body, want string
		ok               bool
	}{
		{"no block", "Fixes the thing.", "", false},
		{"one message", "Intro\n\nBEGIN_COMMIT_OVERRIDE\nfix: some fix\nEND_COMMIT_OVERRIDE\n\nOutro", "fix: some fix", true},
		{"several messages", "BEGIN_COMMIT_OVERRIDE\nfeat: a\n\nfix: b\nchore: c\nEND_COMMIT_OVERRIDE", "feat: a\n\nfix: b\nchore: c", true},
		{"CRLF from the web editor", "BEGIN_COMMIT_OVERRIDE\r\nfix: a\r\n\r\nfeat: b\r\nEND_COMMIT_OVERRIDE\r\n", "fix: a\n\nfeat: b", true},
		{"unterminated runs to the end", "BEGIN_COMMIT_OVERRIDE\nfix: a\n", "fix: a", true},
		{"empty block is no override", "BEGIN_COMMIT_OVERRIDE\n \nEND_COMMIT_OVERRIDE", "", false},
		{"the first block counts", "BEGIN_COMMIT_OVERRIDE\nfix: one\nEND_COMMIT_OVERRIDE\nBEGIN_COMMIT_OVERRIDE\nfeat: two\nEND_COMMIT_OVERRIDE", "fix: one", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := CommitOverride(c.body)
			if got != c.want || ok != c.ok {
				t.Errorf("CommitOverride = %q, %v; want %q, %v", got, ok, c.want, c.ok)
			}
		})
	}
}

// pullCase is a history since 1.2.3 (newest first) with what pull
// requests say about it.
type pullCase struct {
	msgs      []string
	merge     map[int]bool // indexes of merge commits
	commit    map[int]int  // index of commit -> PR (CommitPulls)
	pulls     map[int]PullLabel
	overrides map[int]string
	force     semver.Level
}

func (c pullCase) decide(t *testing.T) Plan {
	t.Helper()
	h := stable("1.2.3", c.msgs...)
	for i := range h.SinceStable {
		h.SinceStable[i].Merge = c.merge[i]
	}
	h.SinceCurrent = h.SinceStable
	if c.commit != nil {
		h.CommitPulls = map[string]int{}
		for i, pr := range c.commit {
			h.CommitPulls[h.SinceStable[i].Hash] = pr
		}
	}
	r := defaultRules()
	r.Pulls, r.Overrides = c.pulls, c.overrides
	if c.force != semver.None {
		r.Force, r.ForceLabel, r.ForcePull = c.force, "release:"+c.force.String(), 20
	}
	p, err := Decide(h, r)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// listed renders the plan's changes as the notes list them.
func listed(p Plan) string {
	n := Notes{Version: p.Next, Changes: p.Changes, LevelSetBy: p.LevelSetBy, Lowered: p.Lowered}
	return n.Body(NotesOptions{Format: FormatKeepAChangelog, Sections: kacSections, Order: kacOrder})
}

func minor(title string) PullLabel {
	return PullLabel{Level: semver.Minor, Name: "release:minor", Title: title}
}

func TestPullLabelsAreListed(t *testing.T) {
	cases := []struct {
		name string
		c    pullCase
		want string // the version, then the notes
	}{
		{"a label-only squash is listed under its level with its title",
			pullCase{msgs: []string{"fix: delta (#11)", "Tidy up internals (#12)"}, pulls: map[int]PullLabel{12: minor("Tidy up internals")}},
			"1.3.0\nReleased as minor: `release:minor` on #12.\n\n### Added\n\n- Tidy up internals (#12, bbbbbbb)\n\n### Fixed\n\n- delta (#11, aaaaaaa)\n"},
		{"a major label lists the pull request as breaking",
			pullCase{msgs: []string{"Rework storage (#12)"}, pulls: map[int]PullLabel{12: {Level: semver.Major, Name: "release:major", Title: "Rework storage"}}},
			"2.0.0\nReleased as major: `release:major` on #12.\n\n### Breaking Changes\n\n- Rework storage (#12, aaaaaaa)\n"},
		{"a patch label on a hidden type lists the conventional title",
			pullCase{msgs: []string{"chore(deps): bump x (#5)"}, pulls: map[int]PullLabel{5: {Level: semver.Patch, Name: "release:patch", Title: "chore(deps): bump x"}}},
			"1.2.4\nReleased as patch: `release:patch` on #5.\n\n### Fixed\n\n- **deps:** bump x (#5, aaaaaaa)\n"},
		{"a merge commit without a known title lists the title GitHub wrote",
			pullCase{msgs: []string{"Merge pull request #8 from a/b\n\nSpeed up the cache", "WIP", "more WIP"}, merge: map[int]bool{0: true}, commit: map[int]int{1: 8, 2: 8},
				pulls: map[int]PullLabel{8: {Level: semver.Minor, Name: "release:minor"}}},
			"1.3.0\nReleased as minor: `release:minor` on #8.\n\n### Added\n\n- Speed up the cache (#8, aaaaaaa)\n"},
		{"a rebase merge is listed once, at its newest commit",
			pullCase{msgs: []string{"fix: a (#3)", "polish", "start"}, commit: map[int]int{1: 9, 2: 9}, pulls: map[int]PullLabel{9: minor("Polish the UI")}},
			"1.3.0\nReleased as minor: `release:minor` on #9.\n\n### Added\n\n- Polish the UI (#9, bbbbbbb)\n\n### Fixed\n\n- a (#3, aaaaaaa)\n"},
		{"a raising change of its own keeps the label silent",
			pullCase{msgs: []string{"feat: b (#6)", "fix: a (#5)"}, pulls: map[int]PullLabel{5: minor("fix: a")}},
			"1.3.0\n### Added\n\n- b (#6, aaaaaaa)\n\n### Fixed\n\n- a (#5, bbbbbbb)\n"},
		{"a label on a pull request that releases on its own adds no entry",
			pullCase{msgs: []string{"fix: a (#5)"}, pulls: map[int]PullLabel{5: minor("fix: a")}},
			"1.3.0\nReleased as minor: `release:minor` on #5.\n\n### Fixed\n\n- a (#5, aaaaaaa)\n"},
		{"two labels set the level",
			pullCase{msgs: []string{"fix: b (#7)", "fix: a (#5)"}, pulls: map[int]PullLabel{5: minor(""), 7: minor("")}},
			"1.3.0\nReleased as minor: `release:minor` on #5 and #7.\n\n### Fixed\n\n- a (#5, bbbbbbb)\n- b (#7, aaaaaaa)\n"},
		{"release:none lists nothing of its own",
			pullCase{msgs: []string{"Hidden work (#5)", "fix: a (#6)"}, pulls: map[int]PullLabel{5: {Suppress: true, Name: "release:none", Title: "Hidden work"}}},
			"1.2.4\n### Fixed\n\n- a (#6, bbbbbbb)\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.c.decide(t)
			if got := p.Next.String() + "\n" + listed(p); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestReleasePullLabel(t *testing.T) {
	breaking := []string{"fix: delta (#11)", "feat(api)!: drop v1 (#12)", "fix: gamma (#10)"}
	cases := []struct {
		name  string
		c     pullCase
		want  string
		level semver.Level
		note  string
	}{
		{"raises", pullCase{msgs: []string{"fix: a"}, force: semver.Major}, "2.0.0", semver.Major,
			"Released as major: `release:major` on #20.\n"},
		{"equal says nothing", pullCase{msgs: []string{"feat: a"}, force: semver.Minor}, "1.3.0", semver.Minor, ""},
		{"lowers, naming what it overrides", pullCase{msgs: breaking, force: semver.Patch}, "1.2.4", semver.Patch,
			"Released as patch: `release:patch` on #20 lowers it from major, overriding feat(api)!: drop v1 (#12, bbbbbbb).\n"},
		{"names five changes it overrides", pullCase{msgs: []string{"feat!: a", "feat!: b", "feat!: c", "feat!: d", "feat!: e", "feat!: f", "feat!: g"}, force: semver.Minor}, "1.3.0", semver.Minor,
			"Released as minor: `release:minor` on #20 lowers it from major, overriding feat!: a (aaaaaaa); feat!: b (bbbbbbb); feat!: c (ccccccc); feat!: d (ddddddd); feat!: e (eeeeeee) and 2 more.\n"},
		{"lowers a merged pull request's label too", pullCase{msgs: []string{"fix: a (#5)", "feat: b"}, pulls: map[int]PullLabel{5: {Level: semver.Major, Name: "release:major"}}, force: semver.Minor}, "1.3.0", semver.Minor,
			"Released as minor: `release:minor` on #20 lowers it from major, overriding fix: a (#5, aaaaaaa).\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.c.decide(t)
			if p.Next.String() != c.want || p.Level != c.level {
				t.Fatalf("got %s (%s), want %s (%s)", p.Next, p.Level, c.want, c.level)
			}
			n := Notes{LevelSetBy: p.LevelSetBy, Lowered: p.Lowered}
			if got := n.levelParagraph(Remote{}); got != c.note {
				t.Errorf("notes say %q, want %q", got, c.note)
			}
		})
	}
}

func TestReleaseAsSilencesLabels(t *testing.T) {
	p := pullCase{msgs: []string{"chore: pin\n\nRelease-As: 3.0.0", "fix: a (#5)"}, pulls: map[int]PullLabel{5: minor("")}, force: semver.Patch}.decide(t)
	if p.Next.String() != "3.0.0" || p.LevelSetBy != nil || p.Lowered != nil {
		t.Errorf("got %s set by %+v lowered %+v; want 3.0.0 and no label facts", p.Next, p.LevelSetBy, p.Lowered)
	}
}

func TestMaintenanceRangeKeepsOnlyLabelsAtItsLevel(t *testing.T) {
	h := stable("1.2.3", "fix: a (#5)")
	r := defaultRules()
	r.Pulls = map[int]PullLabel{5: {Level: semver.Major, Name: "release:major"}}
	r.Range = &Range{Branch: "release/1.x", Major: 1}
	p, err := Decide(h, r)
	if err != nil {
		t.Fatal(err)
	}
	if p.Next.String() != "1.3.0" || len(p.LevelSetBy) != 0 {
		t.Errorf("got %s set by %+v; want 1.3.0 and no label claiming major", p.Next, p.LevelSetBy)
	}
}

func TestCommitOverrides(t *testing.T) {
	cases := []struct {
		name string
		c    pullCase
		want string
	}{
		{"a squash commit's message is replaced",
			pullCase{msgs: []string{"chore: some commit (#7)"}, overrides: map[int]string{7: "fix: some fix"}},
			"1.2.4\n### Fixed\n\n- some fix (#7, aaaaaaa)\n"},
		{"several messages, one of them breaking",
			pullCase{msgs: []string{"Update things (#7)"}, overrides: map[int]string{7: "feat: a\n\nfix(cli)!: b\n\nBREAKING CHANGE: flags renamed\nchore: c"}},
			"2.0.0\n### Breaking Changes\n\n- **cli:** b (#7, aaaaaaa)\n\n  flags renamed\n\n### Added\n\n- a (#7, aaaaaaa)\n"},
		{"all the commits of a rebase merge, once",
			pullCase{msgs: []string{"feat: one", "feat: two", "fix: other (#3)"}, commit: map[int]int{0: 7, 1: 7}, overrides: map[int]string{7: "fix: the real story"}},
			"1.2.4\n### Fixed\n\n- other (#3, ccccccc)\n- the real story (#7, aaaaaaa)\n"},
		{"a merge commit and the commits it brings",
			pullCase{msgs: []string{"Merge pull request #8 from a/b", "feat: wip", "feat: wip 2"}, merge: map[int]bool{0: true}, commit: map[int]int{1: 8, 2: 8}, overrides: map[int]string{8: "fix: tidy"}},
			"1.2.4\n### Fixed\n\n- tidy (#8, aaaaaaa)\n"},
		{"a message that is not conventional releases nothing",
			pullCase{msgs: []string{"feat: big (#7)"}, overrides: map[int]string{7: "nothing to see"}},
			"1.2.3\n"},
		{"a label still applies to the override",
			pullCase{msgs: []string{"fix: x (#7)"}, overrides: map[int]string{7: "docs: words"}, pulls: map[int]PullLabel{7: minor("fix: x")}},
			"1.3.0\nReleased as minor: `release:minor` on #7.\n\n### Added\n\n- x (#7, aaaaaaa)\n"},
		{"a message naming its own pull request keeps it",
			pullCase{msgs: []string{"chore: sync (#7)"}, overrides: map[int]string{7: "fix: upstream fix (#99)"}},
			"1.2.4\n### Fixed\n\n- upstream fix (#99, aaaaaaa)\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.c.decide(t)
			got := p.Next.String() + "\n"
			if p.Releasable {
				got += listed(p)
			}
			if got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestLevelNotesGolden(t *testing.T) {
	date := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	var b strings.Builder
	for _, format := range []string{FormatKeepAChangelog, FormatConventional} {
		sections, order := kacSections, kacOrder
		if format == FormatConventional {
			sections, order = ccSections, ccOrder
		}
		o := NotesOptions{Format: format, Sections: sections, Order: order, Remote: ghe}
		for _, c := range []pullCase{
			{msgs: []string{"fix: delta (#11)", "Tidy up internals (#12)"}, pulls: map[int]PullLabel{
				11: {Level: semver.Major, Name: "release:major", Title: "fix: delta"}, 12: minor("Tidy up internals")}},
			{msgs: []string{"fix: gamma (#10)", "feat(api)!: drop v1 (#9)\n\nBREAKING CHANGE: v1 is gone"}, force: semver.Patch},
		} {
			p := c.decide(t)
			n := Notes{Version: p.Next, Tag: "v" + p.Next.String(), PrevTag: "v1.2.3", Date: date, Changes: p.Changes, LevelSetBy: p.LevelSetBy, Lowered: p.Lowered}
			fmt.Fprintf(&b, "<!-- %s -->\n%s\n\n%s\n", format, n.Heading(o), n.Body(o))
		}
	}
	golden.Assert(t, "testdata/notes-labels.golden", b.String())
}

func TestSubjectPull(t *testing.T) {
	for msg, want := range map[string]int{
		"Tidy up internals (#12)":                      12,
		"fix: a (#3)\n\nbody (#4)":                     3,
		"Merge pull request #8 from a/b\n\nSome title": 8,
		"fix: a\n\n(#5)":                               0,
		"Merge branch 'main' into x":                   0,
	} {
		if got := SubjectPull(msg); got != want {
			t.Errorf("SubjectPull(%q) = %d, want %d", msg, got, want)
		}
	}
}
