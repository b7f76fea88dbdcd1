package gitlog

import (
	"github.com/go-git/go-git/v5/plumbing"
)

// Flags of a node during a walk, as in git's revision.c.
const (
	// flagSeen: the commit has been parsed and queued (it is queued once).
	flagSeen uint8 = 1 << iota
	// flagUninteresting: the commit is reachable from an excluded commit.
	flagUninteresting
	// flagReach: the commit is reachable from head (or is head).
	flagReach
	// flagBoundary: the commit is listed in .git/shallow; its parents were
	// not fetched and it is treated as having none.
	flagBoundary
	// flagParsed: the commit has been read.
	flagParsed
)

// node is a commit met during a walk. Nodes are created for every hash the
// walk hears of; only seen nodes have been parsed.
type node struct {
	hash plumbing.Hash
	// when is the committer time, in seconds: git's order of the walk.
	when int64
	// seq is the order in which the node was queued; it breaks ties of
	// when first-in first-out, as git's commit_list_insert_by_date does.
	seq     uint64
	parents []*node
	merge   bool
	flags   uint8
	queued  bool
	// author and body are parts of the raw commit, kept while the node
	// waits in the queue so that an emitted commit is not read twice.
	author, body []byte
}

// queue is a priority queue of nodes, newest committer time first, ties in
// queueing order: a binary heap.
type queue struct {
	items []*node
	seq   uint64
}

func (q *queue) len() int { return len(q.items) }

// top returns the node that pop would return; the queue must not be empty.
func (q *queue) top() *node { return q.items[0] }

func (q *queue) less(i, j int) bool {
	a, b := q.items[i], q.items[j]
	if a.when != b.when {
		return a.when > b.when
	}
	return a.seq < b.seq
}

// push queues n.
func (q *queue) push(n *node) {
	q.seq++
	n.seq = q.seq
	n.queued = true
	q.items = append(q.items, n)
	for i := len(q.items) - 1; i > 0; {
		parent := (i - 1) / 2
		if !q.less(i, parent) {
			break
		}
		q.items[i], q.items[parent] = q.items[parent], q.items[i]
		i = parent
	}
}

// pop removes and returns the newest node; the queue must not be empty.
func (q *queue) pop() *node {
	n := q.items[0]
	last := len(q.items) - 1
	q.items[0] = q.items[last]
	q.items[last] = nil
	q.items = q.items[:last]
	q.down(0)
	n.queued = false
	return n
}

func (q *queue) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(q.items) {
			return
		}
		m := l
		if r := l + 1; r < len(q.items) && q.less(r, l) {
			m = r
		}
		if !q.less(m, i) {
			return
		}
		q.items[i], q.items[m] = q.items[m], q.items[i]
		i = m
	}
}
