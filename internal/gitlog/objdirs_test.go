package gitlog

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestObjectDirs reads alternates as git does: comments and blank lines
// skipped, quoted and relative paths, missing directories left out, each
// directory once, chains followed five deep, the environment's list read
// relative to the current directory.
func TestObjectDirs(t *testing.T) {
	root := t.TempDir()
	dir := func(name string) string {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Join(p, "info"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	alternates := func(d, content string) {
		if err := os.WriteFile(filepath.Join(d, "info", "alternates"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	primary, spaced, rel, env := dir("primary"), dir("with space"), dir("rel"), dir("env")
	alternates(primary, "# a comment\n\n\""+spaced+"\"\n../rel\n"+filepath.Join(root, "missing")+"\n"+spaced+"\n"+primary+"\n")
	chain := make([]string, 8)
	for i := range chain {
		chain[i] = dir(fmt.Sprintf("chain%d", i))
		if i > 0 {
			alternates(chain[i-1], chain[i]+"\n")
		}
	}
	alternates(rel, chain[0]+"\n")

	got := objectDirs(primary, root, "env"+string(os.PathListSeparator)+filepath.Join(root, "missing"))
	// rel is listed by the primary's file, read at depth 0, so rel's file
	// is read at depth 1, chain0's at 2... chain3's at 5, the last read:
	// chain4 is listed, chain5 is not.
	want := []string{primary, env, spaced, rel, chain[0], chain[1], chain[2], chain[3], chain[4]}
	if !slices.Equal(got, want) {
		t.Errorf("objectDirs:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// TestOpenReadsAlternates reads a history whose objects are spread over a
// chain of alternates, with relative paths, through the fast path: the
// commits are those of git rev-list and go-git reads the rest.
func TestOpenReadsAlternates(t *testing.T) {
	f := newFixture(t)
	f.write("a.txt", "a\n")
	f.git("add", "a.txt")
	first := f.commit("feat: a")
	f.git("tag", "-a", "-m", "v1", "v1.0.0")
	for i := range 5 {
		f.commit(fmt.Sprintf("fix: %d", i))
	}
	head := f.git("rev-parse", "HEAD")
	old, recent := filepath.Join(f.dir, "..", "old"), filepath.Join(f.dir, "..", "recent")
	packInto := func(dst string, revs ...string) {
		if err := os.MkdirAll(filepath.Join(dst, "pack"), 0o755); err != nil {
			t.Fatal(err)
		}
		list := f.git(append([]string{"rev-list", "--objects"}, revs...)...)
		cmd := f.command(f.dir, "pack-objects", "-q", filepath.Join(dst, "pack", "pack"))
		cmd.Stdin = strings.NewReader(list + "\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pack-objects: %v\n%s", err, out)
		}
	}
	packInto(old, "v1.0.0")
	packInto(recent, "--all", "--not", "v1.0.0")
	objects := filepath.Join(f.dir, ".git", "objects")
	if err := os.RemoveAll(objects); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(objects, "info"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(objects, "info", "alternates"), "# cache\n../../../recent\n")
	writeFile(t, filepath.Join(recent, "info", "alternates"), "../old\n")
	if out, err := f.run(f.dir, "fsck", "--connectivity-only"); err != nil {
		t.Fatalf("git fsck: %v\n%s", err, out)
	}

	r := f.open()
	f.checkRange(r, head, first)
	checkTags(t, f, r)
	if n := len(r.packs.packs); n != 2 {
		t.Errorf("the fast path found %d packs, want the 2 of the alternates", n)
	}
	if b, err := r.FileAt(head, "a.txt"); err != nil || string(b) != "a\n" {
		t.Errorf("FileAt through go-git: %q, %v", b, err)
	}
}

// writeFile writes a file, failing the test on error.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
