package changelog

import (
	"bytes"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/golden"
)

// mustInsert inserts r, requires a change, and checks that inserting again
// changes nothing and that the section reads back.
func mustInsert(t *testing.T, existing string, r Release) string {
	t.Helper()
	out, changed, err := Insert([]byte(existing), r)
	if err != nil || !changed {
		t.Fatalf("Insert: changed=%v err=%v", changed, err)
	}
	again, changed, err := Insert(out, r)
	if err != nil || changed || !bytes.Equal(again, out) {
		t.Errorf("second Insert: changed=%v err=%v, output differs=%v", changed, err, !bytes.Equal(again, out))
	}
	if _, ok := Section(out, r.Version); !ok {
		t.Errorf("Section(%s) not found after Insert", r.Version)
	}
	return string(out)
}

func TestInsertGolden(t *testing.T) {
	bare := rel
	bare.Link, bare.UnreleasedLink = "", ""
	tests := []struct {
		name     string
		existing string
		r        Release
	}{
		{"new", "", rel},
		{"new_blank_crlf", " \r\n\r\n", bare},
		{"kac", kacFile, rel},
		{"kac_crlf", crlf(kacFile), rel},
		{"hand", handFile, rel},
		{"hand_crlf", crlf(handFile), rel},
		{"please", pleaseFile, pleaseRel},
		{"fenced", fencedFile, rel},
		{"title", titleFile, rel},
		{"title_nolink", titleFile, bare},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden.Assert(t, "testdata/"+tt.name+".golden", mustInsert(t, tt.existing, tt.r))
		})
	}
}

func TestInsertNewFile(t *testing.T) {
	for _, existing := range []string{"", " ", "\n\n", "\t \n"} {
		out := mustInsert(t, existing, rel)
		want := "# Changelog\n\n" + intro + "\n\n" + rel.Heading + "\n\n" + rel.Body +
			"\n[1.3.0]: " + rel.Link + "\n"
		if out != want {
			t.Errorf("Insert(%q) =\n%s\nwant\n%s", existing, out, want)
		}
	}
	if out, _, _ := Insert(nil, rel); !bytes.HasPrefix(out, []byte("# Changelog\n")) {
		t.Errorf("Insert(nil) = %q", out)
	}
}

