package forge

import (
	"context"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

func TestCheckRuns(t *testing.T) {
	srv := fakegithub.New(t, fakegithub.Options{Enterprise: true, Token: "tok"})
	repo := srv.CreateRepo("acme", "rocket", "main")
	sha := repo.Push("main", fakegithub.CommitSpec{Message: "feat: x", Files: map[string]string{"x": "x\n"}})
	c, err := New("acme", "rocket", Options{APIURL: srv.URL(), Token: "tok"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if got, err := c.FindCheckRun(ctx, sha, "releasebot"); err != nil || got != nil {
		t.Fatalf("before any run: %+v, %v", got, err)
	}
	id, err := c.CreateCheckRun(ctx, CheckRun{
		Name: "releasebot", HeadSHA: sha, Conclusion: "failure",
		Title: "Invalid .github/releasebot.yml", Summary: "line 3",
		Annotations: []Annotation{{Path: ".github/releasebot.yml", Line: 3, Message: "bump.feat: not a level"}},
	})
	if err != nil || id == 0 {
		t.Fatalf("create: id %d, %v", id, err)
	}
	got, err := c.FindCheckRun(ctx, sha, "releasebot")
	if err != nil || got == nil || got.ID != id || got.Conclusion != "failure" || got.Summary != "line 3" {
		t.Fatalf("found %+v, %v", got, err)
	}
	long := strings.Repeat("é", 200) // 400 bytes: cut to GitHub's 255
	if err := c.UpdateCheckRun(ctx, CheckRun{ID: id, Name: "releasebot", HeadSHA: sha, Conclusion: "success", Title: long, Summary: "ok"}); err != nil {
		t.Fatal(err)
	}
	got, err = c.FindCheckRun(ctx, sha, "releasebot")
	if err != nil || got.Conclusion != "success" || len(got.Title) > maxTitle || !strings.HasSuffix(got.Title, "…") {
		t.Fatalf("after update %+v, %v", got, err)
	}
	if other, err := c.FindCheckRun(ctx, sha, "other"); err != nil || other != nil {
		t.Fatalf("another name: %+v, %v", other, err)
	}
}

func TestCheckRunRefusesIncompleteRuns(t *testing.T) {
	c, err := New("acme", "rocket", Options{APIURL: "http://127.0.0.1:1/"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.CreateCheckRun(ctx, CheckRun{Name: "releasebot"}); err == nil {
		t.Error("a run without commit was accepted")
	}
	if err := c.UpdateCheckRun(ctx, CheckRun{Name: "releasebot", HeadSHA: "abc", Conclusion: "success", Title: "t"}); err == nil {
		t.Error("an update without id was accepted")
	}
	if _, err := c.FindCheckRun(ctx, "", "releasebot"); err == nil {
		t.Error("a lookup without commit was accepted")
	}
}

func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"abcdefghij", 6, "abc…"},
		{"ééé", 5, "é…"},
	} {
		if got := truncate(c.in, c.n); got != c.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
