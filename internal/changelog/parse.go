package changelog

import "strings"

// line is one physical line of a file: its text and the terminator that
// followed it, exactly as found. Trailing carriage returns belong to the
// terminator, so text never ends in '\r'. Only the last line of a file can
// have a terminator that does not end in '\n' (usually "").
type line struct {
	text string
	eol  string
}

// splitLines cuts s into lines. Joining text+eol of the result gives s back.
func splitLines(s string) []line {
	var out []line
	for s != "" {
		raw := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			raw = s[:i+1]
		}
		s = s[len(raw):]
		text := strings.TrimRight(raw, "\r\n")
		out = append(out, line{text: text, eol: raw[len(text):]})
	}
	return out
}

// kind is what a line is, given the lines before it.
type kind uint8

const (
	kText    kind = iota // anything else
	kBlank               // only spaces and tabs
	kOpaque              // part of a fenced code block or an HTML comment
	kHeading             // an ATX heading
	kRef                 // a link reference definition "[label]: url"
)

// info describes one line.
type info struct {
	kind       kind
	level      int    // kHeading: number of '#'
	title      string // kHeading: text without the '#' markers
	version    string // release headings: the version named, without "v"
	unreleased bool   // release headings: this is the Unreleased heading
}

// release reports whether the line is a release heading: an ATX heading of
// level 1 to 3 naming a version or "Unreleased".
func (in info) release() bool {
	return in.kind == kHeading && in.level <= 3 && (in.version != "" || in.unreleased)
}

// boundary reports whether the line ends the section above it.
func (in info) boundary() bool {
	return in.kind == kHeading && in.level <= 2 || in.release()
}

// classify describes each of texts. It tracks fenced code blocks (``` and
// ~~~) and HTML comments, whose lines are kOpaque, so that a heading-like
// line inside them is not taken for a heading. open is the index of the line
// that opened a block still unclosed at the end, or -1.
func classify(texts []string) (infos []info, open int) {
	infos = make([]info, len(texts))
	fence, comment := "", false
	open = -1
	for i, t := range texts {
		s, ok := unindent(t)
		switch {
		case fence != "":
			infos[i].kind = kOpaque
			if ok && closesFence(s, fence) {
				fence, open = "", -1
			}
		case comment:
			infos[i].kind = kOpaque
			if strings.Contains(t, "-->") {
				comment, open = false, -1
			}
		case ok && fenceRun(s) != "":
			infos[i].kind = kOpaque
			fence, open = fenceRun(s), i
		case ok && strings.HasPrefix(s, "<!--"):
			infos[i].kind = kOpaque
			if !strings.Contains(s, "-->") {
				comment, open = true, i
			}
		default:
			infos[i] = plain(s, ok, t)
		}
	}
	return infos, open
}

// plain describes a line t outside code blocks and comments. s is t without
// its indentation of up to three spaces; shallow is false when t is indented
// further, so that it can be neither a heading nor a link reference.
func plain(s string, shallow bool, t string) info {
	if isBlank(t) {
		return info{kind: kBlank}
	}
	if !shallow {
		return info{kind: kText}
	}
	if level, title, ok := heading(s); ok {
		in := info{kind: kHeading, level: level, title: title}
		in.version, in.unreleased = parseTitle(title)
		return in
	}
	if _, _, ok := refLabel(s); ok {
		return info{kind: kRef}
	}
	return info{kind: kText}
}

// unindent strips up to three leading spaces from t. ok is false if t is
// indented by four columns or more.
func unindent(t string) (s string, ok bool) {
	n := 0
	for n < 3 && n < len(t) && t[n] == ' ' {
		n++
	}
	s = t[n:]
	return s, s == "" || (s[0] != ' ' && s[0] != '\t')
}

func isBlank(t string) bool { return strings.Trim(t, " \t") == "" }

// fenceRun returns the opening run of a code fence ("```", "~~~~", ...) at
// the start of s, or "" if s does not open one.
func fenceRun(s string) string {
	if s == "" || (s[0] != '`' && s[0] != '~') {
		return ""
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	if n < 3 || (s[0] == '`' && strings.IndexByte(s[n:], '`') >= 0) {
		return ""
	}
	return s[:n]
}

// closesFence reports whether s closes a fence opened with run.
func closesFence(s, run string) bool {
	n := 0
	for n < len(s) && s[n] == run[0] {
		n++
	}
	return n >= len(run) && isBlank(s[n:])
}

// heading parses an ATX heading ("## Title ##").
func heading(s string) (level int, title string, ok bool) {
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 6 {
		return 0, "", false
	}
	rest := s[level:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return 0, "", false
	}
	title = strings.Trim(rest, " \t")
	if t := strings.TrimRight(title, "#"); t == "" {
		title = ""
	} else if t != title && (t[len(t)-1] == ' ' || t[len(t)-1] == '\t') {
		title = strings.TrimRight(t, " \t")
	}
	return level, title, true
}

// refLabel parses a link reference definition "[label]: destination".
func refLabel(s string) (label, dest string, ok bool) {
	j := strings.Index(s, "]:")
	if !strings.HasPrefix(s, "[") || j < 2 {
		return "", "", false
	}
	label = s[1:j]
	if strings.ContainsAny(label, "[]") || isBlank(label) {
		return "", "", false
	}
	dest = strings.Trim(s[j+2:], " \t")
	if k := strings.IndexAny(dest, " \t"); k >= 0 {
		dest = dest[:k]
	}
	return label, dest, dest != ""
}

// parseTitle reads the release named by a heading title: its first word or
// its leading bracketed text ("[1.3.0] - 2026-11-21", "[1.3.0](url) (date)",
// "1.3.0 (date)", "v1.3.0", "[Unreleased]").
func parseTitle(title string) (version string, unreleased bool) {
	tok := title
	if strings.HasPrefix(tok, "[") {
		j := strings.IndexByte(tok, ']')
		if j < 0 {
			return "", false
		}
		tok = tok[1:j]
	} else if j := strings.IndexAny(tok, " \t"); j >= 0 {
		tok = tok[:j]
	}
	if strings.EqualFold(tok, "unreleased") {
		return "", true
	}
	if tok = trimV(tok); isVersion(tok) {
		return tok, false
	}
	return "", false
}

// trimV drops one leading "v" or "V".
func trimV(s string) string {
	if len(s) > 1 && (s[0] == 'v' || s[0] == 'V') {
		return s[1:]
	}
	return s
}

// isVersion reports whether s has the shape of a semantic version:
// three dot-separated numbers, then optional "-pre" and "+build" parts made
// of non-empty dot-separated [0-9A-Za-z-] identifiers. Leading zeros are
// tolerated: this recognises headings, it does not validate releases.
func isVersion(s string) bool {
	core, build, hasBuild := strings.Cut(s, "+")
	core, pre, hasPre := strings.Cut(core, "-")
	nums := strings.Split(core, ".")
	if len(nums) != 3 || (hasPre && !idents(pre)) || (hasBuild && !idents(build)) {
		return false
	}
	for _, n := range nums {
		if n == "" || strings.Trim(n, "0123456789") != "" {
			return false
		}
	}
	return true
}

// idents reports whether s is a dot-separated list of non-empty
// identifiers made of ASCII letters, digits and hyphens.
func idents(s string) bool {
	for _, id := range strings.Split(s, ".") {
		if id == "" || strings.Trim(id, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") != "" {
			return false
		}
	}
	return true
}
