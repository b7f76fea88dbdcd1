// Package usererr is releasebot's one type for a mistake the user can fix:
// a flag, an input, an environment variable, the configuration file, a
// path the configuration names. The CLI maps it to exit code 2, the Action
// to an error annotation on the file and line, the App to a failing check;
// every other error is a failure to do the work and may be retried.
package usererr

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Error is a mistake the user can fix. Msg says what is wrong and, where
// possible, what to do; File, Line and Field locate it when it is in a
// file. Err, when set, is the cause (errors.Is and errors.As see it).
type Error struct {
	// File is the file concerned, "" when the mistake is in no file.
	File string
	// Line is the 1-based line of the mistake in File; 0 when unknown.
	Line int
	// Field is the key path concerned, such as "changelog.format" or
	// "packages[1].path"; "" when the mistake is not tied to one field.
	Field string
	Msg   string
	Err   error
}

// Error formats e as "FILE:LINE: FIELD: MSG", leaving out the parts that
// are unknown.
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

// Unwrap returns the cause, nil when there is none.
func (e *Error) Unwrap() error { return e.Err }

// Errorf is a user error whose message is formatted as fmt.Sprintf does.
func Errorf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// As returns the user error in err's chain, nil when err is not one.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// Is reports whether err is, or wraps, a user error.
func Is(err error) bool { return As(err) != nil }
