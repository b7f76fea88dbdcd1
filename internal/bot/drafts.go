package bot

import "github.com/releasebot/releasebot/internal/repohost"

// publishedVerb says what publishing did to a release: a draft is only
// drafted, visible to the repository's maintainers until one publishes it.
func publishedVerb(r repohost.Release) string {
	if r.Draft {
		return "drafted"
	}
	return "published"
}

// releaseKind names a release in the log: "draft release" or "release".
func releaseKind(r repohost.Release) string {
	if r.Draft {
		return "draft release"
	}
	return "release"
}
