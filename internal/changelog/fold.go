package changelog

import "strings"

// folding says how to empty the Unreleased section: lines u+1 to end-1
// are replaced by keep. With u = end = -1 nothing changes.
type folding struct {
	u, end int
	keep   []string
}

// fold moves the hand-written content under the first Unreleased heading
// into *body, and says what to leave there: template subsection headings,
// with blank lines around them.
func (d *doc) fold(body *[]string) folding {
	none := folding{u: -1, end: -1}
	u := d.find("")
	if u < 0 {
		return none
	}
	end := d.sectionEnd(u)
	merged, tmpl, ok := merge(texts(d.lines[u+1:end]), *body)
	if !ok {
		return none
	}
	*body = merged
	keep := []string{""}
	if len(tmpl) > 0 {
		keep = append(append(keep, tmpl...), "")
	}
	return folding{u: u, end: end, keep: keep}
}

// sub is a "### Name" subsection of a section body.
type sub struct {
	head  string   // the heading line
	name  string   // its title
	lines []string // the lines under it
}

// splitSubs cuts a section body at its level-3 headings.
func splitSubs(lines []string) (pre []string, subs []sub) {
	infos, _ := classify(lines)
	for i, t := range lines {
		switch in := infos[i]; {
		case in.kind == kHeading && in.level == 3:
			subs = append(subs, sub{head: t, name: in.title})
		case len(subs) == 0:
			pre = append(pre, t)
		default:
			subs[len(subs)-1].lines = append(subs[len(subs)-1].lines, t)
		}
	}
	return pre, subs
}

// merge folds hand-written lines into the generated body gen (see Insert).
// tmpl holds the headings of empty hand-written subsections, separated by
// blank lines. ok is false if hand has no content besides such headings.
func merge(hand, gen []string) (merged, tmpl []string, ok bool) {
	hPre, hSubs := splitSubs(hand)
	gPre, gSubs := splitSubs(gen)
	merged = joinPara(trimBlank(hPre), trimBlank(gPre))
	ok = len(trimBlank(hPre)) > 0
	var extra []sub
	for _, h := range hSubs {
		lines := trimBlank(h.lines)
		k := findSub(gSubs, h.name)
		switch {
		case len(lines) == 0:
			tmpl = joinPara(tmpl, []string{h.head})
		case k >= 0:
			gSubs[k].lines = appendHand(trimEnd(gSubs[k].lines), lines)
		default:
			extra = append(extra, sub{head: h.head, lines: h.lines})
		}
		ok = ok || len(lines) > 0
	}
	for _, s := range append(gSubs, extra...) {
		merged = joinPara(merged, append([]string{s.head}, trimEnd(s.lines)...))
	}
	return merged, tmpl, ok
}

// findSub returns the index of the subsection called name, or -1.
func findSub(subs []sub, name string) int {
	for i, s := range subs {
		if strings.EqualFold(s.name, name) {
			return i
		}
	}
	return -1
}

// joinPara returns a followed by b, with a blank line between them if both
// are non-empty. It never modifies a or b.
func joinPara(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b)+1)
	out = append(out, a...)
	if len(a) > 0 && len(b) > 0 {
		out = append(out, "")
	}
	return append(out, b...)
}

// appendHand returns the generated lines of a subsection followed by the
// hand-written ones: in the same list if gen ends in a list and hand starts
// with a list item, else after a blank line. hand must not be empty.
func appendHand(gen, hand []string) []string {
	switch {
	case len(gen) == 0:
		return append([]string{""}, hand...)
	case inList(gen[len(gen)-1]) && listItem(hand[0]):
		return append(append([]string(nil), gen...), hand...)
	}
	return joinPara(gen, hand)
}

// inList reports whether t can be the last line of a list: an item or an
// indented continuation.
func inList(t string) bool {
	return listItem(t) || (!isBlank(t) && (t[0] == ' ' || t[0] == '\t'))
}

// listItem reports whether t starts a list item ("- x", "* x", "+ x",
// "1. x", "1) x").
func listItem(t string) bool {
	s, ok := unindent(t)
	if !ok || s == "" {
		return false
	}
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	switch {
	case n == 0 && strings.IndexByte("-*+", s[0]) >= 0:
		n = 1
	case n > 0 && n < len(s) && (s[n] == '.' || s[n] == ')'):
		n++
	default:
		return false
	}
	return n == len(s) || s[n] == ' ' || s[n] == '\t'
}
