package fakegithub

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// fullRef turns the {ref} of the git/ref(s) endpoints ("heads/main") into a
// full ref name; a name already starting with "refs/" is kept.
func fullRef(ref string) string {
	if strings.HasPrefix(ref, "refs/") {
		return ref
	}
	return "refs/" + ref
}

// GET /repos/{owner}/{repo}/git/ref/{ref}: 404 when absent.
func getRef(c *call) reply {
	g := c.repo.git()
	name := fullRef(c.param("ref"))
	h, found := g.ref(name)
	if !found {
		return notFound()
	}
	return okJSON(c.repo.refJSON(g, plumbing.NewHashReference(plumbing.ReferenceName(name), h)))
}

// GET /repos/{owner}/{repo}/git/matching-refs/{ref}: refs whose name starts
// with refs/{ref}, sorted by name, paginated.
func listMatchingRefs(c *call) reply {
	g := c.repo.git()
	refs, err := g.refs("refs/" + c.param("ref"))
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	items := make([]obj, 0, len(refs))
	for _, ref := range refs {
		items = append(items, c.repo.refJSON(g, ref))
	}
	return list(c, items)
}

// POST /repos/{owner}/{repo}/git/refs: 422 "Reference already exists" when
// it does, 422 when the name is not refs/X/Y or the object is missing.
func createRef(c *call) reply {
	var in struct{ Ref, Sha string }
	if err := c.decode(&in); err != nil {
		return invalid("Problems parsing JSON")
	}
	if !strings.HasPrefix(in.Ref, "refs/") || strings.Count(in.Ref, "/") < 2 {
		return invalid("Reference name is invalid")
	}
	g := c.repo.git()
	h := plumbing.NewHash(in.Sha)
	if _, err := g.objectType(h); err != nil || !plumbing.IsHash(in.Sha) {
		return invalid("Object does not exist")
	}
	if _, exists := g.ref(in.Ref); exists {
		return invalid("Reference already exists")
	}
	if err := g.setRef(in.Ref, h, plumbing.ZeroHash); err != nil {
		return invalid("Reference already exists")
	}
	return created(c.repo.refJSON(g, plumbing.NewHashReference(plumbing.ReferenceName(in.Ref), h)), c.repo.api("git", in.Ref))
}

// PATCH /repos/{owner}/{repo}/git/refs/{ref}: compare-and-swap. Without
// force the new commit must descend from the current one, else 422 "Update
// is not a fast forward".
func updateRef(c *call) reply {
	var in struct {
		Sha   string
		Force bool
	}
	if err := c.decode(&in); err != nil {
		return invalid("Problems parsing JSON")
	}
	g := c.repo.git()
	name := fullRef(c.param("ref"))
	cur, exists := g.ref(name)
	if !exists {
		return invalid("Reference does not exist")
	}
	h := plumbing.NewHash(in.Sha)
	if _, err := g.objectType(h); err != nil || !plumbing.IsHash(in.Sha) {
		return invalid("Object does not exist")
	}
	if !in.Force {
		from, _, _ := g.peel(cur)
		to, _, _ := g.peel(h)
		if ff, err := g.isAncestor(from, to); err != nil || !ff {
			return invalid("Update is not a fast forward")
		}
	}
	if err := g.setRef(name, h, cur); err != nil {
		return invalid("Update is not a fast forward")
	}
	return okJSON(c.repo.refJSON(g, plumbing.NewHashReference(plumbing.ReferenceName(name), h)))
}

// DELETE /repos/{owner}/{repo}/git/refs/{ref}: 204, or 422 "Reference does
// not exist".
func deleteRef(c *call) reply {
	g := c.repo.git()
	name := fullRef(c.param("ref"))
	if _, ok := g.ref(name); !ok {
		return invalid("Reference does not exist")
	}
	if err := g.deleteRef(name); err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	return noContent()
}

// POST /repos/{owner}/{repo}/git/blobs: content in "utf-8" (default) or "base64".
func createBlob(c *call) reply {
	var in struct{ Content, Encoding string }
	if err := c.decode(&in); err != nil {
		return invalid("Problems parsing JSON")
	}
	data := []byte(in.Content)
	switch in.Encoding {
	case "", "utf-8":
	case "base64":
		var err error
		if data, err = base64.StdEncoding.DecodeString(in.Content); err != nil {
			return invalid("Invalid Base64 content")
		}
	default:
		return invalid("Unsupported encoding " + in.Encoding)
	}
	h, err := c.repo.git().putBlob(data)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	return created(obj{"sha": h.String(), "url": c.repo.api("git", "blobs", h.String())}, c.repo.api("git", "blobs", h.String()))
}

// GET /repos/{owner}/{repo}/git/blobs/{file_sha}: base64 content wrapped at
// 60 characters, as GitHub sends it.
func getBlob(c *call) reply {
	h, valid := hashParam(c.param("file_sha"))
	if !valid {
		return notFound()
	}
	data, err := c.repo.git().blob(h)
	if err != nil {
		return notFound()
	}
	return okJSON(obj{
		"sha": h.String(), "node_id": nodeID("B", h.String()), "url": c.repo.api("git", "blobs", h.String()),
		"size": len(data), "encoding": "base64", "content": wrapBase64(data),
	})
}

