package bot

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/releasebot/releasebot/internal/changelog"
	"github.com/releasebot/releasebot/internal/repohost"
)

// releaseNotes is the release's section of the changelog at the merge
// commit (with any edits made on the release branch, even one that
// emptied it), else, when the changelog or the section is missing, the
// notes of the pull request; it fits GitHub's limit. Changes that never
// reached the pull request are added (see lateChanges): late says how
// many, extra renders them all. Failing to read the changelog is an
// error, not a reason to publish other notes.
func (b *Bot) releaseNotes(ctx context.Context, p repohost.Pull, u unit) (notes string, late int, extra string, err error) {
	v, tag := u.version, u.tag
	found := false
	if path := u.changelog; path != "" {
		content, err := b.Host.ReadFile(ctx, p.MergeSHA, path)
		switch {
		case err == nil:
			notes, found = changelog.Section(content, v.String())
			if !found && u.heading != "" {
				notes, found = changelog.Section(content, u.heading)
			}
		case !errors.Is(err, fs.ErrNotExist):
			return "", 0, "", err
		}
	}
	if !found {
		// A section people emptied is their decision: the body, which
		// may list what they removed, is only for a missing one.
		notes = notesFromBody(p.Body)
	}
	if extra, err = b.lateChanges(ctx, p, u); err != nil {
		return "", 0, "", err
	}
	notes, late = changelog.AddEntries(notes, extra)
	return truncate(notes, "", b.changelogLink(tag)), late, extra, nil
}

// ensureComment says on the pull request where its release is, once, and
// how many changes the notes gained that the pull request did not show.
func (b *Bot) ensureComment(ctx context.Context, p repohost.Pull, tag string, rel repohost.Release, late int) error {
	mark := "<!-- releasebot:published " + tag + " -->"
	comments, err := b.Host.Comments(ctx, p.Number)
	if err != nil {
		return err
	}
	for _, c := range comments {
		if strings.Contains(c, mark) {
			return nil
		}
	}
	verb := "Released as"
	if rel.Draft {
		verb = "Drafted as" // a draft waits for a maintainer to publish it
	}
	lateNote := ""
	switch {
	case late == 1:
		lateNote = " One change merged after this pull request was last updated is added to the release notes."
	case late > 1:
		lateNote = fmt.Sprintf(" %d changes merged after this pull request was last updated are added to the release notes.", late)
	}
	text := fmt.Sprintf("%s [%s](%s).%s\n%s", verb, tag, rel.URL, lateNote, mark)
	if rel.URL == "" {
		text = fmt.Sprintf("%s `%s`.%s\n%s", verb, tag, lateNote, mark)
	}
	return b.Host.Comment(ctx, p.Number, text)
}
