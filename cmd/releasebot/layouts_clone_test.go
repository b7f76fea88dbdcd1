package main

import (
	"os"
	"path/filepath"
	"strings"
)

// cloneLayouts are clones, and the ways clones share objects with other
// repositories (objects/info/alternates), as CI caches make them.
var cloneLayouts = []layout{
	{name: "clone --no-local", build: func(k *kit, dir string) (string, map[string]string) {
		return k.clone(filepath.Join(dir, "c"), "--no-local"), nil
	}},
	{name: "clone of a local path (hard links)", build: func(k *kit, dir string) (string, map[string]string) {
		return k.clone(filepath.Join(dir, "c")), nil
	}},
	{name: "clone --single-branch", build: func(k *kit, dir string) (string, map[string]string) {
		return k.clone(filepath.Join(dir, "c"), "--no-local", "--single-branch"), nil
	}},
	{name: "clone --shared", build: func(k *kit, dir string) (string, map[string]string) {
		return k.clone(filepath.Join(dir, "c"), "--shared"), nil
	}},
	{name: "clone --reference", build: func(k *kit, dir string) (string, map[string]string) {
		ref := filepath.Join(dir, "ref.git")
		k.git(dir, nil, "clone", "-q", "--bare", "--no-local", k.base, ref)
		return k.clone(filepath.Join(dir, "c"), "--no-local", "--reference", ref), nil
	}},
	{name: "clone --reference --dissociate", build: func(k *kit, dir string) (string, map[string]string) {
		ref := filepath.Join(dir, "ref.git")
		k.git(dir, nil, "clone", "-q", "--bare", "--no-local", k.base, ref)
		return k.clone(filepath.Join(dir, "c"), "--no-local", "--reference", ref, "--dissociate"), nil
	}},
	{name: "clone --shared of a clone --shared (alternates two deep)", build: func(k *kit, dir string) (string, map[string]string) {
		a, b := filepath.Join(dir, "a.git"), filepath.Join(dir, "b.git")
		k.git(dir, nil, "clone", "-q", "--bare", "--no-local", k.base, a)
		k.git(dir, nil, "clone", "-q", "--bare", "--shared", a, b)
		return k.cloneFrom(b, filepath.Join(dir, "c"), "--shared"), nil
	}},
	{name: "objects split over a chain of alternates", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		old, recent := filepath.Join(dir, "old"), filepath.Join(dir, "recent")
		k.packObjects(c, old, "v1.0.0")
		k.packObjects(c, recent, "--all", "--not", "v1.0.0")
		k.write(filepath.Join(recent, "info", "alternates"), old+"\n")
		k.emptyObjects(c, recent+"\n")
		return c, nil
	}},
	{name: "alternates three deep", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		s1, s2, s3 := filepath.Join(dir, "s1"), filepath.Join(dir, "s2"), filepath.Join(dir, "s3")
		k.packObjects(c, s1, "v1.0.0")
		k.packObjects(c, s2, "v1.1.0", "--not", "v1.0.0")
		k.packObjects(c, s3, "--all", "--not", "v1.1.0")
		k.write(filepath.Join(s2, "info", "alternates"), s1+"\n")
		k.write(filepath.Join(s3, "info", "alternates"), s2+"\n")
		k.emptyObjects(c, s3+"\n")
		return c, nil
	}},
	{name: "relative alternates path", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--shared")
		// Relative to the objects directory, as git reads it.
		k.write(filepath.Join(c, ".git", "objects", "info", "alternates"), "../../../../base/.git/objects\n")
		return c, nil
	}},
	{name: "relative paths in a chain of alternates", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		old, recent := filepath.Join(dir, "store", "old"), filepath.Join(dir, "store", "recent")
		k.packObjects(c, old, "v1.1.0")
		k.packObjects(c, recent, "--all", "--not", "v1.1.0")
		k.write(filepath.Join(recent, "info", "alternates"), "../old\n")
		k.emptyObjects(c, "../../../store/recent\n")
		return c, nil
	}},
	{name: "alternates file with comments and blank lines", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--shared")
		k.write(filepath.Join(c, ".git", "objects", "info", "alternates"),
			"# the CI cache\n\n"+filepath.Join(k.base, ".git", "objects")+"\n\n# end\n")
		return c, nil
	}},
	{name: "alternates listing a missing directory first", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--shared")
		k.write(filepath.Join(c, ".git", "objects", "info", "alternates"),
			filepath.Join(dir, "gone", "objects")+"\n"+filepath.Join(k.base, ".git", "objects")+"\n")
		return c, nil
	}},
	{name: "alternates path quoted, with a space", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		store := filepath.Join(dir, "cache dir", "objects")
		k.packObjects(c, store, "--all")
		k.emptyObjects(c, `"`+store+`"`+"\n")
		return c, nil
	}},
	{name: "clone --shared with later objects fetched loose", build: func(k *kit, dir string) (string, map[string]string) {
		old := filepath.Join(dir, "old.git")
		k.git(dir, nil, "clone", "-q", "--bare", "--no-local", "--branch", "v1.1.0", k.base, old)
		c := k.cloneFrom(old, filepath.Join(dir, "c"), "--shared")
		return k.refetch(c, k.base, "fetch.unpackLimit=1000"), nil
	}},
	{name: "clone --shared with later objects fetched as a pack", build: func(k *kit, dir string) (string, map[string]string) {
		old := filepath.Join(dir, "old.git")
		k.git(dir, nil, "clone", "-q", "--bare", "--no-local", "--branch", "v1.1.0", k.base, old)
		c := k.cloneFrom(old, filepath.Join(dir, "c"), "--shared")
		return k.refetch(c, k.base, "fetch.unpackLimit=1"), nil
	}},
	{name: "GIT_ALTERNATE_OBJECT_DIRECTORIES", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		old, recent := filepath.Join(dir, "old"), filepath.Join(dir, "recent")
		k.packObjects(c, old, "v1.0.0")
		k.packObjects(c, recent, "--all", "--not", "v1.0.0")
		k.emptyObjects(c, "")
		return c, map[string]string{"GIT_ALTERNATE_OBJECT_DIRECTORIES": recent + string(os.PathListSeparator) + old}
	}},
	{name: "GIT_OBJECT_DIRECTORY", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		store := filepath.Join(dir, "store")
		if err := os.Rename(filepath.Join(c, ".git", "objects"), store); err != nil {
			k.t.Fatal(err)
		}
		if err := os.Mkdir(filepath.Join(c, ".git", "objects"), 0o755); err != nil {
			k.t.Fatal(err)
		}
		return c, map[string]string{"GIT_OBJECT_DIRECTORY": store}
	}},
	{name: "partial clone --filter=blob:none", build: func(k *kit, dir string) (string, map[string]string) {
		return k.cloneURL(filepath.Join(dir, "c"), "--filter=blob:none"), nil
	}},
	{name: "partial clone --filter=tree:0", build: func(k *kit, dir string) (string, map[string]string) {
		return k.cloneURL(filepath.Join(dir, "c"), "--filter=tree:0"), nil
	}},
	{name: "partial clone --filter=blob:limit=1", build: func(k *kit, dir string) (string, map[string]string) {
		return k.cloneURL(filepath.Join(dir, "c"), "--filter=blob:limit=1"), nil
	}},
	{name: "shallow clone", refuse: "git fetch --unshallow", build: func(k *kit, dir string) (string, map[string]string) {
		return k.cloneURL(filepath.Join(dir, "c"), "--depth=1"), nil
	}},
	{name: "shallow clone excluding the last release", refuse: "git fetch --unshallow", build: func(k *kit, dir string) (string, map[string]string) {
		return k.cloneURL(filepath.Join(dir, "c"), "--shallow-exclude=v1.0.0"), nil
	}},
	{name: "bare clone", refuse: "bare repository", build: func(k *kit, dir string) (string, map[string]string) {
		c := filepath.Join(dir, "c.git")
		k.git(dir, nil, "clone", "-q", "--bare", k.base, c)
		return c, nil
	}},
	{name: "mirror clone", refuse: "bare repository", build: func(k *kit, dir string) (string, map[string]string) {
		c := filepath.Join(dir, "c.git")
		k.git(dir, nil, "clone", "-q", "--mirror", k.base, c)
		return c, nil
	}},
}

