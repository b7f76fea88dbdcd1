package main

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
	"github.com/releasebot/releasebot/internal/testsupport/golden"
)

// withoutNote is stderr without the line saying that pull requests were
// not read.
func withoutNote(stderr string) string {
	var keep []string
	for _, line := range strings.SplitAfter(stderr, "\n") {
		if !strings.HasPrefix(line, notRead) {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "")
}

// labelledRepo is a fake repository at v1.0.0 with, merged since: a fix
// pushed directly, a pull request with a title that is not conventional
// labelled release:major (merged with a merge commit), and a chore whose
// body overrides its message with a feat. It returns the fake and a
// checkout whose origin is the repository's github.com address.
func labelledRepo(t *testing.T) (*fakegithub.Server, *fakegithub.Repo, string) {
	t.Helper()
	srv := fakegithub.New(t, fakegithub.Options{Token: secret})
	repo := srv.CreateRepo("acme", "rocket", "main")
	repo.Tag("v1.0.0", repo.Push("main", fakegithub.CommitSpec{Message: "chore: start", Files: map[string]string{"README.md": "rocket\n"}}), true)
	repo.Push("main", fakegithub.CommitSpec{Message: "fix: small", Files: map[string]string{"small.go": "package rocket\n"}})
	repo.Push("tidy", fakegithub.CommitSpec{Message: "WIP", Files: map[string]string{"tidy.go": "package rocket\n"}})
	n := repo.OpenPR("tidy", "main", "Tidy up internals", "")
	repo.AddLabel(n, "release:major")
	repo.MergePR(n, "merge")
	repo.Push("sync", fakegithub.CommitSpec{Message: "chore: sync", Files: map[string]string{"sync.go": "package rocket\n"}})
	m := repo.OpenPR("sync", "main", "chore: sync", "BEGIN_COMMIT_OVERRIDE\nfeat(sync): pull from upstream\nEND_COMMIT_OVERRIDE")
	repo.MergePR(m, "squash")
	dir := actionsCheckout(t, repo)
	gitfixture.Git(t, dir, "remote", "set-url", "origin", "https://github.com/acme/rocket.git")
	return srv, repo, dir
}

// localEnv is a developer's shell: the fake's API named by GITHUB_API_URL
// and a token, or none.
func localEnv(srv *fakegithub.Server, token string) func(string) string {
	vars := map[string]string{"GITHUB_API_URL": srv.URL(), "GITHUB_TOKEN": token, "SOURCE_DATE_EPOCH": "1795219200"}
	return func(k string) string { return vars[k] }
}

func runWith(getenv func(string) string, args ...string) result {
	var out, errb bytes.Buffer
	code := run(args, &env{stdout: &out, stderr: &errb, getenv: getenv})
	return result{code, out.String(), errb.String()}
}

func TestNextReadsLabelsAndOverridesWithAToken(t *testing.T) {
	srv, repo, dir := labelledRepo(t)
	res := runWith(localEnv(srv, secret), "next", "-C", dir)
	if res.code != exitOK || strings.TrimSpace(res.stdout) != "2.0.0" || res.stderr != "" {
		t.Fatalf("next with a token: exit %d, stdout %q, stderr %q; want 2.0.0 and nothing on stderr", res.code, res.stdout, res.stderr)
	}
	res = runWith(localEnv(srv, secret), "next", "--json", "-C", dir)
	var out nextOutput
	if err := json.Unmarshal([]byte(res.stdout), &out); err != nil {
		t.Fatalf("next --json: %v\n%s", err, res.stdout)
	}
	var descs []string
	for _, c := range out.Commits {
		descs = append(descs, c.Bump+" "+c.Description)
	}
	if got, want := strings.Join(descs, ", "), "minor pull from upstream, major Tidy up internals, patch small"; got != want {
		t.Errorf("next --json commits: %s; want %s", got, want)
	}

	// The bot, run as an Action on the same repository, proposes the same
	// version.
	if res := runWith(actionEnv(srv, secret), "pr", "-C", dir); res.code != exitOK {
		t.Fatalf("pr: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	var title string
	for _, p := range repo.PRs() {
		if p.Head == "releasebot/main" {
			title = p.Title
		}
	}
	if title != "chore(main): release 2.0.0" {
		t.Errorf("the bot proposes %q; next said 2.0.0", title)
	}
}

func TestNextWithoutATokenSaysSoOnce(t *testing.T) {
	srv, _, dir := labelledRepo(t)
	res := runWith(localEnv(srv, ""), "next", "-C", dir)
	if res.code != exitOK || strings.TrimSpace(res.stdout) != "1.0.1" {
		t.Fatalf("next without a token: exit %d, stdout %q; want 1.0.1 from the commits alone", res.code, res.stdout)
	}
	want := notRead + ": set GITHUB_TOKEN to read them as the bot does\n"
	if res.stderr != want {
		t.Errorf("stderr %q, want %q", res.stderr, want)
	}
	if calls := srv.Calls(); len(calls) != 0 {
		t.Errorf("next without a token made API calls: %+v", calls)
	}
}

func TestNextSaysWhenItCannotReadPullRequests(t *testing.T) {
	srv, _, dir := labelledRepo(t)
	cases := []struct {
		name   string
		origin string
		getenv func(string) string
		want   string
	}{
		{"no GitHub remote", "/srv/git/rocket.git", localEnv(srv, secret), notRead + ": the origin remote is not a GitHub repository\n"},
		{"an Enterprise host without its API", "https://ghe.example.com/acme/rocket.git",
			func(k string) string { return map[string]string{"GITHUB_TOKEN": secret}[k] },
			notRead + ": set GITHUB_API_URL to the API of ghe.example.com (https://ghe.example.com/api/v3) to read them\n"},
		{"a token GitHub refuses", "https://github.com/acme/rocket.git", localEnv(srv, "wrong-"+secret), notRead + ": "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			gitfixture.Git(t, dir, "remote", "set-url", "origin", c.origin)
			res := runWith(c.getenv, "next", "-C", dir)
			if res.code != exitOK || strings.TrimSpace(res.stdout) != "1.0.1" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 1.0.1", res.code, res.stdout, res.stderr)
			}
			if !strings.HasPrefix(res.stderr, c.want) || strings.Count(res.stderr, "\n") != 1 || strings.Contains(res.stderr, secret) {
				t.Errorf("stderr %q, want one line starting %q, without the token", res.stderr, c.want)
			}
		})
	}
}

func TestPlanSaysWhichLabelSetTheLevel(t *testing.T) {
	srv, repo, dir := labelledRepo(t)
	// A release pull request labelled release:minor lowers the major the
	// merged label asks for.
	repo.Push("releasebot/main", fakegithub.CommitSpec{Message: "chore(main): release 2.0.0", Files: map[string]string{"VERSION": "2.0.0\n"}})
	n := repo.OpenPR("releasebot/main", "main", "chore(main): release 2.0.0", "")
	repo.AddLabel(n, "release:minor")
	res := runWith(localEnv(srv, secret), "plan", "-C", dir)
	if res.code != exitOK || res.stderr != "" {
		t.Fatalf("plan: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	golden.Assert(t, "testdata/plan-labels.golden", hashes.ReplaceAllString(res.stdout, "<hash>"))
}

var (
	hashes = regexp.MustCompile(`\b[0-9a-f]{7}(?:[0-9a-f]{33})?\b`)
)

func TestNextAtAReleaseSaysNothingOfPullRequests(t *testing.T) {
	srv, repo, _ := labelledRepo(t)
	repo.Tag("v2.0.0", repo.Push("main", fakegithub.CommitSpec{Message: "chore(main): release 2.0.0", Files: map[string]string{"VERSION": "2.0.0\n"}}), true)
	dir := actionsCheckout(t, repo)
	gitfixture.Git(t, dir, "remote", "set-url", "origin", "https://github.com/acme/rocket.git")
	res := runWith(localEnv(srv, ""), "next", "-C", dir)
	if res.code != exitOK || strings.TrimSpace(res.stdout) != "2.0.0" || res.stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2.0.0 and no note: no pull request can change it", res.code, res.stdout, res.stderr)
	}
}

func TestNextWithoutAnOriginSaysNothingOfPullRequests(t *testing.T) {
	srv, _, dir := labelledRepo(t)
	gitfixture.Git(t, dir, "remote", "remove", "origin")
	res := runWith(localEnv(srv, ""), "next", "-C", dir)
	if res.code != exitOK || strings.TrimSpace(res.stdout) != "1.0.1" || res.stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1.0.1 and no note: there are no pull requests to read", res.code, res.stdout, res.stderr)
	}
}

func TestChangelogListsTheLabelOnlyPullRequest(t *testing.T) {
	srv, _, dir := labelledRepo(t)
	res := runWith(localEnv(srv, secret), "changelog", "-C", dir)
	if res.code != exitOK || res.stderr != "" || !strings.Contains(res.stdout, "### Breaking Changes\n\n- Tidy up internals ([#1]") {
		t.Errorf("changelog: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	res = runWith(localEnv(srv, ""), "changelog", "-C", dir)
	if res.code != exitOK || strings.Contains(res.stdout, "Tidy up internals") || strings.Count(res.stderr, notRead) != 1 {
		t.Errorf("changelog without a token: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
}
