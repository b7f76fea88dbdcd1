package history_test

// scenario is a repository built with git and the configurations it is
// loaded with; probe are paths read and stat'ed on top of the trees' own.
// The readers must agree; so that agreeing on nothing cannot pass, tags
// is how many tags there are, files what some paths read at the tip, and
// loads what Load finds with each configuration: "name=current" for each
// component ("" for the repository), or "error: " and part of the message.
type scenario struct {
	name    string
	build   func(r *gitRepo)
	configs []string
	loads   []string
	probe   []string
	tags    int
	files   map[string]string
}

// scenarios cover what the two readers could disagree on: where the
// version comes from, tag kinds and placement, merges, packages, and file
// kinds (executable, links, nested directories, renames, mode changes).
var scenarios = []scenario{
	{
		name:    "no tags, version file",
		build:   buildVersionFile,
		configs: []string{"", "version-file: VERSION\n", "version-file: meta/VERSION\n", "version-file: \"\"\n"},
		loads:   []string{"=1.4.0", "=1.4.0", "=2.0.0-beta.1", "=none"},
		files:   map[string]string{"VERSION": "1.4.0\n", "src/forked.go": "package main\n"},
		probe:   []string{"VERSION", "nope.txt", "src", "src/nope"},
	},
	{
		name:  "tags",
		build: buildTags,
		configs: []string{"", "tag-prefix: \"\"\n", "prerelease: rc\n",
			"tag-prefix: release-\n"},
		loads: []string{"=1.2.0-rc.1", "=1.9.0", "=1.2.0-rc.1", "=1.1.0"},
		tags:  9,
		files: map[string]string{"VERSION": "0.9.0\n", "nav/map.go": "package nav\n\n// North is up.\n"},
		probe: []string{"VERSION", "CHANGELOG.md", "side.txt", "orphan.txt"},
	},
	{
		name:  "packages",
		build: buildPackages,
		configs: []string{
			"packages:\n  - path: a\n  - path: b\n",
			"packages:\n  - path: a\n  - path: b\nshared-commits: all\n",
			"packages:\n  - path: a\n  - path: b\nshared-commits: none\n",
			"packages:\n  - path: .\n  - path: a\n  - path: b\n",
			"packages:\n  - path: a\n  - path: b\n  - path: c\n",
		},
		loads: []string{"a=0.1.0 b=0.4.0", "a=0.1.0 b=0.4.0", "a=0.1.0 b=0.4.0", "root=none a=0.1.0 b=0.4.0",
			`error: "c" does not exist`},
		tags:  1,
		files: map[string]string{"b/VERSION": "0.4.0\n", "b/topic.go": "package b\n"},
		probe: []string{"a", "b", "c", "a/VERSION", "b/VERSION", "c/VERSION"},
	},
	{
		name:  "files",
		build: buildFiles,
		configs: []string{"", "version-file: meta/VERSION\n", "version-file: docs/latest/deep/renamed.md\n", "version-file: chain\n",
			"version-file: dangling\n", "version-file: vendor/lib\n"},
		loads: []string{"=0.3.0", "=0.3.0", "=0.3.0", "=0.3.0", "=none", "error: is a submodule"},
		files: map[string]string{"VERSION": "0.3.0\n", "chain": "0.3.0\n", "docs/latest/deep/renamed.md": "0.3.0\n",
			"notes/a.md": "a\n", "bin/run.sh": "#!/bin/sh\necho 0.3.1\n"},
		probe: []string{"VERSION", "meta/VERSION", "bin/run.sh", "docs/latest", "docs/latest/deep/guide.md",
			"docs/latest/deep/renamed.md", "docs/guide/deep/guide.md", "docs/guide/deep/renamed.md", "escape", "absolute",
			"chain", "dangling", "vendor/lib", "vendor/lib/x", "notes", "notes/a.md", "bin/run.sh/x", "VERSION/x",
			".git/config", "../outside", "meta/../VERSION", "/VERSION", "meta//VERSION", "meta/"},
	},
}

// buildVersionFile: no tag; the version file is set half-way, and a
// feature branch forked before it is merged after it.
func buildVersionFile(r *gitRepo) {
	r.change("chore: initial commit", map[string]string{"README.md": "# rocket\n", "src/main.go": "package main\n"})
	r.git("branch", "early")
	r.change("feat: early feature", map[string]string{"src/early.go": "package main\n"})
	r.change("chore: release 1.4.0", map[string]string{"VERSION": "1.4.0\n", "meta/VERSION": "2.0.0-beta.1\n"})
	r.change("fix: later fix", map[string]string{"src/fix.go": "package main\n"})
	r.git("checkout", "-q", "early")
	r.change("feat: forked before the version", map[string]string{"src/forked.go": "package main\n"})
	r.git("checkout", "-q", "main")
	r.change("docs: readme", map[string]string{"README.md": "# rocket\n\nFast.\n"})
	r.merge("early")
	r.change("feat: after the merge", map[string]string{"src/after.go": "package main\n"})
}

