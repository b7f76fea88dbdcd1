package gitlog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// location is where a repository's parts are, all absolute paths.
type location struct {
	// gitDir is the git directory (of the worktree, for a linked one);
	// common the directory of the objects, refs and config it shares.
	gitDir, common string
	// workTree is the top of the work tree, "" for a bare repository.
	workTree string
	// objects lists the object directories, primary first (objectDirs).
	objects []string
	// config is the configuration as git reads it for this worktree.
	config *repoConfig
}

// locate finds the repository for dir as git does: dir and then its
// parents are searched for a .git directory or file, or a bare repository.
// The work tree is core.worktree when the configuration sets it, else the
// directory holding .git.
func locate(dir string) (*location, error) {
	var l location
	gd, wt, err := discover(dir)
	if err != nil {
		return nil, err
	}
	l.gitDir, l.workTree = gd, wt
	dotGitDir := wt != "" && filepath.Join(wt, ".git") == gd // as a checkout has
	if l.common, err = commonDir(l.gitDir); err != nil {
		return nil, err
	}
	if l.common == "" {
		l.common = l.gitDir
	}
	if l.config, err = readRepoConfig(l.gitDir, l.common); err != nil {
		return nil, err
	}
	if err := l.config.supported(); err != nil {
		return nil, err
	}
	switch {
	case l.config.worktree != "":
		l.workTree = l.config.worktree
		if !filepath.IsAbs(l.workTree) {
			l.workTree = filepath.Join(l.gitDir, l.workTree)
		}
	case l.config.bare && dotGitDir:
		return nil, fmt.Errorf("%s has core.bare = true, so git takes it for a bare repository; "+
			"if it is a checkout, run `git config --bool core.bare false` in it", l.gitDir)
	}
	l.objects = objectDirs(filepath.Join(l.common, "objects"), dir, "")
	return &l, nil
}

// discover finds the git directory for dir, and the work tree root ("" when
// the repository is bare), looking in dir and then in each parent.
func discover(dir string) (gitDir, workTree string, err error) {
	for d := dir; ; {
		dot := filepath.Join(d, ".git")
		fi, statErr := os.Stat(dot)
		switch {
		case statErr == nil && fi.IsDir():
			return dot, d, nil
		case statErr == nil:
			gd, err := readGitFile(dot)
			return gd, d, err
		case !errors.Is(statErr, os.ErrNotExist):
			return "", "", statErr
		case isGitDir(d):
			return d, "", nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", fmt.Errorf("%s is not inside a git repository", dir)
		}
		d = parent
	}
}

// readGitFile reads a ".git" file of the form "gitdir: PATH", as written in
// linked worktrees and submodules, and returns the absolute PATH.
func readGitFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	gd, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
	if !ok {
		return "", fmt.Errorf("%s: not a git directory link (no \"gitdir:\" line)", path)
	}
	gd = strings.TrimSpace(gd)
	if !filepath.IsAbs(gd) {
		gd = filepath.Join(filepath.Dir(path), gd)
	}
	if !isGitDir(gd) {
		return "", fmt.Errorf("%s points at %s, which is not a git directory", path, gd)
	}
	return gd, nil
}

// isGitDir reports whether dir looks like a git directory: a HEAD file and,
// directly or through a "commondir" file, objects and refs directories.
func isGitDir(dir string) bool {
	if fi, err := os.Stat(filepath.Join(dir, "HEAD")); err != nil || fi.IsDir() {
		return false
	}
	common := dir
	if c, err := commonDir(dir); err == nil && c != "" {
		common = c
	}
	for _, sub := range []string{"objects", "refs"} {
		if fi, err := os.Stat(filepath.Join(common, sub)); err != nil || !fi.IsDir() {
			return false
		}
	}
	return true
}

// commonDir returns the absolute common directory named by gitDir's
// "commondir" file, or "" when there is none.
func commonDir(gitDir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(gitDir, "commondir"))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	} else if err != nil {
		return "", err
	}
	c := strings.TrimSpace(string(b))
	if !filepath.IsAbs(c) {
		c = filepath.Join(gitDir, c)
	}
	return filepath.Clean(c), nil
}
