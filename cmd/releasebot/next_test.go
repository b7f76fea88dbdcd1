package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestNextFollowsConventionalCommits(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.annotated("v1.2.3")
	if got := r.next(); got != "1.2.3" {
		t.Errorf("no commits since the tag: next = %s, want the current 1.2.3", got)
	}
	r.commit("docs: explain")
	if got := r.next(); got != "1.2.3" {
		t.Errorf("docs only: next = %s, want 1.2.3", got)
	}
	r.commit("fix(api): handle nil (#12)")
	if got := r.next(); got != "1.2.4" {
		t.Errorf("fix: next = %s, want 1.2.4", got)
	}
	r.commit("feat: add x")
	if got := r.next(); got != "1.3.0" {
		t.Errorf("feat: next = %s, want 1.3.0", got)
	}
	r.commit("refactor!: drop the old API")
	if got := r.next(); got != "2.0.0" {
		t.Errorf("breaking: next = %s, want 2.0.0", got)
	}
}

func TestNextIgnoresNonSemverAndUnmergedTags(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.commit("fix: a")
	r.tag("latest")
	r.tag("release-2020")
	r.tag("vNext")
	r.git("checkout", "-q", "-b", "side")
	r.commit("feat: on a branch")
	r.tag("v9.0.0")
	r.git("checkout", "-q", "main")
	if got := r.next(); got != "1.0.1" {
		t.Errorf("next = %s, want 1.0.1 (v9.0.0 is on an unmerged branch)", got)
	}
}

func TestNextCountsCommitsMergedAfterTheTag(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.git("checkout", "-q", "-b", "feature")
	r.commit("feat: forked before the tag")
	r.git("checkout", "-q", "main")
	r.commit("fix: on main")
	r.annotated("v1.0.0")
	r.git("merge", "-q", "--no-ff", "-m", "Merge pull request #7 from ann/feature", "feature")
	if got := r.next(); got != "1.1.0" {
		t.Errorf("next = %s, want 1.1.0 from the merged feat", got)
	}
}

func TestNextTagPrefix(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("1.4.0")
	r.tag("v9.9.9")
	r.commit("feat: x")
	r.write(".github/releasebot.yml", "tag-prefix: \"\"\n")
	if got := r.next(); got != "1.5.0" {
		t.Errorf("empty prefix: next = %s, want 1.5.0", got)
	}
	r.write(".github/releasebot.yml", "tag-prefix: app-v\n")
	r.tag("app-v0.3.0")
	if got := r.next(); got != "0.3.0" {
		t.Errorf("app-v prefix at the tag: next = %s, want 0.3.0", got)
	}
}

func TestNextVersionFileFallback(t *testing.T) {
	r := newRepo(t)
	r.write("VERSION", "2.3.0\n")
	r.commit("chore: init")
	r.commit("fix: a")
	if got := r.next(); got != "2.3.1" {
		t.Errorf("next = %s, want 2.3.1 from VERSION", got)
	}
}

func TestNextInitialVersion(t *testing.T) {
	r := newRepo(t)
	r.commit("feat!: first")
	if got := r.next(); got != "0.1.0" {
		t.Errorf("next = %s, want 0.1.0", got)
	}
	r.write(".github/releasebot.yml", "initial-version: 1.0.0\n")
	if got := r.next(); got != "1.0.0" {
		t.Errorf("next = %s, want 1.0.0", got)
	}
}

func TestNextPrereleases(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v1.2.3")
	r.commit("feat: a")
	if got := r.next("--prerelease", "rc"); got != "1.3.0-rc.1" {
		t.Fatalf("next = %s, want 1.3.0-rc.1", got)
	}
	r.tag("v1.3.0-rc.1")
	if got := r.next("--prerelease", "rc"); got != "1.3.0-rc.1" {
		t.Errorf("nothing new: next = %s, want the current 1.3.0-rc.1", got)
	}
	r.commit("fix: b")
	if got := r.next("--prerelease", "rc"); got != "1.3.0-rc.2" {
		t.Errorf("next = %s, want 1.3.0-rc.2", got)
	}
	if got := r.next(); got != "1.3.0" {
		t.Errorf("promotion: next = %s, want 1.3.0", got)
	}
	r.write(".github/releasebot.yml", "prerelease: rc\n")
	if got := r.next(); got != "1.3.0-rc.2" {
		t.Errorf("configured prerelease: next = %s, want 1.3.0-rc.2", got)
	}
	res := r.releasebot("next", "--prerelease", "alpha")
	if res.code != exitFailure || !strings.Contains(res.stderr, "would not be above the current version 1.3.0-rc.1") {
		t.Errorf("going back from rc to alpha: exit %d: %s", res.code, res.stderr)
	}
}

