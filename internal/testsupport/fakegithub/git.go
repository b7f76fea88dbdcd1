package fakegithub

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// gitRepo reads and writes a bare repository on disk. A fresh one is opened
// for every operation, so objects and packs pushed by the git CLI in the
// meantime are always seen.
type gitRepo struct {
	st *filesystem.Storage
}

func openGit(dir string) *gitRepo {
	return &gitRepo{st: filesystem.NewStorage(osfs.New(dir), cache.NewObjectLRUDefault())}
}

// entry is a non-tree entry of a flattened tree.
type entry struct {
	mode filemode.FileMode
	hash plumbing.Hash
}

// putBlob stores data as a blob.
func (g *gitRepo) putBlob(data []byte) (plumbing.Hash, error) {
	o := g.st.NewEncodedObject()
	o.SetType(plumbing.BlobObject)
	o.SetSize(int64(len(data)))
	w, err := o.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return g.st.SetEncodedObject(o)
}

// blob returns a blob's content.
func (g *gitRepo) blob(h plumbing.Hash) ([]byte, error) {
	o, err := g.st.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, err
	}
	r, err := o.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func (g *gitRepo) commit(h plumbing.Hash) (*object.Commit, error) {
	return object.GetCommit(g.st, h)
}

func (g *gitRepo) tree(h plumbing.Hash) (*object.Tree, error) {
	return object.GetTree(g.st, h)
}

func (g *gitRepo) tag(h plumbing.Hash) (*object.Tag, error) {
	return object.GetTag(g.st, h)
}

// objectType returns the type of a stored object.
func (g *gitRepo) objectType(h plumbing.Hash) (plumbing.ObjectType, error) {
	o, err := g.st.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return plumbing.InvalidObject, err
	}
	return o.Type(), nil
}

// put stores an encodable object (tree, commit, tag).
func (g *gitRepo) put(v interface {
	Encode(plumbing.EncodedObject) error
}) (plumbing.Hash, error) {
	o := g.st.NewEncodedObject()
	if err := v.Encode(o); err != nil {
		return plumbing.ZeroHash, err
	}
	return g.st.SetEncodedObject(o)
}

// flatten lists every non-tree entry below tree h by slash-separated path.
// The zero hash is the empty tree.
func (g *gitRepo) flatten(h plumbing.Hash) (map[string]entry, error) {
	flat := map[string]entry{}
	if h.IsZero() {
		return flat, nil
	}
	var walk func(h plumbing.Hash, prefix string) error
	walk = func(h plumbing.Hash, prefix string) error {
		t, err := g.tree(h)
		if err != nil {
			return err
		}
		for _, e := range t.Entries {
			if e.Mode == filemode.Dir {
				if err := walk(e.Hash, prefix+e.Name+"/"); err != nil {
					return err
				}
				continue
			}
			flat[prefix+e.Name] = entry{mode: e.Mode, hash: e.Hash}
		}
		return nil
	}
	return flat, walk(h, "")
}

// buildTree stores the nested trees for a flattened tree and returns the
// root's hash. Directories without entries vanish, as in git.
func (g *gitRepo) buildTree(flat map[string]entry) (plumbing.Hash, error) {
	dirs := map[string][]object.TreeEntry{"": nil}
	children := map[string]map[string]bool{}
	for p, e := range flat {
		dir, name := path.Split(p)
		dir = strings.TrimSuffix(dir, "/")
		dirs[dir] = append(dirs[dir], object.TreeEntry{Name: name, Mode: e.mode, Hash: e.hash})
		for dir != "" {
			parent, base := path.Split(dir)
			parent = strings.TrimSuffix(parent, "/")
			if children[parent] == nil {
				children[parent] = map[string]bool{}
			}
			children[parent][base] = true
			if _, ok := dirs[parent]; !ok {
				dirs[parent] = nil
			}
			dir = parent
		}
	}
	var build func(dir string) (plumbing.Hash, error)
	build = func(dir string) (plumbing.Hash, error) {
		entries := dirs[dir]
		for name := range children[dir] {
			sub := name
			if dir != "" {
				sub = dir + "/" + name
			}
			h, err := build(sub)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
		}
		sort.Sort(object.TreeEntrySorter(entries))
		return g.put(&object.Tree{Entries: entries})
	}
	return build("")
}

