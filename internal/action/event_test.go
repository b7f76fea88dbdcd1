package action

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/usererr"
)

func example(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "events", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestDecideOnGitHubsExamples feeds GitHub's published payloads as they
// are (Codertocat/Hello-World, default branch master).
func TestDecideOnGitHubsExamples(t *testing.T) {
	release := strings.NewReplacer(`"ref": "changes"`, `"ref": "releasebot/master"`, `"merged": false`, `"merged": true`)
	for _, tc := range []struct {
		event, ref, target, cmd string
		payload                 []byte
		act, checkedOut         bool
		wantTarget, why         string
	}{
		{"push", "refs/heads/master", "", "run", example(t, "push"), true, true, "master", "push to master"},
		{"push", "refs/heads/master", "main", "run", example(t, "push"), false, false, "main", "push to master, not to the target branch main"},
		{"workflow_dispatch", "refs/heads/main", "", "run", example(t, "workflow_dispatch"), true, true, "main", "workflow_dispatch on main"},
		{"schedule", "refs/heads/main", "", "pr", nil, true, true, "main", "schedule on main"},
		{"pull_request", "refs/pull/2/merge", "", "run", example(t, "pull_request"), false, false, "master", "pull request #2 (changes into master) is not the release pull request of master"},
		{"pull_request", "refs/pull/2/merge", "", "run", []byte(release.Replace(string(example(t, "pull_request")))), true, false, "master", "release pull request #2 merged into master"},
		{"pull_request_target", "refs/heads/master", "", "publish", []byte(release.Replace(string(example(t, "pull_request")))), true, false, "master", "release pull request #2 merged into master"},
		{"issues", "refs/heads/master", "", "run", example(t, "issues"), false, true, "master", "event issues does not concern releases"},
		{"issues", "refs/heads/master", "", "next", example(t, "issues"), true, true, "master", "issues (next writes nothing"},
		{"", "refs/heads/dev", "", "run", nil, true, true, "dev", "a run by hand on dev"},
		{"", "", "", "run", nil, true, true, "", "a run by hand on the default branch"},
		{"", "", "main", "run", nil, true, false, "main", "a run by hand on main"},
	} {
		d, err := decide(trigger{name: tc.event, ref: tc.ref, repo: "Codertocat/Hello-World", path: "event.json", payload: tc.payload}, tc.target, tc.cmd)
		if err != nil {
			t.Errorf("%s: %v", tc.event, err)
			continue
		}
		if d.act != tc.act || d.checkedOut != tc.checkedOut || d.target != tc.wantTarget || !strings.HasPrefix(d.why, tc.why) {
			t.Errorf("%s %s (target %q, %s): %+v", tc.event, tc.ref, tc.target, tc.cmd, d)
		}
	}
}

// TestPayloadOfAnotherRepository: a payload written by hand from GitHub's
// example names Codertocat/Hello-World; its default branch (master) is not
// this repository's, so the pushed branch is taken as the target.
func TestPayloadOfAnotherRepository(t *testing.T) {
	d, err := decide(trigger{name: "push", ref: "refs/heads/main", repo: "acme/rocket", payload: example(t, "push")}, "", "run")
	if err != nil || !d.act || d.target != "main" || !d.checkedOut {
		t.Errorf("%+v, %v", d, err)
	}
}

func TestBadPayloadNamesFileAndLine(t *testing.T) {
	_, err := decide(trigger{name: "push", path: "/github/workflow/event.json", payload: []byte("{\n  \"ref\": \"refs/heads/main\",\n  \"deleted\": \"no\"\n}")}, "", "run")
	if ue := usererr.As(err); ue == nil || !strings.HasPrefix(ue.Msg, "/github/workflow/event.json:3: the push event payload is not valid") {
		t.Errorf("%v", err)
	}
	_, err = decide(trigger{name: "push", path: "e.json", payload: []byte("{\n\n  oops")}, "", "run")
	if ue := usererr.As(err); ue == nil || !strings.HasPrefix(ue.Msg, "e.json:3: ") {
		t.Errorf("%v", err)
	}
}

// TestDecideReleaseBranchCandidates: without the target-branch input, an
// event on a branch other than the default one makes that branch a
// candidate, confirmed later against its configuration.
func TestDecideReleaseBranchCandidates(t *testing.T) {
	release := strings.NewReplacer(`"ref": "changes"`, `"ref": "releasebot/next"`, `"ref": "master"`, `"ref": "next"`, `"merged": false`, `"merged": true`)
	for _, tc := range []struct {
		event, ref string
		payload    []byte
		want       candidate
		target     string
		checkedOut bool
	}{
		{"push", "refs/heads/next", example(t, "push"), candidate{branch: "next", defaultBranch: "master"}, "next", true},
		{"push", "refs/heads/master", example(t, "push"), candidate{}, "master", true},
		{"workflow_dispatch", "refs/heads/stable/1.2.x", example(t, "workflow_dispatch"), candidate{branch: "stable/1.2.x", defaultBranch: "main", orDefault: true}, "stable/1.2.x", true},
		{"pull_request", "refs/pull/2/merge", []byte(release.Replace(string(example(t, "pull_request")))), candidate{branch: "next", defaultBranch: "master"}, "next", false},
	} {
		d, err := decide(trigger{name: tc.event, ref: tc.ref, payload: tc.payload}, "", "run")
		if err != nil || !d.act || d.candidate != tc.want || d.target != tc.target || d.checkedOut != tc.checkedOut {
			t.Errorf("%s %s: %+v, %v", tc.event, tc.ref, d, err)
		}
	}
}

// TestPushToTheReleaseBranchRefreshesItsTarget: someone pushed edits to a
// release pull request's branch; the run refreshes the release of its
// target, reading the target's history through the API (the workspace
// holds the release branch).
func TestPushToTheReleaseBranchRefreshesItsTarget(t *testing.T) {
	for _, tc := range []struct {
		ref, input, target string
		act                bool
	}{
		{"refs/heads/releasebot/main", "", "main", true},
		{"refs/heads/releasebot/main", "main", "main", true},
		{"refs/heads/releasebot/main--gosdk", "", "main", true},
		{"refs/heads/releasebot/main", "develop", "develop", false},
	} {
		d, err := decide(trigger{name: "push", ref: tc.ref, repo: "acme/rocket"}, tc.input, "run")
		if err != nil || d.act != tc.act || d.target != tc.target || tc.act && d.checkedOut {
			t.Errorf("%s with target input %q: %+v, %v", tc.ref, tc.input, d, err)
		}
	}
}

// TestLabelOnAMergedPullRequestRefreshesTheRelease: a bump label added to
// (or removed from) a merged pull request, or its body edited (a commit
// override), changes the pending release: the run refreshes it.
func TestLabelOnAMergedPullRequestRefreshesTheRelease(t *testing.T) {
	for _, tc := range []struct {
		action string
		merged bool
		act    bool
	}{
		{"labeled", true, true}, {"unlabeled", true, true}, {"edited", true, true},
		{"labeled", false, false}, {"opened", true, false},
	} {
		payload := fmt.Sprintf(`{"action": %q, "pull_request": {"number": 3, "merged": %v, "head": {"ref": "gamma"}, "base": {"ref": "main"}}, "repository": {"full_name": "acme/rocket", "default_branch": "main"}}`, tc.action, tc.merged)
		d, err := decide(trigger{name: "pull_request", repo: "acme/rocket", payload: []byte(payload)}, "", "run")
		if err != nil || d.act != tc.act || tc.act && (d.target != "main" || d.checkedOut) {
			t.Errorf("%s (merged %v): %+v, %v", tc.action, tc.merged, d, err)
		}
	}
}
