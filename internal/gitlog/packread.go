package gitlog

import (
	"bytes"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/klauspost/compress/zlib"
)

// Pack object types (git's object_type), as stored in pack entry headers.
const (
	packCommit = 1
	packTree   = 2
	packBlob   = 3
	packTag    = 4
)

// packDir is where the pack files are, relative to the git directory.
const packDir = "objects/pack"

// packSet is the fast path for reading objects: it reads the objects
// stored whole (not as deltas) in the repository's packs straight from the
// pack files, through their indexes, without go-git's storer, which builds
// an offset-to-hash map of every pack on its first read, inflates through
// several layers of readers and hashes each object it reads.
//
// It reads the packs and the loose objects of every object directory of
// the repository, its alternates included (fs is an objectsFS). It only
// ever answers "here is the object" or "don't know": deltas and anything
// unexpected are left to the storer. So the fast path decides nothing on
// its own.
//
// Objects are not hashed to check their names, as git does not on ordinary
// reads either; the zlib stream must end with a valid checksum after
// exactly the size the entry header gives.
//
// The packs are listed and their indexes read on first use. A packSet is
// not safe for concurrent use; close releases the pack files.
type packSet struct {
	fs     *objectsFS
	loaded bool
	packs  []*packFile
	zr     io.ReadCloser // reused zlib reader, nil until the first inflate
	src    bytes.Reader  // what zr reads
}

// packFile is one pack and its index, read through a window.
type packFile struct {
	idx  *packIndex
	f    billy.File
	size int64
	// window holds the bytes of the pack from offset start.
	window []byte
	start  int64
}

// object returns the type (packCommit to packTag) of the object h if it is
// stored whole in one of the packs, and its content if it is of type
// dataOf (data is nil for other types); ok is false otherwise.
func (s *packSet) object(h plumbing.Hash, dataOf int) (typ int, data []byte, ok bool) {
	if !s.loaded {
		s.load()
	}
	for _, p := range s.packs {
		off, found := p.idx.find(h)
		if !found {
			continue
		}
		return s.read(p, off, dataOf)
	}
	return s.loose(h, dataOf)
}

// read reads the object at off in p; see object.
func (s *packSet) read(p *packFile, off int64, dataOf int) (int, []byte, bool) {
	b := p.span(off, maxEntryHeader)
	typ, size, n := entryHeader(b)
	if n == 0 || typ < packCommit || typ > packTag {
		return typ, nil, false
	}
	if typ != dataOf {
		return typ, nil, true
	}
	// Deflate expands at most 1032 times: a larger size is a corrupt header,
	// not worth allocating for.
	if size > maxInflate*(p.size-off) || size > int64(maxInt-n-64)/2 {
		return typ, nil, false
	}
	// The compressed size is not recorded; it cannot much exceed the size
	// (zlib's deflateBound): ask for a little more. Should the stream be
	// longer still, inflating fails for want of input and the storer reads
	// the object instead.
	b = p.span(off, n+int(size+size>>8)+64)
	data, ok := s.inflate(b[n:], int(size))
	return typ, data, ok
}

// maxEntryHeader bounds the length of a pack entry header: a type and a
// size of up to 64 bits, 7 bits per byte after the first 4.
const maxEntryHeader = 10

const (
	maxInt     = int(^uint(0) >> 1)
	maxInflate = 1032
)

// entryHeader decodes a pack entry header: the type in bits 4-6 of the
// first byte, the size in its low 4 bits and then in 7-bit groups, least
// significant first, while the top bit is set. It returns the header's
// length n, 0 when b does not hold a valid one.
func entryHeader(b []byte) (typ int, size int64, n int) {
	if len(b) == 0 {
		return 0, 0, 0
	}
	c := b[0]
	typ, size = int(c>>4&7), int64(c&15)
	shift := uint(4)
	for n = 1; c&0x80 != 0; n++ {
		if n >= len(b) || shift > 56 {
			return 0, 0, 0
		}
		c = b[n]
		size |= int64(c&0x7f) << shift
		shift += 7
	}
	return typ, size, n
}

