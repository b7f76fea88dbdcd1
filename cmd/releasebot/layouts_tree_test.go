package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// treeLayouts are the ways a work tree and its git directory are tied
// together (worktrees, submodules, .git files, the GIT_DIR variables),
// and the states of the index and the work tree that `describe` reads.
var treeLayouts = []layout{
	{name: "worktree add --detach", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		w := filepath.Join(dir, "w")
		k.git(c, nil, "worktree", "add", "-q", "--detach", w, "main")
		return w, nil
	}},
	{name: "worktree on a branch of its own", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		w := filepath.Join(dir, "w")
		k.git(c, nil, "worktree", "add", "-q", "-b", "feature", w, "main")
		return w, nil
	}},
	{name: "worktree of a bare clone", build: func(k *kit, dir string) (string, map[string]string) {
		c := filepath.Join(dir, "c.git")
		k.git(dir, nil, "clone", "-q", "--bare", k.base, c)
		k.git(c, nil, "remote", "set-url", "origin", layoutRemote)
		w := filepath.Join(dir, "w")
		k.git(c, nil, "worktree", "add", "-q", w, "main")
		return w, nil
	}},
	{name: "worktree with extensions.worktreeConfig", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "config", "extensions.worktreeConfig", "true")
		w := filepath.Join(dir, "w")
		k.git(c, nil, "worktree", "add", "-q", "--detach", w, "main")
		k.git(w, nil, "config", "--worktree", "user.name", "Worktree User")
		return w, nil
	}},
	{name: "extensions.worktreeConfig with format version 1", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "config", "core.repositoryFormatVersion", "1")
		k.git(c, nil, "config", "extensions.worktreeConfig", "true")
		k.git(c, nil, "config", "--worktree", "core.sparseCheckout", "false")
		return c, nil
	}},
	{name: "origin set only in config.worktree", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "config", "extensions.worktreeConfig", "true")
		k.git(c, nil, "config", "--unset", "remote.origin.url")
		k.git(c, nil, "config", "--worktree", "remote.origin.url", layoutRemote)
		if got := k.git(c, nil, "remote", "get-url", "origin"); got != layoutRemote {
			k.t.Fatalf("git reads the remote as %s", got)
		}
		return c, nil
	}},
	{name: "sparse-checkout set (cone)", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "sparse-checkout", "set", "src")
		return c, nil
	}},
	{name: "sparse-checkout set --no-cone", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "sparse-checkout", "set", "--no-cone", "/README.md")
		return c, nil
	}},
	{name: "sparse index", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "sparse-checkout", "set", "--sparse-index", "nothing")
		return c, nil
	}},
	{name: "submodule", build: func(k *kit, dir string) (string, map[string]string) {
		super := filepath.Join(dir, "super")
		k.git(dir, nil, "init", "-q", "-b", "main", super)
		k.git(super, nil, "submodule", "add", "-q", k.base, "sub")
		sub := filepath.Join(super, "sub")
		k.git(sub, nil, "remote", "set-url", "origin", layoutRemote)
		return sub, nil
	}},
	{name: "clone --separate-git-dir", build: func(k *kit, dir string) (string, map[string]string) {
		return k.clone(filepath.Join(dir, "c"), "--no-local", "--separate-git-dir", filepath.Join(dir, "git")), nil
	}},
	{name: ".git file with a relative gitdir and CRLF", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		if err := os.Rename(filepath.Join(c, ".git"), filepath.Join(dir, "moved.git")); err != nil {
			k.t.Fatal(err)
		}
		k.write(filepath.Join(c, ".git"), "gitdir: ../moved.git\r\n")
		return c, nil
	}},
	{name: "GIT_DIR and GIT_WORK_TREE, run from elsewhere", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		elsewhere := filepath.Join(dir, "elsewhere")
		if err := os.Mkdir(elsewhere, 0o755); err != nil {
			k.t.Fatal(err)
		}
		return elsewhere, map[string]string{"GIT_DIR": filepath.Join(c, ".git"), "GIT_WORK_TREE": c}
	}},
	{name: "GIT_DIR relative, from the top of the work tree", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		if err := os.Rename(filepath.Join(c, ".git"), filepath.Join(c, "meta")); err != nil {
			k.t.Fatal(err)
		}
		return c, map[string]string{"GIT_DIR": "meta"}
	}},
	{name: "GIT_DIR with core.worktree", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		g := filepath.Join(dir, "g.git")
		if err := os.Rename(filepath.Join(c, ".git"), g); err != nil {
			k.t.Fatal(err)
		}
		k.git(dir, map[string]string{"GIT_DIR": g}, "config", "core.worktree", c)
		return dir, map[string]string{"GIT_DIR": g}
	}},
	{name: "GIT_WORK_TREE in a subdirectory's run", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		return filepath.Join(c, "src"), map[string]string{"GIT_DIR": filepath.Join(c, ".git"), "GIT_WORK_TREE": c}
	}},
	{name: "-C a subdirectory", build: func(k *kit, dir string) (string, map[string]string) {
		return filepath.Join(k.clone(filepath.Join(dir, "c"), "--no-local"), "src"), nil
	}},
	{name: "-C through a symbolic link", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		link := filepath.Join(dir, "link")
		if err := os.Symlink(c, link); err != nil {
			k.t.Fatal(err)
		}
		return link, nil
	}},
	{name: "split index", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "update-index", "--split-index")
		k.write(filepath.Join(c, "src", "new.txt"), "new\n")
		k.git(c, nil, "add", "src/new.txt")
		k.git(c, nil, "rm", "-q", "--cached", "src/new.txt")
		return c, nil
	}},
	{name: "split index with a staged change", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "update-index", "--split-index")
		k.write(filepath.Join(c, "README.md"), "# widget, staged\n")
		k.git(c, nil, "add", "README.md")
		return c, nil
	}},
	{name: "index version 4", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "update-index", "--index-version", "4")
		return c, nil
	}},
	{name: "index version 3 with skip-worktree", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "update-index", "--skip-worktree", "README.md")
		k.write(filepath.Join(c, "README.md"), "# widget, changed but skipped\n")
		return c, nil
	}},
	{name: "assume-unchanged file modified", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "update-index", "--assume-unchanged", "README.md")
		k.write(filepath.Join(c, "README.md"), "# widget, changed but assumed not\n")
		return c, nil
	}},
	{name: "untracked cache", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "config", "core.untrackedCache", "true")
		k.git(c, nil, "update-index", "--untracked-cache")
		k.write(filepath.Join(c, "untracked.txt"), "x\n")
		k.git(c, nil, "status", "--porcelain")
		return c, nil
	}},
	{name: "fsmonitor hook", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		hook := filepath.Join(c, ".git", "fsmonitor-hook")
		// Version 2 of the hook protocol: a token, then "/" (everything
		// may have changed).
		k.write(hook, "#!/bin/sh\nprintf 'token\\0/\\0'\n")
		if err := os.Chmod(hook, 0o755); err != nil {
			k.t.Fatal(err)
		}
		k.git(c, nil, "config", "core.fsmonitor", hook)
		k.git(c, nil, "config", "core.fsmonitorHookVersion", "2")
		k.git(c, nil, "update-index", "--fsmonitor")
		k.git(c, nil, "status", "--porcelain")
		return c, nil
	}},
	{name: "index.lock left behind", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.write(filepath.Join(c, ".git", "index.lock"), "")
		return c, nil
	}},
	{name: "no index file", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		if err := os.Remove(filepath.Join(c, ".git", "index")); err != nil {
			k.t.Fatal(err)
		}
		return c, nil
	}},
	{name: "tracked file modified", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.write(filepath.Join(c, "README.md"), "# widget, edited\n")
		return c, nil
	}},
	{name: "untracked files only", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.write(filepath.Join(c, "notes", "todo.txt"), "x\n")
		return c, nil
	}},
	{name: "files touched, contents unchanged", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		later := time.Now().Add(time.Hour)
		if err := os.Chtimes(filepath.Join(c, "README.md"), later, later); err != nil {
			k.t.Fatal(err)
		}
		return c, nil
	}},
	{name: "core.autocrlf checkout", build: func(k *kit, dir string) (string, map[string]string) {
		return k.clone(filepath.Join(dir, "c"), "--no-local", "--config", "core.autocrlf=true"), nil
	}},
	{name: "core.bare set in a checkout", refuse: "core.bare", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "config", "core.bare", "true")
		return c, nil
	}},
	{name: "owned by another user (safe.directory)", noOracle: true, check: compareAnswers, build: func(k *kit, dir string) (string, map[string]string) {
		// git refuses such a checkout ("dubious ownership"); releasebot,
		// which the Action runs as root on the runner's checkout, reads
		// it with go-git, and its status with go-git when git refuses.
		if os.Geteuid() != 0 {
			k.t.Skip("needs root to give the checkout away")
		}
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		if out, err := exec.Command("chown", "-R", "65534:65534", c).CombinedOutput(); err != nil {
			k.t.Skipf("chown: %v %s", err, out)
		}
		if _, err := k.gitErr(c, nil, "status"); err == nil {
			k.t.Fatal("git reads a checkout owned by another user")
		}
		return c, nil
	}},
	{name: "detached HEAD", build: func(k *kit, dir string) (string, map[string]string) {
		c := k.clone(filepath.Join(dir, "c"), "--no-local")
		k.git(c, nil, "checkout", "-q", "--detach", "main")
		return c, nil
	}},
}
