package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// commitPaths commits msg changing the given files.
func (r *repo) commitPaths(msg string, paths ...string) {
	r.t.Helper()
	for _, p := range paths {
		r.write(p, msg+"\n")
	}
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
}

func multiRepo(t *testing.T, yml string) *repo {
	r := newRepo(t)
	r.write(".github/releasebot.yml", yml)
	r.write("sdk/go/go.mod", "module example.com/rocket/sdk/go\n\ngo 1.22\n")
	r.commitPaths("chore: init", "README.md", "sdk/go/sdk.go", "web/index.js")
	r.tag("v1.0.0")
	r.tag("sdk/go/v0.3.0")
	return r
}

const twoPackages = "packages:\n  - path: .\n  - path: sdk/go\n    name: gosdk\n"

func TestPackagesCountTheirOwnCommits(t *testing.T) {
	r := multiRepo(t, twoPackages)
	r.commitPaths("feat(sdk): add a client (#3)", "sdk/go/client.go")
	if got := r.next(); got != "root 1.0.0\ngosdk 0.4.0" {
		t.Fatalf("next:\n%s", got)
	}
	r.commitPaths("fix: typo in the readme", "README.md")
	r.commitPaths("fix: both at once", "web/index.js", "sdk/go/sdk.go")
	if got := r.next(); got != "root 1.0.1\ngosdk 0.4.0" {
		t.Fatalf("next:\n%s", got)
	}
	res := r.releasebot("next", "--json")
	var out struct {
		Packages []struct {
			Name, Path, Tag, Bump string
			Next                  *string
			Releasable            bool
			Commits               []struct{ Description string }
		}
	}
	if err := json.Unmarshal([]byte(res.stdout), &out); err != nil || len(out.Packages) != 2 {
		t.Fatalf("%v\n%s", err, res.stdout)
	}
	sdk := out.Packages[1]
	if sdk.Name != "gosdk" || sdk.Path != "sdk/go" || sdk.Tag != "sdk/go/v0.4.0" || sdk.Bump != "minor" || len(sdk.Commits) != 2 {
		t.Errorf("gosdk entry %+v", sdk)
	}
}

func TestPackagesBumpAndTag(t *testing.T) {
	r := multiRepo(t, twoPackages)
	r.commitPaths("feat(sdk): add a client (#3)", "sdk/go/client.go")
	r.commitPaths("fix: readme", "README.md")
	res := r.releasebot("bump", "--tag")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if got := r.read("sdk/go/VERSION"); got != "0.4.0\n" {
		t.Errorf("sdk/go/VERSION = %q", got)
	}
	if cl := r.read("sdk/go/CHANGELOG.md"); !strings.Contains(cl, "## [0.4.0]") || strings.Contains(cl, "readme") {
		t.Errorf("sdk/go/CHANGELOG.md:\n%s", cl)
	}
	if cl := r.read("CHANGELOG.md"); !strings.Contains(cl, "## [1.0.1]") || strings.Contains(cl, "client") {
		t.Errorf("CHANGELOG.md:\n%s", cl)
	}
	tags := r.git("tag", "--points-at", "HEAD")
	if !strings.Contains(tags, "sdk/go/v0.4.0") || !strings.Contains(tags, "v1.0.1") {
		t.Errorf("tags at HEAD: %q", tags)
	}
	if msg := r.git("log", "-1", "--format=%s"); msg != "chore(release): root 1.0.1, gosdk 0.4.0" {
		t.Errorf("commit %q", msg)
	}
	if got := r.next(); got != "root 1.0.1\ngosdk 0.4.0" {
		t.Errorf("after the release:\n%s", got)
	}
}

func TestLinkedVersions(t *testing.T) {
	r := multiRepo(t, "packages:\n  - path: web\n  - path: api\nlinked-versions:\n  - [web, api]\n")
	r.tag("web/v2.1.0")
	r.tag("api/v2.0.4")
	r.commitPaths("fix(web): button", "web/index.js")
	if got := r.next(); got != "web 2.1.1\napi 2.1.1" {
		t.Errorf("linked:\n%s", got)
	}
}

