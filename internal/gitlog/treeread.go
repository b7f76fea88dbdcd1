package gitlog

import (
	"errors"
	"fmt"
	"io"

	"github.com/go-git/go-git/v5/plumbing"
)

// Pack entry types of deltas (git's OBJ_OFS_DELTA, OBJ_REF_DELTA): the
// object is the result of applying the entry's delta to a base object,
// found at an offset before the entry in the same pack, or by name.
const (
	packOfsDelta = 6
	packRefDelta = 7
)

// maxDeltaChain bounds the deltas followed to reach a base: git writes
// chains of at most 4095 (--depth); longer ones are cycles of ref-deltas
// in a damaged pack.
const maxDeltaChain = 10000

// deltaReader reads objects from the packs whole or as deltas, which
// packSet leaves to the storer. Trees are most often stored as deltas, in
// chains of tens: the version of a directory in one commit is a delta
// against its version in the previous (or the next) commit. Reading one
// tree thus needs its whole chain, and the trees of consecutive commits
// share most of their chains; so every object resolved is kept in a cache
// of decoded objects, bounded in bytes, keyed by pack and offset (the key
// deltas name their bases by), as git's delta base cache.
//
// Like packSet, a deltaReader only answers "here is the object" or "don't
// know": loose objects, bases outside the packs and anything damaged are
// left to the storer. It shares the pack files and indexes of the Repo's
// packSet, but reads through windows of its own, so that reading trees
// does not move the windows commits are read through; it must not outlive
// the Repo and is not safe for concurrent use.
type deltaReader struct {
	set   packSet
	cache baseCache
}

// newDeltaReader returns a deltaReader over the packs of s, with a cache
// of about cacheBytes of decoded objects.
func newDeltaReader(s *packSet, cacheBytes int) *deltaReader {
	if !s.loaded {
		s.load()
	}
	d := &deltaReader{set: packSet{fs: s.fs, loaded: true}}
	for _, p := range s.packs {
		d.set.packs = append(d.set.packs, &packFile{idx: p.idx, f: p.f, size: p.size})
	}
	d.cache.init(cacheBytes)
	return d
}

// object returns the type (packCommit to packTag) and content of the object
// h if one of the packs has it and it can be read, whole or through its
// deltas; ok is false otherwise. The content must not be modified.
func (d *deltaReader) object(h plumbing.Hash) (typ int, data []byte, ok bool) {
	for i, p := range d.set.packs {
		if off, found := p.idx.find(h); found {
			return d.at(i, off)
		}
	}
	return 0, nil, false
}

// pendingDelta is a delta met on the way to a base, applied once the base
// is known.
type pendingDelta struct {
	key   objKey
	delta []byte
}

// at reads the object at offset off in the i-th pack. It follows the chain
// of deltas down to an object stored whole or cached, then applies the
// deltas back up, caching each object it produces.
func (d *deltaReader) at(i int, off int64) (typ int, data []byte, ok bool) {
	var chain []pendingDelta
	var base packedObject
	for {
		key := objKey{pack: i, off: off}
		if o, hit := d.cache.get(key); hit {
			base = o
			break
		}
		if len(chain) >= maxDeltaChain {
			return 0, nil, false
		}
		p := d.set.packs[i]
		head := p.span(off, maxEntryHeader+hashSize)
		t, size, n := entryHeader(head)
		if n == 0 {
			return 0, nil, false
		}
		if t >= packCommit && t <= packTag {
			whole, raw, read := d.set.read(p, off, t)
			if !read {
				return 0, nil, false
			}
			base = packedObject{typ: whole, data: raw}
			d.cache.put(key, base)
			break
		}
		var next int64
		switch t {
		case packOfsDelta:
			rel, m := ofsDeltaOffset(head[n:])
			if m == 0 || rel <= 0 || rel > off {
				return 0, nil, false
			}
			next, n = off-rel, n+m
		case packRefDelta:
			if len(head) < n+hashSize {
				return 0, nil, false
			}
			var bh plumbing.Hash
			copy(bh[:], head[n:n+hashSize])
			j, boff, found := d.locate(i, bh)
			if !found {
				return 0, nil, false
			}
			i, next, n = j, boff, n+hashSize
		default:
			return 0, nil, false
		}
		delta, inflated := d.inflateAt(p, off+int64(n), size)
		if !inflated {
			return 0, nil, false
		}
		chain = append(chain, pendingDelta{key: key, delta: delta})
		off = next
	}
	for j := len(chain) - 1; j >= 0; j-- {
		out, applied := applyDelta(base.data, chain[j].delta)
		if !applied {
			return 0, nil, false
		}
		base = packedObject{typ: base.typ, data: out}
		d.cache.put(chain[j].key, base)
	}
	return base.typ, base.data, true
}

// locate finds the object h in the packs, the i-th first (a ref-delta's
// base is usually in its own pack).
func (d *deltaReader) locate(i int, h plumbing.Hash) (int, int64, bool) {
	if off, found := d.set.packs[i].idx.find(h); found {
		return i, off, true
	}
	for j, p := range d.set.packs {
		if j == i {
			continue
		}
		if off, found := p.idx.find(h); found {
			return j, off, true
		}
	}
	return 0, 0, false
}

