package release

import (
	"testing"

	"github.com/releasebot/releasebot/internal/semver"
)

func TestPullLabels(t *testing.T) {
	cases := []struct {
		name    string
		msgs    []string
		pulls   map[int]PullLabel
		commit  map[int]int // index of commit -> PR (CommitPulls)
		force   semver.Level
		want    string
		release bool
	}{
		{"label raises a fix to minor", []string{"fix: a (#5)"}, map[int]PullLabel{5: {Level: semver.Minor}}, nil, semver.None, "1.3.0", true},
		{"label never lowers", []string{"feat: a (#5)"}, map[int]PullLabel{5: {Level: semver.Patch}}, nil, semver.None, "1.3.0", true},
		{"label releases a chore", []string{"chore: a (#5)"}, map[int]PullLabel{5: {Level: semver.Patch}}, nil, semver.None, "1.2.4", true},
		{"label releases a non-conventional squash", []string{"Update the docs (#5)"}, map[int]PullLabel{5: {Level: semver.Minor}}, nil, semver.None, "1.3.0", true},
		{"release:none suppresses", []string{"feat: a (#5)", "fix: b (#6)"}, map[int]PullLabel{5: {Suppress: true}}, nil, semver.None, "1.2.4", true},
		{"release:none on everything", []string{"feat: a (#5)"}, map[int]PullLabel{5: {Suppress: true}}, nil, semver.None, "1.2.3", false},
		{"label reaches commits through CommitPulls", []string{"feat: inner"}, map[int]PullLabel{7: {Suppress: true}}, map[int]int{0: 7}, semver.None, "1.2.3", false},
		{"label on a merge-commit pull request", []string{"Merge pull request #8 from a/b", "chore: inner"}, map[int]PullLabel{8: {Level: semver.Major}}, nil, semver.None, "2.0.0", true},
		{"force sets the level", []string{"feat: a"}, nil, nil, semver.Patch, "1.2.4", true},
		{"force raises", []string{"fix: a"}, nil, nil, semver.Major, "2.0.0", true},
		{"force alone does not release", []string{"docs: a"}, nil, nil, semver.Major, "1.2.3", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := stable("1.2.3", c.msgs...)
			for i := range h.SinceStable {
				if h.SinceStable[i].Message[:5] == "Merge" {
					h.SinceStable[i].Merge = true
				}
			}
			h.SinceCurrent = h.SinceStable
			if c.commit != nil {
				h.CommitPulls = map[string]int{}
				for i, pr := range c.commit {
					h.CommitPulls[h.SinceStable[i].Hash] = pr
				}
			}
			r := defaultRules()
			r.Pulls, r.Force = c.pulls, c.force
			p, err := Decide(h, r)
			if err != nil {
				t.Fatal(err)
			}
			if p.Next.String() != c.want || p.Releasable != c.release {
				t.Errorf("got %s releasable=%v, want %s releasable=%v (triggers %+v)", p.Next, p.Releasable, c.want, c.release, p.Triggers)
			}
		})
	}
}

func TestMergedPull(t *testing.T) {
	for in, want := range map[string]int{
		"Merge pull request #12 from a/b": 12,
		"Merge pull request #x from a/b":  0,
		"Merge branch 'main'":             0,
	} {
		if got := mergedPull(in); got != want {
			t.Errorf("mergedPull(%q) = %d, want %d", in, got, want)
		}
	}
}
