package forge

import (
	"context"
	"encoding/base64"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/google/go-github/v60/github"
)

// ModeAt returns the mode git records for path in commit's tree, following
// no link: the commit's tree (see TreeOf), then one
// GET /repos/{owner}/{repo}/git/trees/{tree_sha} per directory on the way
// (each tree read once per Client). A missing path, or one below a file or
// a link, satisfies errors.Is(err, fs.ErrNotExist).
func (c *Client) ModeAt(ctx context.Context, commit, path string) (uint32, error) {
	mode, _, err := c.entryAt(ctx, commit, path)
	return mode, err
}

// LinkAt says whether path is a symbolic link in commit's tree, following
// no link on the way, and returns its target: the entry as ModeAt finds it,
// then the link's blob (GET /repos/{owner}/{repo}/git/blobs/{file_sha}).
// A missing path satisfies errors.Is(err, fs.ErrNotExist).
func (c *Client) LinkAt(ctx context.Context, commit, path string) (target string, link bool, err error) {
	mode, sha, err := c.entryAt(ctx, commit, path)
	if err != nil || mode != 0o120000 {
		return "", false, err
	}
	if err := CheckSHA(sha); err != nil {
		return "", false, fmt.Errorf("reading the link %s: the blob GitHub names: %w", path, err)
	}
	blob, _, err := c.gh.Git.GetBlob(ctx, c.owner, c.repo, sha)
	if err != nil {
		return "", false, classify(err, "reading the link "+path)
	}
	data := []byte(blob.GetContent())
	if blob.GetEncoding() == "base64" {
		if data, err = base64.StdEncoding.DecodeString(strings.ReplaceAll(blob.GetContent(), "\n", "")); err != nil {
			return "", false, fmt.Errorf("reading the link %s: %w", path, err)
		}
	}
	return string(data), true, nil
}

// entryAt finds path's entry in commit's tree: its mode and object hash.
func (c *Client) entryAt(ctx context.Context, commit, path string) (uint32, string, error) {
	if err := checkPath(path); err != nil || strings.Trim(path, "/") == "" {
		return 0, "", fmt.Errorf("reading a file's mode: %q is not a path inside the repository", clip(path))
	}
	tree, err := c.TreeOf(ctx, commit)
	if err != nil {
		return 0, "", err
	}
	missing := fmt.Errorf("%s at %s: %w", path, commit, fs.ErrNotExist)
	names := strings.Split(strings.Trim(path, "/"), "/")
	for i, name := range names {
		entries, err := c.treeEntries(ctx, tree, path)
		if err != nil {
			return 0, "", err
		}
		var e *github.TreeEntry
		for _, x := range entries {
			if x.GetPath() == name {
				e = x
				break
			}
		}
		if e == nil {
			return 0, "", missing
		}
		mode, err := strconv.ParseUint(e.GetMode(), 8, 32)
		if err != nil {
			return 0, "", fmt.Errorf("%s at %s: mode %q is not octal", path, commit, e.GetMode())
		}
		if i == len(names)-1 {
			return uint32(mode), e.GetSHA(), nil
		}
		if e.GetType() != "tree" {
			return 0, "", missing
		}
		tree = e.GetSHA()
	}
	return 0, "", missing
}

// treeEntries lists a tree (GET /repos/{owner}/{repo}/git/trees/{tree_sha}),
// once per Client.
func (c *Client) treeEntries(ctx context.Context, tree, path string) ([]*github.TreeEntry, error) {
	if cached, ok := c.entries.Load(tree); ok {
		return cached.([]*github.TreeEntry), nil
	}
	if err := CheckSHA(tree); err != nil {
		return nil, fmt.Errorf("reading the tree of %s: the tree GitHub names: %w", path, err)
	}
	t, _, err := c.gh.Git.GetTree(ctx, c.owner, c.repo, tree, false)
	if err != nil {
		return nil, classify(err, "reading the tree of "+path)
	}
	c.entries.Store(tree, t.Entries)
	return t.Entries, nil
}
