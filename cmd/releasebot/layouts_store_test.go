package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// storeLayouts are the ways git stores the objects of one clone: loose,
// in packs of every kind, with the indexes and graphs beside them, and
// with objects replaced (git replace).
var storeLayouts = []layout{
	{name: "the repository the commits were made in (loose objects, loose refs)", build: func(k *kit, dir string) (string, map[string]string) {
		c := filepath.Join(dir, "c")
		if out, err := exec.Command("cp", "-a", k.base, c).CombinedOutput(); err != nil {
			k.t.Fatalf("cp: %v\n%s", err, out)
		}
		return c, nil
	}},
	{name: "loose objects only", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		packs := k.packFiles(c, ".pack")
		store := filepath.Join(dir, "pack")
		if err := os.Rename(filepath.Join(c, ".git", "objects", "pack"), store); err != nil {
			k.t.Fatal(err)
		}
		for _, p := range packs {
			k.gitStdin(c, filepath.Join(store, filepath.Base(p)), "unpack-objects", "-q")
		}
		return c, nil
	}},
	{name: "loose objects beside the pack holding them", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		for _, p := range k.packFiles(c, ".pack") {
			tmp := filepath.Join(dir, filepath.Base(p))
			if err := os.Rename(p, tmp); err != nil {
				k.t.Fatal(err)
			}
			k.gitStdin(c, tmp, "unpack-objects", "-q", "-r")
			if err := os.Rename(tmp, p); err != nil {
				k.t.Fatal(err)
			}
		}
		return c, nil
	}},
	{name: "one pack per fetch", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local", "--single-branch", "--branch", "v1.0.0")
		k.git(c, nil, "-c", "fetch.unpackLimit=1", "fetch", "-q", "--no-write-fetch-head", k.base, "+refs/tags/v1.1.0:refs/tags/v1.1.0")
		return k.refetch(c, k.base, "fetch.unpackLimit=1"), nil
	}},
	{name: "multi-pack-index", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local", "--single-branch", "--branch", "v1.0.0")
		k.refetch(c, k.base, "fetch.unpackLimit=1")
		k.git(c, nil, "multi-pack-index", "write")
		return c, nil
	}},
	{name: "multi-pack-index with a bitmap", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local", "--single-branch", "--branch", "v1.0.0")
		k.refetch(c, k.base, "fetch.unpackLimit=1")
		k.git(c, nil, "repack", "-q", "-d", "--write-midx", "--write-bitmap-index")
		return c, nil
	}},
	{name: "commit-graph", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "commit-graph", "write", "--reachable")
		return c, nil
	}},
	{name: "split commit-graph chain", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local", "--single-branch", "--branch", "v1.1.0")
		k.git(c, nil, "commit-graph", "write", "--reachable", "--split")
		k.refetch(c, k.base, "fetch.unpackLimit=1")
		k.git(c, nil, "commit-graph", "write", "--reachable", "--split=no-merge")
		return c, nil
	}},
	{name: "bitmap index (repack -adb)", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "repack", "-q", "-adb")
		return c, nil
	}},
	{name: "cruft pack", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.write(filepath.Join(c, "scratch.txt"), "unreachable soon\n")
		k.git(c, nil, "add", "scratch.txt")
		k.git(c, nil, "commit", "-q", "-m", "feat: never released")
		k.git(c, nil, "reset", "-q", "--hard", "HEAD~1")
		k.git(c, nil, "reflog", "expire", "--expire=now", "--all")
		k.git(c, nil, "repack", "-q", "-d", "--cruft")
		return c, nil
	}},
	{name: "deep delta chains", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "repack", "-q", "-adf", "--depth=4095", "--window=250")
		return c, nil
	}},
	{name: "gc --aggressive", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "gc", "-q", "--aggressive")
		return c, nil
	}},
	{name: "gc of the repository the commits were made in", build: func(k *kit, dir string) (string, map[string]string) {
		c := filepath.Join(dir, "c")
		if out, err := exec.Command("cp", "-a", k.base, c).CombinedOutput(); err != nil {
			k.t.Fatalf("cp: %v\n%s", err, out)
		}
		k.git(c, nil, "gc", "-q", "--prune=now")
		return c, nil
	}},
	{name: "pack index version 1", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "-c", "pack.indexVersion=1", "repack", "-q", "-adf")
		return c, nil
	}},
	{name: "uncompressed objects (core.compression 0)", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "-c", "core.compression=0", "repack", "-q", "-adf")
		return c, nil
	}},
	{name: "kept pack beside a new one", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local", "--single-branch", "--branch", "v1.0.0")
		for _, p := range k.packFiles(c, ".pack") {
			k.write(strings.TrimSuffix(p, ".pack")+".keep", "")
		}
		k.refetch(c, k.base, "fetch.unpackLimit=1000")
		k.git(c, nil, "repack", "-q", "-ad")
		return c, nil
	}},
	{name: "leftovers of an interrupted fetch", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		pack := filepath.Join(c, ".git", "objects", "pack")
		k.write(filepath.Join(pack, "tmp_pack_a1b2c3"), "PACK partial")
		k.write(filepath.Join(pack, "tmp_idx_a1b2c3"), "partial")
		return c, nil
	}},
	{name: "a pack without its index", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		b, err := os.ReadFile(k.packFiles(c, ".pack")[0])
		if err != nil {
			k.t.Fatal(err)
		}
		// git lists packs by their indexes and ignores this one.
		k.write(filepath.Join(c, ".git", "objects", "pack", "pack-"+strings.Repeat("1", 40)+".pack"), string(b))
		return c, nil
	}},
	{name: "objects/info/packs (update-server-info)", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "update-server-info")
		return c, nil
	}},
	{name: "git replace: the replacement's message is read", check: checkReplaced, noOracle: true,
		build: func(k *kit, dir string) (string, map[string]string) {
			return k.replaced(filepath.Join(dir, "c")), nil
		}},
	{name: "git replace with GIT_NO_REPLACE_OBJECTS", build: func(k *kit, dir string) (string, map[string]string) {
		return k.replaced(filepath.Join(dir, "c")), map[string]string{"GIT_NO_REPLACE_OBJECTS": "1"}
	}},
	{name: "git replace --graft dropping a merged branch", check: checkGrafted, noOracle: true,
		build: func(k *kit, dir string) (string, map[string]string) {
			c := k.clone(filepath.Join(dir, "c"), "--no-local")
			merge := k.git(c, nil, "rev-parse", ":/Merge pull request #6")
			k.git(c, nil, "replace", "--graft", merge, merge+"^")
			return c, nil
		}},
	{name: "SHA-256 repository", refuse: "SHA-256", build: func(k *kit, dir string) (string, map[string]string) {
		c := filepath.Join(dir, "c")
		k.git(dir, nil, "init", "-q", "--object-format=sha256", "-b", "main", c)
		k.write(filepath.Join(c, "a.txt"), "a\n")
		k.git(c, nil, "add", "a.txt")
		k.git(c, nil, "commit", "-q", "-m", "feat: a")
		k.git(c, nil, "tag", "v1.0.0")
		return c, nil
	}},
}

