package changelog

import (
	"bytes"
	"strings"
	"testing"
)

// fuzzHeadings are the heading styles FuzzInsert writes, all for 1.3.0.
var fuzzHeadings = []string{
	"## [1.3.0] - 2026-11-21",
	"## [1.3.0](https://example.com/o/r/compare/v1.2.3...v1.3.0) (2026-11-21)",
	"# [1.3.0](https://example.com/o/r/compare/v1.2.3...v1.3.0) (2026-11-21)",
	"## 1.3.0 (2026-11-21)",
	"## v1.3.0",
	"### [1.3.0](u) (d)",
}

func FuzzInsert(f *testing.F) {
	for i, s := range seeds {
		f.Add([]byte(s), rel.Body, uint8(i))
		f.Add([]byte(s), pleaseRel.Body, uint8(i+8))
	}
	f.Add([]byte("## [Unreleased]\n### Added\n```\n## 1.3.0\n```\n"), "- x\n", uint8(0))
	f.Add([]byte("## Unreleased\n\ntext\n### fixed\n1. y\n<!-- c -->\n### Added\n\n"), "### Fixed\n- z", uint8(9))
	f.Fuzz(func(t *testing.T, existing []byte, body string, style uint8) {
		r := Release{Version: "1.3.0", Heading: fuzzHeadings[int(style)%len(fuzzHeadings)], Body: body}
		if style&8 != 0 {
			r.Link, r.UnreleasedLink = "https://l/1.3.0", "https://l/HEAD"
		}
		out, changed, err := Insert(existing, r)
		switch {
		case err != nil:
			if out != nil || changed {
				t.Fatalf("error %v with output %q, changed=%v", err, out, changed)
			}
			return
		case !changed:
			if !bytes.Equal(out, existing) {
				t.Fatalf("unchanged but output differs:\n%q", out)
			}
			return
		}
		checkInserted(t, existing, out, r)
	})
}

// checkInserted checks the properties of a successful, changing Insert.
func checkInserted(t *testing.T, existing, out []byte, r Release) {
	again, changed, err := Insert(out, r)
	if err != nil || changed || !bytes.Equal(again, out) {
		t.Fatalf("not idempotent: changed=%v err=%v\nfirst:\n%q\nsecond:\n%q", changed, err, out, again)
	}
	d := parse(out)
	n := 0
	for _, in := range d.infos {
		if in.release() && in.version == "1.3.0" {
			n++
		}
	}
	outLines := lineSet(out)
	if n != 1 || outLines[r.Heading] != lineSet(existing)[r.Heading]+1+countLine(bodyLines(r.Body), r.Heading) {
		t.Fatalf("heading written %d times (as a heading) in:\n%q", n, out)
	}
	if len(bytes.TrimSpace(existing)) > 0 {
		checkKept(t, existing, outLines, out)
	}
	hand := Unreleased(existing)
	for _, l := range strings.Split(hand, "\n") {
		if !isBlank(l) && !strings.HasPrefix(strings.TrimLeft(l, " "), "#") && outLines[l] == 0 {
			t.Fatalf("hand-written line %q lost:\n%q", l, out)
		}
	}
	body := bodyLines(r.Body)
	if _, _, folded := merge(strings.Split(hand, "\n"), nil); folded || len(body) > 0 && endsInRef(body) {
		return
	}
	want := strings.Join(body, "\n") + "\n"
	if len(body) == 0 {
		want = ""
	}
	if got, ok := Section(out, r.Version); !ok || got != want {
		t.Fatalf("Section = %q, %v; want %q\nin:\n%q", got, ok, want, out)
	}
}

// checkKept checks that the lines of existing are still in out, apart from
// blank lines, heading-like lines and link references.
func checkKept(t *testing.T, existing []byte, outLines map[string]int, out []byte) {
	for l, n := range lineSet(existing) {
		s, _ := unindent(l)
		_, _, isRef := refLabel(s)
		if outLines[l] < n && !isBlank(l) && !isRef && !strings.HasPrefix(s, "#") {
			t.Fatalf("line %q lost:\n%q", l, out)
		}
	}
}

// lineSet counts the lines of content by text.
func lineSet(content []byte) map[string]int {
	m := map[string]int{}
	for _, l := range splitLines(string(content)) {
		m[l.text]++
	}
	return m
}

func countLine(lines []string, s string) int {
	n := 0
	for _, l := range lines {
		if l == s {
			n++
		}
	}
	return n
}

// endsInRef reports whether the last line of body looks like a link
// reference, which would merge into a link-reference block below it.
func endsInRef(body []string) bool {
	s, ok := unindent(body[len(body)-1])
	_, _, isRef := refLabel(s)
	return ok && isRef
}

func FuzzSection(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s), "1.2.3")
		f.Add([]byte(s), "2.0.0")
	}
	f.Fuzz(func(t *testing.T, content []byte, version string) {
		_ = Unreleased(content)
		body, ok := Section(content, version)
		if !ok {
			if body != "" {
				t.Fatalf("absent section with body %q", body)
			}
			return
		}
		if body != "" && (!strings.HasSuffix(body, "\n") || isBlank(strings.SplitN(body, "\n", 2)[0]) ||
			strings.HasSuffix(body, "\n\n")) {
			t.Fatalf("body %q is not trimmed", body)
		}
		ver := trimV(version)
		r := Release{Version: ver, Heading: "## " + ver}
		if out, changed, err := Insert(content, r); err != nil || changed || !bytes.Equal(out, content) {
			t.Fatalf("Section found %s but Insert did not: changed=%v err=%v", version, changed, err)
		}
	})
}
