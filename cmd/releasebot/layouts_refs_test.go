package main

import (
	"os"
	"path/filepath"
	"strings"
)

// refLayouts are the ways git stores the refs: loose or packed, peeled or
// not, tags of tags and tags of other objects, HEAD in its states.
var refLayouts = []layout{
	{name: "packed-refs only", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "pack-refs", "--all")
		return c, nil
	}},
	{name: "packed-refs without peeled lines", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "pack-refs", "--all")
		k.editPackedRefs(c, func(line string) string {
			if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "^") {
				return ""
			}
			return line
		})
		return c, nil
	}},
	{name: "loose tag ref over a stale packed one", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "pack-refs", "--all")
		v1 := k.git(c, nil, "rev-parse", "v1.0.0^{commit}")
		v11 := k.git(c, nil, "rev-parse", "v1.1.0")
		k.editPackedRefs(c, func(line string) string {
			if strings.HasSuffix(line, " refs/tags/v1.1.0") {
				return v1 + " refs/tags/v1.1.0"
			}
			return line
		})
		k.write(filepath.Join(c, ".git", "refs", "tags", "v1.1.0"), v11+"\n")
		return c, nil
	}},
	{name: "nested annotated tags", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "tag", "-a", "-m", "inner", "inner-v1.1.0", "v1.1.0")
		k.git(c, nil, "tag", "-a", "-m", "middle", "middle-v1.1.0", "inner-v1.1.0")
		k.git(c, nil, "tag", "-f", "-a", "-m", "release 1.1.0", "v1.1.0", "middle-v1.1.0")
		k.git(c, nil, "tag", "-d", "inner-v1.1.0", "middle-v1.1.0")
		return c, nil
	}},
	{name: "tags on a tree and on a blob", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "tag", "v9.0.0", "HEAD^{tree}")
		k.git(c, nil, "tag", "-a", "-m", "a blob", "v9.1.0", "HEAD:README.md")
		k.git(c, nil, "tag", "tree-snapshot", "HEAD~2^{tree}")
		return c, nil
	}},
	{name: "HEAD a symbolic ref to a packed branch", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "pack-refs", "--all", "--prune")
		if _, err := os.Stat(filepath.Join(c, ".git", "refs", "heads", "main")); err == nil {
			k.t.Fatal("main is still a loose ref")
		}
		return c, nil
	}},
	{name: "HEAD a symbolic link", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		head := filepath.Join(c, ".git", "HEAD")
		if err := os.Remove(head); err != nil {
			k.t.Fatal(err)
		}
		if err := os.Symlink("refs/heads/main", head); err != nil {
			k.t.Fatal(err)
		}
		return c, nil
	}},
	{name: "many other refs (remotes, notes, stash)", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "notes", "add", "-m", "a note", "HEAD")
		k.write(filepath.Join(c, "README.md"), "# stashed\n")
		k.git(c, nil, "stash", "-q")
		k.git(c, nil, "update-ref", "refs/pull/7/head", "HEAD~1")
		return c, nil
	}},
	{name: "unborn branch", refuse: "no commits", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "symbolic-ref", "HEAD", "refs/heads/unborn")
		return c, nil
	}},
	{name: "refs in reftable (extensions.refStorage)", refuse: "reftable", noOracle: true,
		build: func(k *kit, dir string) (string, map[string]string) {
			// git 2.45 makes these with `git init --ref-format=reftable`;
			// the git at hand is older, so the configuration is written.
			c := k.clone(filepath.Join(dir, "c"), "--no-local")
			k.git(c, nil, "config", "core.repositoryFormatVersion", "1")
			k.git(c, nil, "config", "extensions.refStorage", "reftable")
			return c, nil
		}},
}

// editPackedRefs rewrites each line of checkout c's packed-refs with edit
// (dropping those it returns "" for).
func (k *kit) editPackedRefs(c string, edit func(string) string) {
	k.t.Helper()
	path := filepath.Join(c, ".git", "packed-refs")
	b, err := os.ReadFile(path)
	if err != nil {
		k.t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if l := edit(line); l != "" {
			out = append(out, l)
		}
	}
	k.write(path, strings.Join(out, "\n")+"\n")
}
