package versionfile

import (
	"bytes"
	"strconv"
)

// tomlEntry is one key/value pair of a TOML document at the top level of a
// table (pairs inside inline tables and arrays are not listed).
type tomlEntry struct {
	key        []string // full dotted path: table header followed by the key
	start, end int      // the raw value's bytes
}

// tomlScanner walks just enough of TOML's syntax to list key/value pairs
// with their byte positions: table headers, dotted and quoted keys, all
// four string forms, arrays and inline tables (skipped as balanced
// brackets), comments, and other scalars up to the end of the line. It
// does not check that scalars such as numbers or dates are well formed.
type tomlScanner struct {
	path string
	src  []byte
	pos  int
}

// scanTOML lists the key/value pairs of src in document order.
func scanTOML(path string, src []byte) ([]tomlEntry, error) {
	s := &tomlScanner{path: path, src: src, pos: bomLen(src)}
	var table, key []string
	var entries []tomlEntry
	for {
		s.skipBlank()
		if s.pos >= len(s.src) {
			return entries, nil
		}
		var err error
		if s.src[s.pos] == '[' {
			table, err = s.header()
		} else if key, err = s.key(); err == nil {
			err = s.keyValue(table, key, &entries)
		}
		if err == nil {
			err = s.endOfLine()
		}
		if err != nil {
			return nil, err
		}
	}
}

func (s *tomlScanner) fail(off int, msg string) error {
	return errAt(s.path, s.src, off, "invalid TOML: %s", msg)
}

func (s *tomlScanner) peek(n int) byte {
	if s.pos+n < len(s.src) {
		return s.src[s.pos+n]
	}
	return 0
}

func (s *tomlScanner) skipSpace() {
	for s.peek(0) == ' ' || s.peek(0) == '\t' {
		s.pos++
	}
}

// skipComment moves to the end of the line (before its newline).
func (s *tomlScanner) skipComment() {
	if i := bytes.IndexByte(s.src[s.pos:], '\n'); i >= 0 {
		s.pos += i
	} else {
		s.pos = len(s.src)
	}
}

// skipBlank skips whitespace, newlines and comments.
func (s *tomlScanner) skipBlank() {
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case ' ', '\t', '\r', '\n':
			s.pos++
		case '#':
			s.skipComment()
		default:
			return
		}
	}
}

// endOfLine accepts optional spaces and a comment, then a newline or EOF.
func (s *tomlScanner) endOfLine() error {
	s.skipSpace()
	if s.peek(0) == '#' {
		s.skipComment()
	}
	switch {
	case s.pos >= len(s.src):
	case s.peek(0) == '\n':
		s.pos++
	case s.peek(0) == '\r' && s.peek(1) == '\n':
		s.pos += 2
	default:
		return s.fail(s.pos, "unexpected text after the value; expected the end of the line")
	}
	return nil
}

// header reads "[a.b]" or "[[a.b]]" and returns the table path.
func (s *tomlScanner) header() ([]string, error) {
	start := s.pos
	n := 1
	if s.peek(1) == '[' {
		n = 2
	}
	s.pos += n
	key, err := s.key()
	if err != nil {
		return nil, err
	}
	for range n {
		if s.peek(0) != ']' {
			return nil, s.fail(start, "unclosed table header")
		}
		s.pos++
	}
	return key, nil
}

// key reads a dotted key such as `a."b c".d` and the spaces after it.
func (s *tomlScanner) key() ([]string, error) {
	var parts []string
	for {
		s.skipSpace()
		start := s.pos
		switch s.peek(0) {
		case '"', '\'':
			end, err := s.str()
			if err != nil {
				return nil, err
			}
			s.pos = end
			part, err := tomlUnquote(s.src[start:end])
			if err != nil {
				return nil, s.fail(start, "cannot decode quoted key: "+err.Error())
			}
			parts = append(parts, part)
		default:
			for s.pos < len(s.src) && bytes.IndexByte([]byte(" \t\r\n=.[]#\"',{}"), s.src[s.pos]) < 0 {
				s.pos++
			}
			if s.pos == start {
				return nil, s.fail(start, "expected a key")
			}
			parts = append(parts, string(s.src[start:s.pos]))
		}
		s.skipSpace()
		if s.peek(0) != '.' {
			return parts, nil
		}
		s.pos++
	}
}

