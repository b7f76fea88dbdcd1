package release

import (
	"regexp"
	"strconv"
	"strings"

	cc "github.com/leodido/go-conventionalcommits"
	"github.com/leodido/go-conventionalcommits/parser"
)

// Change is one conventional change read from a commit message. A commit
// yields one change for its header, one for each further change its body
// carries (see segments.go) and, for a GitHub squash merge under a subject
// that is not conventional, one per `* type: ...` bullet its body lists.
type Change struct {
	Commit Commit
	// Type is the lower-cased commit type ("feat", "fix", ...).
	Type  string
	Scope string
	// Description is the header text after "type(scope): ", without a
	// trailing "(#123)" pull request reference.
	Description string
	// Breaking is set by "!" before the colon or a BREAKING CHANGE footer.
	Breaking bool
	// BreakingNote is the full text of the BREAKING CHANGE / BREAKING-CHANGE
	// footers (migration notes), continuation lines included, footers
	// separated by a blank line.
	BreakingNote string
	// BreakingNotes holds each footer's text on its own, in order; nil
	// when the change has no non-empty footer.
	BreakingNotes []string
	// PR is the pull request number taken from a trailing "(#123)", 0 if none.
	PR int
	// ReleaseAs is the version a "Release-As:" footer asks for, "" if none.
	ReleaseAs string
	// Reverts is what a revert undoes, as read from its description
	// (`Revert "feat: x"`, `revert: fix: y`): a change with an empty type
	// when the reverted subject is not conventional; nil when the
	// description names no subject or the change is not a revert.
	Reverts *Change
	// Quiet changes count for the version but are listed in no notes: a
	// revert of a change that released nothing.
	Quiet bool
	// Labelled marks the change that lists a pull request released only
	// by its bump label (see labelledChange); it raises nothing itself.
	Labelled bool
}

var (
	revertHead  = regexp.MustCompile(`^Revert "(.+)"$`)
	emptyHeader = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_-]*)(\([^()]*\))?(!?):\s*$`)
	validType   = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	bullet      = regexp.MustCompile(`^\* (\S.*)$`)
	breakingKey = regexp.MustCompile(`^BREAKING[ -]CHANGE: ?(.*)$`)
	releaseAs   = regexp.MustCompile(`(?i)^release-as:\s*v?(\S+)\s*$`)
	trailerKey  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*(: | #)`)
)

// newMachine builds a parser. Machines are cheap and not documented as safe
// for concurrent use, so each ParseCommit call makes its own.
func newMachine() cc.Machine {
	return parser.NewMachine(parser.WithTypes(cc.TypesFreeForm), parser.WithBestEffort())
}

// ParseCommit reads c's message as its author meant it and returns its
// conventional changes, or none when the commit is a merge or its message is
// not a conventional commit. It never fails: odd messages are non-triggers.
//
// Beyond the strict grammar it accepts CRLF line ends and trailing blank
// lines, a body that starts right after the subject, GitHub's revert subject
// `Revert "feat: x"` (a revert), an empty description when a BREAKING CHANGE
// footer explains it, several changes in one message (see segments.go), and
// GitHub squash-merge bodies that list the branch's commits as `* feat: ...`
// bullets under a subject that is not conventional. Under a conventional
// subject the bullets are the branch's history, not changes: the maintainer
// chose the subject for the whole pull request.
func ParseCommit(c Commit) []Change {
	if c.Merge {
		return nil
	}
	main, nested := splitNested(normalize(c.Message))
	m := newMachine()
	var out []Change
	pr := 0
	for i, msg := range append([]string{main}, nested...) {
		for j, seg := range segments(msg) {
			changes := parseSegment(m, c, seg, i == 0 && j == 0)
			for k := range changes {
				if i == 0 && j == 0 && k == 0 {
					pr = changes[k].PR
				}
				if changes[k].PR == 0 {
					changes[k].PR = pr
				}
			}
			out = append(out, changes...)
		}
	}
	return out
}

