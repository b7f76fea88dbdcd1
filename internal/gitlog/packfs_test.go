package gitlog

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-billy/v5/osfs"
)

// TestWindowFile reads a pack file through objectsFS at random positions,
// forwards and backwards, and compares with the bytes themselves.
func TestWindowFile(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 3*windowSize+1234)
	for i := range data {
		data[i] = byte(rng.IntN(256))
	}
	if err := os.MkdirAll(filepath.Join(dir, "objects", "pack"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "objects", "pack", "x.pack"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	fs := newObjectsFS(osfs.New(dir), []string{filepath.Join(dir, "objects")}, true)
	f, err := fs.Open("objects/pack/x.pack")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, ok := f.(*windowFile); !ok {
		t.Fatalf("a pack file opened as %T", f)
	}
	for range 2000 {
		off := int64(rng.IntN(len(data) + 10))
		if got, err := f.Seek(off, io.SeekStart); err != nil || got != off {
			t.Fatalf("Seek(%d) = %d, %v", off, got, err)
		}
		buf := make([]byte, 1+rng.IntN(9000))
		n, err := io.ReadFull(f, buf)
		want := data[min(off, int64(len(data))):]
		want = want[:min(len(want), len(buf))]
		if !bytes.Equal(buf[:n], want) {
			t.Fatalf("at %d: read %d bytes, wrong content", off, n)
		}
		if n < len(buf) && err == nil {
			t.Fatalf("at %d: short read without error", off)
		}
		if pos, _ := f.Seek(0, io.SeekCurrent); pos != off+int64(n) {
			t.Fatalf("position %d after reading %d at %d", pos, n, off)
		}
	}
	if end, err := f.Seek(-1, io.SeekEnd); err != nil || end != int64(len(data)-1) {
		t.Errorf("Seek(-1, end) = %d, %v", end, err)
	}
	if _, err := f.Seek(-1, io.SeekStart); err == nil {
		t.Error("a negative seek succeeded")
	}
	other, err := fs.Open("objects/pack/x.pack.tmp")
	if err == nil {
		other.Close()
		t.Error("opened a missing file")
	}
}
