package prepare

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/releasebot/releasebot/internal/release"
)

var moduleLine = regexp.MustCompile(`(?m)^\s*module\s+"?([^"\s]+)"?`)

// holdGoModule keeps a Go module from a v2+ tag that Go tooling would
// refuse: the module path must end in /vN for version N.y.z, N >= 2. The
// release is then held, with a warning saying which files to change.
func holdGoModule(in Input, p *release.Plan) {
	if !p.Releasable || p.Next.Major < 2 || in.Read == nil {
		return
	}
	dir := in.Dir
	if dir == "" {
		dir = "."
	}
	gomod := path.Join(dir, "go.mod")
	content, err := in.Read(gomod)
	if err != nil {
		return // not a Go module (or unreadable: nothing to check)
	}
	m := moduleLine.FindSubmatch(content)
	if m == nil {
		return
	}
	module, suffix := string(m[1]), "/v"+strconv.FormatUint(p.Next.Major, 10)
	if strings.HasSuffix(module, suffix) {
		return
	}
	want := strings.TrimSuffix(module, "/v"+strconv.FormatUint(p.Next.Major-1, 10)) + suffix
	p.Warnings = append(p.Warnings, fmt.Sprintf(
		"%s would be released as %s, but Go refuses v%d tags of the module %s: change the module line of %s to %q and the imports of %s in the module's .go files, then the release goes ahead",
		gomod, p.Next, p.Next.Major, module, gomod, "module "+want, module))
	p.Releasable = false
}
