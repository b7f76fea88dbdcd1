package plan

import (
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/semver"
)

// TestPullFactsReachTheNotesAndTheChangelog checks that what pull requests
// say, applied to the input, decides the version and is written in the
// changelog section: the label that set the level, the label-only pull
// request by title, and the override in place of a commit's message.
func TestPullFactsReachTheNotesAndTheChangelog(t *testing.T) {
	tree := files{"CHANGELOG.md": "# Changelog\n"}
	in := input(t, "", tree, "Tidy up internals", "chore: sync (#7)")
	tidy := in.State.SinceStable[0].Hash
	facts := PullFacts{
		Pulls:       map[int]release.PullLabel{12: {Level: semver.Minor, Name: "release:minor", Title: "Tidy up internals"}},
		Overrides:   map[int]string{7: "fix: keep the cache warm"},
		CommitPulls: map[string]int{tidy: 12},
	}
	states := []ComponentState{{Component: Component{Path: ".", Config: in.Config}, State: in.State}}
	facts.Apply(&in, states)
	results, err := Releases(in, states, Files)
	if err != nil {
		t.Fatal(err)
	}
	res := results[0].Result
	if res.Plan.Next.String() != "1.3.0" {
		t.Fatalf("next %s, want 1.3.0", res.Plan.Next)
	}
	for _, want := range []string{
		"Released as minor: `release:minor` on [#12](https://github.com/acme/rocket/pull/12).",
		"### Added\n\n- Tidy up internals ([#12]",
		"### Fixed\n\n- keep the cache warm ([#7]",
	} {
		if !strings.Contains(res.Written, want) {
			t.Errorf("the changelog section lacks %q:\n%s", want, res.Written)
		}
	}
	if last := res.Files[len(res.Files)-1]; last.Path != "CHANGELOG.md" || !strings.Contains(string(last.New), "- Tidy up internals") {
		t.Errorf("the changelog file is not written with the label-only pull request:\n%s", last.New)
	}
}

func TestReleasePullLabelFactsReachThePlan(t *testing.T) {
	in := input(t, "", files{}, "feat!: drop v1 (#3)")
	states := []ComponentState{{Component: Component{Path: ".", Config: in.Config}, State: in.State}}
	PullFacts{Force: semver.Patch, Label: "release:patch", Pull: 20}.Apply(&in, states)
	results, err := Releases(in, states, Notes)
	if err != nil {
		t.Fatal(err)
	}
	p := results[0].Plan
	if p.Next.String() != "1.2.4" || p.Lowered == nil || p.Lowered.From != semver.Major || p.Lowered.By.PR != 20 {
		t.Fatalf("next %s lowered %+v", p.Next, p.Lowered)
	}
	if !strings.Contains(results[0].Body, "`release:patch` on [#20](https://github.com/acme/rocket/pull/20) lowers it from major, overriding feat!: drop v1") {
		t.Errorf("body:\n%s", results[0].Body)
	}
}
