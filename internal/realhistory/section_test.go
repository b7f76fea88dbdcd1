package realhistory

import (
	"reflect"
	"testing"
)

// A release-please section, as googleapis/nodejs-storage's CHANGELOG.md
// holds it for 6.0.0 (shortened), between its neighbours.
const storageChangelog = `# Changelog

## [6.0.1](https://github.com/googleapis/nodejs-storage/compare/v6.0.0...v6.0.1) (2022-05-25)


### Bug Fixes

* capture and throw on non-existent files ([#1969](https://github.com/googleapis/nodejs-storage/issues/1969)) ([52d81c0](https://github.com/googleapis/nodejs-storage/commit/52d81c026f30aef0902ea7173dfa6da2e7f97d50))

## [6.0.0](https://github.com/googleapis/nodejs-storage/compare/v5.20.5...v6.0.0) (2022-05-24)


### ⚠ BREAKING CHANGES

* update TypeScript
* drop node 10 support

### Build System

* drop node 10 support ([77fa8d9](https://github.com/googleapis/nodejs-storage/commit/77fa8d9f95afbc830b57188ce0d2dfac46476d0b))


### deps

* **deps:** update TypeScript ([77fa8d9](https://github.com/googleapis/nodejs-storage/commit/77fa8d9f95afbc830b57188ce0d2dfac46476d0b))

### [5.20.5](https://github.com/googleapis/nodejs-storage/compare/v5.20.4...v5.20.5) (2022-05-19)


### Bug Fixes

* move uuid package to dependencies
`

func TestFindSectionStopsAtTheNextReleaseHeading(t *testing.T) {
	got, ok := FindSection(storageChangelog, "6.0.0")
	if !ok {
		t.Fatal("6.0.0 not found")
	}
	entries := ParseEntries(got)
	want := []Entry{
		{Section: "breaking changes", Breaking: true, Text: "update TypeScript"},
		{Section: "breaking changes", Breaking: true, Text: "drop node 10 support"},
		{Section: "build system", Text: "drop node 10 support", Refs: []string{"77fa8d9"}},
		{Section: "deps", Text: "deps: update TypeScript", Refs: []string{"77fa8d9"}},
	}
	if !reflect.DeepEqual(entries, want) {
		t.Errorf("entries:\n got %+v\nwant %+v", entries, want)
	}
	// A patch release's "###" heading ends the section too.
	if _, ok := FindSection(storageChangelog, "5.20.4"); ok {
		t.Error("found a section for a version the file lacks")
	}
	last, ok := FindSection(storageChangelog, "5.20.5")
	if !ok || len(ParseEntries(last)) != 1 {
		t.Errorf("5.20.5: ok=%v entries=%v", ok, ParseEntries(last))
	}
}

// conventional-changelog (standard-version) puts an anchor before each
// heading and a major release's heading at level 1.
func TestFindSectionSkipsAnchors(t *testing.T) {
	text := "<a name=\"1.0.0\"></a>\n# [1.0.0](https://x/compare/v0.9.0...v1.0.0) (2018-07-06)\n\n\n### Bug Fixes\n\n" +
		"* **loader:** trim urls ([#783](https://x/issues/783)) ([21fcddf](https://x/commit/21fcddf))\n\n\n\n" +
		"<a name=\"0.9.0\"></a>\n## [0.9.0](https://x) (2018-06-01)\n\n* old\n"
	got, ok := FindSection(text, "1.0.0")
	if !ok {
		t.Fatal("1.0.0 not found")
	}
	want := []Entry{{Section: "bug fixes", Text: "loader: trim urls", Refs: []string{"21fcddf"}}}
	if e := ParseEntries(got); !reflect.DeepEqual(e, want) {
		t.Errorf("got %+v, want %+v", e, want)
	}
}

func TestParseEntriesKeepsReleasebotNotesApart(t *testing.T) {
	section := "### Breaking Changes\n\n- **api:** drop v1 (#12, abc1234)\n\n  Callers of v1 must move to v2.\n  See the guide.\n\n### Bug Fixes\n\n- fix a thing (#13, def5678)\n"
	want := []Entry{
		{Section: "breaking changes", Breaking: true, Text: "api: drop v1", Note: "callers of v1 must move to v2. See the guide.", Refs: []string{"abc1234"}},
		{Section: "bug fixes", Text: "fix a thing", Refs: []string{"def5678"}},
	}
	if got := ParseEntries(section); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// release-please: links, PR and commit references, closes.
		{"**deps:** update brace-expansion to address alerts [#99](https://github.com/o/r/issues/99) ([#2857](https://github.com/o/r/issues/2857)) ([e9e921a](https://github.com/o/r/commit/e9e921a))", "deps: update brace-expansion to address alerts #99"},
		{"avoid duplicates ([#2830](https://x/issues/2830)) ([2cfa196](https://x/commit/2cfa196)), closes [#2826](https://x/issues/2826)", "avoid duplicates"},
		// releasebot: one group of references, mentions in code spans.
		{"**Deps:** update `@octokit/rest` for `@someone` (#12, abc1234)", "Deps: update @octokit/rest for @someone"},
		// conventional-changelog links mentions; escapes and sentence case.
		{"emit warnings on broken `[@import](https://github.com/import)`", "emit warnings on broken @import"},
		{"Allow  parentheses in \\_title\\_", "allow parentheses in _title_"},
		{"node: Rethrow missing file error", "node: rethrow missing file error"},
		// releasebot quotes issue references so that they close nothing.
		{"print error, closes `#124`", "print error"},
		{"fixes `#516` in `o/r#7` too", "fixes #516 in o/r#7 too"},
		// Text in parentheses that is not a reference stays.
		{"support foo (experimental)", "support foo (experimental)"},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
