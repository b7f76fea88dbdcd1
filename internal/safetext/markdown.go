package safetext

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Markdown renders untrusted text as GitHub Markdown that shows it as
// written and does nothing else, in a pull request body, a release, a
// changelog or a job summary:
//
//   - it mentions nobody: an @name or @org/team that GitHub would link
//     and notify is put in a code span (`@octocat`), whatever comes before
//     it (a backslash, a lone backtick, another @, an entity); an e-mail
//     address (a letter or digit before the @) stays as written;
//   - it holds no HTML: < and > are written &lt; and &gt;, and an & that
//     would start an entity &amp;, so that tags, comments (<!--) and
//     </details> show as text and hide or close nothing;
//   - it closes no issue: a reference (#1, GH-1, owner/repo#1, a URL) after
//     a closing keyword (close, closes, closed, fix, fixes, fixed, resolve,
//     resolves, resolved, in any case, with or without a colon) is put in a
//     code span, where GitHub links nothing; so is a reference at the very
//     start of the text, which may follow such a keyword in what surrounds
//     it;
//   - it starts no block: a line cannot open a heading, a code fence, a
//     math block, a link or footnote definition, a thematic break or a
//     setext underline;
//   - it holds no control character (see Control); invalid UTF-8 becomes
//     U+FFFD; CR and CRLF become LF.
//
// Code spans the author wrote stay code spans (a code span joining one
// releasebot adds is merged into it); every other backtick is escaped.
// Emphasis, links and other inline Markdown are kept. The result is
// stable: Markdown(Markdown(s)) == Markdown(s).
func Markdown(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	raw := strings.Split(Plain(s), "\n")
	lines := make([][]unit, len(raw))
	for i, l := range raw {
		lines[i] = parseLine(l)
	}
	neutralize(lines)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeLine(&b, l)
	}
	if trailingBackslashes(b.String())%2 == 1 {
		b.WriteByte('\\') // so that what follows the text is not escaped
	}
	return b.String()
}

// unit is one character of a line as Markdown shows it, or a code span.
type unit struct {
	r rune
	// lit is set when the source wrote r so that it shows as itself (a
	// backslash escape, an entity), or when it must be written so.
	lit bool
	// decoded is set when r came from an entity.
	decoded bool
	// amp is set on a plain & that reads like the start of an entity.
	amp bool
	// code marks a code span, whose content is text.
	code bool
	text string
	// wrap marks a character to show in a code span: a mention, a
	// reference after a closing keyword.
	wrap bool
}

// parseLine reads one line of Markdown into units: backslash escapes,
// entities and code spans resolved as CommonMark resolves them.
func parseLine(l string) []unit {
	rs := []rune(l)
	out := make([]unit, 0, len(rs))
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == '\\' && i+1 < len(rs) && asciiPunct(rs[i+1]):
			out = append(out, unit{r: rs[i+1], lit: true})
			i += 2
		case r == '`':
			n := backtickRun(rs, i)
			if j := closingRun(rs, i+n, n); j >= 0 {
				out = append(out, unit{code: true, text: spanContent(string(rs[i+n : j]))})
				i = j + n
				continue
			}
			for range n {
				out = append(out, unit{r: '`'}) // no closer: literal backticks
			}
			i += n
		case r == '&':
			if text, n := decodeEntity(rs[i:]); n > 0 {
				for _, d := range text {
					if d == '\n' {
						d = ' '
					}
					if !Control(d) {
						out = append(out, unit{r: d, lit: true, decoded: true})
					}
				}
				i += n
				continue
			}
			out = append(out, unit{r: '&', amp: entityLike.MatchString(string(rs[i:min(len(rs), i+64)]))})
			i++
		default:
			out = append(out, unit{r: r})
			i++
		}
	}
	return out
}

func backtickRun(rs []rune, i int) int {
	n := 0
	for i+n < len(rs) && rs[i+n] == '`' {
		n++
	}
	return n
}

// closingRun is where the first run of exactly n backticks at or after
// from starts, -1 when there is none.
func closingRun(rs []rune, from, n int) int {
	for i := from; i < len(rs); {
		if rs[i] != '`' {
			i++
			continue
		}
		m := backtickRun(rs, i)
		if m == n {
			return i
		}
		i += m
	}
	return -1
}

// spanContent is what a code span shows: one space is stripped from each
// end when both ends have one and the content is not all spaces.
func spanContent(c string) string {
	if len(c) >= 2 && c[0] == ' ' && c[len(c)-1] == ' ' && strings.Trim(c, " ") != "" {
		return c[1 : len(c)-1]
	}
	return c
}

