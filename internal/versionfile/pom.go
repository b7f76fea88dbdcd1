package versionfile

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// pomElement is the text content of an element the POM scan keeps.
type pomElement struct {
	start, end  int    // raw bytes between the start and the end tag
	text        string // decoded character data
	markup      bool   // holds comments, CDATA, entities or child elements
	selfClosing bool   // written as <name/>
}

// pomProperty matches a version that is exactly one ${property} reference.
var pomProperty = regexp.MustCompile(`^\$\{([^${}]+)\}$`)

// locatePOM finds the text of /project/version, the project's own version;
// versions under <parent>, <dependencies>, <plugins> and so on are not
// touched. When that text is exactly ${name} and this file sets <name>
// under <project><properties> (Maven's CI-friendly versions), the
// property's text is the version instead. The span covers the text without
// surrounding whitespace.
func locatePOM(path string, content []byte) ([]span, error) {
	elems, hasParent, err := scanPOM(path, content)
	if err != nil {
		return nil, err
	}
	v, ok := elems["version"]
	switch {
	case !ok && hasParent:
		return nil, errFile(path, "has no <version> of its own: the project inherits it from <parent>; "+
			"list the parent's pom.xml in version-files instead, or add a <version> under <project>")
	case !ok:
		return nil, errFile(path, "has no <version> under <project>; add one or remove the file from version-files")
	}
	s := pomSpan(content, v)
	if m := pomProperty.FindStringSubmatch(s.value); m != nil {
		if p, ok := elems["properties/"+m[1]]; ok {
			return []span{pomSpan(content, p)}, nil
		}
		return nil, errLine(path, s.line, "<version> is %s, but this file's <properties> does not set <%s>; "+
			"list the file that sets it (for example .mvn/maven.config, with an x-releasebot-version marker) instead", s.value, m[1])
	}
	if strings.Contains(s.value, "${") {
		return nil, errLine(path, s.line, "<version> %s is built from several properties; "+
			"write a plain version or a single ${property} set in this file's <properties>", s.value)
	}
	return []span{s}, nil
}

// pomSpan turns an element's content into a span, trimming whitespace.
func pomSpan(content []byte, e pomElement) span {
	raw := content[e.start:e.end]
	start := e.start + len(raw) - len(bytes.TrimLeft(raw, asciiSpace))
	end := max(start, e.start+len(bytes.TrimRight(raw, asciiSpace)))
	s := span{start: start, end: end, value: strings.TrimSpace(e.text), line: lineAt(content, start)}
	switch {
	case e.selfClosing:
		s.fixed = "the version element is empty (<version/>); write it as <version>1.2.3</version>"
	case e.markup || bytes.ContainsAny(raw, "<&"):
		s.fixed = "the version element holds markup (a comment, CDATA, an entity or a child element); write the version as plain text"
	}
	return s
}

// scanPOM decodes the XML and returns the content of /project/version and
// of every /project/properties/* element (keyed "version" and
// "properties/NAME"; the first of duplicates wins), and whether the project
// has a <parent>.
func scanPOM(path string, content []byte) (map[string]pomElement, bool, error) {
	// Decode the bytes as they are whatever the declared encoding, so that
	// offsets stay offsets into content; only ASCII matters here. Bytes
	// that are not UTF-8 (as in ISO-8859-1 files) become '?' for the decoder.
	dec := xml.NewDecoder(bytes.NewReader(validUTF8(content)))
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	elems := map[string]pomElement{}
	var stack []string
	var cur *pomElement // element being captured
	curDepth, hasParent, sawRoot := 0, false, false
	for {
		before := int(dec.InputOffset())
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false, xmlError(path, content, int(dec.InputOffset()), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			if len(stack) == 1 && (sawRoot || t.Name.Local != "project") {
				return nil, false, errAt(path, content, before, "root element is <%s>; a Maven POM has a single <project> root", t.Name.Local)
			}
			sawRoot = true
			hasParent = hasParent || len(stack) == 2 && t.Name.Local == "parent"
			if cur != nil {
				cur.markup = true
			} else if key := pomKey(stack); key != "" {
				after := int(dec.InputOffset())
				cur, curDepth = &pomElement{start: after, selfClosing: bytes.HasSuffix(content[:after], []byte("/>"))}, len(stack)
			}
		case xml.EndElement:
			if cur != nil && len(stack) == curDepth {
				cur.end = before
				if key := pomKey(stack); key != "" {
					if _, dup := elems[key]; !dup {
						elems[key] = *cur
					}
				}
				cur = nil
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if cur != nil {
				cur.text += string(t)
			}
		default: // comments, processing instructions, directives
			if cur != nil {
				cur.markup = true
			}
		}
	}
	if !sawRoot {
		return nil, false, errFile(path, "has no XML root element; a Maven POM has a <project> root")
	}
	return elems, hasParent, nil
}

// pomKey names the element at the top of stack if the scan keeps it.
func pomKey(stack []string) string {
	switch {
	case len(stack) == 2 && stack[1] == "version":
		return "version"
	case len(stack) == 3 && stack[1] == "properties":
		return "properties/" + stack[2]
	}
	return ""
}

// xmlError turns a decoding error into an *Error on the right line.
func xmlError(path string, content []byte, off int, err error) error {
	if se := (*xml.SyntaxError)(nil); errors.As(err, &se) {
		return errLine(path, se.Line, "invalid XML: %s", se.Msg)
	}
	return errAt(path, content, off, "invalid XML: %v", err)
}

// validUTF8 returns content, or a copy in which every byte that is not part
// of a valid UTF-8 sequence is replaced by '?', so offsets are unchanged.
func validUTF8(content []byte) []byte {
	if utf8.Valid(content) {
		return content
	}
	out := bytes.Clone(content)
	for i := 0; i < len(out); {
		r, n := utf8.DecodeRune(out[i:])
		if r == utf8.RuneError && n == 1 {
			out[i] = '?'
		}
		i += n
	}
	return out
}