// ref returns the hash a full ref name points to.
func (g *gitRepo) ref(name string) (plumbing.Hash, bool) {
	r, err := g.st.Reference(plumbing.ReferenceName(name))
	if err != nil || r.Type() != plumbing.HashReference {
		return plumbing.ZeroHash, false
	}
	return r.Hash(), true
}

// errStale is returned when a ref moved since it was read.
var errStale = errors.New("reference changed concurrently")

// setRef points a full ref name at h if it still points at old (the zero
// hash: if it does not exist).
func (g *gitRepo) setRef(name string, h, old plumbing.Hash) error {
	cur, exists := g.ref(name)
	if exists != !old.IsZero() || cur != old {
		return errStale
	}
	var prev *plumbing.Reference
	if exists {
		prev = plumbing.NewHashReference(plumbing.ReferenceName(name), old)
	}
	return g.st.CheckAndSetReference(plumbing.NewHashReference(plumbing.ReferenceName(name), h), prev)
}

func (g *gitRepo) deleteRef(name string) error {
	return g.st.RemoveReference(plumbing.ReferenceName(name))
}

// refs lists the hash refs whose full name starts with prefix, sorted by name.
func (g *gitRepo) refs(prefix string) ([]*plumbing.Reference, error) {
	iter, err := g.st.IterReferences()
	if err != nil {
		return nil, err
	}
	var out []*plumbing.Reference
	err = iter.ForEach(func(r *plumbing.Reference) error {
		if r.Type() == plumbing.HashReference && strings.HasPrefix(r.Name().String(), prefix) {
			out = append(out, r)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, err
}

// peel follows annotated tags to the object they point at.
func (g *gitRepo) peel(h plumbing.Hash) (plumbing.Hash, plumbing.ObjectType, error) {
	for range 16 {
		t, err := g.objectType(h)
		if err != nil || t != plumbing.TagObject {
			return h, t, err
		}
		tag, err := g.tag(h)
		if err != nil {
			return h, t, err
		}
		h = tag.Target
	}
	return h, plumbing.TagObject, fmt.Errorf("tag chain too long at %s", h)
}

// resolve turns HEAD, a branch, tag, full ref name or commit sha (full or
// at least 7 hex digits) into a commit hash.
func (g *gitRepo) resolve(rev string) (plumbing.Hash, bool) {
	if rev == "HEAD" {
		head, err := g.st.Reference(plumbing.HEAD)
		if err != nil || head.Type() != plumbing.SymbolicReference {
			return plumbing.ZeroHash, false
		}
		rev = head.Target().String()
	}
	for _, name := range []string{rev, "refs/" + rev, "refs/heads/" + rev, "refs/tags/" + rev} {
		if h, ok := g.ref(name); ok {
			return g.peelCommit(h)
		}
	}
	if len(rev) == 40 && plumbing.IsHash(rev) {
		return g.peelCommit(plumbing.NewHash(rev))
	}
	if len(rev) >= 7 && len(rev) < 40 && isHex(rev) {
		if hashes, err := g.st.HashesWithPrefix(hexPrefix(rev)); err == nil {
			var match []plumbing.Hash
			for _, h := range hashes {
				if strings.HasPrefix(h.String(), strings.ToLower(rev)) {
					match = append(match, h)
				}
			}
			if len(match) == 1 {
				return g.peelCommit(match[0])
			}
		}
	}
	return plumbing.ZeroHash, false
}

func (g *gitRepo) peelCommit(h plumbing.Hash) (plumbing.Hash, bool) {
	h, t, err := g.peel(h)
	return h, err == nil && t == plumbing.CommitObject
}

func isHex(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// hexPrefix decodes the whole bytes of a hex prefix.
func hexPrefix(s string) []byte {
	b, _ := hex.DecodeString(s[:len(s)/2*2])
	return b
}

// commitTree returns the tree hash of a commit (the empty tree for the zero hash).
func (g *gitRepo) commitTree(h plumbing.Hash) (plumbing.Hash, error) {
	if h.IsZero() {
		return plumbing.ZeroHash, nil
	}
	c, err := g.commit(h)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return c.TreeHash, nil
}
