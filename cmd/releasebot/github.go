package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/forge"
	"github.com/releasebot/releasebot/internal/local"
	"github.com/releasebot/releasebot/internal/release"
)

// ghFlags are the flags of the commands that talk to GitHub.
type ghFlags struct {
	common
	repo, target, apiURL, history string
	dryRun, jsonOut               bool
	timeout                       time.Duration
}

func newGitHubFlags(e *env, name, synopsis string, g *ghFlags) flags {
	fs := newFlags(e, name, synopsis+"\n\nThe token comes from GITHUB_TOKEN (or GH_TOKEN); it is never printed.", &g.common, true)
	fs.StringVar(&g.repo, "repo", "", "the repository `OWNER/REPO` (default: GITHUB_REPOSITORY, else the origin remote)")
	fs.StringVar(&g.target, "target", "", "the `BRANCH` releases are made from (default: the pushed branch, else the checkout's branch, else the default branch)")
	fs.StringVar(&g.apiURL, "api-url", "", "GitHub's API `URL` (default: GITHUB_API_URL, else https://api.github.com; GitHub Enterprise: https://HOST/api/v3)")
	fs.StringVar(&g.history, "history", "", "read history from the `local` checkout or the GitHub `api` (default: local when -C is a checkout)")
	fs.BoolVar(&g.dryRun, "dry-run", false, "print the writes it would make and make none")
	fs.BoolVar(&g.jsonOut, "json", false, "print a JSON report on stdout")
	fs.DurationVar(&g.timeout, "timeout", 10*time.Minute, "give up after `DURATION`")
	return fs
}

func runPR(e *env, args []string) error {
	return runGitHub(e, args, "pr", "Open, refresh or close the release pull request.", (*bot.Bot).PullRequest)
}

func runPublish(e *env, args []string) error {
	return runGitHub(e, args, "publish", "Tag and release every merged release pull request that is not published yet.", (*bot.Bot).Publish)
}

func runRun(e *env, args []string) error {
	return runGitHub(e, args, "run", "Publish what is merged, then open or refresh the release pull request.", (*bot.Bot).Run)
}

func runGitHub(e *env, args []string, name, synopsis string, act func(*bot.Bot, context.Context) (bot.Report, error)) error {
	var g ghFlags
	if err := parse(newGitHubFlags(e, name, synopsis, &g), args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, g.timeout)
	defer cancel()
	b, client, closeFn, err := g.bot(ctx, e)
	if err != nil {
		return err
	}
	defer closeFn()
	rep, err := act(b, ctx)
	fmt.Fprintf(e.stderr, "releasebot: %d GitHub API calls (%d writes)\n", client.Calls.Total(), client.Calls.Writes())
	if g.jsonOut {
		if jerr := writeJSON(e.stdout, reportJSON(rep)); jerr != nil && err == nil {
			err = jerr
		}
	} else {
		printReport(e, rep)
	}
	return err
}

// bot wires the forge client, the history source and the configuration.
func (g *ghFlags) bot(ctx context.Context, e *env) (*bot.Bot, *forge.Client, func(), error) {
	noop := func() {}
	var w *local.Workspace
	if g.history != "api" {
		var err error
		if w, err = g.open(); err != nil {
			if g.history == "local" {
				return nil, nil, noop, err
			}
			w = nil // no checkout here: read history through the API
		}
	}
	closeFn := noop
	if w != nil {
		closeFn = func() { w.Close() }
	}
	owner, repo, err := g.repository(e, w)
	if err != nil {
		closeFn()
		return nil, nil, noop, err
	}
	apiURL := firstOf(g.apiURL, e.getenv("GITHUB_API_URL"))
	client, err := forge.New(owner, repo, forge.Options{APIURL: apiURL, Token: firstOf(e.getenv("GITHUB_TOKEN"), e.getenv("GH_TOKEN"))})
	if err != nil {
		closeFn()
		return nil, nil, noop, usageError{err.Error()}
	}
	target, err := g.targetBranch(ctx, e, w, client)
	if err != nil {
		closeFn()
		return nil, nil, noop, err
	}
	log := e.stdout
	if g.jsonOut {
		log = e.stderr // stdout holds only the JSON report
	}
	b := &bot.Bot{Host: client, Owner: owner, Target: target, Remote: release.Remote{BaseURL: forge.WebURL(apiURL, e.getenv("GITHUB_SERVER_URL"), owner, repo)}, Log: log}
	if d, err := today(e); err == nil {
		b.Date = d
	}
	if w != nil {
		b.Config, b.Source = w.Config, local.Source{W: w}
	} else {
		if b.Config, err = remoteConfig(ctx, client, target, g.config); err != nil {
			closeFn()
			return nil, nil, noop, err
		}
		if g.prerelease != nil {
			b.Config.Prerelease = *g.prerelease
		}
		b.Source = &bot.APISource{Host: client, Branch: target, Config: b.Config}
	}
	if g.dryRun {
		b.Host = bot.DryRun(client, log)
	}
	return b, client, closeFn, nil
}

// repository is OWNER/REPO from the flag, GITHUB_REPOSITORY or origin.
func (g *ghFlags) repository(e *env, w *local.Workspace) (string, string, error) {
	full := firstOf(g.repo, e.getenv("GITHUB_REPOSITORY"))
	if full == "" && w != nil {
		if base := w.Remote().BaseURL; base != "" {
			parts := strings.Split(base, "/")
			full = parts[len(parts)-2] + "/" + parts[len(parts)-1]
		}
	}
	owner, repo, ok := strings.Cut(full, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return "", "", usageError{"no repository: pass --repo OWNER/REPO or set GITHUB_REPOSITORY"}
	}
	return owner, repo, nil
}

// targetBranch is the flag, the pushed branch of an Action, the
// checkout's branch, or the repository's default branch.
func (g *ghFlags) targetBranch(ctx context.Context, e *env, w *local.Workspace, c *forge.Client) (string, error) {
	if g.target != "" {
		return g.target, nil
	}
	if ref := e.getenv("GITHUB_REF"); strings.HasPrefix(ref, "refs/heads/") {
		return strings.TrimPrefix(ref, "refs/heads/"), nil
	}
	if w != nil {
		if b, err := w.Branch(); err == nil && b != "" {
			return b, nil
		}
	}
	return c.DefaultBranch(ctx)
}

// remoteConfig reads the configuration from the target branch through the
// API: the named file, else .github/releasebot.yml when it exists.
func remoteConfig(ctx context.Context, c *forge.Client, target, path string) (config.Config, error) {
	name, required := config.DefaultPath, false
	if path != "" {
		name, required = path, true
	}
	data, err := c.ReadFile(ctx, target, name)
	if errors.Is(err, os.ErrNotExist) && !required {
		return config.Default(), nil
	}
	if err != nil {
		return config.Config{}, err
	}
	return config.Parse(name, data)
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
