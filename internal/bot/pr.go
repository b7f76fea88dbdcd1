package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/releasebot/releasebot/internal/semver"
)

// prOutcome is what pullRequest leaves behind.
type prOutcome struct {
	pull *repohost.Pull
	plan *plan.Result
	held bool
}

// ourTrailer and treeTrailer mark the commits releasebot makes on the
// release branch: the base they were computed on and the tree releasebot
// made. A commit that still has that tree is releasebot's (made by a
// concurrent run); one amended or replaced by someone else is not.
const (
	ourTrailer  = "Releasebot-Base: "
	treeTrailer = "Releasebot-Tree: "
)

// pullRequest keeps exactly one release pull request open and up to date
// with the target's tip, or none when nothing is releasable. It writes
// nothing when the pull request already says what it would write. Commits
// people push to the release branch are kept: each refresh lays their edits
// over the new generation (see layOver), and a version they set in a
// version file becomes the release's (see pinned).
func (b *Bot) pullRequest(ctx context.Context, cs plan.ComponentState) (prOutcome, error) {
	var out prOutcome
	st := cs.State
	open, err := b.openReleasePull(ctx)
	if err != nil {
		return out, err
	}
	states := []plan.ComponentState{cs}
	in, err := b.input(ctx, states, open)
	if err != nil {
		return out, err
	}
	compute := func(depth plan.Depth) (plan.Result, error) {
		results, err := plan.Releases(in, states, depth)
		if err != nil {
			return plan.Result{}, err
		}
		return results[0].Result, nil
	}
	planned, err := compute(plan.Notes)
	if err != nil {
		return out, err
	}
	var m Marker
	ok := false
	if open != nil {
		out.pull = open
		m, ok = ParseMarker(open.Body)
	}
	// What people changed on the branch: read now when they pushed since
	// releasebot wrote it (a version they set changes the plan), later
	// when the branch holds edits releasebot kept and must keep again.
	var e edits
	moved := ok && open.HeadSHA != "" && open.HeadSHA != m.Commit
	if moved {
		if e, err = b.readEdits(ctx, open, m, releaseFiles(b.Config)); err != nil {
			return out, err
		}
	}
	pin, pinNotice := b.pinned(e, m, planned.Plan.Current)
	if pin != nil && planned.Plan.Next.String() != pin.String() {
		in.Next, in.NextLevel = pin, semver.None
		if planned, err = compute(plan.Notes); err != nil {
			return out, err
		}
	}
	out.plan = &planned
	if !planned.Plan.Releasable {
		if open != nil {
			return out, b.closeEmpty(ctx, *open, planned)
		}
		b.log().Info("nothing to release: no release pull request needed")
		return out, nil
	}
	title := b.title(planned.Plan.Next.String())
	// The files are a function of the tip, the plan and the edits: when
	// none changed, the pull request is up to date without reading them.
	if ok && !moved && m.Base == st.Head && m.Digest == digest(title, planned) {
		b.log().Info(fmt.Sprintf("release pull request #%d is up to date (%s)", open.Number, planned.Tag), "pull", open.Number, "release", planned.Tag)
		return out, b.fixTitleAndLabel(ctx, open, title)
	}
	if ok && !moved && m.Generated != "" && m.Generated != m.Commit {
		if e, err = b.readEdits(ctx, open, m, releaseFiles(b.Config)); err != nil {
			return out, err
		}
	}
	res, err := compute(plan.Files)
	if err != nil {
		return out, err
	}
	out.plan = &res
	want := b.desired(res, st.Head)
	if pin != nil {
		want.marker.Pin = pin.String()
	}
	if err := b.addLate(ctx, &want, st); err != nil {
		return out, err
	}
	if open == nil {
		p, err := b.openPull(ctx, st, want)
		out.pull = p
		return out, err
	}
	want.pull = open.Number
	if len(e.files) > 0 {
		blocked, err := b.keepEdits(ctx, &want, e, m, res, st.Head)
		if err != nil || blocked {
			out.held = blocked
			return out, err
		}
	}
	if pinNotice != "" {
		want.notices = append(want.notices, pinNotice)
	}
	p, err := b.refreshPull(ctx, *open, st, want)
	out.pull = p
	return out, err
}

