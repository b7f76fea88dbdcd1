package plan

import (
	"path"

	"github.com/releasebot/releasebot/internal/config"
)

// ReleaseBranch reports whether cfg makes branch a release branch of its
// own, besides the default branch: a pre-release channel (a name or a
// path.Match pattern of channels) or a maintenance branch (a pattern of
// maintenance-branches, <major> and <minor> standing for numbers).
func ReleaseBranch(cfg config.Config, branch string) bool {
	for pattern := range cfg.Channels {
		if ok, _ := path.Match(pattern, branch); ok || pattern == branch {
			return true
		}
	}
	for _, pattern := range cfg.MaintenanceBranches {
		if _, ok := matchRange(pattern, branch); ok {
			return true
		}
	}
	return false
}
