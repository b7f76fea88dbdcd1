package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps the failures instead of failing.
type recorder struct {
	testing.TB
	errors, fatals []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(format, args...))
}

func writeGolden(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAssertAcceptsEqualStringsAndBytes(t *testing.T) {
	path := writeGolden(t, "a\nb\n")
	r := &recorder{TB: t}
	Assert(r, path, "a\nb\n")
	Assert(r, path, []byte("a\nb\n"))
	if len(r.errors)+len(r.fatals) > 0 {
		t.Errorf("equal output failed: %q %q", r.errors, r.fatals)
	}
}

func TestAssertReportsTheFirstDifferenceAndADiff(t *testing.T) {
	path := writeGolden(t, "a\nb\nc\n")
	r := &recorder{TB: t}
	Assert(r, path, "a\nB \nc\n")
	if len(r.errors) != 1 || len(r.fatals) != 0 {
		t.Fatalf("errors %q, fatals %q; want one error", r.errors, r.fatals)
	}
	msg := r.errors[0]
	for _, want := range []string{
		"differs from " + path + " at line 2:",
		`want "b\n"`, `got  "B \n"`,
		"\n-b\n", "\n+B \n", "\n a\n",
		"go test -update rewrites " + path,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the report lacks %q:\n%s", want, msg)
		}
	}
}

func TestDiffNamesAMissingLastNewline(t *testing.T) {
	for _, c := range []struct{ want, got, line string }{
		{"a\n", "a", "line 1:\n  want \"a\\n\"\n  got  \"a\"\n"},
		{"a\n", "a\nb\n", "line 2:\n  want (end of text)\n  got  \"b\\n\"\n"},
		{"a\nb", "a\n", "line 2:\n  want \"b\"\n  got  (end of text)\n"},
	} {
		if d := Diff("f", c.want, c.got); !strings.Contains(d, c.line) {
			t.Errorf("Diff(%q, %q) =\n%s\nwant it to contain %q", c.want, c.got, d, c.line)
		}
	}
	if d := Diff("f", "same", "same"); d != "" {
		t.Errorf("Diff of equal texts = %q", d)
	}
}

func TestAssertOnAMissingFileSaysHowToCreateIt(t *testing.T) {
	r := &recorder{TB: t}
	Assert(r, filepath.Join(t.TempDir(), "none.golden"), "x")
	if len(r.fatals) == 0 || !strings.Contains(r.fatals[0], "go test -update creates it") {
		t.Errorf("fatals %q", r.fatals)
	}
}

func TestUpdateWritesTheFileAndPasses(t *testing.T) {
	old := *update
	*update = true
	t.Cleanup(func() { *update = old })
	path := filepath.Join(t.TempDir(), "new", "x.golden")
	r := &recorder{TB: t}
	Assert(r, path, []byte("fresh\n"))
	if len(r.errors)+len(r.fatals) > 0 {
		t.Fatalf("update failed: %q %q", r.errors, r.fatals)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "fresh\n" {
		t.Errorf("wrote %q, %v", b, err)
	}
}
