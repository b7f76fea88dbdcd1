package fakegithub

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// label is a repository label.
type label struct {
	id                 int64
	name, color, descr string
}

// comment is an issue (or pull request) comment.
type comment struct {
	id               int64
	issue            int
	body, user       string
	created, updated time.Time
}

// findLabel returns the repository label with that name (case-insensitive, like GitHub).
func (r *Repo) findLabel(name string) *label {
	for _, l := range r.labels {
		if strings.EqualFold(l.name, name) {
			return l
		}
	}
	return nil
}

// ensureLabel returns the label, creating it (color ededed) if absent,
// as GitHub does when a missing label is added to an issue.
func (r *Repo) ensureLabel(name string) *label {
	if l := r.findLabel(name); l != nil {
		return l
	}
	l := &label{id: r.s.newID(), name: name, color: "ededed"}
	r.labels = append(r.labels, l)
	return l
}

func (r *Repo) labelJSON(l *label) obj {
	return obj{
		"id": l.id, "node_id": nodeID("LA", l.id), "url": r.api("labels", url.PathEscape(l.name)),
		"name": l.name, "color": l.color, "description": nullable(l.descr), "default": false,
	}
}

func (r *Repo) issueLabelsJSON(issue int) []any {
	out := []any{}
	for _, name := range r.issueLabels[issue] {
		out = append(out, r.labelJSON(r.ensureLabel(name)))
	}
	return out
}

// addLabels adds labels to an issue, creating missing repository labels.
func (r *Repo) addLabels(issue int, names ...string) {
	for _, name := range names {
		l := r.ensureLabel(name)
		if !r.hasLabel(issue, l.name) {
			r.issueLabels[issue] = append(r.issueLabels[issue], l.name)
		}
	}
}

