package gitlog

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/go-git/go-git/v5"
)

// gitBinary is the git command Uncommitted asks first; tests empty it to
// exercise go-git's status alone.
var gitBinary = "git"

// Dirty reports whether the work tree has uncommitted changes to tracked
// files: changes staged in the index, or files of the index modified or
// deleted in the work tree. Untracked files do not count. It fails on a bare
// repository, and when the status cannot be read (see Uncommitted).
func (r *Repo) Dirty() (bool, error) {
	changes, err := r.Uncommitted()
	if err != nil {
		return false, err
	}
	for _, untracked := range changes {
		if !untracked {
			return true, nil
		}
	}
	return false, nil
}

// Uncommitted maps every path (relative to the root, slash-separated) whose
// work tree or index content differs from HEAD to whether it is untracked.
//
// It asks the git binary when one is installed (`git status`, which takes
// no lock and writes nothing), since git reads every index and work tree it
// writes: split and sparse indexes, line-ending conversion and other
// filters, assume-unchanged and skip-worktree entries, a missing index.
// Without git, or when git refuses the repository (one owned by another
// user, say), go-git's status answers; it fails on indexes go-git cannot
// read (split and sparse indexes), with an error wrapping ErrStatusUnread.
func (r *Repo) Uncommitted() (map[string]bool, error) {
	if r.workTree == "" {
		return nil, errors.New("reading the work tree: the repository is bare")
	}
	if m, ok := r.gitStatus(); ok {
		return m, nil
	}
	return r.goGitStatus()
}

// ErrStatusUnread marks a work tree status that could not be read.
var ErrStatusUnread = errors.New("the work tree status cannot be read")

// gitStatus runs `git status --porcelain` on the repository, with the
// environment releasebot was given for it; ok is false when git is not
// installed or fails.
func (r *Repo) gitStatus() (map[string]bool, bool) {
	if gitBinary == "" {
		return nil, false
	}
	path, err := exec.LookPath(gitBinary)
	if err != nil {
		return nil, false
	}
	cmd := exec.Command(path, "--git-dir="+r.loc.gitDir, "--work-tree="+r.workTree,
		"status", "--porcelain", "-z", "--no-renames", "--untracked-files=all")
	cmd.Dir = r.workTree
	cmd.Env = r.gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, false
	}
	return parsePorcelain(out), true
}

// locationVars are the variables of git's environment that say where a
// repository's parts are; gitEnv sets them as releasebot was given them.
var locationVars = []string{
	"GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
	"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE",
	"GIT_NAMESPACE", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM",
}

// gitEnv is the environment of a git command run on the repository: the
// process's, with git's location variables as the Repo was opened with
// (the git directory and work tree are given as options), and optional
// locks off so that git writes nothing.
func (r *Repo) gitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !isLocationVar(name) && name != "GIT_OPTIONAL_LOCKS" {
			env = append(env, kv)
		}
	}
	for _, name := range locationVars[2:] {
		if v := r.getenv(name); v != "" {
			env = append(env, name+"="+v)
		}
	}
	return append(env, "GIT_OPTIONAL_LOCKS=0")
}

func isLocationVar(name string) bool {
	for _, v := range locationVars {
		if name == v {
			return true
		}
	}
	return false
}

// parsePorcelain reads `git status --porcelain -z --no-renames`: entries
// "XY PATH" ended by NUL, "??" for an untracked path. A path deleted from
// the index but present in the work tree has two entries, a deletion and
// an untracked file: it is a change.
func parsePorcelain(out []byte) map[string]bool {
	m := map[string]bool{}
	for _, entry := range bytes.Split(out, []byte{0}) {
		if len(entry) < 4 {
			continue
		}
		path, untracked := string(entry[3:]), string(entry[:2]) == "??"
		if _, seen := m[path]; !seen || !untracked {
			m[path] = untracked
		}
	}
	return m
}

// goGitStatus is Uncommitted through go-git's status.
func (r *Repo) goGitStatus() (map[string]bool, error) {
	wt, err := r.repo.Worktree()
	if err != nil {
		return nil, fmt.Errorf("reading the work tree: %w", err)
	}
	st, err := wt.Status()
	if err != nil {
		return nil, fmt.Errorf("%w: %w (install git, which reads every index, or run `git update-index --no-split-index` and `git sparse-checkout disable`)", ErrStatusUnread, err)
	}
	out := map[string]bool{}
	for path, fs := range st {
		switch {
		case changed(fs.Staging) || changed(fs.Worktree):
			out[path] = false
		case fs.Worktree == git.Untracked:
			out[path] = true
		}
	}
	return out, nil
}

// changed reports whether a status code is a change to a tracked file.
func changed(c git.StatusCode) bool {
	return c != git.Unmodified && c != git.Untracked
}
