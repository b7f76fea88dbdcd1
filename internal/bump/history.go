package bump

import (
	"context"

	"github.com/releasebot/releasebot/internal/gitlog"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
)

// State reads the checkout's history. A shallow clone is refused with the
// way to fetch the whole history, since its tags and commits are missing.
// Commits are parsed while the walk finds them (State.Parsed).
func (w *Workspace) State() (plan.State, error) {
	return w.StateWith(context.Background(), nil)
}

// StateWith is State counting extra tags (made since, through the API) as
// if they were in the checkout.
func (w *Workspace) StateWith(ctx context.Context, extra []release.Tag) (plan.State, error) {
	shallow, err := w.repo.Shallow()
	if err != nil {
		return plan.State{}, err
	}
	if shallow {
		return plan.State{}, errShallow()
	}
	r := checkoutReader{w: w, parser: newAheadParser()}
	st, err := plan.LoadState(ctx, r, w.Config, extra)
	st.Parsed = r.parser.finish()
	return st, err
}

func errShallow() error { return gitlog.ErrShallow }

// checkoutReader is the checkout as plan.LoadState reads it.
type checkoutReader struct {
	w      *Workspace
	parser *aheadParser
}

func (r checkoutReader) Tip(context.Context) (string, error) { return r.w.repo.Head() }

func (r checkoutReader) Tags(context.Context) ([]release.Tag, error) {
	raw, err := r.w.repo.Tags()
	if err != nil {
		return nil, err
	}
	tags := make([]release.Tag, len(raw))
	for i, t := range raw {
		tags[i] = release.Tag{Name: t.Name, Commit: t.Commit}
	}
	return tags, nil
}

func (r checkoutReader) Since(_ context.Context, head, base string) ([]release.Commit, bool, error) {
	var exclude []string
	if base != "" {
		if !r.w.repo.HasCommit(base) {
			// A tag made through the API after this checkout was taken
			// (a run that just published): its commit is not here, so it
			// cannot be an ancestor of HEAD.
			return nil, false, nil
		}
		exclude = []string{base}
	}
	commits, ancestors, err := r.w.repo.RangeFunc(head, exclude, r.parser.visit)
	return commits, base == "" || ancestors[base], err
}

// ReadFile reads a file as HEAD commits it: the state of the repository
// is what is committed, not what a previous `bump` left in the work tree.
// A symbolic link is followed only inside the repository.
func (r checkoutReader) ReadFile(ctx context.Context, path string) ([]byte, error) {
	head, err := r.Tip(ctx)
	if err != nil {
		return nil, err
	}
	return r.w.fileAt(head, path)
}
