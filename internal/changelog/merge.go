package changelog

import (
	"regexp"
	"strings"
)

// MergeSection merges a release's section three ways, entry by entry:
// base is the section releasebot generated last time, theirs the same
// section as people left it, ours the section generated now. The result is
// theirs with the generated changes applied:
//
//   - an entry people reworded keeps their words, and one they removed
//     stays removed, whatever the new generation says of it;
//   - an entry people left as generated takes the new generation's words;
//   - an entry that is new in ours (a commit merged since) is added under
//     its subsection, which is created where ours puts it when people
//     removed it;
//   - an entry the generation no longer makes (a reverted commit) goes,
//     unless people edited it;
//   - prose people added stays where they put it; generated prose (the
//     line naming the label that set the level) follows the generation
//     like an entry.
//
// Entries are matched by subsection and the commit they name (a short hash
// in the entry's first line), else by their text. conflict is true when a
// change cannot be applied without overriding people's text: an entry both
// sides changed (theirs is kept), or a base that cannot be read (theirs is
// kept and every entry of ours it lacks is added). The section heading is
// not part of the sections given.
func MergeSection(base, theirs, ours string) (merged string, conflict bool) {
	b, t, o := parseSection(base), parseSection(theirs), parseSection(ours)
	if strings.TrimSpace(base) == "" {
		conflict = strings.TrimSpace(theirs) != ""
	}
	baseText, oursText := itemTexts(b), itemTexts(o)
	// Keep people's items, less those the generation retracted untouched.
	seen := map[string]bool{}
	for i := range t {
		kept := t[i].items[:0]
		for _, it := range t[i].items {
			k := it.key(t[i].heading)
			seen[k] = true
			was, inBase := baseText[k]
			now, inOurs := oursText[k]
			switch {
			case !inBase:
				kept = append(kept, it) // people's own text
			case !inOurs && it.text == was:
				continue // retracted by the generation, untouched by people
			case inOurs && it.text == was:
				it.text = now // untouched by people: the generation's words
				kept = append(kept, it)
			default: // people's words win; say so if the generation changed too
				conflict = conflict || !inOurs || now != was
				kept = append(kept, it)
			}
		}
		t[i].items = kept
	}
	// Add what is new in ours, in ours' order; what people removed stays
	// out.
	t, _ = addMissing(t, o, seen, func(it item, k string) bool {
		_, inBase := baseText[k]
		return !inBase
	})
	return renderSection(t), conflict
}

// itemTexts maps each item of subs to its text, by key.
func itemTexts(subs []subsection) map[string]string {
	out := map[string]string{}
	for _, sub := range subs {
		for _, it := range sub.items {
			out[it.key(sub.heading)] = it.text
		}
	}
	return out
}

// addMissing adds to t, in o's order and under o's subsections, the items
// of o whose key is not in seen and that want accepts; it marks them seen
// and counts them.
func addMissing(t, o []subsection, seen map[string]bool, want func(it item, key string) bool) ([]subsection, int) {
	added := 0
	for oi, sub := range o {
		for _, it := range sub.items {
			if k := it.key(sub.heading); !seen[k] && want(it, k) {
				t = insertItem(t, o, oi, it)
				seen[k] = true
				added++
			}
		}
	}
	return t, added
}

// item is one block of a section: a list entry with its continuation
// lines, or a paragraph of prose.
type item struct {
	text  string
	entry bool
}

// shortHash finds the commit an entry names: a 7-hex-digit short hash as
// the notes write it, "[abc1234](", "(abc1234)" or ", abc1234)".
var shortHash = regexp.MustCompile(`[\[(, ]([0-9a-f]{7})[\])]`)

// key identifies an item within a section.
func (it item) key(heading string) string {
	first, _, _ := strings.Cut(it.text, "\n")
	if it.entry {
		if m := shortHash.FindAllStringSubmatch(first, -1); len(m) > 0 {
			return heading + "\x00" + m[len(m)-1][1]
		}
	}
	return heading + "\x00" + strings.TrimSpace(it.text)
}

// subsection is a "###" heading (or "" for the text before the first one)
// and its items.
type subsection struct {
	heading string
	items   []item
}

