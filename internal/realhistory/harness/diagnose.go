package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/releasebot/releasebot/internal/realhistory"
	"github.com/releasebot/releasebot/internal/semver"
)

// cause is one reason for a disagreement, with the commits behind it. The
// kinds are a first sorting by rules of thumb, read by a person before
// they are trusted.
type cause struct {
	// What is "version", "missing" or "extra".
	What    string   `json:"what"`
	Kind    string   `json:"kind"`
	Commits []string `json:"commits,omitempty"`
	Detail  string   `json:"detail,omitempty"`
}

var (
	headerRe    = regexp.MustCompile(`^([A-Za-z][\w-]*)(?:\(([^()]*)\))?(!?):\s*(.*)$`)
	revertRe    = regexp.MustCompile(`^Revert "(.*)"`)
	bodyHeader  = regexp.MustCompile(`^([a-z][\w-]*)(?:\(([^()]*)\))?(!?):\s+\S`)
	bulletHead  = regexp.MustCompile(`^\s*[*-]\s+([a-z][\w-]*)(?:\(([^()]*)\))?(!?):\s+\S`)
	breakingKey = regexp.MustCompile(`(?m)^BREAKING[ -]CHANGES?:`)
	releaseAsRe = regexp.MustCompile(`(?im)^release-as:\s*v?(\S+)`)
	prSuffix    = regexp.MustCompile(`\s*\(#\d+\)\s*$`)
	depsBot     = regexp.MustCompile(`(?i)renovate|dependabot|\| datasource|release notes|updates? (the )?dependency|bumps? \[`)
)

// parsedHeader is a commit subject read with a loose conventional grammar.
type parsedHeader struct {
	Type, Scope, Desc string
	Bang, OK          bool
}

func readHeader(subject string) parsedHeader {
	m := headerRe.FindStringSubmatch(strings.TrimSpace(subject))
	if m == nil {
		return parsedHeader{Desc: subject}
	}
	return parsedHeader{Type: strings.ToLower(m[1]), Scope: m[2], Bang: m[3] == "!", Desc: prSuffix.ReplaceAllString(m[4], ""), OK: true}
}

// entryText is an entry's text as releasebot writes it for a change.
func (h parsedHeader) entryText() string {
	if h.Scope != "" {
		return realhistory.Normalize(h.Scope + ": " + h.Desc)
	}
	return realhistory.Normalize(h.Desc)
}

func subjectBody(msg string) (string, string) {
	s, b, _ := strings.Cut(msg, "\n")
	return strings.TrimSpace(s), b
}

// commitByRefs finds the range's commit an entry names.
func commitByRefs(rel realhistory.Release, refs []string) *realhistory.Commit {
	for _, ref := range refs {
		for i := range rel.Commits {
			if strings.HasPrefix(rel.Commits[i].Hash, ref) {
				return &rel.Commits[i]
			}
		}
	}
	return nil
}

// commitByText finds a commit of the range whose message holds text.
func commitByText(rel realhistory.Release, text string) *realhistory.Commit {
	if text == "" {
		return nil
	}
	text = strings.ToLower(text)
	_, desc, ok := strings.Cut(text, ": ")
	for i := range rel.Commits {
		msg := strings.ToLower(realhistory.Normalize(rel.Commits[i].Message))
		if strings.Contains(msg, text) || ok && len(desc) > 12 && strings.Contains(msg, desc) {
			return &rel.Commits[i]
		}
	}
	return nil
}

// diagnose explains a record's disagreements.
func diagnose(rec record) []cause {
	var out []cause
	if !rec.VersionOK() {
		out = append(out, versionCause(rec))
	}
	for _, e := range rec.Match.Missing {
		out = append(out, missingCause(rec, e))
	}
	for _, e := range rec.Match.Extra {
		out = append(out, extraCause(rec, e))
	}
	return out
}

func short(h string) string {
	if len(h) > 10 {
		return h[:10]
	}
	return h
}

func versionCause(rec record) cause {
	c := cause{What: "version", Detail: fmt.Sprintf("want %s, got %s", rec.Want, orDash(rec.Got))}
	rel := rec.Release
	if rec.Err != "" {
		c.Kind, c.Detail = "releasebot refused", rec.Err
		return c
	}
	if len(rel.Commits) == 0 {
		c.Kind = "no commit since the previous release tag (the tool released the same commit again)"
		return c
	}
	for _, cm := range rel.Commits {
		if m := releaseAsRe.FindStringSubmatch(cm.Message); m != nil && strings.TrimPrefix(m[1], "v") == rec.Want {
			c.Kind, c.Commits = "Release-As footer", []string{short(cm.Hash)}
			return c
		}
	}
	prev, _ := semver.Parse(strings.TrimPrefix(rel.Prev, "v"))
	want, _ := semver.Parse(rec.Want)
	if rel.PrevStable == "" && !oneStep(prev, want) {
		if len(rec.Unreachable) > 0 {
			c.Kind = "an earlier release tag is not in HEAD's history: the tool's current version was not the last reachable tag"
			c.Detail = fmt.Sprintf("%s -> %s, not reachable: %s", rel.Prev, rec.Want, strings.Join(rec.Unreachable, " "))
		} else {
			c.Kind = "released version is not one step above the previous tag (chosen by hand)"
			c.Detail = fmt.Sprintf("%s -> %s", rel.Prev, rec.Want)
		}
		return c
	}
	if rec.Got == "" {
		switch {
		case rec.HasSection && len(rel.Entries) == 0:
			c.Kind = "the tool's section is empty (a release made by hand)"
		case overridden(rec):
			c.Kind = "commit message changed outside git (PR-body override or edited release PR): the tool lists a hidden-type commit"
		default:
			c.Kind = "releasebot finds nothing to release"
		}
		return c
	}
	got, _ := semver.Parse(rec.Got)
	if semver.Less(want, got) {
		// releasebot raised more: the triggers at the top level say why.
		for _, t := range rec.Triggers {
			if t.Bump != levelName(prev, got) {
				continue
			}
			c.Commits = append(c.Commits, short(t.Hash))
			if c.Kind != "" {
				continue
			}
			if containsStr(rec.Earlier, triggerText(t)) {
				c.Kind = "a change the tool released before is in the range (the previous tag does not contain it)"
			} else if cm := findHash(rel, t.Hash); cm != nil {
				c.Kind = whyRaised(rec, *cm, t)
			}
		}
		if c.Kind == "" {
			c.Kind = "releasebot raises more than the tool"
		}
		return c
	}
	// releasebot raised less: the real entries it missed say why.
	for _, e := range rec.Match.Missing {
		mc := missingCause(rec, e)
		if e.Breaking || e.Section == "features" {
			c.Kind, c.Commits = "raises less: "+mc.Kind, mc.Commits
			return c
		}
	}
	c.Kind = "releasebot raises less than the tool"
	return c
}

