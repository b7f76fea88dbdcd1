// Package plan turns where a repository stands (history.Load's states), its
// configuration and its current files into releases: for every component,
// the version, the notes and the exact file edits. It is pure: files are
// read through a function, nothing is written. The CLI, the Action and the
// App share it, so a release pull request changes the same bytes that
// `releasebot bump` writes.
package plan

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/releasebot/releasebot/internal/changelog"
	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/versionfile"
)

// Input is everything a release is computed from. Given to Releases, it
// holds what the components share (Config is the repository's); Releases
// sets Config, State, Dir and VersionOnly for each component.
type Input struct {
	Config config.Config
	State  State
	Remote release.Remote
	// Date is the release date written in the notes.
	Date time.Time
	// Read returns a file of the repository at the release's base; a
	// missing file is an error satisfying errors.Is(err, fs.ErrNotExist).
	Read func(path string) ([]byte, error)
	// Pulls, Overrides, Force, ForceLabel and ForcePull carry what pull
	// requests say (see PullFacts and release.Rules); they are empty when
	// no forge was asked.
	Pulls      map[int]release.PullLabel
	Overrides  map[int]string
	Force      semver.Level
	ForceLabel string
	ForcePull  int
	// Branch is the branch released from; it selects a pre-release
	// channel or a maintenance range (see LineOf). "" means neither.
	Branch string
	// Dir is the package's directory ("." or "" for the root), where a
	// go.mod says whether the version may be tagged.
	Dir string
	// Next, when set and above the current version, is the release's
	// version whatever the commits say, at least at NextLevel: a package
	// of a linked group (Releases pins those), or a forced release.
	Next      *semver.Version
	NextLevel semver.Level
	// VersionOnly skips rendering the notes (Heading, Body and
	// Written stay empty): `next` and `describe` print none, and on a long
	// history the rendering costs as much as the decision.
	VersionOnly bool
}

// FileChange is one file the release rewrites.
type FileChange struct {
	Path     string
	Old, New []byte
	// Created is true when the file did not exist.
	Created bool
}

// Result is a prepared release.
type Result struct {
	Plan release.Plan
	// Tag is the next version's tag; PrevTag the tag notes compare with.
	Tag, PrevTag string
	Notes        release.Notes
	// Heading and Body are the rendered notes (Body may be empty).
	Heading, Body string
	// Written is the release's section as the changelog file will hold it,
	// hand-written Unreleased entries folded in; it equals Body when no
	// changelog is written; the changelog's own text only at depth Files.
	Written string
	// Files lists only files whose content changes, in a stable order:
	// the version file, the declared version files, then the changelog.
	Files []FileChange
}

// planComponent computes a component's next release and its notes,
// reading no file: what `next` and `describe` need, which must not depend
// on the state of the files a release would rewrite.
func planComponent(in Input) (Result, error) {
	cfg := in.Config
	rules := Rules(cfg)
	rules.Pulls, rules.Overrides = in.Pulls, in.Overrides
	rules.Force, rules.ForceLabel, rules.ForcePull = in.Force, in.ForceLabel, in.ForcePull
	if in.Branch != "" {
		line := LineOf(cfg, in.Branch)
		rules.Prerelease, rules.Range = line.Prerelease, line.Range
	}
	plan, err := release.Decide(in.State.History, rules)
	if err != nil {
		return Result{}, err
	}
	if in.Next != nil && (plan.Current == nil || semver.Less(*plan.Current, *in.Next)) {
		plan.Next, plan.Releasable = *in.Next, true
		plan.Level = max(plan.Level, in.NextLevel)
	}
	plan.Warnings = append(slices.Clip(in.State.Warnings), plan.Warnings...)
	holdGoModule(in, &plan)
	res := Result{Plan: plan}
	if !plan.Releasable {
		return res, nil
	}
	res.Tag = release.TagName(cfg.TagPrefix, plan.Next)
	res.PrevTag = in.State.StableTag
	if plan.Next.IsPrerelease() && in.State.CurrentTag != "" {
		res.PrevTag = in.State.CurrentTag
	}
	res.Notes = release.Notes{Version: plan.Next, Tag: res.Tag, PrevTag: res.PrevTag, Date: in.Date, Changes: plan.Changes,
		LevelSetBy: plan.LevelSetBy, Lowered: plan.Lowered}
	if in.VersionOnly {
		return res, nil
	}
	opts := NotesOptions(cfg, in.Remote)
	res.Heading, res.Body = res.Notes.Heading(opts), res.Notes.Body(opts)
	res.Written = res.Body
	return res, nil
}

