package plan

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/semver"
)

var moduleLine = regexp.MustCompile(`(?m)^\s*module\s+"?([^"\s]+)"?`)

// holdGoModule keeps a Go module from a v2+ tag that Go tooling would
// refuse: the module path must end in /vN for version N.y.z, N >= 2. The
// plan is then blocked, with a warning saying which files to change.
func holdGoModule(in Input, p *release.Plan) {
	if !p.Releasable || p.Next.Major < 2 || in.Read == nil {
		return
	}
	if why := GoModuleProblem(in.Dir, p.Next, in.Read); why != "" {
		p.Warnings = append(p.Warnings, why)
		p.Blocked = why
	}
}

// GoModuleProblem explains why version cannot be tagged for the Go module
// in dir ("" or "." for the root), or returns "" when it can (or dir holds
// no go.mod).
func GoModuleProblem(dir string, version semver.Version, read func(string) ([]byte, error)) string {
	if version.Major < 2 {
		return ""
	}
	if dir == "" {
		dir = "."
	}
	gomod := path.Join(dir, "go.mod")
	content, err := read(gomod)
	if err != nil {
		return "" // not a Go module (or unreadable: nothing to check)
	}
	m := moduleLine.FindSubmatch(content)
	if m == nil {
		return ""
	}
	module, major := string(m[1]), strconv.FormatUint(version.Major, 10)
	if strings.HasPrefix(module, "gopkg.in/") {
		// gopkg.in paths carry the major version as .vN.
		base, _, _ := strings.Cut(module, ".v")
		if strings.HasSuffix(module, ".v"+major) {
			return ""
		}
		return fmt.Sprintf("Go refuses a v%s tag (%s) of the module %s: change the module line of %s to %q and the imports of %s; until then releasebot does not tag it",
			major, version, module, gomod, "module "+base+".v"+major, module)
	}
	suffix := "/v" + major
	if strings.HasSuffix(module, suffix) {
		return ""
	}
	want := strings.TrimSuffix(module, "/v"+strconv.FormatUint(version.Major-1, 10)) + suffix
	return fmt.Sprintf("Go refuses a v%d tag (%s) of the module %s: change the module line of %s to %q and the imports of %s in the module's .go files; until then releasebot does not tag it",
		version.Major, version, module, gomod, "module "+want, module)
}
