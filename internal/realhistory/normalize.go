package realhistory

import (
	"regexp"
	"strings"
)

var (
	mdLink = regexp.MustCompile(`\[([^\[\]]*)\]\([^()\s]*\)`)
	// trailingRefs is a trailing group of references: "(#12)",
	// "(abc1234)", "(#12, abc1234)", "(owner/repo#12)".
	trailingRefs = regexp.MustCompile(`\s*\(\s*(?:(?:[\w.-]+/[\w.-]+)?#\d+|[0-9a-f]{7,40})(?:\s*,\s*(?:(?:[\w.-]+/[\w.-]+)?#\d+|[0-9a-f]{7,40}))*\s*\)\s*$`)
	// closes is conventional-changelog's ", closes #12 #13" after the
	// references.
	closes        = regexp.MustCompile(`(?i),?\s*(?:closes|fixes|resolves)\s+(?:(?:[\w.-]+/[\w.-]+)?#\d+[\s,]*)+$`)
	boldScope     = regexp.MustCompile(`^\*\*([^*]+):\*\*\s*`)
	codeMention   = regexp.MustCompile("`(@[A-Za-z0-9][A-Za-z0-9/_.-]*)`")
	codeRef       = regexp.MustCompile("`((?:[\\w.-]+/[\\w.-]+)?#\\d+)`")
	mdEscape      = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)
	htmlComment   = regexp.MustCompile(`(?s)<!--.*?-->`)
	entityEscapes = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")
)

// Normalize reduces a bullet's text to what both tools mean by it, so that
// equal entries compare equal whatever the tool's decoration: Markdown
// links become their text, trailing pull request and commit references and
// "closes #N" go, a bold "**scope:**" becomes "scope:", Markdown escapes
// and the code spans releasebot puts around @mentions and issue references
// are dropped, HTML
// comments and entities are undone, whitespace runs become one space, and
// the description's first letter is lower-cased (release-please wrote
// descriptions in sentence case for a while: "Allow x" for "allow x").
func Normalize(s string) string {
	s = htmlComment.ReplaceAllString(s, "")
	s = strings.Join(strings.Fields(s), " ")
	s = codeRef.ReplaceAllString(s, "$1")
	for {
		t := mdLink.ReplaceAllString(s, "$1")
		if t == s {
			break
		}
		s = t
	}
	for {
		t := closes.ReplaceAllString(s, "")
		t = trailingRefs.ReplaceAllString(t, "")
		if t == s {
			break
		}
		s = t
	}
	s = boldScope.ReplaceAllString(s, "$1: ")
	s = codeMention.ReplaceAllString(s, "$1")
	s = mdEscape.ReplaceAllString(s, "$1")
	s = entityEscapes.Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	if scope, desc, ok := strings.Cut(s, ": "); ok && !strings.Contains(scope, " ") {
		return scope + ": " + lowerFirst(desc)
	}
	return lowerFirst(s)
}

// lowerFirst lower-cases an ASCII capital at the start of s.
func lowerFirst(s string) string {
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
