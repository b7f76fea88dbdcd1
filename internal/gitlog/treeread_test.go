package gitlog

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// deltaFixture builds a history of many versions of the same trees and
// blobs, which git stores as chains of deltas once repacked.
func deltaFixture(t *testing.T) *fixture {
	f := newFixture(t)
	for i := range 60 {
		for j := range 1 + i%3 {
			name := fmt.Sprintf("d%d/s%d/f%d.txt", (i+j)%4, (i*j)%3, (i+2*j)%7)
			f.write(name, strings.Repeat(fmt.Sprintf("line %d of version %d\n", j, i), 30+i))
		}
		f.git("add", "-A")
		f.commit(fmt.Sprintf("change %d", i))
	}
	return f
}

// TestDeltaReader reads every object of a repository through a deltaReader
// and compares it with go-git's storer, with ofs-deltas and with
// ref-deltas, with a cache of the usual size, a tiny one (evicting all the
// time) and none at all.
func TestDeltaReader(t *testing.T) {
	f := deltaFixture(t)
	for _, stage := range []struct {
		name   string
		repack []string
	}{
		{"ofs-deltas", []string{"repack", "-adfq", "--depth=20", "--window=50"}},
		{"ref-deltas", []string{"-c", "repack.useDeltaBaseOffset=false", "repack", "-adfq", "--depth=20", "--window=50"}},
	} {
		f.git(stage.repack...)
		for _, budget := range []int{treeCacheBytes, 4 << 10, 0} {
			name := fmt.Sprintf("%s, cache of %d bytes", stage.name, budget)
			deltas := compareObjects(t, f, budget, name)
			if deltas == 0 {
				t.Errorf("%s: no delta read", name)
			}
		}
	}
}

// compareObjects compares every object read through a deltaReader with
// the storer's, and returns how many of them were stored as deltas.
func compareObjects(t *testing.T, f *fixture, budget int, stage string) (deltas int) {
	t.Helper()
	r := f.open()
	defer r.Close()
	d := newDeltaReader(r.packs, budget)
	st := filesystem.NewStorage(osfs.New(filepath.Join(f.dir, ".git")), cache.NewObjectLRUDefault())
	defer st.Close()
	out := f.git("cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype) %(deltabase)")
	for _, line := range strings.Split(out, "\n") {
		name, _, base := splitObjectLine(t, line)
		h := plumbing.NewHash(name)
		want, wantType := storerObject(t, st, h)
		typ, got, ok := d.object(h)
		if !ok {
			t.Errorf("%s: %s not read", stage, name)
			continue
		}
		if plumbing.ObjectType(typ) != wantType || !bytes.Equal(got, want) {
			t.Errorf("%s: %s differs from the storer's", stage, name)
		}
		if !base.IsZero() {
			deltas++
		}
	}
	return deltas
}

// TestDeltaReaderDamage flips a byte of a delta's compressed data: the
// deltaReader must decline the object rather than return wrong bytes.
func TestDeltaReaderDamage(t *testing.T) {
	f := deltaFixture(t)
	f.git("repack", "-adfq", "--depth=20", "--window=50")
	var target plumbing.Hash
	out := f.git("cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype) %(deltabase)")
	for _, line := range strings.Split(out, "\n") {
		name, typ, base := splitObjectLine(t, line)
		if typ == "tree" && !base.IsZero() {
			target = plumbing.NewHash(name)
			break
		}
	}
	if target.IsZero() {
		t.Fatal("no tree stored as a delta")
	}
	packs, err := filepath.Glob(filepath.Join(f.dir, ".git", packDir, "pack-*.pack"))
	if err != nil || len(packs) != 1 {
		t.Fatalf("packs %v, %v", packs, err)
	}
	r := f.open()
	d := newDeltaReader(r.packs, treeCacheBytes)
	off, _ := d.set.packs[0].idx.find(target)
	if _, _, ok := d.object(target); !ok {
		t.Fatal("the intact delta is not read")
	}
	r.Close()
	b, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	// Past the entry header and the base offset, in the zlib stream.
	b[off+8] ^= 0x08
	os.Chmod(packs[0], 0o644)
	if err := os.WriteFile(packs[0], b, 0o644); err != nil {
		t.Fatal(err)
	}
	r = f.open()
	defer r.Close()
	if _, got, ok := newDeltaReader(r.packs, treeCacheBytes).object(target); ok {
		t.Errorf("a damaged delta is read: %q", got)
	}
}

