// Package memhost is a repository host held in memory, for unit tests of
// the bot that run in milliseconds: it implements the bot's Host (pull
// requests, labels, comments, refs, commits, tags, releases) and
// history.Reader, with no git, no HTTP and no file system. End-to-end
// behaviour (real git objects, GitHub's API contract, pagination, faults)
// is the business of the fake GitHub in testsupport/fakegithub; a test
// here checks the bot's decisions.
//
// What it models: commits with parents, each holding a full snapshot of
// its files (content and mode, regular or executable) and a tree hash that
// depends on the snapshot only, so that equal trees have equal hashes;
// branches and tags as refs (CreateRef and CreateTag fail with
// repohost.ErrExists, Ref and UpdateRef with repohost.ErrNotFound); pull
// requests with head, base, state, labels, comments and a merge; releases
// with the latest one; a clock that ticks one second per change.
//
// What it does not model: symbolic links and submodules; annotated tag
// objects (a tag names its commit, CreateTag's message is kept but not
// read); merges other than a squash of the head's files onto the base
// (Merge); forks, drafts, mergeability and conflicts; pagination, rate
// limits, permissions and errors other than ErrExists and ErrNotFound;
// non-forced ref updates (UpdateRef moves the ref whatever force says).
//
// Host methods are safe for concurrent use; test-side methods (Commit,
// Tag, OpenPull, Merge, ...) report misuse with a panic, as they are
// called by the test itself.
package memhost

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/repohost"
)

// file is one file of a snapshot.
type file struct {
	content string
	mode    history.Mode
}

type commit struct {
	hash, tree, message, author string
	parents                     []string
	time                        time.Time
	seq                         int
}

// Host is one repository. The zero value is not usable; call New.
type Host struct {
	mu       sync.Mutex
	now      time.Time
	seq      int
	writes   int
	trees    map[string]map[string]file
	commits  map[string]*commit
	refs     map[string]string // "heads/main", "tags/v1.0.0" -> commit hash
	pulls    []*repohost.Pull
	comments map[int][]string
	releases []*repohost.Release
	bodies   map[int64]string
	latest   int64
}

// New returns an empty repository (no commit, no branch) whose clock
// starts at 2026-01-01.
func New() *Host {
	return &Host{
		now:   time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		trees: map[string]map[string]file{}, commits: map[string]*commit{}, refs: map[string]string{},
		comments: map[int][]string{}, bodies: map[int64]string{},
	}
}

// tick advances the clock and returns it.
func (h *Host) tick() time.Time {
	h.now = h.now.Add(time.Second)
	return h.now
}

// Writes returns how many changes the Host methods have made (pull
// requests, labels, comments, refs, commits, tags, releases).
func (h *Host) Writes() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.writes
}

// Commit commits files on branch as a user's push would, creating the
// branch (from nothing) if needed, and returns the commit's hash. A file
// whose content is "" is deleted; paths in executable get mode 100755.
func (h *Host) Commit(branch, message string, files map[string]string, executable ...string) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var parents []string
	snap := map[string]file{}
	if parent := h.refs["heads/"+branch]; parent != "" {
		parents, snap = []string{parent}, maps.Clone(h.trees[h.commits[parent].tree])
	}
	for p, content := range files {
		delete(snap, p)
		if content != "" {
			snap[p] = file{content: content, mode: modeOf(slices.Contains(executable, p))}
		}
	}
	c := h.newCommit(parents, h.putTree(snap), message, "Dev One")
	h.refs["heads/"+branch] = c.hash
	return c.hash
}

// Tag makes a tag named name on rev (a commit hash, branch or tag).
func (h *Host) Tag(name, rev string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	sha, ok := h.resolve(rev)
	if !ok {
		panic("memhost: tagging " + name + ": no commit " + rev)
	}
	h.refs["tags/"+name] = sha
}

// Tags returns every tag with its commit.
func (h *Host) Tags() map[string]string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := map[string]string{}
	for ref, sha := range h.refs {
		if name, ok := strings.CutPrefix(ref, "tags/"); ok {
			out[name] = sha
		}
	}
	return out
}

// File returns a file at rev (a commit hash, branch or tag) and its mode.
func (h *Host) File(rev, path string) (string, history.Mode, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	sha, ok := h.resolve(rev)
	if !ok {
		return "", 0, false
	}
	f, ok := h.trees[h.commits[sha].tree][path]
	return f.content, f.mode, ok
}

func modeOf(executable bool) history.Mode {
	if executable {
		return history.Executable
	}
	return history.Regular
}

