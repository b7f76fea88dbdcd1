package forge

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/google/go-github/v60/github"
	"github.com/releasebot/releasebot/internal/repohost"
)

// ReadFile reads path at ref (GET /repos/{owner}/{repo}/contents/{path}).
// A missing file is fs.ErrNotExist; a directory or a submodule is an
// error, and so is a symbolic link that GitHub does not resolve to a file
// of the repository (GitHub follows a link only to a regular file: not
// through a linked directory, nor along a chain of links).
func (c *Client) ReadFile(ctx context.Context, ref, path string) ([]byte, error) {
	if err := checkPath(path); err != nil {
		return nil, fmt.Errorf("reading a file: %w", err)
	}
	if ref != "" {
		if err := checkRevision(ref); err != nil {
			return nil, fmt.Errorf("reading %s: %w", path, err)
		}
	}
	file, dir, _, err := c.gh.Repositories.GetContents(ctx, c.owner, c.repo, path, &github.RepositoryContentGetOptions{Ref: ref})
	if err != nil {
		err = classify(err, "reading "+path)
		if errors.Is(err, repohost.ErrNotFound) {
			return nil, fmt.Errorf("%s at %s: %w", path, ref, fs.ErrNotExist)
		}
		return nil, err
	}
	if file == nil || dir != nil {
		return nil, fmt.Errorf("%s at %s is a directory, not a file", path, ref)
	}
	if file.GetType() == "symlink" {
		// GitHub answers with the linked file itself when the link names
		// a file of the repository; this link leads elsewhere.
		return nil, fmt.Errorf("%s at %s is a symbolic link to %s, which is not a file of the repository; releasebot reads only files inside the repository: replace the link with the file, or point it at one", path, ref, file.GetTarget())
	}
	if file.GetType() != "file" {
		return nil, fmt.Errorf("%s at %s is a %s, not a file", path, ref, file.GetType())
	}
	// GetContent decodes the base64 the API sends.
	content, err := file.GetContent()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return []byte(content), nil
}

// Ref returns the commit a ref points at, peeling annotated tags
// (GET /repos/{owner}/{repo}/git/ref/{ref}, and for an annotated tag
// GET /repos/{owner}/{repo}/git/tags/{tag_sha}).
func (c *Client) Ref(ctx context.Context, ref string) (string, error) {
	if err := CheckRef(ref); err != nil {
		return "", fmt.Errorf("reading a ref: %w", err)
	}
	r, _, err := c.gh.Git.GetRef(ctx, c.owner, c.repo, ref)
	if err != nil {
		return "", classify(err, "reading ref "+ref)
	}
	obj := r.GetObject()
	for i := 0; obj.GetType() == "tag" && i < 8; i++ {
		if err := CheckSHA(obj.GetSHA()); err != nil {
			return "", fmt.Errorf("reading tag %s: the object GitHub names: %w", ref, err)
		}
		t, _, err := c.gh.Git.GetTag(ctx, c.owner, c.repo, obj.GetSHA())
		if err != nil {
			return "", classify(err, "reading tag "+ref)
		}
		obj = t.GetObject()
	}
	return obj.GetSHA(), nil
}

// CreateRef creates a ref (POST /repos/{owner}/{repo}/git/refs).
func (c *Client) CreateRef(ctx context.Context, ref, sha string) error {
	if err := errors.Join(CheckRef(ref), CheckSHA(sha)); err != nil {
		return fmt.Errorf("creating a ref: %w", err)
	}
	full := "refs/" + ref
	_, _, err := c.gh.Git.CreateRef(ctx, c.owner, c.repo, &github.Reference{Ref: &full, Object: &github.GitObject{SHA: &sha}})
	return classify(err, "creating "+ref)
}

