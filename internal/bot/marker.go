package bot

import (
	"encoding/json"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Marker is the machine-readable state releasebot keeps, hidden in an HTML
// comment, at the end of a release pull request's body.
type Marker struct {
	Version string `json:"version"`
	Tag     string `json:"tag"`
	// Base is the target branch's commit the release was computed on.
	Base string `json:"base"`
	// Commit is the commit releasebot put on the release branch.
	Commit string `json:"commit"`
	// Generated is the commit of releasebot's own files below Commit when
	// Commit keeps people's edits ("" when Commit is that commit): what
	// the next run compares the branch with to find their edits.
	Generated string `json:"generated,omitempty"`
	// Pin is the version people set in a version file on the release
	// branch, which the release keeps until they change it again.
	Pin string `json:"pin,omitempty"`
	// Late, on a merged pull request, holds the entries of the changes
	// merged after its last refresh that its release published: the next
	// release pull request adds them to this release's changelog section.
	Late string `json:"late,omitempty"`
	// Digest identifies the release's content (files, title, level), so
	// that a run which would change nothing writes nothing.
	Digest string `json:"digest"`
	// Held is set by releasebot before edits were kept; it is read and
	// ignored.
	Held bool `json:"held,omitempty"`
	// Packages lists the releases of a multi-package pull request; Version
	// and Tag are then the first one's.
	Packages []MarkerPackage `json:"packages,omitempty"`
}

// MarkerPackage is one package's release in a marker.
type MarkerPackage struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	Tag       string `json:"tag"`
	Changelog string `json:"changelog,omitempty"`
	// Dir is the package's directory, where its go.mod would be.
	Dir string `json:"dir,omitempty"`
}

const markerPrefix = "<!-- releasebot:release "

var markerRE = regexp.MustCompile(`<!-- releasebot:release (\{[^\n]*?\}) -->`)

// String renders the marker as the HTML comment.
func (m Marker) String() string {
	b, _ := json.Marshal(m)
	return markerPrefix + string(b) + " -->"
}

// ParseMarker finds the marker in a pull request body; ok is false when
// there is none or it cannot be read (someone edited it).
func ParseMarker(body string) (m Marker, ok bool) {
	found := markerRE.FindAllStringSubmatch(body, -1)
	if len(found) == 0 {
		return Marker{}, false
	}
	if err := json.Unmarshal([]byte(found[len(found)-1][1]), &m); err != nil || m.Version == "" || m.Tag == "" {
		return Marker{}, false
	}
	return m, true
}

// maxBody is GitHub's limit on pull request and release bodies.
const maxBody = 65536

// truncate keeps body within GitHub's limit, ending with a note that links
// the full notes, and keeps tail (the marker) whole at the end.
func truncate(body, tail, link string) string {
	if len(body)+len(tail) <= maxBody {
		return body + tail
	}
	note := "\n\n…the notes are cut here to fit GitHub's limit; read them in full in the changelog"
	if link != "" {
		note += ": " + link
	}
	note += ".\n"
	keep := max(maxBody-len(tail)-len(note), 0)
	for keep > 0 && !utf8.RuneStart(body[keep]) {
		keep-- // never cut inside a UTF-8 sequence
	}
	cut := body[:keep]
	if i := strings.LastIndexByte(cut, '\n'); i > 0 {
		cut = cut[:i] // and preferably at a line end
	}
	return cut + note + tail
}
