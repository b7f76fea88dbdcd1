package main

import (
	"strings"
	"testing"
)

func TestBumpWritesFilesAndIsRepeatable(t *testing.T) {
	r := newRepo(t)
	r.git("remote", "add", "origin", "git@ghe.example.com:acme/rocket.git")
	r.write("package.json", "{\n  \"name\": \"rocket\",\n  \"version\": \"1.2.3\",\n  \"dependencies\": {\"version\": \"9.9.9\"}\n}\n")
	r.write(".github/releasebot.yml", "version-files:\n  - package.json\n")
	r.commit("chore: init")
	r.annotated("v1.2.3")
	r.commit("feat(api): add x (#5)")
	r.commit("fix: thanks @alice for the report")

	res := r.releasebot("bump")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if got := r.read("VERSION"); got != "1.3.0\n" {
		t.Errorf("VERSION = %q", got)
	}
	if got := r.read("package.json"); !strings.Contains(got, `"version": "1.3.0"`) || !strings.Contains(got, `{"version": "9.9.9"}`) {
		t.Errorf("package.json = %s", got)
	}
	cl := r.read("CHANGELOG.md")
	for _, want := range []string{"## [1.3.0] - 2026-11-21", "### Added", "**api:** add x ([#5](https://ghe.example.com/acme/rocket/pull/5)",
		"`@alice`", "[1.3.0]: https://ghe.example.com/acme/rocket/compare/v1.2.3...v1.3.0"} {
		if !strings.Contains(cl, want) {
			t.Errorf("CHANGELOG.md lacks %q:\n%s", want, cl)
		}
	}
	again := r.releasebot("bump")
	if again.code != 0 || r.read("CHANGELOG.md") != cl || !strings.Contains(again.stdout, "nothing to write") {
		t.Errorf("second bump changed something: exit %d\n%s%s", again.code, again.stdout, again.stderr)
	}
}

func TestBumpCommitAndTag(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v0.1.0")
	r.commit("feat: a")
	res := r.releasebot("bump", "--tag")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if got := r.git("log", "-1", "--format=%s"); got != "chore(release): 0.2.0" {
		t.Errorf("last commit = %q", got)
	}
	said := "wrote VERSION\nwrote CHANGELOG.md\ncommitted " + r.git("rev-parse", "--short=7", "HEAD") + " chore(release): 0.2.0\ntagged v0.2.0\n"
	if res.stdout != said {
		t.Errorf("bump --tag said:\n%swant:\n%s", res.stdout, said)
	}
	if got := r.git("describe", "--tags", "--exact-match"); got != "v0.2.0" {
		t.Errorf("tag = %q", got)
	}
	if got := r.git("status", "--porcelain"); got != "" {
		t.Errorf("work tree not clean after bump --tag:\n%s", got)
	}
	if got := r.next(); got != "0.2.0" {
		t.Errorf("after the release next = %s, want 0.2.0", got)
	}
	again := r.releasebot("bump", "--tag")
	if again.code != 0 || r.git("rev-list", "--count", "HEAD") != "3" {
		t.Errorf("second bump --tag: exit %d, %s%s", again.code, again.stdout, again.stderr)
	}
}

func TestBumpCommitRefusesDirtyTree(t *testing.T) {
	r := newRepo(t)
	r.write("tracked.txt", "v1")
	r.commit("chore: init")
	r.tag("v0.1.0")
	r.commit("feat: a")
	r.write("tracked.txt", "local edit")
	res := r.releasebot("bump", "--commit")
	if res.code != exitFailure || !strings.Contains(res.stderr, "uncommitted changes") {
		t.Errorf("exit %d: %s", res.code, res.stderr)
	}
	if r.git("status", "--porcelain", "VERSION") != "" {
		t.Errorf("VERSION was written although the run failed")
	}
}

func TestBumpFoldsUnreleasedEntries(t *testing.T) {
	r := newRepo(t)
	r.write("CHANGELOG.md", "# Changelog\n\n## [Unreleased]\n\n### Fixed\n\n- hand-written fix note\n\n## [1.0.0] - 2026-01-01\n\n### Added\n\n- first\n")
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.commit("fix: generated fix")
	if res := r.releasebot("bump"); res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	cl := r.read("CHANGELOG.md")
	if !strings.Contains(cl, "hand-written fix note") || !strings.Contains(cl, "generated fix") || strings.Count(cl, "## [1.0.1]") != 1 {
		t.Errorf("CHANGELOG.md:\n%s", cl)
	}
	if strings.Index(cl, "## [1.0.1]") > strings.Index(cl, "## [1.0.0]") {
		t.Errorf("new section not above the old one:\n%s", cl)
	}
}