func TestGoModuleMajorIsHeld(t *testing.T) {
	r := multiRepo(t, twoPackages)
	r.tag("sdk/go/v1.4.0")
	r.commitPaths("feat(sdk)!: new client API", "sdk/go/client.go")
	res := r.releasebot("next")
	if !strings.Contains(res.stdout, "gosdk 2.0.0") || !strings.Contains(res.stderr, `module example.com/rocket/sdk/go/v2`) || !strings.Contains(res.stderr, "sdk/go/go.mod") {
		t.Errorf("stdout %q stderr %q", res.stdout, res.stderr)
	}
	res = r.releasebot("bump", "--tag")
	if res.code != exitFailure || !strings.Contains(res.stderr, "not tagging sdk/go/v2.0.0") {
		t.Errorf("bump --tag: exit %d %q", res.code, res.stderr)
	}
	if out := r.git("status", "--porcelain"); out != "" {
		t.Errorf("a refused bump wrote files:\n%s", out)
	}
	r.write("sdk/go/go.mod", "module example.com/rocket/sdk/go/v2\n\ngo 1.22\n")
	r.commitPaths("chore(sdk): move to v2", "sdk/go/go.mod")
	if got := r.next(); !strings.Contains(got, "gosdk 2.0.0") {
		t.Errorf("after the module path change:\n%s", got)
	}
}

func TestSharedCommits(t *testing.T) {
	r := multiRepo(t, "packages:\n  - path: web\n  - path: sdk/go\n    name: gosdk\nshared-commits: all\n")
	r.tag("web/v0.1.0")
	r.commitPaths("fix: shared tooling", "tools/lint.sh")
	if got := r.next(); got != "web 0.1.1\ngosdk 0.3.1" {
		t.Errorf("shared: all:\n%s", got)
	}
	r.write(".github/releasebot.yml", "packages:\n  - path: web\n  - path: sdk/go\n    name: gosdk\nshared-commits: none\n")
	if got := r.next(); got != "web 0.1.0\ngosdk 0.3.0" {
		t.Errorf("shared: none:\n%s", got)
	}
}

func TestLinkedVersionsComeBackTogether(t *testing.T) {
	r := multiRepo(t, "packages:\n  - path: web\n  - path: api\nlinked-versions:\n  - [web, api]\n")
	r.tag("web/v1.0.0")
	r.tag("api/v1.2.0")
	r.commitPaths("fix(web): button", "web/index.js")
	if got := r.next(); got != "web 1.2.1\napi 1.2.1" {
		t.Errorf("linked out of step:\n%s", got)
	}
}

func TestDescribePackages(t *testing.T) {
	r := multiRepo(t, twoPackages)
	if got := strings.TrimSpace(r.releasebot("describe").stdout); got != "root 1.0.0\ngosdk 0.3.0" {
		t.Errorf("at the tags:\n%s", got)
	}
	r.commitPaths("feat(sdk): add a client", "sdk/go/client.go")
	head := r.git("rev-parse", "HEAD")
	want := "root 1.0.0\ngosdk 0.4.0-dev.1+" + head[:7]
	if got := strings.TrimSpace(r.releasebot("describe").stdout); got != want {
		t.Errorf("describe:\n%s\nwant\n%s", got, want)
	}
}

// A package path that is nowhere is a configuration mistake, said with the
// field, not a package with no release.
func TestPackagePathThatDoesNotExist(t *testing.T) {
	r := newRepo(t)
	r.write(".github/releasebot.yml", "packages:\n  - path: web\n  - path: nope\n")
	r.write("web/index.js", "x")
	r.commit("fix(web): a")
	res := r.releasebot("plan")
	if res.code != 2 || !strings.Contains(res.stderr, `packages[1].path: "nope" does not exist`) {
		t.Errorf("plan: exit %d, stderr %q; want exit 2 naming packages[1].path", res.code, res.stderr)
	}
}

// A Go module that needs a /vN path holds its own release only: the other
// packages are released, and the held one is named on stderr.
func TestGoModuleMajorHoldsOnlyItsPackage(t *testing.T) {
	r := multiRepo(t, "packages:\n  - path: web\n  - path: sdk/go\n    name: gosdk\n")
	r.tag("sdk/go/v1.4.0")
	r.tag("web/v0.3.0")
	r.commitPaths("feat(sdk)!: new client API", "sdk/go/client.go")
	r.commitPaths("fix(web): button", "web/index.js")
	res := r.releasebot("bump", "--tag")
	if res.code != 0 || !strings.Contains(res.stderr, "warning: not tagging sdk/go/v2.0.0") || !strings.Contains(res.stdout, "tagged web/v0.3.1") {
		t.Fatalf("bump --tag: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if tags := r.git("tag", "--points-at", "HEAD"); tags != "web/v0.3.1" {
		t.Errorf("tags on the release commit: %q, want only web/v0.3.1", tags)
	}
	if files := r.git("show", "--name-only", "--format=", "HEAD"); strings.Contains(files, "sdk/go") {
		t.Errorf("the release commit wrote the held package's files:\n%s", files)
	}
}
