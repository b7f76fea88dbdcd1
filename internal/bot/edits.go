package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/releasebot/releasebot/internal/changelog"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/versionfile"
)

// generatedTrailer marks the commit releasebot makes to keep people's
// edits: it names the generated commit below it, whose files are what
// releasebot wrote, so that the next run tells their edits from its text.
const generatedTrailer = "Releasebot-Generated: "

// editedFile is a file people changed on the release branch: as releasebot
// generated it (old, nil when it did not exist) and as people left it
// (new, nil when they deleted it).
type editedFile struct{ old, new []byte }

// edits are what people changed on the release branch since releasebot's
// last generated commit (base) up to the branch's tip.
type edits struct {
	base, tip string
	files     map[string]editedFile
}

// readEdits finds what people changed on the release branch of open: the
// difference between the commit releasebot generated last (recorded in the
// marker, or named by the tip when a concurrent run made it) and the tip.
// A branch releasebot alone wrote has none. release are the release's own
// files (changelogs, version files), compared even when the comparison
// does not list them.
func (b *Bot) readEdits(ctx context.Context, open *repohost.Pull, m Marker, release []string) (edits, error) {
	e := edits{tip: open.HeadSHA, base: m.Generated}
	if e.base == "" {
		e.base = m.Commit // a marker from before edits were kept
	}
	if e.tip == "" || e.base == "" {
		return edits{}, nil
	}
	if e.tip != m.Commit {
		ours, generated, err := b.ourCommit(ctx, e.tip)
		if err != nil {
			return edits{}, err
		}
		if ours { // a concurrent run moved the branch: its generated commit is the base
			e.base = generated
		}
	}
	if e.base == e.tip {
		return edits{}, nil
	}
	paths, err := b.Host.ChangedFiles(ctx, e.base, e.tip)
	if err != nil {
		return edits{}, fmt.Errorf("reading the edits on %s: %w", b.branch(), err)
	}
	e.files = map[string]editedFile{}
	listed := map[string]bool{}
	for _, path := range paths {
		listed[path] = true
	}
	// The release's own files are compared whatever the listing says: a
	// comparison that lists no files must not lose an edit of the notes.
	for _, path := range release {
		if !listed[path] {
			paths, listed[path] = append(paths, path), true
		}
	}
	for _, path := range paths {
		var f editedFile
		if f.old, err = b.fileOrNil(ctx, e.base, path); err != nil {
			return edits{}, err
		}
		if f.new, err = b.fileOrNil(ctx, e.tip, path); err != nil {
			return edits{}, err
		}
		if !bytes.Equal(f.old, f.new) || f.old == nil != (f.new == nil) {
			e.files[path] = f
		}
	}
	return e, nil
}

