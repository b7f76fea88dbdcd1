package app

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// maxResyncPages bounds each listing of a resync (100 per page).
const maxResyncPages = 100

// resyncLoop calls resync every interval (with up to a tenth of jitter,
// so that replicas spread out) until ctx ends.
func resyncLoop(ctx context.Context, interval time.Duration, resync func(context.Context) (int, error), log *slog.Logger) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(jittered(interval)):
		}
		n, err := resync(ctx)
		if err != nil {
			log.Error("resync failed", "error", err, "queued", n)
			continue
		}
		log.Info("resync queued a run of every repository", "repositories", n)
	}
}

// jittered is interval plus up to a tenth of it, at random.
func jittered(interval time.Duration) time.Duration {
	return interval + time.Duration(rand.Int64N(int64(interval)/10+1))
}

// resync walks the App's installations and their repositories
// (GET /app/installations as the App, GET /installation/repositories as
// each installation) and queues a run of each repository's default
// branch. Archived repositories are skipped. A run is convergent, so this
// repairs whatever a lost delivery or an abandoned task left undone. It
// returns how many runs it queued.
func (s *Server) resync(ctx context.Context) (int, error) {
	app, err := s.client(s.auth.app())
	if err != nil {
		return 0, err
	}
	var installs []*github.Installation
	opts := &github.ListOptions{PerPage: 100}
	for page := 0; page < maxResyncPages; page++ {
		list, resp, err := app.Apps.ListInstallations(ctx, opts)
		if err != nil {
			return 0, fmt.Errorf("listing the App's installations: %w", err)
		}
		installs = append(installs, list...)
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	queued := 0
	for _, inst := range installs {
		if inst.SuspendedAt != nil {
			continue
		}
		n, err := s.resyncInstallation(context.WithValue(ctx, installationKey, inst.GetID()), inst.GetID())
		queued += n
		if err != nil {
			return queued, err
		}
	}
	return queued, nil
}

func (s *Server) resyncInstallation(ctx context.Context, id int64) (int, error) {
	c, err := s.client(s.auth.transport(id))
	if err != nil {
		return 0, err
	}
	queued := 0
	opts := &github.ListOptions{PerPage: 100}
	for page := 0; page < maxResyncPages; page++ {
		list, resp, err := c.Apps.ListRepos(ctx, opts)
		if err != nil {
			return queued, fmt.Errorf("listing the repositories of installation %d: %w", id, err)
		}
		for _, r := range list.Repositories {
			owner, name, err := splitRepo(r.GetFullName(), r.GetOwner().GetLogin(), r.GetName())
			if err != nil || r.GetArchived() || r.GetDefaultBranch() == "" {
				continue
			}
			t := &task{kind: kindRun, installation: id, owner: owner, name: name, branch: r.GetDefaultBranch(), defaultBranch: r.GetDefaultBranch()}
			if err := s.queue.enqueue(ctx, "", []*task{t}); err != nil {
				return queued, err
			}
			queued++
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return queued, nil
}

// client is a go-github client on the API URL through rt.
func (s *Server) client(rt http.RoundTripper) (*github.Client, error) {
	c := github.NewClient(&http.Client{Transport: rt})
	base, err := url.Parse(strings.TrimSuffix(s.opts.APIURL, "/") + "/")
	if err != nil {
		return nil, err
	}
	c.BaseURL = base
	return c, nil
}
