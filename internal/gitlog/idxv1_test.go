package gitlog

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-billy/v5/osfs"
)

// TestTranslateIdxV1 checks the translation of a version 1 pack index
// against git's own version 2 index of the same pack, byte for byte.
func TestTranslateIdxV1(t *testing.T) {
	f := newFixture(t)
	for i := range 20 {
		f.write(fmt.Sprintf("f%d.txt", i%4), strings.Repeat(fmt.Sprintf("line %d\n", i), 50+i))
		f.git("add", "-A")
		f.commit(fmt.Sprintf("fix: %d", i))
	}
	f.git("repack", "-q", "-adf")
	packs, err := filepath.Glob(filepath.Join(f.dir, ".git", packDir, "pack-*.pack"))
	if err != nil || len(packs) != 1 {
		t.Fatalf("packs: %v %v", packs, err)
	}
	out := t.TempDir()
	v1, v2 := filepath.Join(out, "v1.idx"), filepath.Join(out, "v2.idx")
	f.git("index-pack", "--index-version=1", "-o", v1, packs[0])
	f.git("index-pack", "--index-version=2", "-o", v2, packs[0])
	in, err := os.Open(v1)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	got, err := translateIdxV1(in, osfs.New(filepath.Dir(packs[0])), filepath.Base(packs[0]))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(v2)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("translated index (%d bytes) differs from git's version 2 index (%d bytes)", len(got), len(want))
	}
	if _, err := translateIdxV1(bytes.NewReader(want), osfs.New(filepath.Dir(packs[0])), filepath.Base(packs[0])); err == nil {
		t.Error("a version 2 index was taken for a version 1 index")
	}
}

// TestOpenReadsIdxV1 reads a repository whose pack has a version 1 index,
// through the fast path and through go-git.
func TestOpenReadsIdxV1(t *testing.T) {
	f := newFixture(t)
	f.write("a.txt", "a\n")
	f.git("add", "a.txt")
	first := f.commit("feat: a")
	f.git("tag", "-a", "-m", "v1", "v1.0.0")
	for i := range 5 {
		f.commit(fmt.Sprintf("fix: %d", i))
	}
	f.git("-c", "pack.indexVersion=1", "repack", "-q", "-adf")
	head := f.git("rev-parse", "HEAD")
	r := f.open()
	f.checkRange(r, head, first)
	checkTags(t, f, r)
	if len(r.packs.packs) != 1 {
		t.Errorf("the fast path read %d packs, want 1", len(r.packs.packs))
	}
	if b, err := r.FileAt(head, "a.txt"); err != nil || string(b) != "a\n" {
		t.Errorf("FileAt through go-git: %q, %v", b, err)
	}
}