// putTree stores a snapshot under a hash of its content.
func (h *Host) putTree(snap map[string]file) string {
	paths := make([]string, 0, len(snap))
	for p := range snap {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	sum := sha1.New()
	for _, p := range paths {
		fmt.Fprintf(sum, "%o %s\x00%s\x00", snap[p].mode, p, snap[p].content)
	}
	hash := hex.EncodeToString(sum.Sum(nil))
	h.trees[hash] = snap
	return hash
}

// newCommit stores a commit made now; its hash is unique.
func (h *Host) newCommit(parents []string, tree, message, author string) *commit {
	h.seq++
	c := &commit{tree: tree, message: message, author: author, parents: parents, time: h.tick(), seq: h.seq}
	sum := sha1.Sum(fmt.Appendf(nil, "%d %s %v %s", h.seq, tree, parents, message))
	c.hash = hex.EncodeToString(sum[:])
	h.commits[c.hash] = c
	return c
}

// resolve finds the commit of a hash, a branch or a tag.
func (h *Host) resolve(rev string) (string, bool) {
	if _, ok := h.commits[rev]; ok {
		return rev, true
	}
	for _, ref := range []string{rev, "heads/" + rev, "tags/" + rev} {
		if sha, ok := h.refs[ref]; ok {
			return sha, true
		}
	}
	return "", false
}

// ReadFile reads path at ref (a commit hash, branch or tag).
func (h *Host) ReadFile(_ context.Context, ref, path string) ([]byte, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	sha, ok := h.resolve(ref)
	if !ok {
		return nil, fmt.Errorf("reading %s: no commit %s: %w", path, ref, repohost.ErrNotFound)
	}
	f, ok := h.trees[h.commits[sha].tree][path]
	if !ok {
		return nil, fmt.Errorf("%s at %s: %w", path, ref, fs.ErrNotExist)
	}
	return []byte(f.content), nil
}

// Ref returns the commit of "heads/NAME" or "tags/NAME".
func (h *Host) Ref(_ context.Context, ref string) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if sha, ok := h.refs[ref]; ok {
		return sha, nil
	}
	return "", fmt.Errorf("reading ref %s: %w", ref, repohost.ErrNotFound)
}

// CreateRef creates a ref on an existing commit.
func (h *Host) CreateRef(_ context.Context, ref, sha string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.refs[ref]; ok {
		return fmt.Errorf("creating %s: %w", ref, repohost.ErrExists)
	}
	if h.commits[sha] == nil {
		return fmt.Errorf("creating %s: no commit %s", ref, sha)
	}
	h.writes++
	h.refs[ref] = sha
	return nil
}

// UpdateRef moves an existing ref (whatever force says).
func (h *Host) UpdateRef(_ context.Context, ref, sha string, _ bool) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.refs[ref]; !ok {
		return fmt.Errorf("moving %s: %w", ref, repohost.ErrNotFound)
	}
	if h.commits[sha] == nil {
		return fmt.Errorf("moving %s: no commit %s", ref, sha)
	}
	h.writes++
	h.refs[ref] = sha
	return nil
}

// DeleteRef deletes a ref; one that does not exist is already deleted.
func (h *Host) DeleteRef(_ context.Context, ref string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.refs[ref]; ok {
		h.writes++
		delete(h.refs, ref)
	}
	return nil
}

// CommitMessage returns a commit's message.
func (h *Host) CommitMessage(_ context.Context, sha string) (string, error) {
	c, err := h.commit(sha)
	if err != nil {
		return "", err
	}
	return c.message, nil
}

// TreeOf returns a commit's tree hash.
func (h *Host) TreeOf(_ context.Context, sha string) (string, error) {
	c, err := h.commit(sha)
	if err != nil {
		return "", err
	}
	return c.tree, nil
}

func (h *Host) commit(sha string) (*commit, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if c := h.commits[sha]; c != nil {
		return c, nil
	}
	return nil, fmt.Errorf("reading commit %s: %w", sha, repohost.ErrNotFound)
}

// CreateCommit makes a commit on parent whose files are baseTree's with
// files replaced, those in executable with mode 100755. No ref moves.
func (h *Host) CreateCommit(_ context.Context, parent, baseTree string, files map[string][]byte, executable map[string]bool, message func(tree string) string) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	base, ok := h.trees[baseTree]
	if !ok || h.commits[parent] == nil {
		return "", fmt.Errorf("creating a commit: no tree %s or commit %s", baseTree, parent)
	}
	snap := maps.Clone(base)
	for p, content := range files {
		snap[p] = file{content: string(content), mode: modeOf(executable[p])}
	}
	tree := h.putTree(snap)
	h.writes++
	return h.newCommit([]string{parent}, tree, message(tree), "releasebot").hash, nil
}

// CreateTag makes the tag tags/NAME on sha.
func (h *Host) CreateTag(_ context.Context, name, sha, _ string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.refs["tags/"+name]; ok {
		return fmt.Errorf("creating tag %s: %w", name, repohost.ErrExists)
	}
	if h.commits[sha] == nil {
		return fmt.Errorf("creating tag %s: no commit %s", name, sha)
	}
	h.writes++
	h.refs["tags/"+name] = sha
	return nil
}

// ChangedFiles lists the paths whose content or mode differs between the
// trees of base and head: GitHub's answer when base is an ancestor of
// head, the only way the unit tables use it.
func (h *Host) ChangedFiles(_ context.Context, base, head string) ([]string, error) {
	b, err := h.commit(base)
	if err != nil {
		return nil, err
	}
	t, err := h.commit(head)
	if err != nil {
		return nil, err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return changed(h.trees[b.tree], h.trees[t.tree]), nil
}

// changed lists, sorted, the paths whose file differs between two
// snapshots, added and removed ones included.
func changed(before, after map[string]file) []string {
	var out []string
	for path, f := range after {
		if g, ok := before[path]; !ok || g != f {
			out = append(out, path)
		}
	}
	for path := range before {
		if _, ok := after[path]; !ok {
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return out
}
