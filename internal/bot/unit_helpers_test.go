package bot_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/releasebot/releasebot/internal/testsupport/memhost"
)

var _ bot.Host = (*memhost.Host)(nil)

// memRepo is a repository held in memory and the bot's configuration,
// for unit tests that check the bot's decisions in milliseconds (the
// harness on the fake GitHub checks them end to end).
type memRepo struct {
	t   *testing.T
	h   *memhost.Host
	cfg config.Config
}

// newMemRepo makes a repository with one commit on main, released as
// v1.0.0 when tagged is true.
func newMemRepo(t *testing.T, yml string, tagged bool) *memRepo {
	t.Helper()
	cfg, err := config.Parse("releasebot.yml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	r := &memRepo{t: t, h: memhost.New(), cfg: cfg}
	r.h.Commit("main", "chore: initial commit", map[string]string{"README.md": "# rocket\n"})
	if tagged {
		r.h.Tag("v1.0.0", "main")
	}
	return r
}

// push commits each message on main, touching a file of its own.
func (r *memRepo) push(msgs ...string) {
	for _, m := range msgs {
		r.h.Commit("main", m, map[string]string{"src/" + strings.Fields(m)[0] + ".txt": m})
	}
}

// run runs the bot once, as a push to main would.
func (r *memRepo) run() bot.Report {
	r.t.Helper()
	b := &bot.Bot{
		Host: r.h, History: r.h.History("main"), Owner: "acme", Target: "main", Config: r.cfg,
		Remote: release.Remote{BaseURL: "https://github.com/acme/rocket"},
		Date:   time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC),
	}
	rep, err := b.Run(context.Background())
	if err != nil {
		r.t.Fatalf("run: %v", err)
	}
	return rep
}

// open returns the open pull requests from head.
func (r *memRepo) open(head string) []repohost.Pull {
	var out []repohost.Pull
	for _, p := range r.h.Pulls() {
		if p.State == "open" && p.Head == head {
			out = append(out, p)
		}
	}
	return out
}

// only returns the one open release pull request.
func (r *memRepo) only() repohost.Pull {
	r.t.Helper()
	open := r.open("releasebot/main")
	if len(open) != 1 {
		r.t.Fatalf("%d open release pull requests, want 1: %+v", len(open), r.h.Pulls())
	}
	return open[0]
}

// labels returns a pull request's labels, sorted.
func labels(p repohost.Pull) string {
	l := slices.Clone(p.Labels)
	slices.Sort(l)
	return strings.Join(l, ", ")
}

// missing returns the fragments of want that text lacks.
func missing(text string, want ...string) []string {
	var out []string
	for _, w := range want {
		if !strings.Contains(text, w) {
			out = append(out, w)
		}
	}
	return out
}