// TestApplyDelta checks well-formed and damaged deltas.
func TestApplyDelta(t *testing.T) {
	base := []byte("0123456789abcdef")
	for _, tc := range []struct {
		name  string
		delta []byte
		want  string // "" for a refusal
	}{
		{"copy and insert", []byte{16, 9, 0x91, 2, 4, 3, 'x', 'y', 'z', 0x90, 2}, "2345xyz01"},
		{"offset and size bytes", []byte{16, 3, 0x91, 10, 3}, "abc"},
		{"size 0 is 0x10000", []byte{16, 0x80, 0x80, 4, 0x80}, ""},
		{"wrong base size", []byte{15, 1, 1, 'a'}, ""},
		{"copy past the base", []byte{16, 4, 0x91, 14, 4}, ""},
		{"insert past the delta", []byte{16, 4, 5, 'a'}, ""},
		{"reserved op 0", []byte{16, 1, 0}, ""},
		{"short result", []byte{16, 5, 1, 'a'}, ""},
		{"long result", []byte{16, 1, 2, 'a', 'b'}, ""},
		{"truncated copy", []byte{16, 2, 0x91, 1}, ""},
		{"huge result", []byte{16, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 'a'}, ""},
		{"no result size", []byte{16}, ""},
	} {
		got, ok := applyDelta(base, tc.delta)
		if ok != (tc.want != "") || string(got) != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.name, got, ok, tc.want)
		}
	}
	big := bytes.Repeat([]byte{'b'}, 0x10000)
	got, ok := applyDelta(big, []byte{0x80, 0x80, 4, 0x80, 0x80, 4, 0x80})
	if !ok || !bytes.Equal(got, big) {
		t.Errorf("copy of size 0 (0x10000): %d bytes, %v", len(got), ok)
	}
}

// TestOfsDeltaOffset checks the encoding of distances to ofs-delta bases.
func TestOfsDeltaOffset(t *testing.T) {
	for _, tc := range []struct {
		in   []byte
		rel  int64
		size int
	}{
		{[]byte{0x05}, 5, 1},
		{[]byte{0x80, 0x00}, 128, 2},
		{[]byte{0x81, 0x7f}, 2*128 + 127, 2},
		{[]byte{0x80}, 0, 0},
		{nil, 0, 0},
	} {
		rel, n := ofsDeltaOffset(tc.in)
		if rel != tc.rel || n != tc.size {
			t.Errorf("ofsDeltaOffset(%x) = %d, %d; want %d, %d", tc.in, rel, n, tc.rel, tc.size)
		}
	}
}

// TestBaseCache checks that the cache keeps what is used within its
// budget and forgets what is not.
func TestBaseCache(t *testing.T) {
	var c baseCache
	c.init(4 * (100 + objOverhead))
	obj := func() packedObject { return packedObject{typ: packTree, data: make([]byte, 100)} }
	c.put(objKey{off: 1}, obj())
	for i := int64(2); i < 20; i++ {
		c.put(objKey{off: i}, obj())
		if _, ok := c.get(objKey{off: 1}); !ok {
			t.Fatalf("a used entry is evicted after %d puts", i)
		}
	}
	if _, ok := c.get(objKey{off: 2}); ok {
		t.Error("an unused entry survives")
	}
	c.put(objKey{off: 99}, packedObject{data: make([]byte, 1000)})
	if _, ok := c.get(objKey{off: 99}); ok {
		t.Error("an entry over a quarter of the budget is cached")
	}
}
