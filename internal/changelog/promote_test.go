package changelog

import (
	"strings"
	"testing"
)

func TestDropCoveredPrereleases(t *testing.T) {
	in := "# Changelog\n\n## [1.3.0-rc.2] - 2026-02-01\n\n### Fixed\n\n- b (222)\n\n" +
		"## [1.3.0-rc.1] - 2026-01-01\n\n### Added\n\n- a (111)\n\n" +
		"## [1.3.0-beta.1] - 2025-12-01\n\nHand-written: try the new engine.\n\n- a (111)\n\n" +
		"## [1.2.3] - 2025-11-01\n\n- old\n\n" +
		"[1.3.0-rc.2]: https://h/o/r/compare/v1.3.0-rc.1...v1.3.0-rc.2\n[1.3.0-rc.1]: https://h/o/r/compare/v1.2.3...v1.3.0-rc.1\n[1.2.3]: https://h/o/r/releases/tag/v1.2.3\n"
	body := "### Added\n\n- a (111)\n\n### Fixed\n\n- b (222)\n"
	got := string(DropCovered([]byte(in), "1.3.0", body))
	for _, gone := range []string{"## [1.3.0-rc.2]", "## [1.3.0-rc.1]", "[1.3.0-rc.2]:", "[1.3.0-rc.1]:"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q is still there:\n%s", gone, got)
		}
	}
	for _, kept := range []string{"## [1.3.0-beta.1]", "Hand-written: try the new engine.", "## [1.2.3]", "[1.2.3]: https://h/o/r/releases/tag/v1.2.3"} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q was lost:\n%s", kept, got)
		}
	}
	if strings.Contains(got, "- a (111)") || strings.Contains(got, "\n\n\n") {
		t.Errorf("a covered entry, or a double blank line, is left in the beta's section:\n%s", got)
	}
	out, changed, err := Insert([]byte(got), Release{Version: "1.3.0", Heading: "## [1.3.0] - 2026-03-01", Body: body})
	if err != nil || !changed || strings.Count(string(out), "- a (111)") != 1 {
		t.Errorf("insert after dropping: %v\n%s", err, out)
	}
}

func TestDropCoveredLeavesOtherVersionsAlone(t *testing.T) {
	in := []byte("# Changelog\n\n## [1.3.0-rc.1] - 2026-01-01\n\n- a\n")
	for _, v := range []string{"1.3.0-rc.2", "1.3.1", "11.3.0"} {
		if got := DropCovered(in, v, "- a\n"); string(got) != string(in) {
			t.Errorf("DropCovered(%s) changed the file:\n%s", v, got)
		}
	}
}

func TestDropCoveredMatchesEntriesWhateverCommitTheyLink(t *testing.T) {
	in := "# Changelog\n\n## [1.3.0-rc.1] - 2026-01-01\n\n### Added\n\n- **api:** add a ([#3](https://h/o/r/pull/3), [aaaaaaa](https://h/o/r/commit/aaaaaaa))\n- add b (bbbbbbb)\n"
	body := "### Added\n\n- **api:** add a ([#3](https://h/o/r/pull/3), [ccccccc](https://h/o/r/commit/ccccccc))\n- add b (ddddddd)\n"
	if got := string(DropCovered([]byte(in), "1.3.0", body)); strings.Contains(got, "rc.1") {
		t.Errorf("a squash-merged promotion left the candidate:\n%s", got)
	}
}
