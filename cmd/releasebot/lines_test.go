package main

import (
	"strings"
	"testing"
)

func TestChannels(t *testing.T) {
	r := newRepo(t)
	r.write(".github/releasebot.yml", "channels:\n  next: rc\n  beta/*: beta\n")
	r.commit("chore: init")
	r.tag("v1.2.3")
	r.git("checkout", "-q", "-b", "next")
	r.commit("feat: rocket boots")
	if got := r.next(); got != "1.3.0-rc.1" {
		t.Fatalf("on next: %s, want 1.3.0-rc.1", got)
	}
	if got := r.next("--prerelease", ""); got != "1.3.0" {
		t.Errorf("--prerelease \"\" on next: %s, want the stable 1.3.0", got)
	}
	if got := r.next("--branch", "main"); got != "1.3.0" {
		t.Errorf("--branch main: %s", got)
	}
	r.git("checkout", "-q", "-b", "beta/boots")
	if got := r.next(); got != "1.3.0-beta.1" {
		t.Errorf("on beta/boots: %s, want 1.3.0-beta.1", got)
	}
}

func TestPromotionGathersEverythingOnce(t *testing.T) {
	r := newRepo(t)
	r.write(".github/releasebot.yml", "channels:\n  next: rc\n")
	r.commit("chore: init")
	r.tag("v1.2.3")
	r.git("checkout", "-q", "-b", "next")
	r.commit("feat: first feature")
	if res := r.releasebot("bump", "--tag"); res.code != 0 {
		t.Fatalf("rc.1: %s", res.stderr)
	}
	r.commit("fix: first fix")
	if res := r.releasebot("bump", "--tag"); res.code != 0 {
		t.Fatalf("rc.2: %s", res.stderr)
	}
	if got := r.git("describe", "--tags", "--exact-match"); got != "v1.3.0-rc.2" {
		t.Fatalf("tag %s", got)
	}
	r.git("checkout", "-q", "main")
	r.git("merge", "-q", "--no-ff", "-m", "Merge branch 'next'", "next")
	if got := r.next(); got != "1.3.0" {
		t.Fatalf("after promotion: %s", got)
	}
	if res := r.releasebot("bump"); res.code != 0 {
		t.Fatalf("bump: %s", res.stderr)
	}
	cl := r.read("CHANGELOG.md")
	if strings.Count(cl, "first feature") != 1 || strings.Count(cl, "first fix") != 1 || strings.Contains(cl, "1.3.0-rc") {
		t.Errorf("changelog lists changes twice or keeps the candidates:\n%s", cl)
	}
	if !strings.Contains(cl, "## [1.3.0]") {
		t.Errorf("no 1.3.0 section:\n%s", cl)
	}
}

func TestMaintenanceBranches(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v1.2.3")
	r.git("checkout", "-q", "-b", "stable/1.2.x")
	r.commit("fix: backport a fix")
	if got := r.next(); got != "1.2.4" {
		t.Fatalf("fix on stable/1.2.x: %s", got)
	}
	r.commit("feat: a feature that slipped in")
	res := r.releasebot("next")
	if strings.TrimSpace(res.stdout) != "1.2.4" || !strings.Contains(res.stderr, "stable/1.2.x") || !strings.Contains(res.stderr, "merge it into a branch that makes minor releases") {
		t.Errorf("feat on stable/1.2.x: %q, stderr %q", res.stdout, res.stderr)
	}
	r.git("checkout", "-q", "-b", "release/1.x")
	r.commit("feat!: a breaking change")
	res = r.releasebot("next")
	if strings.TrimSpace(res.stdout) != "1.3.0" || !strings.Contains(res.stderr, "release/1.x") {
		t.Errorf("breaking on release/1.x: %q, stderr %q", res.stdout, res.stderr)
	}
	if got := r.next("--branch", "main"); got != "2.0.0" {
		t.Errorf("the same history released from main: %s", got)
	}
}

func TestMaintenanceLineStartsAtItsRange(t *testing.T) {
	r := newRepo(t)
	r.commit("chore: init")
	r.tag("v1.2.3")
	r.git("checkout", "-q", "-b", "stable/1.4.x")
	r.commit("fix: a")
	if got := r.next(); got != "1.4.0" {
		t.Errorf("first release of stable/1.4.x: %s, want 1.4.0", got)
	}
	r.git("checkout", "-q", "-b", "stable/1.1.x", "v1.2.3")
	res := r.releasebot("next")
	if res.code != exitFailure || !strings.Contains(res.stderr, "releases 1.1.x versions, but its last release is 1.2.3") {
		t.Errorf("a line below its last release: exit %d %q", res.code, res.stderr)
	}
}
