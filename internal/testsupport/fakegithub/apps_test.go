package fakegithub

import (
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
)

// jwt is shaped like an App JWT; the fake does not check signatures.
const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiI0MiJ9.c2ln"

func TestInstallationTokens(t *testing.T) {
	s := New(t, Options{Token: "static"})
	r := s.CreateRepo("acme", "widget", "main")
	s.CreateRepo("other", "thing", "main")
	r.Push("main", CommitSpec{Message: "init", Files: map[string]string{"a": "a"}})
	app := client(t, s, jwt)

	installs, _, err := app.Apps.ListInstallations(ctx, nil)
	if err != nil || len(installs) != 2 || installs[0].GetID() != r.InstallationID() || installs[0].GetAccount().GetLogin() != "acme" {
		t.Fatalf("installations = %v, %v", installs, err)
	}
	// nil options: go-github sends a literal null body.
	tok, _, err := app.Apps.CreateInstallationToken(ctx, r.InstallationID(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if until := time.Until(tok.GetExpiresAt().Time); until < 59*time.Minute || until > 61*time.Minute {
		t.Errorf("expires_at in %v, want an hour", until)
	}
	if _, _, err := app.Apps.CreateInstallationToken(ctx, 999999, nil); statusOf(err) != 404 {
		t.Errorf("unknown installation: %v, want 404", err)
	}

	inst := client(t, s, tok.GetToken())
	if _, _, err := inst.Repositories.Get(ctx, "acme", "widget"); err != nil {
		t.Errorf("repo with installation token: %v", err)
	}
	repos, _, err := inst.Apps.ListRepos(ctx, nil)
	if err != nil || repos.GetTotalCount() != 1 || repos.Repositories[0].GetFullName() != "acme/widget" {
		t.Errorf("installation repositories = %v, %v", repos, err)
	}
	if _, _, err := client(t, s, jwt).Repositories.Get(ctx, "acme", "widget"); statusOf(err) != 401 {
		t.Errorf("JWT on a repository endpoint: %v, want 401", err)
	}
}

func TestCheckRuns(t *testing.T) {
	s, r, tip := seeded(t, Options{})
	gh := client(t, s, "")
	r.Push("feature", CommitSpec{Message: "feat", Files: map[string]string{"f": "f"}})
	r.OpenPR("feature", "main", "feat: f", "")
	run, _, err := gh.Checks.CreateCheckRun(ctx, "acme", "widget", github.CreateCheckRunOptions{Name: "releasebot", HeadSHA: tip, Status: github.String("in_progress")})
	if err != nil || run.GetStatus() != "in_progress" || run.GetApp().GetSlug() != appSlug {
		t.Fatalf("check run = %+v, %v", run, err)
	}
	done, _, err := gh.Checks.UpdateCheckRun(ctx, "acme", "widget", run.GetID(), github.UpdateCheckRunOptions{
		Name: "releasebot", Conclusion: github.String("success"),
		Output: &github.CheckRunOutput{Title: github.String("Release plan"), Summary: github.String("1.1.0")},
	})
	if err != nil || done.GetStatus() != "completed" || done.GetConclusion() != "success" || done.CompletedAt == nil {
		t.Errorf("updated = %+v, %v", done, err)
	}
	runs, _, err := gh.Checks.ListCheckRunsForRef(ctx, "acme", "widget", "main", nil)
	if err != nil || runs.GetTotal() != 1 || runs.CheckRuns[0].GetOutput().GetTitle() != "Release plan" {
		t.Errorf("runs = %v, %v", runs, err)
	}
	if _, _, err := gh.Checks.CreateCheckRun(ctx, "acme", "widget", github.CreateCheckRunOptions{Name: "x", HeadSHA: "0000000000000000000000000000000000000000"}); statusOf(err) != 422 {
		t.Errorf("unknown head_sha: %v, want 422", err)
	}
}
