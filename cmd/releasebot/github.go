package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/connect"
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
	j, err := connect.New(ctx, g.options(e))
	if err != nil {
		return err
	}
	defer j.Close()
	rep, err := act(j.Bot, ctx)
	fmt.Fprintf(e.stderr, "releasebot: %d GitHub API calls (%d writes)\n", j.Client.Calls.Total(), j.Client.Calls.Writes())
	if g.jsonOut {
		if jerr := writeJSON(e.stdout, reportJSON(rep)); jerr != nil && err == nil {
			err = jerr
		}
	} else {
		printReport(e, rep)
	}
	return err
}

// options maps flags and the environment onto a run's options.
func (g *ghFlags) options(e *env) connect.Options {
	o := connect.Options{
		Dir: g.dir, History: g.history, ConfigPath: g.config,
		Repo: firstOf(g.repo, e.getenv("GITHUB_REPOSITORY")), Target: firstOf(g.target, g.branch),
		APIURL: firstOf(g.apiURL, e.getenv("GITHUB_API_URL")), ServerURL: e.getenv("GITHUB_SERVER_URL"),
		Token:      firstOf(e.getenv("GITHUB_TOKEN"), e.getenv("GH_TOKEN")),
		Prerelease: g.prerelease, DryRun: g.dryRun, Log: bot.PlainLogger(e.stdout),
	}
	if o.Target == "" && strings.HasPrefix(e.getenv("GITHUB_REF"), "refs/heads/") {
		o.Target = strings.TrimPrefix(e.getenv("GITHUB_REF"), "refs/heads/")
	}
	if g.jsonOut {
		o.Log = bot.PlainLogger(e.stderr) // stdout holds only the JSON report
	}
	if d, err := today(e); err == nil {
		o.Date = d
	}
	return o
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
