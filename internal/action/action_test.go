package action

import (
	"slices"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
	"github.com/releasebot/releasebot/internal/testsupport/golden"
	"github.com/releasebot/releasebot/internal/usererr"
)

// pushToMain is GitHub's push example, made a push to acme/rocket's main.
func pushToMain(p map[string]any) { p["ref"] = "refs/heads/main" }

// mergedReleasePR is GitHub's "closed" example (merged: false, head
// "changes"), made the merge of release pull request number into main.
func mergedReleasePR(number int, mergeSHA string) func(map[string]any) {
	return func(p map[string]any) {
		p["number"] = number
		pr := p["pull_request"].(map[string]any)
		pr["number"], pr["merged"], pr["merge_commit_sha"] = number, true, mergeSHA
		pr["head"].(map[string]any)["ref"] = "releasebot/main"
		pr["head"].(map[string]any)["repo"] = map[string]any{"full_name": "acme/rocket"}
		pr["base"].(map[string]any)["ref"] = "main"
		pr["base"].(map[string]any)["repo"] = map[string]any{"full_name": "acme/rocket"}
	}
}

func wantOutputs(t *testing.T, o outcome, want map[string]string) {
	t.Helper()
	if !slices.Equal(o.order, Outputs) {
		t.Errorf("outputs written %v, want every output once: %v", o.order, Outputs)
	}
	for name, v := range want {
		if got := o.outputs[name]; got != v {
			t.Errorf("output %s = %q, want %q", name, got, v)
		}
	}
}

func TestPushOpensTheReleasePullRequest(t *testing.T) {
	srv, repo := fakeRepo(t)
	s := newStep(t, srv, actionsCheckout(t, repo, 0), "push", pushToMain).set("GITHUB_REF", "refs/heads/main")
	o := s.run()
	if o.err != nil {
		t.Fatalf("%v\n%s", o.err, o.stdout)
	}
	prs := repo.PRs()
	if len(prs) != 1 || prs[0].Title != "chore(main): release 0.5.0" {
		t.Fatalf("pull requests %+v", prs)
	}
	wantOutputs(t, o, map[string]string{
		"release_created": "false", "tag_name": "", "version": "", "sha": "",
		"pr_number": "1", "pr_url": srv.URL() + "acme/rocket/pull/1",
		"next_version": "0.5.0", "bump": "minor",
	})
	if !strings.Contains(o.outputs["body"], "add thrust") || !strings.Contains(o.outputs["body"], "\n") {
		t.Errorf("body is not the multi-line notes: %q", o.outputs["body"])
	}
	for _, want := range []string{"::group::releasebot run (push to main)\n", "::endgroup::\n", "proposes 0.5.0 (minor)"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the log lacks %q:\n%s", want, o.stdout)
		}
	}
	golden.Assert(t, "testdata/push.golden", normalize(srv, o.summary))
}

func TestMergedReleasePullRequestPublishes(t *testing.T) {
	srv, repo := fakeRepo(t)
	ws := actionsCheckout(t, repo, 0)
	if o := newStep(t, srv, ws, "push", pushToMain).set("GITHUB_REF", "refs/heads/main").run(); o.err != nil {
		t.Fatalf("%v\n%s", o.err, o.stdout)
	}
	merge := repo.MergePR(1, "squash")
	// The runner checks out the merge commit, detached, for this event.
	s := newStep(t, srv, ws, "pull_request", mergedReleasePR(1, merge)).set("GITHUB_REF", "refs/pull/1/merge", "GITHUB_SHA", merge)
	o := s.run()
	if o.err != nil {
		t.Fatalf("%v\n%s", o.err, o.stdout)
	}
	rels := repo.Releases()
	if len(rels) != 1 || rels[0].TagName != "v0.5.0" {
		t.Fatalf("releases %+v", rels)
	}
	wantOutputs(t, o, map[string]string{
		"release_created": "true", "tag_name": "v0.5.0", "version": "0.5.0",
		"major": "0", "minor": "5", "patch": "0", "sha": merge,
		"html_url":  srv.URL() + "acme/rocket/releases/tag/v0.5.0",
		"pr_number": "", "pr_url": "", "next_version": "", "bump": "none",
	})
	if !strings.Contains(o.outputs["upload_url"], "/releases/") || !strings.Contains(o.outputs["body"], "add thrust") {
		t.Errorf("upload_url %q, body %q", o.outputs["upload_url"], o.outputs["body"])
	}
	golden.Assert(t, "testdata/merged.golden", normalize(srv, o.summary))
}

