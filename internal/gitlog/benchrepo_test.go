package gitlog

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// TestPackedBenchRepo compares, for every commit and tag of the repository
// named by $RELEASEBOT_BENCH_REPO, the bytes the fast path reads with the
// storer's; it is skipped when the variable is unset.
func TestPackedBenchRepo(t *testing.T) {
	dir := os.Getenv("RELEASEBOT_BENCH_REPO")
	if dir == "" {
		t.Skip("RELEASEBOT_BENCH_REPO is not set")
	}
	f := &fixture{t: t, dir: dir}
	r := openAt(t, dir)
	st := filesystem.NewStorage(osfs.New(filepath.Join(dir, ".git")), cache.NewObjectLRUDefault())
	defer st.Close()
	out := f.git("cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectname)")
	fast, slow := 0, 0
	for _, line := range strings.Split(out, "\n") {
		typ, name, _ := strings.Cut(line, " ")
		dataOf := map[string]int{"commit": packCommit, "tag": packTag}[typ]
		if dataOf == 0 {
			continue
		}
		h := plumbing.NewHash(name)
		gotType, got, ok := r.packs.object(h, dataOf)
		if !ok {
			slow++
			continue
		}
		fast++
		want, wantType := storerObject(t, st, h)
		if plumbing.ObjectType(gotType) != wantType || !bytes.Equal(got, want) {
			t.Fatalf("%s %s: the fast path differs from the storer", typ, name)
		}
	}
	t.Logf("%d commits and tags read by the fast path, %d left to the storer", fast, slow)
}
