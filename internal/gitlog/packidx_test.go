package gitlog

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestPackIndexFind builds index files by hand, with skewed and empty
// fanout buckets and offsets past 4 GiB, and looks up every name, their
// neighbours and absent names.
func TestPackIndexFind(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 2, 3, 17, 300, 5000} {
		names := make([]plumbing.Hash, n)
		for i := range names {
			for j := range names[i] {
				names[i][j] = byte(rng.IntN(256))
			}
			if i%3 == 0 {
				names[i][0] = 0x42 // a crowded bucket
			}
			if i%5 == 0 && i > 0 {
				names[i] = names[i-1]
				names[i][19]++ // a near neighbour
			}
		}
		slices.SortFunc(names, func(a, b plumbing.Hash) int { return bytes.Compare(a[:], b[:]) })
		names = slices.Compact(names)
		offsets := make(map[plumbing.Hash]int64)
		for i, h := range names {
			offsets[h] = int64(12 + 7*i)
			if i%4 == 1 {
				offsets[h] = 5<<30 + int64(i)
			}
		}
		file := buildIndex(names, offsets)
		idx, err := readPackIndex(bytes.NewReader(file), int64(len(file)))
		if err != nil {
			t.Fatalf("%d names: %v", n, err)
		}
		if idx.count() != len(names) {
			t.Fatalf("count %d, want %d", idx.count(), len(names))
		}
		for _, h := range names {
			if off, ok := idx.find(h); !ok || off != offsets[h] {
				t.Fatalf("find(%s) = %d, %v; want %d", h, off, ok, offsets[h])
			}
			for _, d := range []int{-1, 1} {
				other := h
				other[19] += byte(d)
				if _, listed := offsets[other]; !listed {
					if _, ok := idx.find(other); ok {
						t.Fatalf("found %s, not listed", other)
					}
				}
			}
		}
		for range 1000 {
			var h plumbing.Hash
			for j := range h {
				h[j] = byte(rng.IntN(256))
			}
			if _, ok := idx.find(h); ok != (offsets[h] != 0) {
				t.Fatalf("find(%s) = %v", h, ok)
			}
		}
		if _, err := readPackIndex(bytes.NewReader(file[:len(file)-1]), int64(len(file)-1)); err == nil {
			t.Errorf("%d names: a truncated index was accepted", n)
		}
	}
}

// buildIndex encodes a version 2 pack index of the sorted names.
func buildIndex(names []plumbing.Hash, offsets map[plumbing.Hash]int64) []byte {
	b := []byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}
	for i := range 256 {
		n := 0
		for n < len(names) && int(names[n][0]) <= i {
			n++
		}
		b = binary.BigEndian.AppendUint32(b, uint32(n))
	}
	for _, h := range names {
		b = append(b, h[:]...)
	}
	for range names {
		b = binary.BigEndian.AppendUint32(b, 0) // CRC-32, unused
	}
	var big []byte
	for _, h := range names {
		off := offsets[h]
		if off < bigOffsetFlag {
			b = binary.BigEndian.AppendUint32(b, uint32(off))
			continue
		}
		b = binary.BigEndian.AppendUint32(b, bigOffsetFlag|uint32(len(big)/8))
		big = binary.BigEndian.AppendUint64(big, uint64(off))
	}
	b = append(b, big...)
	return append(b, make([]byte, 2*hashSize)...)
}

// TestEntryHeader decodes pack entry headers of various sizes, and
// truncated ones.
func TestEntryHeader(t *testing.T) {
	for _, size := range []int64{0, 15, 16, 127, 2047, 2048, 1 << 20, 1<<35 + 3} {
		b := []byte{packTag<<4 | byte(size&15)}
		for s := size >> 4; s > 0; s >>= 7 {
			b[len(b)-1] |= 0x80
			b = append(b, byte(s&0x7f))
		}
		typ, got, n := entryHeader(append(b, 0xff))
		if typ != packTag || got != size || n != len(b) {
			t.Errorf("size %d: got type %d size %d length %d", size, typ, got, n)
		}
		if len(b) > 1 {
			if _, _, n := entryHeader(b[:len(b)-1]); n != 0 {
				t.Errorf("size %d: a truncated header decoded", size)
			}
		}
	}
}