// overridden reports whether the tool listed commits of the range under a
// heading their subject in git does not give (a hidden type shown as a
// fix, say): the message was changed where git does not see it.
func overridden(rec record) bool {
	for _, e := range rec.Release.Entries {
		cm := commitByRefs(rec.Release, e.Refs)
		if cm == nil {
			continue
		}
		subject, _ := subjectBody(cm.Message)
		if h := readHeader(subject); h.OK && sectionOfType(h.Type) != e.Section && !e.Breaking {
			return true
		}
	}
	return false
}

// sectionOfType is the tools' heading of a type.
func sectionOfType(t string) string {
	switch t {
	case "feat", "feature":
		return "features"
	case "fix":
		return "bug fixes"
	case "perf":
		return "performance improvements"
	case "revert":
		return "reverts"
	case "docs":
		return "documentation"
	case "deps":
		return "dependencies"
	}
	return t
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func orDash(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func oneStep(prev, want semver.Version) bool {
	for _, l := range []semver.Level{semver.Patch, semver.Minor, semver.Major} {
		if semver.Compare(prev.Bump(l), want) == 0 {
			return true
		}
	}
	return false
}

func levelName(prev, next semver.Version) string {
	switch {
	case next.Major != prev.Major:
		if prev.Major == 0 && next.Major == 0 {
			return "minor"
		}
		return "major"
	case next.Minor != prev.Minor:
		return "minor"
	}
	return "patch"
}

func findHash(rel realhistory.Release, hash string) *realhistory.Commit {
	for i := range rel.Commits {
		if rel.Commits[i].Hash == hash {
			return &rel.Commits[i]
		}
	}
	return nil
}

// whyRaised says where releasebot read a trigger from in its commit.
func whyRaised(rec record, cm realhistory.Commit, t trigger) string {
	subject, body := subjectBody(cm.Message)
	h := readHeader(subject)
	if r := revertRe.FindStringSubmatch(subject); r != nil {
		return "GitHub revert subject raises the version"
	}
	if !t.Breaking {
		if h.OK && h.Type == t.Type && countText(rec.Release.Entries, triggerText(t)) == 0 {
			return fmt.Sprintf("the tool did not list this %s (PR-body override or edited release PR, not in git)", t.Type)
		}
		if h.OK && h.Type == t.Type {
			return fmt.Sprintf("the tool lists this %s but released a lower version (chosen by hand)", t.Type)
		}
		return "a change read from the body raises the version"
	}
	if len(rec.Release.Entries) > 0 && rec.Release.Entries[0].Breaking && !strings.HasPrefix(rec.Release.Prev, "v0.") {
		return "the tool lists breaking changes but released no major (chosen by hand)"
	}
	if strings.HasPrefix(rec.Release.Prev, "v0.") && hasBreakingEntry(rec.Release.Entries) {
		return "the tool lists breaking changes at 0.x and released a patch (chosen by hand)"
	}
	switch {
	case h.OK && h.Bang:
		return "breaking header (!) the tool did not count"
	case breakingKey.MatchString(body) && depsBot.MatchString(cm.Message):
		return "dependency bot body quotes upstream notes (BREAKING CHANGE)"
	case breakingKey.MatchString(body):
		return "BREAKING CHANGE footer the tool did not count"
	case h.OK && hasBreakingBullet(body):
		if depsBot.MatchString(cm.Message) {
			return "dependency bot body quotes upstream notes (type!: bullet)"
		}
		return "bullet under conventional title read as breaking"
	}
	return "breaking change read from the body"
}

// multiChange reports whether a body holds further conventional headers
// at the start of a line: release-please's several changes in one commit.
func multiChange(body string) bool {
	for _, l := range strings.Split(body, "\n") {
		if bodyHeader.MatchString(l) {
			return true
		}
	}
	return false
}

func hasBreakingEntry(entries []realhistory.Entry) bool {
	for _, e := range entries {
		if e.Breaking {
			return true
		}
	}
	return false
}

func hasBreakingBullet(body string) bool {
	for _, l := range strings.Split(body, "\n") {
		if m := bulletHead.FindStringSubmatch(l); m != nil && m[3] == "!" {
			return true
		}
	}
	return false
}
