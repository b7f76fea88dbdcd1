package fakegithub

import (
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// GET /repos/{owner}/{repo}.
func getRepo(c *call) reply { return okJSON(c.repo.json()) }

// GET /repos/{owner}/{repo}/commits: history of sha (default: the default
// branch), newest first (git rev-list --date-order); filters path (a commit
// counts if it changes the path relative to every parent), author (login or
// email), since/until (committer date). 409 for an empty repository.
func listCommits(c *call) reply {
	q := c.req.URL.Query()
	g := c.repo.git()
	rev := q.Get("sha")
	if rev == "" {
		rev = c.repo.defaultBranch
	}
	tip, ok := g.resolve(rev)
	if !ok {
		if refs, _ := g.refs("refs/heads/"); len(refs) == 0 {
			return fail(http.StatusConflict, "Git Repository is empty.")
		}
		return notFound()
	}
	commits, err := g.revList([]plumbing.Hash{tip}, nil)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	since, _ := time.Parse(time.RFC3339, q.Get("since"))
	until, _ := time.Parse(time.RFC3339, q.Get("until"))
	p := strings.Trim(q.Get("path"), "/")
	author := q.Get("author")
	var items []obj
	for _, commit := range commits {
		when := commit.Committer.When
		if (!since.IsZero() && when.Before(since)) || (!until.IsZero() && when.After(until)) {
			continue
		}
		if author != "" && !c.s.authoredBy(commit, author) {
			continue
		}
		if p != "" && !touches(g, commit, p) {
			continue
		}
		items = append(items, c.repo.commitJSON(commit))
	}
	return list(c, items)
}

// authoredBy reports whether author (a login or an email) wrote the commit.
func (s *Server) authoredBy(c *object.Commit, author string) bool {
	if strings.EqualFold(c.Author.Email, author) {
		return true
	}
	if m := noreply.FindStringSubmatch(c.Author.Email); m != nil {
		return strings.EqualFold(m[1], author)
	}
	return false
}

// touches reports whether a commit changes path (a file or a directory)
// relative to each of its parents.
func touches(g *gitRepo, c *object.Commit, p string) bool {
	at := func(tree plumbing.Hash) plumbing.Hash {
		t, err := g.tree(tree)
		if err != nil {
			return plumbing.ZeroHash
		}
		e, err := t.FindEntry(p)
		if err != nil {
			return plumbing.ZeroHash
		}
		return e.Hash
	}
	mine := at(c.TreeHash)
	if len(c.ParentHashes) == 0 {
		return !mine.IsZero()
	}
	for _, ph := range c.ParentHashes {
		tree, err := g.commitTree(ph)
		if err != nil || at(tree) == mine {
			return false
		}
	}
	return true
}

// GET /repos/{owner}/{repo}/commits/{ref}: the commit with stats and files
// (relative to its first parent); 422 "No commit found" when unknown.
func getCommit(c *call) reply {
	g := c.repo.git()
	h, ok := g.resolve(c.param("ref"))
	if !ok {
		return fail(http.StatusUnprocessableEntity, "No commit found for SHA: "+c.param("ref"))
	}
	commit, err := g.commit(h)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	parent := plumbing.ZeroHash
	if len(commit.ParentHashes) > 0 {
		parent = commit.ParentHashes[0]
	}
	files, err := c.repo.diffFiles(g, parent, h)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	o := c.repo.commitJSON(commit)
	var adds, dels int
	list := make([]any, 0, len(files))
	for _, f := range files {
		adds, dels = adds+f.additions, dels+f.deletions
		list = append(list, c.repo.fileJSON(f, h.String()))
	}
	o["stats"] = obj{"additions": adds, "deletions": dels, "total": adds + dels}
	o["files"] = list
	return okJSON(o)
}

// fileDiff is one changed path between two commits.
type fileDiff struct {
	name, status, sha    string
	additions, deletions int
}

// diffFiles lists the paths changed from commit a to commit b (the zero
// hash is the empty tree), sorted by name, at most 300 like GitHub.
func (r *Repo) diffFiles(g *gitRepo, a, b plumbing.Hash) ([]fileDiff, error) {
	trees := make([]*object.Tree, 2)
	flats := make([]map[string]entry, 2)
	for i, h := range []plumbing.Hash{a, b} {
		th, err := g.commitTree(h)
		if err != nil {
			return nil, err
		}
		if !th.IsZero() {
			if trees[i], err = g.tree(th); err != nil {
				return nil, err
			}
		}
		if flats[i], err = g.flatten(th); err != nil {
			return nil, err
		}
	}
	lines := map[string][2]int{}
	if changes, err := object.DiffTree(trees[0], trees[1]); err == nil {
		if patch, err := changes.Patch(); err == nil {
			for _, st := range patch.Stats() {
				lines[st.Name] = [2]int{st.Addition, st.Deletion}
			}
		}
	}
	var out []fileDiff
	for p, be := range flats[1] {
		ae, existed := flats[0][p]
		switch {
		case !existed:
			out = append(out, fileDiff{name: p, status: "added", sha: be.hash.String()})
		case ae.hash != be.hash:
			out = append(out, fileDiff{name: p, status: "modified", sha: be.hash.String()})
		case ae.mode != be.mode:
			out = append(out, fileDiff{name: p, status: "changed", sha: be.hash.String()})
		}
	}
	for p, ae := range flats[0] {
		if _, ok := flats[1][p]; !ok {
			out = append(out, fileDiff{name: p, status: "removed", sha: ae.hash.String()})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	for i := range out {
		out[i].additions, out[i].deletions = lines[out[i].name][0], lines[out[i].name][1]
	}
	if len(out) > 300 {
		out = out[:300]
	}
	return out, nil
}

func (r *Repo) fileJSON(f fileDiff, ref string) obj {
	return obj{
		"sha": f.sha, "filename": f.name, "status": f.status,
		"additions": f.additions, "deletions": f.deletions, "changes": f.additions + f.deletions,
		"blob_url":     r.web("blob", ref, f.name),
		"raw_url":      r.web("raw", ref, f.name),
		"contents_url": r.api("contents", f.name) + "?ref=" + ref,
	}
}

// GET /repos/{owner}/{repo}/tags: newest version first: names compared by
// runs of digits as numbers and other runs as text, descending (so v1.10.0
// comes before v1.9.0); paginated.
func listTags(c *call) reply {
	g := c.repo.git()
	refs, err := g.refs("refs/tags/")
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	sort.SliceStable(refs, func(i, j int) bool {
		return versionLess(refs[j].Name().Short(), refs[i].Name().Short())
	})
	items := make([]obj, 0, len(refs))
	for _, ref := range refs {
		name := strings.TrimPrefix(ref.Name().String(), "refs/tags/")
		h, _, _ := g.peel(ref.Hash())
		items = append(items, obj{
			"name": name, "node_id": nodeID("TAG", c.repo.FullName()+":"+name),
			"commit":      obj{"sha": h.String(), "url": c.repo.api("commits", h.String())},
			"zipball_url": c.repo.api("zipball", "refs", "tags", name),
			"tarball_url": c.repo.api("tarball", "refs", "tags", name),
		})
	}
	return list(c, items)
}

// versionLess orders names by runs: digit runs numerically, others as text.
func versionLess(a, b string) bool {
	for a != "" && b != "" {
		ra, rb := run(a), run(b)
		a, b = a[len(ra):], b[len(rb):]
		if ra == rb {
			continue
		}
		da, db := isDigit(ra[0]), isDigit(rb[0])
		if da && db {
			na, nb := strings.TrimLeft(ra, "0"), strings.TrimLeft(rb, "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			continue
		}
		return ra < rb
	}
	return len(a) < len(b)
}

func run(s string) string {
	d := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == d {
		i++
	}
	return s[:i]
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
