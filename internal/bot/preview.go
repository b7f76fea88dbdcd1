package bot

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/releasebot/releasebot/internal/safetext"
	"github.com/releasebot/releasebot/internal/semver"
)

// PullCommits reads the commits a pull request would bring.
type PullCommits interface {
	// Brought returns the commits reachable from head and not from base,
	// newest first, whether or not head contains base (a pull request whose
	// base moved on since it forked is the usual case).
	Brought(ctx context.Context, base, head string) ([]release.Commit, error)
}

// PreviewOptions say how a pull request lands on its base.
type PreviewOptions struct {
	// Squash is true when the repository merges pull requests only by
	// squashing: the pull request lands as one commit whose subject is its
	// title and whose body lists its commits, as GitHub writes it. The
	// title must then be a conventional commit.
	Squash bool
	// InvalidTitle is the conclusion when Squash is set and the title is
	// not a conventional commit: "failure" (the default) or "neutral".
	InvalidTitle string
}

// Preview is what merging a pull request would release, worded for the
// check run named releasebot.
type Preview struct {
	// Conclusion is "success", "neutral" or "failure".
	Conclusion string
	// Title is one line; Summary is Markdown.
	Title, Summary string
	// Releasable says whether merging releases; Version and Level are then
	// the release it makes.
	Releasable bool
	Version    string
	Level      semver.Level
	// Triggers are the pull request's own changes that raise the version
	// (for the release pull request: every change of the release).
	Triggers []release.Trigger
	// TitleOK is false when squash merging and the title is not a
	// conventional commit.
	TitleOK bool
}

// Preview computes what merging pr into the target would release: the
// target's history, the bump labels of merged pull requests and of pr, and
// pr's commits (compared from the target's tip), or, when squash merging,
// the one commit GitHub would make. It writes nothing. Errors are failures
// to read; a release that cannot be made (a version that would not go up)
// is a failing preview.
func (b *Bot) Preview(ctx context.Context, pc PullCommits, pr repohost.Pull, o PreviewOptions) (Preview, error) {
	states, err := b.load(ctx, nil)
	if err != nil {
		return Preview{}, err
	}
	open, err := b.currentReleasePull(ctx)
	if err != nil {
		return Preview{}, err
	}
	in, err := b.input(ctx, states, open)
	if err != nil {
		return Preview{}, err
	}
	before, berr := plan.Releases(in, states, plan.Notes)
	if pr.Head == b.branch() {
		return b.releasePullPreview(before, berr), nil
	}
	commits, err := pc.Brought(ctx, states[0].State.Head, pr.HeadSHA)
	if err != nil {
		return Preview{}, fmt.Errorf("reading the commits of #%d: %w", pr.Number, err)
	}
	landed := landing(pr, commits, o.Squash, b.date())
	after, err := b.withLanded(ctx, states, pr, commits, landed, o.Squash)
	if err != nil {
		return Preview{}, err
	}
	in.Pulls = withPullLabel(in.Pulls, pr, b.Config.Labels)
	in.Overrides = withOverride(in.Overrides, pr)
	results, aerr := plan.Releases(in, after, plan.Notes)
	var p Preview
	switch {
	case aerr != nil:
		p = Preview{Conclusion: "failure", Title: "Merging this PR cannot release", TitleOK: true,
			Summary: "releasebot could not compute the release this pull request would make: " + aerr.Error() + "\n"}
	case b.multi():
		if berr != nil {
			return Preview{}, berr
		}
		p = describePackages(before, results)
	default:
		p = Preview{TitleOK: true}
		var was plan.Result
		if berr == nil {
			was = before[0].Result
		}
		p.describe(pr, landed, was, berr, results[0].Plan, b.Target, b.Config.Labels.None)
		p.Summary += newWarnings(was.Plan.Warnings, results[0].Plan.Warnings)
	}
	if o.Squash {
		p.checkTitle(pr, landed, o.InvalidTitle)
	}
	return p, nil
}

// currentReleasePull is the open release pull request (the oldest, should
// a race have left several), without closing duplicates: a preview writes
// nothing.
func (b *Bot) currentReleasePull(ctx context.Context) (*repohost.Pull, error) {
	recent, err := b.recentReleasePulls(ctx)
	if err != nil {
		return nil, err
	}
	var open *repohost.Pull
	for i, p := range recent {
		if p.State == "open" && (open == nil || p.Number < open.Number) {
			open = &recent[i]
		}
	}
	return open, nil
}

// landing is the commits merging pr adds to its base, newest first: its
// own commits, or the single commit a squash merge makes of them.
func landing(pr repohost.Pull, commits []release.Commit, squash bool, now time.Time) []release.Commit {
	if !squash {
		return commits
	}
	msg := fmt.Sprintf("%s (#%d)", strings.TrimSpace(pr.Title), pr.Number)
	var bullets []string
	for i := len(commits) - 1; i >= 0; i-- {
		if !commits[i].Merge {
			bullets = append(bullets, "* "+strings.TrimSpace(commits[i].Message))
		}
	}
	if len(bullets) > 0 {
		msg += "\n\n" + strings.Join(bullets, "\n\n")
	}
	return []release.Commit{{Hash: pr.HeadSHA, Message: msg, Time: now}}
}

