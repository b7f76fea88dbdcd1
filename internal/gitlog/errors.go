package gitlog

import (
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
)

// ErrShallow is returned, wrapped, by Range when the walk needs commits that
// a shallow clone does not have; test for it with errors.Is. Its message
// says how to fetch the whole history.
var ErrShallow = errors.New("the history is shallow (a shallow clone): " +
	"fetch it whole with `git fetch --unshallow` or, in GitHub Actions, " +
	"set `fetch-depth: 0` on actions/checkout")

// missing explains why object h cannot be read: the clone is shallow
// (ErrShallow), or the repository is incomplete or damaged.
func (r *Repo) missing(h plumbing.Hash) error {
	if shallow, err := r.Shallow(); err == nil && shallow {
		return fmt.Errorf("object %s is missing: %w", h, ErrShallow)
	}
	return fmt.Errorf("object %s is missing from the repository "+
		"(a damaged repository, or a partial clone that go-git cannot complete)", h)
}
