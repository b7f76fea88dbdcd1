package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// TestBotEventsAreRecords: what the bot does during a task comes out as
// JSON records carrying the task's delivery, installation, repository and
// branch next to the event's own keys (the pull request, the release, the
// tag, the commit).
func TestBotEventsAreRecords(t *testing.T) {
	w := newWorld(t, false)
	a := w.start(Options{})
	sha := w.repo.Push("main", fakegithub.CommitSpec{Message: "feat: launch", Files: map[string]string{"l.go": "package l\n"}})
	a.send(t, "push", w.push("main", sha))
	idle(t, a)
	open := w.releasePulls("open")
	if len(open) != 1 {
		t.Fatalf("release pull requests: %+v", w.repo.PRs())
	}
	n := open[0].Number
	merge := w.repo.MergePR(n, "squash")
	a.send(t, "pull_request", w.pull("closed", n, nil))
	idle(t, a)

	task := map[string]any{"installation": float64(w.repo.InstallationID()), "repository": "acme/rocket", "branch": "main", "task": "run"}
	for _, c := range []struct {
		msg  string
		keys map[string]any
	}{
		{fmt.Sprintf("opened release pull request #%d for v0.1.0", n), map[string]any{"pull": float64(n), "release": "v0.1.0"}},
		{fmt.Sprintf("published v0.1.0 from #%d at %s", n, merge[:7]), map[string]any{"pull": float64(n), "tag": "v0.1.0", "version": "0.1.0", "commit": merge}},
	} {
		rec := findRecord(t, w.logs.String(), c.msg)
		if rec == nil {
			t.Errorf("no record %q in\n%s", c.msg, w.logs)
			continue
		}
		if d, _ := rec["delivery"].(string); d == "" {
			t.Errorf("record %q has no delivery", c.msg)
		}
		for _, keys := range []map[string]any{task, c.keys} {
			for k, v := range keys {
				if rec[k] != v {
					t.Errorf("record %q: %s = %v, want %v", c.msg, k, rec[k], v)
				}
			}
		}
	}
}

// findRecord returns the first JSON record of logs with message msg.
func findRecord(t *testing.T, logs, msg string) map[string]any {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON record: %q", line)
		}
		if rec["msg"] == msg {
			return rec
		}
	}
	return nil
}
