package fakegithub

import (
	"context"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/google/go-github/v60/github"
	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

// client returns a go-github client for the fake, authenticated with token.
func client(t *testing.T, s *Server, token string) *github.Client {
	t.Helper()
	c := github.NewClient(nil)
	if token != "" {
		c = c.WithAuthToken(token)
	}
	if s.opts.Enterprise {
		ec, err := c.WithEnterpriseURLs(s.URL(), s.URL())
		if err != nil {
			t.Fatal(err)
		}
		return ec
	}
	u, err := url.Parse(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	c.BaseURL = u
	return c
}

var ctx = context.Background()

// clone clones the repository's bare git directory and returns the work tree.
func clone(t *testing.T, r *Repo) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "clone")
	gitfixture.Git(t, t.TempDir(), "clone", "-q", "file://"+r.Dir(), dir)
	return dir
}

// seeded returns a fake with owner/repo whose main branch has one commit.
func seeded(t *testing.T, opts Options) (*Server, *Repo, string) {
	t.Helper()
	s := New(t, opts)
	r := s.CreateRepo("acme", "widget", "main")
	tip := r.Push("main", CommitSpec{Message: "chore: initial commit", Files: map[string]string{"README.md": "# widget\n", "go.mod": "module example.com/widget\n"}})
	return s, r, tip
}

// statusOf returns the HTTP status of a go-github error, or 0.
func statusOf(err error) int {
	if e, ok := err.(*github.ErrorResponse); ok {
		return e.Response.StatusCode
	}
	return 0
}
