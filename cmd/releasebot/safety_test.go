package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBumpThenCommitAndTagCommitsTheWrittenFiles(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v1.2.3")
	feat := r.commit("feat: x")
	if res := r.releasebot("bump"); res.code != 0 {
		t.Fatalf("bump: %s", res.stderr)
	}
	res := r.releasebot("bump", "--commit", "--tag")
	if res.code != 0 {
		t.Fatalf("bump --tag: exit %d %s", res.code, res.stderr)
	}
	tagged := r.git("rev-list", "-n", "1", "v1.3.0")
	if tagged == feat || r.git("log", "-1", "--format=%s", tagged) != "chore(release): 1.3.0" {
		t.Errorf("v1.3.0 tags %s, not the release commit", tagged)
	}
	if out := r.git("status", "--porcelain"); out != "" {
		t.Errorf("release files left uncommitted:\n%s", out)
	}
}

func TestBumpTagCollisionChangesNothing(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v1.2.3")
	r.git("checkout", "-q", "-b", "side")
	r.commit("feat: s")
	r.tag("v1.3.0")
	r.git("checkout", "-q", "main")
	r.commit("feat: m")
	res := r.releasebot("bump", "--tag")
	if res.code != exitFailure || !strings.Contains(res.stderr, "tag v1.3.0 already exists") {
		t.Errorf("exit %d: %s", res.code, res.stderr)
	}
	if out := r.git("status", "--porcelain"); out != "" || r.git("log", "-1", "--format=%s") != "feat: m" {
		t.Errorf("a failed bump changed the repository:\n%s", out)
	}
}

func TestBumpCommitUsesGitEnvironmentIdentity(t *testing.T) {
	r := newRepo(t)
	r.git("config", "--unset", "user.name")
	r.git("config", "--unset", "user.email")
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.commit("fix: x")
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_AUTHOR_NAME", "")
	t.Setenv("GIT_AUTHOR_EMAIL", "")
	t.Setenv("GIT_COMMITTER_NAME", "")
	t.Setenv("GIT_COMMITTER_EMAIL", "")
	res := r.releasebot("bump", "--commit")
	if res.code != exitFailure || !strings.Contains(res.stderr, "git user is not configured") {
		t.Fatalf("no identity: exit %d: %s", res.code, res.stderr)
	}
	if out := r.git("status", "--porcelain"); out != "" {
		t.Fatalf("files written before the identity check failed:\n%s", out)
	}
	t.Setenv("GIT_AUTHOR_NAME", "Env Author")
	t.Setenv("GIT_AUTHOR_EMAIL", "env@example.com")
	t.Setenv("GIT_COMMITTER_NAME", "Env Committer")
	t.Setenv("GIT_COMMITTER_EMAIL", "envc@example.com")
	if res := r.releasebot("bump", "--commit"); res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if got := r.git("log", "-1", "--format=%an|%cn"); got != "Env Author|Env Committer" {
		t.Errorf("identities = %s", got)
	}
}

func TestBumpKeepsSymlinkedVersionFile(t *testing.T) {
	r := newRepo(t)
	r.write("pkg/VERSION", "1.2.3\n")
	if err := os.Symlink("pkg/VERSION", filepath.Join(r.dir, "VERSION")); err != nil {
		t.Fatal(err)
	}
	r.commit("chore: init")
	r.tag("v1.2.3")
	r.commit("fix: x")
	if res := r.releasebot("bump"); res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if fi, err := os.Lstat(filepath.Join(r.dir, "VERSION")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("VERSION is no longer a symbolic link")
	}
	if got := r.read("pkg/VERSION"); got != "1.2.4\n" {
		t.Errorf("pkg/VERSION = %q", got)
	}
}

func TestCommitTextNeverStopsARun(t *testing.T) {
	r := newRepo(t)
	r.write("CHANGELOG.md", "# Changelog\n\n## [1.0.0] - 2024-01-01\n\n- first\n")
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.commit("feat!: x\n\nBREAKING CHANGE: see\n# Migration\n```\nunclosed\n<!-- and ## [1.0.0] too")
	if got := r.next(); got != "2.0.0" {
		t.Errorf("next = %s", got)
	}
	if res := r.releasebot("bump"); res.code != 0 {
		t.Fatalf("bump: exit %d: %s", res.code, res.stderr)
	}
	cl := r.read("CHANGELOG.md")
	if strings.Count(cl, "\n## [1.0.0]") != 1 || !strings.Contains(cl, `\# Migration`) {
		t.Errorf("CHANGELOG.md:\n%s", cl)
	}
}

func TestBrokenChangelogDoesNotStopNext(t *testing.T) {
	r := newRepo(t)
	r.write("CHANGELOG.md", "# Changelog\n\n```\nunclosed\n\n## [1.0.0] - 2024-01-01\n")
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.commit("fix: y")
	if got := r.next(); got != "1.0.1" {
		t.Errorf("next = %s", got)
	}
	if got := r.describe(); !strings.HasPrefix(got, "1.0.1-dev.1+") {
		t.Errorf("describe = %s", got)
	}
	res := r.releasebot("changelog")
	if res.code != 0 || !strings.Contains(res.stdout, "## [1.0.1]") || !strings.Contains(res.stderr, "warning") {
		t.Errorf("changelog: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if res := r.releasebot("bump"); res.code != exitFailure || !strings.Contains(res.stderr, "CHANGELOG.md") {
		t.Errorf("bump must refuse to write a broken changelog: exit %d %s", res.code, res.stderr)
	}
}

func TestChangelogCommandShowsFoldedUnreleased(t *testing.T) {
	r := newRepo(t)
	r.write("CHANGELOG.md", "# Changelog\n\n## [Unreleased]\n\n### Removed\n\n- hand removed\n\n## [1.0.0] - 2024-01-01\n\n- first\n")
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.commit("fix: y")
	res := r.releasebot("changelog")
	if res.code != 0 || !strings.Contains(res.stdout, "hand removed") || !strings.Contains(res.stdout, "- y (") {
		t.Errorf("exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
}

func TestDescribeStaysAboveAPrerelease(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v1.2.3")
	r.commit("feat: a")
	r.tag("v1.3.0-rc.1")
	head := r.commit("fix: b")
	if got, want := r.describe(), "1.3.0-rc.1.dev.1+"+head[:7]; got != want {
		t.Errorf("describe = %s, want %s", got, want)
	}
}

func TestStablePrereleaseOverride(t *testing.T) {
	r := newRepo(t)
	r.write(".github/releasebot.yml", "prerelease: beta\n")
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.commit("feat: a")
	if got := r.next(); got != "1.1.0-beta.1" {
		t.Errorf("next = %s", got)
	}
	if got := r.next("--prerelease", ""); got != "1.1.0" {
		t.Errorf(`--prerelease "" gave %s, want the stable 1.1.0`, got)
	}
}

func TestGitStyleDirectoryBeforeCommand(t *testing.T) {
	r := newRepo(t)
	r.commit("feat: a")
	var out strings.Builder
	code := run([]string{"-C", r.dir, "next"}, &env{stdout: &out, stderr: new(strings.Builder), getenv: func(string) string { return "" }})
	if code != 0 || strings.TrimSpace(out.String()) != "0.1.0" {
		t.Errorf("exit %d, %q", code, out.String())
	}
}

func TestFailedOutputIsAFailure(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here")
	}
	defer f.Close()
	var errb strings.Builder
	if code := run([]string{"--version"}, &env{stdout: f, stderr: &errb, getenv: func(string) string { return "" }}); code != exitFailure {
		t.Errorf("exit %d writing to a full device; stderr %q", code, errb.String())
	}
}
