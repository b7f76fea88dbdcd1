package forge

import (
	"context"
	"fmt"
	"net/http"

	"github.com/google/go-github/v60/github"
	"github.com/releasebot/releasebot/internal/repohost"
)

// maxPages bounds every listing, so that no run pages without end.
const maxPages = 20

// ListPulls lists pull requests, most recently updated first, all pages
// until q.Stop (GET /repos/{owner}/{repo}/pulls).
func (c *Client) ListPulls(ctx context.Context, q repohost.PullQuery) ([]repohost.Pull, error) {
	opts := &github.PullRequestListOptions{
		State: q.State, Base: q.Base, Sort: "updated", Direction: "desc",
		ListOptions: github.ListOptions{PerPage: 100},
	}
	if q.Limit > 0 && q.Limit < 100 {
		opts.PerPage = q.Limit
	}
	if q.Head != "" {
		opts.Head = c.owner + ":" + q.Head
	}
	var out []repohost.Pull
	for page := 0; page < maxPages; page++ {
		prs, resp, err := c.gh.PullRequests.List(ctx, c.owner, c.repo, opts)
		if err != nil {
			return nil, classify(err, "listing pull requests")
		}
		stop := false
		for _, p := range prs {
			out = append(out, toPull(p))
			stop = stop || !q.Stop.IsZero() && p.GetUpdatedAt().Before(q.Stop) || q.Limit > 0 && len(out) >= q.Limit
		}
		if stop || resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return out, nil
}

// PullsOfCommit lists the pull requests that brought a commit
// (GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls).
func (c *Client) PullsOfCommit(ctx context.Context, sha string) ([]int, error) {
	if err := CheckSHA(sha); err != nil {
		return nil, fmt.Errorf("finding the pull request of a commit: %w", err)
	}
	prs, _, err := c.gh.PullRequests.ListPullRequestsWithCommit(ctx, c.owner, c.repo, sha, &github.ListOptions{PerPage: 100})
	if err != nil {
		return nil, classify(err, "finding the pull request of "+sha)
	}
	var out []int
	for _, p := range prs {
		if p.MergedAt != nil {
			out = append(out, p.GetNumber())
		}
	}
	return out, nil
}

// CreatePull opens a pull request (POST /repos/{owner}/{repo}/pulls).
func (c *Client) CreatePull(ctx context.Context, head, base, title, body string) (repohost.Pull, error) {
	p, _, err := c.gh.PullRequests.Create(ctx, c.owner, c.repo, &github.NewPullRequest{
		Title: &title, Body: &body, Head: &head, Base: &base,
	})
	if err != nil {
		return repohost.Pull{}, classify(err, "opening a pull request from "+head)
	}
	return toPull(p), nil
}

// EditPull changes a pull request
// (PATCH /repos/{owner}/{repo}/pulls/{pull_number}).
func (c *Client) EditPull(ctx context.Context, number int, title, body, state string) (repohost.Pull, error) {
	edit := &github.PullRequest{Title: &title, Body: &body}
	if state != "" {
		edit.State = &state
	}
	p, _, err := c.gh.PullRequests.Edit(ctx, c.owner, c.repo, number, edit)
	if err != nil {
		return repohost.Pull{}, classify(err, fmt.Sprintf("updating pull request #%d", number))
	}
	return toPull(p), nil
}

// AddLabels adds labels to an issue or pull request, creating missing ones
// (POST /repos/{owner}/{repo}/issues/{issue_number}/labels). The body is
// the documented {"labels": [...]} (go-github sends a bare array, which
// GitHub accepts but its API description does not).
func (c *Client) AddLabels(ctx context.Context, number int, labels ...string) error {
	u := fmt.Sprintf("repos/%s/%s/issues/%d/labels", c.owner, c.repo, number)
	req, err := c.gh.NewRequest("POST", u, struct {
		Labels []string `json:"labels"`
	}{labels})
	if err == nil {
		_, err = c.gh.Do(ctx, req, nil)
	}
	return classify(err, fmt.Sprintf("labelling #%d", number))
}

// RemoveLabel removes a label, succeeding when it is absent
// (DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}, the
// name escaped: go-github puts it in the path as it is).
func (c *Client) RemoveLabel(ctx context.Context, number int, label string) error {
	resp, err := c.gh.Issues.RemoveLabelForIssue(ctx, c.owner, c.repo, number, segment(label))
	if resp != nil && resp.StatusCode == http.StatusNotFound {
		return nil
	}
	return classify(err, fmt.Sprintf("removing label %q from #%d", label, number))
}

// Comments lists the comments of an issue or pull request
// (GET /repos/{owner}/{repo}/issues/{issue_number}/comments).
func (c *Client) Comments(ctx context.Context, number int) ([]string, error) {
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	var out []string
	for page := 0; page < maxPages; page++ {
		cs, resp, err := c.gh.Issues.ListComments(ctx, c.owner, c.repo, number, opts)
		if err != nil {
			return nil, classify(err, fmt.Sprintf("reading the comments of #%d", number))
		}
		for _, cm := range cs {
			out = append(out, cm.GetBody())
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return out, nil
}

// Comment comments on an issue or pull request
// (POST /repos/{owner}/{repo}/issues/{issue_number}/comments).
func (c *Client) Comment(ctx context.Context, number int, body string) error {
	_, _, err := c.gh.Issues.CreateComment(ctx, c.owner, c.repo, number, &github.IssueComment{Body: &body})
	return classify(err, fmt.Sprintf("commenting on #%d", number))
}

func toPull(p *github.PullRequest) repohost.Pull {
	out := repohost.Pull{
		Number: p.GetNumber(), Title: p.GetTitle(), Body: p.GetBody(), State: p.GetState(),
		Merged: p.GetMerged() || p.MergedAt != nil, MergeSHA: p.GetMergeCommitSHA(),
		Head: p.GetHead().GetRef(), Base: p.GetBase().GetRef(), HeadSHA: p.GetHead().GetSHA(),
		URL: p.GetHTMLURL(), UpdatedAt: p.GetUpdatedAt().Time, MergedAt: p.GetMergedAt().Time,
	}
	for _, l := range p.Labels {
		out.Labels = append(out.Labels, l.GetName())
	}
	return out
}
