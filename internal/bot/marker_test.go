package bot

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMarkerRoundTrip(t *testing.T) {
	m := Marker{Version: "1.3.0", Tag: "v1.3.0", Base: "abc", Commit: "def", Digest: "0123", Held: true}
	body := "notes\n\n" + m.String() + "\n"
	got, ok := ParseMarker(body)
	if !ok || !reflect.DeepEqual(got, m) {
		t.Errorf("ParseMarker = %+v, %v", got, ok)
	}
	for _, broken := range []string{"no marker", "<!-- releasebot:release {not json} -->", `<!-- releasebot:release {"version":""} -->`} {
		if _, ok := ParseMarker(broken); ok {
			t.Errorf("ParseMarker(%q) accepted it", broken)
		}
	}
}

func TestTruncateKeepsTheMarkerAndFitsTheLimit(t *testing.T) {
	tail := "\n" + Marker{Version: "1.0.0", Tag: "v1.0.0"}.String() + "\n"
	long := strings.Repeat("- an entry with ünïcödé text\n", 5000)
	got := truncate(long, tail, "https://ghe.example.com/o/r/blob/v1.0.0/CHANGELOG.md")
	if len(got) > maxBody || !strings.HasSuffix(got, tail) || !utf8.ValidString(got) {
		t.Fatalf("len %d, marker kept %v, valid UTF-8 %v", len(got), strings.HasSuffix(got, tail), utf8.ValidString(got))
	}
	if !strings.Contains(got, "read them in full in the changelog: https://ghe.example.com/o/r/blob/v1.0.0/CHANGELOG.md") {
		t.Error("no link to the full notes")
	}
	if short := truncate("short", tail, "x"); short != "short"+tail {
		t.Errorf("a short body was changed: %q", short)
	}
	noLines := truncate(strings.Repeat("é", maxBody), "", "")
	if len(noLines) > maxBody || !utf8.ValidString(noLines) {
		t.Errorf("a body without line ends: len %d, valid %v", len(noLines), utf8.ValidString(noLines))
	}
}

func TestNotesFromBody(t *testing.T) {
	body := "This pull request releases **1.3.0** (minor).\n\n## [1.3.0] - 2026-11-21\n\n### Added\n\n- x\n\n---\n\nMerging it tags...\n\n<!-- releasebot:release {\"version\":\"1.3.0\",\"tag\":\"v1.3.0\"} -->\n"
	if got := notesFromBody(body); got != "### Added\n\n- x\n" {
		t.Errorf("notesFromBody = %q", got)
	}
}

func TestVersionInTitle(t *testing.T) {
	cases := []struct{ pattern, title, want string }{
		{"chore(${branch}): release ${version}", "chore(main): release 1.2.3", "1.2.3"},
		{"chore(${branch}): release ${version}", "chore(dev): release 1.2.3", ""},
		{"release: ${version} [${branch}]", "release: 2.0.0-rc.1 [main]", "2.0.0-rc.1"},
		{"chore(${branch}): release ${version}", "something else", ""},
	}
	for _, c := range cases {
		if got := versionInTitle(c.pattern, "main", c.title); got != c.want {
			t.Errorf("versionInTitle(%q, %q) = %q, want %q", c.pattern, c.title, got, c.want)
		}
	}
}
