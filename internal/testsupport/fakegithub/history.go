package fakegithub

import (
	"container/heap"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ancestors returns every commit reachable from the given ones, themselves included.
func (g *gitRepo) ancestors(from ...plumbing.Hash) (map[plumbing.Hash]bool, error) {
	seen := map[plumbing.Hash]bool{}
	stack := append([]plumbing.Hash(nil), from...)
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if h.IsZero() || seen[h] {
			continue
		}
		seen[h] = true
		c, err := g.commit(h)
		if err != nil {
			return nil, err
		}
		stack = append(stack, c.ParentHashes...)
	}
	return seen, nil
}

// revList lists the commits reachable from include but not in exclude,
// newest first: children before their parents and, among the commits that
// may come next, the latest committer date first (git rev-list --date-order).
func (g *gitRepo) revList(include []plumbing.Hash, exclude map[plumbing.Hash]bool) ([]*object.Commit, error) {
	commits := map[plumbing.Hash]*object.Commit{}
	stack := append([]plumbing.Hash(nil), include...)
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if h.IsZero() || exclude[h] || commits[h] != nil {
			continue
		}
		c, err := g.commit(h)
		if err != nil {
			return nil, err
		}
		commits[h] = c
		stack = append(stack, c.ParentHashes...)
	}
	children := map[plumbing.Hash]int{}
	for _, c := range commits {
		for _, p := range c.ParentHashes {
			if commits[p] != nil {
				children[p]++
			}
		}
	}
	ready := &commitHeap{}
	for h, c := range commits {
		if children[h] == 0 {
			heap.Push(ready, c)
		}
	}
	out := make([]*object.Commit, 0, len(commits))
	for ready.Len() > 0 {
		c := heap.Pop(ready).(*object.Commit)
		out = append(out, c)
		for _, p := range c.ParentHashes {
			if commits[p] == nil {
				continue
			}
			children[p]--
			if children[p] == 0 {
				heap.Push(ready, commits[p])
			}
		}
	}
	return out, nil
}

// commitHeap pops the commit with the latest committer date (then the
// greatest hash, for a stable order).
type commitHeap []*object.Commit

func (h commitHeap) Len() int { return len(h) }
func (h commitHeap) Less(i, j int) bool {
	a, b := h[i].Committer.When, h[j].Committer.When
	if !a.Equal(b) {
		return a.After(b)
	}
	return h[i].Hash.String() > h[j].Hash.String()
}
func (h commitHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *commitHeap) Push(x any)   { *h = append(*h, x.(*object.Commit)) }
func (h *commitHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}

// mergeBase returns the best common ancestor of a and b, if any.
func (g *gitRepo) mergeBase(a, b plumbing.Hash) (plumbing.Hash, bool, error) {
	ca, err := g.commit(a)
	if err != nil {
		return plumbing.ZeroHash, false, err
	}
	cb, err := g.commit(b)
	if err != nil {
		return plumbing.ZeroHash, false, err
	}
	bases, err := ca.MergeBase(cb)
	if err != nil || len(bases) == 0 {
		return plumbing.ZeroHash, false, err
	}
	return bases[0].Hash, true, nil
}

// isAncestor reports whether a is b or an ancestor of b.
func (g *gitRepo) isAncestor(a, b plumbing.Hash) (bool, error) {
	if a == b {
		return true, nil
	}
	anc, err := g.ancestors(b)
	return anc[a], err
}