// wanted is the release pull request releasebot would have.
type wanted struct {
	title string
	files map[string][]byte
	// created are the files the release creates: none has a mode to keep.
	created map[string]bool
	// edits are the files of the commit that keeps people's edits above
	// the generated one; none when there are no edits to keep.
	edits map[string][]byte
	// notices are said at the top of the body (a version people set that
	// is not used, edits that overlap new entries).
	notices []string
	// pull is the number of the open release pull request, 0 before it
	// is opened.
	pull   int
	marker Marker
	// what names the release in messages ("v1.3.0", "2 packages").
	what string
	// render writes the body for a marker, with notices about people's
	// edits.
	render func(Marker, []string) string
}

// addFiles adds one release's files to w.
func (w *wanted) addFiles(files []plan.FileChange) {
	for _, fc := range files {
		w.files[fc.Path] = fc.New
		if fc.Created {
			w.created[fc.Path] = true
		}
	}
}

func (b *Bot) desired(res plan.Result, base string) wanted {
	w := wanted{title: b.title(res.Plan.Next.String()), files: map[string][]byte{}, created: map[string]bool{}, what: res.Tag}
	w.addFiles(res.Files)
	w.marker = Marker{Version: res.Plan.Next.String(), Tag: res.Tag, Base: base, Digest: digest(w.title, res)}
	w.render = func(m Marker, notices []string) string { return b.body(res, m, notices...) }
	return w
}

