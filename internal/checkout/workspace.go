// Package checkout is a local checkout as releasebot uses it: its
// configuration, its history (a history.Checkout over go-git), the
// releases it is due, and its work tree, whose files are read and written
// only inside it (a symbolic link never leads out). It needs no token and
// no network.
package checkout

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/gitlog"
	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/usererr"
)

// Workspace is an open checkout with its configuration.
type Workspace struct {
	// Root is the top of the work tree.
	Root   string
	Config config.Config
	repo   *gitlog.Repo
	hist   *history.Checkout
	files  *confined
	branch string
	// Pulls, when set, reads what the forge knows of the pull requests
	// behind the components' commits (labels, overrides; see
	// plan.PullFacts), which the checkout cannot tell; Releases applies
	// its answer.
	Pulls func(states []plan.ComponentState) (plan.PullFacts, error)
}

// Options say which checkout and configuration to use.
type Options struct {
	// Dir is any directory inside the checkout ("" for the current one).
	Dir string
	// ConfigPath, when set, names the configuration file (relative to the
	// current directory or absolute) and it must exist; otherwise
	// .github/releasebot.yml at the root is read when present.
	ConfigPath string
	// Prerelease, when not nil, overrides the configuration's prerelease
	// and channels; "" asks for a stable release.
	Prerelease *string
	// Branch is the branch released from, which selects a channel or a
	// maintenance range; "" means the checkout's branch.
	Branch string
	// Getenv, when set, reports git's environment variables (GIT_DIR,
	// GIT_WORK_TREE...), which are then honoured as git honours them.
	Getenv func(string) string
}

// Open opens the checkout containing opts.Dir and loads its configuration.
// The caller must Close the Workspace.
func Open(opts Options) (*Workspace, error) {
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	repo, err := gitlog.OpenEnv(dir, opts.Getenv)
	if err != nil {
		return nil, err
	}
	w := &Workspace{Root: repo.WorkTree(), repo: repo, hist: history.NewCheckout(repo)}
	if w.Root == "" {
		repo.Close()
		return nil, fmt.Errorf("%s is a bare repository; run releasebot in a checkout", dir)
	}
	if w.files, err = openConfined(w.Root); err != nil {
		repo.Close()
		return nil, err
	}
	configPath := opts.ConfigPath
	if configPath != "" && !filepath.IsAbs(configPath) {
		configPath = filepath.Join(dir, configPath) // relative to -C, as git does
	}
	w.Config, err = w.loadConfig(configPath)
	if err != nil {
		w.Close()
		return nil, err
	}
	if p := opts.Prerelease; p != nil {
		if *p != "" {
			if err := validPrerelease(*p); err != nil {
				w.Close()
				return nil, err
			}
		}
		w.Config.Prerelease = *p
		w.Config.Channels = nil // what the command line asks for wins
	}
	w.branch = opts.Branch
	if w.branch == "" {
		w.branch, _ = repo.Branch()
	}
	return w, nil
}

// loadConfig reads the file the user named (which must exist), else
// .github/releasebot.yml at the root when present. The default file is
// named relative to the root in errors, as it appears in the repository.
// A named file inside the checkout, like the default one, is read only
// when no symbolic link on its way leads out of the checkout.
func (w *Workspace) loadConfig(explicit string) (config.Config, error) {
	read := w.files.ReadFile
	if explicit != "" {
		read = func(p string) ([]byte, error) {
			if rel, inside := w.relative(p); inside {
				return w.files.ReadFile(rel)
			}
			return os.ReadFile(p)
		}
	}
	return config.Load(func(p string) ([]byte, error) {
		data, err := read(p)
		var pe *fs.PathError
		if err != nil && !errors.As(err, &pe) {
			// Whatever keeps a file on disk from being read is the
			// user's to fix (a link out of the checkout...).
			err = &fs.PathError{Op: "read", Path: p, Err: err}
		}
		return data, err
	}, explicit)
}

// relative names a path given on the command line relative to the root,
// and says whether it lies inside the checkout (judged by its name, before
// any link is followed).
func (w *Workspace) relative(p string) (string, bool) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", false
	}
	for _, root := range w.files.prefixes {
		rel, err := filepath.Rel(root, abs)
		if err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel), true
		}
	}
	return "", false
}

// Close releases the repository and the work tree.
func (w *Workspace) Close() error {
	w.files.Close()
	return w.repo.Close()
}

// Releases computes the next release of every component of the checkout
// (one for a repository without packages), from HEAD's history, dated
// date, to depth; files are read from the work tree. It returns the
// states too, which are set even when planning fails.
func (w *Workspace) Releases(date time.Time, depth plan.Depth) ([]plan.ComponentResult, []plan.ComponentState, error) {
	states, err := history.Load(context.Background(), w.hist, w.Config, nil)
	if err != nil {
		return nil, nil, err
	}
	in := plan.Input{Config: w.Config, Remote: w.Remote(), Date: date, Read: w.ReadFile, Branch: w.branch}
	if w.Pulls != nil {
		facts, err := w.Pulls(states)
		if err != nil {
			return nil, states, err
		}
		facts.Apply(&in, states)
	}
	results, err := plan.Releases(in, states, depth)
	return results, states, err
}

// Repo is the checkout's repository, for committing and tagging.
func (w *Workspace) Repo() *gitlog.Repo { return w.repo }

// History is the checkout's history, read with go-git.
func (w *Workspace) History() history.Reader { return w.hist }

// Branch returns the branch the checkout is on, "" when HEAD is detached.
func (w *Workspace) Branch() (string, error) { return w.repo.Branch() }

// Shallow reports whether the checkout is a shallow clone, whose history
// and tags are incomplete.
func (w *Workspace) Shallow() (bool, error) { return w.repo.Shallow() }

// ReadFile reads a repository-relative path from the work tree. A
// symbolic link is followed only inside the checkout: one that leads out
// is an *gitlog.EscapeError naming it.
func (w *Workspace) ReadFile(path string) ([]byte, error) {
	return w.files.ReadFile(path)
}

// Remote is the web address of the "origin" remote, empty when there is
// none or it is not a forge URL.
func (w *Workspace) Remote() release.Remote {
	url := w.Origin()
	if url == "" {
		return release.Remote{}
	}
	r, _ := release.ParseRemote(url)
	return r
}

// Origin is the URL of the "origin" remote, "" when there is none.
func (w *Workspace) Origin() string {
	url, err := w.repo.RemoteURL("origin")
	if err != nil {
		return ""
	}
	return url
}

// validPrerelease checks a --prerelease identifier: one SemVer pre-release
// identifier that is not a number (rc, beta, next).
func validPrerelease(id string) error {
	_, err := semver.Parse("1.0.0-" + id + ".1")
	if err != nil || strings.Contains(id, ".") {
		return usererr.Errorf("--prerelease %q is not a pre-release identifier; use letters, digits and hyphens, such as rc or beta", id)
	}
	if strings.Trim(id, "0123456789") == "" {
		return usererr.Errorf("--prerelease %q is only digits; use a word such as rc or beta", id)
	}
	return nil
}
