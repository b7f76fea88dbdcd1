package release

import (
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/testsupport/golden"
)

func sampleNotes() Notes {
	msgs := []string{
		"docs: explain config",
		"fix(security): escape tokens in logs (#40)",
		"feat(api)!: remove the v1 endpoints (#39)\n\nBREAKING CHANGE: the v1 endpoints are gone.\nUse /v2 instead:\n\n    curl /v2/items\n\nThanks @alice.",
		"perf(git): stream tags",
		"fix(cli): handle @bob's empty config, mail me at dev@example.com (#38)",
		"fix(cli): handle @bob's empty config, mail me at dev@example.com (#38)",
		"Revert \"feat: add color\"",
		"feat: add a --json flag",
		"WIP",
	}
	var changes []Change
	for i, m := range msgs {
		hash := string(rune('a'+i)) + "123456789abcdef0123456789abcdef01234567"
		changes = append(changes, ParseCommit(Commit{Hash: hash, Message: m})...)
	}
	return Notes{
		Version: semver.MustParse("2.0.0"), Tag: "v2.0.0", PrevTag: "v1.4.1",
		Date:    time.Date(2026, 11, 21, 15, 0, 0, 0, time.UTC),
		Changes: changes,
	}
}

var (
	kacSections = map[string]string{"feat": "Added", "fix": "Fixed", "perf": "Changed", "revert": "Changed", "fix(security)": "Security"}
	kacOrder    = []string{"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
	ccSections  = map[string]string{"feat": "Features", "fix": "Bug Fixes", "perf": "Performance Improvements", "revert": "Reverts"}
	ccOrder     = []string{"Features", "Bug Fixes", "Performance Improvements", "Reverts"}
	ghe         = Remote{BaseURL: "https://ghe.example.com/acme/rocket"}
)

func TestNotesKeepAChangelog(t *testing.T) {
	n := sampleNotes()
	o := NotesOptions{Format: FormatKeepAChangelog, Sections: kacSections, Order: kacOrder, Remote: ghe}
	golden.Assert(t, "testdata/notes-keep-a-changelog.golden", n.Heading(o)+"\n\n"+n.Body(o))
}

func TestNotesConventionalWithoutRemote(t *testing.T) {
	n := sampleNotes()
	o := NotesOptions{Format: FormatConventional, Sections: ccSections, Order: ccOrder}
	golden.Assert(t, "testdata/notes-conventional-no-remote.golden", n.Heading(o)+"\n\n"+n.Body(o))
}

func TestNotesConventionalHeadingLinksComparison(t *testing.T) {
	n := sampleNotes()
	o := NotesOptions{Format: FormatConventional, Remote: ghe}
	want := "## [2.0.0](https://ghe.example.com/acme/rocket/compare/v1.4.1...v2.0.0) (2026-11-21)"
	if got := n.Heading(o); got != want {
		t.Errorf("heading = %q, want %q", got, want)
	}
}

func TestNotesBodyEmptyWhenNothingVisible(t *testing.T) {
	n := Notes{Changes: ParseAll(commits("docs: a", "chore: b"))}
	if got := n.Body(NotesOptions{Sections: kacSections}); got != "" {
		t.Errorf("body = %q, want empty", got)
	}
}

// TestNotesBodyNeutralizesCommitText: commit text that would ping, hide
// the rest of a pull request body, close issues when the release pull
// request merges, or start Markdown blocks shows as written instead.
func TestNotesBodyNeutralizesCommitText(t *testing.T) {
	n := Notes{Changes: ParseAll(commits(
		"fix: thanks \\@octocat and `@hubot and @@monalisa",
		"fix: handle <br> tags",
		"fix: unclosed <!-- comment",
		"fix(core): closes #1",
		"fix: fixes acme/other#2, Resolves: GH-3",
		"fix(@org/team): scope mention",
		"feat!: new API\n\nBREAKING CHANGE: ping @alice </details>\n# Migration\n[x]: https://example.com",
	))}
	want := "### Breaking Changes\n\n" +
		"- new API (ggggggg)\n\n  ping `@alice` &lt;/details&gt;\n  \\# Migration\n  \\[x]: https://example.com\n" +
		"\n### Fixed\n\n" +
		"- **`@org/team`:** scope mention (fffffff)\n" +
		"- fixes `acme/other#2`, Resolves: `GH-3` (eeeeeee)\n" +
		"- **core:** closes `#1` (ddddddd)\n" +
		"- unclosed &lt;!-- comment (ccccccc)\n" +
		"- handle &lt;br&gt; tags (bbbbbbb)\n" +
		"- thanks `@octocat` and \\``@hubot` and @`@monalisa` (aaaaaaa)\n"
	if got := n.Body(NotesOptions{Sections: kacSections}); got != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
}

func TestParseRemote(t *testing.T) {
	cases := map[string]string{
		"https://github.com/acme/rocket.git":               "https://github.com/acme/rocket",
		"https://x-access-token:ghs_secret@github.com/a/b": "https://github.com/a/b",
		"git@github.com:acme/rocket.git":                   "https://github.com/acme/rocket",
		"ssh://git@ghe.example.com:2222/acme/rocket.git":   "https://ghe.example.com/acme/rocket",
		"https://ghe.example.com:8443/acme/rocket":         "https://ghe.example.com:8443/acme/rocket",
		"git@ghe.corp:team/service":                        "https://ghe.corp/team/service",
		"https://ghe.example.com/acme/rocket/":             "https://ghe.example.com/acme/rocket",
		"/srv/git/rocket.git":                              "",
		"file:///srv/git/acme/rocket.git":                  "",
		"https://github.com/":                              "",
		"":                                                 "",
	}
	for in, want := range cases {
		r, ok := ParseRemote(in)
		if r.BaseURL != want || ok != (want != "") {
			t.Errorf("ParseRemote(%q) = %q, %v, want %q", in, r.BaseURL, ok, want)
		}
	}
}
