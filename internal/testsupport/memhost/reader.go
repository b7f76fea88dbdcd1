package memhost

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/release"
)

// Reader reads a branch's history as history.Reader does; its tip is read
// on first use and kept, like history.API's.
type Reader struct {
	h      *Host
	branch string
	once   sync.Once
	tip    string
}

var _ history.Reader = (*Reader)(nil)

// History returns a Reader of branch.
func (h *Host) History(branch string) *Reader { return &Reader{h: h, branch: branch} }

// Tip returns the branch's commit when first asked.
func (r *Reader) Tip(context.Context) (string, error) {
	r.once.Do(func() {
		r.h.mu.Lock()
		defer r.h.mu.Unlock()
		r.tip = r.h.refs["heads/"+r.branch]
	})
	if r.tip == "" {
		return "", fmt.Errorf("branch %s does not exist", r.branch)
	}
	return r.tip, nil
}

// Tags lists every tag with its commit, by name.
func (r *Reader) Tags(context.Context) ([]release.Tag, error) {
	var out []release.Tag
	for name, sha := range r.h.Tags() {
		out = append(out, release.Tag{Name: name, Commit: sha})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Since returns the commits reachable from head and not from base, the
// most recent first, and whether base is head or an ancestor of it; nil
// commits when it is not.
func (r *Reader) Since(_ context.Context, head, base string) ([]release.Commit, bool, error) {
	r.h.mu.Lock()
	defer r.h.mu.Unlock()
	mine := r.h.ancestors(head)
	if mine == nil {
		return nil, false, fmt.Errorf("no commit %s", head)
	}
	var theirs map[string]bool
	if base != "" {
		if !mine[base] {
			return nil, false, nil
		}
		theirs = r.h.ancestors(base)
	}
	var list []*commit
	for sha := range mine {
		if !theirs[sha] {
			list = append(list, r.h.commits[sha])
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].seq > list[j].seq })
	out := make([]release.Commit, len(list))
	for i, c := range list {
		out[i] = release.Commit{Hash: c.hash, Message: c.message, Merge: len(c.parents) > 1, Author: c.author, Time: c.time}
	}
	return out, true, nil
}

// ancestors returns sha and every commit it descends from; nil when sha
// is no commit.
func (h *Host) ancestors(sha string) map[string]bool {
	if h.commits[sha] == nil {
		return nil
	}
	seen := map[string]bool{}
	for stack := []string{sha}; len(stack) > 0; {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !seen[c] {
			seen[c] = true
			stack = append(stack, h.commits[c].parents...)
		}
	}
	return seen
}

// ReadFile reads a file at commit.
func (r *Reader) ReadFile(ctx context.Context, commit, path string) ([]byte, error) {
	return r.h.ReadFile(ctx, commit, path)
}

// Mode returns a file's mode, or history.Dir for a directory holding
// files.
func (r *Reader) Mode(_ context.Context, commit, path string) (history.Mode, error) {
	r.h.mu.Lock()
	defer r.h.mu.Unlock()
	c := r.h.commits[commit]
	if c == nil {
		return 0, fmt.Errorf("no commit %s", commit)
	}
	snap := r.h.trees[c.tree]
	if f, ok := snap[path]; ok {
		return f.mode, nil
	}
	for p := range snap {
		if strings.HasPrefix(p, path+"/") {
			return history.Dir, nil
		}
	}
	return 0, fmt.Errorf("%s at %s: %w", path, commit, fs.ErrNotExist)
}

// ChangedPaths lists, for each commit, the paths whose content or mode
// differs from its first parent, sorted.
func (r *Reader) ChangedPaths(_ context.Context, hashes []string) (map[string][]string, error) {
	r.h.mu.Lock()
	defer r.h.mu.Unlock()
	out := map[string][]string{}
	for _, sha := range hashes {
		c := r.h.commits[sha]
		if c == nil {
			return nil, fmt.Errorf("no commit %s", sha)
		}
		var before map[string]file
		if len(c.parents) > 0 {
			before = r.h.trees[r.h.commits[c.parents[0]].tree]
		}
		out[sha] = changed(before, r.h.trees[c.tree])
	}
	return out, nil
}

// Tree returns a commit's tree hash.
func (r *Reader) Tree(ctx context.Context, commit string) (string, error) {
	return r.h.TreeOf(ctx, commit)
}

// Parsed is nil: nothing is parsed ahead.
func (r *Reader) Parsed() map[string][]release.Change { return nil }
