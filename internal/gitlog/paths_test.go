package gitlog

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// pathsFixture builds a history exercising every kind of change a tree can
// see, and returns the fixture.
func pathsFixture(t *testing.T) *fixture {
	f := newFixture(t)
	step := func(msg string, change func()) {
		t.Helper()
		change()
		f.git("add", "-A")
		f.commit(msg)
	}
	rm := func(names ...string) {
		for _, n := range names {
			if err := os.RemoveAll(filepath.Join(f.dir, n)); err != nil {
				t.Fatal(err)
			}
		}
	}
	chmod := func(name string, mode os.FileMode) {
		if err := os.Chmod(filepath.Join(f.dir, name), mode); err != nil {
			t.Fatal(err)
		}
	}
	symlink := func(target, name string) {
		rm(name)
		if err := os.Symlink(target, filepath.Join(f.dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	step("root", func() {
		for _, n := range []string{"a.txt", "dir/b.txt", "dir/sub/c.txt", "x/y/z/deep.txt",
			"foo", "foo.c", "foo-bar/k", "same/one", "same/two", "sub/mod/go.mod", "sub/mod/pkg/p.go"} {
			f.write(n, "content of "+n+"\n")
		}
	})
	step("modify and add nested", func() {
		f.write("a.txt", "changed\n")
		f.write("dir/sub/d.txt", "new\n")
	})
	step("delete", func() { rm("dir/b.txt") })
	step("rename", func() {
		if err := os.MkdirAll(filepath.Join(f.dir, "moved"), 0o755); err != nil {
			t.Fatal(err)
		}
		f.git("mv", "dir/sub/c.txt", "moved/c.txt")
	})
	step("executable", func() { chmod("a.txt", 0o755) })
	step("changed and executable", func() {
		f.write("sub/mod/go.mod", "module x\n")
		chmod("sub/mod/go.mod", 0o755)
	})
	step("file to directory", func() {
		rm("foo")
		f.write("foo/inner/file", "now a directory\n")
	})
	step("directory to file", func() {
		rm("x/y")
		f.write("x/y", "now a file\n")
	})
	step("directory to file at the root", func() {
		rm("foo")
		f.write("foo", "a file again\n")
	})
	step("symlink", func() { symlink("a.txt", "link") })
	step("symlink target", func() { symlink("foo.c", "link") })
	// A file whose content is the link's target has the link's blob: only
	// the type changes.
	step("symlink to file", func() {
		rm("link")
		f.write("link", "foo.c")
	})
	step("file to symlink", func() { symlink("x/y", "dir/sub/d.txt") })
	step("whole directory deleted", func() { rm("sub") })
	step("whole directory added", func() {
		f.write("sub/mod/go.mod", "module again\n")
		f.write("sub/mod/deeper/a/b/c.go", "package c\n")
	})
	f.commit("empty")
	// Gitlinks (submodules), added and moved by hand in the index.
	gitlink := func(msg, sha, name string) {
		f.git("update-index", "--add", "--cacheinfo", "160000,"+sha+","+name)
		f.commit(msg)
	}
	first := f.git("rev-list", "--max-parents=0", "HEAD")
	gitlink("gitlink", first, "vendor/lib")
	gitlink("gitlink moved on", f.git("rev-parse", "HEAD~3"), "vendor/lib")
	f.git("rm", "-q", "--cached", "vendor/lib")
	f.commit("gitlink removed")
	// Merges: the side's changes are the merge's against its first parent;
	// an evil merge changes a file neither side did.
	f.git("checkout", "-q", "-b", "side")
	step("side 1", func() { f.write("side/s.txt", "side\n") })
	step("side 2", func() { f.write("dir/sub/d2.txt", "side too\n") })
	f.git("checkout", "-q", "main")
	step("main moves on", func() { f.write("main.txt", "main\n") })
	f.merge("side")
	f.git("checkout", "-q", "side")
	step("side 3", func() { f.write("side/s.txt", "side again\n") })
	f.git("checkout", "-q", "main")
	f.clock += 60
	f.git("merge", "-q", "--no-ff", "--no-commit", "side")
	f.write("evil.txt", "evil\n")
	f.git("add", "-A")
	f.git("commit", "-q", "-m", "evil merge")
	// A merge that keeps its first parent's tree makes no change.
	f.git("checkout", "-q", "-b", "noop")
	step("discarded", func() { f.write("discarded.txt", "gone\n") })
	f.git("checkout", "-q", "main")
	f.clock += 60
	f.git("merge", "-q", "--no-ff", "-s", "ours", "-m", "merge ours", "noop")
	// A second root, merged in: its tree is new everywhere.
	f.git("checkout", "-q", "--orphan", "other")
	f.git("rm", "-q", "-rf", ".")
	step("other root", func() { f.write("other/o.txt", "o\n") })
	f.git("checkout", "-q", "main")
	f.clock += 60
	f.git("merge", "-q", "--allow-unrelated-histories", "-m", "merge other", "other")
	// An old tree mode (100664) git would not write today: the same blob
	// as 100644 is no change.
	blob := f.git("rev-parse", "HEAD:a.txt")
	tree := f.gitStdin("100664 blob "+blob+"\tlegacy\n", "mktree")
	c1 := f.gitStdin("legacy mode\n", "commit-tree", tree, "-p", "HEAD")
	tree2 := f.gitStdin("100644 blob "+blob+"\tlegacy\n", "mktree")
	c2 := f.gitStdin("canonical mode\n", "commit-tree", tree2, "-p", c1)
	f.git("update-ref", "refs/heads/legacy", c2)
	return f
}

// gitStdin runs git with input on its standard input.
func (f *fixture) gitStdin(input string, args ...string) string {
	f.t.Helper()
	cmd := f.command(f.dir, args...)
	cmd.Stdin = strings.NewReader(input)
	out, err := cmd.CombinedOutput()
	if err != nil {
		f.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// gitChangedPaths asks git for the paths of commit h against its first
// parent, sorted.
func (f *fixture) gitChangedPaths(h string) []string {
	f.t.Helper()
	args := []string{"diff-tree", "--no-commit-id", "-r", "--name-only", "--no-renames", "--root"}
	if parents := strings.Fields(f.git("log", "-1", "--format=%P", h)); len(parents) > 0 {
		// -m --first-parent shows merges against every parent before 2.31.
		args = append(args, parents[0])
	}
	out := f.git(append(args, h)...)
	if out == "" {
		return nil
	}
	p := strings.Split(out, "\n")
	slices.Sort(p)
	return slices.Compact(p)
}

// checkChangedPaths compares ChangedPaths on every commit with git, and
// returns the result.
func checkChangedPaths(t *testing.T, f *fixture, stage string) map[string][]string {
	t.Helper()
	all := strings.Split(f.git("rev-list", "--all"), "\n")
	r := f.open()
	defer r.Close()
	got, err := r.ChangedPaths(all)
	if err != nil {
		t.Fatalf("%s: ChangedPaths: %v", stage, err)
	}
	if len(got) != len(all) {
		t.Errorf("%s: %d commits in the result, want %d", stage, len(got), len(all))
	}
	for _, h := range all {
		want := f.gitChangedPaths(h)
		if g, ok := got[h]; !ok || !slices.Equal(g, want) {
			t.Errorf("%s: %.7s (%s):\n got %q\nwant %q", stage, h, f.git("log", "-1", "--format=%s", h), g, want)
		}
	}
	// One commit at a time, in the reverse order, gives the same.
	for i := len(all) - 1; i >= 0; i -= 3 {
		one, err := r.ChangedPaths(all[i : i+1])
		if err != nil || len(one) != 1 || !slices.Equal(one[all[i]], got[all[i]]) {
			t.Errorf("%s: %.7s alone: %q, %v; want %q", stage, all[i], one[all[i]], err, got[all[i]])
		}
	}
	return got
}

// TestChangedPaths compares ChangedPaths with git diff-tree on a history
// of every kind of change, stored loose, packed, packed with deltas
// against their bases' offsets or names, and over several packs.
func TestChangedPaths(t *testing.T) {
	f := pathsFixture(t)
	got := checkChangedPaths(t, f, "loose objects")
	spot := map[string][]string{
		"legacy":                     nil,
		"main^{/^rename}":            {"dir/sub/c.txt", "moved/c.txt"},
		"main^{/^executable}":        {"a.txt"},
		"main^{/^file to directory}": {"foo", "foo/inner/file"},
		"main^{/^symlink to file}":   {"link"},
		"main^{/^gitlink moved}":     {"vendor/lib"},
		"main^{/^empty}":             nil,
		"main^{/^evil merge}":        {"evil.txt", "side/s.txt"},
		"main^{/^merge ours}":        nil,
	}
	for rev, want := range spot {
		if h := f.git("rev-parse", rev); !slices.Equal(got[h], want) {
			t.Errorf("%s: %q, want %q", rev, got[h], want)
		}
	}
	f.git("gc", "-q")
	checkChangedPaths(t, f, "after git gc")
	f.git("repack", "-adfq", "--depth=50", "--window=250")
	checkChangedPaths(t, f, "after an aggressive repack (ofs-deltas)")
	f.git("-c", "repack.useDeltaBaseOffset=false", "repack", "-adfq", "--depth=50", "--window=250")
	checkChangedPaths(t, f, "ref-deltas")
	for i := range 5 {
		f.write(fmt.Sprintf("dir/sub/more%d.txt", i), "more\n")
		f.git("add", "-A")
		f.commit(fmt.Sprintf("more %d", i))
		f.git("repack", "-dq")
	}
	f.write("dir/sub/loose.txt", "loose\n")
	f.git("add", "-A")
	f.commit("loose")
	checkChangedPaths(t, f, "several packs and loose objects")
}

// TestChangedPathsErrors checks the answers to bad input.
func TestChangedPathsErrors(t *testing.T) {
	f := newFixture(t)
	f.write("a", "a\n")
	f.git("add", "-A")
	c := f.commit("one")
	r := f.open()
	if _, err := r.ChangedPaths([]string{"HEAD"}); err == nil {
		t.Error("a revision name is accepted")
	}
	if _, err := r.ChangedPaths([]string{strings.Repeat("1", 40)}); err == nil {
		t.Error("a missing commit is accepted")
	}
	if _, err := r.ChangedPaths([]string{f.git("rev-parse", "HEAD^{tree}")}); err == nil {
		t.Error("a tree is accepted as a commit")
	}
	got, err := r.ChangedPaths([]string{c, c})
	if err != nil || len(got) != 1 || !slices.Equal(got[c], []string{"a"}) {
		t.Errorf("ChangedPaths(c, c) = %q, %v", got, err)
	}
	if got, err := r.ChangedPaths(nil); err != nil || len(got) != 0 {
		t.Errorf("ChangedPaths(nil) = %q, %v", got, err)
	}
}

// TestChangedPathsSkipsEqualTrees removes a subtree that no commit but the
// first changes: comparing the others must not need it.
func TestChangedPathsSkipsEqualTrees(t *testing.T) {
	f := newFixture(t)
	f.write("static/deep/asset.css", "body {}\n")
	f.write("src/a.go", "package a\n")
	f.git("add", "-A")
	root := f.commit("root")
	f.write("src/a.go", "package a // changed\n")
	f.git("add", "-A")
	c := f.commit("change src")
	tree := f.git("rev-parse", "HEAD:static")
	if err := os.Remove(filepath.Join(f.dir, ".git", "objects", tree[:2], tree[2:])); err != nil {
		t.Fatal(err)
	}
	r := f.open()
	got, err := r.ChangedPaths([]string{c})
	if err != nil || !slices.Equal(got[c], []string{"src/a.go"}) {
		t.Errorf("ChangedPaths = %q, %v; want [src/a.go]", got[c], err)
	}
	if _, err := r.ChangedPaths([]string{root}); err == nil || !strings.Contains(err.Error(), tree) {
		t.Errorf("root commit with a missing tree: %v", err)
	}
}

// TestChangedPathsShallow compares with git in a shallow clone: the
// boundary commit, whose parents were not fetched, is compared with no tree.
func TestChangedPathsShallow(t *testing.T) {
	f := newFixture(t)
	for i := range 4 {
		f.write(fmt.Sprintf("f%d", i), "x\n")
		f.git("add", "-A")
		f.commit(fmt.Sprintf("c%d", i))
	}
	clone := &fixture{t: t, dir: t.TempDir(), clock: f.clock}
	clone.git("clone", "-q", "--depth", "2", "file://"+f.dir, ".")
	all := strings.Split(clone.git("rev-list", "HEAD"), "\n")
	if len(all) != 2 {
		t.Fatalf("shallow clone has %d commits", len(all))
	}
	got, err := clone.open().ChangedPaths(all)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range all {
		want := strings.Fields(clone.git("diff-tree", "--no-commit-id", "-r", "--name-only", "--root", h))
		if !slices.Equal(got[h], want) {
			t.Errorf("%.7s: %q, want %q", h, got[h], want)
		}
	}
	if len(got[all[1]]) != 3 {
		t.Errorf("the boundary commit gives %q, want its whole tree", got[all[1]])
	}
}
