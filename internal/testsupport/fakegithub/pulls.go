package fakegithub

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// pull is a pull request. While it is open its head and base follow their
// branches; closing or merging freezes them.
type pull struct {
	number      int
	id          int64
	title, body string
	head, base  string // branch names
	user        string
	draft       bool
	canModify   bool
	state       string // "open", "closed"
	created     time.Time
	updated     time.Time
	closed      time.Time
	merged      time.Time
	mergedBy    string
	mergeSHA    string
	headSHA     plumbing.Hash   // last seen head; frozen when closed
	baseSHA     plumbing.Hash   // frozen when closed
	commits     []plumbing.Hash // frozen when closed, oldest first
	landed      []plumbing.Hash // commits the merge created on the base branch
}

func (r *Repo) pull(number int) *pull {
	for _, p := range r.pulls {
		if p.number == number {
			return p
		}
	}
	return nil
}

// headSHA returns the head commit: the head branch's tip while the PR is
// open (or its last tip if the branch is gone), the frozen one after.
func (r *Repo) headSHA(p *pull) plumbing.Hash {
	if p.state == "open" {
		if h, ok := r.git().ref("refs/heads/" + p.head); ok {
			p.headSHA = h
		}
	}
	return p.headSHA
}

// baseSHA returns the base branch's tip while open, the frozen one after.
func (r *Repo) baseSHA(p *pull) plumbing.Hash {
	if p.state == "open" || p.baseSHA.IsZero() {
		if h, ok := r.git().ref("refs/heads/" + p.base); ok {
			return h
		}
	}
	return p.baseSHA
}

