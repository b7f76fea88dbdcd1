package forge

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/google/go-github/v60/github"
)

// ModeAt returns the mode git records for path in commit's tree, following
// no link: the commit's tree (see TreeOf), then one
// GET /repos/{owner}/{repo}/git/trees/{tree_sha} per directory on the way.
// A missing path satisfies errors.Is(err, fs.ErrNotExist).
func (c *Client) ModeAt(ctx context.Context, commit, path string) (uint32, error) {
	if err := checkPath(path); err != nil {
		return 0, fmt.Errorf("reading a file's mode: %w", err)
	}
	tree, err := c.TreeOf(ctx, commit)
	if err != nil {
		return 0, err
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	for i, name := range parts {
		entries, err := c.treeEntries(ctx, tree, path)
		if err != nil {
			return 0, err
		}
		found := false
		for _, e := range entries {
			if e.GetPath() != name {
				continue
			}
			mode, err := strconv.ParseUint(e.GetMode(), 8, 32)
			if err != nil {
				return 0, fmt.Errorf("%s at %s: mode %q is not octal", path, commit, e.GetMode())
			}
			if i == len(parts)-1 {
				return uint32(mode), nil
			}
			if e.GetType() != "tree" {
				return 0, fmt.Errorf("%s at %s: %w", path, commit, fs.ErrNotExist)
			}
			tree, found = e.GetSHA(), true
			break
		}
		if !found {
			return 0, fmt.Errorf("%s at %s: %w", path, commit, fs.ErrNotExist)
		}
	}
	return 0, fmt.Errorf("%s at %s: %w", path, commit, fs.ErrNotExist)
}

// treeEntries lists a tree's entries, each tree once per client: a tree
// never changes, and the release files often share a directory.
func (c *Client) treeEntries(ctx context.Context, sha, path string) ([]*github.TreeEntry, error) {
	if entries, ok := c.treeLists.Load(sha); ok {
		return entries.([]*github.TreeEntry), nil
	}
	t, _, err := c.gh.Git.GetTree(ctx, c.owner, c.repo, sha, false)
	if err != nil {
		return nil, classify(err, "reading the tree of "+path)
	}
	c.treeLists.Store(sha, t.Entries)
	return t.Entries, nil
}

// ChangedFiles lists the paths head changed since it and base last met
// (their merge base, which is base when base is an ancestor of head), both
// sides of a rename included
// (GET /repos/{owner}/{repo}/compare/{base}...{head}; GitHub lists at most
// 300 files, so a longer list is an error rather than a silent cut).
func (c *Client) ChangedFiles(ctx context.Context, base, head string) ([]string, error) {
	if err := errors.Join(checkRevision(base), checkRevision(head)); err != nil {
		return nil, fmt.Errorf("comparing: %w", err)
	}
	cmp, _, err := c.gh.Repositories.CompareCommits(ctx, c.owner, c.repo, base, head, &github.ListOptions{PerPage: 1})
	if err != nil {
		return nil, classify(err, "comparing "+short(base)+"..."+short(head))
	}
	if len(cmp.Files) >= 300 {
		return nil, fmt.Errorf("comparing %s...%s: %d files or more differ, more than GitHub lists", short(base), short(head), len(cmp.Files))
	}
	var out []string
	for _, f := range cmp.Files {
		out = append(out, f.GetFilename())
		if prev := f.GetPreviousFilename(); prev != "" {
			out = append(out, prev)
		}
	}
	return out, nil
}