// parseSegment reads the changes of one segment. Only the first segment of
// a commit (its subject and body) falls back to squash bullets or to a
// typeless breaking change when its header is not conventional.
func parseSegment(m cc.Machine, c Commit, seg segment, first bool) []Change {
	header, pr := stripPR(seg.header)
	notes, breaking := breakingNotes(seg.body)
	note := strings.Join(notes, "\n\n")
	if ch, ok := parseHeader(m, header, note, seg.body); ok {
		ch.Commit, ch.PR = c, pr
		ch.ReleaseAs = releaseAsFooter(seg.body)
		if seg.paragraph {
			ch.Breaking = false
		}
		if breaking {
			ch.Breaking, ch.BreakingNote, ch.BreakingNotes = true, note, notes
		}
		return []Change{ch}
	}
	if !first {
		return nil
	}
	var out []Change
	if !isBot(c.Author) {
		// A squash merge whose title is not conventional: read the branch's
		// commits from GitHub's bullets. A BREAKING CHANGE footer of the
		// squashed body belongs to the pull request; it marks the first
		// bullet.
		for i, b := range squashBullets(m, seg.body) {
			b.Commit, b.PR = c, pr
			b.ReleaseAs = releaseAsFooter(seg.body)
			if i == 0 && breaking {
				b.Breaking, b.BreakingNote, b.BreakingNotes = true, note, notes
			}
			out = append(out, b)
		}
	}
	if len(out) == 0 && breaking {
		// Not conventional, but its author wrote a BREAKING CHANGE footer:
		// a breaking change with no type.
		out = append(out, Change{Commit: c, Description: header, Breaking: true, BreakingNote: note, BreakingNotes: notes, PR: pr})
	}
	return out
}

// isBot reports an author name that GitHub gives to Apps ("renovate[bot]",
// "dependabot[bot]"): their pull request bodies quote other projects'
// release notes, whose bullets are not this repository's changes.
func isBot(author string) bool {
	return strings.HasSuffix(author, "[bot]")
}

// normalize turns CRLF and CR into LF and trims surrounding blank lines.
func normalize(msg string) string {
	if strings.IndexByte(msg, '\r') >= 0 {
		msg = strings.ReplaceAll(msg, "\r\n", "\n")
		msg = strings.ReplaceAll(msg, "\r", "\n")
	}
	return strings.Trim(msg, " \t\n")
}

// splitMessage returns the first line and the rest, whether or not a blank
// line separates them.
func splitMessage(msg string) (header, body string) {
	header, body, _ = strings.Cut(msg, "\n")
	return strings.TrimSpace(header), strings.Trim(body, "\n")
}

// stripPR removes trailing "(#123)" references from a header and returns the
// last one's number (the pull request of a squash merge). It is written by
// hand because it runs on every commit and a regular expression anchored at
// the end still scans the whole header.
func stripPR(header string) (string, int) {
	pr := 0
	for {
		rest := strings.TrimRight(header, " \t")
		if !strings.HasSuffix(rest, ")") {
			return header, pr
		}
		open := strings.LastIndex(rest, "(#")
		if open < 0 {
			return header, pr
		}
		digits := rest[open+2 : len(rest)-1]
		n, err := strconv.Atoi(digits)
		if digits == "" || err != nil || n < 0 || digits[0] == '+' || digits[0] == '-' {
			return header, pr
		}
		if pr == 0 {
			pr = n
		}
		header = strings.TrimRight(rest[:open], " \t")
	}
}

// parseHeader reads one header line. The parser only ever sees the header:
// bodies and footers are read by this package, which keeps the parser's body
// quirks (bullets, continued footers) out of the result.
func parseHeader(m cc.Machine, header, note, body string) (Change, bool) {
	if r := revertHead.FindStringSubmatch(header); r != nil {
		return Change{Type: "revert", Description: r[1], Reverts: revertedChange(m, r[1])}, true
	}
	placeholder := false
	if e := emptyHeader.FindStringSubmatch(header); e != nil {
		header += " -"
		placeholder = true
	}
	msg, _ := m.Parse([]byte(header))
	c, ok := msg.(*cc.ConventionalCommit)
	if !ok || c == nil || !c.Ok() || !validType.MatchString(c.Type) {
		return Change{}, false
	}
	ch := Change{Type: c.Type, Description: strings.TrimSpace(c.Description), Breaking: c.Exclamation}
	if c.Scope != nil {
		ch.Scope = strings.TrimSpace(scopeAsWritten(header, *c.Scope))
	}
	if ch.Type == "revert" {
		if inner, ok := parseHeader(m, ch.Description, "", ""); ok {
			ch.Reverts = &inner
		}
	}
	if placeholder {
		ch.Description = firstLine(note)
		if ch.Description == "" && !trailerKey.MatchString(firstLine(body)) && !breakingKey.MatchString(firstLine(body)) {
			ch.Description = firstLine(body)
		}
	}
	return ch, true
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(line)
}

