package bot

import (
	"context"
	"fmt"
	"strings"
)

// ActionsSettingURL is where the README explains how to let a workflow's
// GITHUB_TOKEN open pull requests, or to use an App token instead.
const ActionsSettingURL = "https://github.com/releasebot/releasebot#the-github_token-caveat"

// actionsRefusal is the text of GitHub's 403 when the repository (or its
// organisation) does not allow GitHub Actions to create pull requests.
const actionsRefusal = "not permitted to create or approve pull requests"

// PullsRefusedError is GitHub refusing the workflow's token to open the
// release pull request. The setting cannot be read beforehand with that
// token (the endpoint needs the administration permission, which a
// GITHUB_TOKEN never has), so releasebot finds out on opening the pull
// request and deletes the release branch it had just pushed.
type PullsRefusedError struct {
	// Branch is the release branch; Deleted says it was deleted again.
	Branch  string
	Deleted bool
	Err     error
}

func (e *PullsRefusedError) Error() string {
	s := "GitHub Actions may not open pull requests in this repository, so the release pull request could not be opened (" + e.Err.Error() + "). " +
		"Turn on \"Allow GitHub Actions to create and approve pull requests\" (repository Settings > Actions > General > Workflow permissions; " +
		"on an organisation's repository the organisation's setting must allow it first), or give releasebot a GitHub App token: " + ActionsSettingURL + "."
	if e.Deleted {
		return s + " The branch " + e.Branch + " pushed for it was deleted again."
	}
	return s
}

func (e *PullsRefusedError) Unwrap() error { return e.Err }

// pullRefused explains an error opening the release pull request. When
// GitHub refuses the workflow's token, the release branch just pushed is
// deleted, so that the failed run leaves nothing behind.
func (b *Bot) pullRefused(ctx context.Context, err error) error {
	if !strings.Contains(err.Error(), actionsRefusal) {
		return fmt.Errorf("opening the release pull request: %w", err)
	}
	e := &PullsRefusedError{Branch: b.branch(), Err: err}
	if derr := b.Host.DeleteRef(ctx, "heads/"+b.branch()); derr == nil {
		e.Deleted = true
		b.log().Info(fmt.Sprintf("deleted %s: the release pull request could not be opened", b.branch()), "branch", b.branch())
	} else {
		b.log().Warn(fmt.Sprintf("could not delete %s: %v", b.branch(), derr), "branch", b.branch(), "error", derr)
	}
	return e
}
