package gitlog

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// TestPackedObjects checks the fast path against go-git's storer, object by
// object, on one history stored in the ways git stores it: loose objects,
// one pack after `git gc`, an aggressive repack that stores most commits as
// deltas (which the fast path must leave to the storer), and several packs.
// Each time, every commit read by readCommit and every object the fast path
// answers for must have exactly the storer's bytes, and Range must agree
// with git rev-list.
func TestPackedObjects(t *testing.T) {
	f := newFixture(t)
	rng := rand.New(rand.NewPCG(3, 4))
	var tags []string
	for i := range 120 {
		msg := fmt.Sprintf("feat(x): change %d\n\n%s", i, strings.Repeat("body text that repeats\n", i%9))
		switch i {
		case 40:
			f.git("checkout", "-q", "-b", "side")
		case 50:
			f.git("checkout", "-q", "main")
		case 60:
			f.merge("side")
		case 70:
			// Larger than the window once compressed.
			msg = "chore: big\n\n" + randomText(rng, 3*windowSize)
		}
		f.write(fmt.Sprintf("f%d-%d.txt", i%7, i/50), strings.Repeat(fmt.Sprintf("line %d\n", i), i%5+1))
		f.git("add", "-A")
		if len(msg) > windowSize {
			file := filepath.Join(t.TempDir(), "msg")
			if err := os.WriteFile(file, []byte(msg), 0o644); err != nil {
				t.Fatal(err)
			}
			f.clock += 60
			f.git("commit", "-q", "-F", file)
			continue
		}
		f.commit(msg)
		if i%30 == 29 {
			tag := fmt.Sprintf("v0.%d.0", i/30)
			f.git("tag", "-a", "-m", "release "+tag, tag)
			tags = append(tags, tag)
		}
	}
	f.git("tag", "-a", "-m", "tag of a tag", "nested", "v0.1.0")
	f.git("tag", "lightweight", "HEAD~3")

	// check compares and returns how many commits the fast path read and
	// how many it left to the storer.
	check := func(stage string, wantPacks bool) (fast, slow int) {
		t.Helper()
		r := f.open()
		st := filesystem.NewStorage(osfs.New(filepath.Join(f.dir, ".git")), cache.NewObjectLRUDefault())
		defer st.Close()
		for _, line := range strings.Split(f.git("cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype) %(deltabase)"), "\n") {
			name, typ, base := splitObjectLine(t, line)
			h := plumbing.NewHash(name)
			want, wantType := storerObject(t, st, h)
			if wantType.String() != typ {
				t.Fatalf("%s: %s is a %s for the storer, a %s for git", stage, name, wantType, typ)
			}
			dataOf := packCommit
			if typ == "tag" {
				dataOf = packTag
			}
			gotType, got, ok := r.packs.object(h, dataOf)
			delta := !base.IsZero()
			switch {
			case !ok && !delta:
				t.Errorf("%s: %s %s stored whole (packed or loose, loose %v), not found by the fast path", stage, typ, name, isLoose(f, name))
			case ok && delta:
				t.Errorf("%s: %s %s is a delta, yet read by the fast path", stage, typ, name)
			case ok && plumbing.ObjectType(gotType) != wantType:
				t.Errorf("%s: %s: type %d, storer %s", stage, name, gotType, wantType)
			case ok && gotType == dataOf && !bytes.Equal(got, want):
				t.Errorf("%s: %s %s: fast path bytes differ from the storer's", stage, typ, name)
			case ok && gotType != dataOf && got != nil:
				t.Errorf("%s: %s %s: content read though not asked for", stage, typ, name)
			}
			if typ != "commit" {
				continue
			}
			if ok {
				fast++
			} else {
				slow++
			}
			raw, err := r.readCommit(h)
			if err != nil || !bytes.Equal(raw, want) {
				t.Errorf("%s: readCommit(%s) differs from the storer (err %v)", stage, name, err)
			}
		}
		if got := len(r.packs.packs) > 0; got != wantPacks {
			t.Errorf("%s: packs found: %v, want %v", stage, got, wantPacks)
		}
		t.Logf("%s: %d packs, %d commits read by the fast path, %d left to the storer", stage, len(r.packs.packs), fast, slow)
		f.checkRange(r, f.git("rev-parse", "HEAD"), f.git("rev-parse", tags[0]+"^{commit}"))
		f.checkRange(r, f.git("rev-parse", "HEAD"))
		checkTags(t, f, r)
		if err := r.Close(); err != nil {
			t.Errorf("%s: Close: %v", stage, err)
		}
		return fast, slow
	}

	if fast, slow := check("loose objects", false); fast == 0 || slow != 0 {
		t.Errorf("loose objects: %d commits read by the fast path, %d left to the storer; want all by the fast path", fast, slow)
	}
	f.git("gc", "-q")
	if fast, _ := check("after git gc", true); fast == 0 {
		t.Error("after git gc: no commit read by the fast path")
	}
	f.git("repack", "-adfq", "--depth=50", "--window=250")
	if fast, slow := check("after an aggressive repack", true); fast == 0 || slow == 0 {
		t.Errorf("after an aggressive repack: %d commits read by the fast path, %d left to the storer; want both", fast, slow)
	}
	for i := range 10 {
		f.commit(fmt.Sprintf("fix: more %d", i))
	}
	f.git("repack", "-dq")
	if n := countFiles(t, filepath.Join(f.dir, ".git", packDir), ".pack"); n < 2 {
		t.Fatalf("%d packs after an incremental repack", n)
	}
	f.commit("fix: loose again")
	if fast, slow := check("several packs and a loose commit", true); fast == 0 || slow == 0 {
		t.Errorf("several packs: %d commits read by the fast path, %d left to the storer; want both", fast, slow)
	}
	f.git("worktree", "add", "-q", filepath.Join(f.dir, "wt"))
	wt := openAt(t, filepath.Join(f.dir, "wt"))
	if _, _, err := wt.Range(f.git("rev-parse", "HEAD"), nil); err != nil || len(wt.packs.packs) < 2 {
		t.Errorf("linked worktree: %d packs found, err %v", len(wt.packs.packs), err)
	}
}

