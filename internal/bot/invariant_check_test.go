package bot_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

var tokenRE = regexp.MustCompile(`chg\d{3}`)

// sectionLines returns the lines of a changelog and the range [from, to)
// of version's section body: after its "## [version]" heading, up to the
// next level-2 heading or link reference definition.
func sectionLines(content, version string) (lines []string, from, to int, ok bool) {
	lines = strings.Split(content, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "## ["+version+"]") {
			continue
		}
		to = len(lines)
		for j := i + 1; j < len(lines); j++ {
			if strings.HasPrefix(lines[j], "## ") || linkRef.MatchString(lines[j]) {
				to = j
				break
			}
		}
		return lines, i + 1, to, true
	}
	return lines, 0, 0, false
}

var linkRef = regexp.MustCompile(`^\[[^\]]+\]: `)

// section is version's section body in content ("" when missing).
func section(content, version string) string {
	lines, from, to, ok := sectionLines(content, version)
	if !ok {
		return ""
	}
	return strings.Join(lines[from:to], "\n")
}

// edit pushes a person's commit to the release branch: reword, delete or
// add prose in the release's changelog section, or set VERSION above the
// version proposed. pick chooses the entry, the place or the level. A
// branch without a pull request is left alone.
func (s *sequence) edit(kind string, pick int) {
	s.t.Helper()
	pr := s.openPull()
	if pr == nil {
		return
	}
	m, ok := bot.ParseMarker(pr.Body)
	if !ok {
		s.t.Fatalf("release pull request #%d has no marker:\n%s", pr.Number, pr.Body)
	}
	files := map[string]string{}
	if kind == "pin" {
		v, err := semver.Parse(m.Version)
		if err != nil {
			s.t.Fatal(err)
		}
		switch pick % 3 {
		case 0:
			v = semver.Version{Major: v.Major + 1}
		case 1:
			v = semver.Version{Major: v.Major, Minor: v.Minor + 1}
		default:
			v = semver.Version{Major: v.Major, Minor: v.Minor, Patch: v.Patch + 1}
		}
		files["VERSION"] = v.String() + "\n"
		s.m.pin = v.String()
	} else if kind == "intro" { // the file's text above the sections
		cl := branchFile(s.h, "CHANGELOG.md")
		line, _, found := strings.Cut(cl[strings.Index(cl, "Every notable change"):], "\n")
		if !found {
			s.t.Fatalf("CHANGELOG.md on the branch has no introduction:\n%s", cl)
		}
		s.m.intro = fmt.Sprintf("%s Edited by hand at step %d.", line, s.step+1)
		files["CHANGELOG.md"] = strings.Replace(cl, line, s.m.intro, 1)
	} else {
		cl := branchFile(s.h, "CHANGELOG.md")
		lines, from, to, ok := sectionLines(cl, m.Version)
		if !ok {
			s.t.Fatalf("CHANGELOG.md on the branch has no %s section:\n%s", m.Version, cl)
		}
		lines, changed := s.editSection(kind, pick, lines, from, to)
		if !changed {
			return
		}
		files["CHANGELOG.md"] = strings.Join(lines, "\n")
	}
	msg := "docs: polish the release notes"
	if pick%4 == 0 {
		msg = "fix(changelog): correct the wording" // a conventional fix, on the release branch only
	}
	s.h.repo.Push("releasebot/main", fakegithub.CommitSpec{Message: msg, Files: files, Author: "Maintainer <m@example.com>"})
	s.st.edits[kind]++
}