// inflate decompresses the zlib stream at the start of src, which must
// hold exactly size bytes and end with a valid checksum, as git requires.
func (s *packSet) inflate(src []byte, size int) ([]byte, bool) {
	s.src.Reset(src)
	if s.zr == nil {
		zr, err := zlib.NewReader(&s.src)
		if err != nil {
			return nil, false
		}
		s.zr = zr
	} else if err := s.zr.(zlib.Resetter).Reset(&s.src, nil); err != nil {
		return nil, false
	}
	data := make([]byte, size)
	if _, err := io.ReadFull(s.zr, data); err != nil {
		return nil, false
	}
	var extra [1]byte
	if n, err := s.zr.Read(extra[:]); n != 0 || err != io.EOF {
		return nil, false
	}
	return data, true
}

// load lists the packs and reads their indexes. A pack whose index is
// missing, unreadable or not the pack's is skipped, as is everything if
// the directory cannot be read.
func (s *packSet) load() {
	s.loaded = true
	infos, err := s.fs.ReadDir(packDir)
	if err != nil {
		return
	}
	sort.Slice(infos, func(i, j int) bool { return infos[i].Name() < infos[j].Name() })
	for _, fi := range infos {
		name, ok := strings.CutSuffix(fi.Name(), ".pack")
		if !ok || !strings.HasPrefix(name, "pack-") {
			continue
		}
		if p := s.open(path.Join(packDir, name)); p != nil {
			s.packs = append(s.packs, p)
		}
	}
}

// open opens the pack base+".pack" and reads its index base+".idx"; it
// returns nil on any failure.
func (s *packSet) open(base string) *packFile {
	idx, err := s.readIndex(base + ".idx")
	if err != nil {
		return nil
	}
	f, err := s.fs.Open(base + ".pack")
	if err != nil {
		return nil
	}
	p := &packFile{idx: idx, f: f}
	// The pack must be the one the index describes: it ends with the
	// checksum the index records.
	if fi, err := s.fs.Stat(base + ".pack"); err == nil && fi.Size() >= 12+hashSize {
		p.size = fi.Size()
		var sum [hashSize]byte
		if _, err := f.ReadAt(sum[:], p.size-hashSize); err == nil && sum == idx.packSum {
			return p
		}
	}
	f.Close()
	return nil
}

// readIndex reads the pack index file name.
func (s *packSet) readIndex(name string) (*packIndex, error) {
	f, err := s.fs.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The size of the file opened: a version 1 index is read as the
	// version 2 index it translates to (see objectsFS).
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	return readPackIndex(f, size)
}

// close closes the pack files.
func (s *packSet) close() error {
	var first error
	for _, p := range s.packs {
		if err := p.f.Close(); err != nil && first == nil {
			first = err
		}
	}
	s.packs, s.loaded = nil, false
	return first
}

// span returns up to n bytes of the pack from offset off, fewer at the end
// of the pack or on a read error. Reads go through a window of the pack,
// which serves hundreds of consecutive commits: pack-objects stores commits
// together, newest first, and fast-import oldest first; a window read for a
// move backwards therefore ends a little after off rather than starts at it.
func (p *packFile) span(off int64, n int) []byte {
	if off < 0 || off >= p.size {
		return nil
	}
	n = int(min(int64(n), p.size-off))
	if off >= p.start && off+int64(n) <= p.start+int64(len(p.window)) {
		return p.window[off-p.start:][:n]
	}
	if n > windowSize/2 {
		// A large object: read on its own, not kept as the window.
		buf := make([]byte, n)
		m, _ := p.f.ReadAt(buf, off)
		return buf[:m]
	}
	start := off
	if off < p.start {
		start = max(0, off+int64(n+windowSize/8-windowSize))
	}
	if cap(p.window) < windowSize {
		p.window = make([]byte, windowSize)
	}
	m, _ := p.f.ReadAt(p.window[:min(windowSize, p.size-start)], start)
	p.window, p.start = p.window[:m], start
	return p.window[min(int(off-start), m):min(int(off-start)+n, m)]
}
