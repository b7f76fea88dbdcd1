package fakegithub

import (
	"net/mail"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// CommitSpec is a commit a test pushes.
type CommitSpec struct {
	Message string
	// Files maps paths to new contents; "" deletes the path.
	Files map[string]string
	// Links maps paths to the targets of symbolic links made there.
	Links map[string]string
	// Author is "Name <email>"; empty means octocat with its noreply address.
	Author string
}

// Push commits on top of branch as a user would with git push, creating the
// branch from the default branch if it is absent (in an empty repository,
// the first commit has no parent). It returns the new tip sha.
func (r *Repo) Push(branch string, commits ...CommitSpec) string {
	r.s.t.Helper()
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	g := r.git()
	name := "refs/heads/" + branch
	old, exists := g.ref(name)
	tip := old
	if !exists {
		tip, _ = g.ref("refs/heads/" + r.defaultBranch)
		old = plumbing.ZeroHash
	}
	for _, spec := range commits {
		h, err := r.commitFiles(g, tip, spec)
		if err != nil {
			r.fatal("pushing to %s: %v", branch, err)
		}
		tip = h
	}
	if err := g.setRef(name, tip, old); err != nil {
		r.fatal("pushing to %s: %v", branch, err)
	}
	return tip.String()
}

// commitFiles writes one commit of spec on top of parent (zero: a root commit).
func (r *Repo) commitFiles(g *gitRepo, parent plumbing.Hash, spec CommitSpec) (plumbing.Hash, error) {
	tree, err := g.commitTree(parent)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	flat, err := g.flatten(tree)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	for p, content := range spec.Files {
		p = strings.Trim(p, "/")
		removePath(flat, p)
		if content == "" {
			continue
		}
		h, err := g.putBlob([]byte(content))
		if err != nil {
			return plumbing.ZeroHash, err
		}
		flat[p] = entry{mode: filemode.Regular, hash: h}
	}
	for p, target := range spec.Links {
		p = strings.Trim(p, "/")
		removePath(flat, p)
		h, err := g.putBlob([]byte(target))
		if err != nil {
			return plumbing.ZeroHash, err
		}
		flat[p] = entry{mode: filemode.Symlink, hash: h}
	}
	treeHash, err := g.buildTree(flat)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	sig := r.s.signatureOf(spec.Author)
	c := &object.Commit{Author: sig, Committer: sig, Message: spec.Message, TreeHash: treeHash}
	if !parent.IsZero() {
		c.ParentHashes = []plumbing.Hash{parent}
	}
	return g.put(c)
}

// signatureOf parses "Name <email>" (default: octocat) and stamps it now.
func (s *Server) signatureOf(author string) object.Signature {
	name, email := s.identity(userLogin)
	if author != "" {
		if a, err := mail.ParseAddress(author); err == nil {
			name, email = a.Name, a.Address
		} else {
			name = author
		}
	}
	return object.Signature{Name: name, Email: email, When: s.now()}
}

// Tag creates tag name at sha (a commit sha, branch or tag), lightweight or
// annotated (a tag object with message name, tagged by octocat).
func (r *Repo) Tag(name, sha string, annotated bool) {
	r.s.t.Helper()
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	g := r.git()
	target, ok := g.resolve(sha)
	if !ok {
		r.fatal("tagging %s: no commit %s", name, sha)
	}
	h := target
	if annotated {
		var err error
		h, err = g.put(&object.Tag{Name: name, Message: name + "\n", Tagger: r.s.signatureOf(""), Target: target, TargetType: plumbing.CommitObject})
		if err != nil {
			r.fatal("tagging %s: %v", name, err)
		}
	}
	if err := g.setRef("refs/tags/"+name, h, plumbing.ZeroHash); err != nil {
		r.fatal("tagging %s: tag exists", name)
	}
}

// AddLabel adds a label to an issue or pull request as a maintainer would,
// creating the repository label if needed.
func (r *Repo) AddLabel(issueNumber int, label string) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	r.addLabels(issueNumber, label)
	r.touch(issueNumber)
}

// RemoveLabel removes a label from an issue or pull request (no-op if absent).
func (r *Repo) RemoveLabel(issueNumber int, label string) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	r.removeLabel(issueNumber, label)
	r.touch(issueNumber)
}

// OpenPR opens a pull request from head into base as octocat and returns
// its number; it fails the test where GitHub would answer 422.
func (r *Repo) OpenPR(head, base, title, body string) int {
	r.s.t.Helper()
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	p, rep := r.openPull(userLogin, head, base, title, body, false)
	if rep != nil {
		r.fatal("opening a pull request %s -> %s: %s", head, base, encodeBody(rep.body))
	}
	return p.number
}

// MergePR merges an open pull request as a maintainer would with the merge
// button, by "merge", "squash" or "rebase" (see mergePull for the commits
// each creates), and returns the new tip of the base branch. It sets
// merged, merged_at, merge_commit_sha and closes the PR.
func (r *Repo) MergePR(number int, method string) string {
	r.s.t.Helper()
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	p := r.pull(number)
	if p == nil {
		r.fatal("merging #%d: no such pull request", number)
	}
	tip, err := r.mergePull(p, method, mergeActor)
	if err != nil {
		r.fatal("merging #%d: %v", number, err)
	}
	return tip.String()
}

// ClosePR closes a pull request without merging it.
func (r *Repo) ClosePR(number int) {
	r.s.t.Helper()
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	p := r.pull(number)
	if p == nil {
		r.fatal("closing #%d: no such pull request", number)
		return
	}
	if p.state == "closed" {
		return
	}
	if err := r.closePull(p); err != nil {
		r.fatal("closing #%d: %v", number, err)
	}
}