func TestWorkflowDispatchRuns(t *testing.T) {
	srv, repo := fakeRepo(t)
	s := newStep(t, srv, actionsCheckout(t, repo, 0), "workflow_dispatch", nil).set("GITHUB_REF", "refs/heads/main")
	o := s.run()
	if o.err != nil || len(repo.PRs()) != 1 {
		t.Fatalf("%v, %d pull requests\n%s", o.err, len(repo.PRs()), o.stdout)
	}
	wantOutputs(t, o, map[string]string{"pr_number": "1", "next_version": "0.5.0"})
	// A second run finds the pull request up to date and writes nothing.
	srv.ResetCalls()
	o = newStep(t, srv, actionsCheckout(t, repo, 0), "workflow_dispatch", nil).set("GITHUB_REF", "refs/heads/main").run()
	if o.err != nil {
		t.Fatal(o.err)
	}
	for _, c := range srv.Calls() {
		if c.Write {
			t.Errorf("an up-to-date run wrote: %s %s", c.Method, c.Path)
		}
	}
	wantOutputs(t, o, map[string]string{"pr_number": "1", "next_version": "0.5.0", "bump": "minor"})
	golden.Assert(t, "testdata/dispatch.golden", normalize(srv, o.summary))
}

func TestOtherEventsDoNothing(t *testing.T) {
	srv, repo := fakeRepo(t)
	ws := actionsCheckout(t, repo, 0)
	for _, tc := range []struct {
		event string
		edit  func(map[string]any)
		why   string
	}{
		{"issues", nil, "event issues does not concern releases"},
		{"push", func(p map[string]any) { p["ref"] = "refs/heads/feature" }, "push to feature, which is neither the default branch main nor a channel or maintenance branch of the configuration"},
		{"push", func(p map[string]any) { p["ref"] = "refs/tags/v9.9.9" }, "push of refs/tags/v9.9.9, not of a branch"},
		{"pull_request", nil, "pull request #2 (changes into master) is not the release pull request of master"},
		{"pull_request", func(p map[string]any) {
			mergedReleasePR(1, "")(p)
			p["pull_request"].(map[string]any)["merged"] = false
		}, "release pull request #1 was closed without merging"},
	} {
		srv.ResetCalls()
		s := newStep(t, srv, ws, tc.event, tc.edit)
		o := s.run()
		if o.err != nil {
			t.Errorf("%s: %v", tc.event, o.err)
			continue
		}
		if !strings.Contains(o.summary, "Nothing to do: "+tc.why) || !strings.Contains(o.stdout, "Nothing to do: "+tc.why) {
			t.Errorf("%s: the summary and log do not say %q:\n%s\n%s", tc.event, tc.why, o.summary, o.stdout)
		}
		wantOutputs(t, o, map[string]string{"release_created": "false", "pr_number": "", "bump": "none", "body": ""})
		if calls := srv.Calls(); len(calls) != 0 {
			t.Errorf("%s: an ignored event made %d API calls", tc.event, len(calls))
		}
		if tc.event == "issues" {
			golden.Assert(t, "testdata/ignored.golden", normalize(srv, o.summary))
		}
	}
	if len(repo.PRs()) != 0 {
		t.Error("an ignored event opened a pull request")
	}
}

func TestDryRunMakesNoWrite(t *testing.T) {
	srv, repo := fakeRepo(t)
	s := newStep(t, srv, actionsCheckout(t, repo, 0), "push", pushToMain).set("GITHUB_REF", "refs/heads/main", "INPUT_DRY-RUN", "true")
	o := s.run()
	if o.err != nil {
		t.Fatalf("%v\n%s", o.err, o.stdout)
	}
	for _, c := range srv.Calls() {
		if c.Write {
			t.Errorf("a dry run wrote: %s %s", c.Method, c.Path)
		}
	}
	if len(repo.PRs()) != 0 || !strings.Contains(o.stdout, "would open a pull request") {
		t.Errorf("%d pull requests; log:\n%s", len(repo.PRs()), o.stdout)
	}
	wantOutputs(t, o, map[string]string{"pr_number": "", "next_version": "0.5.0", "bump": "minor", "release_created": "false"})
	golden.Assert(t, "testdata/dry_run.golden", normalize(srv, o.summary))
}

