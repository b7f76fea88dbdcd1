package main

import (
	"regexp"
	"strings"

	"github.com/releasebot/releasebot/internal/realhistory"
)

// missingCause explains a real entry releasebot did not write.
func missingCause(rec record, e realhistory.Entry) cause {
	c := cause{What: "missing", Detail: "[" + e.Section + "] " + e.Text}
	rel := rec.Release
	cm := commitByRefs(rel, e.Refs)
	if cm == nil {
		cm = commitByText(rel, e.Text)
	}
	if cm == nil {
		switch {
		case len(e.Refs) > 0:
			c.Kind = "the tool's entry names a commit outside the range"
			c.Commits = e.Refs
		case e.Breaking:
			c.Kind = "breaking note text differs"
		default:
			c.Kind = "the tool's entry matches no commit of the range (written by hand?)"
		}
		return c
	}
	c.Commits = []string{short(cm.Hash)}
	subject, body := subjectBody(cm.Message)
	h := readHeader(subject)
	if cm.Merge {
		c.Kind = "the tool read a merge commit"
		return c
	}
	if e.Breaking {
		if inBodyHeader(body, e.Text) || multiChange(body) && !extraBreakingFrom(rec, cm.Hash) {
			c.Kind = "multi-change body not read (breaking)"
			return c
		}
		if extraBreakingFrom(rec, cm.Hash) {
			c.Kind = "breaking note text differs"
			return c
		}
		if breakingKey.MatchString(body) || h.Bang {
			c.Kind = "breaking note text differs"
			return c
		}
		c.Kind = "the tool found a breaking change releasebot did not"
		return c
	}
	if h.OK && h.entryText() == e.Text {
		switch {
		case h.Bang || breakingKey.MatchString(body):
			c.Kind = "breaking change of a type releasebot hides, listed by the tool under its type"
		case sectionOfType(h.Type) != e.Section:
			c.Kind = "the tool lists a " + h.Type + " commit under " + e.Section + " (type changed outside git: PR-body override or edited release PR)"
		case extraFold(rec, e.Text):
			c.Kind = "scope case: releasebot lower-cases the scope, the tool keeps it"
		default:
			c.Kind = "the tool lists this " + h.Type + ", releasebot does not"
		}
		return c
	}
	switch {
	case inBodyHeader(body, e.Text):
		c.Kind = "multi-change body not read"
	case inBullet(body, e.Text):
		c.Kind = "squash bullet under a conventional title not read"
	case !h.OK:
		c.Kind = "the tool listed a commit whose subject is not conventional"
	case strings.EqualFold(h.entryText(), e.Text):
		c.Kind = "scope case: releasebot lower-cases the scope, the tool keeps it"
	case similar(h.entryText(), e.Text):
		c.Kind = "the tool's text is the commit's, edited (PR-body override or edited release PR)"
	default:
		c.Kind = "the tool's text is not the commit's (PR-body override or edited release PR)"
	}
	return c
}

// similar reports whether two texts differ by a small edit: most of their
// words are shared.
func similar(a, b string) bool {
	wa, wb := strings.Fields(strings.ToLower(a)), strings.Fields(strings.ToLower(b))
	set := map[string]int{}
	for _, w := range wa {
		set[strings.Trim(w, ".,`'\"")]++
	}
	shared := 0
	for _, w := range wb {
		if k := strings.Trim(w, ".,`'\""); set[k] > 0 {
			set[k]--
			shared++
		}
	}
	return 3*shared >= 2*max(len(wa), len(wb))
}

// extraCause explains an entry releasebot wrote that the tool did not.
func extraCause(rec record, e realhistory.Entry) cause {
	c := cause{What: "extra", Detail: "[" + e.Section + "] " + e.Text}
	rel := rec.Release
	cm := commitByRefs(rel, e.Refs)
	if cm == nil {
		c.Kind = "releasebot entry of an unknown commit"
		return c
	}
	c.Commits = []string{short(cm.Hash)}
	subject, body := subjectBody(cm.Message)
	h := readHeader(subject)
	if containsStr(rec.Earlier, e.Text) {
		c.Kind = "the tool released this change before (the previous tag does not contain the commit)"
		return c
	}
	if by := revertedBy(rel, cm.Hash); by != nil {
		c.Kind = "the tool drops a change reverted in the same release; releasebot lists it"
		c.Commits = append(c.Commits, short(by.Hash))
		return c
	}
	if e.Breaking {
		if typeSideMatched(rec, e) {
			c.Kind = "read as breaking, the tool did not: " + whyBreaking(*cm)
		} else {
			c.Kind = "breaking entry the tool did not list: " + whyBreaking(*cm)
		}
		return c
	}
	switch {
	case revertRe.MatchString(subject):
		inner := readHeader(revertRe.FindStringSubmatch(subject)[1])
		if revertsInRange(rel, cm.Message) {
			c.Kind = "GitHub revert of a change of the same release listed (the tool drops both)"
		} else {
			c.Kind = "GitHub revert subject listed (the tool lists none); reverted type " + orNone(inner.Type)
		}
	case h.OK && h.entryText() == e.Text:
		switch {
		case sameTextElsewhere(rec, e):
			c.Kind = "listed under another heading than the tool's"
		case countText(rec.Release.Entries, e.Text) > 0:
			c.Kind = "listed more times than the tool lists it"
		case missingFrom(rec, cm.Hash):
			c.Kind = "the tool's entry for this commit was edited (PR-body override or edited release PR)"
		default:
			c.Kind = "the tool left this " + h.Type + " out (PR-body override or edited release PR, not in git)"
		}
	case inBullet(body, e.Text):
		c.Kind = "squash bullet listed (the tool ignores bullets)"
	case inBodyHeader(body, e.Text):
		c.Kind = "body line read as a change, the tool did not"
	default:
		c.Kind = "releasebot text differs from the tool's"
	}
	return c
}

