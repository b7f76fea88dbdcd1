package release

import (
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/semver"
)

func defaultRules() Rules {
	return Rules{
		Bump: map[string]semver.Level{
			"feat": semver.Minor, "fix": semver.Patch, "perf": semver.Patch, "revert": semver.Patch,
		},
		BreakingAtZero: semver.Minor,
		InitialVersion: semver.MustParse("0.1.0"),
	}
}

func vp(s string) *semver.Version {
	v := semver.MustParse(s)
	return &v
}

func commits(msgs ...string) []Commit {
	out := make([]Commit, len(msgs))
	for i, m := range msgs {
		out[i] = Commit{Hash: strings.Repeat(string(rune('a'+i%26)), 40), Message: m}
	}
	return out
}

func stable(current string, msgs ...string) History {
	c := commits(msgs...)
	h := History{SinceStable: c, SinceCurrent: c}
	if current != "" {
		h.Current, h.Stable = vp(current), vp(current)
		h.Tagged = []semver.Version{*vp(current)}
	}
	return h
}

func TestDecideBumps(t *testing.T) {
	cases := []struct {
		name    string
		h       History
		rules   func(*Rules)
		want    string
		level   semver.Level
		release bool
	}{
		{"feat is minor", stable("1.2.3", "feat: a", "fix: b"), nil, "1.3.0", semver.Minor, true},
		{"fix is patch", stable("1.2.3", "fix: b", "docs: c"), nil, "1.2.4", semver.Patch, true},
		{"perf is patch", stable("1.2.3", "perf: b"), nil, "1.2.4", semver.Patch, true},
		{"revert is patch", stable("1.2.3", "Revert \"feat: b\""), nil, "1.2.4", semver.Patch, true},
		{"revert of a breaking chore is patch", stable("1.2.3", "Revert \"chore!: b\""), nil, "1.2.4", semver.Patch, true},
		{"revert of a chore is a patch, as semantic-release has it", stable("1.2.3", "Revert \"chore: b\"", "Revert \"Update README\""), nil, "1.2.4", semver.Patch, true},
		{"revert of a type the config releases", stable("1.2.3", "Revert \"deps: b\""), func(r *Rules) { r.Bump["deps"] = semver.Patch }, "1.2.4", semver.Patch, true},
		{"conventional revert of prose is patch", stable("1.2.3", "revert: the login change"), nil, "1.2.4", semver.Patch, true},
		{"breaking bang is major", stable("1.2.3", "feat!: a"), nil, "2.0.0", semver.Major, true},
		{"breaking footer is major", stable("1.2.3", "fix: a\n\nBREAKING CHANGE: x"), nil, "2.0.0", semver.Major, true},
		{"nothing releasable keeps current", stable("1.2.3", "docs: a", "chore: b", "ci: c", "WIP", "deps: x"), nil, "1.2.3", semver.None, false},
		{"no commits", stable("1.2.3"), nil, "1.2.3", semver.None, false},
		{"breaking at zero is minor", stable("0.4.2", "feat!: a"), nil, "0.5.0", semver.Minor, true},
		{"feat at zero is minor", stable("0.4.2", "feat: a"), nil, "0.5.0", semver.Minor, true},
		{"fix at zero is patch", stable("0.4.2", "fix: a"), nil, "0.4.3", semver.Patch, true},
		{"breaking at zero can go to 1.0.0", stable("0.4.2", "feat!: a"), func(r *Rules) { r.BreakingAtZero = semver.Major }, "1.0.0", semver.Major, true},
		{"first release is the initial version", stable("", "feat!: a", "fix: b"), nil, "0.1.0", semver.Major, true},
		{"configured initial version", stable("", "fix: b"), func(r *Rules) { r.InitialVersion = semver.MustParse("1.0.0") }, "1.0.0", semver.Patch, true},
		{"first release needs a trigger", stable("", "chore: init"), nil, "", semver.None, false},
		{"configured type", stable("1.2.3", "deps: bump"), func(r *Rules) { r.Bump["deps"] = semver.Patch }, "1.2.4", semver.Patch, true},
		{"type demoted to none", stable("1.2.3", "perf: x"), func(r *Rules) { r.Bump["perf"] = semver.None }, "1.2.3", semver.None, false},
		{"release-as forces", stable("1.2.3", "chore: release\n\nRelease-As: 3.0.0", "fix: a"), nil, "3.0.0", semver.Major, true},
		{"release-as alone", stable("1.2.3", "chore: release\n\nRelease-As: 1.3.0"), nil, "1.3.0", semver.Minor, true},
		{"major type at zero is capped", stable("0.3.4", "fix: q"), func(r *Rules) { r.Bump["fix"] = semver.Major }, "0.4.0", semver.Minor, true},
		{"stale release-as is ignored", stable("1.2.3", "fix: a\n\nRelease-As: 1.0.0"), nil, "1.2.4", semver.Patch, true},
		{"merge commits are not triggers", History{Current: vp("1.2.3"), Stable: vp("1.2.3"),
			SinceStable: []Commit{{Hash: "m", Message: "feat: merged", Merge: true}}, SinceCurrent: []Commit{{Hash: "m", Message: "feat: merged", Merge: true}}}, nil, "1.2.3", semver.None, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := defaultRules()
			if c.rules != nil {
				c.rules(&r)
			}
			p, err := Decide(c.h, r)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if p.Releasable || p.Current != nil {
				got = p.Next.String()
			}
			if got != c.want || p.Level != c.level || p.Releasable != c.release {
				t.Errorf("got %s %s releasable=%v, want %s %s releasable=%v", got, p.Level, p.Releasable, c.want, c.level, c.release)
			}
		})
	}
}

