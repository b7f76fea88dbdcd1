package app

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// TestReleaseCycle goes through the App as GitHub would drive it: a push
// opens the release pull request, a pull request gets its preview, the
// merged release pull request is published. It runs on a github.com-shaped
// API and on a GitHub Enterprise Server one (/api/v3).
func TestReleaseCycle(t *testing.T) {
	for _, c := range []struct {
		name, queue string
		enterprise  bool
	}{{"github.com", "memory", false}, {"enterprise", "memory", true}, {"sqlite", "sqlite", false}, {"postgres", "postgres", true}} {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t, c.enterprise)
			a := w.start(Options{Queue: queueSetting(t, c.queue)})
			main := w.repo.Push("main", fakegithub.CommitSpec{Message: "feat(api): add the launch endpoint (#1)", Files: map[string]string{"api.go": "package api\n"}})
			if got := a.send(t, "push", w.push("main", main)); got != 202 {
				t.Fatalf("push: %d", got)
			}
			idle(t, a)
			open := w.releasePulls("open")
			if len(open) != 1 || open[0].Title != "chore(main): release 0.1.0" {
				t.Fatalf("release pull requests after the push: %+v", w.repo.PRs())
			}

			// A pull request gets its preview, refreshed when it changes.
			w.repo.Push("fix-count", fakegithub.CommitSpec{Message: "docs: count down", Files: map[string]string{"doc.md": "3 2 1\n"}})
			n := w.repo.OpenPR("fix-count", "main", "Count down", "")
			a.send(t, "pull_request", w.pull("opened", n, nil))
			idle(t, a)
			head := w.repo.PRs()[n-1].HeadSHA
			if cr := w.check(head); cr.Conclusion != "success" || cr.Title != "No release: only docs commits" {
				t.Errorf("preview of #%d: %+v", n, cr)
			}
			head = w.repo.Push("fix-count", fakegithub.CommitSpec{Message: "fix: count from ten", Files: map[string]string{"count.go": "package count\n"}})
			a.send(t, "pull_request", w.pull("synchronize", n, nil))
			idle(t, a)
			if cr := w.check(head); cr.Conclusion != "success" || cr.Title != "Merging this PR releases 0.1.0 (minor): fix: count from ten" {
				t.Errorf("preview after synchronize: %+v", cr)
			}
			// GitHub tells the App of the release pull request it opened.
			a.send(t, "pull_request", w.pull("opened", open[0].Number, nil))
			idle(t, a)
			if cr := w.check(open[0].HeadSHA); cr.Conclusion != "success" || !strings.HasPrefix(cr.Title, "Merging this PR releases 0.1.0 (minor): feat(api): add the launch endpoint") {
				t.Errorf("preview of the release pull request: %+v", cr)
			}

			// The release pull request is merged: the App publishes it.
			w.repo.MergePR(open[0].Number, "squash")
			a.send(t, "pull_request", w.pull("closed", open[0].Number, nil))
			idle(t, a)
			if tags := w.repo.Tags(); tags["v0.1.0"] == "" {
				t.Errorf("tags after the merge: %v", tags)
			}
			if rel := w.repo.Releases(); len(rel) != 1 || rel[0].TagName != "v0.1.0" {
				t.Errorf("releases after the merge: %+v", rel)
			}

			// One token for the installation, fetched with a valid JWT.
			if n := w.calls("POST /app/installations/{installation_id}/access_tokens"); n != 1 {
				t.Errorf("%d installation tokens fetched, want 1 (cached)", n)
			}
			if w.jwts.valid.Load() == 0 {
				t.Error("no JWT was verified")
			}
			if a.auth.cached() != 1 {
				t.Errorf("%d installation transports cached", a.auth.cached())
			}
		})
	}
}

