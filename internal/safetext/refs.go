package safetext

import (
	"strings"
	"unicode"
)

// neutralize marks what must not act: references after closing keywords
// (and at the start of the text), then mentions.
func neutralize(lines [][]unit) {
	v := flatten(lines)
	wrapRefs(lines, v, 0, false)
	for p := range v {
		if c := v[p]; !c.code && c.line >= 0 && lines[c.line][c.idx].wrap {
			continue // inside a reference already shown as code
		}
		if n := keywordAt(v, p); n > 0 {
			wrapRefs(lines, v, p+n, false)
		}
	}
	for _, l := range lines {
		wrapMentions(l)
	}
}

// vchar is one character of the text as GitHub reads it, code spans
// included: where it comes from (line and unit), and whether from code.
type vchar struct {
	r         rune
	line, idx int
	code      bool
}

func flatten(lines [][]unit) []vchar {
	var v []vchar
	for li, l := range lines {
		if li > 0 {
			v = append(v, vchar{r: '\n', line: -1})
		}
		for i, u := range l {
			if u.code {
				for _, r := range u.text {
					v = append(v, vchar{r: r, line: li, idx: i, code: true})
				}
				continue
			}
			v = append(v, vchar{r: u.r, line: li, idx: i})
		}
	}
	return v
}

var keywords = []string{"closes", "closed", "close", "fixes", "fixed", "fix", "resolves", "resolved", "resolve"}

// keywordAt is the length of a closing keyword standing as a word at p, 0
// when there is none.
func keywordAt(v []vchar, p int) int {
	if p > 0 && asciiAlnum(v[p-1].r) && v[p-1].code == v[p].code {
		return 0
	}
	for _, k := range keywords {
		n := len(k)
		if p+n > len(v) {
			continue
		}
		match := true
		for i := range n {
			if unicode.ToLower(v[p+i].r) != rune(k[i]) {
				match = false
				break
			}
		}
		if match && (p+n == len(v) || !asciiAlnum(v[p+n].r) || v[p+n].code != v[p+n-1].code) {
			return n
		}
	}
	return 0
}

// wrapRefs marks the references that follow q (after separators such as
// spaces, a colon, emphasis or an opening bracket, which is escaped so
// that it opens no link): the first, and those listed after it ("#1, #2
// and #3").
func wrapRefs(lines [][]unit, v []vchar, q int, more bool) {
	for {
		from := q
		q = skipSeparators(v, q, more)
		n := refAt(lines, v, q)
		if n == 0 {
			return
		}
		for k := from; k < q; k++ {
			if c := v[k]; c.r == '[' && !c.code {
				lines[c.line][c.idx].lit = true // opens no link around it
			}
		}
		for k := q; k < q+n; k++ {
			lines[v[k].line][v[k].idx].wrap = true
		}
		q, more = q+n, true
	}
}

// skipSeparators returns the first position from q that is not a
// separator between a keyword (or a listed reference, when more) and a
// reference.
func skipSeparators(v []vchar, q int, more bool) int {
	for q < len(v) {
		c := v[q]
		switch {
		case strings.ContainsRune(":*_~(<[", c.r) || unicode.IsSpace(c.r):
		case more && strings.ContainsRune(",;&", c.r):
		case more && wordAt(v, q, "and"):
			q += 2
		case more && wordAt(v, q, "or"):
			q++
		default:
			return q
		}
		q++
	}
	return q
}

func wordAt(v []vchar, q int, w string) bool {
	if q+len(w) > len(v) || (q+len(w) < len(v) && asciiAlnum(v[q+len(w)].r)) {
		return false
	}
	for i := range len(w) {
		if unicode.ToLower(v[q+i].r) != rune(w[i]) {
			return false
		}
	}
	return true
}

// maxURL bounds the characters read for a URL, so that text full of
// keywords costs time in proportion to its length; a longer URL is shown
// in a code span up to there, which leaves no link.
const maxURL = 2048

// refAt is the length of an issue reference at q, as GitHub links one
// (#1, GH-1, owner/repo#1, a URL), made of plain characters; 0 when there
// is none. It reads no further than the reference can reach.
func refAt(lines [][]unit, v []vchar, q int) int {
	at := func(k int) rune {
		if k >= len(v) {
			return 0
		}
		c := v[k]
		if c.code || c.line < 0 || lines[c.line][c.idx].wrap || unicode.IsSpace(c.r) || strings.ContainsRune("`<>", c.r) {
			return 0
		}
		return c.r
	}
	prefix := func(p string) bool {
		for i := range len(p) {
			if unicode.ToLower(at(q+i)) != rune(p[i]) {
				return false
			}
		}
		return true
	}
	digits := func(k int) int {
		n := 0
		for n < 20 && at(k+n) >= '0' && at(k+n) <= '9' {
			n++
		}
		return n
	}
	name := func(k, max int) int {
		n := 0
		for n < max && (asciiAlnum(at(k+n)) || strings.ContainsRune("_.-", at(k+n)) && at(k+n) != 0) {
			n++
		}
		return n
	}
	switch {
	case prefix("http://") || prefix("https://") || prefix("www."):
		n := 0
		for n < maxURL && at(q+n) != 0 {
			n++
		}
		for n > 0 && strings.ContainsRune(".,:;!?'\")]}*_~", at(q+n-1)) {
			n-- // a URL's trailing punctuation is the sentence's
		}
		return n
	case prefix("gh-"):
		if d := digits(q + 3); d > 0 {
			return 3 + d
		}
		return 0
	}
	n := 0
	if asciiAlnum(at(q)) {
		n = name(q, 100) // owner, or repository
		if at(q+n) == '/' {
			if r := name(q+n+1, 100); r > 0 {
				n += 1 + r
			}
		}
	}
	if at(q+n) != '#' {
		return 0
	}
	if d := digits(q + n + 1); d > 0 {
		return n + 1 + d
	}
	return 0
}

// wrapMentions marks every @name and @org/team of a line that GitHub could
// read as a mention: any @ that no letter or digit of the same text
// precedes, followed by a user name.
func wrapMentions(l []unit) {
	for i := 0; i < len(l); i++ {
		u := l[i]
		if u.code || u.wrap || u.r != '@' {
			continue
		}
		if i > 0 {
			p := l[i-1]
			if !p.code && !p.wrap && !p.decoded && asciiAlnum(p.r) {
				continue // an e-mail address
			}
		}
		n := mentionLen(l, i+1)
		for k := i; k <= i+n && n > 0; k++ {
			l[k].wrap = true
		}
		i += n
	}
}

// mentionLen is the length of the user or team name at j, 0 when there is
// none.
func mentionLen(l []unit, j int) int {
	plain := func(k int, ok func(rune) bool) bool {
		return k < len(l) && !l[k].code && !l[k].wrap && ok(l[k].r)
	}
	name := func(r rune) bool { return asciiAlnum(r) || r == '-' }
	team := func(r rune) bool { return asciiAlnum(r) || strings.ContainsRune("_.-", r) }
	if !plain(j, asciiAlnum) {
		return 0
	}
	k := j
	for plain(k, name) {
		k++
	}
	if plain(k, func(r rune) bool { return r == '/' }) && plain(k+1, team) {
		end := k + 1
		for plain(end, team) {
			end++
		}
		for end > k+1 && l[end-1].r == '.' {
			end-- // a full stop ends the sentence, not the name
		}
		if end > k+1 {
			k = end
		}
	}
	return k - j
}
