package bot_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/checkout"
	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/forge"
	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

// sources are the two ways of reading history; every scenario runs with
// both and must give the same result.
var sources = []string{"local", "api"}

// harness is one repository on a fake GitHub and the bot's configuration.
type harness struct {
	t      *testing.T
	srv    *fakegithub.Server
	repo   *fakegithub.Repo
	source string
	cfg    config.Config
	clone  string // the local checkout, for the "local" source
	seq    int
	// retry configures the client; the zero value retries like production
	// but without long waits.
	retry forge.Retry
}

func newHarness(t *testing.T, source, yml string) *harness {
	t.Helper()
	cfg, err := config.Parse("releasebot.yml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, source: source, cfg: cfg, retry: forge.Retry{Backoff: time.Millisecond, MaxWait: 10 * time.Millisecond}}
	// The App path talks to a GitHub Enterprise Server (/api/v3), the
	// Action path to a github.com-shaped API at the root.
	h.srv = fakegithub.New(t, fakegithub.Options{Enterprise: source == "api", Token: "test-token"})
	h.repo = h.srv.CreateRepo("acme", "rocket", "main")
	h.push("chore: initial commit")
	return h
}

// push commits msgs on main as a user, each touching its own file.
func (h *harness) push(msgs ...string) string {
	h.t.Helper()
	return h.pushTo("main", msgs...)
}

func (h *harness) pushTo(branch string, msgs ...string) string {
	h.t.Helper()
	var specs []fakegithub.CommitSpec
	for _, m := range msgs {
		h.seq++
		specs = append(specs, fakegithub.CommitSpec{Message: m, Files: map[string]string{fmt.Sprintf("src/file%d.txt", h.seq): m}, Author: "Dev One <dev@example.com>"})
	}
	return h.repo.Push(branch, specs...)
}

// client is a forge client on the fake.
func (h *harness) client() *forge.Client {
	h.t.Helper()
	c, err := forge.New("acme", "rocket", forge.Options{APIURL: h.srv.URL(), Token: "test-token", Retry: h.retry})
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// newBot builds a bot as the Action (local checkout) or the App (API)
// would; the local checkout is fetched to main's tip first.
func (h *harness) newBot(c *forge.Client) (*bot.Bot, func()) {
	h.t.Helper()
	b := &bot.Bot{
		Host: c, Owner: "acme", Target: "main", Config: h.cfg,
		Remote: release.Remote{BaseURL: forge.WebURL(h.srv.URL(), "", "acme", "rocket")},
		Date:   time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC),
	}
	if h.source == "api" {
		b.History = &history.API{Host: c, Branch: "main"}
		return b, func() {}
	}
	if h.clone == "" {
		h.clone = h.t.TempDir()
		git(h.t, "", "clone", "-q", "file://"+h.repo.Dir(), h.clone)
	}
	git(h.t, h.clone, "fetch", "-q", "--tags", "--force", "--prune", "--prune-tags", "origin")
	git(h.t, h.clone, "checkout", "-q", "--detach", "origin/main")
	w, err := checkout.Open(checkout.Options{Dir: h.clone})
	if err != nil {
		h.t.Fatal(err)
	}
	w.Config = h.cfg
	b.History = w.History()
	return b, func() { w.Close() }
}

// run runs the whole job once and returns its report and call counts.
func (h *harness) run() (bot.Report, *forge.Calls, error) {
	h.t.Helper()
	c := h.client()
	b, done := h.newBot(c)
	defer done()
	rep, err := b.Run(context.Background())
	return rep, c.Calls, err
}

// mustRun runs and fails the test on an error.
func (h *harness) mustRun() (bot.Report, *forge.Calls) {
	h.t.Helper()
	rep, calls, err := h.run()
	if err != nil {
		h.t.Fatalf("run: %v", err)
	}
	return rep, calls
}

// openRelease returns the one open release pull request, failing when
// there is not exactly one.
func (h *harness) openRelease() fakegithub.PR {
	h.t.Helper()
	var open []fakegithub.PR
	for _, p := range h.repo.PRs() {
		if p.State == "open" && p.Head == "releasebot/main" {
			open = append(open, p)
		}
	}
	if len(open) != 1 {
		h.t.Fatalf("%d open release pull requests, want 1: %+v", len(open), open)
	}
	return open[0]
}

// snapshot is the repository's state with run-specific values (commit
// hashes, ids, dates) left out, for comparing runs.
func (h *harness) snapshot() string {
	var b strings.Builder
	for _, p := range h.repo.PRs() {
		labels := append([]string{}, p.Labels...)
		sort.Strings(labels)
		fmt.Fprintf(&b, "PR #%d %s %q %s->%s merged=%v labels=%v\n", p.Number, p.State, p.Title, p.Head, p.Base, p.Merged, labels)
		fmt.Fprintf(&b, "  body: %s\n", stripMarker(p.Body))
		for _, c := range h.repo.Comments(p.Number) {
			fmt.Fprintf(&b, "  comment: %s\n", c)
		}
	}
	var tags []string
	for name := range h.repo.Tags() {
		tags = append(tags, name)
	}
	sort.Strings(tags)
	fmt.Fprintf(&b, "tags: %v\n", tags)
	for _, r := range h.repo.Releases() {
		fmt.Fprintf(&b, "release %s %q draft=%v prerelease=%v latest=%v\n  %s\n", r.TagName, r.Name, r.Draft, r.Prerelease, r.IsLatest, r.Body)
	}
	for _, path := range []string{"VERSION", "CHANGELOG.md"} {
		for _, ref := range []string{"main", "releasebot/main"} {
			if content, ok := h.repo.File(ref, path); ok {
				fmt.Fprintf(&b, "%s:%s\n%s\n", ref, path, content)
			}
		}
	}
	return b.String()
}

func stripMarker(body string) string {
	if i := strings.Index(body, "<!-- releasebot:release "); i >= 0 {
		return body[:i]
	}
	return body
}

// git runs one git command in dir ("" is the current directory) in the
// fixture environment of testsupport/gitfixture.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return gitfixture.Git(t, dir, args...)
}
