package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/bot"
)

// TestPlainLogger: the plain rendering is the message and a newline, with
// attributes, groups and records below Info left out.
func TestPlainLogger(t *testing.T) {
	var out strings.Builder
	l := bot.PlainLogger(&out).With("repository", "acme/rocket").WithGroup("g")
	l.Info("opened release pull request #3 for v1.0.0", "pull", 3, "release", "v1.0.0")
	l.Debug("not shown")
	l.Warn("could not delete releasebot/main: boom", "error", errors.New("boom"))
	want := "opened release pull request #3 for v1.0.0\ncould not delete releasebot/main: boom\n"
	if out.String() != want {
		t.Errorf("plain log:\n%q\nwant\n%q", out.String(), want)
	}
}

// records runs the bot once with a JSON log and returns the records.
func records(t *testing.T, h *harness, mutate func(*bot.Bot)) []map[string]any {
	t.Helper()
	var buf bytes.Buffer
	c := h.client()
	b, done := h.newBot(c)
	defer done()
	b.Log = slog.New(slog.NewJSONHandler(&buf, nil))
	if mutate != nil {
		mutate(b)
	}
	if _, err := b.Run(context.Background()); err != nil {
		t.Fatalf("run: %v", err)
	}
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON record: %q", line)
		}
		out = append(out, rec)
	}
	return out
}

// hasRecord fails the test unless one of recs has message msg and the
// attributes of want (numbers as JSON decodes them).
func hasRecord(t *testing.T, recs []map[string]any, msg string, want map[string]any) {
	t.Helper()
	for _, r := range recs {
		if r["msg"] != msg {
			continue
		}
		for k, v := range want {
			if r[k] != v {
				t.Errorf("record %q: %s = %v, want %v", msg, k, r[k], v)
			}
		}
		return
	}
	t.Errorf("no record %q in %v", msg, recs)
}

// TestEventsCarryTheirValues: each event's message holds its values, and
// its attributes repeat them under their keys; a package's own bot adds
// package, a dry run dry_run.
func TestEventsCarryTheirValues(t *testing.T) {
	h := newHarness(t, "api", "")
	h.repo.Tag("v1.0.0", h.push("chore: start"), true)
	h.push("fix: a")
	recs := records(t, h, nil)
	hasRecord(t, recs, "opened release pull request #1 for v1.0.1", map[string]any{"pull": 1.0, "release": "v1.0.1", "level": "INFO"})

	merge := h.repo.MergePR(1, "squash")
	recs = records(t, h, nil)
	hasRecord(t, recs, "tagged v1.0.1 at "+merge[:7], map[string]any{"tag": "v1.0.1", "commit": merge})
	hasRecord(t, recs, "published v1.0.1 from #1 at "+merge[:7], map[string]any{"tag": "v1.0.1", "version": "1.0.1", "pull": 1.0, "commit": merge})

	h.push("feat: b")
	recs = records(t, h, func(b *bot.Bot) { b.Host = bot.DryRun(b.Host, b.Log) })
	hasRecord(t, recs, `would open a pull request "chore(main): release 1.1.0" from releasebot/main into main`,
		map[string]any{"dry_run": true, "branch": "releasebot/main", "base": "main", "title": "chore(main): release 1.1.0"})

	p := newHarness(t, "api", "separate-pull-requests: true\npackages:\n  - path: .\n  - path: sdk/go\n    name: gosdk\n")
	start := p.pushFiles("chore: layout", "README.md", "sdk/go/sdk.go")
	p.repo.Tag("sdk/go/v0.3.0", start, true)
	p.pushFiles("feat(sdk): add a client", "sdk/go/client.go")
	recs = records(t, p, nil)
	hasRecord(t, recs, "opened release pull request #1 for sdk/go/v0.4.0", map[string]any{"package": "gosdk", "pull": 1.0, "release": "sdk/go/v0.4.0"})
}
