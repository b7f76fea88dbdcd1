package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/releasebot/releasebot/internal/changelog"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
)

// maxLate bounds the late entries a marker carries, within GitHub's limit
// on a body.
const maxLate = 16 << 10

// recordLate keeps, in the merged pull request's marker, the entries its
// release gained at publishing (extra, see lateChanges), so that the next release
// pull request writes them into this release's changelog section: the
// release notes hold them at once, the changelog with the next release.
func (b *Bot) recordLate(ctx context.Context, p repohost.Pull, u unit, extra string) error {
	m, ok := ParseMarker(p.Body)
	if !ok || m.Late != "" || extra == "" || len(extra) > maxLate {
		return nil
	}
	m.Late = extra
	body := strings.Replace(p.Body, markerFor(p.Body), m.String(), 1)
	if len(body) > maxBody {
		return nil
	}
	if _, err := b.Host.EditPull(ctx, p.Number, p.Title, body, ""); err != nil {
		return fmt.Errorf("recording the late changes of %s on #%d: %w", u.tag, p.Number, err)
	}
	for i := range b.releasePulls { // this run's next pull request reads them
		if b.releasePulls[i].Number == p.Number {
			b.releasePulls[i].Body = body
		}
	}
	return nil
}

// addLate writes into the changelog the release pull request rewrites the
// late entries of the last release (see recordLate) that its section
// lacks. It reads nothing beyond the release pull requests already listed.
func (b *Bot) addLate(ctx context.Context, want *wanted, st plan.State) error {
	path := b.Config.Changelog.Path
	content, ok := want.files[path]
	if path == "" || !ok || st.CurrentTag == "" {
		return nil
	}
	recent, err := b.recentReleasePulls(ctx)
	if err != nil {
		return err
	}
	for _, p := range recent {
		m, ok := ParseMarker(p.Body)
		if !p.Merged || !ok || m.Late == "" || m.Tag != st.CurrentTag {
			continue
		}
		section, found := changelog.Section(content, m.Version)
		if !found {
			return nil
		}
		merged, added := changelog.AddEntries(section, m.Late)
		if added == 0 {
			return nil
		}
		if out, ok := changelog.ReplaceSection(content, m.Version, merged); ok {
			want.files[path] = out
			b.log().Info(fmt.Sprintf("adding %d late entries to the %s section of %s", added, m.Version, path), "pull", p.Number, "release", m.Tag)
		}
		return nil
	}
	return nil
}

// lateChanges renders the changes merged into the target after the
// release pull request was last refreshed: between the base its marker
// names and the merge commit, less the commits people pushed to the
// release branch since (see editsAfterRefresh), which a merge or rebase
// brings along. They never reached the pull request, so nobody removed
// them; the release lists them. A multi-package pull request, or one
// without a marker, has none.
func (b *Bot) lateChanges(ctx context.Context, p repohost.Pull, u unit) (string, error) {
	m, ok := ParseMarker(p.Body)
	if !ok || m.Base == "" || len(m.Packages) > 0 || p.MergeSHA == "" {
		return "", nil
	}
	commits, ancestor, err := b.History.Since(ctx, p.MergeSHA, m.Base)
	if err != nil {
		// Best effort: the release goes out with the pull request's notes.
		b.log().Warn(fmt.Sprintf("could not read the commits merged after #%d was last updated: %v", p.Number, err), "pull", p.Number, "error", err)
		return "", nil
	}
	if !ancestor {
		return "", nil
	}
	edits := b.editsAfterRefresh(ctx, p, m)
	var changes []release.Change
	for _, c := range commits {
		if !edits.has(c) {
			changes = append(changes, release.ParseCommit(c)...)
		}
	}
	if len(changes) == 0 {
		return "", nil
	}
	n := release.Notes{Version: u.version, Tag: u.tag, Changes: changes}
	return n.Body(plan.NotesOptions(b.Config, b.Remote)), nil
}
