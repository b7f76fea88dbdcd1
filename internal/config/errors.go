package config

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/releasebot/releasebot/internal/usererr"
)

// unreadable is the user error of a configuration file that could not be
// read at all: "PATH: cannot read configuration: REASON", with err as its
// cause (so errors.Is(err, fs.ErrNotExist) works) and no line.
func unreadable(path string, err error) *usererr.Error {
	reason := err
	var pe *fs.PathError
	if errors.As(reason, &pe) {
		reason = pe.Err
	}
	return &usererr.Error{File: path, Msg: fmt.Sprintf("cannot read configuration: %v", reason), Err: err}
}

// Invalid returns the user error in err's chain when it reports a
// configuration that was read but is invalid (it names a file, a line or a
// field, and has no cause), nil otherwise.
func Invalid(err error) *usererr.Error {
	e := usererr.As(err)
	if e == nil || e.Err != nil || e.File == "" && e.Line == 0 && e.Field == "" {
		return nil
	}
	return e
}

// Unreadable returns the user error in err's chain when it reports a
// configuration file that could not be read (it names the file and has the
// cause), nil otherwise.
func Unreadable(err error) *usererr.Error {
	e := usererr.As(err)
	if e == nil || e.Err == nil || e.File == "" {
		return nil
	}
	return e
}

var yamlLinePrefix = regexp.MustCompile(`^line (\d+): `)

// yamlError converts an error from gopkg.in/yaml.v3 ("yaml: line 3: ...",
// or "yaml: unmarshal errors:\n  line 3: ...") to a *usererr.Error in
// file, keeping only the first message when there are several.
func yamlError(file string, err error) *usererr.Error {
	if e := usererr.As(err); e != nil {
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
	return &usererr.Error{File: file, Line: line, Msg: "invalid YAML: " + msg}
}

// syntaxError is yamlError for errors from the YAML parser, which gives no
// line when the problem is on the first line or is an encoding problem
// (invalid UTF-8, a control character): it finds that line in data.
func syntaxError(file string, data []byte, err error) *usererr.Error {
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

// recoverYAML turns a panic inside gopkg.in/yaml.v3 into a user error, so that
// no input can crash the caller. Use as: defer recoverYAML(file, &err).
func recoverYAML(file string, err *error) {
	if r := recover(); r != nil {
		*err = &usererr.Error{File: file, Msg: fmt.Sprintf("invalid YAML: the parser failed: %v", r)}
	}
}
