package fakegithub

import (
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// GET /repos/{owner}/{repo}/contents/{path}: at ?ref (default: the default
// branch) a file answers content-file (base64 content, blob sha), a
// directory the listing of its entries (without content), a symlink whose
// target is a regular file of the repository that file (as GitHub
// documents), another symlink content-symlink, a submodule
// content-submodule; 404 when absent.
func getContents(c *call) reply {
	g := c.repo.git()
	ref := c.req.URL.Query().Get("ref")
	if ref == "" {
		ref = c.repo.defaultBranch
	}
	h, ok := g.resolve(ref)
	if !ok {
		return fail(http.StatusNotFound, "No commit found for the ref "+ref)
	}
	commit, err := g.commit(h)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	root, err := commit.Tree()
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	p := strings.Trim(c.param("path"), "/")
	if p == "" {
		return okJSON(c.repo.dirJSON(g, root, "", ref))
	}
	e, err := root.FindEntry(p)
	if err != nil {
		return notFound()
	}
	if e.Mode == filemode.Dir {
		sub, err := g.tree(e.Hash)
		if err != nil {
			return fail(http.StatusInternalServerError, err.Error())
		}
		return okJSON(c.repo.dirJSON(g, sub, p, ref))
	}
	if e.Mode == filemode.Symlink {
		if target, te, ok := linkedFile(g, root, p, e); ok {
			e, p = te, target
		}
	}
	o := c.repo.contentJSON(g, *e, p, ref)
	if o["type"] == "file" {
		data, err := g.blob(e.Hash)
		if err != nil {
			return fail(http.StatusInternalServerError, err.Error())
		}
		o["encoding"], o["content"] = "base64", wrapBase64(data)
	}
	return okJSON(o)
}

// linkedFile returns the regular file the symbolic link at p names, when
// it is one inside the repository.
func linkedFile(g *gitRepo, root *object.Tree, p string, link *object.TreeEntry) (string, *object.TreeEntry, bool) {
	data, err := g.blob(link.Hash)
	if err != nil || path.IsAbs(string(data)) {
		return "", nil, false
	}
	target := path.Join(path.Dir(p), string(data))
	if target == ".." || strings.HasPrefix(target, "../") {
		return "", nil, false
	}
	e, err := root.FindEntry(target)
	if err != nil || !e.Mode.IsFile() || e.Mode == filemode.Symlink {
		return "", nil, false
	}
	return target, e, true
}

// dirJSON lists a directory's entries.
func (r *Repo) dirJSON(g *gitRepo, t *object.Tree, dir, ref string) []any {
	out := make([]any, 0, len(t.Entries))
	for _, e := range t.Entries {
		out = append(out, r.contentJSON(g, e, path.Join(dir, e.Name), ref))
	}
	return out
}

// contentJSON describes one entry without its content.
func (r *Repo) contentJSON(g *gitRepo, e object.TreeEntry, p, ref string) obj {
	sha := e.Hash.String()
	self := r.api("contents", p) + "?ref=" + url.QueryEscape(ref)
	o := obj{
		"name": e.Name, "path": p, "sha": sha, "size": 0, "url": self,
		"html_url": r.web("blob", ref, p), "git_url": r.api("git", "blobs", sha),
		"download_url": r.s.webBase + "raw/" + r.FullName() + "/" + ref + "/" + p,
	}
	switch e.Mode {
	case filemode.Dir:
		o["type"], o["download_url"] = "dir", nil
		o["html_url"], o["git_url"] = r.web("tree", ref, p), r.api("git", "trees", sha)
	case filemode.Submodule:
		o["type"], o["download_url"], o["size"] = "submodule", nil, 0
		o["submodule_git_url"] = "git://unknown/" + e.Name + ".git"
		o["git_url"] = r.api("git", "trees", sha)
	default:
		data, _ := g.blob(e.Hash)
		o["size"] = len(data)
		o["type"] = "file"
		if e.Mode == filemode.Symlink {
			o["type"], o["target"] = "symlink", string(data)
		}
	}
	o["_links"] = obj{"self": self, "git": o["git_url"], "html": o["html_url"]}
	return o
}
