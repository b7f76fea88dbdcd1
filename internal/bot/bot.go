package bot

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
)

// Bot runs the use cases for one repository and one target branch.
type Bot struct {
	Host Host
	// History reads the target branch's history and files: the local
	// checkout (an Action) or the GitHub API (the App).
	History history.Reader
	// Owner is the repository's owner, used to name the head of pull
	// requests in messages.
	Owner  string
	Target string
	Config config.Config
	// Remote is the repository's web address, for links in notes.
	Remote release.Remote
	// Date is the release date written in notes; zero means now.
	Date time.Time
	// Log receives one record per thing done, its message a sentence
	// with the values in it and its attributes the same values under
	// fixed keys (see PlainLogger); nil discards them.
	Log *slog.Logger

	// releasePulls caches the release pull requests of this run.
	releasePulls []repohost.Pull
	listed       bool
	// pkg is the package of a bot working for one package's own pull
	// request (separate-pull-requests).
	pkg *plan.Component
}

// recentReleasePulls lists the release pull requests of the target, open
// and closed, most recently updated first: one listing serves publishing
// and the open pull request.
func (b *Bot) recentReleasePulls(ctx context.Context) ([]repohost.Pull, error) {
	if b.listed {
		return b.releasePulls, nil
	}
	pulls, err := b.Host.ListPulls(ctx, repohost.PullQuery{State: "all", Head: b.branch(), Base: b.Target, Limit: 100})
	if err != nil {
		return nil, err
	}
	b.releasePulls, b.listed = pulls, true
	return pulls, nil
}

// Report says what a run did, for the Action's outputs and summaries.
type Report struct {
	// Published lists the releases this run made or completed.
	Published []Published
	// Pull is the release pull request after the run, nil when there is
	// none (nothing to release).
	Pull *repohost.Pull
	// Plan is the pending release the pull request proposes.
	Plan *plan.Result
	// Held is true when files people changed on the release branch no
	// longer apply on the target's new tip: the pull request was left as
	// it is, and they were told which files (see sayBlocked).
	Held bool
	// Packages are the pending releases of a multi-package repository.
	Packages []plan.ComponentResult
	// Pulls are the release pull requests of separate-pull-requests, one
	// per package with a pending release.
	Pulls []repohost.Pull
}

// Published is one release made from a merged release pull request.
type Published struct {
	Version string
	Tag     string
	SHA     string
	Release repohost.Release
	Pull    int
	Notes   string
	// Path is the package's directory, "." for the root (and for a
	// repository without packages).
	Path string
	// Late counts the changes the release notes gained that never reached
	// the pull request (merged after its last refresh).
	Late int
	// lateNotes renders the changes merged after the last refresh, for
	// the marker (see recordLate).
	lateNotes string
	// Below names the latest release when it is higher than this one,
	// which was then not marked latest (a pre-release of a channel, a
	// maintenance release); "" otherwise.
	Below string
}

// Run publishes what is merged and unpublished, then opens or refreshes the
// release pull request on the published state.
func (b *Bot) Run(ctx context.Context) (Report, error) { return b.run(ctx, true, true) }

// Publish tags and releases every merged release pull request whose
// release is not complete.
func (b *Bot) Publish(ctx context.Context) (Report, error) { return b.run(ctx, true, false) }

// PullRequest opens, refreshes or closes the release pull request.
func (b *Bot) PullRequest(ctx context.Context) (Report, error) { return b.run(ctx, false, true) }

// load reads where every component stands (see history.Load).
func (b *Bot) load(ctx context.Context, extra []release.Tag) ([]plan.ComponentState, error) {
	return history.Load(ctx, b.History, b.Config, extra)
}

// branch is the head branch of the release pull request.
func (b *Bot) branch() string {
	if b.pkg != nil {
		return "releasebot/" + b.Target + "--" + strings.ReplaceAll(b.pkg.Name, "/", "-")
	}
	return "releasebot/" + b.Target
}

// title is the release pull request's title for version.
func (b *Bot) title(version string) string {
	if b.pkg != nil {
		version = b.pkg.Name + " " + version
	}
	t := strings.ReplaceAll(b.Config.PullRequest.Title, "${branch}", b.Target)
	return strings.ReplaceAll(t, "${version}", version)
}

// dir is the directory of the package the bot works for, "." for the
// repository.
func (b *Bot) dir() string {
	if b.pkg != nil {
		return b.pkg.Path
	}
	return "."
}

// log is the bot's logger, never nil.
func (b *Bot) log() *slog.Logger { return orDiscard(b.Log) }

func (b *Bot) date() time.Time {
	if b.Date.IsZero() {
		return time.Now().UTC()
	}
	return b.Date
}