// buildTags: annotated and lightweight tags, a pre-release after a stable
// release, a merged feature branch, tags off HEAD's history (a side branch
// and an unrelated orphan history) and tags of other namings.
func buildTags(r *gitRepo) {
	r.change("chore: initial commit", map[string]string{"README.md": "# rocket\n", "VERSION": "0.9.0\n"})
	r.tag("v1.0.0", "HEAD", true)
	r.change("feat: thrust", map[string]string{"thrust.go": "package rocket\n"})
	r.tag("1.0.5", "HEAD", false)
	r.change("fix: fuel leak", map[string]string{"fuel.go": "package rocket\n"})
	r.tag("v1.1.0", "HEAD", false)
	r.tag("release-1.1.0", "HEAD", true)
	r.git("checkout", "-q", "-b", "side")
	r.change("feat: side quest", map[string]string{"side.txt": "side\n"})
	r.tag("v9.0.0", "HEAD", true)
	r.tag("2.0.0", "HEAD", false)
	r.git("checkout", "-q", "main")
	r.change("feat: staging", map[string]string{"stage.go": "package rocket\n"})
	r.tag("v1.2.0-rc.1", "HEAD", true)
	r.git("checkout", "-q", "-b", "feature")
	r.change("feat(nav): star map", map[string]string{"nav/map.go": "package nav\n"})
	r.change("fix(nav): north is up", map[string]string{"nav/map.go": "package nav\n\n// North is up.\n"})
	r.git("checkout", "-q", "main")
	r.change("fix: hull\n\nBREAKING CHANGE: the hull is round", map[string]string{"hull.go": "package rocket\n"})
	r.tag("1.9.0", "HEAD", false)
	r.merge("feature")
	r.change("perf: lighter", map[string]string{"thrust.go": "package rocket\n\n// lighter\n"})
	r.git("checkout", "-q", "--orphan", "orphan")
	r.git("rm", "-q", "-r", "--cached", ".")
	r.git("clean", "-q", "-f", "-d")
	r.change("chore: unrelated history", map[string]string{"orphan.txt": "orphan\n"})
	r.tag("v20.0.0", "HEAD", true)
	r.git("checkout", "-q", "-f", "main")
}

// buildPackages: two packages and commits touching a, b, both and neither.
func buildPackages(r *gitRepo) {
	r.change("chore: initial commit", map[string]string{"README.md": "# mono\n", "a/a.go": "package a\n", "b/b.go": "package b\n"})
	r.change("feat(a): alpha", map[string]string{"a/alpha.go": "package a\n"})
	r.change("fix(b): beta", map[string]string{"b/beta.go": "package b\n", "b/VERSION": "0.4.0\n"})
	r.tag("a/v0.1.0", "HEAD", true)
	r.change("feat: both", map[string]string{"a/both.go": "package a\n", "b/both.go": "package b\n"})
	r.change("docs: neither", map[string]string{"README.md": "# mono\n\nTwo packages.\n"})
	r.commit("chore: empty")
	r.git("checkout", "-q", "-b", "topic")
	r.change("fix(b): on a branch", map[string]string{"b/topic.go": "package b\n"})
	r.git("checkout", "-q", "main")
	r.change("fix(a): gamma", map[string]string{"a/gamma.go": "package a\n"})
	r.merge("topic")
}

// buildFiles: an executable script, links inside and outside the
// repository, nested directories, then a mode change, a rename, a file
// replaced by a directory, a deletion, an empty commit and a submodule.
func buildFiles(r *gitRepo) {
	r.writeMode("bin/run.sh", "#!/bin/sh\necho 0.3.0\n", 0o755)
	r.write(map[string]string{"meta/VERSION": "0.3.0\n", "docs/guide/deep/guide.md": "0.3.0\n", "notes": "a file\n", "gone.txt": "soon gone\n"})
	r.link("VERSION", "meta/VERSION")
	r.link("docs/latest", "guide")
	r.link("escape", "../outside/VERSION")
	r.link("absolute", "/etc/hostname")
	r.link("chain", "VERSION")
	r.link("dangling", "meta/missing")
	r.commit("chore: initial commit")
	r.writeMode("docs/guide/deep/guide.md", "0.3.0\n", 0o755)
	r.commit("chore: make the guide executable")
	r.git("mv", "docs/guide/deep/guide.md", "docs/guide/deep/renamed.md")
	r.commit("refactor: rename the guide")
	r.git("rm", "-q", "notes")
	r.write(map[string]string{"notes/a.md": "a\n"})
	r.commit("feat: notes are a directory")
	r.git("rm", "-q", "gone.txt")
	r.commit("fix: remove gone.txt")
	r.commit("chore: empty")
	r.writeMode("bin/run.sh", "#!/bin/sh\necho 0.3.1\n", 0o755)
	r.commit("fix: bump the script")
	// Last: a later "git add -A" would drop the gitlink, which has no
	// directory in the work tree.
	r.git("update-index", "--add", "--cacheinfo", "160000,"+r.git("rev-parse", "HEAD")+",vendor/lib")
	r.clock++
	r.git("commit", "-q", "-m", "chore: vendor a submodule")
}
