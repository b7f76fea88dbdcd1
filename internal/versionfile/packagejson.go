package versionfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// locatePackageJSON finds the string value of the top-level "version" key
// of a JSON object. Keys are compared after unescaping; values of other
// keys, including nested "version" keys, are skipped. A byte order mark is
// allowed. The span covers the string's bytes between its quotes.
func locatePackageJSON(path string, content []byte) ([]span, error) {
	base := bomLen(content)
	dec := json.NewDecoder(bytes.NewReader(content[base:]))
	jsonErr := func(err error) error { return jsonError(path, content, base, dec, err) }
	tok, err := dec.Token()
	if err == io.EOF {
		return nil, errFile(path, "is empty; expected a JSON object with a \"version\" field")
	}
	if err != nil {
		return nil, jsonErr(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errAt(path, content, base+int(dec.InputOffset()), "top level is not a JSON object; expected {\"version\": ...}")
	}
	var found []span
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, jsonErr(err)
		}
		if key != "version" {
			if err := skipJSONValue(dec); err != nil {
				return nil, jsonErr(err)
			}
			continue
		}
		s, err := jsonVersion(path, content, base, dec)
		if err != nil {
			return nil, err
		}
		if len(found) > 0 {
			return nil, errLine(path, s.line, "second top-level \"version\" field (the first is on line %d); remove one", found[0].line)
		}
		found = append(found, s)
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, jsonErr(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errAt(path, content, base+int(dec.InputOffset()), "more data after the top-level JSON object; remove it")
	}
	if len(found) == 0 {
		return nil, errFile(path, "has no top-level \"version\" field; add one or remove the file from version-files")
	}
	return found, nil
}

// jsonVersion reads the value following a top-level "version" key whose
// token dec has just returned, and returns its span.
func jsonVersion(path string, content []byte, base int, dec *json.Decoder) (span, error) {
	keyEnd := base + int(dec.InputOffset())
	tok, err := dec.Token()
	if err != nil {
		return span{}, jsonError(path, content, base, dec, err)
	}
	end := base + int(dec.InputOffset())
	start := keyEnd
	for start < end && bytes.IndexByte([]byte(" \t\r\n:"), content[start]) >= 0 {
		start++
	}
	value, ok := tok.(string)
	if !ok {
		return span{}, errAt(path, content, start, "top-level \"version\" must be a string, like \"version\": \"1.2.3\"")
	}
	if end-start < 2 || content[start] != '"' || content[end-1] != '"' {
		return span{}, errAt(path, content, start, "cannot find the bytes of the \"version\" string")
	}
	return span{start: start + 1, end: end - 1, value: value, line: lineAt(content, start)}, nil
}

// skipJSONValue consumes one complete value (scalar, object or array).
func skipJSONValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}

// jsonError turns a decoding error into an *Error on the right line.
func jsonError(path string, content []byte, base int, dec *json.Decoder, err error) error {
	off := base + int(dec.InputOffset())
	if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
		off = base + int(se.Offset)
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return errAt(path, content, off, "invalid JSON: unexpected end of file")
	}
	return errAt(path, content, off, "invalid JSON: %v", err)
}
