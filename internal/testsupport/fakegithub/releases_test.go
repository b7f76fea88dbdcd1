package fakegithub

import (
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"
)

func TestReleases(t *testing.T) {
	s, r, first := seeded(t, Options{})
	gh := client(t, s, "")
	second := r.Push("main", CommitSpec{Message: "feat: x", Files: map[string]string{"x": "x"}})

	v1, _, err := gh.Repositories.CreateRelease(ctx, "acme", "widget", &github.RepositoryRelease{
		TagName: github.String("v1.0.0"), TargetCommitish: github.String(first), Name: github.String("v1.0.0"), Body: github.String("notes"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if v1.GetTagName() != "v1.0.0" || v1.GetDraft() || v1.PublishedAt == nil || v1.GetAuthor().GetLogin() != tokenActor {
		t.Errorf("v1 = %+v", v1)
	}
	if got := r.Tags()["v1.0.0"]; got != first {
		t.Errorf("tag v1.0.0 = %s, want the target %s", got, first)
	}
	_, _, err = gh.Repositories.CreateRelease(ctx, "acme", "widget", &github.RepositoryRelease{TagName: github.String("v1.0.0")})
	if statusOf(err) != 422 || !strings.Contains(err.Error(), "already_exists") {
		t.Errorf("duplicate release: %v, want 422 already_exists", err)
	}

	// A draft creates no tag until it is published; get-by-tag ignores it.
	draft, _, err := gh.Repositories.CreateRelease(ctx, "acme", "widget", &github.RepositoryRelease{TagName: github.String("v2.0.0"), Draft: github.Bool(true)})
	if err != nil || !draft.GetDraft() || draft.PublishedAt != nil {
		t.Fatalf("draft = %+v, %v", draft, err)
	}
	if _, ok := r.Tags()["v2.0.0"]; ok {
		t.Error("a draft created its tag")
	}
	if _, _, err := gh.Repositories.GetReleaseByTag(ctx, "acme", "widget", "v2.0.0"); statusOf(err) != 404 {
		t.Errorf("draft by tag: %v, want 404", err)
	}
	latest, _, err := gh.Repositories.GetLatestRelease(ctx, "acme", "widget")
	if err != nil || latest.GetID() != v1.GetID() {
		t.Errorf("latest = %v, %v, want v1.0.0", latest, err)
	}
	published, _, err := gh.Repositories.EditRelease(ctx, "acme", "widget", draft.GetID(), &github.RepositoryRelease{Draft: github.Bool(false)})
	if err != nil || published.GetDraft() || published.PublishedAt == nil {
		t.Fatalf("published = %+v, %v", published, err)
	}
	if got := r.Tags()["v2.0.0"]; got != second {
		t.Errorf("tag v2.0.0 = %s, want the default branch %s", got, second)
	}
	if latest, _, _ := gh.Repositories.GetLatestRelease(ctx, "acme", "widget"); latest.GetTagName() != "v2.0.0" {
		t.Errorf("latest after publishing = %s", latest.GetTagName())
	}

	// A prerelease and a make_latest=false release do not become latest.
	gh.Repositories.CreateRelease(ctx, "acme", "widget", &github.RepositoryRelease{TagName: github.String("v3.0.0-rc.1"), Prerelease: github.Bool(true)})
	gh.Repositories.CreateRelease(ctx, "acme", "widget", &github.RepositoryRelease{TagName: github.String("v1.0.1"), MakeLatest: github.String("false")})
	if latest, _, _ := gh.Repositories.GetLatestRelease(ctx, "acme", "widget"); latest.GetTagName() != "v2.0.0" {
		t.Errorf("latest = %s, want v2.0.0", latest.GetTagName())
	}
	if _, _, err := gh.Repositories.EditRelease(ctx, "acme", "widget", v1.GetID(), &github.RepositoryRelease{MakeLatest: github.String("true")}); err != nil {
		t.Fatal(err)
	}
	if latest, _, _ := gh.Repositories.GetLatestRelease(ctx, "acme", "widget"); latest.GetTagName() != "v1.0.0" {
		t.Errorf("latest after make_latest=true = %s, want v1.0.0", latest.GetTagName())
	}

	all, _, err := gh.Repositories.ListReleases(ctx, "acme", "widget", nil)
	if err != nil || len(all) != 4 || all[0].GetTagName() != "v1.0.1" {
		t.Errorf("releases = %v, %v", all, err)
	}
	byTag, _, err := gh.Repositories.GetReleaseByTag(ctx, "acme", "widget", "v1.0.0")
	if err != nil || byTag.GetBody() != "notes" {
		t.Errorf("by tag = %v, %v", byTag, err)
	}
	if got, _, err := gh.Repositories.GetRelease(ctx, "acme", "widget", v1.GetID()); err != nil || got.GetName() != "v1.0.0" {
		t.Errorf("by id = %v, %v", got, err)
	}
	rels := r.Releases()
	if len(rels) != 4 || !rels[3].IsLatest || rels[3].TagName != "v1.0.0" {
		t.Errorf("Releases() = %+v", rels)
	}
}