func orNone(s string) string {
	if s == "" {
		return "(not conventional)"
	}
	return s
}

func whyBreaking(cm realhistory.Commit) string {
	subject, body := subjectBody(cm.Message)
	h := readHeader(subject)
	switch {
	case h.OK && h.Bang:
		return "header !"
	case breakingKey.MatchString(body) && depsBot.MatchString(cm.Message):
		return "dependency bot body quotes upstream notes (BREAKING CHANGE)"
	case breakingKey.MatchString(body):
		return "BREAKING CHANGE footer"
	case hasBreakingBullet(body) && depsBot.MatchString(cm.Message):
		return "dependency bot body quotes upstream notes (type!: bullet)"
	case hasBreakingBullet(body) && h.OK:
		return "bullet under conventional title"
	case hasBreakingBullet(body):
		return "bullet under a non-conventional title"
	}
	return "other"
}

// inBodyHeader reports whether a body line is a conventional header
// whose entry text is text (a change of a multi-change commit).
func inBodyHeader(body, text string) bool {
	for _, l := range strings.Split(body, "\n") {
		if bodyHeader.MatchString(strings.TrimSpace(l)) && readHeader(strings.TrimSpace(l)).entryText() == text {
			return true
		}
	}
	return false
}

// inBullet reports whether a body bullet "* type: desc" has entry text.
func inBullet(body, text string) bool {
	for _, l := range strings.Split(body, "\n") {
		t := strings.TrimSpace(l)
		if bulletHead.MatchString(t) && readHeader(strings.TrimSpace(t[1:])).entryText() == text {
			return true
		}
	}
	return false
}

func extraBreakingFrom(rec record, hash string) bool {
	for _, e := range rec.Match.Extra {
		if e.Breaking && commitByRefs(rec.Release, e.Refs) != nil && commitByRefs(rec.Release, e.Refs).Hash == hash {
			return true
		}
	}
	return false
}

// typeSideMatched reports whether a releasebot breaking entry's
// description is among the tool's entries (the tool listed the change,
// not as breaking).
func typeSideMatched(rec record, e realhistory.Entry) bool {
	return countText(rec.Release.Entries, e.Text) > 0
}

func sameTextElsewhere(rec record, e realhistory.Entry) bool {
	for _, r := range rec.Release.Entries {
		if r.Text == e.Text && r.Section != e.Section {
			return true
		}
	}
	return false
}

func countText(entries []realhistory.Entry, text string) int {
	n := 0
	for _, r := range entries {
		if !r.Breaking && r.Text == text {
			n++
		}
	}
	return n
}

var revertsRe = regexp.MustCompile(`This reverts commit ([0-9a-f]{7,40})`)

// revertedBy returns the range's commit that reverts hash, if any.
func revertedBy(rel realhistory.Release, hash string) *realhistory.Commit {
	for i := range rel.Commits {
		for _, m := range revertsRe.FindAllStringSubmatch(rel.Commits[i].Message, -1) {
			if strings.HasPrefix(hash, m[1]) {
				return &rel.Commits[i]
			}
		}
	}
	return nil
}

// revertsInRange reports whether a revert's message names a commit of the
// range.
func revertsInRange(rel realhistory.Release, msg string) bool {
	for _, m := range revertsRe.FindAllStringSubmatch(msg, -1) {
		for _, c := range rel.Commits {
			if strings.HasPrefix(c.Hash, m[1]) {
				return true
			}
		}
	}
	return false
}

// missingFrom reports whether a real entry the comparison missed names the
// commit.
func missingFrom(rec record, hash string) bool {
	for _, e := range rec.Match.Missing {
		if cm := commitByRefs(rec.Release, e.Refs); cm != nil && cm.Hash == hash {
			return true
		}
	}
	return false
}

// extraFold reports whether releasebot wrote text but for letter case.
func extraFold(rec record, text string) bool {
	for _, e := range rec.Match.Extra {
		if strings.EqualFold(e.Text, text) {
			return true
		}
	}
	return false
}
