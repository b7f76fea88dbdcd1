package release

import "strings"

// A commit message can carry several changes. release-please documents the
// format and releasebot reads it the same way:
//
//   - at the bottom of the message (the tail: the last lines, made only of
//     trailers, typed headers, their indented continuations and blank
//     lines), a paragraph that starts with a conventional header of a
//     well-known type begins a change of its own, which runs up to the next
//     such paragraph; a typed line above prose is prose (release-please's
//     documentation: "the additional messages must be added to the bottom
//     of the commit");
//   - in the trailer block at the very end of a message, a trailer whose key
//     is a well-known type ("fix(utils): unicode no longer throws") is a
//     change of its own, and its indented continuation lines are its body
//     (an indented "BREAKING-CHANGE: ..." makes it breaking);
//   - text between BEGIN_NESTED_COMMIT and END_NESTED_COMMIT lines is a
//     commit message of its own.
//
// Only lower-case well-known types start a change inside a body, so that
// prose and trailers such as "Refs: #12" or "Fixes: #3" never do.

// segment is the text of one change inside a commit message: its header
// line and the body lines that belong to it.
type segment struct {
	header string
	body   string
	// paragraph is set for a change read from a paragraph of the body above
	// the trailers that end the message. Its "!" does not make it breaking
	// (a BREAKING CHANGE footer does): bodies generated from other
	// repositories list their breaking changes that way, and release-please
	// released them as plain changes (measured on nodejs-pubsub 4.4.1).
	paragraph bool
}

// nestedTypes are the types that start a change of their own inside a
// message body: release-please's list, and "deps", which Google's
// repositories release under a section of its own.
var nestedTypes = map[string]bool{
	"feat": true, "fix": true, "docs": true, "style": true, "refactor": true, "perf": true,
	"test": true, "build": true, "ci": true, "chore": true, "revert": true, "deps": true,
}

const (
	nestedBegin = "BEGIN_NESTED_COMMIT"
	nestedEnd   = "END_NESTED_COMMIT"
)

// splitNested removes BEGIN_NESTED_COMMIT ... END_NESTED_COMMIT blocks from
// msg and returns what is left and the blocks' messages. An unterminated
// block runs to the end of the message.
func splitNested(msg string) (rest string, nested []string) {
	if !strings.Contains(msg, nestedBegin) {
		return msg, nil
	}
	var b strings.Builder
	for {
		before, after, found := strings.Cut(msg, nestedBegin)
		b.WriteString(before)
		if !found {
			break
		}
		inner, tail, _ := strings.Cut(after, nestedEnd)
		if t := strings.Trim(inner, " \t\n"); t != "" {
			nested = append(nested, t)
		}
		msg = tail
	}
	return strings.Trim(b.String(), " \t\n"), nested
}

// segments splits a normalised message (no CR, no surrounding blank lines,
// no nested blocks) into the segments of its changes. The first segment is
// always the message's own header and body.
func segments(msg string) []segment {
	if !mayNest(msg) {
		header, body := splitMessage(msg)
		return []segment{{header: header, body: body}}
	}
	lines := strings.Split(msg, "\n")
	tail, final := tailStart(lines), trailerBlockStart(lines)
	var out []segment
	start := 0
	for i := 2; i <= len(lines); i++ {
		if i < len(lines) && !(i >= tail && lines[i-1] == "" && isNestedHeader(lines[i])) {
			continue
		}
		out = append(out, segment{
			header:    strings.TrimSpace(lines[start]),
			body:      bodyOf(lines[start+1 : i]),
			paragraph: start > 0 && (final < 0 || start < final),
		})
		start = i
	}
	// The trailer block belongs to the last segment; its typed trailers are
	// changes of their own.
	last := &out[len(out)-1]
	body, trailers := splitTrailerChanges(last.body)
	last.body = body
	return append(out, trailers...)
}

// tailStart returns the index of the first line of the message's tail: the
// longest run of lines at its end made only of trailers (typed headers
// included), their indented continuations, blank lines and GitHub's "---"
// rules. A change in the body starts there, at the bottom of the message,
// never in the prose above it.
func tailStart(lines []string) int {
	i := len(lines)
	for i > 1 {
		l := lines[i-1]
		if strings.TrimSpace(l) != "" && !isContinuation(l) && !isTrailerLine(l) && !isRule(l) {
			break
		}
		i--
	}
	return i
}

