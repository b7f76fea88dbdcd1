package fakegithub

import (
	"testing"
)

func TestGetRepository(t *testing.T) {
	for _, enterprise := range []bool{false, true} {
		s, r, _ := seeded(t, Options{Enterprise: enterprise, Token: "secret"})
		gh := client(t, s, "secret")
		repo, resp, err := gh.Repositories.Get(ctx, "acme", "widget")
		if err != nil {
			t.Fatal(err)
		}
		if repo.GetFullName() != "acme/widget" || repo.GetDefaultBranch() != "main" || repo.GetOwner().GetLogin() != "acme" {
			t.Errorf("repo = %s %s %s", repo.GetFullName(), repo.GetDefaultBranch(), repo.GetOwner().GetLogin())
		}
		wantHTML := s.webBase + "acme/widget"
		if repo.GetHTMLURL() != wantHTML {
			t.Errorf("html_url = %s, want %s", repo.GetHTMLURL(), wantHTML)
		}
		if resp.Rate.Limit != 5000 || resp.Rate.Remaining != 4999 {
			t.Errorf("rate = %+v", resp.Rate)
		}
		if _, _, err := client(t, s, "wrong").Repositories.Get(ctx, "acme", "widget"); statusOf(err) != 401 {
			t.Errorf("wrong token: err = %v, want 401", err)
		}
		if _, _, err := gh.Repositories.Get(ctx, "acme", "nope"); statusOf(err) != 404 {
			t.Errorf("missing repo: err = %v, want 404", err)
		}
		calls := s.Calls()
		if len(calls) != 3 || calls[0].Path != "/repos/{owner}/{repo}" || calls[0].Status != 200 || calls[0].Write {
			t.Errorf("calls = %+v", calls)
		}
		_ = r
	}
}
