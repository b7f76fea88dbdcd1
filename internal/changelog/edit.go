package changelog

import "strings"

// insert adds the section for r, which is valid and names version ver, to
// d, which has no section for ver. It may modify d.
func (d *doc) insert(r Release, ver string) ([]byte, error) {
	nl := d.newline()
	d.completeLastLine(nl)
	p := d.firstVersion()
	if p < 0 {
		p = d.refs
	}
	if d.open >= 0 && p == d.end {
		return nil, d.openErr("the release section")
	}
	body := bodyLines(r.Body)
	f := d.fold(&body)
	sec := []string{r.Heading}
	if len(body) > 0 {
		sec = append(append(sec, ""), body...)
	}
	out := d.content(p, sec, f, nl)
	block := editRefs(d.lines[d.refs:d.end], refPlan{
		label:     refLabelFor(r.Heading, ver),
		link:      r.Link,
		unrelLink: r.UnreleasedLink,
		hasUnrel:  d.find("") >= 0,
	}, nl)
	if len(block) == 0 {
		return render(trimLines(out)), nil
	}
	if d.open >= 0 {
		return nil, d.openErr("link references")
	}
	if d.refs == d.end || p == d.refs || !isBlank(out[len(out)-1].text) {
		out = appendTexts(trimLines(out), []string{""}, nl)
	}
	return render(trimLines(append(out, block...))), nil
}

// completeLastLine gives the last line a terminator ending in "\n".
func (d *doc) completeLastLine(nl string) {
	switch n := len(d.lines); {
	case n == 0:
	case d.lines[n-1].eol == "":
		d.lines[n-1].eol = nl
	case !strings.HasSuffix(d.lines[n-1].eol, "\n"):
		d.lines[n-1].eol += "\n" // a final "\r" stays, completed to "\r\n"
	}
}

// content returns the lines before the link-reference block with section
// sec placed at line p and the Unreleased section emptied as f says.
func (d *doc) content(p int, sec []string, f folding, nl string) []line {
	var out []line
	for i := 0; i < d.refs; i++ {
		if i == p {
			out = placeSection(out, sec, nl)
			out = append(out, line{"", nl})
		}
		if i > f.u && i < f.end {
			if i == f.u+1 {
				out = appendTexts(out, f.keep, nl)
			}
			continue
		}
		out = append(out, d.lines[i])
	}
	if p == d.refs {
		out = placeSection(out, sec, nl)
	}
	return out
}

// bodyLines splits a release body into lines without their terminators or
// surrounding blank lines.
func bodyLines(body string) []string {
	lines := strings.Split(body, "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], "\r")
	}
	return trimBlank(lines)
}

// placeSection appends sec to out, after exactly one blank line unless out
// is empty.
func placeSection(out []line, sec []string, nl string) []line {
	out = trimLines(out)
	if len(out) > 0 {
		out = append(out, line{"", nl})
	}
	return appendTexts(out, sec, nl)
}

func appendTexts(out []line, texts []string, nl string) []line {
	for _, t := range texts {
		out = append(out, line{t, nl})
	}
	return out
}

// trimLines drops trailing blank lines.
func trimLines(out []line) []line {
	for len(out) > 0 && isBlank(out[len(out)-1].text) {
		out = out[:len(out)-1]
	}
	return out
}

func render(lines []line) []byte {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.text)
		b.WriteString(l.eol)
	}
	return []byte(b.String())
}

// refLabelFor returns the link label of a release heading: its bracketed
// text if it starts with one, else ver.
func refLabelFor(heading, ver string) string {
	s, _ := unindent(heading)
	if in := plain(s, true, heading); strings.HasPrefix(in.title, "[") {
		if j := strings.IndexByte(in.title, ']'); j > 1 {
			return in.title[1:j]
		}
	}
	return ver
}

// refPlan says what editRefs must do.
type refPlan struct {
	label     string // label of the new version's reference
	link      string // its URL, "" for no reference
	unrelLink string // URL of the [unreleased] reference, "" to leave it
	hasUnrel  bool   // whether the file has an Unreleased heading
}

// editRefs returns a copy of the link-reference block with the references
// of pl added or updated. New lines end in nl.
func editRefs(block []line, pl refPlan, nl string) []line {
	out := append([]line(nil), block...)
	unrel, own, firstVer := findRefs(out, pl.label)
	if pl.unrelLink != "" && unrel >= 0 {
		out[unrel] = withURL(out[unrel], pl.unrelLink)
	} else if pl.unrelLink != "" && pl.hasUnrel {
		unrel = len(out)
		if firstVer >= 0 {
			unrel, firstVer, own = firstVer, firstVer+1, shift(own, firstVer)
		}
		out = insertLine(out, unrel, line{"[unreleased]: " + pl.unrelLink, nl})
	}
	if pl.link == "" {
		return out
	}
	if own >= 0 {
		out[own] = withURL(out[own], pl.link)
		return out
	}
	at := len(out)
	if firstVer >= 0 {
		at = firstVer
	} else if unrel >= 0 {
		at = unrel + 1
	}
	return insertLine(out, at, line{"[" + pl.label + "]: " + pl.link, nl})
}

// findRefs returns the indexes of the first "[unreleased]:" reference, of
// the first reference for the version in label and of the first reference
// for any version, each -1 if absent.
func findRefs(block []line, label string) (unrel, own, firstVer int) {
	unrel, own, firstVer = -1, -1, -1
	for i, l := range block {
		s, _ := unindent(l.text)
		got, _, ok := refLabel(s)
		switch {
		case !ok:
		case strings.EqualFold(got, "unreleased"):
			unrel = first(unrel, i)
		case isVersion(trimV(got)):
			firstVer = first(firstVer, i)
			if strings.EqualFold(trimV(got), trimV(label)) {
				own = first(own, i)
			}
		}
	}
	return unrel, own, firstVer
}

// first returns i unless cur is already set.
func first(cur, i int) int {
	if cur >= 0 {
		return cur
	}
	return i
}

// shift returns the index i after a line is inserted at at.
func shift(i, at int) int {
	if i >= at {
		return i + 1
	}
	return i
}

func insertLine(lines []line, at int, l line) []line {
	lines = append(lines, line{})
	copy(lines[at+1:], lines[at:])
	lines[at] = l
	return lines
}

// withURL returns the link reference l pointing at url, unchanged if it
// already does.
func withURL(l line, url string) line {
	s, _ := unindent(l.text)
	if _, dest, _ := refLabel(s); dest == url {
		return l
	}
	j := strings.Index(l.text, "]:")
	l.text = l.text[:j+2] + " " + url
	return l
}