func wrapBase64(data []byte) string {
	enc := base64.StdEncoding.EncodeToString(data)
	var b strings.Builder
	for len(enc) > 60 {
		b.WriteString(enc[:60] + "\n")
		enc = enc[60:]
	}
	b.WriteString(enc)
	b.WriteString("\n")
	return b.String()
}

func hashParam(s string) (plumbing.Hash, bool) {
	if len(s) != 40 || !plumbing.IsHash(s) {
		return plumbing.ZeroHash, false
	}
	return plumbing.NewHash(s), true
}

// gitTime parses a date of the git data API; absent means now.
func (c *call) gitTime(s string) (time.Time, error) {
	if s == "" {
		return c.s.now(), nil
	}
	return time.Parse(time.RFC3339, s)
}

// identity is the git identity GitHub uses for a login.
func (s *Server) identity(login string) (name, email string) {
	return login, fmt.Sprintf("%d+%s@users.noreply.github.com", s.userID(login), login)
}

type gitPerson struct{ Name, Email, Date string }

// signature builds a git signature from a request's author/committer,
// defaulting to the caller's identity and now.
func (c *call) signature(p *gitPerson) (object.Signature, error) {
	name, email := c.s.identity(c.actor)
	var date string
	if p != nil {
		name, email, date = p.Name, p.Email, p.Date
	}
	when, err := c.gitTime(date)
	return object.Signature{Name: name, Email: email, When: when}, err
}

// POST /repos/{owner}/{repo}/git/commits.
func createGitCommit(c *call) reply {
	var in struct {
		Message, Tree     string
		Parents           []string
		Author, Committer *gitPerson
		Signature         string
	}
	if err := c.decode(&in); err != nil {
		return invalid("Problems parsing JSON")
	}
	g := c.repo.git()
	tree, valid := hashParam(in.Tree)
	if t, err := g.objectType(tree); !valid || err != nil || t != plumbing.TreeObject {
		return invalid("Tree SHA does not exist")
	}
	commit := &object.Commit{Message: in.Message, TreeHash: tree}
	for _, p := range in.Parents {
		h, valid := hashParam(p)
		if t, err := g.objectType(h); !valid || err != nil || t != plumbing.CommitObject {
			return invalid("Parent SHA does not exist or is not a commit object")
		}
		commit.ParentHashes = append(commit.ParentHashes, h)
	}
	var err error
	if commit.Author, err = c.signature(in.Author); err != nil {
		return invalid("Invalid author date: " + err.Error())
	}
	commit.Committer = commit.Author
	if in.Committer != nil {
		if commit.Committer, err = c.signature(in.Committer); err != nil {
			return invalid("Invalid committer date: " + err.Error())
		}
	}
	commit.PGPSignature = in.Signature
	h, err := g.put(commit)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	stored, err := g.commit(h)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	return created(c.repo.gitCommitJSON(stored), c.repo.api("git", "commits", h.String()))
}

// GET /repos/{owner}/{repo}/git/commits/{commit_sha}.
func getGitCommit(c *call) reply {
	h, valid := hashParam(c.param("commit_sha"))
	if !valid {
		return notFound()
	}
	commit, err := c.repo.git().commit(h)
	if err != nil {
		return notFound()
	}
	return okJSON(c.repo.gitCommitJSON(commit))
}

// POST /repos/{owner}/{repo}/git/tags: stores an annotated tag object; like
// GitHub it does not create the refs/tags ref.
func createGitTag(c *call) reply {
	var in struct {
		Tag, Message, Object, Type string
		Tagger                     *gitPerson
	}
	if err := c.decode(&in); err != nil {
		return invalid("Problems parsing JSON")
	}
	g := c.repo.git()
	target, valid := hashParam(in.Object)
	t, err := g.objectType(target)
	if !valid || err != nil {
		return invalid("Object does not exist")
	}
	if t.String() != in.Type {
		return invalid(fmt.Sprintf("Object is a %s, not a %s", t, in.Type))
	}
	tagger, err := c.signature(in.Tagger)
	if err != nil {
		return invalid("Invalid tagger date: " + err.Error())
	}
	h, err := g.put(&object.Tag{Name: in.Tag, Message: in.Message, Tagger: tagger, Target: target, TargetType: t})
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	tag, err := g.tag(h)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	return created(c.repo.gitTagJSON(tag), c.repo.api("git", "tags", h.String()))
}

// GET /repos/{owner}/{repo}/git/tags/{tag_sha}.
func getGitTag(c *call) reply {
	h, valid := hashParam(c.param("tag_sha"))
	if !valid {
		return notFound()
	}
	tag, err := c.repo.git().tag(h)
	if err != nil {
		return notFound()
	}
	return okJSON(c.repo.gitTagJSON(tag))
}

func (r *Repo) gitTagJSON(t *object.Tag) obj {
	sha := t.Hash.String()
	kind := t.TargetType.String()
	return obj{
		"sha": sha, "node_id": nodeID("TAG", sha), "url": r.api("git", "tags", sha),
		"tag": t.Name, "message": t.Message,
		"tagger":       obj{"name": t.Tagger.Name, "email": t.Tagger.Email, "date": timestamp(t.Tagger.When)},
		"object":       obj{"sha": t.Target.String(), "type": kind, "url": r.api("git", kind+"s", t.Target.String())},
		"verification": verification(),
	}
}
