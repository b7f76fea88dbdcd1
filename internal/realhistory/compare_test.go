package realhistory

import (
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	feat := Entry{Section: "features", Text: "add x"}
	fix := Entry{Section: "bug fixes", Text: "fix y"}
	// The real tools list a breaking change twice; releasebot once.
	realBreaking := []Entry{
		{Section: "breaking changes", Breaking: true, Text: "api: callers must move to v2"},
		{Section: "features", Text: "api: drop v1"},
	}
	ourBreaking := Entry{Section: "breaking changes", Breaking: true, Text: "api: drop v1", Note: "callers must move to v2"}
	for _, tc := range []struct {
		name                   string
		real, got              []Entry
		matched, missing, xtra int
	}{
		{"same entries in another order", []Entry{feat, fix}, []Entry{fix, feat}, 2, 0, 0},
		{"a missing entry", []Entry{feat, fix}, []Entry{feat}, 1, 1, 0},
		{"an extra entry", []Entry{feat}, []Entry{feat, fix}, 1, 0, 1},
		{"same text under another heading", []Entry{feat}, []Entry{{Section: "bug fixes", Text: "add x"}}, 0, 1, 1},
		{"multisets: listed twice against once", []Entry{feat}, []Entry{feat, feat}, 1, 0, 1},
		{"breaking change laid out by each tool", realBreaking, []Entry{ourBreaking}, 2, 0, 0},
		{"breaking without a note matches its description",
			[]Entry{{Section: "breaking changes", Breaking: true, Text: "drop node 8"}, {Section: "features", Text: "drop node 8"}},
			[]Entry{{Section: "breaking changes", Breaking: true, Text: "drop node 8"}}, 2, 0, 0},
		{"releasebot calls breaking what the tool did not", []Entry{{Section: "features", Text: "api: drop v1"}}, []Entry{ourBreaking}, 1, 0, 1},
		{"the tool calls breaking what releasebot did not", realBreaking, []Entry{{Section: "features", Text: "api: drop v1"}}, 1, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := Compare(tc.real, tc.got)
			if m.Matched != tc.matched || len(m.Missing) != tc.missing || len(m.Extra) != tc.xtra {
				t.Errorf("matched %d missing %v extra %v; want %d, %d, %d", m.Matched, m.Missing, m.Extra, tc.matched, tc.missing, tc.xtra)
			}
			if m.Exact() != (tc.missing == 0 && tc.xtra == 0) {
				t.Errorf("Exact() = %v", m.Exact())
			}
		})
	}
}

// The replay runs the core as `next` and `changelog` do: a release-please
// configuration, a previous tag and two commits give the next version and
// its entries.
func TestReplayComputesVersionAndEntries(t *testing.T) {
	h2, h1, h0 := strings.Repeat("2", 40), strings.Repeat("1", 40), strings.Repeat("0", 40)
	repo := Repo{Repo: "o/r", TagPrefix: "v", Configs: map[string]string{
		"release-please": "tag-prefix: v\nchangelog:\n  format: conventional\n  sections: {feat: Features, fix: Bug Fixes}\n",
	}}
	rel := Release{Tag: "v1.3.0", Tool: "release-please", Head: h2, Prev: "v1.2.3", Version: "1.3.0", HasSection: true,
		Entries: []Entry{{Section: "features", Text: "api: add x"}, {Section: "bug fixes", Text: "fix y"}},
		Commits: []Commit{
			{Hash: h2, Message: "feat(api): add x (#2)", AfterPrev: true},
			{Hash: h1, Message: "fix: fix y\n\nmore words", AfterPrev: true},
			{Hash: h0, Message: "chore: tidy", AfterPrev: true},
		}}
	rp, err := NewReplayer(repo)
	if err != nil {
		t.Fatal(err)
	}
	res := ReplayResult(rp, repo, rel)
	if res.Got != "1.3.0" || res.Err != "" {
		t.Fatalf("got %q (err %q), want 1.3.0", res.Got, res.Err)
	}
	if !res.Match.Exact() || res.Match.Matched != 2 {
		t.Errorf("entries: %+v", res.Match)
	}
	rel.Commits = rel.Commits[2:]
	if res := ReplayResult(rp, repo, rel); res.Got != "" || res.GotWord() != "none" {
		t.Errorf("only a chore: got %q, want nothing to release", res.Got)
	}
	if _, err := NewReplayer(Repo{Repo: "o/r", Configs: map[string]string{"x": "nope: 1\n"}}); err == nil {
		t.Error("an invalid configuration was accepted")
	}
}