func TestDecideReportsTriggersAndWarnings(t *testing.T) {
	p, err := Decide(stable("1.2.3", "feat: a", "docs: b", "fix: c\n\nRelease-As: nope"), defaultRules())
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Triggers) != 2 || p.Triggers[0].Type != "feat" || p.Triggers[0].Level != semver.Minor || p.Triggers[1].Level != semver.Patch {
		t.Errorf("triggers = %+v", p.Triggers)
	}
	if len(p.Changes) != 3 {
		t.Errorf("changes = %d, want 3 (docs included for the notes to filter)", len(p.Changes))
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "Release-As") {
		t.Errorf("warnings = %q", p.Warnings)
	}
}

func TestDecidePrereleases(t *testing.T) {
	rc := func(r *Rules) { r.Prerelease = "rc" }
	feat := commits("feat: a")
	cases := []struct {
		name  string
		h     History
		rules func(*Rules)
		want  string
		ok    bool
	}{
		{"first candidate", History{Current: vp("1.2.3"), Stable: vp("1.2.3"), SinceStable: feat, SinceCurrent: feat, Tagged: []semver.Version{*vp("1.2.3")}}, rc, "1.3.0-rc.1", true},
		{"next candidate continues numbering", History{Current: vp("1.3.0-rc.1"), Stable: vp("1.2.3"), SinceStable: commits("fix: b", "feat: a"), SinceCurrent: commits("fix: b"),
			Tagged: []semver.Version{*vp("1.2.3"), *vp("1.3.0-rc.1")}}, rc, "1.3.0-rc.2", true},
		{"numbering counts unreachable tags", History{Current: vp("1.3.0-rc.1"), Stable: vp("1.2.3"), SinceStable: commits("fix: b", "feat: a"), SinceCurrent: commits("fix: b"),
			Tagged: []semver.Version{*vp("1.2.3"), *vp("1.3.0-rc.1"), *vp("1.3.0-rc.4"), *vp("1.3.0-beta.9")}}, rc, "1.3.0-rc.5", true},
		{"promotion without the flag", History{Current: vp("1.3.0-rc.2"), Stable: vp("1.2.3"), SinceStable: feat, SinceCurrent: nil,
			Tagged: []semver.Version{*vp("1.2.3"), *vp("1.3.0-rc.2")}}, nil, "1.3.0", true},
		{"no new commit since the candidate", History{Current: vp("1.3.0-rc.2"), Stable: vp("1.2.3"), SinceStable: feat, SinceCurrent: nil,
			Tagged: []semver.Version{*vp("1.2.3"), *vp("1.3.0-rc.2")}}, rc, "1.3.0-rc.2", false},
		{"later feat raises the core", History{Current: vp("1.2.4-rc.1"), Stable: vp("1.2.3"), SinceStable: commits("feat: b", "fix: a"), SinceCurrent: commits("feat: b"),
			Tagged: []semver.Version{*vp("1.2.3"), *vp("1.2.4-rc.1")}}, rc, "1.3.0-rc.1", true},
		{"first release candidate", History{SinceStable: feat, SinceCurrent: feat}, rc, "0.1.0-rc.1", true},
		{"candidate above a hand-made higher pre-release", History{Current: vp("2.0.0-beta.1"), Stable: vp("1.2.3"), SinceStable: commits("fix: b", "feat: a"), SinceCurrent: commits("fix: b"),
			Tagged: []semver.Version{*vp("1.2.3"), *vp("2.0.0-beta.1")}}, rc, "2.0.0-rc.1", true},
		{"promotion of a pre-release with no stable tag", History{Current: vp("1.0.0-rc.1"), SinceStable: feat, SinceCurrent: nil,
			Tagged: []semver.Version{*vp("1.0.0-rc.1")}}, nil, "1.0.0", true},
		{"release-as with a pre-release", stable("1.2.3", "feat: x\n\nRelease-As: 2.0.0"), rc, "2.0.0-rc.1", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := defaultRules()
			if c.rules != nil {
				c.rules(&r)
			}
			p, err := Decide(c.h, r)
			if err != nil {
				t.Fatal(err)
			}
			if p.Next.String() != c.want || p.Releasable != c.ok {
				t.Errorf("got %s releasable=%v, want %s releasable=%v", p.Next, p.Releasable, c.want, c.ok)
			}
		})
	}
}