// mayNest reports whether a line after the first starts with a well-known
// type followed by "(", "!" or ":": a cheap test that most messages fail,
// so that they are not split into lines.
func mayNest(msg string) bool {
	for i := strings.IndexByte(msg, '\n'); i >= 0 && i+1 < len(msg); {
		line := msg[i+1:]
		end := 0
		for end < len(line) && line[end] >= 'a' && line[end] <= 'z' {
			end++
		}
		if end > 0 && end < len(line) && strings.IndexByte("(!:", line[end]) >= 0 && nestedTypes[line[:end]] {
			return true
		}
		next := strings.IndexByte(line, '\n')
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

// isNestedHeader reports whether line is a conventional header of a
// well-known lower-case type ("fix: x", "feat(api)!: y") that starts a
// paragraph change.
func isNestedHeader(line string) bool {
	key, rest, ok := strings.Cut(line, ": ")
	if !ok || strings.TrimSpace(rest) == "" {
		return false
	}
	return nestedKey(key)
}

// nestedKey reports whether a trailer key is type, type(scope), with an
// optional "!", for a well-known type.
func nestedKey(key string) bool {
	key = strings.TrimSuffix(key, "!")
	if open := strings.IndexByte(key, '('); open >= 0 {
		scope := key[open:]
		if len(scope) < 3 || scope[len(scope)-1] != ')' || strings.ContainsAny(scope[1:len(scope)-1], "()") {
			return false
		}
		key = key[:open]
	}
	return nestedTypes[key]
}

// splitTrailerChanges finds the trailer block at the end of body (the
// longest run of trailer lines and their indented continuations, with no
// blank line, that ends the body) and takes out the trailers whose key is a
// well-known type, each with its continuation lines, as segments of their
// own. The rest of body is returned unchanged.
func splitTrailerChanges(body string) (string, []segment) {
	if body == "" {
		return body, nil
	}
	lines := strings.Split(body, "\n")
	start := trailerBlockStart(lines)
	if start < 0 {
		return body, nil
	}
	var keep []string
	var out []segment
	keep = append(keep, lines[:start]...)
	for i := start; i < len(lines); {
		j := i + 1
		for j < len(lines) && isContinuation(lines[j]) {
			j++
		}
		if key, value, ok := strings.Cut(lines[i], ":"); ok && nestedKey(key) && strings.TrimSpace(value) != "" {
			out = append(out, segment{
				header: strings.TrimSpace(key) + ": " + strings.TrimSpace(value),
				body:   dedent(lines[i+1 : j]),
			})
		} else {
			keep = append(keep, lines[i:j]...)
		}
		i = j
	}
	if len(out) == 0 {
		return body, nil
	}
	return strings.Trim(strings.Join(keep, "\n"), "\n"), out
}

// trailerBlockStart returns the index of the first line of the trailer
// block that ends lines, or -1 when the last paragraph is not one.
func trailerBlockStart(lines []string) int {
	start := -1
	for i := len(lines) - 1; i >= 0; i-- {
		line := lines[i]
		switch {
		case strings.TrimSpace(line) == "":
			return start
		case isContinuation(line):
			continue
		case isTrailerLine(line):
			start = i
		default:
			return start
		}
	}
	return start
}

// isTrailerLine reports a line of the form "Key: value" or "Key #value"
// whose key has no spaces (or is BREAKING CHANGE), as git and the
// Conventional Commits footer grammar define trailers.
func isTrailerLine(line string) bool {
	if strings.HasPrefix(line, "BREAKING CHANGE:") || strings.HasPrefix(line, "BREAKING-CHANGE:") {
		return true
	}
	end := keyEnd(line)
	if end <= 0 {
		return false
	}
	return line[end] == ':' || strings.HasPrefix(line[end:], " #")
}

// keyEnd returns the index of the first space or colon of line that is not
// inside a "(scope)", or -1.
func keyEnd(line string) int {
	depth := 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case depth == 0 && (c == ':' || c == ' ' || c == '\t'):
			return i
		}
	}
	return -1
}

func isContinuation(line string) bool {
	return line != "" && (line[0] == ' ' || line[0] == '\t') && strings.TrimSpace(line) != ""
}

// bodyOf joins a segment's body lines. Indented lines right under the
// header are its trailers written as continuations (the documented
// multi-change format indents them): they are read unindented.
func bodyOf(lines []string) string {
	n := 0
	for n < len(lines) && isContinuation(lines[n]) {
		n++
	}
	if n == 0 {
		return strings.Trim(strings.Join(lines, "\n"), "\n")
	}
	return strings.Trim(dedent(lines[:n])+"\n"+strings.Join(lines[n:], "\n"), "\n")
}

// dedent joins continuation lines with their common indentation removed.
func dedent(lines []string) string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimSpace(l)
	}
	return strings.Join(out, "\n")
}
