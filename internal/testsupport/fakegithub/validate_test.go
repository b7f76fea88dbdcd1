package fakegithub

import (
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"
)

func TestSchemaViolationsAreCaught(t *testing.T) {
	cases := []struct {
		name string
		call func(gh *github.Client) error
		want string
	}{
		{"create-ref without sha", func(gh *github.Client) error {
			req, _ := gh.NewRequest("POST", "repos/acme/widget/git/refs", map[string]string{"ref": "refs/heads/x"})
			_, err := gh.Do(ctx, req, nil)
			return err
		}, `property "sha" is missing`},
		{"make_latest yes", func(gh *github.Client) error {
			_, _, err := gh.Repositories.CreateRelease(ctx, "acme", "widget", &github.RepositoryRelease{TagName: github.String("v1.0.0"), MakeLatest: github.String("yes")})
			return err
		}, "make_latest"},
		{"tree mode 644", func(gh *github.Client) error {
			_, _, err := gh.Git.CreateTree(ctx, "acme", "widget", "", []*github.TreeEntry{{Path: github.String("a"), Mode: github.String("644"), Type: github.String("blob"), Content: github.String("a")}})
			return err
		}, "mode"},
		{"operation outside the subset", func(gh *github.Client) error {
			_, _, err := gh.Repositories.ListBranches(ctx, "acme", "widget", nil)
			return err
		}, "is not an operation"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, r, _ := seeded(t, Options{RecordViolations: true})
			err := tc.call(client(t, s, ""))
			if st := statusOf(err); st != 422 && st != 404 {
				t.Errorf("err = %v, want 422 (or 404 for unknown operations)", err)
			}
			v := s.Violations()
			if len(v) != 1 || !strings.Contains(v[0], tc.want) {
				t.Errorf("violations = %q, want one mentioning %q", v, tc.want)
			}
			if len(r.Releases()) != 0 {
				t.Error("an invalid request was executed")
			}
		})
	}
}

// TestEveryOperationIsServed keeps the route table and the subset in step.
func TestEveryOperationIsServed(t *testing.T) {
	doc, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	served := map[string]bool{}
	for _, rt := range routeTable {
		served[rt.method+" "+rt.template()] = true
	}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !served[method+" "+path] {
				t.Errorf("%s %s is in the subset but not served", method, path)
			}
		}
	}
	if len(served) != len(routeTable) {
		t.Error("duplicate routes")
	}
}

func TestEnterprisePrefix(t *testing.T) {
	s, r, _ := seeded(t, Options{Enterprise: true})
	if !strings.HasSuffix(s.URL(), "/api/v3/") {
		t.Fatalf("URL = %s", s.URL())
	}
	gh := client(t, s, "")
	r.Push("feature", CommitSpec{Message: "feat", Files: map[string]string{"f": "f"}})
	pr, _, err := gh.PullRequests.Create(ctx, "acme", "widget", &github.NewPullRequest{Title: github.String("feat"), Head: github.String("feature"), Base: github.String("main")})
	if err != nil {
		t.Fatal(err)
	}
	if want := s.webBase + "acme/widget/pull/1"; pr.GetHTMLURL() != want {
		t.Errorf("html_url = %s, want %s (web URLs have no /api/v3)", pr.GetHTMLURL(), want)
	}
	if !strings.HasPrefix(pr.GetURL(), s.URL()+"repos/") {
		t.Errorf("url = %s", pr.GetURL())
	}
	if calls := s.Calls(); calls[0].Path != "/repos/{owner}/{repo}/pulls" || strings.HasPrefix(calls[0].URL, "/api/v3") {
		t.Errorf("calls = %+v", calls)
	}
}
