package gitlog

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"slices"
	"strings"

	"github.com/go-git/go-billy/v5"
)

// idxV2Magic starts a version 2 pack index: a magic number and the version.
var idxV2Magic = []byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}

// index returns the pack index f, opened as rel in d, as a version 2
// index: as it is if it is one, translated if it is a version 1 index
// (which git wrote until 1.5.2, and still writes with pack.indexVersion=1).
// Anything else is returned as it is, for its reader to reject.
func (o *objectsFS) index(name, rel string, d billy.Filesystem, f billy.File) (billy.File, error) {
	head := make([]byte, len(idxV2Magic))
	if _, err := f.ReadAt(head, 0); err != nil || bytes.Equal(head, idxV2Magic) || bytes.Equal(head[:4], idxV2Magic[:4]) {
		return named{f, name}, nil
	}
	o.v1.mu.Lock()
	defer o.v1.mu.Unlock()
	v2, done := o.v1.m[name]
	if !done {
		var err error
		v2, err = translateIdxV1(f, d, strings.TrimSuffix(rel, ".idx")+".pack")
		if err != nil {
			return named{f, name}, nil
		}
		o.v1.m[name] = v2
	}
	f.Close()
	return &memFile{name: name, Reader: bytes.NewReader(v2)}, nil
}

// translateIdxV1 reads the version 1 index r of the pack packPath in d and
// returns the version 2 index of the same pack.
//
// A version 1 index is a fanout table of 256 counts, then for each object
// its 4-byte offset in the pack and its name, sorted by name, then the
// pack's and the index's checksums. Version 2 adds a header, stores the
// names, the CRC-32s of the packed entries and the offsets in separate
// tables, and moves offsets of 2 GiB and more to a table of 8-byte ones.
// The CRC-32s are computed from the pack: each entry runs from its offset
// to the next one's, the last one to the pack's checksum.
func translateIdxV1(r io.Reader, d billy.Filesystem, packPath string) ([]byte, error) {
	v1, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	const fanout = idxFanoutSize
	if len(v1) < fanout+idxTrailer {
		return nil, errBadIdx
	}
	n := int(binary.BigEndian.Uint32(v1[fanout-4:]))
	if len(v1) != fanout+n*(4+hashSize)+idxTrailer {
		return nil, errBadIdx
	}
	entries := v1[fanout : fanout+n*(4+hashSize)]
	offsets := make([]int64, n)
	for i := range n {
		offsets[i] = int64(binary.BigEndian.Uint32(entries[i*(4+hashSize):]))
	}
	crcs, err := entryCRCs(d, packPath, offsets)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Write(idxV2Magic)
	out.Write(v1[:fanout])
	for i := range n {
		out.Write(entries[i*(4+hashSize)+4 : (i+1)*(4+hashSize)])
	}
	var word [8]byte
	for _, c := range crcs {
		binary.BigEndian.PutUint32(word[:4], c)
		out.Write(word[:4])
	}
	var big []int64
	for _, off := range offsets {
		v := uint32(off)
		if off >= bigOffsetFlag {
			v = bigOffsetFlag | uint32(len(big))
			big = append(big, off)
		}
		binary.BigEndian.PutUint32(word[:4], v)
		out.Write(word[:4])
	}
	for _, off := range big {
		binary.BigEndian.PutUint64(word[:], uint64(off))
		out.Write(word[:])
	}
	out.Write(v1[len(v1)-idxTrailer : len(v1)-hashSize])
	sum := sha1.Sum(out.Bytes())
	out.Write(sum[:])
	return out.Bytes(), nil
}

// entryCRCs returns the CRC-32 of each packed entry of the pack at path in
// d, given the entries' offsets.
func entryCRCs(d billy.Filesystem, path string, offsets []int64) ([]uint32, error) {
	f, err := d.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	order := make([]int, len(offsets))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return int(offsets[a] - offsets[b]) })
	crcs := make([]uint32, len(offsets))
	var buf []byte
	for k, i := range order {
		end := size - hashSize
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		if offsets[i] < 12 || end <= offsets[i] {
			return nil, errors.New("pack entries overlap")
		}
		buf = slices.Grow(buf[:0], int(end-offsets[i]))[:end-offsets[i]]
		if _, err := f.ReadAt(buf, offsets[i]); err != nil {
			return nil, err
		}
		crcs[i] = crc32.ChecksumIEEE(buf)
	}
	return crcs, nil
}

// memFile is a read-only file held in memory.
type memFile struct {
	name string
	*bytes.Reader
}

func (f *memFile) Name() string              { return f.name }
func (f *memFile) Write([]byte) (int, error) { return 0, errReadOnly }
func (f *memFile) Truncate(int64) error      { return errReadOnly }
func (f *memFile) Close() error              { return nil }
func (f *memFile) Lock() error               { return nil }
func (f *memFile) Unlock() error             { return nil }

// errReadOnly is memFile's error for writing.
var errReadOnly = errors.New("read-only file")