// UpdateRef moves a ref (PATCH /repos/{owner}/{repo}/git/refs/{ref}).
func (c *Client) UpdateRef(ctx context.Context, ref, sha string, force bool) error {
	if err := errors.Join(CheckRef(ref), CheckSHA(sha)); err != nil {
		return fmt.Errorf("moving a ref: %w", err)
	}
	full := "refs/" + ref
	_, _, err := c.gh.Git.UpdateRef(ctx, c.owner, c.repo, &github.Reference{Ref: &full, Object: &github.GitObject{SHA: &sha}}, force)
	err = classify(err, "moving "+ref)
	if err != nil && strings.Contains(err.Error(), "does not exist") {
		return fmt.Errorf("moving %s: %w", ref, repohost.ErrNotFound)
	}
	return err
}

// CommitMessage returns a commit's message
// (GET /repos/{owner}/{repo}/git/commits/{commit_sha}).
func (c *Client) CommitMessage(ctx context.Context, sha string) (string, error) {
	if err := CheckSHA(sha); err != nil {
		return "", fmt.Errorf("reading a commit: %w", err)
	}
	cm, _, err := c.gh.Git.GetCommit(ctx, c.owner, c.repo, sha)
	if err != nil {
		return "", classify(err, "reading commit "+sha)
	}
	return cm.GetMessage(), nil
}

// TreeOf returns a commit's tree
// (GET /repos/{owner}/{repo}/git/commits/{commit_sha}).
func (c *Client) TreeOf(ctx context.Context, sha string) (string, error) {
	if tree, ok := c.trees.Load(sha); ok {
		return tree.(string), nil
	}
	if err := CheckSHA(sha); err != nil {
		return "", fmt.Errorf("reading a commit: %w", err)
	}
	cm, _, err := c.gh.Git.GetCommit(ctx, c.owner, c.repo, sha)
	if err != nil {
		return "", classify(err, "reading commit "+sha)
	}
	return cm.GetTree().GetSHA(), nil
}

// CreateCommit makes a tree from baseTree with files replaced and a commit
// of it on parent (POST /repos/{owner}/{repo}/git/trees, then
// POST /repos/{owner}/{repo}/git/commits; a file that is not UTF-8 text is
// sent first with POST /repos/{owner}/{repo}/git/blobs). No ref moves.
func (c *Client) CreateCommit(ctx context.Context, parent, baseTree string, files map[string][]byte, executable map[string]bool, message func(tree string) string) (string, error) {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	entries := make([]*github.TreeEntry, 0, len(paths))
	for _, p := range paths {
		mode := "100644"
		if executable[p] {
			mode = "100755"
		}
		e := &github.TreeEntry{Path: github.String(p), Mode: github.String(mode), Type: github.String("blob")}
		if utf8.Valid(files[p]) {
			e.Content = github.String(string(files[p]))
		} else {
			blob, _, err := c.gh.Git.CreateBlob(ctx, c.owner, c.repo, &github.Blob{
				Content: github.String(base64.StdEncoding.EncodeToString(files[p])), Encoding: github.String("base64"),
			})
			if err != nil {
				return "", classify(err, "storing "+p)
			}
			e.SHA = blob.SHA
		}
		entries = append(entries, e)
	}
	tree, _, err := c.gh.Git.CreateTree(ctx, c.owner, c.repo, baseTree, entries)
	if err != nil {
		return "", classify(err, "creating the release tree")
	}
	msg := message(tree.GetSHA())
	cm, _, err := c.gh.Git.CreateCommit(ctx, c.owner, c.repo, &github.Commit{
		Message: &msg, Tree: &github.Tree{SHA: tree.SHA}, Parents: []*github.Commit{{SHA: &parent}},
	}, nil)
	if err != nil {
		return "", classify(err, "creating the release commit")
	}
	return cm.GetSHA(), nil
}

// CreateTag makes an annotated tag object and its ref
// (POST /repos/{owner}/{repo}/git/tags, POST /repos/{owner}/{repo}/git/refs).
func (c *Client) CreateTag(ctx context.Context, name, sha, message string) error {
	t, _, err := c.gh.Git.CreateTag(ctx, c.owner, c.repo, &github.Tag{
		Tag: &name, Message: github.String(message + "\n"),
		Object: &github.GitObject{SHA: &sha, Type: github.String("commit")},
	})
	if err != nil {
		return classify(err, "creating tag "+name)
	}
	return c.CreateRef(ctx, "tags/"+name, t.GetSHA())
}
