package plan

import "github.com/releasebot/releasebot/internal/release"

// State is where a component stands: the commit a release is computed on,
// the last release and the commits since it. history.Load produces it from
// the local checkout or the GitHub API alike.
type State struct {
	Head string
	release.History
	// CurrentTag and StableTag name the tags of Current and Stable, "" when
	// they did not come from a tag.
	CurrentTag, StableTag string
	// FromVersionFile is true when Current was read from the version file.
	FromVersionFile bool
	// Tags are every version tag of the repository, highest first.
	Tags []release.TaggedVersion
	// Warnings are things about the history the user should know (a
	// release tagged under another prefix); plans repeat them.
	Warnings []string
}
