package bot_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/forge"
)

// cycle runs a whole release on h: commits, the release pull request,
// its merge, publishing. A run that fails is run again once, as the next
// workflow or webhook would.
func cycle(h *harness) {
	h.t.Helper()
	h.repo.Tag("v1.4.0", h.push("chore: start"), true)
	h.push("feat(ui): add a dial (#3)", "fix: steady the needle (#4)")
	runAgainOnError(h)
	h.repo.MergePR(h.openRelease().Number, "squash")
	runAgainOnError(h)
}

func runAgainOnError(h *harness) {
	h.t.Helper()
	if _, _, err := h.run(); err != nil {
		h.t.Logf("run failed (then run again): %v", err)
		h.mustRun()
	}
}

var (
	hexRun   = regexp.MustCompile(`\b[0-9a-f]{7,40}\b`)
	loopback = regexp.MustCompile(`127\.0\.0\.1:[0-9]+`)
)

// normalised is the snapshot without commit hashes and the server's port,
// which differ between fake GitHubs started at different times.
func normalised(h *harness) string {
	return loopback.ReplaceAllString(hexRun.ReplaceAllString(h.snapshot(), "<sha>"), "<host>")
}

// TestConvergenceUnderFaults fails, in turn, every API call of a full
// cycle with a server error, a secondary rate limit and a dropped
// connection, with retries switched off so that the run fails, runs again,
// and expects the final state of the fault-free cycle: no duplicate pull
// request, tag, release, label or comment, nothing lost.
func TestConvergenceUnderFaults(t *testing.T) {
	faults := []struct {
		name    string
		status  int
		headers map[string]string
	}{
		{"502", 502, nil},
		{"secondary rate limit", 403, map[string]string{"Retry-After": "3600"}},
		{"dropped connection", 0, nil},
	}
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			ref := newHarness(t, source, "")
			ref.srv.ResetCalls()
			cycle(ref)
			want, total := normalised(ref), len(ref.srv.Calls())
			t.Logf("a fault-free cycle makes %d calls", total)
			for k := 1; k <= total; k++ {
				for _, f := range faults {
					h := newHarness(t, source, "")
					h.retry = forge.Retry{Attempts: 1}
					h.srv.ResetCalls()
					h.srv.FailCall(k, f.status, f.headers)
					cycle(h)
					if got := normalised(h); got != want {
						t.Fatalf("call %d failing with %s: final state differs\n--- got ---\n%s\n--- want ---\n%s", k, f.name, got, want)
					}
				}
			}
		})
	}
}

// TestRetriesHideTransientFaults fails each call once with retries on:
// every run succeeds the first time, but for a comment, which is not sent
// again (it may have been posted) and is completed by the next run.
func TestRetriesHideTransientFaults(t *testing.T) {
	ref := newHarness(t, "local", "")
	ref.srv.ResetCalls()
	cycle(ref)
	want, total := normalised(ref), len(ref.srv.Calls())
	for k := 1; k <= total; k++ {
		h := newHarness(t, "local", "")
		h.srv.ResetCalls()
		h.srv.FailCall(k, 502, nil)
		h.repo.Tag("v1.4.0", h.push("chore: start"), true)
		h.push("feat(ui): add a dial (#3)", "fix: steady the needle (#4)")
		h.mustRun()
		h.repo.MergePR(h.openRelease().Number, "squash")
		if _, _, err := h.run(); err != nil {
			if !strings.Contains(err.Error(), "commenting on") {
				t.Fatalf("call %d failing once: %v", k, err)
			}
			h.mustRun()
		}
		if got := normalised(h); got != want {
			t.Fatalf("call %d failing once: final state differs\n--- got ---\n%s\n--- want ---\n%s", k, got, want)
		}
	}
}
