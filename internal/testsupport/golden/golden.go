// Package golden compares rendered output with files under testdata.
//
// A test package that imports golden gets the -update flag:
//
//	go test ./internal/changelog -update
//
// rewrites every golden file the package's tests compare with, from the
// output they produce; review the change with git diff. The flag is defined
// here once, so no test package declares its own.
package golden

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"
)

var update = flag.Bool("update", false, "rewrite the golden files with the current output")

// Assert fails t unless got equals the content of the file at path
// (relative to the test's package directory, like "testdata/x.golden").
// The failure names the file, the first line that differs, a unified diff
// from the file to got, and how to accept got. With -update, Assert writes
// got to path (creating its directory) instead and does not fail.
func Assert[T ~string | ~[]byte](t testing.TB, path string, got T) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("golden: %v", err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatalf("golden: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden: %v (go test -update creates it from the current output)", err)
	}
	if msg := Diff(path, string(want), string(got)); msg != "" {
		t.Errorf("%s\n(if the new output is right, go test -update rewrites %s)", msg, path)
	}
}

// Diff returns "" when got equals want, or else a report naming path, the
// first line that differs (quoted, so that whitespace shows) and a unified
// diff from want to got.
func Diff(path, want, got string) string {
	if want == got {
		return ""
	}
	wl, gl := strings.SplitAfter(want, "\n"), strings.SplitAfter(got, "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	line := func(lines []string) string {
		if i >= len(lines) || lines[i] == "" {
			return "(end of text)"
		}
		return fmt.Sprintf("%q", lines[i])
	}
	return fmt.Sprintf("output differs from %s at line %d:\n  want %s\n  got  %s\n%s",
		path, i+1, line(wl), line(gl), udiff.Unified(path, "got", want, got))
}
