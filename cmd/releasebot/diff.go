package main

import (
	"strings"
	"unicode/utf8"

	"github.com/aymanbagabas/go-udiff"
)

// unifiedDiff returns a line-by-line unified diff of old and new with three
// lines of context. The diff library compares characters; giving it one
// character per distinct line makes its edits whole lines, so an unchanged
// line is never shown as removed and added again.
func unifiedDiff(oldLabel, newLabel, old, new string) string {
	d, err := udiff.ToUnifiedDiff(oldLabel, newLabel, old, lineEdits(old, new), 3)
	if err != nil {
		return udiff.Unified(oldLabel, newLabel, old, new)
	}
	return d.String()
}

// lineEdits returns edits that turn old into new, each replacing whole lines.
func lineEdits(old, new string) []udiff.Edit {
	var byID []string
	ids := map[string]rune{}
	encode := func(lines []string) string {
		var b strings.Builder
		for _, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = rune(0x10000 + len(byID)) // 4 UTF-8 bytes each, past the surrogates
				ids[l] = id
				byID = append(byID, l)
			}
			b.WriteRune(id)
		}
		return b.String()
	}
	oldLines := splitLines(old)
	a, b := encode(oldLines), encode(splitLines(new))
	starts := make([]int, len(oldLines)+1)
	for i, l := range oldLines {
		starts[i+1] = starts[i] + len(l)
	}
	var edits []udiff.Edit
	for _, e := range udiff.Strings(a, b) {
		var text strings.Builder
		for _, r := range e.New {
			text.WriteString(byID[r-0x10000])
		}
		edits = append(edits, udiff.Edit{Start: starts[e.Start/utf8.UTFMax], End: starts[e.End/utf8.UTFMax], New: text.String()})
	}
	return edits
}

// splitLines splits s into lines, each keeping its newline (the last one
// may have none).
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
