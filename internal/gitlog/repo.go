// Package gitlog reads and writes the git history releasebot needs, through
// go-git: the tags, the commits since the last release, the state of the work
// tree, and the release commit and tag it creates.
//
// Reading history follows git's own revision walk (see Range), so that the
// commits of a range are exactly those `git rev-list` lists.
package gitlog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// Repo is an open git repository. It is not safe for concurrent use.
type Repo struct {
	repo *git.Repository
	st   *filesystem.Storage
	// packs reads whole commits and tags from the packs, before st.
	packs *packSet
	// workTree is the root of the work tree, "" for a bare repository.
	workTree string
}

// Open opens the repository containing dir, searching dir and then its
// parents for a .git directory or a .git file ("gitdir: ...") as git does;
// a bare repository is recognised too. Linked worktrees (`git worktree add`)
// are opened with their common directory, so they see the shared objects,
// tags and branches. Objects are read from every object directory git
// reads: the repository's and its alternates (objects/info/alternates,
// followed as deep as git follows them). The caller must Close the Repo.
func Open(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("opening the repository: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", abs)
	}
	gitDir, workTree, err := discover(abs)
	if err != nil {
		return nil, err
	}
	fs, err := repositoryFS(gitDir)
	if err != nil {
		return nil, err
	}
	common, err := commonDir(gitDir)
	if err != nil {
		return nil, err
	}
	if common == "" {
		common = gitDir
	}
	ofs := newObjectsFS(fs, objectDirs(filepath.Join(common, "objects"), abs, ""), true)
	st := filesystem.NewStorageWithOptions(ofs, objectCache{cache.NewObjectLRUDefault()},
		filesystem.Options{KeepDescriptors: true})
	var wt billy.Filesystem
	if workTree != "" {
		wt = osfs.New(workTree)
	}
	repo, err := git.Open(st, wt)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("opening the repository at %s: %w", gitDir, err)
	}
	return &Repo{repo: repo, st: st, packs: &packSet{fs: ofs.withWindows(false)}, workTree: workTree}, nil
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

// repositoryFS returns the filesystem for the storage of gitDir: the git
// directory itself, overlaid on its common directory when it has one (per
// worktree files such as HEAD and index come from gitDir, objects and refs
// from the common directory).
func repositoryFS(gitDir string) (billy.Filesystem, error) {
	c, err := commonDir(gitDir)
	if err != nil {
		return nil, err
	}
	if c == "" {
		return osfs.New(gitDir), nil
	}
	return dotgit.NewRepositoryFilesystem(osfs.New(gitDir), osfs.New(c)), nil
}

// Close releases the storage and the pack files read directly. The Repo
// must not be used afterwards.
func (r *Repo) Close() error {
	return errors.Join(r.packs.close(), r.st.Close())
}

// Shallow reports whether the clone is shallow, i.e. whether some commits
// are recorded in .git/shallow as having parents that were not fetched.
func (r *Repo) Shallow() (bool, error) {
	s, err := r.st.Shallow()
	if err != nil {
		return false, fmt.Errorf("reading the shallow list: %w", err)
	}
	return len(s) > 0, nil
}

// Head returns the full hash of the commit HEAD points at, through a branch
// or detached. It fails with "the repository has no commits yet" when HEAD
// names a branch that does not exist yet (an unborn branch).
func (r *Repo) Head() (string, error) {
	ref, err := storer.ResolveReference(r.st, plumbing.HEAD)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return "", errors.New("the repository has no commits yet")
	} else if err != nil {
		return "", fmt.Errorf("resolving HEAD: %w", err)
	}
	return ref.Hash().String(), nil
}

// RemoteURL returns the first URL of the named remote ("origin", say) as
// configured, or "" when there is no such remote.
func (r *Repo) RemoteURL(name string) (string, error) {
	cfg, err := r.repo.Config()
	if err != nil {
		return "", fmt.Errorf("reading the repository configuration: %w", err)
	}
	rc, ok := cfg.Remotes[name]
	if !ok || len(rc.URLs) == 0 {
		return "", nil
	}
	return rc.URLs[0], nil
}