// TestBrokenConfig: a broken configuration is a failing check run naming
// file, line and field, on the pushed commit and on a pull request that
// brings it; it is not retried.
func TestBrokenConfig(t *testing.T) {
	w := newWorld(t, false)
	a := w.start(Options{})
	broken := "# releasebot\nbump:\n  feat: huge\n"
	sha := w.repo.Push("main", fakegithub.CommitSpec{Message: "chore: configure releasebot", Files: map[string]string{".github/releasebot.yml": broken}})
	a.send(t, "push", w.push("main", sha))
	idle(t, a)
	cr := w.check(sha)
	if cr.Conclusion != "failure" || cr.Title != "Invalid .github/releasebot.yml at line 3 (bump.feat)" ||
		!strings.Contains(cr.Summary, "`.github/releasebot.yml`, line 3, field `bump.feat`") || !strings.Contains(cr.Summary, "Fix the file on `main`") {
		t.Errorf("check run on the pushed commit: %+v", cr)
	}
	if n := w.calls("GET /repos/{owner}/{repo}/contents/{path}"); n != 1 {
		t.Errorf("the configuration was read %d times; a broken one must not be retried", n)
	}
	if len(w.repo.PRs()) != 0 {
		t.Errorf("pull requests: %+v", w.repo.PRs())
	}

	// Fixed on main; a pull request breaks it again.
	fixed := w.repo.Push("main", fakegithub.CommitSpec{Message: "fix: configure releasebot", Files: map[string]string{".github/releasebot.yml": "bump:\n  feat: minor\n"}})
	a.send(t, "push", w.push("main", fixed))
	w.repo.Push("config", fakegithub.CommitSpec{Message: "chore: tag prefix", Files: map[string]string{".github/releasebot.yml": "tag-prefix: 'v^'\n"}})
	n := w.repo.OpenPR("config", "main", "chore: change the tag prefix", "")
	a.send(t, "pull_request", w.pull("opened", n, nil))
	idle(t, a)
	cr = w.check(w.repo.PRs()[n-1].HeadSHA)
	if cr.Conclusion != "failure" || !strings.Contains(cr.Title, "line 1 (tag-prefix)") || !strings.Contains(cr.Summary, "Fix the file in this pull request") {
		t.Errorf("check run on the pull request: %+v", cr)
	}
}

// TestSquashMergeTitle: in a repository that only squash-merges, a title
// that is not a conventional commit fails the preview with the fix, or is
// neutral when so configured.
func TestSquashMergeTitle(t *testing.T) {
	squashOnly := map[string]any{
		"pull_request.base.repo.allow_squash_merge": true, "pull_request.base.repo.allow_merge_commit": false,
		"pull_request.base.repo.allow_rebase_merge": false,
	}
	for _, c := range []struct{ invalid, want string }{{"", "failure"}, {"neutral", "neutral"}} {
		w := newWorld(t, false)
		a := w.start(Options{InvalidTitle: c.invalid})
		head := w.repo.Push("feature", fakegithub.CommitSpec{Message: "feat: add a countdown", Files: map[string]string{"c.go": "package c\n"}})
		n := w.repo.OpenPR("feature", "main", "Add a countdown", "")
		a.send(t, "pull_request", w.pull("opened", n, squashOnly))
		idle(t, a)
		cr := w.check(head)
		if cr.Conclusion != c.want || cr.Title != `The PR title is not a conventional commit: rename it to "feat: add a countdown"` {
			t.Errorf("invalid title (%q): %+v", c.invalid, cr)
		}
		// Renamed: the check passes.
		payload := w.pull("edited", n, squashOnly)
		payload = edit(t, payload, map[string]any{"pull_request.title": "feat: add a countdown", "changes": map[string]any{"title": map[string]any{"from": "Add a countdown"}}})
		a.send(t, "pull_request", payload)
		idle(t, a)
		if cr := w.check(head); cr.Conclusion != "success" || !strings.HasPrefix(cr.Title, "Merging this PR releases 0.1.0 (minor)") {
			t.Errorf("renamed: %+v", cr)
		}
	}
}