// editSection changes the section lines[from:to] as a person would.
func (s *sequence) editSection(kind string, pick int, lines []string, from, to int) ([]string, bool) {
	var entries, subs []int
	for i := from; i < to; i++ {
		switch {
		case strings.HasPrefix(lines[i], "- ") && tokenRE.MatchString(lines[i]):
			entries = append(entries, i)
		case strings.HasPrefix(lines[i], "### "):
			subs = append(subs, i)
		}
	}
	switch kind {
	case "reword", "delete":
		if len(entries) == 0 {
			return lines, false
		}
		i := entries[pick%len(entries)]
		token := tokenRE.FindString(lines[i])
		if kind == "delete" {
			s.deleted(token)
			return append(lines[:i:i], lines[i+1:]...), true
		}
		lines[i] = strings.Replace(lines[i], token, fmt.Sprintf("%s rw%d", token, s.step), 1)
		if cut := strings.Index(lines[i], " (["); cut > 0 && pick%3 == 0 {
			lines[i] = lines[i][:cut] // the links go too
		}
		s.m.reworded[token] = lines[i]
		return lines, true
	case "dropsub": // a whole subsection, heading and entries
		if len(subs) == 0 {
			return lines, false
		}
		n := pick % len(subs)
		end := to
		if n+1 < len(subs) {
			end = subs[n+1]
		}
		for _, l := range lines[subs[n]:end] {
			if token := tokenRE.FindString(l); token != "" && strings.HasPrefix(l, "- ") {
				s.deleted(token)
			}
			s.m.prose = slices.DeleteFunc(s.m.prose, func(p string) bool { return strings.Contains(l, p) })
		}
		return append(lines[:subs[n]:subs[n]], lines[end:]...), true
	}
	// prose: after the heading, before a subsection, or at the end
	text := fmt.Sprintf("Prose note p%d, written by hand.", s.step)
	s.m.prose = append(s.m.prose, text)
	insert := func(at int, add ...string) []string {
		return append(lines[:at:at], append(add, lines[at:]...)...)
	}
	switch n := pick % (len(subs) + 2); {
	case n == 0:
		return insert(from, "", text), true
	case n <= len(subs):
		return insert(subs[n-1], text, ""), true
	default:
		last := to - 1
		for last > from && strings.TrimSpace(lines[last]) == "" {
			last--
		}
		return insert(last+1, "", text), true
	}
}

// deleted records that people deleted the entry of token.
func (s *sequence) deleted(token string) {
	s.m.deleted[token] = true
	delete(s.m.reworded, token)
	s.st.deletions++ // entries, one subsection may hold several
}

// checkSection checks a release's section as shown at where: every
// releasable change merged up to step upTo is there once (in the words
// people gave it) unless they deleted it, no deleted entry is, no entry
// names an unknown change, and people's prose is there.
func (s *sequence) checkSection(where, text string, upTo int) {
	s.t.Helper()
	known := map[string]bool{}
	for _, c := range s.m.changes {
		known[c.token()] = true
		if !c.releasable() || c.merged > upTo {
			continue
		}
		n := strings.Count(text, c.token())
		switch {
		case s.m.deleted[c.token()] && n != 0:
			s.t.Errorf("%s: %s (%s) was deleted by hand but appears %d times:\n%s", where, c.token(), c.kind, n, text)
		case !s.m.deleted[c.token()] && n != 1:
			s.t.Errorf("%s: %s (%s, merged at step %d) appears %d times, want once:\n%s", where, c.token(), c.kind, c.merged+1, n, text)
		}
		if line, ok := s.m.reworded[c.token()]; ok && !strings.Contains(text, line) {
			s.t.Errorf("%s: the reworded entry %q is not there:\n%s", where, line, text)
		}
	}
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "- ") && !known[tokenRE.FindString(l)] {
			s.t.Errorf("%s: entry %q names no change of the sequence:\n%s", where, l, text)
		}
	}
	for _, p := range s.m.prose {
		if !strings.Contains(text, p) {
			s.t.Errorf("%s: the prose %q is lost:\n%s", where, p, text)
		}
	}
}

// checkPull checks the release pull request a run left.
func (s *sequence) checkPull() {
	s.t.Helper()
	pr := s.openPull()
	want := s.m.version
	if want == "1.0.0" { // nothing raises the version: nothing to release
		if pr != nil {
			s.t.Errorf("release pull request #%d is open with nothing releasable", pr.Number)
		}
		return
	}
	if pr == nil {
		s.t.Fatalf("no release pull request for %s", want)
	}
	if title := "chore(main): release " + want; pr.Title != title {
		s.t.Errorf("title %q, want %q", pr.Title, title)
	}
	if v := branchFile(s.h, "VERSION"); v != want+"\n" {
		s.t.Errorf("VERSION on the branch is %q, want %s", v, want)
	}
	cl := branchFile(s.h, "CHANGELOG.md")
	s.checkSection("CHANGELOG.md on releasebot/main", section(cl, want), s.step)
	if !strings.Contains(cl, s.m.intro) {
		s.t.Errorf("CHANGELOG.md on releasebot/main lost the edited introduction %q:\n%s", s.m.intro, cl)
	}
	s.checkSection(fmt.Sprintf("the body of #%d", pr.Number), stripMarker(pr.Body), s.step)
}