// breakingNotes collects every BREAKING CHANGE / BREAKING-CHANGE footer
// with its continuation lines, up to the next trailer, GitHub's "---"
// separator or the end of the message, one text per footer (empty footers
// are left out). found is true even when the footers are empty.
func breakingNotes(body string) (notes []string, found bool) {
	if !strings.Contains(body, "BREAKING") {
		return nil, false
	}
	var cur []string
	in := false
	flush := func() {
		if text := strings.TrimSpace(strings.Join(cur, "\n")); in && text != "" {
			notes = append(notes, text)
		}
		cur, in = nil, false
	}
	for _, line := range strings.Split(body, "\n") {
		if m := breakingKey.FindStringSubmatch(line); m != nil {
			flush()
			in, found, cur = true, true, []string{m[1]}
			continue
		}
		if in && (trailerKey.MatchString(line) || isRule(line)) {
			flush()
			continue
		}
		if in {
			cur = append(cur, line)
		}
	}
	flush()
	return notes, found
}

// isRule reports a line of three or more dashes, which GitHub puts between
// a squashed body and its Co-authored-by trailers.
func isRule(line string) bool {
	t := strings.TrimSpace(line)
	return len(t) >= 3 && strings.Trim(t, "-") == ""
}

func releaseAsFooter(body string) string {
	if !containsFold(body, "release-as:") {
		return ""
	}
	version := ""
	for _, line := range strings.Split(body, "\n") {
		if m := releaseAs.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			version = m[1]
		}
	}
	return version
}

// squashBullets finds `* type: description` lines, GitHub's squash-merge
// listing of the branch's commits (an asterisk and one space at the start
// of the line; indented and dash bullets are quoted text, not commits).
func squashBullets(m cc.Machine, body string) []Change {
	var out []Change
	for _, line := range strings.Split(body, "\n") {
		b := bullet.FindStringSubmatch(strings.TrimRight(line, " \t"))
		if b == nil {
			continue
		}
		header, _ := stripPR(b[1])
		if revertHead.MatchString(header) {
			continue
		}
		if ch, ok := parseHeader(m, header, "", ""); ok && ch.Description != "" {
			out = append(out, ch)
		}
	}
	return out
}

// containsFold reports whether sub (lower-case ASCII) occurs in s, ignoring
// ASCII case, without allocating.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if c := s[i]; c == sub[0] || c+'a'-'A' == sub[0] {
			if strings.EqualFold(s[i:i+len(sub)], sub) {
				return true
			}
		}
	}
	return false
}

// revertedChange reads the subject a GitHub revert names: its change, or a
// change with an empty type when the subject is not conventional.
func revertedChange(m cc.Machine, subject string) *Change {
	subject, _ = stripPR(subject)
	if inner, ok := parseHeader(m, subject, "", ""); ok {
		return &inner
	}
	return &Change{Description: subject}
}

// scopeAsWritten returns the scope of header in its author's letter case
// (the parser lower-cases it); parsed is the parser's scope, returned when
// the header does not hold it in the expected place.
func scopeAsWritten(header, parsed string) string {
	open := strings.IndexByte(header, '(')
	if open < 0 {
		return parsed
	}
	end := strings.IndexByte(header[open:], ')')
	if end < 0 || !strings.EqualFold(header[open+1:open+end], parsed) {
		return parsed
	}
	return header[open+1 : open+end]
}
