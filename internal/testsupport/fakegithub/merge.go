package fakegithub

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// githubCommitter is who GitHub records as committer of the commits it
// creates when merging.
var githubCommitter = object.Signature{Name: "GitHub", Email: "noreply@github.com"}

// lookup returns a path's entry in a flattened tree, if present.
func lookup(flat map[string]entry, p string) (entry, bool) {
	e, ok := flat[p]
	return e, ok
}

// threeWay merges the trees of ours and theirs, whose merge base is base,
// file by file: a path changed on one side only takes that side's version;
// a path changed on both sides to different results is a conflict. The
// zero hash stands for the empty tree. It returns the merged tree, flattened.
func threeWay(g *gitRepo, base, ours, theirs plumbing.Hash) (map[string]entry, error) {
	flats := make([]map[string]entry, 3)
	for i, h := range []plumbing.Hash{base, ours, theirs} {
		tree, err := g.commitTree(h)
		if err != nil {
			return nil, err
		}
		if flats[i], err = g.flatten(tree); err != nil {
			return nil, err
		}
	}
	b, o, t := flats[0], flats[1], flats[2]
	out := map[string]entry{}
	for p, e := range o {
		out[p] = e
	}
	paths := map[string]bool{}
	for p := range b {
		paths[p] = true
	}
	for p := range t {
		paths[p] = true
	}
	var conflicts []string
	for p := range paths {
		be, inB := lookup(b, p)
		te, inT := lookup(t, p)
		if inB == inT && be == te {
			continue // unchanged on their side
		}
		oe, inO := lookup(o, p)
		switch {
		case inO == inB && oe == be: // unchanged on our side: take theirs
			if inT {
				out[p] = te
			} else {
				delete(out, p)
			}
		case inO == inT && oe == te: // same change on both sides
		default:
			conflicts = append(conflicts, p)
		}
	}
	if len(conflicts) > 0 {
		sort.Strings(conflicts)
		return nil, fmt.Errorf("merge conflict in %s", strings.Join(conflicts, ", "))
	}
	return out, nil
}

// errNotMergeable is returned when a pull request cannot be merged.
var errNotMergeable = errors.New("pull request is not mergeable")

// mergePull merges an open pull request the way GitHub's merge button does
// and returns the new tip of the base branch:
//   - "merge": a merge commit with parents (base tip, head) and message
//     "Merge pull request #N from OWNER/HEAD\n\nTITLE";
//   - "squash": one commit on the base tip, authored by the PR's author,
//     message "TITLE (#N)" and a body of "* MESSAGE" bullets, one per commit;
//   - "rebase": each commit of the PR replayed on the base tip, keeping
//     author and message, with GitHub as committer.
//
// The merger is recorded as merged_by; the commits GitHub creates have
// GitHub as committer. Merges are file-level (see threeWay).
func (r *Repo) mergePull(p *pull, method, actor string) (plumbing.Hash, error) {
	if p.state != "open" {
		return plumbing.ZeroHash, fmt.Errorf("%w: it is %s", errNotMergeable, p.state)
	}
	g := r.git()
	head, base := r.headSHA(p), r.baseSHA(p)
	if head.IsZero() || base.IsZero() {
		return plumbing.ZeroHash, fmt.Errorf("%w: head or base branch is missing", errNotMergeable)
	}
	mb, _, err := g.mergeBase(base, head)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	commits, err := r.pullCommits(p)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	now := r.s.now()
	committer := githubCommitter
	committer.When = now
	name, email := r.s.identity(actor)
	var landed []plumbing.Hash
	tip := base
	switch method {
	case "merge", "squash":
		flat, err := threeWay(g, mb, base, head)
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("%w: %v", errNotMergeable, err)
		}
		tree, err := g.buildTree(flat)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		c := &object.Commit{TreeHash: tree, Committer: committer, ParentHashes: []plumbing.Hash{base}}
		if method == "merge" {
			c.Author = object.Signature{Name: name, Email: email, When: now}
			c.ParentHashes = append(c.ParentHashes, head)
			c.Message = fmt.Sprintf("Merge pull request #%d from %s/%s\n\n%s", p.number, r.owner, p.head, p.title)
		} else {
			an, ae := r.s.identity(p.user)
			c.Author = object.Signature{Name: an, Email: ae, When: now}
			c.Message = squashMessage(p, commits)
		}
		if tip, err = g.put(c); err != nil {
			return plumbing.ZeroHash, err
		}
		landed = append(landed, tip)
	case "rebase":
		for _, pc := range commits {
			if pc.NumParents() > 1 {
				continue // GitHub's rebase merge drops merge commits
			}
			parent := plumbing.ZeroHash
			if pc.NumParents() == 1 {
				parent = pc.ParentHashes[0]
			}
			flat, err := threeWay(g, parent, tip, pc.Hash)
			if err != nil {
				return plumbing.ZeroHash, fmt.Errorf("%w: %v", errNotMergeable, err)
			}
			tree, err := g.buildTree(flat)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			c := &object.Commit{TreeHash: tree, Author: pc.Author, Committer: committer, Message: pc.Message, ParentHashes: []plumbing.Hash{tip}}
			if tip, err = g.put(c); err != nil {
				return plumbing.ZeroHash, err
			}
			landed = append(landed, tip)
		}
	default:
		return plumbing.ZeroHash, fmt.Errorf("unknown merge method %q (want merge, squash or rebase)", method)
	}
	if err := g.setRef("refs/heads/"+p.base, tip, base); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("%w: base branch %s moved", errNotMergeable, p.base)
	}
	r.freeze(p, head, base, commits)
	p.merged, p.mergedBy, p.mergeSHA, p.landed = p.closed, actor, tip.String(), landed
	return tip, nil
}

// squashMessage is GitHub's default squash commit message.
func squashMessage(p *pull, commits []*object.Commit) string {
	bullets := make([]string, 0, len(commits))
	for _, c := range commits {
		bullets = append(bullets, "* "+strings.TrimSpace(c.Message))
	}
	msg := fmt.Sprintf("%s (#%d)", p.title, p.number)
	if len(bullets) > 0 {
		msg += "\n\n" + strings.Join(bullets, "\n\n")
	}
	return msg
}
