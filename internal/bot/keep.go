package bot

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
)

// keepEdits lays people's edits over the wanted files of a single
// release. blocked is true when files they changed no longer apply on the
// target's new tip: the pull request is then left as it is, and they are
// told once which files.
func (b *Bot) keepEdits(ctx context.Context, want *wanted, e edits, m Marker, res plan.Result, head string) (blocked bool, err error) {
	var sections []sectionEdit
	if path := b.Config.Changelog.Path; path != "" {
		s, err := b.changelogSection(ctx, want, head, path, m.Version, res.Plan.Next.String())
		if err != nil {
			return false, err
		}
		sections = append(sections, s)
	}
	lo, blocked, err := b.lay(ctx, want, e, sections, versionFiles(b.Config), head)
	if err != nil || blocked {
		return blocked, err
	}
	if section, ok := lo.sections[b.Config.Changelog.Path]; ok && section != "" {
		res.Written = section
		want.render = func(m Marker, notices []string) string { return b.body(res, m, notices...) }
	}
	return false, nil
}

// keepPackageEdits is keepEdits for a combined pull request: each
// package's changelog section is merged with people's edits (the notes in
// the body stay as generated), and other files are carried along.
func (b *Bot) keepPackageEdits(ctx context.Context, want *wanted, e edits, m Marker, results []plan.ComponentResult, head string) (blocked bool, err error) {
	was := map[string]string{}
	for _, mp := range m.Packages {
		was[mp.Changelog] = mp.Version
	}
	var sections []sectionEdit
	for _, r := range results {
		path := r.Config.Changelog.Path
		if path == "" || was[path] == "" {
			continue
		}
		s, err := b.changelogSection(ctx, want, head, path, was[path], r.Plan.Next.String())
		if err != nil {
			return false, err
		}
		sections = append(sections, s)
	}
	var files []string
	for _, r := range results {
		files = append(files, versionFiles(r.Config)...)
	}
	for _, path := range files {
		if f, ok := e.files[path]; ok && f.new != nil && !bytes.Equal(f.new, want.files[path]) {
			want.notices = append(want.notices, fmt.Sprintf("`%s` was changed on `%s`; a pull request of several packages takes each version from the commits, so the change is not used. To set a package's version, commit a change to it with a `Release-As: <version>` footer.", path, b.branch()))
		}
	}
	_, blocked, err = b.lay(ctx, want, e, sections, files, head)
	return blocked, err
}

// versionFiles are the version files of a configuration.
func versionFiles(cfg config.Config) []string {
	var out []string
	if cfg.VersionFile != "" {
		out = append(out, cfg.VersionFile)
	}
	return append(out, cfg.VersionFiles...)
}

// changelogSection is the sectionEdit of the changelog at path, whose
// release section was version was when releasebot generated it last and
// is now now: as the release writes the file, or as the target's tip has
// it when the release leaves it alone.
func (b *Bot) changelogSection(ctx context.Context, want *wanted, head, path, was, now string) (sectionEdit, error) {
	generated, ok := want.files[path]
	if !ok {
		var err error
		if generated, err = b.fileOrNil(ctx, head, path); err != nil {
			return sectionEdit{}, err
		}
	}
	return sectionEdit{path: path, was: was, now: now, generated: generated}, nil
}

// lay lays people's edits over the wanted files (see layOver) and puts the
// commit that keeps them, and the notices, in want. blocked is true when
// files they changed no longer apply on the target's new tip: they are
// told once which (see sayBlocked), and want keeps no edits.
func (b *Bot) lay(ctx context.Context, want *wanted, e edits, sections []sectionEdit, versionFiles []string, head string) (lo laidOver, blocked bool, err error) {
	if lo, err = b.layOver(ctx, e, sections, want.files, versionFiles, head); err != nil {
		return lo, false, err
	}
	if len(lo.blocked) > 0 {
		return lo, true, b.sayBlocked(ctx, want, e, lo.blocked)
	}
	want.edits, want.notices = lo.files, append(want.notices, lo.notices...)
	return lo, false, nil
}

// sayBlocked says once, for the branch's tip, which files people changed
// that releasebot cannot carry onto the target's new tip.
func (b *Bot) sayBlocked(ctx context.Context, want *wanted, e edits, paths []string) error {
	open := want.pull
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = "`" + p + "`"
	}
	b.log().Info(fmt.Sprintf("release pull request #%d: %s, changed on %s, no longer apply on %s; leaving the pull request as it is", open, strings.Join(names, ", "), b.branch(), b.Target),
		"pull", open, "branch", b.branch(), "files", paths)
	text := fmt.Sprintf("%s, changed on `%s`, changed on `%s` too since, so releasebot cannot carry your version onto the new tip: it leaves this pull request as it is. "+
		"Merging it still releases every change: publishing adds what the notes lack. To go on, update the files on `%s` (merge `%s` into it), and releasebot picks them up.",
		strings.Join(names, ", "), b.branch(), b.Target, b.branch(), b.Target)
	return b.sayOnce(ctx, open, "blocked "+e.tip, text)
}