func TestBumpMissingVersionFileChangesNothing(t *testing.T) {
	r := newRepo(t)
	r.write(".github/releasebot.yml", "version-files: [web/package.json]\n")
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.commit("fix: a")
	res := r.releasebot("bump")
	if res.code != exitFailure || !strings.Contains(res.stderr, "web/package.json") {
		t.Errorf("exit %d: %s", res.code, res.stderr)
	}
	if out := r.git("status", "--porcelain"); out != "" {
		t.Errorf("files were written although the run failed:\n%s", out)
	}
}

func TestPlanShowsWhyAndDiff(t *testing.T) {
	r := newRepo(t)
	r.write("VERSION", "1.0.0\n")
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.commit("fix(cli): a")
	res := r.releasebot("plan")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	for _, want := range []string{"Current version: 1.0.0 (tag v1.0.0)", "Next version:    1.0.1 (patch, tag v1.0.1)", "patch", "fix(cli): a",
		"--- a/VERSION", "+++ b/VERSION", "-1.0.0", "+1.0.1", "--- /dev/null", "+++ b/CHANGELOG.md"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("plan lacks %q:\n%s", want, res.stdout)
		}
	}
	if r.read("VERSION") != "1.0.0\n" {
		t.Error("plan wrote a file")
	}
}

func TestChangelogPrintsSection(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.commit("feat!: new config\n\nBREAKING CHANGE: the config moved to .github/x.yml.\nMove it there.")
	res := r.releasebot("changelog")
	want := "## [2.0.0] - 2026-11-21\n\n### Breaking Changes\n\n- new config ("
	if res.code != 0 || !strings.HasPrefix(res.stdout, want) || !strings.Contains(res.stdout, "  the config moved to .github/x.yml.\n  Move it there.\n") {
		t.Errorf("exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
}

func TestDescribe(t *testing.T) {
	r := newRepo(t)
	r.write("tracked.txt", "v1")
	r.commit("chore: init")
	r.tag("v1.2.3")
	if got := r.describe(); got != "1.2.3" {
		t.Errorf("at the tag: %s", got)
	}
	r.commit("feat: a")
	head := r.commit("docs: b")
	want := "1.3.0-dev.2+" + head[:7]
	if got := r.describe(); got != want {
		t.Errorf("describe = %s, want %s", got, want)
	}
	if got := r.describe(); got != want {
		t.Errorf("second describe = %s, want the same %s", got, want)
	}
	r.write("untracked.txt", "new")
	if got := r.describe(); got != want {
		t.Errorf("untracked files made describe = %s", got)
	}
	r.write("tracked.txt", "edited")
	if got := r.describe(); got != want+".dirty" {
		t.Errorf("dirty describe = %s", got)
	}
}

func (r *repo) describe() string {
	r.t.Helper()
	res := r.releasebot("describe")
	if res.code != 0 {
		r.t.Fatalf("describe: exit %d: %s", res.code, res.stderr)
	}
	return strings.TrimSpace(res.stdout)
}

func TestBumpIsRepeatableBeforeTheFirstTag(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.commit("feat: first")
	for i := 0; i < 3; i++ {
		if res := r.releasebot("bump"); res.code != 0 {
			t.Fatalf("bump %d: %s", i, res.stderr)
		}
	}
	if got := r.read("VERSION"); got != "0.1.0\n" {
		t.Errorf("VERSION after three bumps = %q", got)
	}
	if res := r.releasebot("bump", "--commit", "--tag"); res.code != 0 {
		t.Fatalf("bump --tag: %s", res.stderr)
	}
	if got := r.git("describe", "--tags", "--exact-match"); got != "v0.1.0" {
		t.Errorf("tag %s", got)
	}
	if cl := r.read("CHANGELOG.md"); strings.Count(cl, "\n## [") != 1 {
		t.Errorf("CHANGELOG.md:\n%s", cl)
	}
}

func TestVersionFileReleaseCommitIsTheReleasePoint(t *testing.T) {
	r := newRepo(t)
	r.write("VERSION", "1.4.0\n")
	r.commit("chore: init")
	r.commit("fix: a")
	if res := r.releasebot("bump", "--commit"); res.code != 0 {
		t.Fatalf("bump --commit: %s", res.stderr)
	}
	if got := r.next(); got != "1.4.1" {
		t.Errorf("after the release commit: %s, want 1.4.1 (nothing new)", got)
	}
	r.commit("fix: b")
	if got := r.next(); got != "1.4.2" {
		t.Errorf("a fix after the release commit: %s", got)
	}
}

func TestVersionFileCountsBranchesMergedAfterIt(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.git("checkout", "-q", "-b", "feature")
	r.commit("feat: made before the version was set")
	r.git("checkout", "-q", "main")
	r.write("VERSION", "1.0.0\n")
	r.commit("chore: set the version")
	r.git("merge", "-q", "--no-ff", "-m", "Merge branch 'feature'", "feature")
	if got := r.next(); got != "1.1.0" {
		t.Errorf("next = %s, want 1.1.0 from the merged feat", got)
	}
}
