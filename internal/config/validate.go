package config

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/usererr"
)

// Patterns shared word for word with releasebot.schema.json (schema_test.go
// checks that they are identical).
const (
	// typePattern matches a commit type, a key of bump.
	typePattern = `^[A-Za-z][A-Za-z0-9_-]*$`
	// sectionKeyPattern matches "type" or "type(scope)", a key of sections.
	sectionKeyPattern = `^[A-Za-z][A-Za-z0-9_-]*(\([^()\x00-\x20\x7f:]+\))?$`
	// headingPattern matches a section heading: one line, no control
	// characters.
	headingPattern = `^[^\x00-\x1f\x7f]*$`
)

var (
	typeRE       = regexp.MustCompile(typePattern)
	sectionKeyRE = regexp.MustCompile(sectionKeyPattern)
	headingRE    = regexp.MustCompile(headingPattern)
)

// Validate checks the values of c as Parse does after decoding. It returns
// nil or a *usererr.Error (File c.Path, Line 0) for the first problem; use it after
// changing a Config, e.g. from command-line flags.
func (c Config) Validate() error {
	return validate(c, nil)
}

type validator struct {
	cfg  Config
	pos  positions
	errs []*usererr.Error
}

// validate checks c, taking lines from pos, and returns the problem found
// earliest in the file, or nil.
func validate(c Config, pos positions) error {
	v := &validator{cfg: c, pos: pos}
	v.tagPrefix()
	v.initialVersion()
	v.prerelease()
	v.path("version-file", c.VersionFile, true)
	v.versionFiles()
	v.breakingAtZero()
	v.bump()
	v.path("changelog.path", c.Changelog.Path, true)
	v.format()
	v.sections()
	v.distinctFiles()
	v.pullRequest()
	v.labels()
	v.channels()
	v.maintenance()
	v.packages()
	var first *usererr.Error
	for _, e := range v.errs {
		if first == nil || e.Line > 0 && (first.Line == 0 || e.Line < first.Line) {
			first = e
		}
	}
	if first == nil {
		return nil
	}
	return first
}

func (v *validator) fail(field string, atKey bool, format string, args ...any) {
	v.errs = append(v.errs, &usererr.Error{
		File:  v.cfg.Path,
		Line:  v.pos.line(field, atKey),
		Field: field,
		Msg:   fmt.Sprintf(format, args...),
	})
}

func (v *validator) tagPrefix() {
	if why := refProblem(v.cfg.TagPrefix); why != "" {
		v.fail("tag-prefix", false, "%q is not a usable tag prefix: %s", short(v.cfg.TagPrefix), why)
	}
}

