package gitlog

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math/bits"

	"github.com/go-git/go-git/v5/plumbing"
)

// Layout of a version 2 pack index (git's Documentation/gitformat-pack):
// a header, a fanout table of 256 counts, the sorted object names, their
// CRC-32s, their 4-byte offsets (the top bit set pointing into a table of
// 8-byte offsets for packs over 2 GiB), then the pack's and the index's
// checksums.
const (
	idxHeaderSize = 8
	idxFanoutSize = 256 * 4
	idxTrailer    = 2 * hashSize
	hashSize      = 20
	bigOffsetFlag = 1 << 31
)

// errBadIdx marks an index file the fast path does not understand; the pack
// is then left to go-git.
var errBadIdx = errors.New("unsupported pack index")

// packIndex is a version 2 pack index held in memory, searched by hash
// without any map: the fanout table bounds the names starting with the
// same byte, and a binary search finds the name among them.
type packIndex struct {
	fanout [256]uint32
	// names holds the sorted 20-byte object names, back to back.
	names []byte
	// offsets holds a 4-byte big-endian offset per name, in the same order;
	// big the 8-byte offsets some of them point to.
	offsets, big []byte
	// packSum is the checksum of the pack the index describes, which ends
	// the pack file too.
	packSum [hashSize]byte
}

// readPackIndex reads the index file r of size bytes, all but the CRC-32s.
// It fails with errBadIdx for anything but a well-formed SHA-1 version 2
// index.
func readPackIndex(r io.ReaderAt, size int64) (*packIndex, error) {
	const tables = idxHeaderSize + idxFanoutSize
	if size < tables+idxTrailer {
		return nil, errBadIdx
	}
	head := make([]byte, tables)
	if _, err := r.ReadAt(head, 0); err != nil {
		return nil, err
	}
	if !bytes.Equal(head[:idxHeaderSize], []byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}) {
		return nil, errBadIdx
	}
	idx := &packIndex{}
	prev := uint32(0)
	for i := range idx.fanout {
		c := binary.BigEndian.Uint32(head[idxHeaderSize+4*i:])
		if c < prev {
			return nil, errBadIdx
		}
		idx.fanout[i], prev = c, c
	}
	n := int64(prev)
	if fixed := tables + n*(hashSize+4+4) + idxTrailer; fixed > size || (size-fixed)%8 != 0 {
		return nil, errBadIdx
	}
	idx.names = make([]byte, n*hashSize)
	if _, err := r.ReadAt(idx.names, tables); err != nil {
		return nil, err
	}
	rest := make([]byte, size-tables-n*(hashSize+4))
	if _, err := r.ReadAt(rest, tables+n*(hashSize+4)); err != nil {
		return nil, err
	}
	idx.offsets, idx.big = rest[:4*n], rest[4*n:len(rest)-idxTrailer]
	copy(idx.packSum[:], rest[len(rest)-idxTrailer:])
	return idx, nil
}

// count returns the number of objects the index lists.
func (idx *packIndex) count() int {
	return int(idx.fanout[255])
}

// find returns the offset in the pack of the object named h, and false if
// the index does not list it (or lists it with a broken large offset).
//
// Object names are uniformly distributed, so the position of h among the
// names sharing its first byte is close to what its next bytes predict:
// find starts there and gallops outwards until it brackets h, then searches
// the bracket. Compared with a binary search over the whole run, this
// touches a few neighbouring cache lines instead of a dozen scattered ones.
func (idx *packIndex) find(h plumbing.Hash) (int64, bool) {
	lo := 0
	if h[0] > 0 {
		lo = int(idx.fanout[h[0]-1])
	}
	hi := int(idx.fanout[h[0]])
	if lo >= hi {
		return 0, false
	}
	guess, _ := bits.Mul64(binary.BigEndian.Uint64(h[1:9]), uint64(hi-lo))
	i := lo + int(guess)
	switch idx.compare(i, h) {
	case 0:
		return idx.offset(i)
	case -1:
		lo = i + 1
		for d := 1; i+d < hi; d *= 2 {
			c := idx.compare(i+d, h)
			if c == 0 {
				return idx.offset(i + d)
			} else if c > 0 {
				hi = i + d
				break
			}
			lo = i + d + 1
		}
	default:
		hi = i
		for d := 1; i-d >= lo; d *= 2 {
			c := idx.compare(i-d, h)
			if c == 0 {
				return idx.offset(i - d)
			} else if c < 0 {
				lo = i - d + 1
				break
			}
			hi = i - d
		}
	}
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch idx.compare(mid, h) {
		case -1:
			lo = mid + 1
		case 1:
			hi = mid
		default:
			return idx.offset(mid)
		}
	}
	return 0, false
}

// compare compares the i-th name with h, as bytes.Compare.
func (idx *packIndex) compare(i int, h plumbing.Hash) int {
	return bytes.Compare(idx.names[i*hashSize:(i+1)*hashSize], h[:])
}

// offset returns the pack offset of the i-th name.
func (idx *packIndex) offset(i int) (int64, bool) {
	off := binary.BigEndian.Uint32(idx.offsets[4*i:])
	if off&bigOffsetFlag == 0 {
		return int64(off), true
	}
	j := int(off&^bigOffsetFlag) * 8
	if j+8 > len(idx.big) {
		return 0, false
	}
	o := binary.BigEndian.Uint64(idx.big[j:])
	return int64(o), o < 1<<63
}
