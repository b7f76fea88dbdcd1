package app

import (
	"encoding/json"
	"fmt"

	"github.com/google/go-github/v60/github"
	"github.com/releasebot/releasebot/internal/bot"
)

// pullRequestHandler reacts to pull requests:
//   - opened, reopened, synchronize, and edited (title or base): refresh
//     the releasebot check run, the release preview of the pull request;
//   - labeled, unlabeled: the same on an open pull request, and, on the
//     release pull request or a merged one, a run of the base branch when
//     the label is a bump label (it changes the pending release);
//   - closed and merged, for a release pull request: a run of the base,
//     which publishes it (any other merge arrives as a push).
type pullRequestHandler struct{}

var _ eventHandler = pullRequestHandler{}

func (pullRequestHandler) handle(d *delivery, payload []byte) (handled, error) {
	var ev github.PullRequestEvent
	if err := json.Unmarshal(payload, &ev); err != nil {
		return handled{}, fmt.Errorf("the pull_request event does not decode: %v", err)
	}
	pr, repo, inst := ev.GetPullRequest(), ev.GetRepo(), ev.GetInstallation().GetID()
	d.log = d.log.With("installation", inst, "repository", repo.GetFullName(), "pull_request", pr.GetNumber(), "action", ev.GetAction())
	owner, name, err := splitRepo(repo.GetFullName(), repo.GetOwner().GetLogin(), repo.GetName())
	if err != nil {
		return handled{}, err
	}
	if pr == nil || pr.GetNumber() <= 0 || pr.GetBase().GetRef() == "" {
		return handled{}, fmt.Errorf("the pull_request event has no pull request number or base branch")
	}
	if inst == 0 {
		return ignore("no installation: the delivery does not come from a GitHub App")
	}
	base := pr.GetBase().GetRef()
	isRelease := pr.GetHead().GetRef() == "releasebot/"+base
	open := pr.GetState() == "open"
	run := func(conditional bool, labels ...string) *task {
		return &task{kind: kindRun, installation: inst, owner: owner, name: name, branch: base,
			defaultBranch: repo.GetDefaultBranch(), conditional: conditional, labels: labels, reportSHA: pr.GetMergeCommitSHA()}
	}
	preview := &task{kind: kindPreview, installation: inst, owner: owner, name: name, branch: base,
		defaultBranch: repo.GetDefaultBranch(), pull: toPull(pr), squash: squashOnly(pr.GetBase().GetRepo()), reportSHA: pr.GetHead().GetSHA()}
	switch action := ev.GetAction(); action {
	case "closed":
		if !pr.GetMerged() {
			return ignore("closed without merging")
		}
		if !isRelease {
			return ignore("merged: the push to " + base + " runs releasebot")
		}
		return handled{tasks: []*task{run(false)}}, nil
	case "labeled", "unlabeled":
		var tasks []*task
		if open {
			tasks = append(tasks, preview)
		}
		if isRelease && open || pr.GetMerged() {
			tasks = append(tasks, run(true, ev.GetLabel().GetName()))
		}
		if len(tasks) == 0 {
			return ignore("a label of a pull request closed without merging")
		}
		return handled{tasks: tasks}, nil
	case "opened", "reopened", "synchronize", "edited":
		if !open {
			return ignore("the pull request is not open")
		}
		if action == "edited" && ev.GetChanges().GetTitle() == nil && ev.GetChanges().GetBase() == nil {
			return ignore("neither the title nor the base changed")
		}
		return handled{tasks: []*task{preview}}, nil
	default:
		return ignore("action " + action + " changes no release")
	}
}

// toPull is the pull request as the bot sees it.
func toPull(p *github.PullRequest) bot.Pull {
	out := bot.Pull{
		Number: p.GetNumber(), Title: p.GetTitle(), Body: p.GetBody(), State: p.GetState(),
		Merged: p.GetMerged(), MergeSHA: p.GetMergeCommitSHA(),
		Head: p.GetHead().GetRef(), Base: p.GetBase().GetRef(), HeadSHA: p.GetHead().GetSHA(),
		URL: p.GetHTMLURL(),
	}
	for _, l := range p.Labels {
		out.Labels = append(out.Labels, l.GetName())
	}
	return out
}

// squashOnly reports whether the repository allows squash merges only, as
// the pull request's base repository says (GitHub sends the settings with
// pull_request events); unknown settings are not squash-only.
func squashOnly(r *github.Repository) bool {
	if r == nil || r.AllowSquashMerge == nil || r.AllowMergeCommit == nil || r.AllowRebaseMerge == nil {
		return false
	}
	return *r.AllowSquashMerge && !*r.AllowMergeCommit && !*r.AllowRebaseMerge
}
