package fakegithub

import "net/http"

// DisallowActionsPullRequests turns off the repository setting "Allow
// GitHub Actions to create and approve pull requests" (Settings, Actions,
// General, Workflow permissions), which is off by default on new
// repositories and organisations: GitHub then answers 403 when the
// workflow's GITHUB_TOKEN (Options.Token, acting as github-actions[bot])
// opens a pull request. Other credentials are not affected.
func (r *Repo) DisallowActionsPullRequests() {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	r.actionsMayNotOpenPulls = true
}

// refuseActionsPull is GitHub's answer to actor opening a pull request
// when the setting forbids it, nil when it may.
func (r *Repo) refuseActionsPull(actor string) *reply {
	if !r.actionsMayNotOpenPulls || actor != tokenActor {
		return nil
	}
	rep := fail(http.StatusForbidden, "GitHub Actions is not permitted to create or approve pull requests.")
	return &rep
}
