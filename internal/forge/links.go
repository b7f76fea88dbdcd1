package forge

import (
	"context"
	"encoding/base64"
	"fmt"
	"io/fs"
	"strings"

	"github.com/google/go-github/v60/github"
)

// LinkAt says whether path is a symbolic link in commit's tree, following
// no link on the way, and returns its target: the trees on the way as
// ModeAt reads them (each once per Client), then the link's blob
// (GET /repos/{owner}/{repo}/git/blobs/{file_sha}). A missing path, or one
// below a file or a link, satisfies errors.Is(err, fs.ErrNotExist).
func (c *Client) LinkAt(ctx context.Context, commit, path string) (target string, link bool, err error) {
	e, err := c.entryAt(ctx, commit, path)
	if err != nil || e.GetMode() != "120000" {
		return "", false, err
	}
	if err := CheckSHA(e.GetSHA()); err != nil {
		return "", false, fmt.Errorf("reading the link %s: the blob GitHub names: %w", path, err)
	}
	blob, _, err := c.gh.Git.GetBlob(ctx, c.owner, c.repo, e.GetSHA())
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

// entryAt finds path's entry in commit's tree.
func (c *Client) entryAt(ctx context.Context, commit, path string) (*github.TreeEntry, error) {
	if err := checkPath(path); err != nil || strings.Trim(path, "/") == "" {
		return nil, fmt.Errorf("reading a link: %q is not a path inside the repository", clip(path))
	}
	tree, err := c.TreeOf(ctx, commit)
	if err != nil {
		return nil, err
	}
	names := strings.Split(strings.Trim(path, "/"), "/")
	for i, name := range names {
		entries, err := c.treeEntries(ctx, tree, path)
		if err != nil {
			return nil, err
		}
		var e *github.TreeEntry
		for _, x := range entries {
			if x.GetPath() == name {
				e = x
				break
			}
		}
		switch {
		case e == nil || i < len(names)-1 && e.GetType() != "tree":
			return nil, fmt.Errorf("%s at %s: %w", path, commit, fs.ErrNotExist)
		case i == len(names)-1:
			return e, nil
		}
		tree = e.GetSHA()
	}
	return nil, fmt.Errorf("%s at %s: %w", path, commit, fs.ErrNotExist)
}
