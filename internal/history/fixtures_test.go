package history_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

// gitRepo is a repository built with the git binary for a test: each
// commit gets its own author and committer time, a minute after the last,
// in a time zone east of UTC (so that a reader dropping the zone shows).
type gitRepo struct {
	t     *testing.T
	dir   string
	clock int
}

// newGitRepo makes an empty repository whose branch is main.
func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	r := &gitRepo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

// git runs git in the repository and returns its trimmed output.
func (r *gitRepo) git(args ...string) string {
	r.t.Helper()
	return runGit(r.t, r.dir, r.clock, args...)
}

// runGit runs git in dir in gitfixture's fixed environment, authored by
// Ada and committed by Grace at the clock's minute.
func runGit(t *testing.T, dir string, clock int, args ...string) string {
	t.Helper()
	when := time.Unix(int64(1_700_000_000+60*clock), 0).In(time.FixedZone("", 2*60*60))
	cmd := gitfixture.Command(dir, gitfixture.Signature{Name: "Ada Lovelace", Email: "ada@example.com", When: when}, args...)
	cmd.Env = append(cmd.Env, "GIT_COMMITTER_NAME=Grace Hopper", "GIT_COMMITTER_EMAIL=grace@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// write writes files (path -> content) with mode 0644.
func (r *gitRepo) write(files map[string]string) {
	r.t.Helper()
	for p, content := range files {
		r.writeMode(p, content, 0o644)
	}
}

// writeMode writes one file with the given permission bits.
func (r *gitRepo) writeMode(p, content string, perm os.FileMode) {
	r.t.Helper()
	full := filepath.Join(r.dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), perm); err != nil {
		r.t.Fatal(err)
	}
	if err := os.Chmod(full, perm); err != nil {
		r.t.Fatal(err)
	}
}

// link makes a symbolic link at p pointing to target.
func (r *gitRepo) link(p, target string) {
	r.t.Helper()
	full := filepath.Join(r.dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.Symlink(target, full); err != nil {
		r.t.Fatal(err)
	}
}

// commit stages everything and commits with msg (an empty commit when
// nothing changed). Tag the commit with tag(name, "HEAD", ...).
func (r *gitRepo) commit(msg string) {
	r.t.Helper()
	r.clock++
	r.git("add", "-A")
	r.git("commit", "-q", "--allow-empty", "-m", msg)
}

// change writes files and commits them.
func (r *gitRepo) change(msg string, files map[string]string) {
	r.t.Helper()
	r.write(files)
	r.commit(msg)
}

// merge merges branch into the current branch with a merge commit.
func (r *gitRepo) merge(branch string) {
	r.t.Helper()
	r.clock++
	r.git("merge", "-q", "--no-ff", "-m", "Merge branch '"+branch+"'", branch)
}

// tag tags rev, annotated when annotated is true.
func (r *gitRepo) tag(name, rev string, annotated bool) {
	r.t.Helper()
	if annotated {
		r.git("tag", "-a", "-m", "release "+name, name, rev)
		return
	}
	r.git("tag", name, rev)
}

// allCommits lists every commit of every ref, newest first.
func (r *gitRepo) allCommits() []string {
	r.t.Helper()
	return strings.Fields(r.git("rev-list", "--all"))
}

// paths lists every path of commit's tree, directories included.
func (r *gitRepo) paths(commit string) []string {
	r.t.Helper()
	return strings.Split(r.git("ls-tree", "-r", "-t", "--name-only", commit), "\n")
}
