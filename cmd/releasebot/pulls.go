package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/checkout"
	"github.com/releasebot/releasebot/internal/forge"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/safetext"
)

// pullsTimeout bounds the reading of pull requests by a local command.
const pullsTimeout = time.Minute

// notRead begins the line that says the answer was computed without what
// pull requests say.
const notRead = "releasebot: note: labels and overrides of pull requests were not read"

// readPulls makes w read the bump labels and commit overrides of the pull
// requests behind its commits from GitHub, as the bot reads them, so that
// a local answer equals the bot's. It needs a token (GITHUB_TOKEN or
// GH_TOKEN) and an origin remote on GitHub: github.com, or any host when
// GITHUB_API_URL names its API (GitHub Enterprise Server). Otherwise, or
// when GitHub cannot be read, the release is computed from the commits
// alone and, once the history is read, one line on stderr says so and how
// to have them read. A checkout with no origin remote has no pull
// requests to read, and nothing is said. target is the --branch flag (""
// for the checkout's branch).
func readPulls(ctx context.Context, e *env, w *checkout.Workspace, target string) {
	if w.Origin() == "" {
		return
	}
	read, why := pullReader(e, w, target)
	noted := false
	w.Pulls = func(states []plan.ComponentState) (plan.PullFacts, error) {
		if !anyCommits(states) {
			return plan.PullFacts{}, nil // no pull request can change the answer
		}
		if read != nil {
			ctx, cancel := context.WithTimeout(ctx, pullsTimeout)
			defer cancel()
			facts, err := read(ctx, states)
			if err == nil {
				return facts, nil
			}
			read, why = nil, oneLine(err) // once is enough
		}
		if !noted {
			fmt.Fprintf(e.stderr, "%s: %s\n", notRead, why)
			noted = true
		}
		return plan.PullFacts{}, nil
	}
}

func anyCommits(states []plan.ComponentState) bool {
	for _, st := range states {
		if len(st.State.SinceStable) > 0 {
			return true
		}
	}
	return false
}

// pullReader returns what reads the pull requests from GitHub, or nil and
// why they cannot be read.
func pullReader(e *env, w *checkout.Workspace, target string) (func(context.Context, []plan.ComponentState) (plan.PullFacts, error), string) {
	token := firstOf(e.getenv("GITHUB_TOKEN"), e.getenv("GH_TOKEN"))
	apiURL := e.getenv("GITHUB_API_URL")
	owner, repo, host, ok := gitHubRepo(w.Remote().BaseURL)
	switch {
	case !ok:
		return nil, "the origin remote is not a GitHub repository"
	case token == "":
		return nil, "set GITHUB_TOKEN to read them as the bot does"
	case apiURL == "" && host != "github.com":
		return nil, fmt.Sprintf("set GITHUB_API_URL to the API of %s (https://%s/api/v3) to read them", host, host)
	}
	client, err := forge.New(owner, repo, forge.Options{APIURL: apiURL, Token: token})
	if err != nil {
		return nil, oneLine(err)
	}
	if target == "" {
		target, _ = w.Branch()
	}
	if target == "" {
		target = strings.TrimPrefix(e.getenv("GITHUB_REF"), "refs/heads/")
	}
	return func(ctx context.Context, states []plan.ComponentState) (plan.PullFacts, error) {
		b := &bot.Bot{Host: client, Owner: owner, Target: target, Config: w.Config}
		if b.Target == "" || strings.HasPrefix(b.Target, "refs/") {
			var err error
			if b.Target, err = client.DefaultBranch(ctx); err != nil {
				return plan.PullFacts{}, err
			}
		}
		return b.PullFacts(ctx, states)
	}, ""
}

// gitHubRepo splits a repository's web address into owner, name and host;
// ok is false when it is not https://HOST/OWNER/REPO.
func gitHubRepo(base string) (owner, repo, host string, ok bool) {
	u, err := url.Parse(base)
	if base == "" || err != nil || u.Host == "" {
		return "", "", "", false
	}
	owner, repo, ok = strings.Cut(strings.Trim(u.Path, "/"), "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return "", "", "", false
	}
	return owner, repo, u.Hostname(), true
}

// oneLine is an error as one line of safe text.
func oneLine(err error) string {
	return strings.Join(strings.Fields(safetext.Plain(err.Error())), " ")
}
