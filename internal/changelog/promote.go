package changelog

import "strings"

// DropCovered returns content without the sections of the pre-releases of
// version (1.3.0-rc.1 and 1.3.0-beta.2 for 1.3.0) whose every entry is
// already in body, the stable release's notes, together with their link
// references. Promoting a release candidate then lists each change once,
// in the release that ships it. A pre-release section holding anything
// else, such as hand-written notes, is kept whole: nothing is lost.
func DropCovered(content []byte, version, body string) []byte {
	version = trimV(version)
	if strings.Contains(version, "-") || len(content) == 0 {
		return content
	}
	covered := map[string]bool{}
	for _, l := range strings.Split(body, "\n") {
		covered[strings.TrimSpace(l)] = true
	}
	d := parse(content)
	drop := make([]bool, len(d.lines))
	labels := map[string]bool{}
	for i, in := range d.infos {
		if !in.release() || !strings.HasPrefix(in.version, version+"-") {
			continue
		}
		end := d.sectionEnd(i)
		if !d.coveredBy(i, end, covered) {
			continue
		}
		for j := i; j < end; j++ {
			drop[j] = true
		}
		labels[strings.ToLower(refLabelFor(d.lines[i].text, in.version))] = true
	}
	if len(labels) == 0 {
		return content
	}
	for i := d.refs; i < len(d.lines); i++ {
		if label, _, ok := refLabel(strings.TrimLeft(d.lines[i].text, " ")); ok && d.infos[i].kind == kRef && labels[strings.ToLower(label)] {
			drop[i] = true
		}
	}
	var out []line
	for i, l := range d.lines {
		if !drop[i] {
			out = append(out, l)
		}
	}
	return render(out)
}

// coveredBy reports whether every line of the section [i, end) but its
// heading, blank lines and "###" subsection headings is in covered.
func (d *doc) coveredBy(i, end int, covered map[string]bool) bool {
	for j := i + 1; j < end; j++ {
		text := strings.TrimSpace(d.lines[j].text)
		if text == "" || d.infos[j].kind == kHeading && d.infos[j].level >= 3 {
			continue
		}
		if !covered[text] {
			return false
		}
	}
	return true
}
