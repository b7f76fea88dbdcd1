package local

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/releasebot/releasebot/internal/gitlog"
	"github.com/releasebot/releasebot/internal/prepare"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/versionfile"
)

// State reads the checkout's history. A shallow clone is refused with the
// way to fetch the whole history, since its tags and commits are missing.
// Commits are parsed while the walk finds them (State.Parsed).
func (w *Workspace) State() (st prepare.State, err error) {
	shallow, err := w.repo.Shallow()
	if err != nil {
		return st, err
	}
	if shallow {
		return st, gitlog.ErrShallow
	}
	if st.Head, err = w.repo.Head(); err != nil {
		return st, err
	}
	raw, err := w.repo.Tags()
	if err != nil {
		return st, err
	}
	tags := make([]release.Tag, len(raw))
	for i, t := range raw {
		tags[i] = release.Tag{Name: t.Name, Commit: t.Commit}
	}
	versions := release.VersionTags(tags, w.Config.TagPrefix)
	st.Tags = versions
	for _, tv := range versions {
		st.Tagged = append(st.Tagged, tv.Version)
	}
	parser := newAheadParser()
	defer func() { st.Parsed = parser.finish() }()
	visit := parser.visit
	current, since, err := w.reachable(st.Head, versions, false, visit)
	if err != nil {
		return st, err
	}
	if current == nil {
		return w.fromVersionFile(st, visit)
	}
	st.Current, st.CurrentTag, st.SinceCurrent = &current.Version, current.Name, since
	st.Stable, st.StableTag, st.SinceStable = st.Current, st.CurrentTag, since
	if current.Version.IsPrerelease() {
		stable, sinceStable, err := w.reachable(st.Head, versions, true, visit)
		if err != nil {
			return st, err
		}
		st.Stable, st.StableTag, st.SinceStable = nil, "", nil
		if stable != nil {
			st.Stable, st.StableTag = &stable.Version, stable.Name
		}
		st.SinceStable = sinceStable
		if stable == nil {
			if st.SinceStable, _, err = w.repo.RangeFunc(st.Head, nil, visit); err != nil {
				return st, err
			}
		}
	}
	return st, nil
}

// reachable returns the highest version tag that is HEAD or an ancestor of
// it, with the commits since it. Candidates are tried from the highest
// down; each try is one walk, and the usual case (the highest tag is
// reachable) takes exactly one.
func (w *Workspace) reachable(head string, versions []release.TaggedVersion, stableOnly bool, visit func(release.Commit)) (*release.TaggedVersion, []release.Commit, error) {
	tried := map[string]bool{}
	for i := range versions {
		tv := &versions[i]
		if stableOnly && tv.Version.IsPrerelease() || tried[tv.Commit] {
			continue
		}
		tried[tv.Commit] = true
		commits, ancestors, err := w.repo.RangeFunc(head, []string{tv.Commit}, visit)
		if err != nil {
			return nil, nil, err
		}
		if ancestors[tv.Commit] {
			return tv, commits, nil
		}
	}
	return nil, nil, nil
}

// fromVersionFile is the fallback with no release tag: the version file's
// version is the current one and every commit counts.
func (w *Workspace) fromVersionFile(st prepare.State, visit func(release.Commit)) (prepare.State, error) {
	commits, _, err := w.repo.RangeFunc(st.Head, nil, visit)
	if err != nil {
		return st, err
	}
	st.SinceStable, st.SinceCurrent = commits, commits
	path := w.Config.VersionFile
	if path == "" {
		return st, nil
	}
	content, err := w.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("reading %s: %w", path, err)
	}
	if strings.TrimSpace(string(content)) == "" {
		return st, nil
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