func TestPrereleaseNotesListOnlyNewChanges(t *testing.T) {
	h := History{Current: vp("1.3.0-rc.1"), Stable: vp("1.2.3"), SinceStable: commits("fix: new", "feat: old"), SinceCurrent: commits("fix: new")}
	r := defaultRules()
	r.Prerelease = "rc"
	p, _ := Decide(h, r)
	if len(p.Changes) != 1 || p.Changes[0].Description != "new" {
		t.Errorf("pre-release changes = %+v", p.Changes)
	}
	r.Prerelease = ""
	p, _ = Decide(h, r)
	if len(p.Changes) != 2 {
		t.Errorf("stable release must gather every change since the last stable release, got %+v", p.Changes)
	}
}

func TestDecideRefusesToGoBackwards(t *testing.T) {
	h := History{Current: vp("2.0.0-beta.1"), Stable: vp("1.2.3"), SinceStable: commits("fix: b"), SinceCurrent: commits("fix: b")}
	r := defaultRules()
	r.Prerelease = "alpha"
	if _, err := Decide(h, r); err == nil || !strings.Contains(err.Error(), "not be above") {
		t.Errorf("err = %v", err)
	}
}

func TestVersionTags(t *testing.T) {
	tags := []Tag{{"latest", "1"}, {"v1.2.3", "2"}, {"release-2020", "3"}, {"vNext", "4"}, {"v1.10.0", "5"},
		{"v1.3.0-rc.1", "6"}, {"1.9.9", "7"}, {"v01.2.3", "8"}, {"v2.0.0-beta.2", "9"}, {"v2.0.0-beta.11", "10"}}
	var got []string
	for _, tv := range VersionTags(tags, "v") {
		got = append(got, tv.Name)
	}
	want := "v2.0.0-beta.11 v2.0.0-beta.2 v1.10.0 v1.3.0-rc.1 v1.2.3"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
	if got := VersionTags(tags, ""); len(got) != 1 || got[0].Name != "1.9.9" {
		t.Errorf("empty prefix: %+v", got)
	}
}

func TestParseAllKeepsOrderOnLongHistories(t *testing.T) {
	var msgs []string
	for i := 0; i < 5000; i++ {
		msgs = append(msgs, "fix: change "+strings.Repeat("x", i%7)+string(rune('a'+i%26)))
	}
	c := commits(msgs...)
	got := ParseAll(c)
	want := parseRange(c)
	if len(got) != len(want) {
		t.Fatalf("len %d, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Description != want[i].Description || got[i].Commit.Hash != want[i].Commit.Hash {
			t.Fatalf("entry %d differs: %+v vs %+v", i, got[i], want[i])
		}
	}
}