// digest identifies what a release pull request proposes at a base commit:
// its title, tag, level, notes and warnings. With the base, it determines
// the files too, as they are computed from the base's files and the plan.
// The release date is left out: a run on the next day with nothing else
// new must not rewrite the pull request.
func digest(title string, res plan.Result) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s", title, res.Tag, res.Plan.Level, res.Body)
	for _, w := range res.Plan.Warnings {
		fmt.Fprintf(h, "\x00%s", w)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// openReleasePull returns the open release pull request, nil when there is
// none. Should a race have left several, the oldest is kept and the others
// closed.
func (b *Bot) openReleasePull(ctx context.Context) (*repohost.Pull, error) {
	recent, err := b.recentReleasePulls(ctx)
	if err != nil {
		return nil, err
	}
	var pulls []repohost.Pull
	for _, p := range recent {
		if p.State == "open" {
			pulls = append(pulls, p)
		}
	}
	if len(pulls) == 0 {
		return nil, nil
	}
	sort.Slice(pulls, func(i, j int) bool { return pulls[i].Number < pulls[j].Number })
	for _, dup := range pulls[1:] {
		b.log().Info(fmt.Sprintf("closing #%d, a duplicate of release pull request #%d", dup.Number, pulls[0].Number), "pull", dup.Number, "duplicate_of", pulls[0].Number)
		if err := b.Host.Comment(ctx, dup.Number, fmt.Sprintf("Closing: #%d is the release pull request for `%s`.", pulls[0].Number, b.Target)); err != nil {
			return nil, err
		}
		if _, err := b.Host.EditPull(ctx, dup.Number, dup.Title, dup.Body, "closed"); err != nil {
			return nil, err
		}
	}
	return &pulls[0], nil
}

func (b *Bot) openPull(ctx context.Context, st plan.State, want wanted) (*repohost.Pull, error) {
	sha, _, err := b.commit(ctx, st, want)
	if err != nil {
		return nil, err
	}
	if err := b.moveBranch(ctx, sha, true); err != nil {
		return nil, err
	}
	want.marker.Commit = sha
	body := want.render(want.marker, want.notices)
	p, err := b.Host.CreatePull(ctx, b.branch(), b.Target, want.title, body)
	if errors.Is(err, repohost.ErrExists) { // opened meanwhile by another run
		b.listed = false
		open, ferr := b.openReleasePull(ctx)
		if ferr != nil || open == nil {
			return nil, fmt.Errorf("opening the release pull request: %w", err)
		}
		return b.editPull(ctx, *open, want.title, body)
	}
	if err != nil {
		return nil, b.pullRefused(ctx, err)
	}
	b.log().Info(fmt.Sprintf("opened release pull request #%d for %s", p.Number, want.what), "pull", p.Number, "release", want.what)
	return &p, b.ensurePending(ctx, p)
}

func (b *Bot) refreshPull(ctx context.Context, open repohost.Pull, st plan.State, want wanted) (*repohost.Pull, error) {
	sha, generated, err := b.commit(ctx, st, want)
	if err != nil {
		return nil, err
	}
	if err := b.moveBranch(ctx, sha, false); err != nil {
		return nil, err
	}
	want.marker.Commit, want.marker.Generated = sha, generated
	p, err := b.editPull(ctx, open, want.title, want.render(want.marker, want.notices))
	if err != nil {
		return nil, err
	}
	b.log().Info(fmt.Sprintf("refreshed release pull request #%d for %s", open.Number, want.what), "pull", open.Number, "release", want.what)
	return p, b.ensurePending(ctx, open)
}

func (b *Bot) editPull(ctx context.Context, p repohost.Pull, title, body string) (*repohost.Pull, error) {
	edited, err := b.Host.EditPull(ctx, p.Number, title, body, "")
	if err != nil {
		return nil, fmt.Errorf("updating release pull request #%d: %w", p.Number, err)
	}
	return &edited, nil
}

// fixTitleAndLabel restores a drifted title or a removed pending label of a
// pull request whose content is up to date, without a new commit.
func (b *Bot) fixTitleAndLabel(ctx context.Context, p *repohost.Pull, title string) error {
	if p.Title != title {
		edited, err := b.editPull(ctx, *p, title, p.Body)
		if err != nil {
			return err
		}
		*p = *edited
	}
	return b.ensurePending(ctx, *p)
}

func (b *Bot) ensurePending(ctx context.Context, p repohost.Pull) error {
	if p.HasLabel(b.Config.Labels.Pending) {
		return nil
	}
	if err := b.Host.AddLabels(ctx, p.Number, b.Config.Labels.Pending); err != nil {
		return fmt.Errorf("labelling #%d: %w", p.Number, err)
	}
	return nil
}

// markerFor returns the marker comment as it appears in body.
func markerFor(body string) string {
	found := markerRE.FindAllString(body, -1)
	if len(found) == 0 {
		return ""
	}
	return found[len(found)-1]
}

// closeEmpty closes a release pull request that has nothing left to
// release, saying why.
func (b *Bot) closeEmpty(ctx context.Context, open repohost.Pull, res plan.Result) error {
	why := "Closing: nothing is left to release"
	if res.Plan.Current != nil {
		why += " since " + res.Plan.Current.String()
	}
	why += "; no commit on `" + b.Target + "` triggers a release any more."
	if err := b.Host.Comment(ctx, open.Number, why); err != nil {
		return err
	}
	if _, err := b.Host.EditPull(ctx, open.Number, open.Title, open.Body, "closed"); err != nil {
		return fmt.Errorf("closing #%d: %w", open.Number, err)
	}
	b.log().Info(fmt.Sprintf("closed release pull request #%d: nothing to release", open.Number), "pull", open.Number)
	return nil
}

// releaseFiles are the files a release of cfg rewrites: its version files
// and its changelog.
func releaseFiles(cfg config.Config) []string {
	out := versionFiles(cfg)
	if cfg.Changelog.Path != "" {
		out = append(out, cfg.Changelog.Path)
	}
	return out
}
