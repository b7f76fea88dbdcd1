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

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
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
	loc      *location
	// replace maps replaced objects to their replacements (git replace).
	replace map[plumbing.Hash]plumbing.Hash
	// env is the environment the repository was opened with.
	getenv func(string) string
}

// Open opens the repository containing dir, searching dir and then its
// parents for a .git directory or a .git file ("gitdir: ...") as git does;
// a bare repository is recognised too. Linked worktrees (`git worktree add`)
// are opened with their common directory, so they see the shared objects,
// tags and branches. Objects are read from every object directory git
// reads: the repository's and its alternates (objects/info/alternates,
// followed as deep as git follows them). The caller must Close the Repo.
//
// Open ignores the environment; OpenEnv honours git's variables.
func Open(dir string) (*Repo, error) {
	return OpenEnv(dir, nil)
}

// OpenEnv is Open honouring the variables of git's environment as getenv
// reports them (nil: none), as git does: GIT_DIR, GIT_WORK_TREE,
// GIT_COMMON_DIR, GIT_OBJECT_DIRECTORY and GIT_ALTERNATE_OBJECT_DIRECTORIES
// (relative to dir), GIT_NO_REPLACE_OBJECTS and GIT_REPLACE_REF_BASE.
//
// A repository releasebot cannot read (SHA-256 object names, refs in
// reftable, an unknown format) is refused with one sentence that says so,
// as is a checkout whose configuration says core.bare = true.
func OpenEnv(dir string, getenv func(string) string) (*Repo, error) {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("opening the repository: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", abs)
	}
	loc, err := locate(abs, getenv)
	if err != nil {
		return nil, err
	}
	fs := newObjectsFS(repositoryFS(loc), loc.objects, true)
	st := filesystem.NewStorageWithOptions(fs, objectCache{cache.NewObjectLRUDefault()},
		filesystem.Options{KeepDescriptors: true})
	var wt billy.Filesystem
	if loc.workTree != "" {
		wt = osfs.New(loc.workTree)
	}
	repo, err := git.Open(configured{st, loc.config}, wt)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("opening the repository at %s: %w", loc.gitDir, err)
	}
	r := &Repo{repo: repo, st: st, packs: &packSet{fs: fs.withWindows(false)},
		workTree: loc.workTree, loc: loc, getenv: getenv}
	if r.replace, err = readReplaceRefs(loc, getenv); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// configured is the storage with the configuration as releasebot reads it
// (repoConfig.goGit) rather than as go-git does.
type configured struct {
	*filesystem.Storage
	cfg *repoConfig
}

// Config returns the configuration, config.worktree included.
func (s configured) Config() (*config.Config, error) { return s.cfg.goGit() }

// repositoryFS returns the filesystem of the git directory: the directory
// itself, overlaid on its common directory when it has one (per worktree
// files such as HEAD and index come from the git directory, objects and
// refs from the common directory).
func repositoryFS(loc *location) billy.Filesystem {
	if loc.common == loc.gitDir {
		return osfs.New(loc.gitDir)
	}
	return dotgit.NewRepositoryFilesystem(osfs.New(loc.gitDir), osfs.New(loc.common))
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