func TestReleaseAsIsListedAsATrigger(t *testing.T) {
	p, err := Decide(stable("1.2.3", "chore: release\n\nRelease-As: 5.0.0"), defaultRules())
	if err != nil {
		t.Fatal(err)
	}
	if p.Level != semver.Major || len(p.Triggers) != 1 || p.Triggers[0].ReleaseAs != "5.0.0" {
		t.Errorf("level %s triggers %+v", p.Level, p.Triggers)
	}
}

func TestPrereleaseNumberingToleratesLongerTags(t *testing.T) {
	h := History{Current: vp("1.3.0-rc.3.1"), Stable: vp("1.2.3"), SinceStable: commits("fix: b", "feat: a"), SinceCurrent: commits("fix: b"),
		Tagged: []semver.Version{*vp("1.2.3"), *vp("1.3.0-rc.3.1")}}
	r := defaultRules()
	r.Prerelease = "rc"
	p, err := Decide(h, r)
	if err != nil || p.Next.String() != "1.3.0-rc.4" {
		t.Errorf("next %s err %v", p.Next, err)
	}
}

func TestDecideUsesPreParsedChanges(t *testing.T) {
	h := stable("1.2.3", "fix: a", "docs: b")
	// A pre-parsed entry wins over the message; a missing one is parsed.
	h.Parsed = map[string][]Change{h.SinceStable[0].Hash: {{Type: "feat", Description: "pre-parsed", Commit: h.SinceStable[0]}}}
	p, err := Decide(h, defaultRules())
	if err != nil || p.Next.String() != "1.3.0" || len(p.Changes) != 2 {
		t.Errorf("next %s changes %+v err %v", p.Next, p.Changes, err)
	}
}

// A change and its revert in the same release cancel out, for the version
// and for the notes; a revert of a revert brings the change back.
func TestRevertsInTheSameReleaseCancel(t *testing.T) {
	bbb := strings.Repeat("b", 40)
	cases := []struct {
		name   string
		msgs   []string // newest first; msgs[1] has hash "bbb..."
		want   string
		listed []string
	}{
		{"by hash", []string{"Revert \"feat: x\"\n\nThis reverts commit " + bbb + ".", "feat: x", "fix: y"}, "1.2.4", []string{"y"}},
		{"by quoted subject", []string{"Revert \"feat: x (#12)\"", "feat: x (#12)"}, "1.2.3", nil},
		{"a revert merged as its own pull request stays", []string{"Revert \"feat: x (#12)\" (#13)", "feat: x (#12)"}, "1.3.0", []string{"feat: x (#12)", "x"}},
		{"a revert of an older release stays", []string{"Revert \"feat: z\"\n\nThis reverts commit 1234567.", "docs: w"}, "1.2.4", []string{"feat: z", "w"}},
		{"reapplied", []string{"Revert \"Revert \"feat: x\"\"", "Revert \"feat: x\"\n\nThis reverts commit " + strings.Repeat("c", 40) + ".", "feat: x"}, "1.3.0", []string{"x"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Decide(stable("1.2.3", c.msgs...), defaultRules())
			if err != nil {
				t.Fatal(err)
			}
			if p.Next.String() != c.want {
				t.Errorf("next = %s, want %s", p.Next, c.want)
			}
			var listed []string
			for _, ch := range p.Changes {
				listed = append(listed, ch.Description)
			}
			if strings.Join(listed, "|") != strings.Join(c.listed, "|") {
				t.Errorf("listed %q, want %q", listed, c.listed)
			}
		})
	}
}

// A revert of a change that released nothing still releases a patch, and is
// listed in no notes.
func TestQuietRevertsAreNotListed(t *testing.T) {
	p, err := Decide(stable("1.2.3", "Revert \"chore(deps): bump ava\"\n\nThis reverts commit 1234567.", "fix: y"), defaultRules())
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{FormatKeepAChangelog, FormatConventional} {
		o := NotesOptions{Format: format, Sections: map[string]string{"fix": "Fixed", "revert": "Reverts"}}
		body := Notes{Version: p.Next, Changes: p.Changes}.Body(o)
		if !strings.Contains(body, "- y") || strings.Contains(body, "ava") || strings.Contains(body, "Reverts") {
			t.Errorf("%s notes:\n%s", format, body)
		}
	}
}
