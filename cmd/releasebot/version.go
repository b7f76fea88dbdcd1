package main

import (
	"runtime/debug"
	"strings"
)

// versionOf is what --version prints: the version injected at build time
// (-X main.version=1.2.3, as release builds do), else the module's version
// from the build information (go install .../cmd/releasebot@v1.2.3 gives
// 1.2.3; a build in a git checkout may get a pseudo-version), else
// "(devel)" with the commit when the build recorded one. A leading "v" is
// dropped, so every build of one release prints the same.
func versionOf(injected string, bi *debug.BuildInfo) string {
	if injected != "" {
		return strings.TrimPrefix(injected, "v")
	}
	if bi != nil && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return strings.TrimPrefix(bi.Main.Version, "v")
	}
	out := "(devel)"
	if bi == nil {
		return out
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		out += " " + rev
		if modified == "true" {
			out += "-dirty"
		}
	}
	return out
}
