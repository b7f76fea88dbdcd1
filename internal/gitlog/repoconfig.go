package gitlog

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/config"
	format "github.com/go-git/go-git/v5/plumbing/format/config"
)

// repoConfig is the repository's configuration as git reads it for one
// worktree: the common directory's config file, then, when
// extensions.worktreeConfig is set, the worktree's config.worktree, whose
// values win.
type repoConfig struct {
	// text is the content of the files read, one after the other.
	text []byte
	raw  *format.Config
	// path names the config file, for messages.
	path string
	// version is core.repositoryFormatVersion; extensions the
	// extensions.* values, by lower-case name.
	version    string
	extensions map[string]string
	// bare, worktree and useReplaceRefs are core.bare, core.worktree and
	// core.useReplaceRefs.
	bare           bool
	worktree       string
	useReplaceRefs bool
}

// readRepoConfig reads the configuration of the worktree whose git
// directory is gitDir; common is its common directory.
func readRepoConfig(gitDir, common string) (*repoConfig, error) {
	c := &repoConfig{path: filepath.Join(common, "config")}
	text, err := os.ReadFile(c.path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("reading %s: %w", c.path, err)
	}
	if err := c.parse(text); err != nil {
		return nil, err
	}
	if isTrue(c.extensions["worktreeconfig"]) {
		wt := filepath.Join(gitDir, "config.worktree")
		more, err := os.ReadFile(wt)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("reading %s: %w", wt, err)
		}
		if len(more) > 0 {
			if err := c.parse(append(append(text, '\n'), more...)); err != nil {
				return nil, fmt.Errorf("%w (with %s)", err, wt)
			}
		}
	}
	return c, nil
}

// parse reads the configuration text.
func (c *repoConfig) parse(text []byte) error {
	raw := format.New()
	if err := format.NewDecoder(bytes.NewReader(text)).Decode(raw); err != nil {
		return fmt.Errorf("reading %s: %w", c.path, err)
	}
	c.text, c.raw = text, raw
	core := raw.Section("core")
	c.version = core.Option("repositoryformatversion")
	c.bare = isTrue(core.Option("bare"))
	c.worktree = core.Option("worktree")
	c.useReplaceRefs = !core.HasOption("usereplacerefs") || isTrue(core.Option("usereplacerefs"))
	c.extensions = map[string]string{}
	for _, o := range raw.Section("extensions").Options {
		c.extensions[strings.ToLower(o.Key)] = strings.ToLower(o.Value)
	}
	return nil
}

// isTrue reads a git boolean.
func isTrue(v string) bool {
	switch strings.ToLower(v) {
	case "true", "yes", "on", "1":
		return true
	}
	return false
}

// knownExtensions are the repository extensions releasebot reads
// correctly: they change nothing it reads, or it honours them itself.
var knownExtensions = map[string]bool{
	"noop": true, "noop-v1": true, "preciousobjects": true, "partialclone": true,
	"worktreeconfig": true, "objectformat": true, "refstorage": true,
}

// supported fails, in one sentence saying what to do, for a repository
// releasebot cannot read: a format version above 1, SHA-256 object names,
// refs in reftable, or (with version 1, as git) an unknown extension.
func (c *repoConfig) supported() error {
	switch c.version {
	case "", "0", "1":
	default:
		return fmt.Errorf("%s: core.repositoryFormatVersion is %s, a repository format releasebot cannot read (it reads versions 0 and 1)", c.path, c.version)
	}
	if f := c.extensions["objectformat"]; f != "" && f != "sha1" {
		return fmt.Errorf("the repository uses %s object names (extensions.objectFormat = %s in %s), which releasebot cannot read yet: it reads SHA-1 repositories only",
			strings.ToUpper(strings.Replace(f, "sha", "SHA-", 1)), f, c.path)
	}
	if r := c.extensions["refstorage"]; r != "" && r != "files" {
		return fmt.Errorf("the repository keeps its refs in %s (extensions.refStorage in %s), which releasebot cannot read yet; "+
			"convert them with `git refs migrate --ref-format=files` (git 2.46 or later)", r, c.path)
	}
	if c.version != "1" {
		return nil
	}
	var unknown []string
	for name := range c.extensions {
		if !knownExtensions[name] {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("the repository uses extensions.%s (in %s), which releasebot does not know; a newer releasebot may read it", unknown[0], c.path)
	}
	return nil
}

// goGit returns the configuration for go-git, without the extensions,
// which releasebot checks itself (see supported): go-git refuses some it
// could read (worktreeConfig, partialClone) for spelling them in lower
// case.
func (c *repoConfig) goGit() (*config.Config, error) {
	cfg, err := config.ReadConfig(bytes.NewReader(c.text))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", c.path, err)
	}
	cfg.Raw.RemoveSection("extensions")
	return cfg, nil
}
