// Package safetext renders text that anyone who can push a commit wrote
// (commit subjects and scopes, breaking-change notes, anything derived
// from them) for the places releasebot writes it: Markdown that shows the
// text as written and does nothing else on GitHub, and plain text that a
// terminal shows without obeying it.
package safetext

import (
	"strings"
	"unicode/utf8"
)

// Control reports whether r is a control character that Plain and
// Markdown drop: C0 other than tab and newline, DEL, and C1 (U+0080 to
// U+009F), which terminals read as escape sequences.
func Control(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r <= 0x9f)
}

// Plain returns s for a terminal or a plain-text field: invalid UTF-8
// becomes U+FFFD and control characters (see Control) are dropped, so that
// escape sequences (colours, window titles, cursor moves, carriage
// returns that overwrite a line) show nothing and do nothing. Newlines and
// tabs are kept.
func Plain(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || Control(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if !Control(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
