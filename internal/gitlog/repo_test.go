package gitlog

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestOpenDiscovery(t *testing.T) {
	f := newFixture(t)
	head := f.commit("feat: one")
	sub := filepath.Join(f.dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	r := openAt(t, sub)
	if got, err := r.Head(); err != nil || got != head {
		t.Errorf("Head() from a subdirectory = %s, %v", got, err)
	}

	_, err := Open(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "is not inside a git repository") {
		t.Errorf("Open outside a repository: %v", err)
	}
	if _, err := Open(filepath.Join(f.dir, "missing")); err == nil {
		t.Error("Open of a missing directory succeeded")
	}

	bare := t.TempDir() + "/bare.git"
	f.git("clone", "-q", "--bare", f.dir, bare)
	rb := openAt(t, bare)
	if got, err := rb.Head(); err != nil || got != head {
		t.Errorf("Head() of a bare clone = %s, %v", got, err)
	}
	if _, err := rb.Dirty(); err == nil {
		t.Error("Dirty() on a bare repository succeeded")
	}
}

func TestHeadUnborn(t *testing.T) {
	f := newFixture(t)
	r := f.open()
	_, err := r.Head()
	if err == nil || !strings.Contains(err.Error(), "no commits yet") {
		t.Errorf("Head() of an empty repository: %v", err)
	}
	if tags, err := r.Tags(); err != nil || len(tags) != 0 {
		t.Errorf("Tags() = %v, %v", tags, err)
	}
}

func TestHeadDetached(t *testing.T) {
	f := newFixture(t)
	first := f.commit("feat: one")
	f.commit("feat: two")
	f.git("checkout", "-q", "--detach", first)
	if got, err := f.open().Head(); err != nil || got != first {
		t.Errorf("Head() detached = %s, %v; want %s", got, err, first)
	}
}

func TestTags(t *testing.T) {
	f := newFixture(t)
	c1 := f.commit("feat: one")
	f.git("tag", "light")
	c2 := f.commit("feat: two")
	f.git("tag", "-a", "-m", "annotated", "v1.0.0")
	f.git("tag", "-a", "-m", "a tag of a tag", "outer", "v1.0.0")
	f.git("tag", "-a", "-m", "three levels", "outer2", "outer")
	f.git("tag", "tree", "HEAD^{tree}")
	blob := f.git("hash-object", "-w", "--stdin")
	f.git("tag", "-a", "-m", "a blob", "blob", blob)
	f.git("tag", "nested/v2", c1)
	f.git("pack-refs", "--all")
	f.git("tag", "loose", c2)
	tags, err := f.open().Tags()
	if err != nil {
		t.Fatal(err)
	}
	want := []Tag{
		{"light", c1}, {"loose", c2}, {"nested/v2", c1},
		{"outer", c2}, {"outer2", c2}, {"v1.0.0", c2},
	}
	if !slices.Equal(tags, want) {
		t.Errorf("Tags() =\n%v\nwant\n%v", tags, want)
	}
}

func TestRemoteURL(t *testing.T) {
	f := newFixture(t)
	f.git("remote", "add", "origin", "https://github.com/acme/widget.git")
	r := f.open()
	if u, err := r.RemoteURL("origin"); err != nil || u != "https://github.com/acme/widget.git" {
		t.Errorf("RemoteURL(origin) = %q, %v", u, err)
	}
	if u, err := r.RemoteURL("upstream"); err != nil || u != "" {
		t.Errorf("RemoteURL(upstream) = %q, %v", u, err)
	}
}

func TestDirty(t *testing.T) {
	f := newFixture(t)
	f.write("a.txt", "one\n")
	f.write("dir/b.txt", "two\n")
	f.git("add", ".")
	f.commit("feat: files")
	check := func(what string, want bool) {
		t.Helper()
		r := f.open()
		if got, err := r.Dirty(); err != nil || got != want {
			t.Errorf("%s: Dirty() = %v, %v; want %v", what, got, err, want)
		}
	}
	check("clean", false)
	f.write("untracked.txt", "x\n")
	check("untracked file", false)
	f.write("dir/b.txt", "changed\n")
	check("modified file", true)
	f.git("checkout", "--", "dir/b.txt")
	check("restored", false)
	f.write("staged.txt", "new\n")
	f.git("add", "staged.txt")
	check("staged new file", true)
	f.git("rm", "-q", "--cached", "staged.txt")
	check("unstaged again", false)
	os.Remove(filepath.Join(f.dir, "a.txt"))
	check("deleted file", true)
}

func TestCommitFilesAndCreateTag(t *testing.T) {
	f := newFixture(t)
	f.write("CHANGELOG.md", "# Changelog\n")
	f.write("gone.txt", "bye\n")
	f.git("add", ".")
	parent := f.commit("feat: start")
	f.git("config", "user.name", "Release Bot")
	f.git("config", "user.email", "bot@example.com")
	f.write("CHANGELOG.md", "# Changelog\n\n## 1.1.0\n")
	f.write("VERSION", "1.1.0\n")
	f.write("untracked.txt", "stays out\n")
	os.Remove(filepath.Join(f.dir, "gone.txt"))

	r := f.open()
	if _, err := r.CommitFiles([]string{"../outside"}, "chore: x"); err == nil {
		t.Error("CommitFiles of a path outside the work tree succeeded")
	}
	h, err := r.CommitFiles([]string{"CHANGELOG.md", "VERSION", "gone.txt"}, "chore(release): 1.1.0")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.git("rev-parse", "HEAD"); got != h {
		t.Fatalf("HEAD = %s, CommitFiles returned %s", got, h)
	}
	if got := f.git("log", "-1", "--format=%P|%an <%ae>|%cn|%B"); got != parent+"|Release Bot <bot@example.com>|Release Bot|chore(release): 1.1.0" {
		t.Errorf("commit: %q", got)
	}
	if got := f.git("ls-tree", "--name-only", "HEAD"); got != "CHANGELOG.md\nVERSION" {
		t.Errorf("tree: %q", got)
	}
	if got := f.git("status", "--porcelain"); got != "?? untracked.txt" {
		t.Errorf("git status after the commit: %q", got)
	}
	f.git("fsck", "--no-progress")

	if err := r.CreateTag("v1.1.0", h, "Release 1.1.0"); err != nil {
		t.Fatal(err)
	}
	if got := f.git("cat-file", "-t", "v1.1.0"); got != "tag" {
		t.Errorf("v1.1.0 is a %s, want an annotated tag", got)
	}
	if got := f.git("rev-parse", "v1.1.0^{commit}"); got != h {
		t.Errorf("v1.1.0 points at %s, want %s", got, h)
	}
	if got := f.git("for-each-ref", "--format=%(taggername) %(taggeremail)|%(contents)", "refs/tags/v1.1.0"); got != "Release Bot <bot@example.com>|Release 1.1.0" {
		t.Errorf("tag: %q", got)
	}
	err = r.CreateTag("v1.1.0", h, "again")
	if err == nil || !strings.Contains(err.Error(), "v1.1.0") {
		t.Errorf("creating an existing tag: %v", err)
	}
	f.git("fsck", "--no-progress")
}

func TestCommitFilesWithoutIdentity(t *testing.T) {
	f := newFixture(t)
	f.write("a.txt", "one\n")
	f.git("add", ".")
	head := f.commit("feat: start")
	f.write("a.txt", "two\n")
	r := f.open()
	_, err := r.CommitFiles([]string{"a.txt"}, "chore: x")
	if err == nil || !strings.Contains(err.Error(), "git config user.name") {
		t.Errorf("CommitFiles without user: %v", err)
	}
	if err := r.CreateTag("v1", head, "x"); err == nil {
		t.Error("CreateTag without user succeeded")
	}
}

func TestTreeOfAndHasCommit(t *testing.T) {
	f := newFixture(t)
	head := f.commit("first")
	tree := f.git("rev-parse", "HEAD^{tree}")
	r := f.open()
	if got, err := r.TreeOf(head); err != nil || got != tree {
		t.Errorf("TreeOf = %s, %v, want %s", got, err, tree)
	}
	if !r.HasCommit(head) || r.HasCommit(strings.Repeat("0", 40)) || r.HasCommit("nope") {
		t.Error("HasCommit is wrong")
	}
}