// TestBumpLabelOnTheReleasePull: a bump label on the release pull request
// changes the pending release; another label does not run anything.
func TestBumpLabelOnTheReleasePull(t *testing.T) {
	w := newWorld(t, false)
	a := w.start(Options{})
	w.repo.Tag("v1.0.0", w.repo.Push("main", fakegithub.CommitSpec{Message: "chore: one", Files: map[string]string{"1": "1\n"}}), true)
	sha := w.repo.Push("main", fakegithub.CommitSpec{Message: "fix: two", Files: map[string]string{"2": "2\n"}})
	a.send(t, "push", w.push("main", sha))
	idle(t, a)
	pr := w.releasePulls("open")[0]
	if pr.Title != "chore(main): release 1.0.1" {
		t.Fatalf("release pull request %q", pr.Title)
	}
	w.repo.AddLabel(pr.Number, "documentation")
	a.send(t, "pull_request", w.pull("labeled", pr.Number, map[string]any{"label": map[string]any{"name": "documentation"}}))
	idle(t, a)
	w.repo.AddLabel(pr.Number, "release:major")
	a.send(t, "pull_request", w.pull("labeled", pr.Number, map[string]any{"label": map[string]any{"name": "release:major"}}))
	idle(t, a)
	if got := w.releasePulls("open"); len(got) != 1 || got[0].Title != "chore(main): release 2.0.0" {
		t.Errorf("after release:major: %+v", got)
	}
	if !strings.Contains(w.logs.String(), `"msg":"no bump label changed"`) {
		t.Error("the documentation label ran the bot")
	}
}

// TestLogsCarryTheContext: the logs are JSON records; those of a delivery
// and of its task carry the delivery id, the installation, the repository
// and the pull request.
func TestLogsCarryTheContext(t *testing.T) {
	w := newWorld(t, false)
	a := w.start(Options{})
	w.repo.Push("feature", fakegithub.CommitSpec{Message: "feat: x", Files: map[string]string{"x": "x\n"}})
	n := w.repo.OpenPR("feature", "main", "feat: x", "")
	a.send(t, "pull_request", w.pull("opened", n, nil))
	idle(t, a)
	found := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(w.logs.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON record: %q", line)
		}
		if msg, _ := rec["msg"].(string); msg == "task done" || msg == "delivery queued" {
			found[msg] = true
			for _, k := range []string{"delivery", "installation", "repository", "pull_request"} {
				if rec[k] == nil || rec[k] == "" {
					t.Errorf("%q lacks %s", line, k)
				}
			}
		}
	}
	if !found["task done"] || !found["delivery queued"] {
		t.Errorf("records missing (%v) in\n%s", found, w.logs)
	}
}

// TestMinimalPayloads: deliveries holding only the fields releasebot
// reads (no default branch, no merge settings) work: the default branch is
// read from the API.
func TestMinimalPayloads(t *testing.T) {
	w := newWorld(t, false)
	a := w.start(Options{})
	sha := w.repo.Push("main", fakegithub.CommitSpec{Message: "fix: x", Files: map[string]string{"x": "x\n"}})
	push, _ := json.Marshal(map[string]any{
		"ref": "refs/heads/main", "after": sha,
		"repository": map[string]any{"full_name": "acme/rocket"}, "installation": map[string]any{"id": w.repo.InstallationID()},
	})
	a.send(t, "push", push)
	head := w.repo.Push("topic", fakegithub.CommitSpec{Message: "feat: y", Files: map[string]string{"y": "y\n"}})
	n := w.repo.OpenPR("topic", "main", "feat: y", "")
	pull, _ := json.Marshal(map[string]any{
		"action": "opened",
		"pull_request": map[string]any{"number": n, "title": "feat: y", "state": "open",
			"head": map[string]any{"ref": "topic", "sha": head}, "base": map[string]any{"ref": "main"}},
		"repository": map[string]any{"full_name": "acme/rocket"}, "installation": map[string]any{"id": w.repo.InstallationID()},
	})
	a.send(t, "pull_request", pull)
	idle(t, a)
	if open := w.releasePulls("open"); len(open) != 1 || open[0].Title != "chore(main): release 0.1.0" {
		t.Errorf("release pull requests %+v", w.repo.PRs())
	}
	if cr := w.check(head); cr.Title != "Merging this PR releases 0.1.0 (minor): feat: y" {
		t.Errorf("preview %+v", cr)
	}
}