// parseSection cuts a section's body into subsections and items. A list
// entry runs until the next line that starts an entry, a heading or an
// unindented paragraph after a blank line.
func parseSection(s string) []subsection {
	subs := []subsection{{}}
	var cur []string
	entry := false
	flush := func() {
		text := strings.TrimRight(strings.Join(cur, "\n"), "\n ")
		if strings.TrimSpace(text) != "" {
			last := &subs[len(subs)-1]
			last.items = append(last.items, item{text: text, entry: entry})
		}
		cur, entry = nil, false
	}
	blank := false
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		trimmed := strings.TrimSpace(l)
		startsEntry := strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ")
		switch {
		case strings.HasPrefix(l, "#"):
			flush()
			subs = append(subs, subsection{heading: trimmed})
		case startsEntry:
			flush()
			cur, entry = []string{l}, true
		case trimmed == "":
			if !entry {
				flush()
			} else {
				cur = append(cur, l)
			}
		case blank && entry && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "\t"):
			flush() // an unindented paragraph after an entry is prose
			cur = []string{l}
		default:
			cur = append(cur, l)
		}
		blank = trimmed == ""
	}
	flush()
	return subs
}

// insertItem adds it to the subsection of t with the heading ours gives it
// (ours[oi]); when t has none, the subsection is created after the last
// subsection of t that comes before it in ours.
func insertItem(t, ours []subsection, oi int, it item) []subsection {
	heading := ours[oi].heading
	for i := range t {
		if t[i].heading == heading {
			t[i].items = append(t[i].items, it)
			return t
		}
	}
	at := len(t)
	for j := oi - 1; j >= 0; j-- {
		found := -1
		for i := range t {
			if t[i].heading == ours[j].heading {
				found = i
			}
		}
		if found >= 0 {
			at = found + 1
			break
		}
	}
	t = append(t, subsection{})
	copy(t[at+1:], t[at:])
	t[at] = subsection{heading: heading, items: []item{it}}
	return t
}

// renderSection writes subsections back: each heading and item separated
// by a blank line, entries of one subsection on consecutive lines.
func renderSection(subs []subsection) string {
	var b strings.Builder
	for _, sub := range subs {
		if sub.heading == "" && len(sub.items) == 0 {
			continue
		}
		if sub.heading != "" {
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			b.WriteString(sub.heading + "\n\n")
		}
		for i, it := range sub.items {
			if i > 0 && (!it.entry || !sub.items[i-1].entry || strings.Contains(sub.items[i-1].text, "\n")) {
				b.WriteString("\n")
			}
			b.WriteString(it.text + "\n")
		}
	}
	return b.String()
}

// ReplaceSection returns content with the body of version's section
// replaced by body (in the form Section returns), its heading kept; ok is
// false, and content is returned as it is, when there is no such section.
// The file's line endings are kept.
func ReplaceSection(content []byte, version, body string) (out []byte, ok bool) {
	d := parse(content)
	i := d.find(trimV(version))
	if i < 0 {
		return content, false
	}
	nl := "\n"
	if strings.Contains(string(content), "\r\n") {
		nl = "\r\n"
	}
	var b strings.Builder
	for _, l := range d.lines[:i+1] {
		b.WriteString(l.text + l.eol)
	}
	if strings.TrimSpace(body) != "" {
		b.WriteString(nl + strings.ReplaceAll(strings.TrimRight(body, "\n"), "\n", nl) + nl)
	}
	rest := d.lines[d.sectionEnd(i):]
	if len(rest) > 0 {
		b.WriteString(nl)
	}
	for _, l := range rest {
		b.WriteString(l.text + l.eol)
	}
	return []byte(b.String()), true
}

// WithoutSection is content less version's section (heading and body):
// what people may have edited around a release's section.
func WithoutSection(content []byte, version string) string {
	d := parse(content)
	i := d.find(trimV(version))
	if i < 0 {
		return string(content)
	}
	var b strings.Builder
	for _, l := range d.lines[:i] {
		b.WriteString(l.text + l.eol)
	}
	for _, l := range d.lines[d.sectionEnd(i):] {
		b.WriteString(l.text + l.eol)
	}
	return b.String()
}

// HeadingLine returns the line that heads version's section, as written.
func HeadingLine(content []byte, version string) (string, bool) {
	d := parse(content)
	i := d.find(trimV(version))
	if i < 0 {
		return "", false
	}
	return d.lines[i].text, true
}

// AddEntries adds to a release's section the entries of extra it lacks
// (matched as MergeSection matches them), each under its subsection, and
// says how many it added. Nothing of section is changed or removed.
func AddEntries(section, extra string) (string, int) {
	t := parseSection(section)
	seen := map[string]bool{}
	for k := range itemTexts(t) {
		seen[k] = true
	}
	t, added := addMissing(t, parseSection(extra), seen, func(it item, _ string) bool { return it.entry })
	if added == 0 {
		return section, 0
	}
	return renderSection(t), added
}