// checkTags compares Tags with what git says each tag designates.
func checkTags(t *testing.T, f *fixture, r *Repo) {
	t.Helper()
	tags, err := r.Tags()
	if err != nil {
		t.Fatal(err)
	}
	var got, wantLines []string
	for _, tag := range tags {
		got = append(got, tag.Name+" "+tag.Commit)
	}
	for _, name := range strings.Split(f.git("for-each-ref", "--format=%(refname:short)", "refs/tags"), "\n") {
		wantLines = append(wantLines, name+" "+f.git("rev-parse", name+"^{commit}"))
	}
	if strings.Join(got, "\n") != strings.Join(wantLines, "\n") {
		t.Errorf("Tags:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantLines, "\n"))
	}
}

// storerObject reads h through a plain go-git storage.
func storerObject(t *testing.T, st *filesystem.Storage, h plumbing.Hash) ([]byte, plumbing.ObjectType) {
	t.Helper()
	obj, err := st.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		t.Fatalf("storer: %s: %v", h, err)
	}
	rd, err := obj.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return b, obj.Type()
}

// splitObjectLine splits a line of `git cat-file --batch-check` output:
// name, type and delta base (zero for objects stored whole).
func splitObjectLine(t *testing.T, line string) (string, string, plumbing.Hash) {
	t.Helper()
	fields := strings.Fields(line)
	if len(fields) != 3 {
		t.Fatalf("cat-file: %q", line)
	}
	return fields[0], fields[1], plumbing.NewHash(fields[2])
}

// isLoose reports whether the object name is stored as a loose object.
func isLoose(f *fixture, name string) bool {
	_, err := os.Stat(filepath.Join(f.dir, ".git", "objects", name[:2], name[2:]))
	return err == nil
}

func countFiles(t *testing.T, dir, suffix string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), suffix) {
			n++
		}
	}
	return n
}

// randomText returns n bytes of text that compresses poorly.
func randomText(rng *rand.Rand, n int) string {
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \n"
	b := make([]byte, n)
	for i := range b {
		b[i] = letters[rng.IntN(len(letters))]
	}
	return string(b)
}

// TestPackCorruption damages a pack in the ways that must make the fast
// path decline rather than return wrong bytes: a flipped byte in a
// commit's compressed data, a wrong size in its entry header, a pack that
// does not match its index.
func TestPackCorruption(t *testing.T) {
	f := newFixture(t)
	rng := rand.New(rand.NewPCG(7, 8))
	for range 5 {
		// Unlike messages, so that git stores no commit as a delta.
		f.commit("fix: " + randomText(rng, 200))
	}
	f.git("gc", "-q")
	h := plumbing.NewHash(f.git("rev-parse", "HEAD~2"))
	packs, err := filepath.Glob(filepath.Join(f.dir, ".git", packDir, "pack-*.pack"))
	if err != nil || len(packs) != 1 {
		t.Fatalf("packs %v, %v", packs, err)
	}
	orig, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	r := f.open()
	if _, _, ok := r.packs.object(h, packCommit); !ok {
		t.Fatal("the intact commit is not read by the fast path")
	}
	off, _ := r.packs.packs[0].idx.find(h)
	r.Close()
	damage := func(name string, pos int64, mask byte, wantPacks int) {
		t.Helper()
		b := bytes.Clone(orig)
		b[pos] ^= mask
		os.Chmod(packs[0], 0o644)
		if err := os.WriteFile(packs[0], b, 0o644); err != nil {
			t.Fatal(err)
		}
		r := f.open()
		defer r.Close()
		if _, raw, ok := r.packs.object(h, packCommit); ok {
			t.Errorf("%s: read by the fast path: %q", name, raw)
		}
		if len(r.packs.packs) != wantPacks {
			t.Errorf("%s: %d packs, want %d", name, len(r.packs.packs), wantPacks)
		}
	}
	damage("flipped data byte", off+8, 0x10, 1)
	damage("wrong size", off, 0x01, 1)
	damage("wrong type", off, 0x70, 1)
	damage("pack not matching its index", int64(len(orig)-1), 0xff, 0)
}
