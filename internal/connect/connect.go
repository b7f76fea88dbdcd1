// Package connect wires one releasebot run on a GitHub repository: the forge
// client, the history reader (a checkout or the API), the configuration and
// the bot. The CLI, the Action and the App build their runs with it.
package connect

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/checkout"
	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/forge"
	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/usererr"
)

// Options describe a run.
type Options struct {
	// Dir is the checkout ("" or a directory that is not a checkout means
	// none); History is "local", "api" or "": local when Dir is a complete
	// checkout, the API when there is none or it is shallow.
	Dir, History string
	// ConfigPath names the configuration file (it must then exist);
	// otherwise .github/releasebot.yml is read when present.
	ConfigPath string
	// Repo is OWNER/REPO; empty means the checkout's origin remote.
	Repo string
	// Target is the branch releases are made from; empty means the
	// checkout's branch, else the repository's default branch.
	Target string
	// APIURL and ServerURL are GITHUB_API_URL and GITHUB_SERVER_URL.
	APIURL, ServerURL string
	// Token authenticates; Transport, when set, is used instead (an App
	// installation transport).
	Token     string
	Transport http.RoundTripper
	Retry     forge.Retry
	// Prerelease overrides the configuration when not nil.
	Prerelease *string
	DryRun     bool
	Date       time.Time
	// Log receives what the bot does, or in a dry run would do (see
	// bot.PlainLogger for the records); nil discards it.
	Log *slog.Logger
}

// Run is a wired run. Close releases the checkout.
type Run struct {
	Bot    *bot.Bot
	Client *forge.Client
	close  func()
}

// Close releases what the run opened (the checkout).
func (j *Run) Close() {
	if j.close != nil {
		j.close()
	}
}

// New wires a run.
func New(ctx context.Context, o Options) (*Run, error) {
	j := &Run{}
	w, err := openCheckout(o)
	if err != nil {
		return nil, err
	}
	if w != nil {
		j.close = func() { w.Close() }
	}
	if err := j.wire(ctx, o, w); err != nil {
		j.Close()
		return nil, err
	}
	return j, nil
}

func openCheckout(o Options) (*checkout.Workspace, error) {
	if o.History == "api" {
		return nil, nil
	}
	w, err := checkout.Open(checkout.Options{Dir: o.Dir, ConfigPath: o.ConfigPath, Prerelease: o.Prerelease, Branch: o.Target})
	if err != nil && (o.History == "local" || usererr.Is(err)) {
		return nil, err
	}
	if err != nil {
		return nil, nil // no checkout here: read history through the API
	}
	if shallow, serr := w.Shallow(); serr == nil && shallow && o.History == "" {
		// A shallow clone (actions/checkout's default) lacks history and
		// tags: read them through the API instead of answering wrongly.
		w.Close()
		return nil, nil
	}
	return w, nil
}

func (j *Run) wire(ctx context.Context, o Options, w *checkout.Workspace) error {
	owner, repo, err := repository(o.Repo, w)
	if err != nil {
		return err
	}
	j.Client, err = forge.New(owner, repo, forge.Options{APIURL: o.APIURL, Token: o.Token, Transport: o.Transport, Retry: o.Retry})
	if err != nil {
		return &usererr.Error{Msg: err.Error()}
	}
	target, err := targetBranch(ctx, o.Target, w, j.Client)
	if err != nil {
		return err
	}
	b := &bot.Bot{
		Host: j.Client, Owner: owner, Target: target, Date: o.Date, Log: o.Log,
		Remote: release.Remote{BaseURL: forge.WebURL(o.APIURL, o.ServerURL, owner, repo)},
	}
	if w != nil {
		b.Config, b.History = w.Config, w.History()
	} else {
		if b.Config, err = RemoteConfig(ctx, j.Client, target, o.ConfigPath); err != nil {
			return err
		}
		if o.Prerelease != nil {
			b.Config.Prerelease = *o.Prerelease
			b.Config.Channels = nil // what the command line asks for wins
		}
		b.History = &history.API{Host: j.Client, Branch: target}
	}
	if o.DryRun {
		b.Host = bot.DryRun(j.Client, o.Log)
	}
	j.Bot = b
	return nil
}

// repository is OWNER/REPO from the option, else the checkout's origin.
func repository(full string, w *checkout.Workspace) (string, string, error) {
	if full == "" && w != nil {
		if base := w.Remote().BaseURL; base != "" {
			parts := strings.Split(base, "/")
			full = parts[len(parts)-2] + "/" + parts[len(parts)-1]
		}
	}
	owner, repo, ok := strings.Cut(full, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return "", "", usererr.Errorf("no repository: pass --repo OWNER/REPO or set GITHUB_REPOSITORY")
	}
	return owner, repo, nil
}

// targetBranch is the option, the checkout's branch, or the repository's
// default branch.
func targetBranch(ctx context.Context, target string, w *checkout.Workspace, c *forge.Client) (string, error) {
	if target != "" {
		return target, nil
	}
	if w != nil {
		if b, err := w.Branch(); err == nil && b != "" {
			return b, nil
		}
	}
	return c.DefaultBranch(ctx)
}

// RemoteConfig reads the configuration from a ref through the API, as
// config.Load does: the named file, which must exist, else
// .github/releasebot.yml when it exists. A missing named file, or one read
// but invalid, is a *usererr.Error naming file, line and field; a failure
// of the API is not.
func RemoteConfig(ctx context.Context, c *forge.Client, ref, path string) (config.Config, error) {
	return config.Load(func(p string) ([]byte, error) { return c.ReadFile(ctx, ref, p) }, path)
}