// withCommits is st with the landed commits on top of its history, as
// brought by pr. st is not modified.
func withCommits(st plan.State, pr repohost.Pull, landed []release.Commit) plan.State {
	st.SinceStable = append(slices.Clone(landed), st.SinceStable...)
	st.SinceCurrent = append(slices.Clone(landed), st.SinceCurrent...)
	st.CommitPulls = maps.Clone(st.CommitPulls)
	if st.CommitPulls == nil {
		st.CommitPulls = map[string]int{}
	}
	for _, c := range landed {
		st.CommitPulls[c.Hash] = pr.Number
	}
	return st
}

// withPullLabel is pulls with pr's bump label, when it has one. pulls is
// not modified.
func withPullLabel(pulls map[int]release.PullLabel, pr repohost.Pull, names config.Labels) map[int]release.PullLabel {
	l, ok := pullLabel(names, pr.Labels)
	if !ok {
		return pulls
	}
	out := maps.Clone(pulls)
	if out == nil {
		out = map[int]release.PullLabel{}
	}
	l.Title = pr.Title
	out[pr.Number] = l
	return out
}

// describe words what merging a pull request releases: after is the plan
// with it, before the plan without it (berr when that failed).
func (p *Preview) describe(pr repohost.Pull, landed []release.Commit, before plan.Result, berr error, after release.Plan, target, noneLabel string) {
	own := map[string]bool{}
	for _, c := range landed {
		own[c.Hash] = true
	}
	for _, t := range after.Triggers {
		if own[t.Commit.Hash] {
			p.Triggers = append(p.Triggers, t)
		}
	}
	p.Conclusion = "success"
	pending := berr == nil && before.Plan.Releasable
	var sb strings.Builder
	if len(p.Triggers) > 0 && after.Releasable {
		p.Releasable, p.Version, p.Level = true, after.Next.String(), after.Level
		p.Title = fmt.Sprintf("Merging this PR releases %s (%s): %s", p.Version, p.Level, triggerList(p.Triggers))
		fmt.Fprintf(&sb, "Merging this pull request releases **%s** (%s). Its changes that raise the version:\n\n", p.Version, p.Level)
		writeTriggers(&sb, p.Triggers)
		switch {
		case !pending:
			fmt.Fprintf(&sb, "\nNothing else is waiting on `%s`: this pull request alone makes the release.\n", target)
		case before.Plan.Next.String() == p.Version:
			fmt.Fprintf(&sb, "\nCommits already on `%s` release %s too; this pull request joins them.\n", target, p.Version)
		default:
			fmt.Fprintf(&sb, "\nWithout it, the next release would be %s (%s).\n", before.Plan.Next, before.Plan.Level)
		}
	} else {
		why := noReleaseReason(pr, landed, noneLabel)
		p.Title = "No release: " + why
		fmt.Fprintf(&sb, "Merging this pull request releases nothing by itself: %s.\n", why)
		if pending {
			fmt.Fprintf(&sb, "\nThe pending release **%s** (%s), from commits already on `%s`, is unchanged.\n", before.Plan.Next, before.Plan.Level, target)
		}
	}
	p.Summary = sb.String()
}

// releasePullPreview is the preview of the release pull request itself:
// merging it publishes the pending release.
func (b *Bot) releasePullPreview(results []plan.ComponentResult, err error) Preview {
	if err == nil && b.multi() {
		return describePackages(make([]plan.ComponentResult, len(results)), results)
	}
	p := Preview{TitleOK: true}
	var before plan.Result
	if err == nil {
		before = results[0].Result
	}
	switch {
	case err != nil:
		p.Conclusion, p.Title = "failure", "Merging this PR cannot release"
		p.Summary = "releasebot could not compute the release: " + err.Error() + "\n"
	case !before.Plan.Releasable:
		p.Conclusion, p.Title = "neutral", "No release: nothing is left to release"
		p.Summary = fmt.Sprintf("No commit on `%s` triggers a release any more; releasebot closes this pull request on its next run.\n", b.Target)
	default:
		p.Conclusion, p.Releasable = "success", true
		p.Version, p.Level, p.Triggers = before.Plan.Next.String(), before.Plan.Level, before.Plan.Triggers
		p.Title = fmt.Sprintf("Merging this PR releases %s (%s)", p.Version, p.Level)
		if len(p.Triggers) > 0 {
			p.Title += ": " + triggerList(p.Triggers)
		}
		var sb strings.Builder
		fmt.Fprintf(&sb, "Merging this pull request tags `%s` and publishes release **%s** (%s). The changes that raise the version:\n\n", before.Tag, p.Version, p.Level)
		writeTriggers(&sb, p.Triggers)
		p.Summary = sb.String()
	}
	return p
}

