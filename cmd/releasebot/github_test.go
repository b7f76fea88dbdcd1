package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

const secret = "ghs_s3cr3tT0k3nValue"

// actionEnv is the environment GitHub Actions gives a step.
func actionEnv(srv *fakegithub.Server, token string) func(string) string {
	vars := map[string]string{
		"GITHUB_API_URL":    srv.URL(),
		"GITHUB_REPOSITORY": "acme/rocket",
		"GITHUB_TOKEN":      token,
		"GITHUB_REF":        "refs/heads/main",
		"SOURCE_DATE_EPOCH": "1795219200",
	}
	return func(k string) string { return vars[k] }
}

// actionsCheckout clones the fake repository as actions/checkout with
// fetch-depth: 0 would.
func actionsCheckout(t *testing.T, repo *fakegithub.Repo) string {
	t.Helper()
	dir := t.TempDir()
	gitfixture.Git(t, "", "clone", "-q", "file://"+repo.Dir(), dir)
	return dir
}

func fakeRepo(t *testing.T) (*fakegithub.Server, *fakegithub.Repo) {
	srv := fakegithub.New(t, fakegithub.Options{Token: secret})
	repo := srv.CreateRepo("acme", "rocket", "main")
	tip := repo.Push("main", fakegithub.CommitSpec{Message: "chore: start", Files: map[string]string{"README.md": "rocket\n"}})
	repo.Tag("v0.4.0", tip, true)
	repo.Push("main", fakegithub.CommitSpec{Message: "feat: add thrust (#2)", Files: map[string]string{"thrust.go": "package rocket\n"}})
	return srv, repo
}

func TestRunInActionMode(t *testing.T) {
	srv, repo := fakeRepo(t)
	dir := actionsCheckout(t, repo)
	var out, errb bytes.Buffer
	code := run([]string{"run", "-C", dir}, &env{stdout: &out, stderr: &errb, getenv: actionEnv(srv, secret)})
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
	}
	prs := repo.PRs()
	if len(prs) != 1 || prs[0].Title != "chore(main): release 0.5.0" {
		t.Fatalf("pull requests %+v", prs)
	}
	if !strings.Contains(out.String(), "release pull request #1 proposes 0.5.0 (minor)") {
		t.Errorf("stdout:\n%s", out.String())
	}
	if strings.Contains(out.String()+errb.String(), secret) {
		t.Error("the token was printed")
	}
}

func TestDryRunMakesNoWrite(t *testing.T) {
	srv, repo := fakeRepo(t)
	dir := actionsCheckout(t, repo)
	var out, errb bytes.Buffer
	code := run([]string{"run", "--dry-run", "-C", dir}, &env{stdout: &out, stderr: &errb, getenv: actionEnv(srv, secret)})
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
	}
	for _, c := range srv.Calls() {
		if c.Write {
			t.Errorf("a dry run wrote: %s %s", c.Method, c.Path)
		}
	}
	for _, want := range []string{"would commit \"chore(main): release 0.5.0\"", "would create heads/releasebot/main", "would open a pull request"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out.String())
		}
	}
	if len(repo.PRs()) != 0 {
		t.Error("a pull request was opened")
	}
}

func TestJSONReport(t *testing.T) {
	srv, repo := fakeRepo(t)
	dir := actionsCheckout(t, repo)
	var out, errb bytes.Buffer
	if code := run([]string{"pr", "--json", "-C", dir}, &env{stdout: &out, stderr: &errb, getenv: actionEnv(srv, secret)}); code != exitOK {
		t.Fatalf("exit %d\n%s", code, errb.String())
	}
	var rep struct {
		Pull *struct {
			Number int    `json:"number"`
			URL    string `json:"url"`
		} `json:"pull_request"`
		Next string `json:"next_version"`
		Bump string `json:"bump"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if rep.Pull == nil || rep.Pull.Number != 1 || rep.Next != "0.5.0" || rep.Bump != "minor" || !strings.HasSuffix(rep.Pull.URL, "/acme/rocket/pull/1") {
		t.Errorf("report %+v", rep)
	}
}

func TestHistoryThroughTheAPI(t *testing.T) {
	srv, repo := fakeRepo(t)
	var out, errb bytes.Buffer
	code := run([]string{"run", "--history", "api", "-C", t.TempDir()}, &env{stdout: &out, stderr: &errb, getenv: actionEnv(srv, secret)})
	if code != exitOK || len(repo.PRs()) != 1 {
		t.Fatalf("exit %d, %d pull requests\n%s%s", code, len(repo.PRs()), out.String(), errb.String())
	}
}

func TestBadTokenIsAClearErrorWithoutTheToken(t *testing.T) {
	srv, repo := fakeRepo(t)
	dir := actionsCheckout(t, repo)
	var out, errb bytes.Buffer
	code := run([]string{"run", "-C", dir}, &env{stdout: &out, stderr: &errb, getenv: actionEnv(srv, "wrong-"+secret)})
	if code != exitFailure || !strings.Contains(errb.String(), "401") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
	if strings.Contains(out.String()+errb.String(), secret) {
		t.Errorf("the token was printed: %s", errb.String())
	}
}

func TestNoRepositoryIsAUsageError(t *testing.T) {
	r := newRepo(t)
	r.commit("feat: a")
	res := r.releasebot("run")
	if res.code != exitUsage || !strings.Contains(res.stderr, "--repo OWNER/REPO") {
		t.Errorf("exit %d: %s", res.code, res.stderr)
	}
}

func TestShallowCheckoutReadsHistoryThroughTheAPI(t *testing.T) {
	srv, repo := fakeRepo(t)
	dir := t.TempDir()
	gitfixture.Git(t, "", "clone", "-q", "--depth", "1", "file://"+repo.Dir(), dir)
	var out, errb bytes.Buffer
	code := run([]string{"run", "-C", dir}, &env{stdout: &out, stderr: &errb, getenv: actionEnv(srv, secret)})
	if code != exitOK || len(repo.PRs()) != 1 || repo.PRs()[0].Title != "chore(main): release 0.5.0" {
		t.Fatalf("exit %d, pull requests %+v\n%s%s", code, repo.PRs(), out.String(), errb.String())
	}
	res := run([]string{"run", "--history", "local", "-C", dir}, &env{stdout: &out, stderr: &errb, getenv: actionEnv(srv, secret)})
	if res != exitFailure || !strings.Contains(errb.String(), "fetch-depth: 0") {
		t.Errorf("--history local on a shallow clone: exit %d: %s", res, errb.String())
	}
}