var (
	entityRE   = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)
	entityLike = regexp.MustCompile(`^&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)
)

// decodeEntity decodes an entity at the start of rs as CommonMark does,
// returning its text and how many runes it took (0 when there is none).
func decodeEntity(rs []rune) (string, int) {
	m := entityRE.FindString(string(rs[:min(len(rs), 40)]))
	if m == "" {
		return "", 0
	}
	n := utf8.RuneCountInString(m)
	if m[1] == '#' {
		var v uint64
		var err error
		if m[2] == 'x' || m[2] == 'X' {
			v, err = strconv.ParseUint(m[3:len(m)-1], 16, 32)
		} else {
			v, err = strconv.ParseUint(m[2:len(m)-1], 10, 32)
		}
		r := rune(v)
		if err != nil || v == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return string(r), n
	}
	// Named: only an entity the whole name spells (one or two code
	// points), not a shorter legacy name that starts it (&notit; is not
	// "¬it;").
	text := html.UnescapeString(m)
	if text == m || utf8.RuneCountInString(text) > 2 {
		return "", 0
	}
	return text, n
}

// writeLine writes a line's units as Markdown.
func writeLine(b *strings.Builder, l []unit) {
	l = spans(l)
	first := blockStart(l)
	for i, u := range l {
		if u.code {
			writeCode(b, u.text)
			continue
		}
		switch u.r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '`':
			b.WriteString("\\`")
		case '&':
			if u.lit || u.amp {
				b.WriteString("&amp;")
			} else {
				b.WriteByte('&')
			}
		default:
			if (u.lit || i == first) && asciiPunct(u.r) {
				b.WriteByte('\\')
			}
			b.WriteRune(u.r)
		}
	}
}

// spans turns wrapped characters into code spans and merges code spans
// that touch, which Markdown could not tell apart.
func spans(l []unit) []unit {
	out := make([]unit, 0, len(l))
	var code strings.Builder
	for i := 0; i < len(l); {
		if !l[i].wrap && !l[i].code {
			out = append(out, l[i])
			i++
			continue
		}
		code.Reset()
		for ; i < len(l) && (l[i].wrap || l[i].code); i++ {
			if l[i].code {
				code.WriteString(l[i].text)
			} else {
				code.WriteRune(l[i].r)
			}
		}
		out = append(out, unit{code: true, text: code.String()})
	}
	return out
}

// writeCode writes a code span showing text, with a fence that text does
// not hold.
func writeCode(b *strings.Builder, text string) {
	if trailingBackslashes(b.String())%2 == 1 {
		b.WriteByte('\\') // a backslash before the fence would escape it
	}
	n := 1
	for hasRun(text, n) {
		n++
	}
	fence := strings.Repeat("`", n)
	pad := strings.HasPrefix(text, "`") || strings.HasSuffix(text, "`") ||
		(len(text) >= 2 && text[0] == ' ' && text[len(text)-1] == ' ' && strings.Trim(text, " ") != "")
	b.WriteString(fence)
	if pad {
		b.WriteByte(' ')
	}
	b.WriteString(text)
	if pad {
		b.WriteByte(' ')
	}
	b.WriteString(fence)
}

// hasRun reports whether s holds a run of exactly n backticks.
func hasRun(s string, n int) bool {
	rs := []rune(s)
	return closingRun(rs, 0, n) >= 0
}

// blockStart is the index of the unit to escape so that the line starts
// no block (heading, fence, link or footnote definition, thematic break,
// setext underline), -1 when there is none.
func blockStart(l []unit) int {
	k := 0
	for k < len(l) && !l[k].code && (l[k].r == ' ' || l[k].r == '\t') {
		k++
	}
	if k == len(l) || l[k].code || l[k].lit {
		return -1
	}
	plainRun := func(r rune) int {
		n := 0
		for k+n < len(l) && !l[k+n].code && !l[k+n].lit && l[k+n].r == r {
			n++
		}
		return n
	}
	switch r := l[k].r; r {
	case '#':
		n := plainRun('#')
		if n <= 6 && (k+n == len(l) || l[k+n].r == ' ' || l[k+n].r == '\t') {
			return k
		}
	case '~':
		if plainRun('~') >= 3 {
			return k
		}
	case '$':
		if plainRun('$') >= 2 { // a math block, which would run to the end
			return k
		}
	case '=', '-', '*', '_', '+':
		for _, u := range l[k:] {
			if u.code || (u.r != r && u.r != ' ' && u.r != '\t') {
				return -1
			}
		}
		return k
	case '[':
		for i := k + 1; i+1 < len(l); i++ {
			if !l[i].code && l[i].r == ']' && !l[i].lit && !l[i+1].code && l[i+1].r == ':' {
				return k
			}
		}
	}
	return -1
}

func trailingBackslashes(s string) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	return n
}

// asciiPunct reports whether r is ASCII punctuation, which a backslash
// escapes in Markdown.
func asciiPunct(r rune) bool {
	return r < 0x80 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r)
}

func asciiAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}