// prepareComponent computes a component's release and the exact edits of
// every file it rewrites. When nothing is releasable the Result holds no files. Errors
// name the file and say what to do. Without a known remote, links are
// taken from the changelog's own link references when it has some.
func prepareComponent(in Input) (Result, error) {
	if in.Remote.BaseURL == "" && in.Config.Changelog.Path != "" {
		if old, err := in.Read(in.Config.Changelog.Path); err == nil {
			in.Remote = remoteFromLinks(old)
		}
	}
	res, err := planComponent(in)
	if err != nil || !res.Plan.Releasable {
		return res, err
	}
	res.Files, err = fileChanges(in, &res)
	return res, err
}

// Rules maps the configuration onto the core's rules.
func Rules(cfg config.Config) release.Rules {
	return release.Rules{
		Bump:           cfg.Bump,
		BreakingAtZero: cfg.BreakingLevel(),
		InitialVersion: initialVersion(cfg),
		Prerelease:     cfg.Prerelease,
	}
}

// initialVersion is the configured first version; Parse has validated it,
// and an unparsable value (a Config built by hand) falls back to 0.1.0.
func initialVersion(cfg config.Config) semver.Version {
	v, err := semver.Parse(cfg.InitialVersion)
	if err != nil {
		return semver.Version{Minor: 1}
	}
	return v
}

// NotesOptions maps the configuration onto the core's notes options.
func NotesOptions(cfg config.Config, remote release.Remote) release.NotesOptions {
	return release.NotesOptions{
		Format:   cfg.Changelog.Format,
		Sections: sections(cfg.Changelog),
		Order:    config.SectionOrder(cfg.Changelog.Format),
		Remote:   remote,
	}
}

// sections merges the user's sections over the format's defaults, keeping
// "" entries, which hide a type or a type(scope) that a broader key shows.
func sections(c config.Changelog) map[string]string {
	out := config.DefaultSections(c.Format)
	if out == nil {
		out = map[string]string{}
	}
	for k, v := range c.Sections {
		out[strings.ToLower(k)] = v
	}
	return out
}

func fileChanges(in Input, res *Result) ([]FileChange, error) {
	cfg := in.Config
	version := res.Plan.Next.String()
	var out []FileChange
	add := func(fc FileChange) {
		if fc.Created || string(fc.Old) != string(fc.New) {
			out = append(out, fc)
		}
	}
	if cfg.VersionFile != "" {
		fc, err := versionFile(in.Read, cfg.VersionFile, versionfile.Plain, version)
		if err != nil {
			return nil, err
		}
		add(fc)
	}
	for _, path := range cfg.VersionFiles {
		fc, err := versionFile(in.Read, path, versionfile.KindOf(path), version)
		if err != nil {
			return nil, err
		}
		add(fc)
	}
	if cfg.Changelog.Path != "" {
		fc, err := changelogFile(in, res)
		if err != nil {
			return nil, err
		}
		add(fc)
	}
	return out, nil
}

// versionFile rewrites one version file. The plain version file is created
// when missing; a declared version file must exist.
func versionFile(read func(string) ([]byte, error), path string, kind versionfile.Kind, version string) (FileChange, error) {
	old, err := read(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && kind == versionfile.Plain:
		return FileChange{Path: path, New: []byte(version + "\n"), Created: true}, nil
	case errors.Is(err, fs.ErrNotExist):
		return FileChange{}, fmt.Errorf("version-files: %s does not exist; create it or remove it from the configuration", path)
	case err != nil:
		return FileChange{}, fmt.Errorf("reading %s: %w", path, err)
	}
	updated, _, err := versionfile.UpdateAs(kind, path, old, version)
	if err != nil {
		return FileChange{}, err
	}
	return FileChange{Path: path, Old: old, New: updated}, nil
}

func changelogFile(in Input, res *Result) (FileChange, error) {
	path := in.Config.Changelog.Path
	old, err := in.Read(path)
	created := errors.Is(err, fs.ErrNotExist)
	if err != nil && !created {
		return FileChange{}, fmt.Errorf("reading %s: %w", path, err)
	}
	rel := changelog.Release{Version: res.Plan.Next.String(), Heading: res.Heading, Body: res.Body}
	if in.Config.Changelog.Format != release.FormatConventional && in.Remote.BaseURL != "" {
		rel.Link = in.Remote.CompareURL(res.PrevTag, res.Tag)
		rel.UnreleasedLink = in.Remote.CompareURL(res.Tag, "HEAD")
	}
	// Promoting a release candidate: its sections go, as the release's own
	// section gathers every change since the last stable release.
	base := old
	if !res.Plan.Next.IsPrerelease() {
		base = changelog.DropCovered(old, rel.Version, res.Body)
	}
	updated, changed, err := changelog.Insert(base, rel)
	if err != nil {
		return FileChange{}, fmt.Errorf("%s: %w", path, err)
	}
	if !changed {
		updated = old // the release is already written: leave the file be
	}
	if written, ok := changelog.Section(updated, rel.Version); ok {
		res.Written = written
	}
	return FileChange{Path: path, Old: old, New: updated, Created: created}, nil
}
