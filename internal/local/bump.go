package local

import (
	"fmt"
	"sort"

	"github.com/releasebot/releasebot/internal/prepare"
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
}

// Bump writes the release's files and, when asked, commits and tags them.
// Everything that could fail later (an existing tag, a missing git
// identity, unrelated uncommitted changes) is checked before any file is
// written, so a failed run changes nothing. Release files that an earlier
// `bump` already wrote but did not commit are committed too.
func (w *Workspace) Bump(res prepare.Result, st prepare.State, opts BumpOptions) (BumpResult, error) {
	var out BumpResult
	opts.Commit = opts.Commit || opts.Tag
	if opts.Tag {
		if err := w.checkTagFree(res.Tag, st); err != nil {
			return out, err
		}
	}
	var pending []string
	if opts.Commit {
		var err error
		if pending, err = w.checkCommittable(); err != nil {
			return out, err
		}
	}
	if err := w.Write(res.Files); err != nil {
		return out, err
	}
	for _, fc := range res.Files {
		out.Written = append(out.Written, fc.Path)
	}
	head := st.Head
	if opts.Commit {
		paths := union(out.Written, pending)
		if len(paths) > 0 {
			hash, err := w.repo.CommitFiles(paths, "chore(release): "+res.Plan.Next.String())
			if err != nil {
				return out, fmt.Errorf("committing the release: %w (the files are written; commit them by hand)", err)
			}
			out.Commit, head = hash, hash
		}
	}
	if opts.Tag {
		if err := w.repo.CreateTag(res.Tag, head, "Release "+res.Plan.Next.String()+"\n\n"+res.Written); err != nil {
			return out, err
		}
		out.Tagged = true
	}
	return out, nil
}

// checkTagFree fails when the release tag already names another commit.
func (w *Workspace) checkTagFree(tag string, st prepare.State) error {
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
func (w *Workspace) checkCommittable() ([]string, error) {
	if err := w.repo.CheckIdentity(); err != nil {
		return nil, err
	}
	changes, err := w.repo.Uncommitted()
	if err != nil {
		return nil, err
	}
	release := map[string]bool{}
	for _, p := range w.releasePaths() {
		release[p] = true
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
func (w *Workspace) releasePaths() []string {
	var out []string
	for _, p := range append([]string{w.Config.VersionFile, w.Config.Changelog.Path}, w.Config.VersionFiles...) {
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
