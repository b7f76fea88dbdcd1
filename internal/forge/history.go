package forge

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/go-github/v60/github"
	"github.com/releasebot/releasebot/internal/release"
)

// Tags lists every tag with its commit (GET /repos/{owner}/{repo}/tags,
// all pages).
func (c *Client) Tags(ctx context.Context) ([]release.Tag, error) {
	opts := &github.ListOptions{PerPage: 100}
	var out []release.Tag
	for page := 0; page < maxPages*5; page++ {
		tags, resp, err := c.gh.Repositories.ListTags(ctx, c.owner, c.repo, opts)
		if err != nil {
			return nil, classify(err, "listing tags")
		}
		for _, t := range tags {
			out = append(out, release.Tag{Name: t.GetName(), Commit: t.GetCommit().GetSHA()})
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return out, nil
}

// Compare returns the commits reachable from head and not from base,
// newest first, and whether base is head or its ancestor
// (GET /repos/{owner}/{repo}/compare/{base}...{head}, all pages). When
// base is not an ancestor the commits are nil, and that includes a base in
// an unrelated history, which GitHub answers 404 "No common ancestor".
func (c *Client) Compare(ctx context.Context, base, head string) ([]release.Commit, bool, error) {
	if err := errors.Join(checkRevision(base), checkRevision(head)); err != nil {
		return nil, false, fmt.Errorf("comparing: %w", err)
	}
	opts := &github.ListOptions{PerPage: 100}
	var commits []*github.RepositoryCommit
	status := ""
	for page := 0; page < maxPages*10; page++ {
		cmp, resp, err := c.gh.Repositories.CompareCommits(ctx, c.owner, c.repo, base, head, opts)
		if noCommonAncestor(err) {
			return nil, false, nil // unrelated histories: base is not an ancestor
		}
		if err != nil {
			return nil, false, classify(err, "comparing "+short(base)+"..."+short(head))
		}
		status = cmp.GetStatus()
		if status != "ahead" && status != "identical" {
			return nil, false, nil // base is not an ancestor: its commits do not matter
		}
		commits = append(commits, cmp.Commits...)
		c.rememberTrees(cmp.Commits)
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return newestFirst(commits), true, nil
}

// Brought returns the commits reachable from head and not from base,
// newest first, whatever the comparison's status: a three-dot comparison
// lists the commits from the merge base to head
// (GET /repos/{owner}/{repo}/compare/{base}...{head}, all pages).
func (c *Client) Brought(ctx context.Context, base, head string) ([]release.Commit, error) {
	if err := errors.Join(checkRevision(base), checkRevision(head)); err != nil {
		return nil, fmt.Errorf("comparing: %w", err)
	}
	opts := &github.ListOptions{PerPage: 100}
	var commits []*github.RepositoryCommit
	for page := 0; page < maxPages*10; page++ {
		cmp, resp, err := c.gh.Repositories.CompareCommits(ctx, c.owner, c.repo, base, head, opts)
		if err != nil {
			return nil, classify(err, "comparing "+short(base)+"..."+short(head))
		}
		commits = append(commits, cmp.Commits...)
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return newestFirst(commits), nil
}

// History returns every commit reachable from head, newest first
// (GET /repos/{owner}/{repo}/commits?sha=HEAD, all pages).
func (c *Client) History(ctx context.Context, head string) ([]release.Commit, error) {
	if err := checkRevision(head); err != nil {
		return nil, fmt.Errorf("listing commits: %w", err)
	}
	opts := &github.CommitsListOptions{SHA: head, ListOptions: github.ListOptions{PerPage: 100}}
	var commits []*github.RepositoryCommit
	for page := 0; page < maxPages*50; page++ {
		list, resp, err := c.gh.Repositories.ListCommits(ctx, c.owner, c.repo, opts)
		if err != nil {
			return nil, classify(err, "listing commits")
		}
		commits = append(commits, list...)
		c.rememberTrees(list)
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	out := make([]release.Commit, len(commits))
	for i, rc := range commits {
		out[i] = toCommit(rc)
	}
	return out, nil
}

// newestFirst converts compare's commits, which come oldest first.
func newestFirst(commits []*github.RepositoryCommit) []release.Commit {
	out := make([]release.Commit, len(commits))
	for i, rc := range commits {
		out[len(commits)-1-i] = toCommit(rc)
	}
	return out
}

func toCommit(rc *github.RepositoryCommit) release.Commit {
	cm := rc.GetCommit()
	return release.Commit{
		Hash: rc.GetSHA(), Message: cm.GetMessage(), Merge: len(rc.Parents) > 1,
		Author: cm.GetAuthor().GetName(), Time: cm.GetAuthor().GetDate().Time,
	}
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}

func (c *Client) rememberTrees(commits []*github.RepositoryCommit) {
	for _, rc := range commits {
		if tree := rc.GetCommit().GetTree().GetSHA(); tree != "" {
			c.trees.Store(rc.GetSHA(), tree)
		}
	}
}

// ChangedPaths lists the paths each commit changes
// (GET /repos/{owner}/{repo}/commits/{ref}, one call per commit; renamed
// files count under both names).
func (c *Client) ChangedPaths(ctx context.Context, hashes []string) (map[string][]string, error) {
	for _, h := range hashes {
		if err := CheckSHA(h); err != nil {
			return nil, fmt.Errorf("reading the files of a commit: %w", err)
		}
	}
	out := make(map[string][]string, len(hashes))
	for _, h := range hashes {
		rc, _, err := c.gh.Repositories.GetCommit(ctx, c.owner, c.repo, h, &github.ListOptions{PerPage: 300})
		if err != nil {
			return nil, classify(err, "reading the files of commit "+short(h))
		}
		var paths []string
		for _, f := range rc.Files {
			paths = append(paths, f.GetFilename())
			if prev := f.GetPreviousFilename(); prev != "" {
				paths = append(paths, prev)
			}
		}
		out[h] = paths
	}
	return out, nil
}

// noCommonAncestor recognises GitHub's answer to comparing commits of
// unrelated histories: 404 "No common ancestor between BASE and HEAD."
func noCommonAncestor(err error) bool {
	var er *github.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotFound &&
		strings.Contains(strings.ToLower(er.Message), "no common ancestor")
}
