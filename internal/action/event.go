package action

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// trigger is what started the step: GITHUB_EVENT_NAME, the webhook
// payload at GITHUB_EVENT_PATH, and GITHUB_REF.
type trigger struct {
	name, ref string
	// repo is GITHUB_REPOSITORY.
	repo string
	// path names the payload file, for errors; payload is its content
	// (nil when there is none).
	path    string
	payload []byte
}

// payload is the part of a webhook payload the Action reads.
type payload struct {
	Ref         string `json:"ref"`
	Deleted     bool   `json:"deleted"`
	Action      string `json:"action"`
	PullRequest *struct {
		Number int  `json:"number"`
		Merged bool `json:"merged"`
		Head   side `json:"head"`
		Base   side `json:"base"`
	} `json:"pull_request"`
	Repository *struct {
		FullName      string `json:"full_name"`
		DefaultBranch string `json:"default_branch"`
	} `json:"repository"`
}

type side struct {
	Ref  string `json:"ref"`
	Repo *struct {
		FullName string `json:"full_name"`
	} `json:"repo"`
}

// decision says whether the step acts on its trigger.
type decision struct {
	act bool
	// why is one sentence: what the event is and what the step does
	// about it.
	why string
	// target is the branch releases are made from; "" lets connect choose
	// (the checkout's branch, else the repository's default branch).
	target string
	// checkedOut is true when the workspace holds the target branch as
	// pushed or dispatched, so its history may be read locally.
	checkedOut bool
	// repo is OWNER/REPO from the payload, for when GITHUB_REPOSITORY is
	// not set.
	repo string
	// candidate, when set, is a branch other than the default one that the
	// step acts on only if the configuration makes it a release branch (a
	// channel or a maintenance branch); see confirmBranch.
	candidate candidate
}

// decide applies the event rules: a push to the target branch, a manual
// or scheduled run, and a merged release pull request act; every other
// event is left alone. The command next writes nothing and acts on every
// event. target is the target-branch input ("" for the default branch).
func decide(tr trigger, target, cmd string) (decision, error) {
	var p payload
	if len(bytes.TrimSpace(tr.payload)) > 0 {
		if err := json.Unmarshal(tr.payload, &p); err != nil {
			return decision{}, payloadError(tr, err)
		}
	}
	input := target
	d := decision{target: target}
	if p.Repository != nil {
		d.repo = p.Repository.FullName
		// A payload about another repository (one written by hand) does
		// not say which branch is this one's default.
		same := tr.repo == "" || strings.EqualFold(tr.repo, p.Repository.FullName)
		if d.target == "" && same {
			d.target = p.Repository.DefaultBranch
		}
	}
	ref := firstOf(tr.ref, p.Ref)
	branch, isBranch := strings.CutPrefix(ref, "refs/heads/")
	if d.target == "" && isBranch && tr.name != "pull_request" && tr.name != "pull_request_target" {
		d.target = branch // no payload: the branch the runner names
	}
	// With no ref and no target at all (a run by hand), connect takes the
	// checkout's own branch as the target, so its history is the target's.
	d.checkedOut = isBranch && branch == d.target || ref == "" && d.target == ""
	name := tr.name
	if cmd == "next" {
		d.act, d.why = true, fmt.Sprintf("%s (next writes nothing and runs on any event)", firstOf(name, "a run by hand"))
		return d, nil
	}
	switch name {
	case "push":
		switch {
		case !isBranch:
			d.why = fmt.Sprintf("push of %s, not of a branch", ref)
		case p.Deleted:
			d.why = fmt.Sprintf("branch %s was deleted", branch)
		case releaseBranchOf(branch, input) != "":
			// Someone pushed to a release pull request's branch: their
			// edits are laid over the release now (title, files, body).
			d.target = releaseBranchOf(branch, input)
			d.act, d.why, d.checkedOut = true, fmt.Sprintf("push to %s, the release branch of %s", branch, d.target), false
		case branch != d.target && input == "":
			// Without the input, every release branch releases itself.
			d.candidate = candidate{branch: branch, defaultBranch: d.target}
			d.act, d.why, d.target, d.checkedOut = true, "push to "+branch, branch, true
		case branch != d.target:
			d.why = fmt.Sprintf("push to %s, not to the target branch %s (the target-branch input; without it, releasebot releases the default branch and every channel and maintenance branch)", branch, d.target)
		default:
			d.act, d.why = true, "push to "+branch
		}
	case "workflow_dispatch", "schedule", "":
		d.act, d.why = true, fmt.Sprintf("%s on %s", firstOf(name, "a run by hand"), firstOf(branch, ref, d.target, "the default branch"))
		if input == "" && isBranch && d.target != "" && branch != d.target {
			// A release branch runs on itself, any other on the default.
			d.candidate = candidate{branch: branch, defaultBranch: d.target, orDefault: true}
			d.target, d.checkedOut = branch, true
		}
	case "pull_request", "pull_request_target":
		defaultBranch := d.target
		if input == "" {
			d.target = "" // the release pull request of its base
		}
		d.act, d.why = decidePull(p, &d.target)
		d.checkedOut = false // the checkout is the pull request's merge ref
		if d.act && input == "" && defaultBranch != "" && d.target != defaultBranch {
			d.candidate = candidate{branch: d.target, defaultBranch: defaultBranch}
		}
	default:
		d.why = fmt.Sprintf("event %s does not concern releases (releasebot acts on push to the target branch, a merged release pull request, workflow_dispatch and schedule)", name)
	}
	return d, nil
}

