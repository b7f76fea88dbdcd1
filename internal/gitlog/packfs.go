package gitlog

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/go-git/go-billy/v5"
)

// windowSize is how much of a pack file one read brings in. Commits are
// stored together near the start of a pack, a few hundred bytes each, so a
// window serves hundreds of consecutive commit reads.
const windowSize = 64 << 10

// windowFile is a read-only file whose Read and Seek are served from a
// window of the file read with ReadAt, without moving the file's offset.
// ReadAt, Close and the rest are the underlying file's.
type windowFile struct {
	billy.File
	mu     sync.Mutex
	window []byte
	// start is the offset in the file of window[0]; pos the offset of
	// the next Read.
	start, pos int64
}

// Read reads from the current position, refilling the window if needed.
func (f *windowFile) Read(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(p) == 0 {
		return 0, nil
	}
	if f.pos < f.start || f.pos >= f.start+int64(len(f.window)) {
		if err := f.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, f.window[f.pos-f.start:])
	f.pos += int64(n)
	return n, nil
}

// fill reads a window holding the current position; io.EOF at the end.
// Reading moves forward from there, but the objects themselves may be
// visited in either order: packs written by `git pack-objects` hold commits
// newest first, those of `git fast-import` oldest first. So a window read
// after a move backwards ends a little after the position instead of
// starting at it.
func (f *windowFile) fill() error {
	if cap(f.window) < windowSize {
		f.window = make([]byte, windowSize)
	}
	start := f.pos
	if f.pos < f.start {
		start = max(0, f.pos+windowSize/8-windowSize)
	}
	n, err := f.File.ReadAt(f.window[:windowSize], start)
	f.window, f.start = f.window[:n], start
	if f.pos < start+int64(n) {
		return nil
	}
	if err == nil {
		err = io.EOF
	}
	return err
}

// Seek sets the position of the next Read; only SeekEnd asks the file.
func (f *windowFile) Seek(offset int64, whence int) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += f.pos
	case io.SeekEnd:
		end, err := f.File.Seek(0, io.SeekEnd)
		if err != nil {
			return f.pos, err
		}
		offset += end
	default:
		return f.pos, fmt.Errorf("seek: invalid whence %d", whence)
	}
	if offset < 0 {
		return f.pos, errNegativeSeek
	}
	f.pos = offset
	return f.pos, nil
}

// errNegativeSeek is Seek's error for a position before the start.
var errNegativeSeek = errors.New("seek to a negative position")
