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

// locate finds the repository for dir as git does, honouring the
// variables of the environment that getenv reports: GIT_DIR (the git
// directory, or a ".git" file naming it; relative to dir), GIT_WORK_TREE,
// GIT_COMMON_DIR, GIT_OBJECT_DIRECTORY and GIT_ALTERNATE_OBJECT_DIRECTORIES.
// Without GIT_DIR, dir and then its parents are searched for a .git
// directory or file, or a bare repository. The work tree is GIT_WORK_TREE,
// else core.worktree, else, with GIT_DIR, dir itself (none when the
// configuration says core.bare), else the directory holding .git.
func locate(dir string, getenv func(string) string) (*location, error) {
	rel := func(base, p string) string {
		if filepath.IsAbs(p) {
			return filepath.Clean(p)
		}
		return filepath.Join(base, p)
	}
	var l location
	viaEnv := getenv("GIT_DIR") != ""
	dotGitDir := false // found as a .git directory, as a checkout has
	if viaEnv {
		gd := rel(dir, getenv("GIT_DIR"))
		if fi, err := os.Stat(gd); err == nil && !fi.IsDir() {
			if gd, err = readGitFile(gd); err != nil {
				return nil, err
			}
		}
		if !isGitDir(gd) {
			return nil, fmt.Errorf("GIT_DIR=%s is not a git directory; unset it or point it at one", getenv("GIT_DIR"))
		}
		l.gitDir, l.workTree = gd, dir
	} else {
		gd, wt, err := discover(dir)
		if err != nil {
			return nil, err
		}
		l.gitDir, l.workTree = gd, wt
		dotGitDir = wt != "" && filepath.Join(wt, ".git") == gd
	}
	common, err := commonDir(l.gitDir)
	if err != nil {
		return nil, err
	}
	if c := getenv("GIT_COMMON_DIR"); c != "" {
		common = rel(dir, c)
	}
	l.common = common
	if l.common == "" {
		l.common = l.gitDir
	}
	if l.config, err = readRepoConfig(l.gitDir, l.common); err != nil {
		return nil, err
	}
	if err := l.config.supported(); err != nil {
		return nil, err
	}
	switch wt := getenv("GIT_WORK_TREE"); {
	case wt != "":
		l.workTree = rel(dir, wt)
	case l.config.worktree != "":
		l.workTree = rel(l.gitDir, l.config.worktree)
	case l.config.bare && viaEnv:
		l.workTree = ""
	case l.config.bare && dotGitDir:
		return nil, fmt.Errorf("%s has core.bare = true, so git takes it for a bare repository; "+
			"if it is a checkout, run `git config --bool core.bare false` in it", l.gitDir)
	}
	primary := filepath.Join(l.common, "objects")
	if o := getenv("GIT_OBJECT_DIRECTORY"); o != "" {
		primary = rel(dir, o)
	}
	l.objects = objectDirs(primary, dir, getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES"))
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
