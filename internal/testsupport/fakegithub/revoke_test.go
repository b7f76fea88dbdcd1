package fakegithub

import "testing"

// TestRevokeTokens: a revoked installation token is refused with 401 even
// where any credential is accepted; a new one works, and other
// installations keep theirs.
func TestRevokeTokens(t *testing.T) {
	s := New(t, Options{})
	r := s.CreateRepo("acme", "widget", "main")
	s.CreateRepo("other", "thing", "main")
	app := client(t, s, jwt)
	token := func(owner string) string {
		t.Helper()
		id := r.InstallationID()
		if owner != "acme" {
			id = s.repos[repoKey(owner, "thing")].InstallationID()
		}
		tok, _, err := app.Apps.CreateInstallationToken(ctx, id, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tok.GetToken()
	}
	old, other := token("acme"), token("other")
	if n := s.RevokeTokens(r.InstallationID()); n != 1 {
		t.Errorf("revoked %d tokens, want 1", n)
	}
	if _, _, err := client(t, s, old).Repositories.Get(ctx, "acme", "widget"); statusOf(err) != 401 {
		t.Errorf("revoked token: %v, want 401", err)
	}
	if _, _, err := client(t, s, token("acme")).Repositories.Get(ctx, "acme", "widget"); err != nil {
		t.Errorf("new token: %v", err)
	}
	if _, _, err := client(t, s, other).Repositories.Get(ctx, "other", "thing"); err != nil {
		t.Errorf("another installation's token: %v", err)
	}
	if v := s.Violations(); len(v) != 0 {
		t.Errorf("violations: %q", v)
	}
}
