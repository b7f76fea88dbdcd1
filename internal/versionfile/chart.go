package versionfile

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// chartVersionKey matches a top-level (column 0) "version:" mapping key,
// bare or quoted, and the separator after the colon.
var chartVersionKey = regexp.MustCompile(`^(?:version|"version"|'version')[ \t]*:(?:[ \t]+|$)`)

// locateChart finds the value of the top-level version key of a Helm
// Chart.yaml. Only keys in column 0 count, so indented keys and appVersion
// are left alone. The value must sit on the key's line as a plain,
// single-quoted or double-quoted scalar; the span covers the scalar without
// its quotes, so the quoting style is kept.
func locateChart(path string, content []byte) ([]span, error) {
	var found []span
	off, n := 0, 0
	for line := range bytes.Lines(content) {
		n++
		start := off
		off += len(line)
		if n == 1 {
			start += bomLen(line)
		}
		body := bytes.TrimRight(content[start:off], "\r\n")
		m := chartVersionKey.FindIndex(body)
		if m == nil {
			continue
		}
		s, err := yamlScalar(path, n, body, m[1])
		if err != nil {
			return nil, err
		}
		if len(found) > 0 {
			return nil, errLine(path, n, "second top-level version key (the first is on line %d); remove one", found[0].line)
		}
		s.start += start
		s.end += start
		found = append(found, s)
	}
	if len(found) == 0 {
		return nil, errFile(path, "has no top-level version field; add `version: x.y.z` or remove the file from version-files")
	}
	return found, nil
}

// yamlScalar reads the scalar starting at or after body[i] and returns its
// span relative to body.
func yamlScalar(path string, line int, body []byte, i int) (span, error) {
	for i < len(body) && (body[i] == ' ' || body[i] == '\t') {
		i++
	}
	if i == len(body) || body[i] == '#' {
		return span{}, errLine(path, line, "version has no value on its line; write it as `version: 1.2.3`")
	}
	var start, end, next int
	var value string
	switch c := body[i]; {
	case c == '"' || c == '\'':
		start = i + 1
		end = yamlQuoteEnd(body, start, c)
		if end < 0 {
			return span{}, errLine(path, line, "unterminated quoted version; keep the version on the key's line")
		}
		next = end + 1
		value = string(body[start:end])
		if c == '\'' {
			value = strings.ReplaceAll(value, "''", "'")
		} else if strings.Contains(value, `\`) {
			v, err := strconv.Unquote(string(body[i:next]))
			if err != nil {
				return span{}, errLine(path, line, "cannot decode the quoted version: %v", err)
			}
			value = v
		}
	case strings.IndexByte("|>&*!%@`[{", c) >= 0:
		return span{}, errLine(path, line, "version must be a plain or quoted value on the key's line, like `version: 1.2.3`; "+
			"block scalars, anchors, aliases, tags and flow collections are not supported")
	default:
		start = i
		end = len(body)
		if j := bytes.Index(body[i:], []byte(" #")); j >= 0 {
			end = i + j
		}
		if j := bytes.Index(body[i:end], []byte("\t#")); j >= 0 {
			end = i + j
		}
		end = len(bytes.TrimRight(body[:end], " \t"))
		next = end
		value = string(body[start:end])
	}
	if rest := bytes.TrimLeft(body[next:], " \t"); len(rest) > 0 && (rest[0] != '#' || next == len(body)-len(rest)) {
		return span{}, errLine(path, line, "unexpected text after the version; only a comment may follow it")
	}
	return span{start: start, end: end, value: value, line: line}, nil
}

// yamlQuoteEnd returns the index of the quote closing a scalar whose
// content starts at body[i], or -1.
func yamlQuoteEnd(body []byte, i int, q byte) int {
	for ; i < len(body); i++ {
		switch {
		case q == '"' && body[i] == '\\':
			i++
		case body[i] == q && q == '\'' && i+1 < len(body) && body[i+1] == '\'':
			i++
		case body[i] == q:
			return i
		}
	}
	return -1
}
