package gitlog

import (
	"bufio"
	"bytes"
	"io"
	"path"
	"strconv"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/klauspost/compress/zlib"
)

// maxLooseHeader bounds the header of a loose object: a type name, a
// space, a size in decimal and a NUL.
const maxLooseHeader = 32

// looseTypes are the type names of loose object headers.
var looseTypes = map[string]int{"commit": packCommit, "tree": packTree, "blob": packBlob, "tag": packTag}

// loose returns the object h if it is stored loose (objects/xx/yyyy...) in
// one of the object directories: its type, and its content if the type is
// dataOf. A loose object is a zlib stream of a header ("commit 213\0")
// and the content, which must be exactly as long as the header says and
// end the stream. ok is false when there is no such file or it is not a
// well-formed object, which is then left to the storer.
func (s *packSet) loose(h plumbing.Hash, dataOf int) (typ int, data []byte, ok bool) {
	name := h.String()
	f, err := s.fs.Open(path.Join("objects", name[:2], name[2:]))
	if err != nil {
		return 0, nil, false
	}
	defer f.Close()
	zr, err := zlib.NewReader(bufio.NewReader(f))
	if err != nil {
		return 0, nil, false
	}
	defer zr.Close()
	br := bufio.NewReaderSize(zr, 512)
	head, err := br.ReadSlice(0)
	if err != nil || len(head) > maxLooseHeader {
		return 0, nil, false
	}
	kind, size, found := bytes.Cut(head[:len(head)-1], []byte(" "))
	typ, known := looseTypes[string(kind)]
	n, err := strconv.ParseInt(string(size), 10, 64)
	if !found || !known || err != nil || n < 0 || n > int64(maxInt/2) {
		return 0, nil, false
	}
	if typ != dataOf {
		return typ, nil, true
	}
	// Read one byte more than announced, to check that the stream ends
	// there; growing as the bytes come, so a corrupt size costs nothing.
	data, err = io.ReadAll(io.LimitReader(br, n+1))
	if err != nil || int64(len(data)) != n {
		return 0, nil, false
	}
	return typ, data, true
}