func TestNextLaterFeatAfterPatchCandidate(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v1.2.3")
	r.commit("fix: a")
	r.tag("v1.2.4-rc.1")
	r.commit("feat: b")
	if got := r.next("--prerelease", "rc"); got != "1.3.0-rc.1" {
		t.Errorf("next = %s, want 1.3.0-rc.1", got)
	}
}

func TestNextReleaseAs(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v1.2.3")
	r.commit("chore: prepare the big one\n\nRelease-As: 3.0.0")
	if got := r.next(); got != "3.0.0" {
		t.Errorf("next = %s, want 3.0.0", got)
	}
}

func TestNextJSON(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.annotated("v1.2.3")
	feat := r.commit("feat(api): add x (#5)")
	r.commit("docs: y")
	res := r.releasebot("next", "--json")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	var out struct {
		Current    *string `json:"current"`
		Next       string  `json:"next"`
		Tag        string  `json:"tag"`
		Bump       string  `json:"bump"`
		Releasable bool    `json:"releasable"`
		Commits    []struct {
			Hash, Type, Scope, Description, Bump string
			PR                                   int
		} `json:"commits"`
	}
	if err := json.Unmarshal([]byte(res.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, res.stdout)
	}
	if out.Current == nil || *out.Current != "1.2.3" || out.Next != "1.3.0" || out.Tag != "v1.3.0" || out.Bump != "minor" || !out.Releasable {
		t.Errorf("got %+v", out)
	}
	if len(out.Commits) != 1 || out.Commits[0].Hash != feat || out.Commits[0].Scope != "api" || out.Commits[0].PR != 5 || out.Commits[0].Bump != "minor" {
		t.Errorf("commits = %+v", out.Commits)
	}
}

func TestNextJSONWithNothingAtAll(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	res := r.releasebot("next", "--json")
	if res.code != 0 || !strings.Contains(res.stdout, `"current": null`) || !strings.Contains(res.stdout, `"releasable": false`) || !strings.Contains(res.stdout, `"next": null`) {
		t.Errorf("exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
}

func TestShallowCloneIsRefused(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.commit("feat: a")
	r.commit("fix: b")
	clone := t.TempDir()
	r.git("clone", "-q", "--depth", "1", "file://"+r.dir, clone)
	res := run([]string{"next", "-C", clone}, &env{stdout: new(strings.Builder), stderr: new(strings.Builder), getenv: func(string) string { return "" }})
	if res != exitFailure {
		t.Errorf("exit %d, want %d", res, exitFailure)
	}
	var errb strings.Builder
	run([]string{"next", "-C", clone}, &env{stdout: new(strings.Builder), stderr: &errb, getenv: func(string) string { return "" }})
	if !strings.Contains(errb.String(), "shallow") || !strings.Contains(errb.String(), "fetch-depth: 0") {
		t.Errorf("stderr = %q", errb.String())
	}
}

// An empty VERSION is no version: every commit counts, even the one that
// added the file.
func TestNextEmptyVersionFile(t *testing.T) {
	r := newRepo(t)
	r.write("VERSION", "\n")
	r.commit("fix: first, with an empty VERSION")
	if got := r.next(); got != "0.1.0" {
		t.Errorf("next = %s, want 0.1.0", got)
	}
}

// A stable release after candidates counts every commit it gathers.
func TestPlanCountsTheCommitsAStableReleaseGathers(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v1.0.0")
	r.commit("feat: a")
	r.tag("v1.1.0-rc.1")
	r.commit("fix: b")
	res := r.releasebot("plan")
	if res.code != 0 || !strings.Contains(res.stdout, "Commits since:   1 (2 since v1.0.0, all in this release)") {
		t.Errorf("plan: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
}
