package gitlog

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

// TestMain isolates the tests from the user's git configuration: HOME and
// XDG_CONFIG_HOME point at an empty directory, the system file is ignored.
func TestMain(m *testing.M) {
	home, err := os.MkdirTemp("", "gitlog-home")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("HOME", home)
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	os.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	code := m.Run()
	os.RemoveAll(home)
	os.Exit(code)
}

// fixture is a repository built with the git binary, with a clock that
// dates each commit one minute after the previous one unless told.
type fixture struct {
	t     *testing.T
	dir   string
	clock int64
}

// baseTime is the date of the first fixture commit (2023-11-14).
const baseTime = 1700000000

// newFixture creates an empty repository on branch main.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, dir: t.TempDir(), clock: baseTime}
	f.git("init", "-q", "-b", "main")
	return f
}

// gitIn runs git in dir with a fixed identity and dates, and returns its
// trimmed output; it fails the test on error.
func (f *fixture) gitIn(dir string, args ...string) string {
	f.t.Helper()
	out, err := f.run(dir, args...)
	if err != nil {
		f.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// run runs git in dir and returns its trimmed combined output.
func (f *fixture) run(dir string, args ...string) (string, error) {
	out, err := f.command(dir, args...).CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// command is git with args in dir, run by Ada Lovelace at the clock's
// time in the fixed environment of testsupport/gitfixture. The identity
// is configuration, so that a test's own `-c user.name=...` wins.
func (f *fixture) command(dir string, args ...string) *exec.Cmd {
	full := append([]string{"-c", "user.name=Ada Lovelace", "-c", "user.email=ada@example.com"}, args...)
	return gitfixture.Command(dir, gitfixture.Signature{When: time.Unix(f.clock, 0).UTC()}, full...)
}

func (f *fixture) git(args ...string) string {
	f.t.Helper()
	return f.gitIn(f.dir, args...)
}

// commit makes an empty commit with message msg, one minute after the
// previous one, and returns its hash.
func (f *fixture) commit(msg string) string {
	f.t.Helper()
	f.clock += 60
	f.git("commit", "-q", "--allow-empty", "-m", msg)
	return f.git("rev-parse", "HEAD")
}

// commitAt makes an empty commit dated at the given Unix time, without
// moving the clock, and returns its hash.
func (f *fixture) commitAt(msg string, when int64) string {
	f.t.Helper()
	saved := f.clock
	f.clock = when
	defer func() { f.clock = saved }()
	f.git("commit", "-q", "--allow-empty", "-m", msg)
	return f.git("rev-parse", "HEAD")
}

// merge merges branch into the current branch with a merge commit.
func (f *fixture) merge(branch string) string {
	f.t.Helper()
	f.clock += 60
	f.git("merge", "-q", "--no-ff", "-m", "Merge branch '"+branch+"'", branch)
	return f.git("rev-parse", "HEAD")
}

// write writes a file of the work tree.
func (f *fixture) write(name, content string) {
	f.t.Helper()
	p := filepath.Join(f.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

// revList returns `git rev-list head --not exclude...`.
func (f *fixture) revList(head string, exclude ...string) []string {
	f.t.Helper()
	args := append([]string{"rev-list", head, "--not"}, exclude...)
	out := f.git(args...)
	if out == "" {
		return nil
	}
	return strings.Split(out, "\n")
}

// isAncestor asks `git merge-base --is-ancestor a b`.
func (f *fixture) isAncestor(a, b string) bool {
	f.t.Helper()
	_, err := f.run(f.dir, "merge-base", "--is-ancestor", a, b)
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
			return false
		}
		f.t.Fatalf("merge-base: %v", err)
	}
	return true
}

// open opens the fixture with Open.
func (f *fixture) open() *Repo {
	f.t.Helper()
	return openAt(f.t, f.dir)
}

func openAt(t *testing.T, dir string) *Repo {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// checkRange compares Range(head, exclude) with git: the commits, in order,
// with `git rev-list`, and each ancestor flag with `git merge-base`.
func (f *fixture) checkRange(r *Repo, head string, exclude ...string) []string {
	f.t.Helper()
	commits, anc, err := r.Range(head, exclude)
	if err != nil {
		f.t.Fatalf("Range: %v", err)
	}
	got := hashes(commits)
	if want := f.revList(head, exclude...); !slices.Equal(got, want) {
		f.t.Fatalf("Range(%.7s, %.7s):\n got %.7s\nwant %.7s", head, exclude, got, want)
	}
	for _, x := range exclude {
		if want := f.isAncestor(x, head); anc[x] != want {
			f.t.Errorf("ancestors[%.7s] = %v, want %v", x, anc[x], want)
		}
	}
	if len(anc) != len(dedup(exclude)) {
		f.t.Errorf("ancestors has %d entries, want %d", len(anc), len(dedup(exclude)))
	}
	return got
}

func dedup(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return slices.Compact(c)
}