// pullCommits returns the PR's commits, oldest first.
func (r *Repo) pullCommits(p *pull) ([]*object.Commit, error) {
	g := r.git()
	if p.state != "open" {
		out := make([]*object.Commit, 0, len(p.commits))
		for _, h := range p.commits {
			c, err := g.commit(h)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, nil
	}
	exclude, err := g.ancestors(r.baseSHA(p))
	if err != nil {
		return nil, err
	}
	commits, err := g.revList([]plumbing.Hash{r.headSHA(p)}, exclude)
	if err != nil {
		return nil, err
	}
	reverse(commits)
	return commits, nil
}

func reverse[T any](s []T) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// closePull closes p, freezing its head, base and commits.
func (r *Repo) closePull(p *pull) error {
	commits, err := r.pullCommits(p)
	if err != nil {
		return err
	}
	r.freeze(p, r.headSHA(p), r.baseSHA(p), commits)
	return nil
}

// freeze closes p with the given head, base and commits.
func (r *Repo) freeze(p *pull, head, base plumbing.Hash, commits []*object.Commit) {
	p.headSHA, p.baseSHA = head, base
	p.commits = nil
	for _, c := range commits {
		p.commits = append(p.commits, c.Hash)
	}
	p.state = "closed"
	p.closed = r.s.now()
	p.updated = p.closed
}

// openPull creates a pull request, answering 422 the way GitHub does when
// head or base is missing, they are the same, an open PR already exists
// for them, or there are no commits between them.
func (r *Repo) openPull(actor, head, base, title, body string, draft bool) (*pull, *reply) {
	if owner, branch, ok := strings.Cut(head, ":"); ok {
		if !strings.EqualFold(owner, r.owner) {
			rep := invalid("Validation Failed", fieldError{Resource: "PullRequest", Field: "head", Code: "invalid"})
			return nil, &rep // forks are not modelled
		}
		head = branch
	}
	g := r.git()
	headTip, okHead := g.ref("refs/heads/" + head)
	baseTip, okBase := g.ref("refs/heads/" + base)
	switch {
	case title == "":
		rep := invalid("Validation Failed", fieldError{Resource: "PullRequest", Field: "title", Code: "missing_field"})
		return nil, &rep
	case !okBase:
		rep := invalid("Validation Failed", fieldError{Resource: "PullRequest", Field: "base", Code: "invalid"})
		return nil, &rep
	case !okHead:
		rep := invalid("Validation Failed", fieldError{Resource: "PullRequest", Field: "head", Code: "invalid"})
		return nil, &rep
	}
	if err := r.checkNewPull(head, base, headTip, baseTip); err != nil {
		rep := invalid("Validation Failed", fieldError{Resource: "PullRequest", Code: "custom", Message: err.Error()})
		return nil, &rep
	}
	now := r.s.now()
	r.nextNumber++
	p := &pull{
		number: r.nextNumber, id: r.s.newID(), title: title, body: body,
		head: head, base: base, user: actor, draft: draft, canModify: true,
		state: "open", created: now, updated: now, headSHA: headTip,
	}
	r.pulls = append(r.pulls, p)
	return p, nil
}

// checkNewPull returns GitHub's message when head cannot be proposed to base.
func (r *Repo) checkNewPull(head, base string, headTip, baseTip plumbing.Hash) error {
	if head == base {
		return fmt.Errorf("No commits between %s and %s", base, head)
	}
	for _, p := range r.pulls {
		if p.state == "open" && p.head == head && p.base == base {
			return fmt.Errorf("A pull request already exists for %s:%s.", r.owner, head)
		}
	}
	if in, err := r.git().isAncestor(headTip, baseTip); err != nil || in {
		return fmt.Errorf("No commits between %s and %s", base, head)
	}
	return nil
}

// GET /repos/{owner}/{repo}/pulls: filters state, head ("owner:branch"),
// base; sorts by created (default), updated or popularity/long-running
// (treated as created), direction desc by default.
func listPulls(c *call) reply {
	q := c.req.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	var out []*pull
	for _, p := range c.repo.pulls {
		if state != "all" && p.state != state {
			continue
		}
		if h := q.Get("head"); h != "" {
			owner, branch, _ := strings.Cut(h, ":")
			if !strings.EqualFold(owner, c.repo.owner) || (branch != "" && branch != p.head) {
				continue
			}
		}
		if b := q.Get("base"); b != "" && b != p.base {
			continue
		}
		out = append(out, p)
	}
	key := func(p *pull) time.Time { return p.created }
	if q.Get("sort") == "updated" {
		key = func(p *pull) time.Time { return p.updated }
	}
	asc := q.Get("direction") == "asc"
	sort.SliceStable(out, func(i, j int) bool {
		a, b := key(out[i]), key(out[j])
		if a.Equal(b) {
			return (out[i].number < out[j].number) == asc
		}
		return a.Before(b) == asc
	})
	items := make([]obj, 0, len(out))
	for _, p := range out {
		items = append(items, c.repo.pullJSON(p, false))
	}
	return list(c, items)
}

// POST /repos/{owner}/{repo}/pulls.
func createPull(c *call) reply {
	var in struct {
		Title, Head, Base, Body string
		Draft                   bool
		MaintainerCanModify     *bool `json:"maintainer_can_modify"`
	}
	if err := c.decode(&in); err != nil {
		return invalid("Problems parsing JSON")
	}
	if rep := c.repo.refuseActionsPull(c.actor); rep != nil {
		return *rep
	}
	p, rep := c.repo.openPull(c.actor, in.Head, in.Base, in.Title, in.Body, in.Draft)
	if rep != nil {
		return *rep
	}
	if in.MaintainerCanModify != nil {
		p.canModify = *in.MaintainerCanModify
	}
	return created(c.repo.pullJSON(p, true), c.repo.api("pulls", fmt.Sprint(p.number)))
}

// GET /repos/{owner}/{repo}/pulls/{pull_number}.
func getPull(c *call) reply {
	p := c.repo.pull(int(c.intParam("pull_number")))
	if p == nil {
		return notFound()
	}
	return okJSON(c.repo.pullJSON(p, true))
}

// PATCH /repos/{owner}/{repo}/pulls/{pull_number}: title, body, state
// (closing freezes the PR; reopening a merged PR is refused), base.
func updatePull(c *call) reply {
	p := c.repo.pull(int(c.intParam("pull_number")))
	if p == nil {
		return notFound()
	}
	var in struct {
		Title, Body, State, Base *string
		MaintainerCanModify      *bool `json:"maintainer_can_modify"`
	}
	if err := c.decode(&in); err != nil {
		return invalid("Problems parsing JSON")
	}
	if in.Base != nil && *in.Base != p.base {
		if p.state != "open" {
			return invalid("Validation Failed", fieldError{Resource: "PullRequest", Field: "base", Code: "invalid", Message: "Cannot change the base branch of a closed pull request."})
		}
		if _, ok := c.repo.git().ref("refs/heads/" + *in.Base); !ok {
			return invalid("Validation Failed", fieldError{Resource: "PullRequest", Field: "base", Code: "invalid"})
		}
		p.base = *in.Base
	}
	if in.State != nil && *in.State != p.state {
		switch {
		case *in.State == "closed":
			if err := c.repo.closePull(p); err != nil {
				return fail(http.StatusInternalServerError, err.Error())
			}
		case !p.merged.IsZero():
			return invalid("Validation Failed", fieldError{Resource: "PullRequest", Field: "state", Code: "invalid", Message: "state cannot be changed. The pull request cannot be reopened."})
		default:
			g := c.repo.git()
			headTip, okHead := g.ref("refs/heads/" + p.head)
			baseTip, okBase := g.ref("refs/heads/" + p.base)
			if !okHead || !okBase {
				return invalid("Validation Failed", fieldError{Resource: "PullRequest", Field: "state", Code: "invalid", Message: "state cannot be changed. The head or base branch was deleted."})
			}
			if err := c.repo.checkNewPull(p.head, p.base, headTip, baseTip); err != nil {
				return invalid("Validation Failed", fieldError{Resource: "PullRequest", Code: "custom", Message: err.Error()})
			}
			p.state, p.closed, p.commits = "open", time.Time{}, nil
		}
	}
	if in.Title != nil {
		p.title = *in.Title
	}
	if in.Body != nil {
		p.body = *in.Body
	}
	if in.MaintainerCanModify != nil {
		p.canModify = *in.MaintainerCanModify
	}
	p.updated = c.s.now()
	return okJSON(c.repo.pullJSON(p, true))
}

// GET /repos/{owner}/{repo}/pulls/{pull_number}/commits: oldest first.
func listPullCommits(c *call) reply {
	p := c.repo.pull(int(c.intParam("pull_number")))
	if p == nil {
		return notFound()
	}
	commits, err := c.repo.pullCommits(p)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	items := make([]obj, 0, len(commits))
	for _, commit := range commits {
		items = append(items, c.repo.commitJSON(commit))
	}
	return list(c, items)
}

// GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls: the PRs whose
// commits, merge commit or merged (squashed, rebased) commits include the
// sha, newest first.
func listCommitPulls(c *call) reply {
	sha, ok := c.repo.git().resolve(c.param("commit_sha"))
	if !ok {
		return fail(http.StatusUnprocessableEntity, "No commit found for SHA: "+c.param("commit_sha"))
	}
	var items []obj
	for i := len(c.repo.pulls) - 1; i >= 0; i-- {
		p := c.repo.pulls[i]
		commits, err := c.repo.pullCommits(p)
		if err != nil {
			return fail(http.StatusInternalServerError, err.Error())
		}
		match := p.mergeSHA == sha.String()
		for _, h := range p.landed {
			match = match || h == sha
		}
		for _, commit := range commits {
			match = match || commit.Hash == sha
		}
		if match {
			items = append(items, c.repo.pullJSON(p, false))
		}
	}
	return list(c, items)
}
