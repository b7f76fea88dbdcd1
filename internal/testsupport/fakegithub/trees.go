package fakegithub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// treeEntryIn is one entry of a create-tree request. Sha stays raw so that
// "sha": null (delete the path) differs from no sha at all.
type treeEntryIn struct {
	Path    string          `json:"path"`
	Mode    string          `json:"mode"`
	Type    string          `json:"type"`
	Sha     json.RawMessage `json:"sha"`
	Content *string         `json:"content"`
}

// POST /repos/{owner}/{repo}/git/trees: entries by sha or by content on top
// of base_tree; "sha": null deletes a path (a file, or a directory with
// everything below it); a tree entry (040000) replaces a directory.
func createTree(c *call) reply {
	var in struct {
		BaseTree string        `json:"base_tree"`
		Tree     []treeEntryIn `json:"tree"`
	}
	if err := c.decode(&in); err != nil {
		return invalid("Problems parsing JSON")
	}
	g := c.repo.git()
	flat := map[string]entry{}
	if in.BaseTree != "" {
		h, valid := hashParam(in.BaseTree)
		if valid {
			if peeled, ok := g.peelCommit(h); ok {
				h, _ = g.commitTree(peeled)
			}
		}
		var err error
		if flat, err = g.flatten(h); !valid || err != nil {
			return invalid("Invalid tree info", fieldError{Resource: "Tree", Field: "base_tree", Code: "invalid"})
		}
	}
	for i, e := range in.Tree {
		if err := applyTreeEntry(g, flat, e); err != nil {
			return invalid(fmt.Sprintf("tree.%d: %v", i, err), fieldError{Resource: "Tree", Field: "tree", Code: "invalid", Message: err.Error()})
		}
	}
	h, err := g.buildTree(flat)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	body, err := c.repo.treeJSON(g, h, false)
	if err != nil {
		return fail(http.StatusInternalServerError, err.Error())
	}
	return created(body, c.repo.api("git", "trees", h.String()))
}

// applyTreeEntry applies one create-tree entry to a flattened tree.
func applyTreeEntry(g *gitRepo, flat map[string]entry, e treeEntryIn) error {
	p := strings.Trim(path.Clean("/"+e.Path), "/")
	if p == "" || p != strings.Trim(e.Path, "/") {
		return fmt.Errorf("invalid path %q", e.Path)
	}
	removePath(flat, p)
	if string(e.Sha) == "null" {
		return nil // "sha": null deletes the path
	}
	var mode filemode.FileMode
	if _, err := fmt.Sscanf(e.Mode, "%o", &mode); err != nil {
		return fmt.Errorf("invalid mode %q", e.Mode)
	}
	var h plumbing.Hash
	switch {
	case e.Content != nil:
		if mode == filemode.Dir || mode == filemode.Submodule {
			return fmt.Errorf("content is only allowed for blobs")
		}
		var err error
		if h, err = g.putBlob([]byte(*e.Content)); err != nil {
			return err
		}
	case len(e.Sha) > 0:
		var sha string
		_ = json.Unmarshal(e.Sha, &sha)
		var valid bool
		if h, valid = hashParam(sha); !valid {
			return fmt.Errorf("invalid sha %q", sha)
		}
	default:
		return fmt.Errorf("either sha or content is required")
	}
	switch mode {
	case filemode.Dir:
		sub, err := g.flatten(h)
		if err != nil {
			return fmt.Errorf("tree %s does not exist", h)
		}
		for name, se := range sub {
			flat[p+"/"+name] = se
		}
		return nil
	case filemode.Submodule:
	default:
		if t, err := g.objectType(h); err != nil || t != plumbing.BlobObject {
			return fmt.Errorf("blob %s does not exist", h)
		}
	}
	flat[p] = entry{mode: mode, hash: h}
	return nil
}

// removePath deletes p from a flattened tree: the file p, every entry below
// the directory p, and any file that is a parent directory of p.
func removePath(flat map[string]entry, p string) {
	delete(flat, p)
	for name := range flat {
		if strings.HasPrefix(name, p+"/") {
			delete(flat, name)
		}
	}
	for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
		delete(flat, dir)
	}
}

// GET /repos/{owner}/{repo}/git/trees/{tree_sha}: a tree (or a commit's
// tree); ?recursive lists every entry below it.
func getTree(c *call) reply {
	g := c.repo.git()
	h, ok := g.resolve(c.param("tree_sha"))
	if ok {
		h, _ = g.commitTree(h)
	} else if h, ok = hashParam(c.param("tree_sha")); !ok {
		return notFound()
	}
	recursive := c.req.URL.Query().Get("recursive")
	body, err := c.repo.treeJSON(g, h, recursive != "" && recursive != "0" && recursive != "false")
	if err != nil {
		return notFound()
	}
	return okJSON(body)
}

// treeJSON returns a git-tree object.
func (r *Repo) treeJSON(g *gitRepo, h plumbing.Hash, recursive bool) (obj, error) {
	var entries []any
	var walk func(h plumbing.Hash, prefix string) error
	walk = func(h plumbing.Hash, prefix string) error {
		t, err := g.tree(h)
		if err != nil {
			return err
		}
		for _, e := range t.Entries {
			item := obj{"path": prefix + e.Name, "mode": treeMode(e.Mode), "sha": e.Hash.String()}
			switch e.Mode {
			case filemode.Dir:
				item["type"] = "tree"
				item["url"] = r.api("git", "trees", e.Hash.String())
			case filemode.Submodule:
				item["type"] = "commit"
			default:
				item["type"] = "blob"
				item["url"] = r.api("git", "blobs", e.Hash.String())
				if data, err := g.blob(e.Hash); err == nil {
					item["size"] = len(data)
				}
			}
			entries = append(entries, item)
			if recursive && e.Mode == filemode.Dir {
				if err := walk(e.Hash, prefix+e.Name+"/"); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(h, ""); err != nil {
		return nil, err
	}
	if recursive {
		sort.SliceStable(entries, func(i, j int) bool { return entries[i].(obj)["path"].(string) < entries[j].(obj)["path"].(string) })
	}
	if entries == nil {
		entries = []any{}
	}
	return obj{"sha": h.String(), "url": r.api("git", "trees", h.String()), "tree": entries, "truncated": false}, nil
}

// treeMode formats a file mode the way the API does ("100644", "040000").
func treeMode(m filemode.FileMode) string { return fmt.Sprintf("%06o", uint32(m)) }
