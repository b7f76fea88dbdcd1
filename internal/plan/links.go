package plan

import (
	"regexp"

	"github.com/releasebot/releasebot/internal/release"
)

// linkRef matches a changelog link reference to a comparison or a release
// tag on a GitHub host: "[1.2.3]: https://host/owner/repo/compare/...".
var linkRef = regexp.MustCompile(`(?m)^\[[^\]]+\]:\s*(https?://[^/\s]+/[^/\s]+/[^/\s]+)/(?:compare|releases/tag)/\S+`)

// remoteFromLinks finds the repository's web address in a changelog's own
// link references, so that a checkout without an origin remote still keeps
// them up to date. It is empty when the changelog has none.
func remoteFromLinks(changelog []byte) release.Remote {
	m := linkRef.FindSubmatch(changelog)
	if m == nil {
		return release.Remote{}
	}
	r, _ := release.ParseRemote(string(m[1]))
	return r
}