// checkTitle checks, for a squash merge, that the title is a conventional
// commit, and says how to fix it when it is not.
func (p *Preview) checkTitle(pr repohost.Pull, landed []release.Commit, invalid string) {
	title := strings.TrimSpace(pr.Title)
	if changes := release.ParseCommit(release.Commit{Message: title}); len(changes) > 0 {
		p.Summary += fmt.Sprintf("\nThis repository squash-merges: the title `%s` becomes the commit releasebot reads, and it is a conventional commit.\n", oneLine(title))
		return
	}
	p.TitleOK = false
	suggestion := suggestTitle(title, p.Triggers, landed)
	conclusion := "failure"
	if invalid == "neutral" {
		conclusion = "neutral"
	}
	if p.Conclusion != "failure" {
		p.Conclusion = conclusion
	}
	p.Title = fmt.Sprintf("The PR title is not a conventional commit: rename it to %q", suggestion)
	p.Summary = fmt.Sprintf("This repository squash-merges, so the pull request's title becomes the commit that releasebot reads, "+
		"and `%s` is not a conventional commit.\n\n**Fix:** rename the pull request to `type(scope): description`, for example\n\n"+
		"    %s\n\n`feat` makes a minor release; `fix`, `perf` and `revert` a patch; `docs`, `chore`, `refactor`, `test`, `build` and `ci` none; "+
		"`!` after the type (`feat!:`) marks a breaking change.\n\n---\n\n", oneLine(title), suggestion) + p.Summary
}

// suggestTitle proposes a conventional title: the type of the pull
// request's strongest change (fix when it has none) and the old title.
func suggestTitle(title string, triggers []release.Trigger, landed []release.Commit) string {
	typ := "fix"
	if len(triggers) > 0 {
		typ = triggers[0].Type
		for _, t := range triggers[1:] {
			if t.Level > triggers[0].Level {
				typ = t.Type
			}
		}
	} else {
		for _, c := range landed {
			if changes := release.ParseCommit(c); len(changes) > 0 && changes[0].Type != "" {
				typ = changes[0].Type
				break
			}
		}
	}
	desc := strings.TrimSpace(title)
	if desc == "" {
		desc = "describe the change"
	}
	first, size := utf8.DecodeRuneInString(desc)
	if next, _ := utf8.DecodeRuneInString(desc[size:]); !unicode.IsUpper(next) {
		desc = string(unicode.ToLower(first)) + desc[size:]
	}
	return typ + ": " + oneLine(desc)
}

// noReleaseReason says why a pull request releases nothing.
func noReleaseReason(pr repohost.Pull, landed []release.Commit, noneLabel string) string {
	if pr.HasLabel(noneLabel) {
		return "labelled " + noneLabel
	}
	var types []string
	unconventional := 0
	for i := len(landed) - 1; i >= 0; i-- { // oldest first
		c := landed[i]
		if c.Merge {
			continue
		}
		changes := release.ParseCommit(c)
		if len(changes) == 0 {
			unconventional++
		}
		for _, ch := range changes {
			if ch.Type != "" && !slices.Contains(types, ch.Type) {
				types = append(types, ch.Type)
			}
		}
	}
	switch {
	case len(landed) == 0:
		return "this pull request brings no commits"
	case len(types) == 0:
		return "no conventional commits"
	}
	why := "only " + andList(types) + " commits"
	if unconventional > 0 {
		why += " and commits that are not conventional"
	}
	return why
}

// triggerList is the first trigger's header, and how many more there are,
// as plain text (a check run's title).
func triggerList(ts []release.Trigger) string {
	s := safetext.Plain(header(ts[0].Change))
	if len(ts) > 1 {
		s += fmt.Sprintf(" and %d more", len(ts)-1)
	}
	return s
}

func writeTriggers(sb *strings.Builder, ts []release.Trigger) {
	for _, t := range ts {
		fmt.Fprintf(sb, "- %s (%s)\n", safetext.Markdown(header(t.Change)), t.Level)
	}
}

// header is a change's header as its author wrote it, on one line:
// type(scope)!: text. It is commit text: write it through safetext.
func header(c release.Change) string {
	s := c.Type
	if c.Scope != "" {
		s += "(" + c.Scope + ")"
	}
	if c.Breaking {
		s += "!"
	}
	desc, _, _ := strings.Cut(c.Description, "\n")
	if s == "" {
		return strings.TrimSpace(desc)
	}
	return s + ": " + strings.TrimSpace(desc)
}

func andList(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// oneLine keeps the first line of s, without backticks that would end
// the code span it is shown in, nor control characters.
func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return safetext.Plain(strings.ReplaceAll(strings.TrimSpace(s), "`", "'"))
}

// newWarnings renders the warnings merging a pull request would add (a
// commit outside a maintenance branch's range, a Go module needing /vN).
func newWarnings(before, after []string) string {
	known := map[string]bool{}
	for _, w := range before {
		known[w] = true
	}
	var sb strings.Builder
	for _, w := range after {
		if !known[w] {
			fmt.Fprintf(&sb, "\n> [!WARNING]\n> %s\n", quoted(w))
		}
	}
	return sb.String()
}
