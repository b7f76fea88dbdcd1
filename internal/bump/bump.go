// Package bump is the local use case: write a release's files in a
// checkout, commit and tag them, and describe a build between releases.
package bump

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/releasebot/releasebot/internal/checkout"
	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
)

// BumpOptions say what Bump does beyond writing the files.
type BumpOptions struct {
	Commit bool // commit the release files
	Tag    bool // tag the release commit (implies Commit)
}

// BumpResult says what Bump did.
type BumpResult struct {
	Written []string // files written
	Commit  string   // the release commit, "" when none was made
	Tagged  bool
	Tags    []string // the tags made
	Message string   // the release commit's message
	// Held says, for each package release left out because it cannot be
	// tagged yet (a Go module that needs a /vN path), why.
	Held []string
}

// Release is one release of a Bump: a package's, or the repository's.
type Release struct {
	// Name is the package's name, "" for a single-package repository.
	Name   string
	Result plan.Result
	State  plan.State
	// Config is the package's configuration (its files).
	Config config.Config
}

// Bump writes the files of releases (one per component that releases)
// and, when asked, commits and tags them: one commit holds every file,
// and each release gets its tag. Everything that could fail later (an
// existing tag, a missing git identity, unrelated uncommitted changes) is
// checked before any file is written, so a failed run changes nothing.
// Release files that an earlier `bump` already wrote but did not commit
// are committed too.
func Bump(w *checkout.Workspace, releases []Release, opts BumpOptions) (BumpResult, error) {
	var out BumpResult
	opts.Commit = opts.Commit || opts.Tag
	var files []plan.FileChange
	var names []string
	if opts.Tag {
		var err error
		if releases, out.Held, err = holdBlocked(releases); err != nil {
			return out, err
		}
	}
	for _, r := range releases {
		if opts.Tag {
			if err := checkTagFree(w, r.Result.Tag, r.State); err != nil {
				return out, err
			}
		}
		files = append(files, r.Result.Files...)
		names = append(names, strings.TrimSpace(r.Name+" "+r.Result.Plan.Next.String()))
	}
	var pending []string
	if opts.Commit {
		var err error
		if pending, err = checkCommittable(w, releases); err != nil {
			return out, err
		}
	}
	targets, err := w.WriteTargets(files)
	if err != nil {
		return out, err
	}
	for _, fc := range files {
		out.Written = append(out.Written, fc.Path)
	}
	if len(releases) == 0 {
		return out, nil
	}
	head := releases[0].State.Head
	if opts.Commit {
		// A file written through a symbolic link is committed where the
		// link points, beside the link itself.
		paths := union(union(out.Written, targets), pending)
		if len(paths) > 0 {
			msg := "chore(release): " + strings.Join(names, ", ")
			hash, err := w.Repo().CommitFiles(paths, msg)
			if err != nil {
				return out, fmt.Errorf("committing the release: %w (the files are written; commit them by hand)", err)
			}
			out.Commit, out.Message, head = hash, msg, hash
		}
	}
	if opts.Tag {
		for _, r := range releases {
			if err := w.Repo().CreateTag(r.Result.Tag, head, "Release "+r.Result.Plan.Next.String()+"\n\n"+r.Result.Written); err != nil {
				return out, err
			}
			out.Tags = append(out.Tags, r.Result.Tag)
		}
		out.Tagged = true
	}
	return out, nil
}

// checkTagFree fails when the release tag already names another commit.
func checkTagFree(w *checkout.Workspace, tag string, st plan.State) error {
	for _, tv := range st.Tags {
		if tv.Name == tag {
			return fmt.Errorf("tag %s already exists on commit %s, which HEAD does not contain; merge that commit, delete the tag, or release another version with a Release-As footer", tag, tv.Commit[:7])
		}
	}
	return nil
}

// checkCommittable returns the release files with uncommitted content and
// fails when other tracked files have uncommitted changes, which the release
// commit would otherwise sweep in, or when no git identity is configured.
func checkCommittable(w *checkout.Workspace, releases []Release) ([]string, error) {
	if err := w.Repo().CheckIdentity(); err != nil {
		return nil, err
	}
	changes, err := w.Repo().Uncommitted()
	if err != nil {
		return nil, err
	}
	release := map[string]bool{}
	for _, r := range releases {
		for _, p := range releasePaths(r.Config) {
			release[p] = true
			if target, err := w.Resolve(p); err == nil {
				release[target] = true
			}
		}
	}
	var pending, other []string
	for path, untracked := range changes {
		switch {
		case release[path]:
			pending = append(pending, path)
		case !untracked:
			other = append(other, path)
		}
	}
	if len(other) > 0 {
		sort.Strings(other)
		return nil, fmt.Errorf("the work tree has uncommitted changes (%s); commit or stash them first, or run bump without --commit", other[0])
	}
	return pending, nil
}

// releasePaths are the files a release of this configuration may write.
func releasePaths(cfg config.Config) []string {
	var out []string
	for _, p := range append([]string{cfg.VersionFile, cfg.Changelog.Path}, cfg.VersionFiles...) {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range append(append([]string{}, a...), b...) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// holdBlocked leaves out the releases that cannot be tagged yet and says
// why; the others go on. When every release is blocked, nothing can be
// done and that is the error.
func holdBlocked(releases []Release) (kept []Release, held []string, err error) {
	for _, r := range releases {
		if r.Result.Plan.Blocked == "" {
			kept = append(kept, r)
			continue
		}
		held = append(held, fmt.Sprintf("not tagging %s: %s", r.Result.Tag, r.Result.Plan.Blocked))
	}
	if len(kept) == 0 && len(held) > 0 {
		return nil, nil, errors.New(strings.Join(held, "; "))
	}
	return kept, held, nil
}