// decidePull acts on a release pull request that was just merged into the
// target branch (or into its base when no target was given).
func decidePull(p payload, target *string) (bool, string) {
	pr := p.PullRequest
	if pr == nil {
		return false, "pull request event without a pull request in its payload"
	}
	if *target == "" {
		*target = pr.Base.Ref
	}
	ours := pr.Head.Ref == "releasebot/"+pr.Base.Ref && pr.Base.Ref == *target &&
		(pr.Head.Repo == nil || p.Repository == nil || pr.Head.Repo.FullName == p.Repository.FullName)
	switch {
	case !ours && pr.Merged && pr.Base.Ref == *target && (p.Action == "labeled" || p.Action == "unlabeled" || p.Action == "edited"):
		// A bump label or a commit override on a merged pull request
		// changes the pending release: refresh it now.
		return true, fmt.Sprintf("merged pull request #%d was %s; the pending release of %s is computed again", pr.Number, p.Action, pr.Base.Ref)
	case !ours:
		return false, fmt.Sprintf("pull request #%d (%s into %s) is not the release pull request of %s", pr.Number, pr.Head.Ref, pr.Base.Ref, *target)
	case p.Action != "closed":
		return false, fmt.Sprintf("release pull request #%d was %s; releasebot acts when it is merged", pr.Number, strings.ReplaceAll(p.Action, "_", " "))
	case !pr.Merged:
		return false, fmt.Sprintf("release pull request #%d was closed without merging", pr.Number)
	}
	return true, fmt.Sprintf("release pull request #%d merged into %s", pr.Number, pr.Base.Ref)
}

// payloadError names the payload file and the line of a JSON mistake.
func payloadError(tr trigger, err error) error {
	offset := int64(-1)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		offset = se.Offset
	case errors.As(err, &te):
		offset = te.Offset
	}
	line := 0
	if offset >= 0 {
		line = 1 + bytes.Count(tr.payload[:min(offset, int64(len(tr.payload)))], []byte("\n"))
	}
	if line > 0 {
		return usage("%s:%d: the %s event payload is not valid: %v", tr.path, line, tr.name, err)
	}
	return usage("%s: the %s event payload is not valid: %v", tr.path, tr.name, err)
}

// releaseBranchOf returns the target whose release pull request has branch
// as its head ("releasebot/main" or, with separate-pull-requests,
// "releasebot/main--pkg"), "" when branch is no release branch or belongs
// to another target than the target-branch input.
func releaseBranchOf(branch, input string) string {
	rest, ok := strings.CutPrefix(branch, "releasebot/")
	if !ok || rest == "" {
		return ""
	}
	target := rest
	if i := strings.LastIndex(rest, "--"); i > 0 {
		target = rest[:i]
	}
	if input != "" && target != input {
		return ""
	}
	return target
}
