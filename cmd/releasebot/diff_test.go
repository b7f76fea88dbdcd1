package main

import (
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"
)

func TestUnifiedDiffIsLineByLine(t *testing.T) {
	old := "# Changelog\n\n## [1.0.0] - 2024-01-01\n\n- first\n"
	new := "# Changelog\n\n## [1.0.1] - 2026-11-21\n\n- x\n\n## [1.0.0] - 2024-01-01\n\n- first\n"
	d := unifiedDiff("a/CHANGELOG.md", "b/CHANGELOG.md", old, new)
	if strings.Contains(d, "-# Changelog") || !strings.Contains(d, "+## [1.0.1] - 2026-11-21") {
		t.Errorf("diff:\n%s", d)
	}
}

func FuzzUnifiedDiffApplies(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nc\nd\n")
	f.Add("", "x\n")
	f.Add("no newline", "no newline\nnow")
	f.Add("é\r\nß\n", "ß\n")
	f.Fuzz(func(t *testing.T, old, new string) {
		d := unifiedDiff("a", "b", old, new)
		if (d == "") != (old == new) {
			t.Fatalf("diff of %q and %q is %q", old, new, d)
		}
		got, err := udiff.Apply(old, lineEdits(old, new))
		if err != nil || got != new {
			t.Fatalf("line edits of %q -> %q give %q, %v", old, new, got, err)
		}
	})
}
