package memhost

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/releasebot/releasebot/internal/repohost"
)

// OpenPull opens a pull request from head into base as a user would and
// returns its number. Unlike CreatePull it does not refuse a second open
// pull request for the same branches: that is how a test arranges the
// duplicates a race can leave.
func (h *Host) OpenPull(head, base, title, body string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.openPull(head, base, title, body).Number
}

func (h *Host) openPull(head, base, title, body string) *repohost.Pull {
	p := &repohost.Pull{
		Number: len(h.pulls) + 1, Title: title, Body: body, State: "open",
		Head: head, Base: base, HeadSHA: h.refs["heads/"+head], UpdatedAt: h.tick(),
	}
	p.URL = fmt.Sprintf("https://example.test/pull/%d", p.Number)
	h.pulls = append(h.pulls, p)
	return p
}

// Merge squashes an open pull request: the base branch gets one commit,
// whose files are the head's, titled "TITLE (#N)"; the pull request is
// closed and merged with that commit. It returns the commit's hash.
func (h *Host) Merge(number int) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.pull(number)
	if p == nil || p.State != "open" {
		panic(fmt.Sprintf("memhost: merging #%d: no open pull request", number))
	}
	head := h.commits[h.refs["heads/"+p.Head]]
	c := h.newCommit([]string{h.refs["heads/"+p.Base]}, head.tree, fmt.Sprintf("%s (#%d)", p.Title, p.Number), "Dev One")
	h.refs["heads/"+p.Base] = c.hash
	p.State, p.Merged, p.MergedAt, p.MergeSHA, p.HeadSHA, p.UpdatedAt = "closed", true, c.time, c.hash, head.hash, c.time
	return c.hash
}

// Pulls returns every pull request, by number.
func (h *Host) Pulls() []repohost.Pull {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]repohost.Pull, len(h.pulls))
	for i, p := range h.pulls {
		out[i] = h.view(p)
	}
	return out
}

// CommentsOn returns a pull request's comments, oldest first.
func (h *Host) CommentsOn(number int) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.comments[number])
}

// Releases returns every release's body by tag.
func (h *Host) Releases() map[string]string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := map[string]string{}
	for _, r := range h.releases {
		out[r.Tag] = h.bodies[r.ID]
	}
	return out
}

func (h *Host) pull(number int) *repohost.Pull {
	if number < 1 || number > len(h.pulls) {
		return nil
	}
	return h.pulls[number-1]
}

// view copies a pull request; an open one's head commit follows its
// branch.
func (h *Host) view(p *repohost.Pull) repohost.Pull {
	c := *p
	c.Labels = slices.Clone(p.Labels)
	if c.State == "open" {
		c.HeadSHA = h.refs["heads/"+p.Head]
	}
	return c
}

// ListPulls lists pull requests most recently updated first, filtered as
// q says.
func (h *Host) ListPulls(_ context.Context, q repohost.PullQuery) ([]repohost.Pull, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	sorted := slices.Clone(h.pulls)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].UpdatedAt.After(sorted[j].UpdatedAt) })
	var out []repohost.Pull
	for _, p := range sorted {
		if !q.Stop.IsZero() && p.UpdatedAt.Before(q.Stop) || q.Limit > 0 && len(out) == q.Limit {
			break
		}
		if (q.State == "" || q.State == "all" || q.State == p.State) && (q.Head == "" || q.Head == p.Head) && (q.Base == "" || q.Base == p.Base) {
			out = append(out, h.view(p))
		}
	}
	return out, nil
}

// PullsOfCommit returns the merged pull requests whose merge commit or
// head commit is sha.
func (h *Host) PullsOfCommit(_ context.Context, sha string) ([]int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []int
	for _, p := range h.pulls {
		if p.Merged && (p.MergeSHA == sha || p.HeadSHA == sha) {
			out = append(out, p.Number)
		}
	}
	return out, nil
}