func (r *Repo) hasLabel(issue int, name string) bool {
	for _, n := range r.issueLabels[issue] {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// removeLabel removes a label from an issue; it reports whether it was there.
func (r *Repo) removeLabel(issue int, name string) bool {
	names := r.issueLabels[issue]
	for i, n := range names {
		if strings.EqualFold(n, name) {
			r.issueLabels[issue] = append(names[:i:i], names[i+1:]...)
			return true
		}
	}
	return false
}

// issue returns the issue number of the request, or 0 if no pull request
// has it (the fake models issues only as pull requests).
func (c *call) issue() int {
	n := int(c.intParam("issue_number"))
	if c.repo.pull(n) == nil {
		return 0
	}
	return n
}

// labelNames decodes {"labels": [...]} where items are names or {"name": ...}.
func labelNames(c *call) ([]string, error) {
	var in struct{ Labels []json.RawMessage }
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	var names []string
	for _, raw := range in.Labels {
		var name string
		if err := json.Unmarshal(raw, &name); err != nil {
			var o struct{ Name string }
			if err := json.Unmarshal(raw, &o); err != nil {
				return nil, err
			}
			name = o.Name
		}
		names = append(names, name)
	}
	return names, nil
}

// GET /repos/{owner}/{repo}/issues/{issue_number}/labels.
func listIssueLabels(c *call) reply {
	n := c.issue()
	if n == 0 {
		return notFound()
	}
	return list(c, c.repo.issueLabelsJSON(n))
}

// POST /repos/{owner}/{repo}/issues/{issue_number}/labels: adds labels,
// creating missing repository labels; answers the issue's labels.
func addIssueLabels(c *call) reply {
	n := c.issue()
	if n == 0 {
		return notFound()
	}
	names, err := labelNames(c)
	if err != nil {
		return invalid("Problems parsing JSON")
	}
	c.repo.addLabels(n, names...)
	c.repo.touch(n)
	return okJSON(c.repo.issueLabelsJSON(n))
}

// PUT /repos/{owner}/{repo}/issues/{issue_number}/labels: replaces the labels.
func setIssueLabels(c *call) reply {
	n := c.issue()
	if n == 0 {
		return notFound()
	}
	names, err := labelNames(c)
	if err != nil {
		return invalid("Problems parsing JSON")
	}
	c.repo.issueLabels[n] = nil
	c.repo.addLabels(n, names...)
	c.repo.touch(n)
	return okJSON(c.repo.issueLabelsJSON(n))
}

// DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}: 404
// "Label does not exist" when the issue does not have it.
func removeIssueLabel(c *call) reply {
	n := c.issue()
	if n == 0 {
		return notFound()
	}
	if !c.repo.removeLabel(n, c.param("name")) {
		return fail(404, "Label does not exist")
	}
	c.repo.touch(n)
	return okJSON(c.repo.issueLabelsJSON(n))
}

// touch bumps a pull request's updated_at.
func (r *Repo) touch(issue int) {
	if p := r.pull(issue); p != nil {
		p.updated = r.s.now()
	}
}

// GET /repos/{owner}/{repo}/labels.
func listRepoLabels(c *call) reply {
	items := make([]obj, 0, len(c.repo.labels))
	for _, l := range c.repo.labels {
		items = append(items, c.repo.labelJSON(l))
	}
	return list(c, items)
}

// POST /repos/{owner}/{repo}/labels: 422 already_exists for a taken name.
func createRepoLabel(c *call) reply {
	var in struct{ Name, Color, Description string }
	if err := c.decode(&in); err != nil {
		return invalid("Problems parsing JSON")
	}
	if c.repo.findLabel(in.Name) != nil {
		return invalid("Validation Failed", fieldError{Resource: "Label", Field: "name", Code: "already_exists"})
	}
	color := strings.TrimPrefix(in.Color, "#")
	if color == "" {
		color = "ededed"
	}
	l := &label{id: c.s.newID(), name: in.Name, color: color, descr: in.Description}
	c.repo.labels = append(c.repo.labels, l)
	return created(c.repo.labelJSON(l), c.repo.api("labels", url.PathEscape(l.name)))
}

func (r *Repo) commentJSON(cm *comment) obj {
	return obj{
		"id": cm.id, "node_id": nodeID("IC", cm.id),
		"url":      r.api("issues", "comments", fmt.Sprint(cm.id)),
		"html_url": r.web("pull", fmt.Sprint(cm.issue)) + fmt.Sprintf("#issuecomment-%d", cm.id),
		"body":     cm.body, "user": r.s.user(cm.user),
		"created_at": timestamp(cm.created), "updated_at": timestamp(cm.updated),
		"issue_url":          r.api("issues", fmt.Sprint(cm.issue)),
		"author_association": r.association(cm.user),
	}
}

func (r *Repo) commentCount(issue int) int {
	n := 0
	for _, cm := range r.comments {
		if cm.issue == issue {
			n++
		}
	}
	return n
}

// GET /repos/{owner}/{repo}/issues/{issue_number}/comments: oldest first.
func listComments(c *call) reply {
	n := c.issue()
	if n == 0 {
		return notFound()
	}
	var items []obj
	for _, cm := range c.repo.comments {
		if cm.issue == n {
			items = append(items, c.repo.commentJSON(cm))
		}
	}
	return list(c, items)
}

// POST /repos/{owner}/{repo}/issues/{issue_number}/comments.
func createComment(c *call) reply {
	n := c.issue()
	if n == 0 {
		return notFound()
	}
	var in struct{ Body string }
	if err := c.decode(&in); err != nil {
		return invalid("Problems parsing JSON")
	}
	now := c.s.now()
	cm := &comment{id: c.s.newID(), issue: n, body: in.Body, user: c.actor, created: now, updated: now}
	c.repo.comments = append(c.repo.comments, cm)
	return created(c.repo.commentJSON(cm), c.repo.api("issues", "comments", fmt.Sprint(cm.id)))
}

// PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}.
func updateComment(c *call) reply {
	id := c.intParam("comment_id")
	for _, cm := range c.repo.comments {
		if cm.id == id {
			var in struct{ Body string }
			if err := c.decode(&in); err != nil {
				return invalid("Problems parsing JSON")
			}
			cm.body, cm.updated = in.Body, c.s.now()
			return okJSON(c.repo.commentJSON(cm))
		}
	}
	return notFound()
}
