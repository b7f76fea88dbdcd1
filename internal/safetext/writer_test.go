package safetext

import (
	"strings"
	"testing"
)

func TestWriterCompletesCutSequences(t *testing.T) {
	var b strings.Builder
	w := &Writer{W: &b}
	in := []byte("é\u009b🎉\x1b[31m")
	for i := range in {
		if n, err := w.Write(in[i : i+1]); n != 1 || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	w.Write([]byte{0xF0, 0x9F}) // cut short, never completed
	w.Flush()
	if got, want := b.String(), "é🎉[31m\uFFFD"; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
}