// fileOrNil reads a file at a commit through the host; nil when missing.
func (b *Bot) fileOrNil(ctx context.Context, ref, path string) ([]byte, error) {
	data, err := b.Host.ReadFile(ctx, ref, path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

// ourCommit reports whether a commit is one releasebot made and nobody
// changed (its message names the tree releasebot made, and the commit still
// has that tree: an amended commit keeps the message but not the tree),
// and for a commit that keeps people's edits, the generated commit below
// it (the commit itself for a generated commit, which is then its own
// base).
func (b *Bot) ourCommit(ctx context.Context, sha string) (ours bool, generated string, err error) {
	msg, err := b.Host.CommitMessage(ctx, sha)
	if err != nil || !strings.Contains(msg, ourTrailer) {
		return false, "", err
	}
	made := trailer(msg, treeTrailer)
	if made == "" {
		return false, "", nil
	}
	if tree, err := b.Host.TreeOf(ctx, sha); err != nil || tree != made {
		return false, "", err
	}
	if generated = trailer(msg, generatedTrailer); generated == "" {
		generated = sha
	}
	return true, generated, nil
}

// trailer is the value of the last line of msg starting with key, "" when
// there is none.
func trailer(msg, key string) string {
	i := strings.LastIndex(msg, key)
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(strings.SplitN(msg[i+len(key):], "\n", 2)[0])
}

// pinned is the version people asked for by editing a version file on the
// release branch (nil when they did not, or asked for one that cannot be),
// with a notice for the pull request when their value is not used. A pin
// recorded by an earlier run stands until people change the file again.
func (b *Bot) pinned(e edits, m Marker, current *semver.Version) (*semver.Version, string) {
	for _, path := range versionFiles(b.Config) {
		f, ok := e.files[path]
		if !ok || f.new == nil {
			continue
		}
		kind := versionfile.KindOf(path)
		if path == b.Config.VersionFile {
			kind = versionfile.Plain
		}
		text, err := versionfile.ReadAs(kind, path, f.new)
		if err != nil {
			return nil, fmt.Sprintf("`%s` was changed on `%s`, but not to a version releasebot can use (%v); the release's version is computed from the commits.", path, b.branch(), err)
		}
		if f.old != nil {
			if was, err := versionfile.ReadAs(kind, path, f.old); err == nil && was == text {
				continue // people changed something else in the file
			}
		}
		return checkPin(path, b.branch(), text, current)
	}
	if m.Pin != "" {
		return checkPin("", b.branch(), m.Pin, current)
	}
	return nil, ""
}

// checkPin accepts a version people set if it is SemVer and above the
// current release.
func checkPin(path, branch, text string, current *semver.Version) (*semver.Version, string) {
	v, err := semver.Parse(strings.TrimSpace(text))
	where := fmt.Sprintf("`%s` on `%s`", path, branch)
	if path == "" {
		where = "The version set earlier on `" + branch + "`"
	}
	switch {
	case err != nil:
		return nil, fmt.Sprintf("%s says `%s`, which is not a SemVer version (%v); the release's version is computed from the commits.", where, strings.TrimSpace(text), err)
	case current != nil && !semver.Less(*current, v):
		return nil, fmt.Sprintf("%s says `%s`, which is not above the last release %s; the release's version is computed from the commits.", where, v, current)
	}
	return &v, ""
}

// sectionEdit names a release section of a changelog: the version it had
// when releasebot generated it last, and the version it has now.
type sectionEdit struct {
	path      string
	was, now  string
	generated []byte // the changelog as releasebot generates it now
}

// laidOver is the result of laying people's edits over a new generation.
type laidOver struct {
	// files are the contents of the commit that keeps the edits, nil when
	// the generation already says everything.
	files map[string][]byte
	// sections are the merged sections by changelog path, for the body.
	sections map[string]string
	// notices are said in the pull request's body.
	notices []string
	// blocked are other files people changed that no longer apply on the
	// target's new tip.
	blocked []string
}

// layOver lays people's edits over the generated files: changelog sections
// merged three ways, version files left as generated (a version people
// set is already the release's, see pinned), any other file carried along
// when the target did not change it since the edit (see carries).
// versionFiles are the release's version files; newBase is the target's
// commit this generation is made on.
func (b *Bot) layOver(ctx context.Context, e edits, sections []sectionEdit, generated map[string][]byte, versionFiles []string, newBase string) (laidOver, error) {
	out := laidOver{files: map[string][]byte{}, sections: map[string]string{}}
	release := map[string]bool{}
	for _, p := range versionFiles {
		release[p] = true
	}
	bySection := map[string]sectionEdit{}
	for _, s := range sections {
		bySection[s.path] = s
	}
	var targetChanged map[string]bool // read once, when needed
	paths := make([]string, 0, len(e.files))
	for p := range e.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, path := range paths {
		f := e.files[path]
		if s, ok := bySection[path]; ok {
			merged, section, notice := mergeChangelog(path, f, s)
			if notice != "" {
				out.notices = append(out.notices, notice)
			}
			out.sections[path] = section
			if !bytes.Equal(merged, s.generated) {
				out.files[path] = merged
			}
			continue
		}
		if release[path] {
			continue
		}
		carry, err := b.carries(ctx, e, path, f, newBase, &targetChanged)
		if err != nil {
			return out, err
		}
		switch {
		case !carry:
			out.blocked = append(out.blocked, path)
		case !bytes.Equal(f.new, generated[path]):
			out.files[path] = f.new
		}
	}
	if len(out.files) == 0 {
		out.files = nil
	}
	return out, nil
}

// carries tells whether a file people changed on the release branch (not
// a release file) goes onto the target's new tip: when the target has it
// as they found it or as they left it, or when the target has not changed
// it since the branch and the target last met (people merged the target
// into the branch and resolved the file). A file they deleted is not
// carried. targetChanged caches the target's changes since that meeting
// point (GitHub's three-dot comparison from the branch's tip).
func (b *Bot) carries(ctx context.Context, e edits, path string, f editedFile, newBase string, targetChanged *map[string]bool) (bool, error) {
	if f.new == nil {
		return false, nil
	}
	now, err := b.fileOrNil(ctx, newBase, path)
	if err != nil {
		return false, err
	}
	if bytes.Equal(now, f.old) || bytes.Equal(now, f.new) {
		return true, nil
	}
	if *targetChanged == nil {
		paths, err := b.Host.ChangedFiles(ctx, e.tip, newBase)
		if err != nil {
			return false, err
		}
		*targetChanged = map[string]bool{}
		for _, p := range paths {
			(*targetChanged)[p] = true
		}
	}
	return !(*targetChanged)[path], nil
}

// mergeChangelog merges people's edits of a changelog with its new
// generation: the release's section entry by entry (changelog.MergeSection),
// the rest of the file as a whole (people's text when only they changed
// it). It returns the file, the release's merged section and a notice when
// people's text was kept over a generated change.
func mergeChangelog(path string, f editedFile, s sectionEdit) (file []byte, section, notice string) {
	ours, _ := changelog.Section(s.generated, s.now)
	if f.new == nil {
		return s.generated, ours, fmt.Sprintf("`%s` was deleted on the release branch; releasebot writes it again.", path)
	}
	base, _ := changelog.Section(f.old, s.was)
	theirs, found := changelog.Section(f.new, s.was)
	if !found {
		return f.new, "", fmt.Sprintf("The %s section of `%s` was renamed or removed on the release branch, so releasebot cannot add the new entries to it: your text is kept as it is, and publishing adds every change it lacks to the release notes.", s.was, path)
	}
	merged, conflict := changelog.MergeSection(base, theirs, ours)
	file, _ = changelog.ReplaceSection(s.generated, s.now, merged)
	restBase, restTheirs := changelog.WithoutSection(f.old, s.was), changelog.WithoutSection(f.new, s.was)
	if restTheirs != restBase {
		// People edited the file around the section too: their file, with
		// the section merged and headed as generated.
		file = withHeading(f.new, s.was, s.generated, s.now, merged)
	}
	if conflict {
		notice = fmt.Sprintf("Some entries of `%s` were edited on the release branch and changed by new commits too: your words are kept, and the new entries are added.", path)
	}
	return file, merged, notice
}

// withHeading is content with version was's section given the heading
// version now has in generated, and body as its text.
func withHeading(content []byte, was string, generated []byte, now, body string) []byte {
	out, _ := changelog.ReplaceSection(content, was, body)
	oldHead, ok1 := changelog.HeadingLine(content, was)
	newHead, ok2 := changelog.HeadingLine(generated, now)
	if ok1 && ok2 {
		out = bytes.Replace(out, []byte(oldHead), []byte(newHead), 1)
	}
	return out
}

// branchCommits are commits of the release branch, matched by hash and,
// for the copies a rebase merge makes on the target, by message, author
// and author time.
type branchCommits map[string]bool

func (s branchCommits) has(c release.Commit) bool {
	return s[c.Hash] || s[copyKey(c)]
}

func copyKey(c release.Commit) string {
	return c.Message + "\x00" + c.Author + "\x00" + c.Time.UTC().Format(time.RFC3339Nano)
}

// editsAfterRefresh returns the commits people pushed to the release
// branch of the merged pull request p after releasebot last refreshed it
// (the marker's commit up to the pull request's head). They edit the pull
// request; they are not changes merged into the target, and a commit
// pushed before the refresh is absorbed into the refresh in the same way.
// When they include a merge commit (people merged the target into the
// branch), the commits it brought are the target's own and cannot be told
// from theirs, so none is returned, and likewise when the branch cannot be
// read: listing an edit as a change is better than losing a change.
func (b *Bot) editsAfterRefresh(ctx context.Context, p repohost.Pull, m Marker) branchCommits {
	if p.HeadSHA == "" || m.Commit == "" || p.HeadSHA == m.Commit {
		return nil
	}
	commits, ancestor, err := b.History.Since(ctx, p.HeadSHA, m.Commit)
	if err != nil {
		b.log().Warn(fmt.Sprintf("could not read the commits pushed to %s after #%d was last updated: %v", b.branch(), p.Number, err), "pull", p.Number, "error", err)
		return nil
	}
	if !ancestor {
		return nil
	}
	out := branchCommits{}
	for _, c := range commits {
		if c.Merge {
			return nil
		}
		out[c.Hash], out[copyKey(c)] = true, true
	}
	return out
}