// inflateAt inflates the zlib stream at off in p, which must hold exactly
// size bytes; see packSet.read for the bounds.
func (d *deltaReader) inflateAt(p *packFile, off, size int64) ([]byte, bool) {
	if off >= p.size || size > maxInflate*(p.size-off) || size > int64(maxInt-64)/2 {
		return nil, false
	}
	return d.set.inflate(p.span(off, int(size+size>>8)+64), int(size))
}

// ofsDeltaOffset decodes the distance back to an ofs-delta's base: 7 bits
// per byte, most significant first, each continuation adding one to what
// came before (so that every distance has a single encoding). It returns
// the encoding's length m, 0 when b does not hold a valid one.
func ofsDeltaOffset(b []byte) (rel int64, m int) {
	for m < len(b) {
		c := b[m]
		m++
		rel |= int64(c & 0x7f)
		if c&0x80 == 0 {
			return rel, m
		}
		if rel >= 1<<55 {
			return 0, 0
		}
		rel = (rel + 1) << 7
	}
	return 0, 0
}

// applyDelta applies a git delta to base: the size of the base and of the
// result (little-endian base-128), then instructions that either copy a
// range of the base (top bit set; the low 4 bits say which offset bytes
// follow, the next 3 which size bytes; a size of 0 means 0x10000) or insert
// the next 1 to 127 bytes of the delta. It returns false unless the delta
// is well formed, fits the base and yields exactly the announced size.
func applyDelta(base, delta []byte) ([]byte, bool) {
	srcSize, n := deltaSize(delta)
	if n == 0 || srcSize != uint64(len(base)) {
		return nil, false
	}
	delta = delta[n:]
	dstSize, n := deltaSize(delta)
	delta = delta[n:]
	// Each instruction yields at most 2^24 bytes for at least one byte of
	// delta: a larger size is damage, not worth allocating for.
	if n == 0 || dstSize > uint64(len(delta))<<24 || dstSize > uint64(maxInt/2) {
		return nil, false
	}
	out := make([]byte, 0, dstSize)
	for len(delta) > 0 {
		op := delta[0]
		delta = delta[1:]
		switch {
		case op&0x80 != 0:
			var off, size uint64
			for k := range 7 {
				if op&(1<<k) == 0 {
					continue
				}
				if len(delta) == 0 {
					return nil, false
				}
				if k < 4 {
					off |= uint64(delta[0]) << (8 * k)
				} else {
					size |= uint64(delta[0]) << (8 * (k - 4))
				}
				delta = delta[1:]
			}
			if size == 0 {
				size = 0x10000
			}
			if off+size > uint64(len(base)) || uint64(len(out))+size > dstSize {
				return nil, false
			}
			out = append(out, base[off:off+size]...)
		case op != 0:
			if int(op) > len(delta) || uint64(len(out))+uint64(op) > dstSize {
				return nil, false
			}
			out = append(out, delta[:op]...)
			delta = delta[op:]
		default:
			return nil, false
		}
	}
	if uint64(len(out)) != dstSize {
		return nil, false
	}
	return out, true
}

// deltaSize decodes a size at the start of a delta: 7 bits per byte, least
// significant first. n is 0 when b does not hold one.
func deltaSize(b []byte) (size uint64, n int) {
	for shift := uint(0); n < len(b) && shift < 64; shift += 7 {
		c := b[n]
		n++
		size |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			return size, n
		}
	}
	return 0, 0
}

// readTree returns the raw content of the tree h (entries "mode name\0"
// followed by a 20-byte hash): through d when the packs have it, from the
// storer otherwise (loose objects, and whatever d declines). A missing
// object is reported as r.missing does; the content must not be modified.
func (r *Repo) readTree(d *deltaReader, h plumbing.Hash) ([]byte, error) {
	if h == emptyTree {
		return nil, nil
	}
	if typ, data, ok := d.object(h); ok {
		if typ != packTree {
			return nil, fmt.Errorf("object %s is not a tree", h)
		}
		return data, nil
	}
	obj, err := r.st.EncodedObject(plumbing.AnyObject, h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return nil, r.missing(h)
	} else if err != nil {
		return nil, fmt.Errorf("reading tree %s: %w", h, err)
	}
	if obj.Type() != plumbing.TreeObject {
		return nil, fmt.Errorf("object %s is a %s, not a tree", h, obj.Type())
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, fmt.Errorf("reading tree %s: %w", h, err)
	}
	defer rd.Close()
	raw := make([]byte, obj.Size())
	if _, err := io.ReadFull(rd, raw); err != nil {
		return nil, fmt.Errorf("reading tree %s: %w", h, err)
	}
	return raw, nil
}

// emptyTree is the name of the tree with no entries, which git knows
// without storing it.
var emptyTree = plumbing.NewHash("4b825dc642cb6eb9a060e54bf8d69288fbee4904")
