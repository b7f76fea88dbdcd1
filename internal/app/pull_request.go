package app

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/releasebot/releasebot/internal/forge"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
)

// pullRequestHandler reacts to pull requests:
//   - opened, reopened, synchronize, and edited (title or base): refresh
//     the releasebot check run, the release preview of the pull request;
//   - labeled, unlabeled: the same on an open pull request, and, on the
//     release pull request or a merged one, a run of the base branch when
//     the label is a bump label (it changes the pending release);
//   - edited on a merged pull request, its body's BEGIN_COMMIT_OVERRIDE
//     block added, changed or removed: a run of the base;
//   - closed and merged: a run of the base, which publishes a release
//     pull request, and takes any other one into the pending release (the
//     push of the merge asks for the same run; the two merge in the
//     queue).
type pullRequestHandler struct{}

var _ eventHandler = pullRequestHandler{}

func (pullRequestHandler) handle(d *delivery, payload []byte) (handled, error) {
	var ev pullPayload
	if err := json.Unmarshal(payload, &ev); err != nil {
		return handled{}, fmt.Errorf("the pull_request event does not decode: %v", err)
	}
	pr, repo, inst := ev.PullRequest, ev.Repository, ev.Installation.ID
	if pr == nil || pr.Number <= 0 || pr.Base.Ref == "" {
		return handled{}, fmt.Errorf("the pull_request event has no pull request number or base branch")
	}
	d.log = d.log.With("installation", inst, "repository", repo.FullName, "pull_request", pr.Number, "action", ev.Action)
	owner, name, err := splitRepo(repo.FullName, repo.Owner.Login, repo.Name)
	if err != nil {
		return handled{}, err
	}
	if err := checkFields(
		fieldCheck{"installation.id", installationID(inst)},
		fieldCheck{"pull_request.base.ref", forge.CheckRef(pr.Base.Ref)},
		fieldCheck{"pull_request.head.ref", optionalRef(pr.Head.Ref)},
		fieldCheck{"pull_request.head.sha", optionalSHA(pr.Head.SHA)},
		fieldCheck{"pull_request.merge_commit_sha", optionalSHA(pr.MergeCommitSHA)},
		fieldCheck{"repository.default_branch", optionalRef(repo.DefaultBranch)},
	); err != nil {
		return handled{}, err
	}
	if inst == 0 {
		return ignore("no installation: the delivery does not come from a GitHub App")
	}
	base := pr.Base.Ref
	// releasebot/BASE, or releasebot/BASE--PACKAGE for a package's own
	// release pull request.
	isRelease := pr.Head.Ref == "releasebot/"+base || strings.HasPrefix(pr.Head.Ref, "releasebot/"+base+"--")
	open := pr.State == "open"
	run := func(conditional bool, labels ...string) *task {
		return &task{kind: kindRun, installation: inst, owner: owner, name: name, branch: base,
			defaultBranch: repo.DefaultBranch, conditional: conditional, labels: labels, reportSHA: pr.MergeCommitSHA}
	}
	pull := repohost.Pull{
		Number: pr.Number, Title: pr.Title, Body: pr.Body, State: pr.State, Merged: pr.Merged,
		MergeSHA: pr.MergeCommitSHA, Head: pr.Head.Ref, Base: base, HeadSHA: pr.Head.SHA, URL: pr.HTMLURL,
	}
	for _, l := range pr.Labels {
		pull.Labels = append(pull.Labels, l.Name)
	}
	preview := &task{kind: kindPreview, installation: inst, owner: owner, name: name, branch: base,
		defaultBranch: repo.DefaultBranch, pull: pull, squash: pr.Base.Repo.squashOnly(), reportSHA: pr.Head.SHA}
	if ev.Action == "edited" && pr.Merged && ev.Changes.Body != nil && overrides(pr.Body, ev.Changes.Body.From) {
		// A BEGIN_COMMIT_OVERRIDE block added, changed or removed: the
		// merged pull request's messages in the pending release change.
		return handled{tasks: []*task{run(false)}}, nil
	}
	switch ev.Action {
	case "closed":
		if !pr.Merged {
			return ignore("closed without merging")
		}
		return handled{tasks: []*task{run(false)}}, nil
	case "labeled", "unlabeled":
		var tasks []*task
		if open {
			tasks = append(tasks, preview)
		}
		if isRelease && open || pr.Merged {
			tasks = append(tasks, run(true, ev.Label.Name))
		}
		if len(tasks) == 0 {
			return ignore("a label of a pull request closed without merging")
		}
		return handled{tasks: tasks}, nil
	case "opened", "reopened", "synchronize", "edited":
		if !open {
			return ignore("the pull request is not open")
		}
		if ev.Action == "edited" && isNull(ev.Changes.Title) && isNull(ev.Changes.Base) {
			return ignore("neither the title nor the base changed")
		}
		return handled{tasks: []*task{preview}}, nil
	default:
		return ignore("action " + ev.Action + " changes no release")
	}
}

// overrides reports whether either body holds a commit override.
func overrides(body, was string) bool {
	_, now := release.CommitOverride(body)
	_, before := release.CommitOverride(was)
	return now || before
}

func isNull(m json.RawMessage) bool { return len(m) == 0 || string(m) == "null" }
