package gitlog

import (
	"errors"
	"fmt"
	"math"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/releasebot/releasebot/internal/release"
)

// slop is how many more commits the walk pops once only uninteresting ones
// are queued, to tolerate commits whose committer time is older than their
// parents' (clock skew): git's SLOP in revision.c.
const slop = 5

// walker is the state of one revision walk: git's limit_list.
type walker struct {
	r       *Repo
	nodes   map[plumbing.Hash]*node
	q       queue
	shallow map[plumbing.Hash]bool
	// cache is a queued node known to be interesting, if any: it spares
	// most scans of the queue (git's interesting_cache).
	cache *node
	names map[string]string
	// visit, when set, receives each commit as it is emitted.
	visit func(release.Commit)
}

func (r *Repo) newWalker() (*walker, error) {
	hashes, err := r.st.Shallow()
	if err != nil {
		return nil, fmt.Errorf("reading the shallow list: %w", err)
	}
	w := &walker{
		r:       r,
		nodes:   make(map[plumbing.Hash]*node),
		shallow: make(map[plumbing.Hash]bool, len(hashes)),
		names:   make(map[string]string),
	}
	for _, h := range hashes {
		w.shallow[h] = true
	}
	return w, nil
}

// node returns the node of h, creating it if needed.
func (w *walker) node(h plumbing.Hash) *node {
	n := w.nodes[h]
	if n == nil {
		n = &node{hash: h}
		w.nodes[h] = n
	}
	return n
}

// errMissing marks an object absent from the repository.
var errMissing = errors.New("missing object")

// parse reads n's commit: its committer time, its parents (none for a
// shallow boundary), and its author and message (in UTF-8, see reencode),
// kept until n is popped.
func (w *walker) parse(n *node) error {
	raw, err := w.r.readCommit(n.hash)
	if err != nil {
		return err
	}
	h, err := parseHeader(raw)
	if err != nil {
		return fmt.Errorf("commit %s: %w", n.hash, err)
	}
	n.flags |= flagParsed
	n.when, n.author, n.body = h.when, h.author, h.body
	if h.encoding != nil {
		n.author, n.body = reencode(h.encoding, h.author, h.body)
	}
	n.merge = len(h.parents) > 1
	if w.shallow[n.hash] {
		n.flags |= flagBoundary
		return nil
	}
	n.parents = make([]*node, len(h.parents))
	for i, p := range h.parents {
		n.parents[i] = w.node(p)
	}
	return nil
}

// push marks n seen and queues it; n must have been parsed.
func (w *walker) push(n *node) {
	n.flags |= flagSeen
	w.q.push(n)
}

// markParentsUninteresting spreads the uninteresting mark from n to all its
// known ancestors: its parents, and recursively the parents of those already
// parsed (git's mark_parents_uninteresting). Every node is marked at most
// once, so all the calls of a walk together cost one pass over the graph.
func (w *walker) markParentsUninteresting(n *node) {
	markAll(n.parents, flagUninteresting)
}

// setReach marks n and all its known ancestors as reachable from head.
func (w *walker) setReach(n *node) {
	markAll([]*node{n}, flagReach)
}

// markAll sets flag on the nodes and all their known ancestors, descending
// only through nodes that did not have it: a node with the flag already has
// its known parents flagged too.
func markAll(nodes []*node, flag uint8) {
	var stack []*node
	for _, n := range nodes {
		if n.flags&flag == 0 {
			stack = append(stack, n)
		}
	}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if p.flags&flag != 0 {
			continue
		}
		p.flags |= flag
		for _, pp := range p.parents {
			if pp.flags&flag == 0 {
				stack = append(stack, pp)
			}
		}
	}
}

