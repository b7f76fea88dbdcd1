package history

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/versionfile"
)

// loadState finds where a component stands: the highest version tag that
// is the tip or an ancestor of it (candidates tried from the highest down,
// so the usual case costs one Since), the last stable release when that tag
// is a pre-release, and the commits since each. With no such tag, the
// version file's version is current and every commit counts. extra are
// tags known to exist although r may not list them yet.
func loadState(ctx context.Context, r Reader, cfg config.Config, extra []release.Tag) (plan.State, error) {
	var st plan.State
	var err error
	if st.Head, err = r.Tip(ctx); err != nil {
		return st, err
	}
	tags, err := r.Tags(ctx)
	if err != nil {
		return st, err
	}
	st.Tags = release.VersionTags(append(tags, extra...), cfg.TagPrefix)
	for _, tv := range st.Tags {
		st.Tagged = append(st.Tagged, tv.Version)
	}
	current, since, err := reachable(ctx, r, st.Head, st.Tags, false)
	if err != nil {
		return st, err
	}
	var currentVersion *semver.Version
	if current != nil {
		currentVersion = &current.Version
	}
	warning, err := checkOtherTags(ctx, r, st.Head, cfg.TagPrefix, append(tags, extra...), currentVersion)
	if err != nil {
		return st, err
	}
	if warning != "" {
		st.Warnings = append(st.Warnings, warning)
	}
	if current == nil {
		return fromVersionFile(ctx, r, cfg, st)
	}
	st.Current, st.CurrentTag, st.SinceCurrent = &current.Version, current.Name, since
	st.Stable, st.StableTag, st.SinceStable = st.Current, st.CurrentTag, since
	if !current.Version.IsPrerelease() {
		return st, nil
	}
	stable, sinceStable, err := reachable(ctx, r, st.Head, st.Tags, true)
	if err != nil {
		return st, err
	}
	st.Stable, st.StableTag, st.SinceStable = nil, "", sinceStable
	if stable != nil {
		st.Stable, st.StableTag = &stable.Version, stable.Name
	} else if st.SinceStable, _, err = r.Since(ctx, st.Head, ""); err != nil {
		return st, err
	}
	return st, nil
}

// reachable returns the highest version tag that is head or an ancestor of
// it, with the commits since it.
func reachable(ctx context.Context, r Reader, head string, versions []release.TaggedVersion, stableOnly bool) (*release.TaggedVersion, []release.Commit, error) {
	tried := map[string]bool{}
	for i := range versions {
		tv := &versions[i]
		if stableOnly && tv.Version.IsPrerelease() || tried[tv.Commit] {
			continue
		}
		tried[tv.Commit] = true
		commits, ancestor, err := r.Since(ctx, head, tv.Commit)
		if err != nil {
			return nil, nil, err
		}
		if ancestor {
			return tv, commits, nil
		}
	}
	return nil, nil, nil
}

// fromVersionFile is the fallback with no release tag: the version file's
// version (as committed at the tip) is the current one, and the commits
// since the one that last changed the file count; with no version file,
// every commit counts.
func fromVersionFile(ctx context.Context, r Reader, cfg config.Config, st plan.State) (plan.State, error) {
	commits, _, err := r.Since(ctx, st.Head, "")
	if err != nil {
		return st, err
	}
	st.SinceStable, st.SinceCurrent = commits, commits
	path := cfg.VersionFile
	if path == "" {
		return st, nil
	}
	content, err := r.ReadFile(ctx, st.Head, path)
	if errors.Is(err, fs.ErrNotExist) || err == nil && strings.TrimSpace(string(content)) == "" {
		// No version file, or an empty one: no version yet, every commit
		// counts.
		return st, nil
	}
	if err == nil {
		if st.SinceStable, err = sinceChanged(ctx, r, st.Head, commits, path); err != nil {
			return st, err
		}
		st.SinceCurrent = st.SinceStable
	}
	if err != nil {
		return st, fmt.Errorf("reading %s: %w", path, err)
	}
	text, err := versionfile.ReadAs(versionfile.Plain, path, content)
	if err != nil {
		return st, fmt.Errorf("%w; write a SemVer version such as 1.2.3 in it, or tag the last release", err)
	}
	v, err := semver.Parse(text)
	if err != nil {
		return st, fmt.Errorf("%s: %v; write a SemVer version such as 1.2.3 in it, or tag the last release", path, err)
	}
	st.Current, st.FromVersionFile = &v, true
	if !v.IsPrerelease() {
		st.Stable = &v
	}
	return st, nil
}

// sinceChanged returns the commits since the newest commit that changed
// path: that commit set the version, so it and its ancestors are released
// (commits of a branch forked before it and merged after it still count).
func sinceChanged(ctx context.Context, r Reader, head string, commits []release.Commit, path string) ([]release.Commit, error) {
	if len(commits) == 0 {
		return commits, nil
	}
	const batch = 64 // read paths a batch at a time: the change is usually recent
	for start := 0; start < len(commits); start += batch {
		end := min(start+batch, len(commits))
		hashes := make([]string, 0, end-start)
		for _, c := range commits[start:end] {
			hashes = append(hashes, c.Hash)
		}
		paths, err := r.ChangedPaths(ctx, hashes)
		if err != nil {
			return nil, err
		}
		for i := start; i < end; i++ {
			for _, p := range paths[commits[i].Hash] {
				if p == path {
					since, _, err := r.Since(ctx, head, commits[i].Hash)
					return since, err
				}
			}
		}
	}
	return commits, nil
}