const badConfig = "tag-prefix: v\nchangelog:\n  format: keep-a-changelog\n  pth: CHANGELOG.md\n"

func TestConfigurationMistakeIsAnnotatedOnItsLine(t *testing.T) {
	for _, depth := range []int{0, 1} { // history from the checkout, then through the API
		srv, repo := fakeRepo(t)
		repo.Push("main", fakegithub.CommitSpec{Message: "chore: configure", Files: map[string]string{".github/releasebot.yml": badConfig}})
		s := newStep(t, srv, actionsCheckout(t, repo, depth), "push", pushToMain).set("GITHUB_REF", "refs/heads/main")
		o := s.run()
		if ce := config.Invalid(o.err); ce == nil || ce.Line != 4 {
			t.Fatalf("depth %d: error %v, want a configuration error on line 4", depth, o.err)
		}
		want := "::error file=.github/releasebot.yml,line=4,title=releasebot%3A invalid configuration::"
		if !strings.Contains(o.stdout, want) {
			t.Errorf("depth %d: no annotation %q in:\n%s", depth, want, o.stdout)
		}
		wantOutputs(t, o, map[string]string{"release_created": "false", "bump": "none"})
		if len(repo.PRs()) != 0 {
			t.Error("a pull request was opened with an invalid configuration")
		}
		golden.Assert(t, "testdata/config_error.golden", normalize(srv, o.summary))
	}
}

func TestInputMistakesAreUsageErrors(t *testing.T) {
	srv, repo := fakeRepo(t)
	ws := actionsCheckout(t, repo, 0)
	for input, value := range map[string]string{"INPUT_COMMAND": "release", "INPUT_DRY-RUN": "yes", "INPUT_PRERELEASE": "rc.1", "INPUT_TARGET-BRANCH": "a b"} {
		o := newStep(t, srv, ws, "push", pushToMain).set(input, value).run()
		ue := usererr.As(o.err)
		name := strings.ToLower(strings.TrimPrefix(input, "INPUT_"))
		if ue == nil || !strings.Contains(ue.Msg, "input "+name+": ") {
			t.Errorf("%s=%s: %v", input, value, o.err)
		}
		if !strings.Contains(o.stdout, "::error title=releasebot::input "+name) {
			t.Errorf("%s=%s: no annotation:\n%s", input, value, o.stdout)
		}
	}
	if len(srv.Calls()) != 0 {
		t.Error("a step with a wrong input called GitHub")
	}
}

func TestShallowCheckoutReadsHistoryThroughTheAPI(t *testing.T) {
	srv, repo := fakeRepo(t)
	o := newStep(t, srv, actionsCheckout(t, repo, 1), "push", pushToMain).set("GITHUB_REF", "refs/heads/main").run()
	if o.err != nil || len(repo.PRs()) != 1 || repo.PRs()[0].Title != "chore(main): release 0.5.0" {
		t.Fatalf("%v, pull requests %+v\n%s", o.err, repo.PRs(), o.stdout)
	}
	wantOutputs(t, o, map[string]string{"pr_number": "1", "next_version": "0.5.0", "bump": "minor"})
}

func TestNoCheckoutReadsEverythingThroughTheAPI(t *testing.T) {
	srv, repo := fakeRepo(t)
	o := newStep(t, srv, t.TempDir(), "push", pushToMain).set("GITHUB_REF", "refs/heads/main").run()
	if o.err != nil || len(repo.PRs()) != 1 {
		t.Fatalf("%v, %d pull requests\n%s", o.err, len(repo.PRs()), o.stdout)
	}
}

func TestNextWritesNothingOnAnyEvent(t *testing.T) {
	srv, repo := fakeRepo(t)
	s := newStep(t, srv, actionsCheckout(t, repo, 0), "pull_request", func(p map[string]any) { p["action"] = "opened" })
	o := s.set("GITHUB_REF", "refs/pull/2/merge", "INPUT_COMMAND", "next").run()
	if o.err != nil {
		t.Fatalf("%v\n%s", o.err, o.stdout)
	}
	for _, c := range srv.Calls() {
		if c.Write {
			t.Errorf("next wrote: %s %s", c.Method, c.Path)
		}
	}
	wantOutputs(t, o, map[string]string{"next_version": "0.5.0", "bump": "minor", "release_created": "false", "pr_number": ""})
	golden.Assert(t, "testdata/next.golden", normalize(srv, o.summary))
}