// packObjects packs the objects that `git rev-list --objects revs` lists
// in repository c into a new object directory dst.
func (k *kit) packObjects(c, dst string, revs ...string) {
	k.t.Helper()
	if err := os.MkdirAll(filepath.Join(dst, "pack"), 0o755); err != nil {
		k.t.Fatal(err)
	}
	list := k.git(c, nil, append([]string{"rev-list", "--objects"}, revs...)...)
	cmd := k.command(c, "pack-objects", "-q", filepath.Join(dst, "pack", "pack"))
	cmd.Stdin = strings.NewReader(list + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		k.t.Fatalf("pack-objects: %v\n%s", err, out)
	}
}

// emptyObjects removes every object of checkout c and writes alternates
// as its objects/info/alternates ("" for none).
func (k *kit) emptyObjects(c, alternates string) {
	k.t.Helper()
	objects := filepath.Join(c, ".git", "objects")
	if err := os.RemoveAll(objects); err != nil {
		k.t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(objects, "pack"), 0o755); err != nil {
		k.t.Fatal(err)
	}
	if alternates != "" {
		k.write(filepath.Join(objects, "info", "alternates"), alternates)
	}
}

// refetch fetches every branch and tag of src into checkout c with the
// given configuration, and checks out main.
func (k *kit) refetch(c, src, config string) string {
	k.t.Helper()
	k.git(c, nil, "-c", config, "fetch", "-q", "--no-write-fetch-head", "file://"+src, "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*")
	k.git(c, nil, "checkout", "-q", "-B", "main", "origin/main")
	return c
}
