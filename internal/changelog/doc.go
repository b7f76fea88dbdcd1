package changelog

import (
	"fmt"
	"strings"
)

// doc is a parsed changelog.
type doc struct {
	lines []line
	infos []info
	open  int // line opening a code fence or comment never closed, or -1
	end   int // len(lines) without the trailing blank lines
	refs  int // first line of the link-reference block at the bottom, or end
}

func parse(content []byte) *doc {
	d := &doc{lines: splitLines(string(content))}
	d.infos, d.open = classify(texts(d.lines))
	d.end = len(d.lines)
	for d.end > 0 && isBlank(d.lines[d.end-1].text) {
		d.end--
	}
	// The link-reference block is the run of link references and blank
	// lines that ends the content, starting at its first reference.
	d.refs = d.end
	for i := d.end - 1; i >= 0; i-- {
		if k := d.infos[i].kind; k == kRef {
			d.refs = i
		} else if k != kBlank {
			break
		}
	}
	return d
}

func texts(lines []line) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.text
	}
	return out
}

// newline returns the line terminator of the first line, "\n" by default.
func (d *doc) newline() string {
	for _, l := range d.lines {
		if strings.HasSuffix(l.eol, "\r\n") {
			return "\r\n"
		}
		if l.eol != "" {
			return "\n"
		}
	}
	return "\n"
}

// find returns the index of the first heading of the release that
// matches, or -1. A heading matches if version is non-empty and equal to
// its version, or if version is empty and the heading is Unreleased.
func (d *doc) find(version string) int {
	for i, in := range d.infos {
		if in.release() && in.version == version {
			return i
		}
	}
	return -1
}

// firstVersion returns the index of the first version heading, or -1.
func (d *doc) firstVersion() int {
	for i, in := range d.infos {
		if in.release() && in.version != "" {
			return i
		}
	}
	return -1
}

// sectionEnd returns the index just past the section whose heading is at
// i: the next boundary heading, the link-reference block or the end.
func (d *doc) sectionEnd(i int) int {
	j := i + 1
	for j < d.refs && !d.infos[j].boundary() {
		j++
	}
	return max(j, i+1)
}

// body returns the lines under the heading at i, without surrounding blank
// lines, joined with "\n" and ending in "\n"; "" if there are none.
func (d *doc) body(i int) string {
	b := trimBlank(texts(d.lines[i+1 : d.sectionEnd(i)]))
	if len(b) == 0 {
		return ""
	}
	return strings.Join(b, "\n") + "\n"
}

// openErr reports that what must go at the end of the file would land
// inside the code block or comment left open at d.open.
func (d *doc) openErr(what string) error {
	kind := "code fence"
	if strings.HasPrefix(strings.TrimLeft(d.lines[d.open].text, " "), "<!--") {
		kind = "HTML comment"
	}
	return fmt.Errorf("changelog: line %d: %s is never closed, so %s cannot be added after it", d.open+1, kind, what)
}

// trimBlank returns s without leading and trailing blank lines.
func trimBlank(s []string) []string {
	for len(s) > 0 && isBlank(s[0]) {
		s = s[1:]
	}
	return trimEnd(s)
}

// trimEnd returns s without trailing blank lines.
func trimEnd(s []string) []string {
	for len(s) > 0 && isBlank(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}