// mergeRelease merges the release pull request.
func (s *sequence) mergeRelease(method string) {
	pr := s.openPull()
	if pr == nil {
		s.t.Fatal("no release pull request to merge")
	}
	if s.m.pin != s.m.applied {
		s.st.pinUnapplied++
	}
	s.h.repo.MergePR(pr.Number, method)
}

// publish runs the bot on the merged pull request and checks the release,
// main's changelog, that nothing was made twice and that an idle run then
// writes nothing.
func (s *sequence) publish() {
	s.t.Helper()
	rep, _, err := s.h.run()
	if err != nil {
		s.t.Fatalf("publishing run: %v", err)
	}
	tag := "v" + s.m.version
	if s.m.pin != "" && s.m.pin != s.m.applied {
		tag = "v" + s.m.pin // merged before a run applied it: the merged VERSION is released
	}
	if len(rep.Published) != 1 || rep.Published[0].Tag != tag {
		s.t.Fatalf("published %+v, want %s", rep.Published, tag)
	}
	rels := s.h.repo.Releases()
	if len(rels) != 1 || rels[0].TagName != tag {
		s.t.Fatalf("releases %+v, want one for %s", rels, tag)
	}
	if tags := s.h.repo.Tags(); len(tags) != 2 || tags[tag] == "" {
		s.t.Errorf("tags %v, want v1.0.0 and %s", tags, tag)
	}
	if v, _ := s.h.repo.File(tag, "VERSION"); v != strings.TrimPrefix(tag, "v")+"\n" {
		s.st.versionDiffers++
		s.t.Errorf("%s tags a commit whose VERSION says %q", tag, v)
	}
	var late []*change
	for _, c := range s.m.changes {
		if c.releasable() && c.merged > s.m.lastRun {
			late = append(late, c)
		}
	}
	s.checkSection("the notes of "+tag, rels[0].Body, len(s.steps))
	mainCL, _ := s.h.repo.File("main", "CHANGELOG.md")
	onMain := section(mainCL, s.m.version)
	if !strings.Contains(mainCL, s.m.intro) {
		s.t.Errorf("main's CHANGELOG.md lost the edited introduction %q:\n%s", s.m.intro, mainCL)
	}
	s.checkSection("main's CHANGELOG.md", onMain, s.m.lastRun)
	if len(late) > 0 {
		s.st.withLate++
		s.st.late += len(late)
		for _, c := range late {
			if !strings.Contains(onMain, c.token()) {
				s.st.lateMissingOnMain++
			}
			if c.level() > levelOf(s.m.version) {
				s.st.lateAbove++
			}
		}
	}
	if got := rep.Published[0].Late; got != len(late) {
		s.t.Errorf("the release says %d late changes, the sequence merged %d after the last run", got, len(late))
	}
	var pulls []fakegithub.PR
	for _, p := range s.h.repo.PRs() {
		if p.Head == "releasebot/main" {
			pulls = append(pulls, p)
		}
	}
	if len(pulls) != 1 {
		s.t.Errorf("%d release pull requests, want 1", len(pulls))
	}
	if len(pulls) > 0 {
		said := false
		for _, c := range s.h.repo.Comments(pulls[0].Number) {
			said = said || strings.Contains(c, "merged after this pull request was last updated")
		}
		if said != (len(late) > 0) {
			s.t.Errorf("%d changes merged after the last run; the comments: %q", len(late), s.h.repo.Comments(pulls[0].Number))
		}
	}
	before := s.h.snapshot()
	if _, calls, err := s.h.run(); err != nil || calls.Writes() != 0 || s.h.snapshot() != before {
		s.t.Errorf("an idle run after publishing: error %v, %d writes", err, calls.Writes())
	}
}

// levelOf is the level a release of version is above 1.0.0.
func levelOf(version string) semver.Level {
	v, _ := semver.Parse(version)
	switch {
	case v.Major > 1:
		return semver.Major
	case v.Minor > 0:
		return semver.Minor
	case v.Patch > 0:
		return semver.Patch
	}
	return semver.None
}