// keyValue reads "= value" after key and records the pair.
func (s *tomlScanner) keyValue(table, key []string, entries *[]tomlEntry) error {
	if s.peek(0) != '=' {
		return s.fail(s.pos, "expected = after the key")
	}
	s.pos++
	s.skipSpace()
	start := s.pos
	if err := s.value(); err != nil {
		return err
	}
	full := append(append([]string(nil), table...), key...)
	*entries = append(*entries, tomlEntry{key: full, start: start, end: s.pos})
	return nil
}

// value moves past one value of any type.
func (s *tomlScanner) value() error {
	start := s.pos
	switch s.peek(0) {
	case '"', '\'':
		end, err := s.str()
		s.pos = end
		return err
	case '[', '{':
		return s.brackets()
	}
	end := start
	for s.pos < len(s.src) && s.src[s.pos] != '#' && s.src[s.pos] != '\n' && s.src[s.pos] != '\r' {
		s.pos++
		if s.src[s.pos-1] != ' ' && s.src[s.pos-1] != '\t' {
			end = s.pos
		}
	}
	s.pos = end
	if end == start {
		return s.fail(start, "missing value after =")
	}
	return nil
}

// brackets skips a balanced array or inline table, strings and comments
// included.
func (s *tomlScanner) brackets() error {
	start, depth := s.pos, 0
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				s.pos++
				return nil
			}
		case '"', '\'':
			end, err := s.str()
			if err != nil {
				return err
			}
			s.pos = end
			continue
		case '#':
			s.skipComment()
			continue
		}
		s.pos++
	}
	return s.fail(start, "unclosed array or inline table")
}

// str returns the end offset of the string starting at s.pos, which may be
// any of the four TOML string forms. It does not move s.pos.
func (s *tomlScanner) str() (int, error) {
	q := s.src[s.pos]
	escapes := q == '"'
	if s.peek(1) == q && s.peek(2) == q {
		delim := []byte{q, q, q}
		for i := s.pos + 3; i < len(s.src); i++ {
			if escapes && s.src[i] == '\\' {
				i++
			} else if bytes.HasPrefix(s.src[i:], delim) {
				end := i + 3 // up to two more quotes belong to the content
				for end < len(s.src) && s.src[end] == q && end-i < 5 {
					end++
				}
				return end, nil
			}
		}
		return 0, s.fail(s.pos, "unterminated multi-line string")
	}
	for i := s.pos + 1; i < len(s.src) && s.src[i] != '\n'; i++ {
		if escapes && s.src[i] == '\\' {
			i++
		} else if s.src[i] == q {
			return i + 1, nil
		}
	}
	return 0, s.fail(s.pos, "unterminated string")
}

// tomlUnquote decodes a single-line basic ("...") or literal ('...')
// string. Basic-string escapes are decoded with Go's rules, which agree
// with TOML's for every escape TOML defines except \e.
func tomlUnquote(raw []byte) (string, error) {
	if raw[0] == '\'' || bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1]), nil
	}
	return strconv.Unquote(string(raw))
}

// tomlArrayHas reports whether the raw array value contains a string
// element equal to want.
func tomlArrayHas(raw []byte, want string) bool {
	s := &tomlScanner{src: raw, pos: 1}
	for s.pos < len(raw) {
		switch raw[s.pos] {
		case '#':
			s.skipComment()
		case '"', '\'':
			end, err := s.str()
			if err != nil {
				return false
			}
			if end-s.pos >= 2 && s.peek(1) != raw[s.pos] {
				if v, err := tomlUnquote(raw[s.pos:end]); err == nil && v == want {
					return true
				}
			}
			s.pos = end
		default:
			s.pos++
		}
	}
	return false
}
