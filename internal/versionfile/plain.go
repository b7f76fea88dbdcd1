package versionfile

import "bytes"

// locatePlain finds the version in a plain VERSION file: the file's only
// word, surrounded by optional whitespace (and a byte order mark). A leading
// "v" is not part of the span, so Read drops it and Update keeps it.
func locatePlain(path string, content []byte) ([]span, error) {
	start := bomLen(content)
	start += len(content[start:]) - len(bytes.TrimLeft(content[start:], asciiSpace))
	end := len(bytes.TrimRight(content, asciiSpace))
	if start >= end {
		return nil, errFile(path, "is empty; write the version (for example 1.2.3) into it")
	}
	if i := bytes.IndexAny(content[start:end], asciiSpace); i >= 0 {
		extra := end - len(bytes.TrimLeft(content[start+i:end], asciiSpace))
		return nil, errAt(path, content, extra,
			"text after the version; a plain version file must contain only the version, optionally followed by a newline")
	}
	if content[start] == 'v' {
		start++
	}
	return []span{{start: start, end: end, value: string(content[start:end]), line: lineAt(content, start)}}, nil
}
