package action

import (
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/bot"
)

// TestActionsMayNotOpenPullRequests: on a repository where GitHub Actions
// may not create pull requests (the default on new repositories), the step
// fails saying which setting to change or which token to use, and leaves
// no release branch behind.
func TestActionsMayNotOpenPullRequests(t *testing.T) {
	srv, repo := fakeRepo(t)
	repo.DisallowActionsPullRequests()
	o := newStep(t, srv, actionsCheckout(t, repo, 0), "push", pushToMain).set("GITHUB_REF", "refs/heads/main").run()
	if o.err == nil {
		t.Fatalf("the step succeeded:\n%s", o.stdout)
	}
	for _, want := range []string{"Allow GitHub Actions to create and approve pull requests", bot.ActionsSettingURL, "releasebot/main pushed for it was deleted again"} {
		if !strings.Contains(o.err.Error(), want) || !strings.Contains(o.stdout, want) {
			t.Errorf("the error and the log do not say %q:\n%v\n%s", want, o.err, o.stdout)
		}
		if !strings.Contains(o.summary, "Allow GitHub Actions to create and approve pull requests") {
			t.Errorf("the summary does not say what to change:\n%s", o.summary)
		}
	}
	if sha, ok := repo.Ref("heads/releasebot/main"); ok {
		t.Errorf("the release branch was left behind at %s", sha)
	}
	if len(repo.PRs()) != 0 {
		t.Errorf("pull requests %+v", repo.PRs())
	}
}
