package gitlog

import (
	"errors"
	"fmt"
	"math"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/releasebot/releasebot/internal/release"
)

// Range returns the commits reachable from head and not reachable from any
// of exclude, newest first in committer-time order: exactly the commits, and
// in the order, of `git rev-list head --not exclude...` (with exclude empty:
// all the history of head). Commits of a branch forked before an excluded
// commit and merged after it are included, as git includes them.
//
// It also reports, for each excluded hash, whether it is an ancestor of head
// or head itself, from the same walk: the walk marks head as reachable and
// spreads the mark to the parents of every reachable commit it pops, so an
// excluded X is reported an ancestor iff X is head or X is the parent of a
// popped commit reachable from head. With a single exclude this needs no
// extra work: every commit on a path from head down to X, X aside, is not
// reachable from X (history has no cycles), so it belongs to the result; the
// last of them has X as a parent and marks it when it is popped. With
// several, X may be reachable from head only through commits reachable from
// another excluded Y (an older tag behind the last one); the walk then goes
// on past the point where the result is complete, until every X is marked
// or every queued commit is older than the unmarked ones (give or take the
// same slop for clock skew), when they cannot be reached any more.
//
// head and exclude are full commit hashes (tag objects are peeled). In a
// shallow clone, Range fails with an error wrapping ErrShallow if the walk
// reaches history that was not fetched.
func (r *Repo) Range(head string, exclude []string) (commits []release.Commit, ancestors map[string]bool, err error) {
	return r.RangeFunc(head, exclude, nil)
}

// RangeFunc is Range that also hands each commit to visit, when not nil, as
// soon as the walk finds it, so that a caller can work on commits while the
// walk goes on. visit may see a few commits that the result leaves out
// (those the walk later finds reachable from an excluded commit).
func (r *Repo) RangeFunc(head string, exclude []string, visit func(release.Commit)) (commits []release.Commit, ancestors map[string]bool, err error) {
	w, err := r.newWalker()
	if err != nil {
		return nil, nil, err
	}
	w.visit = visit
	starts, err := w.seed(head, exclude)
	if err != nil {
		return nil, nil, err
	}
	emitted, nodes, err := w.limit()
	if err != nil {
		return nil, nil, err
	}
	commits = result(emitted, nodes)
	ancestors = make(map[string]bool, len(exclude))
	pending := w.ancestors(exclude, starts[1:], ancestors)
	if len(pending) > 0 {
		if err := w.findAncestors(pending); err != nil {
			return nil, nil, err
		}
		w.ancestors(exclude, starts[1:], ancestors)
	}
	return commits, ancestors, nil
}

// seed parses the start commits, marks head reachable and the excluded
// commits uninteresting, and queues them (git's prepare_revision_walk). It
// returns the nodes of head and of each excluded commit, in order.
func (w *walker) seed(head string, exclude []string) ([]*node, error) {
	starts := make([]*node, 0, 1+len(exclude))
	for i, s := range append([]string{head}, exclude...) {
		n, err := w.start(s)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			n.flags |= flagReach
		} else {
			n.flags |= flagUninteresting
			w.markParentsUninteresting(n)
		}
		starts = append(starts, n)
	}
	for _, n := range starts {
		if n.flags&flagSeen == 0 {
			w.push(n)
		}
	}
	return starts, nil
}

// start returns the parsed node of the commit s designates.
func (w *walker) start(s string) (*node, error) {
	if !plumbing.IsHash(s) {
		return nil, fmt.Errorf("%q is not a full commit hash", s)
	}
	h, ok, err := w.r.peel(plumbing.NewHash(s))
	if err != nil {
		return nil, err
	} else if !ok {
		return nil, fmt.Errorf("%s is not a commit", s)
	}
	n := w.node(h)
	if n.flags&flagParsed != 0 {
		return n, nil
	}
	if err := w.parse(n); errors.Is(err, errMissing) {
		return nil, w.r.missing(h)
	} else if err != nil {
		return nil, err
	}
	return n, nil
}

// ancestors records in m whether each excluded commit is known to be
// reachable from head, and returns the nodes not known to be.
func (w *walker) ancestors(exclude []string, nodes []*node, m map[string]bool) []*node {
	var pending []*node
	for i, n := range nodes {
		reach := n.flags&flagReach != 0
		m[exclude[i]] = reach
		if !reach {
			pending = append(pending, n)
		}
	}
	return pending
}

// findAncestors goes on with the walk after limit, until each pending node
// is marked reachable from head, or every queued commit has been older than
// all the pending ones for slop pops (they cannot be reached any more, clock
// skew aside). The result of the walk is already settled: the marks this
// adds do not change it.
func (w *walker) findAncestors(pending []*node) error {
	left := slop
	for w.q.len() > 0 {
		oldest, open := int64(math.MaxInt64), false
		for _, n := range pending {
			if n.flags&flagReach == 0 {
				oldest, open = min(oldest, n.when), true
			}
		}
		if !open {
			return nil
		}
		if w.q.top().when >= oldest {
			left = slop
		} else if left--; left <= 0 {
			return nil
		}
		n := w.q.pop()
		n.author, n.body = nil, nil
		// Every queued commit is uninteresting by now: missing parents
		// are not errors, only failures to read.
		if err := w.processParents(n); err != nil {
			return err
		}
	}
	return nil
}