func TestInsertLayout(t *testing.T) {
	r := Release{Version: "1.3.0", Heading: "## 1.3.0", Body: "- a\n"}
	tests := []struct{ name, existing, want string }{
		{"no final newline", "# Changelog", "# Changelog\n\n## 1.3.0\n\n- a\n"},
		{"trailing blanks dropped", "# C\n\n## 1.2.0\n\n- b\n\n\n\n", "# C\n\n## 1.3.0\n\n- a\n\n## 1.2.0\n\n- b\n"},
		{"gap normalised", "# C\n\n\n\n## 1.2.0\n- b", "# C\n\n## 1.3.0\n\n- a\n\n## 1.2.0\n- b\n"},
		{"heading first", "## 1.2.0\n", "## 1.3.0\n\n- a\n\n## 1.2.0\n"},
		{"lone CR kept", "# C\r\n\r\nx\ry\r\n", "# C\r\n\r\nx\ry\r\n\r\n## 1.3.0\r\n\r\n- a\r\n"},
		{"after other h2", "# C\n\n## Notes\n\ntext\n", "# C\n\n## Notes\n\ntext\n\n## 1.3.0\n\n- a\n"},
		{"before h3 patch", "# C\n\n### [1.2.1](u) (d)\n\n### Bug Fixes\n", "# C\n\n## 1.3.0\n\n- a\n\n### [1.2.1](u) (d)\n\n### Bug Fixes\n"},
		{"refs block kept", "# C\n\n- x\n\n\n[a]: b\n", "# C\n\n- x\n\n## 1.3.0\n\n- a\n\n[a]: b\n"},
		{"final CR completed", "# C\r\n\r\n## 1.2.0\r\n- b\r", "# C\r\n\r\n## 1.3.0\r\n\r\n- a\r\n\r\n## 1.2.0\r\n- b\r\n"},
		{"unreleased below newest", "# C\n\n## 1.2.0\n\n## Unreleased\n- u\n\n## 1.1.0\n",
			"# C\n\n## 1.3.0\n\n- u\n\n- a\n\n## 1.2.0\n\n## Unreleased\n\n## 1.1.0\n"},
		{"empty unreleased stays", "# C\n\n## Unreleased\n\n## 1.2.0\n", "# C\n\n## Unreleased\n\n## 1.3.0\n\n- a\n\n## 1.2.0\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustInsert(t, tt.existing, r); got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
	empty := Release{Version: "1.3.0", Heading: "## 1.3.0"}
	if got := mustInsert(t, "# C\n\n## 1.2.0\n", empty); got != "# C\n\n## 1.3.0\n\n## 1.2.0\n" {
		t.Errorf("empty body: got %q", got)
	}
}

func TestInsertExistingVersion(t *testing.T) {
	headings := []string{
		"## [1.3.0] - 2026-11-21",
		"## [1.3.0]",
		"## [v1.3.0] - 2026-11-21",
		"## [1.3.0](https://example.com/o/r/compare/v1.2.3...v1.3.0) (2026-11-21)",
		"# [1.3.0](https://example.com/o/r/compare/v1.2.3...v1.3.0) (2026-11-21)",
		"### [1.3.0](https://example.com/o/r/compare/v1.2.3...v1.3.0) (2026-11-21)",
		"## 1.3.0 (2026-11-21)",
		"## v1.3.0",
		"## V1.3.0 ##",
		"   ## 1.3.0",
	}
	for _, h := range headings {
		existing := []byte("# Changelog\n\n## [Unreleased]\n\n- pending\n\n" + h + "\n\n- old\n")
		for _, v := range []string{"1.3.0", "v1.3.0"} {
			r := rel
			r.Version = v
			out, changed, err := Insert(existing, r)
			if err != nil || changed || !bytes.Equal(out, existing) {
				t.Errorf("heading %q, version %s: changed=%v err=%v", h, v, changed, err)
			}
		}
	}
}

func TestInsertDoesNotMatchOtherVersions(t *testing.T) {
	others := []string{
		"## [1.3.0-rc.1] - 2026-11-01", "## 11.3.0", "## [1.3.0.1]", "## 1.3.01",
		"## [1.3.0+build.5]", "#### 1.3.0", "## Release 1.3.0", "##1.3.0", "    ## 1.3.0",
	}
	for _, h := range others {
		existing := "# Changelog\n\n" + h + "\n\n- old\n"
		mustInsert(t, existing, rel)
	}
	rc := Release{Version: "1.3.0-rc.1", Heading: "## [1.3.0-rc.1]"}
	mustInsert(t, "# C\n\n## [1.3.0]\n", rc)
	mustInsert(t, "# C\n\n## [1.3.0-rc.2]\n", rc)
}

func TestInsertFold(t *testing.T) {
	existing := "# C\n\n## [Unreleased]\n\n### Fixed\n- hand fix\n\n### Changed\n\n1. hand change\n\n## 1.2.0\n"
	r := Release{Version: "1.3.0", Heading: "## [1.3.0]", Body: "### Added\n\n- gen add\n\n### Fixed\n\nSee below.\n"}
	want := "# C\n\n## [Unreleased]\n\n## [1.3.0]\n\n" +
		"### Added\n\n- gen add\n\n### Fixed\n\nSee below.\n\n- hand fix\n\n### Changed\n\n1. hand change\n\n## 1.2.0\n"
	if got := mustInsert(t, existing, r); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Only template headings: the Unreleased section is left alone.
	tmpl := "# C\n\n## [Unreleased]\n\n### Added\n\n### Fixed\n\n## 1.2.0\n"
	want = "# C\n\n## [Unreleased]\n\n### Added\n\n### Fixed\n\n## [1.3.0]\n\n### Added\n\n- gen add\n\n### Fixed\n\nSee below.\n\n## 1.2.0\n"
	if got := mustInsert(t, tmpl, r); got != want {
		t.Errorf("template: got\n%s\nwant\n%s", got, want)
	}
	// Free text only, no body, no version heading, Unreleased last.
	free := "# C\n\n## Unreleased\n\nJust text.\n\n[unreleased]: u\n"
	r = Release{Version: "1.3.0", Heading: "## [1.3.0]", Link: "l", UnreleasedLink: "u2"}
	want = "# C\n\n## Unreleased\n\n## [1.3.0]\n\nJust text.\n\n[unreleased]: u2\n[1.3.0]: l\n"
	if got := mustInsert(t, free, r); got != want {
		t.Errorf("free text: got\n%s\nwant\n%s", got, want)
	}
}

func TestInsertLinks(t *testing.T) {
	r := Release{Version: "1.3.0", Heading: "## [v1.3.0]", Link: "L", UnreleasedLink: "U"}
	tests := []struct{ name, existing, want string }{
		{"create block", "# C\n\n## [1.2.0]\n",
			"# C\n\n## [v1.3.0]\n\n## [1.2.0]\n\n[v1.3.0]: L\n"},
		{"add unreleased ref", "# C\n\n## Unreleased\n\n## [1.2.0]\n\n[Foo]: f\n[1.2.0]: a\n",
			"# C\n\n## Unreleased\n\n## [v1.3.0]\n\n## [1.2.0]\n\n[Foo]: f\n[unreleased]: U\n[v1.3.0]: L\n[1.2.0]: a\n"},
		{"update refs, keep case", "# C\n\n## [1.2.0]\n\n[Unreleased]: old\n[V1.3.0]: stale \"t\"\n[1.2.0]: a\n",
			"# C\n\n## [v1.3.0]\n\n## [1.2.0]\n\n[Unreleased]: U\n[V1.3.0]: L\n[1.2.0]: a\n"},
		{"no unreleased anywhere", "# C\n\n[x]: y\n",
			"# C\n\n## [v1.3.0]\n\n[x]: y\n[v1.3.0]: L\n"},
		{"unreleased ref only", "# C\n\n[unreleased]: old\n",
			"# C\n\n## [v1.3.0]\n\n[unreleased]: U\n[v1.3.0]: L\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustInsert(t, tt.existing, r); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestInsertErrors(t *testing.T) {
	tests := []struct {
		name     string
		existing string
		r        Release
		want     string
	}{
		{"bad version", "", Release{Version: "1.3", Heading: "## 1.3"}, "Release.Version"},
		{"heading other version", "", Release{Version: "1.3.0", Heading: "## 1.3.1"}, "Release.Heading"},
		{"heading not heading", "", Release{Version: "1.3.0", Heading: "1.3.0"}, "Release.Heading"},
		{"heading level 4", "", Release{Version: "1.3.0", Heading: "#### 1.3.0"}, "Release.Heading"},
		{"heading newline", "", Release{Version: "1.3.0", Heading: "## 1.3.0\n"}, "Release.Heading"},
		{"link space", "", Release{Version: "1.3.0", Heading: "## 1.3.0", Link: "a b"}, "Release.Link"},
		{"body h2", "", Release{Version: "1.3.0", Heading: "## 1.3.0", Body: "x\n## Notes\n"}, "Body line 2"},
		{"body version h3", "", Release{Version: "1.3.0", Heading: "## 1.3.0", Body: "### 1.2.0\n"}, "Body line 1"},
		{"body fence", "", Release{Version: "1.3.0", Heading: "## 1.3.0", Body: "a\n\n```\ncode\n"}, "Body line 3"},
		{"open fence", "# C\n\n```\n## 1.2.0\n", rel, "line 3: code fence"},
		{"open comment", "# C\n\n## 1.2.0\n\n<!-- todo\n", rel, "line 5: HTML comment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, changed, err := Insert([]byte(tt.existing), tt.r)
			if err == nil || !strings.Contains(err.Error(), tt.want) || out != nil || changed {
				t.Errorf("err = %v, want it to mention %q (out=%q changed=%v)", err, tt.want, out, changed)
			}
		})
	}
	// An open block after the insertion point is fine without link refs.
	r := rel
	r.Link, r.UnreleasedLink = "", ""
	mustInsert(t, "# C\n\n## 1.2.0\n\n```\nnever closed\n", r)
}
