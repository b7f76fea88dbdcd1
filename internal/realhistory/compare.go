package realhistory

import "strings"

// Match is the comparison of a release's real entries with releasebot's.
type Match struct {
	// Matched counts real entries releasebot also wrote.
	Matched int
	// Missing are real entries releasebot did not write.
	Missing []Entry
	// Extra are entries releasebot wrote that the real tool did not: a
	// non-breaking bullet no real bullet matches, or a breaking bullet no
	// real breaking bullet matches (releasebot calls it breaking, the
	// tool did not).
	Extra []Entry
}

// Exact reports whether the two sections hold the same entries.
func (m Match) Exact() bool { return len(m.Missing) == 0 && len(m.Extra) == 0 }

// Compare matches real entries (the tool's section) with got (releasebot's)
// as multisets.
//
// The two tools lay breaking changes out differently: the real tools list a
// breaking change twice, its migration note under "BREAKING CHANGES" and
// its description under the type's heading, while releasebot lists it once
// under "Breaking Changes", the note indented below. So a releasebot
// breaking bullet has two sides: its description matches a real bullet of
// any heading with that text, and its note (or its description when it has
// no note) matches a real breaking bullet. Non-breaking bullets match a
// real bullet with the same heading and text.
func Compare(real, got []Entry) Match {
	var m Match
	usedType := make([]bool, len(got))
	usedBreak := make([]bool, len(got))
	pending := make([]bool, len(real))
	// Exact heading and text first, so that a looser match never steals an
	// entry an exact one needs.
	for i, r := range real {
		pending[i] = true
		if r.Breaking {
			continue
		}
		for j, g := range got {
			if !usedType[j] && !g.Breaking && g.Section == r.Section && g.Text == r.Text {
				usedType[j], pending[i] = true, false
				m.Matched++
				break
			}
		}
	}
	for i, r := range real {
		if !pending[i] {
			continue
		}
		found := false
		for j, g := range got {
			if !g.Breaking {
				continue
			}
			switch {
			case r.Breaking && !usedBreak[j] && sameNote(r.Whole(), g):
				usedBreak[j], found = true, true
			case !r.Breaking && !usedType[j] && g.Text == r.Text:
				usedType[j], found = true, true
			}
			if found {
				break
			}
		}
		if found {
			m.Matched++
		} else {
			m.Missing = append(m.Missing, r)
		}
	}
	for j, g := range got {
		if g.Breaking && !usedBreak[j] || !g.Breaking && !usedType[j] {
			m.Extra = append(m.Extra, g)
		}
	}
	return m
}

// sameNote reports whether a real breaking bullet's text is releasebot's
// breaking bullet g: its note under its scope, or its description when it
// has no note.
func sameNote(real string, g Entry) bool {
	if g.Note == "" {
		return real == g.Text
	}
	if real == g.Note {
		return true
	}
	scope, _, ok := strings.Cut(g.Text, ": ")
	return ok && !strings.Contains(scope, " ") && real == scope+": "+g.Note
}