// CreatePull opens a pull request; repohost.ErrExists when one is open
// for the same head and base.
func (h *Host) CreatePull(_ context.Context, head, base, title, body string) (repohost.Pull, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, p := range h.pulls {
		if p.State == "open" && p.Head == head && p.Base == base {
			return repohost.Pull{}, fmt.Errorf("opening a pull request from %s: %w", head, repohost.ErrExists)
		}
	}
	if h.refs["heads/"+head] == "" || h.refs["heads/"+base] == "" {
		return repohost.Pull{}, fmt.Errorf("opening a pull request from %s into %s: no such branch", head, base)
	}
	h.writes++
	return h.view(h.openPull(head, base, title, body)), nil
}

// EditPull sets the title and body, and the state when not "".
func (h *Host) EditPull(_ context.Context, number int, title, body, state string) (repohost.Pull, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.pull(number)
	if p == nil {
		return repohost.Pull{}, fmt.Errorf("editing #%d: %w", number, repohost.ErrNotFound)
	}
	h.writes++
	p.Title, p.Body, p.UpdatedAt = title, body, h.tick()
	if state != "" {
		p.State = state
	}
	return h.view(p), nil
}

// AddLabels adds the labels a pull request lacks.
func (h *Host) AddLabels(_ context.Context, number int, labels ...string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.pull(number)
	if p == nil {
		return fmt.Errorf("labelling #%d: %w", number, repohost.ErrNotFound)
	}
	h.writes++
	for _, l := range labels {
		if !slices.Contains(p.Labels, l) {
			p.Labels = append(p.Labels, l)
		}
	}
	p.UpdatedAt = h.tick()
	return nil
}

// RemoveLabel removes a label; an absent one is no error.
func (h *Host) RemoveLabel(_ context.Context, number int, label string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.pull(number)
	if p == nil {
		return fmt.Errorf("unlabelling #%d: %w", number, repohost.ErrNotFound)
	}
	h.writes++
	p.Labels = slices.DeleteFunc(p.Labels, func(l string) bool { return l == label })
	p.UpdatedAt = h.tick()
	return nil
}

// Comments returns a pull request's comments, oldest first.
func (h *Host) Comments(_ context.Context, number int) ([]string, error) {
	return h.CommentsOn(number), nil
}

// Comment adds a comment.
func (h *Host) Comment(_ context.Context, number int, body string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.pull(number) == nil {
		return fmt.Errorf("commenting on #%d: %w", number, repohost.ErrNotFound)
	}
	h.writes++
	h.comments[number] = append(h.comments[number], body)
	return nil
}

// LatestRelease returns the last release created with Latest, nil if none.
func (h *Host) LatestRelease(context.Context) (*repohost.Release, error) {
	return h.release(func(r *repohost.Release) bool { return r.ID == h.latest }), nil
}

// ReleaseByTag returns the release of tag, nil if none.
func (h *Host) ReleaseByTag(_ context.Context, tag string) (*repohost.Release, error) {
	return h.release(func(r *repohost.Release) bool { return r.Tag == tag }), nil
}

func (h *Host) release(match func(*repohost.Release) bool) *repohost.Release {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, r := range h.releases {
		if match(r) {
			c := *r
			return &c
		}
	}
	return nil
}

// CreateRelease makes a release of an existing tag (GitHub would make a
// missing one; the bot tags first) and marks it latest when asked and
// neither a draft nor a pre-release; repohost.ErrExists when the tag has
// one.
func (h *Host) CreateRelease(_ context.Context, nr repohost.NewRelease) (repohost.Release, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.refs["tags/"+nr.Tag]; !ok {
		return repohost.Release{}, fmt.Errorf("creating release %s: no such tag", nr.Tag)
	}
	for _, r := range h.releases {
		if r.Tag == nr.Tag {
			return repohost.Release{}, fmt.Errorf("creating release %s: %w", nr.Tag, repohost.ErrExists)
		}
	}
	h.writes++
	r := &repohost.Release{ID: int64(len(h.releases) + 1), Tag: nr.Tag, Name: nr.Name, Draft: nr.Draft, Prerelease: nr.Prerelease,
		URL: "https://example.test/releases/tag/" + nr.Tag}
	h.releases = append(h.releases, r)
	h.bodies[r.ID] = nr.Body
	if nr.Latest && !nr.Draft && !nr.Prerelease {
		h.latest = r.ID
	}
	return *r, nil
}