// processParents hands n's marks down to its parents and queues the parents
// not seen yet (git's process_parents). The parents of an uninteresting
// commit may be missing (the walk just stops there, as git's does); those of
// an interesting one must not be, nor may it be a shallow boundary, or the
// result would lack commits.
func (w *walker) processParents(n *node) error {
	uninteresting := n.flags&flagUninteresting != 0
	if n.flags&flagBoundary != 0 && !uninteresting {
		return fmt.Errorf("commit %s has parents that were not fetched: %w", n.hash, ErrShallow)
	}
	for _, p := range n.parents {
		if uninteresting && p.flags&flagUninteresting == 0 {
			markAll([]*node{p}, flagUninteresting)
		}
		if n.flags&flagReach != 0 && p.flags&flagReach == 0 {
			w.setReach(p)
		}
		if p.flags&flagSeen != 0 {
			continue
		}
		if err := w.parse(p); errors.Is(err, errMissing) {
			if uninteresting {
				continue
			}
			return w.r.missing(p.hash)
		} else if err != nil {
			return err
		}
		if p.flags&flagUninteresting != 0 {
			w.markParentsUninteresting(p)
		}
		w.push(p)
	}
	return nil
}

// everybodyUninteresting reports whether every queued node is uninteresting
// (git's everybody_uninteresting).
func (w *walker) everybodyUninteresting() bool {
	if c := w.cache; c != nil && c.queued && c.flags&flagUninteresting == 0 {
		return false
	}
	w.cache = nil
	for _, n := range w.q.items {
		if n.flags&flagUninteresting == 0 {
			w.cache = n
			return false
		}
	}
	return true
}

// stillInteresting returns the slop left after popping an uninteresting
// commit: all of it while a queued commit is at least as recent as the last
// emitted one (date) or is interesting, one less otherwise; 0 ends the walk
// (git's still_interesting).
func (w *walker) stillInteresting(date int64, left int) int {
	if w.q.len() == 0 {
		return 0
	}
	if date <= w.q.top().when {
		return slop
	}
	if !w.everybodyUninteresting() {
		return slop
	}
	return left - 1
}

// limit runs git's limit_list: it pops commits newest first, emits the
// interesting ones and stops when only uninteresting commits are queued and
// slop more have been popped.
//
// An uninteresting mark can reach a commit after it was emitted: when a
// commit dated before an excluded one (clock skew, or a merge of an old
// branch) is popped before the mark spreads down to it. Git keeps such
// commits out in two ways, and so does limit: the walk goes on while any
// interesting commit is queued and then slop more pops, so the marks have
// the chance to arrive; and, as git's get_revision skips commits marked
// uninteresting when it outputs the limited list, the emitted commits are
// filtered by their final marks (see result). limit returns the emitted
// commits and, in the same order, their nodes.
func (w *walker) limit() ([]release.Commit, []*node, error) {
	var commits []release.Commit
	var nodes []*node
	date, left := int64(math.MaxInt64), slop
	for w.q.len() > 0 {
		n := w.q.pop()
		if err := w.processParents(n); err != nil {
			return nil, nil, err
		}
		if n.flags&flagUninteresting != 0 {
			n.author, n.body = nil, nil
			w.markParentsUninteresting(n)
			if left = w.stillInteresting(date, left); left > 0 {
				continue
			}
			break
		}
		date = n.when
		c := w.toRelease(n)
		if w.visit != nil {
			w.visit(c)
		}
		commits, nodes = append(commits, c), append(nodes, n)
		n.author, n.body = nil, nil
	}
	return commits, nodes, nil
}

// toRelease converts the commit of a parsed node. Author names are
// interned: a long history has few distinct authors.
func (w *walker) toRelease(n *node) release.Commit {
	name := signatureName(n.author)
	author, ok := w.names[string(name)]
	if !ok {
		author = string(name)
		w.names[author] = author
	}
	return release.Commit{
		Hash:    n.hash.String(),
		Message: string(n.body),
		Merge:   n.merge,
		Author:  author,
		Time:    signatureTime(n.author),
	}
}

// result keeps, in place, the emitted commits whose nodes are still
// interesting once the walk has ended.
func result(commits []release.Commit, nodes []*node) []release.Commit {
	out := commits[:0]
	for i, c := range commits {
		if nodes[i].flags&flagUninteresting == 0 {
			out = append(out, c)
		}
	}
	clear(commits[len(out):])
	return out
}
