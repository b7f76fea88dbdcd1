package config

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error reports a configuration file that was read but is invalid: YAML
// syntax, an unknown or duplicate key, a wrong type or an unusable value.
type Error struct {
	// File is the name given to Parse (the path for Load); "" for a Config
	// checked with Validate that came from no file.
	File string
	// Line is the 1-based line of the offending key or value; 0 when unknown.
	Line int
	// Field is the key path concerned, such as "changelog.format",
	// "version-files[1]" or "bump.feat"; "" when the problem is not tied to
	// one field (syntax errors, unknown keys, a file that is not a mapping).
	Field string
	// Msg says what is wrong and, where possible, how to fix it.
	Msg string
}

// Error formats e as "FILE:LINE: FIELD: MSG", leaving out the parts that are
// unknown.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" || e.Line > 0 {
		b.WriteString(e.File)
		if e.Line > 0 {
			b.WriteString(":" + strconv.Itoa(e.Line))
		}
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// LoadError reports a configuration file that could not be read at all:
// missing although required, unreadable, a directory... It wraps the
// underlying error, so errors.Is(err, fs.ErrNotExist) works.
type LoadError struct {
	Path string
	Err  error
}

// Error formats e as "PATH: cannot read configuration: REASON".
func (e *LoadError) Error() string {
	reason := e.Err
	var pe *fs.PathError
	if errors.As(reason, &pe) {
		reason = pe.Err
	}
	return fmt.Sprintf("%s: cannot read configuration: %v", e.Path, reason)
}

// Unwrap returns the underlying I/O error.
func (e *LoadError) Unwrap() error { return e.Err }

var yamlLinePrefix = regexp.MustCompile(`^line (\d+): `)

// yamlError converts an error from gopkg.in/yaml.v3 ("yaml: line 3: ...",
// or "yaml: unmarshal errors:\n  line 3: ...") to an *Error in file,
// keeping only the first message when there are several.
func yamlError(file string, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		out := *e
		out.File = file
		return &out
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	msg = strings.TrimSpace(msg)
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	line := 0
	if m := yamlLinePrefix.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	return &Error{File: file, Line: line, Msg: "invalid YAML: " + msg}
}

// syntaxError is yamlError for errors from the YAML parser, which gives no
// line when the problem is on the first line or is an encoding problem
// (invalid UTF-8, a control character): it finds that line in data.
func syntaxError(file string, data []byte, err error) *Error {
	e := yamlError(file, err)
	if e.Line == 0 {
		e.Line = badCharLine(data)
	}
	return e
}

// badCharLine returns the line of the first character YAML refuses
// (invalid UTF-8, or outside YAML's printable set), or 1 when there is none.
func badCharLine(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 || !yamlPrintable(r) {
			return 1 + lineBreaks(data[:i])
		}
		i += size
	}
	return 1
}

// lineBreaks counts line breaks as YAML does: CR LF, CR, LF, NEL, LS and PS.
func lineBreaks(data []byte) int {
	n := 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch r {
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				size++
			}
			n++
		case '\n', 0x85, 0x2028, 0x2029:
			n++
		}
		i += size
	}
	return n
}

// yamlPrintable reports whether YAML 1.2 allows r in a stream.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r', r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7e, r >= 0xa0 && r <= 0xd7ff:
		return true
	case r >= 0xe000 && r <= 0xfffd, r >= 0x10000 && r <= 0x10ffff:
		return true
	}
	return false
}

// recoverYAML turns a panic inside gopkg.in/yaml.v3 into an *Error, so that
// no input can crash the caller. Use as: defer recoverYAML(file, &err).
func recoverYAML(file string, err *error) {
	if r := recover(); r != nil {
		*err = &Error{File: file, Msg: fmt.Sprintf("invalid YAML: the parser failed: %v", r)}
	}
}
