package gitlog

import (
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

// reencode converts the author and the message of a commit from the
// character encoding its "encoding" header names (git commit writes one
// when i18n.commitEncoding is set) to UTF-8, as `git log` does. A commit
// without the header, or declaring UTF-8, is returned as it is, and so is
// one whose encoding is unknown or whose bytes do not decode (git then
// prints the bytes as they are, too).
func reencode(name, author, body []byte) ([]byte, []byte) {
	enc := lookupEncoding(string(name))
	if enc == nil {
		return author, body
	}
	a, err1 := enc.NewDecoder().Bytes(author)
	b, err2 := enc.NewDecoder().Bytes(body)
	if err1 != nil || err2 != nil {
		return author, body
	}
	return a, b
}

// lookupEncoding returns the decoder of a character encoding named as in
// commit headers ("ISO-8859-1", "latin1", "Shift_JIS"...): by its IANA
// name or alias, else by the WHATWG labels browsers know. It returns nil
// for UTF-8 and for names it does not know.
func lookupEncoding(name string) encoding.Encoding {
	name = strings.TrimSpace(name)
	switch strings.ToLower(name) {
	case "", "utf-8", "utf8":
		return nil
	}
	if enc, err := ianaindex.IANA.Encoding(name); err == nil && enc != nil {
		return enc
	}
	if enc, err := htmlindex.Get(name); err == nil {
		return enc
	}
	return nil
}