// refProblem explains why git would refuse a tag name starting with p, or
// returns "" (see git check-ref-format).
func refProblem(p string) string {
	for _, r := range p {
		switch {
		case r == ' ':
			return "git tag names cannot contain spaces"
		case r < 0x20 || r == 0x7f:
			return "git tag names cannot contain control characters"
		case strings.ContainsRune(`~^:?*[\`, r):
			return fmt.Sprintf("git tag names cannot contain %q", r)
		}
	}
	for _, bad := range []string{"..", "@{", "//"} {
		if strings.Contains(p, bad) {
			return fmt.Sprintf("git tag names cannot contain %q", bad)
		}
	}
	switch {
	case strings.HasPrefix(p, "/") || strings.HasPrefix(p, "-"):
		return fmt.Sprintf("a tag name cannot start with %q", p[:1])
	case strings.HasPrefix(p, ".") || strings.Contains(p, "/."):
		return `no "/"-separated part of a tag name may start with "."`
	case strings.Contains(p, ".lock/"):
		return `no "/"-separated part of a tag name may end with ".lock"`
	}
	return ""
}

func (v *validator) initialVersion() {
	s := v.cfg.InitialVersion
	ver, err := semver.Parse(s)
	switch {
	case err != nil && hasVersionPrefix(s):
		v.fail("initial-version", false, "%q: write the version without a prefix, such as %q", short(s), s[1:])
	case err != nil && partialNumber.MatchString(s):
		v.fail("initial-version", false, "%q is not a full SemVer version; write %q", short(s), completeVersion(s))
	case err != nil:
		v.fail("initial-version", false, "not a SemVer version (MAJOR.MINOR.PATCH, such as 0.1.0): %v", err)
	case len(ver.Build) > 0:
		v.fail("initial-version", false, "%q has build metadata; write it without \"+%s\"",
			short(s), short(strings.Join(ver.Build, ".")))
	}
}

func hasVersionPrefix(s string) bool {
	if !strings.HasPrefix(s, "v") && !strings.HasPrefix(s, "V") {
		return false
	}
	_, err := semver.Parse(s[1:])
	return err == nil
}

func (v *validator) prerelease() {
	if why := prereleaseProblem(v.cfg.Prerelease); why != "" {
		v.fail("prerelease", false, "%s", why)
	}
}

// prereleaseProblem explains why s is not a pre-release identifier, or
// returns "" ("" itself is fine: stable releases).
func prereleaseProblem(s string) string {
	if s == "" {
		return ""
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-') {
			return fmt.Sprintf("%q is not a pre-release identifier: use only letters, digits and \"-\" (releasebot adds the \".N\" counter itself)", short(s))
		}
	}
	if strings.Trim(s, "0123456789") == "" {
		return fmt.Sprintf("%q is purely numeric; use a word such as rc, beta or alpha", short(s))
	}
	return ""
}

// path checks a repository-relative file path; "" is accepted when
// emptyOK (it disables the file).
func (v *validator) path(field, p string, emptyOK bool) {
	if p == "" && emptyOK {
		return
	}
	if why := pathProblem(p); why != "" {
		v.fail(field, false, "%s", why)
	}
}

// pathProblem explains why p is not a clean, repository-relative path
// with "/" separators, or returns "".
func pathProblem(p string) string {
	switch {
	case p == "":
		return "empty path"
	case strings.ContainsRune(p, '\\'):
		return fmt.Sprintf(`%q: separate directories with "/", not "\"`, short(p))
	case strings.ContainsRune(p, ':'):
		return fmt.Sprintf(`%q: ":" is not allowed in paths (drive letters and such are not portable)`, short(p))
	case strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return fmt.Sprintf("%q: control characters are not allowed in paths", short(p))
	case strings.HasPrefix(p, "/"):
		return fmt.Sprintf("%q: the path must be relative to the repository root, not absolute", short(p))
	}
	if p == ".git" || strings.HasPrefix(p, ".git/") {
		return fmt.Sprintf("%q: files inside .git are git's own; name a file of the work tree", short(p))
	}
	for _, seg := range strings.Split(p, "/") {
		switch seg {
		case "..":
			return fmt.Sprintf(`%q: ".." is not allowed; the path must stay inside the repository`, short(p))
		case ".", "":
			return fmt.Sprintf(`%q: the path must be clean (no "." parts, doubled or trailing "/")`, short(p))
		}
	}
	return ""
}

func (v *validator) versionFiles() {
	first := map[string]int{}
	for i, p := range v.cfg.VersionFiles {
		field := fmt.Sprintf("version-files[%d]", i)
		if p == "" {
			v.fail(field, false, "empty entry; remove it")
			continue
		}
		v.path(field, p, false)
		if j, dup := first[p]; dup {
			v.fail(field, false, "%q is listed twice (also version-files[%d])", short(p), j)
			continue
		}
		first[p] = i
	}
}

// distinctFiles refuses a file written twice by one release: the changelog
// and a version file, or the version file listed again in version-files.
func (v *validator) distinctFiles() {
	c := v.cfg
	if c.Changelog.Path != "" && c.Changelog.Path == c.VersionFile {
		v.fail("changelog.path", false, "%q is also the version-file; the changelog needs a file of its own", short(c.Changelog.Path))
	}
	for i, p := range c.VersionFiles {
		field := fmt.Sprintf("version-files[%d]", i)
		switch p {
		case c.Changelog.Path:
			v.fail(field, false, "%q is the changelog; a version file and the changelog must be different files", short(p))
		}
	}
}

func (v *validator) breakingAtZero() {
	if s := v.cfg.BreakingAtZero; !slices.Contains(BreakingAtZeroValues(), s) {
		v.fail("breaking-at-zero", false,
			"%q is not allowed; use minor (a breaking change raises 0.x.y to 0.(x+1).0) or major (it releases 1.0.0)", short(s))
	}
}

func (v *validator) bump() {
	for _, k := range slices.Sorted(maps.Keys(v.cfg.Bump)) {
		field := "bump." + k
		if !typeRE.MatchString(k) {
			v.fail(field, true, "%q is not a commit type: start with a letter, then letters, digits, \"-\" or \"_\"", short(k))
		}
		if l := v.cfg.Bump[k]; l < semver.None || l > semver.Major {
			v.fail(field, false, "level %d is out of range", int(l))
		}
	}
}

func (v *validator) format() {
	if f := v.cfg.Changelog.Format; !slices.Contains(Formats(), f) {
		v.fail("changelog.format", false, "%q is not a known format; use %s", short(f), orList(Formats()))
	}
}

func (v *validator) sections() {
	for _, k := range slices.Sorted(maps.Keys(v.cfg.Changelog.Sections)) {
		field := "changelog.sections." + k
		if !sectionKeyRE.MatchString(k) {
			v.fail(field, true, "%q is not a commit type or \"type(scope)\"", short(k))
		}
		if !headingRE.MatchString(v.cfg.Changelog.Sections[k]) {
			v.fail(field, false, "a section heading must be one line without control characters")
		}
	}
}

func (v *validator) pullRequest() {
	if t := v.cfg.PullRequest.Title; !strings.Contains(t, "${version}") {
		v.fail("pull-request.title", false, "%q does not hold ${version}; releasebot needs it to tell releases apart", short(t))
	} else if strings.ContainsAny(t, "\r\n") {
		v.fail("pull-request.title", false, "a title is one line")
	}
}

// labels checks the label names: GitHub takes 1 to 50 characters, and
// each name must mean one thing.
func (v *validator) labels() {
	l := v.cfg.Labels
	names := []struct{ field, name string }{
		{"labels.pending", l.Pending}, {"labels.tagged", l.Tagged}, {"labels.major", l.Major},
		{"labels.minor", l.Minor}, {"labels.patch", l.Patch}, {"labels.none", l.None},
	}
	first := map[string]string{}
	for _, n := range names {
		switch {
		case strings.TrimSpace(n.name) == "":
			v.fail(n.field, false, "a label name cannot be empty")
		case len([]rune(n.name)) > 50:
			v.fail(n.field, false, "%q is longer than the 50 characters GitHub allows", short(n.name))
		case first[strings.ToLower(n.name)] != "":
			v.fail(n.field, false, "%q is also %s; each label must mean one thing", short(n.name), first[strings.ToLower(n.name)])
		default:
			first[strings.ToLower(n.name)] = n.field
		}
	}
}

func (v *validator) channels() {
	for _, branch := range slices.Sorted(maps.Keys(v.cfg.Channels)) {
		field := "channels." + branch
		if _, err := path.Match(branch, "x"); err != nil || branch == "" {
			v.fail(field, true, "%q is not a branch name or pattern", short(branch))
			continue
		}
		if why := prereleaseProblem(v.cfg.Channels[branch]); why != "" {
			v.fail(field, false, "%s", why)
		}
	}
}

func (v *validator) maintenance() {
	for i, p := range v.cfg.MaintenanceBranches {
		field := fmt.Sprintf("maintenance-branches[%d]", i)
		if !strings.Contains(p, "<major>") {
			v.fail(field, false, "%q has no <major>; a maintenance pattern such as release/<major>.x says which versions the branch releases", short(p))
		} else if strings.Contains(p, "<minor>") && strings.Index(p, "<minor>") < strings.Index(p, "<major>") {
			v.fail(field, false, "%q puts <minor> before <major>", short(p))
		}
	}
}

func (v *validator) packages() {
	names := map[string]bool{}
	paths := map[string]bool{}
	for i, p := range v.cfg.Packages {
		field := fmt.Sprintf("packages[%d]", i)
		if p.Path == "" {
			v.fail(field, false, "a package needs a path: the directory it lives in, \".\" for the root")
			continue
		}
		if p.Path != "." {
			v.path(field+".path", p.Path, false)
		}
		if paths[p.Path] {
			v.fail(field+".path", false, "%q is listed twice", short(p.Path))
		}
		paths[p.Path] = true
		name := PackageName(p)
		if names[name] {
			v.fail(field+".name", false, "two packages are named %q; give them different names", short(name))
		}
		names[name] = true
		for j, f := range p.VersionFiles {
			v.path(fmt.Sprintf("%s.version-files[%d]", field, j), f, false)
		}
		if p.Changelog != "" {
			v.path(field+".changelog", p.Changelog, false)
		}
		if p.VersionFile != "" {
			v.path(field+".version-file", p.VersionFile, false)
		}
		if why := refProblem(p.TagPrefix); p.TagPrefix != "" && why != "" {
			v.fail(field+".tag-prefix", false, "%s", why)
		}
	}
	v.packageFiles()
	linked := map[string]int{}
	for i, group := range v.cfg.LinkedVersions {
		for j, name := range group {
			field := fmt.Sprintf("linked-versions[%d][%d]", i, j)
			g, seen := linked[name]
			switch {
			case !names[name]:
				v.fail(field, false, "%q is not the name of a package", short(name))
			case seen && g == i:
				v.fail(field, false, "%q is listed twice in this group", short(name))
			case seen:
				v.fail(field, false, "%q is in two linked groups", short(name))
			}
			linked[name] = i
		}
	}
	if s := v.cfg.SharedCommits; s != "root" && s != "all" && s != "none" {
		v.fail("shared-commits", false, "%q is not allowed; use root, all or none", short(s))
	}
}

// PackageName is a package's name: its name, else its path ("root" for ".").
func PackageName(p Package) string {
	switch {
	case p.Name != "":
		return p.Name
	case p.Path == ".":
		return "root"
	}
	return p.Path
}

// packageFiles refuses two packages with one tag prefix (their tags would
// mix) and a file written twice by one release of the packages.
func (v *validator) packageFiles() {
	if len(v.cfg.Packages) == 0 {
		return
	}
	hasRoot := false
	prefixes := map[string]string{}
	files := map[string]string{}
	for i, p := range v.cfg.Packages {
		field := fmt.Sprintf("packages[%d]", i)
		hasRoot = hasRoot || p.Path == "."
		prefix := EffectiveTagPrefix(v.cfg, p)
		if other, dup := prefixes[prefix]; dup {
			v.fail(field+".tag-prefix", false, "the tag prefix %q is also %s's; each package needs its own, or their tags mix", prefix, other)
		}
		prefixes[prefix] = PackageName(p)
		for _, f := range PackageFiles(v.cfg, p) {
			if other, dup := files[f]; dup {
				v.fail(field, false, "%s would be written twice (also by %s); give each file one role in one package", f, other)
			}
			files[f] = PackageName(p)
		}
	}
	if !hasRoot && len(v.cfg.VersionFiles) > 0 {
		v.fail("version-files", false, "with packages, version-files applies to the root package (path \".\"), which is not listed; list the files under each package's version-files")
	}
}

// EffectiveTagPrefix is a package's tag prefix: its own, else the global
// tag-prefix for the root package and "<path>/v" for the others.
func EffectiveTagPrefix(cfg Config, p Package) string {
	switch {
	case p.TagPrefix != "":
		return p.TagPrefix
	case p.Path == ".":
		return cfg.TagPrefix
	}
	return p.Path + "/v"
}

// PackageFiles are the repository-relative files a package's release
// writes: its version file, its changelog and its version files (the root
// package also takes the global version-files).
func PackageFiles(cfg Config, p Package) []string {
	var out []string
	add := func(f string) {
		if f != "" {
			out = append(out, path.Join(p.Path, f))
		}
	}
	add(firstOf(p.VersionFile, cfg.VersionFile))
	add(firstOf(p.Changelog, cfg.Changelog.Path))
	for _, f := range p.VersionFiles {
		add(f)
	}
	if p.Path == "." {
		for _, f := range cfg.VersionFiles {
			add(f)
		}
	}
	return out
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// partialNumber matches a version with one or two numbers: "1", "1.0".
var partialNumber = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// completeVersion pads a version of one or two numbers to three: 1.0 ->
// 1.0.0. Other text is returned unchanged.
func completeVersion(s string) string {
	if !partialNumber.MatchString(s) {
		return s
	}
	return s + strings.Repeat(".0", 2-strings.Count(s, "."))
}
