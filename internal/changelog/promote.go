package changelog

import "strings"

// DropCovered returns content without the entries of the pre-releases of
// version (1.3.0-rc.1 and 1.3.0-beta.2 for 1.3.0) that body, the stable
// release's notes, already lists: an entry matches whatever commit links it
// carries, so a squash-merged promotion is recognised too. A pre-release
// section left with nothing goes, with its link reference; one holding
// anything else, such as hand-written notes, keeps that text under its
// heading. Promoting a release candidate then lists each change once, in
// the release that ships it, and nothing is lost.
func DropCovered(content []byte, version, body string) []byte {
	version = trimV(version)
	if strings.Contains(version, "-") || len(content) == 0 {
		return content
	}
	covered := map[string]bool{}
	for _, l := range strings.Split(body, "\n") {
		if k := entryKey(l); k != "" {
			covered[k] = true
		}
	}
	d := parse(content)
	drop := make([]bool, len(d.lines))
	labels := map[string]bool{}
	for i, in := range d.infos {
		if !in.release() || !strings.HasPrefix(in.version, version+"-") {
			continue
		}
		end := d.sectionEnd(i)
		if d.dropCoveredLines(i, end, covered, drop) {
			labels[strings.ToLower(refLabelFor(d.lines[i].text, in.version))] = true
		}
	}
	if len(labels) == 0 && !anyTrue(drop) {
		return content
	}
	for i := d.refs; i < len(d.lines); i++ {
		if label, _, ok := refLabel(strings.TrimLeft(d.lines[i].text, " ")); ok && d.infos[i].kind == kRef && labels[strings.ToLower(label)] {
			drop[i] = true
		}
	}
	var out []line
	gap := false // a line was dropped since the last one kept
	for i, l := range d.lines {
		if drop[i] {
			gap = true
			continue
		}
		// Where lines went, two blank lines meeting become one.
		if gap && isBlank(l.text) && len(out) > 0 && isBlank(out[len(out)-1].text) {
			continue
		}
		gap = false
		out = append(out, l)
	}
	return render(out)
}

// dropCoveredLines marks the covered entries of the section [i, end) in
// drop, and the whole section when nothing else is left in it; it reports
// the latter.
func (d *doc) dropCoveredLines(i, end int, covered map[string]bool, drop []bool) bool {
	left := false
	for j := i + 1; j < end; j++ {
		text := strings.TrimSpace(d.lines[j].text)
		switch {
		case text == "" || d.infos[j].kind == kHeading && d.infos[j].level >= 3:
		case covered[entryKey(text)]:
			drop[j] = true
		default:
			left = true
		}
	}
	if !left {
		for j := i; j < end; j++ {
			drop[j] = true
		}
		return true
	}
	// Subsection headings whose entries all went, go too.
	for j := i + 1; j < end; j++ {
		if d.infos[j].kind != kHeading || d.infos[j].level < 3 {
			continue
		}
		empty := true
		for k := j + 1; k < end && !(d.infos[k].kind == kHeading && d.infos[k].level >= 3); k++ {
			if !drop[k] && strings.TrimSpace(d.lines[k].text) != "" {
				empty = false
			}
		}
		if empty {
			drop[j] = true
		}
	}
	return false
}

// entryKey is a changelog line without its trailing references ("(#12,
// abc1234)" or their linked forms), for matching an entry whatever
// commit it links; "" for blank lines and headings.
func entryKey(line string) string {
	t := strings.TrimSpace(line)
	if t == "" || strings.HasPrefix(t, "#") {
		return ""
	}
	if strings.HasSuffix(t, ")") {
		for _, open := range []string{" ([", " (#"} {
			if i := strings.LastIndex(t, open); i > 0 {
				return t[:i]
			}
		}
		if i := strings.LastIndex(t, " ("); i > 0 && isHexRef(t[i+2:len(t)-1]) {
			return t[:i]
		}
	}
	return t
}

// isHexRef reports a short commit hash ("abc1234"), maybe followed by
// more references.
func isHexRef(s string) bool {
	s, _, _ = strings.Cut(s, ",")
	if len(s) < 7 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}
