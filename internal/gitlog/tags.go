package gitlog

import (
	"errors"
	"fmt"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Tag is a tag and the commit it designates.
type Tag struct {
	// Name is the tag's name without "refs/tags/", e.g. "v1.2.3".
	Name string
	// Commit is the full hash of the commit the tag designates, after
	// peeling annotated tags.
	Commit string
}

// maxPeel bounds the chain of tag objects followed from one ref; git itself
// gives up on loops, and a chain this long is certainly one.
const maxPeel = 64

// Tags lists every tag of the repository (loose and packed refs), sorted by
// name. Annotated tags are peeled, through any number of tag objects, to the
// commit they designate; tags that designate a tree or a blob are left out.
func (r *Repo) Tags() ([]Tag, error) {
	refs, err := r.st.IterReferences()
	if err != nil {
		return nil, fmt.Errorf("listing the tags: %w", err)
	}
	var tags []Tag
	err = refs.ForEach(func(ref *plumbing.Reference) error {
		if !ref.Name().IsTag() {
			return nil
		}
		h, ok, err := r.peelTagRef(ref)
		if err != nil {
			return fmt.Errorf("tag %s: %w", ref.Name().Short(), err)
		}
		if ok {
			tags = append(tags, Tag{Name: ref.Name().Short(), Commit: h.String()})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(tags, func(i, j int) bool { return tags[i].Name < tags[j].Name })
	return tags, nil
}

// peelTagRef returns the commit a tag ref designates, and false if it
// designates something else than a commit.
func (r *Repo) peelTagRef(ref *plumbing.Reference) (plumbing.Hash, bool, error) {
	if ref.Type() == plumbing.SymbolicReference {
		resolved, err := storer.ResolveReference(r.st, ref.Name())
		if err != nil {
			return plumbing.ZeroHash, false, err
		}
		ref = resolved
	}
	return r.peel(ref.Hash())
}

// peel follows tag objects from h to the object they finally designate and
// returns its hash, and whether that object is a commit.
func (r *Repo) peel(h plumbing.Hash) (plumbing.Hash, bool, error) {
	for range maxPeel {
		obj, err := r.object(h)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return h, false, r.missing(h)
		} else if err != nil {
			return h, false, err
		}
		switch obj.Type() {
		case plumbing.CommitObject:
			return h, true, nil
		case plumbing.TagObject:
			t, err := object.DecodeTag(r.st, obj)
			if err != nil {
				return h, false, err
			}
			h = t.Target
		default:
			return h, false, nil
		}
	}
	return h, false, fmt.Errorf("more than %d nested tag objects", maxPeel)
}

// object reads the object h, or its replacement, for peel: from a pack or
// a loose object when it is stored whole (the content only for a tag),
// from the storer otherwise.
func (r *Repo) object(h plumbing.Hash) (plumbing.EncodedObject, error) {
	h = r.replaced(h)
	typ, data, ok := r.packs.object(h, packTag)
	if !ok {
		return r.st.EncodedObject(plumbing.AnyObject, h)
	}
	obj := &plumbing.MemoryObject{}
	obj.SetType(plumbing.ObjectType(typ))
	if _, err := obj.Write(data); err != nil {
		return nil, err
	}
	return obj, nil
}