// replacedSubject is the message git replace gives "Update README.md".
const replacedSubject = "feat(docs): a message fixed with git replace"

// replaced clones the base into c and replaces the commit "Update
// README.md", which releases nothing, with a copy whose message is
// replacedSubject.
func (k *kit) replaced(c string) string {
	k.t.Helper()
	k.clone(c, "--no-local")
	old := k.git(c, nil, "rev-parse", ":/Update README.md")
	raw := k.git(c, nil, "cat-file", "commit", old)
	head, _, _ := strings.Cut(raw, "\n\n")
	cmd := k.command(c, "hash-object", "-t", "commit", "-w", "--stdin")
	cmd.Stdin = strings.NewReader(head + "\n\n" + replacedSubject + "\n")
	out, err := cmd.Output()
	if err != nil {
		k.t.Fatalf("hash-object: %v", err)
	}
	k.git(c, nil, "replace", old, strings.TrimSpace(string(out)))
	return c
}

// checkReplaced checks that the replacement message is read, as git log
// reads it, and that it changes nothing else.
func checkReplaced(t *testing.T, got, plain answers) {
	if !strings.Contains(got.changelog, "a message fixed with git replace") {
		t.Errorf("changelog does not read the replacement commit:\n%s", got.changelog)
	}
	if !strings.Contains(got.next, "a message fixed with git replace") || got.describe != plain.describe {
		t.Errorf("next --json or describe do not read the replacement:\n%s\n%s", got.next, got.describe)
	}
}

// checkGrafted checks that the commits of a branch cut off by a graft are
// gone, as they are from git log.
func checkGrafted(t *testing.T, got, plain answers) {
	if strings.Contains(got.changelog, "forked before the tag") || !strings.Contains(got.changelog, "handle the caf") {
		t.Errorf("changelog does not follow the graft:\n%s", got.changelog)
	}
	if got.describe == plain.describe {
		t.Errorf("describe = %s counts the commits cut off by the graft", got.describe)
	}
}

// packFiles lists the files of checkout c's packs ending with ext.
func (k *kit) packFiles(c, ext string) []string {
	k.t.Helper()
	m, err := filepath.Glob(filepath.Join(c, ".git", "objects", "pack", "pack-*"+ext))
	if err != nil || len(m) == 0 {
		k.t.Fatalf("no pack in %s", c)
	}
	return m
}

// gitStdin runs git in c with the content of file as its input.
func (k *kit) gitStdin(c, file string, args ...string) {
	k.t.Helper()
	f, err := os.Open(file)
	if err != nil {
		k.t.Fatal(err)
	}
	defer f.Close()
	cmd := k.command(c, args...)
	cmd.Stdin = f
	if out, err := cmd.CombinedOutput(); err != nil {
		k.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}
