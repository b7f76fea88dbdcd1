package action

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/testsupport/golden"
)

// TestSummaryEdges renders what the scenarios do not reach: a pull request
// left as it is, a forced version, Markdown in commit messages, more commits
// than the table shows.
func TestSummaryEdges(t *testing.T) {
	current := semver.Version{Major: 1}
	var triggers []release.Trigger
	for i := range maxRows + 2 {
		triggers = append(triggers, release.Trigger{Level: semver.Patch, Change: release.Change{
			Commit: release.Commit{Hash: fmt.Sprintf("%040d", i)}, Type: "fix", Description: fmt.Sprintf("case %d", i),
		}})
	}
	triggers[0] = release.Trigger{Level: semver.Major, Change: release.Change{
		Commit: release.Commit{Hash: strings.Repeat("a", 40)}, Type: "feat", Scope: "api", Breaking: true, PR: 9,
		Description: "drop <b>|pipes|</b> and *stars* from `names` [x]",
	}}
	forced := triggers[1].Change
	forced.ReleaseAs = "3.0.0"
	r := result{
		command: "run", why: "push to main", acted: true, target: "main", web: "https://github.test/acme/rocket",
		report: bot.Report{
			Held: true,
			Pull: &repohost.Pull{Number: 4, URL: "https://github.test/acme/rocket/pull/4"},
			Plan: &plan.Result{Plan: release.Plan{
				Current: &current, Next: semver.Version{Major: 3}, Level: semver.Major, Releasable: true,
				Triggers: triggers, ForcedBy: &forced,
			}, Body: "### Changed\n\n- everything\n"},
		},
	}
	golden.Assert(t, "testdata/summary_edges.golden", summary(r))
}

func TestSummaryOfAFailure(t *testing.T) {
	r := result{command: "publish", why: "push to main", acted: true, target: "main", err: errors.New("creating tag v1.0.0: 403 | forbidden")}
	got := summary(r)
	if !strings.Contains(got, "**releasebot failed**: creating tag v1.0.0: 403 \\| forbidden\n") {
		t.Errorf("summary:\n%s", got)
	}
}

// TestSummaryShowsCommitTextInert: a commit header in the table pings
// nobody, hides and closes nothing (the summary's own details block
// included), and holds no control character.
func TestSummaryShowsCommitTextInert(t *testing.T) {
	next := semver.Version{Minor: 2}
	r := result{
		command: "run", why: "push to main", acted: true, target: "main",
		report: bot.Report{Plan: &plan.Result{Plan: release.Plan{
			Next: next, Level: semver.Minor, Releasable: true,
			Triggers: []release.Trigger{{Level: semver.Minor, Change: release.Change{
				Commit: release.Commit{Hash: strings.Repeat("b", 40)}, Type: "feat",
				Description: "thanks \\@octocat and @@hubot </details> <!-- x | closes #1\x1b[2J",
			}}},
		}, Body: "### Added\n\n- x\n"}},
	}
	got := summary(r)
	want := "| minor | `bbbbbbb` | feat: thanks `@octocat` and @`@hubot` &lt;/details&gt; &lt;!-- x \\| closes `#1`[2J |\n"
	if !strings.Contains(got, want) {
		t.Errorf("summary:\n%s\nwant the row\n%s", got, want)
	}
}
