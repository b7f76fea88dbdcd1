package safetext

import (
	"io"
	"sync"
	"unicode/utf8"
)

// Writer writes what it is given to W through Plain. A UTF-8 sequence cut
// at the end of one write is completed by the next; Flush writes what is
// left of an incomplete one. It is safe for concurrent use.
type Writer struct {
	W       io.Writer
	mu      sync.Mutex
	pending []byte
}

// Write filters p and writes it; it reports len(p) written unless W fails.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	data := append(w.pending, p...)
	cut := completeUpTo(data)
	w.pending = append([]byte(nil), data[cut:]...)
	if cut == 0 {
		return len(p), nil
	}
	if _, err := io.WriteString(w.W, Plain(string(data[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes an incomplete UTF-8 sequence left by the last write, as
// U+FFFD.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.pending) == 0 {
		return nil
	}
	w.pending = nil
	_, err := io.WriteString(w.W, "\uFFFD")
	return err
}

// completeUpTo is the length of data without a UTF-8 sequence that its
// end cuts short (which the next write may complete).
func completeUpTo(data []byte) int {
	for i := len(data) - 1; i >= 0 && i >= len(data)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				return i
			}
			break
		}
	}
	return len(data)
}
