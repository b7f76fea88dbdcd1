package action

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/binary"
	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

// binaryStep is one workflow step run by the built binary.
type binaryStep struct {
	stdout, stderr string
	code           int
	outputs        map[string]string
	summary        string
}

// workflow drives the built binary as the workflow's step on acme/rocket.
type workflow struct {
	t    *testing.T
	bin  string
	srv  *fakegithub.Server
	repo *fakegithub.Repo
}

// run runs `releasebot action` for event on ref, with a checkout of branch
// (fetch-depth: 0) as the workspace, edit changing the payload.
func (w *workflow) run(event, ref, branch string, edit func(map[string]any)) binaryStep {
	t := w.t
	t.Helper()
	ws := t.TempDir()
	gitfixture.Git(t, "", "clone", "-q", "--branch", branch, "file://"+w.repo.Dir(), ws)
	tmp := t.TempDir()
	for _, name := range []string{"output", "summary"} {
		if err := os.WriteFile(filepath.Join(tmp, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	api := strings.TrimSuffix(w.srv.URL(), "/")
	cmd := exec.Command(w.bin, "action")
	cmd.Dir = ws
	cmd.Env = []string{
		"HOME=" + tmp, "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"GITHUB_ACTIONS=true", "CI=true",
		"GITHUB_EVENT_NAME=" + event, "GITHUB_EVENT_PATH=" + eventFile(t, tmp, event, edit),
		"GITHUB_REF=" + ref, "GITHUB_REPOSITORY=acme/rocket",
		"GITHUB_API_URL=" + api, "GITHUB_SERVER_URL=" + api,
		"GITHUB_TOKEN=" + secret, "GITHUB_WORKSPACE=" + ws,
		"GITHUB_OUTPUT=" + filepath.Join(tmp, "output"), "GITHUB_STEP_SUMMARY=" + filepath.Join(tmp, "summary"),
		"INPUT_TOKEN=" + secret, "INPUT_COMMAND=run", "INPUT_GITHUB-API-URL=" + api,
		"INPUT_CONFIG-FILE=", "INPUT_TARGET-BRANCH=", "INPUT_PRERELEASE=", "INPUT_DRY-RUN=false",
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	s := binaryStep{stdout: out.String(), stderr: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		s.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(tmp, "output"))
	if s.outputs, _, err = parseOutputs(string(data)); err != nil {
		t.Errorf("outputs file: %v\n%s", err, data)
	}
	sum, _ := os.ReadFile(filepath.Join(tmp, "summary"))
	s.summary = string(sum)
	if s.code != 0 {
		t.Errorf("%s on %s exited %d\nstdout:\n%s\nstderr:\n%s", event, ref, s.code, s.stdout, s.stderr)
	}
	if strings.Contains(s.stdout+s.stderr, secret) && strings.Count(s.stdout, secret) != 1 {
		t.Errorf("the token is printed")
	}
	return s
}

// push runs the workflow on a push to branch, the payload as GitHub writes it.
func (w *workflow) push(branch, before string) binaryStep {
	after, _ := w.repo.Ref("heads/" + branch)
	return w.run("push", "refs/heads/"+branch, branch, func(p map[string]any) {
		p["ref"], p["before"], p["after"] = "refs/heads/"+branch, before, after
		if hc, ok := p["head_commit"].(map[string]any); ok {
			hc["id"] = after
		}
	})
}

func (w *workflow) tip(branch string) string {
	sha, ok := w.repo.Ref("heads/" + branch)
	if !ok {
		sha, _ = w.repo.Ref("refs/heads/" + branch)
	}
	return sha
}

// releasePR is the open pull request from releasebot/main.
func (w *workflow) releasePR() fakegithub.PR {
	w.t.Helper()
	var open []fakegithub.PR
	for _, p := range w.repo.PRs() {
		if p.Head == "releasebot/main" && p.State == "open" {
			open = append(open, p)
		}
	}
	if len(open) != 1 {
		w.t.Fatalf("open release pull requests: %+v", open)
	}
	return open[0]
}

// merge merges a new pull request titled title (body body) by squash.
func (w *workflow) merge(branch, title, body, file string) int {
	w.repo.Push(branch, fakegithub.CommitSpec{Message: title, Files: map[string]string{file: "package rocket // " + title + "\n"}})
	n := w.repo.OpenPR(branch, "main", title, body)
	w.repo.MergePR(n, "squash")
	return n
}

// idle reruns the workflow as the bot's own push to the release branch and
// a dispatch would, and reports any write they make.
func (w *workflow) idle(step string) {
	w.t.Helper()
	w.srv.ResetCalls()
	w.push("releasebot/main", w.tip("releasebot/main"))
	w.run("workflow_dispatch", "refs/heads/main", "main", func(p map[string]any) { p["ref"] = "refs/heads/main" })
	for _, c := range w.srv.Calls() {
		if c.Write {
			w.t.Errorf("%s: a rerun with nothing new wrote: %s %s", step, c.Method, c.Path)
		}
	}
}

func (w *workflow) file(ref, path string) string {
	s, _ := w.repo.File(ref, path)
	return s
}

func TestBinaryReleasePRSharedDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := binary.Build(t)
	for _, method := range []string{"squash", "merge", "rebase"} {
		t.Run(method, func(t *testing.T) { sharedDocument(t, bin, method) })
	}
}

func sharedDocument(t *testing.T, bin, method string) {
	srv := fakegithub.New(t, fakegithub.Options{Token: secret})
	repo := srv.CreateRepo("acme", "rocket", "main")
	w := &workflow{t: t, bin: bin, srv: srv, repo: repo}
	root := repo.Push("main", fakegithub.CommitSpec{Message: "chore: start", Files: map[string]string{"README.md": "rocket\n"}})
	repo.Tag("v1.0.0", root, true)

	// 1. feat: alpha merged.
	before := w.tip("main")
	w.merge("alpha", "feat: alpha", "", "alpha.go")
	s := w.push("main", before)
	pr := w.releasePR()
	t.Logf("step 1: title %q body:\n%s\nbranch CHANGELOG.md:\n%s", pr.Title, pr.Body, w.file("releasebot/main", "CHANGELOG.md"))
	w.idle("step 1")
	t.Logf("step 1 stdout:\n%s", s.stdout)
	if !strings.Contains(pr.Title, "1.1.0") || !strings.Contains(pr.Body, "alpha") {
		t.Errorf("step 1: title %q body:\n%s", pr.Title, pr.Body)
	}
	cl := w.file("releasebot/main", "CHANGELOG.md")
	if !strings.Contains(cl, "alpha") {
		t.Fatalf("step 1: CHANGELOG.md on the branch:\n%s", cl)
	}
	t.Logf("step 1 branch VERSION=%q CHANGELOG:\n%s", w.file("releasebot/main", "VERSION"), cl)

	// 2. A maintainer rewords alpha's entry on the release branch.
	const wording = "alpha, now with extra sparkle"
	before = w.tip("releasebot/main")
	repo.Push("releasebot/main", fakegithub.CommitSpec{
		Message: "docs: polish the notes", Author: "Maintainer <m@example.com>",
		Files: map[string]string{"CHANGELOG.md": strings.Replace(cl, "alpha", wording, 1)},
	})
	s = w.push("releasebot/main", before)
	t.Logf("step 2 stdout:\n%s", s.stdout)
	pr = w.releasePR()
	t.Logf("step 2: title %q body:\n%s\nbranch CHANGELOG.md:\n%s", pr.Title, pr.Body, w.file("releasebot/main", "CHANGELOG.md"))
	w.idle("step 2")
	if cl = w.file("releasebot/main", "CHANGELOG.md"); !strings.Contains(cl, wording) {
		t.Errorf("step 2: the wording is lost on the branch:\n%s", cl)
	}
	if !strings.Contains(pr.Body, wording) {
		t.Logf("step 2: body does not show the wording yet (run on a non-target push):\n%s", pr.Body)
	}

	// 3. fix: gamma merged.
	before = w.tip("main")
	gamma := w.merge("gamma", "fix: gamma", "", "gamma.go")
	s = w.push("main", before)
	t.Logf("step 3 stdout:\n%s", s.stdout)
	pr = w.releasePR()
	t.Logf("step 3: title %q body:\n%s\nbranch CHANGELOG.md:\n%s", pr.Title, pr.Body, w.file("releasebot/main", "CHANGELOG.md"))
	w.idle("step 3")
	cl = w.file("releasebot/main", "CHANGELOG.md")
	if !strings.Contains(pr.Title, "1.1.0") || !strings.Contains(pr.Body, "gamma") || !strings.Contains(pr.Body, wording) {
		t.Errorf("step 3: title %q body:\n%s", pr.Title, pr.Body)
	}
	if !strings.Contains(cl, "gamma") || !strings.Contains(cl, wording) {
		t.Errorf("step 3: CHANGELOG.md on the branch:\n%s", cl)
	}

	// 4. release:major on the merged gamma pull request; workflow_dispatch.
	repo.AddLabel(gamma, "release:major")
	s = w.run("workflow_dispatch", "refs/heads/main", "main", func(p map[string]any) { p["ref"] = "refs/heads/main" })
	t.Logf("step 4 stdout:\n%s", s.stdout)
	pr = w.releasePR()
	t.Logf("step 4: title %q body:\n%s\nbranch CHANGELOG.md:\n%s", pr.Title, pr.Body, w.file("releasebot/main", "CHANGELOG.md"))
	w.idle("step 4")
	if !strings.Contains(pr.Title, "2.0.0") || !strings.Contains(pr.Body, "release:major") || !strings.Contains(pr.Body, fmt.Sprintf("#%d", gamma)) {
		t.Errorf("step 4: title %q body:\n%s", pr.Title, pr.Body)
	}
	if v := w.file("releasebot/main", "VERSION"); strings.TrimSpace(v) != "2.0.0" {
		t.Errorf("step 4: VERSION on the branch %q", v)
	}
	if cl = w.file("releasebot/main", "CHANGELOG.md"); !strings.Contains(cl, "2.0.0") || !strings.Contains(cl, wording) || !strings.Contains(cl, "gamma") {
		t.Errorf("step 4: CHANGELOG.md on the branch:\n%s", cl)
	}
	if s.outputs["next_version"] != "2.0.0" {
		t.Errorf("step 4: outputs %v", s.outputs)
	}

	// 5. The maintainer pins 3.0.0, then writes banana.
	before = w.tip("releasebot/main")
	repo.Push("releasebot/main", fakegithub.CommitSpec{Message: "chore: release 3.0.0", Author: "Maintainer <m@example.com>", Files: map[string]string{"VERSION": "3.0.0\n"}})
	w.push("releasebot/main", before)
	s = w.run("workflow_dispatch", "refs/heads/main", "main", func(p map[string]any) { p["ref"] = "refs/heads/main" })
	t.Logf("step 5a stdout:\n%s", s.stdout)
	pr = w.releasePR()
	t.Logf("step 5a: title %q body:\n%s\nbranch CHANGELOG.md:\n%s", pr.Title, pr.Body, w.file("releasebot/main", "CHANGELOG.md"))
	w.idle("step 5a")
	if !strings.Contains(pr.Title, "3.0.0") {
		t.Errorf("step 5a: title %q body:\n%s", pr.Title, pr.Body)
	}
	if cl = w.file("releasebot/main", "CHANGELOG.md"); !strings.Contains(cl, "3.0.0") || strings.Contains(cl, "## [2.0.0]") || !strings.Contains(cl, wording) {
		t.Errorf("step 5a: CHANGELOG.md on the branch:\n%s", cl)
	}
	before = w.tip("releasebot/main")
	repo.Push("releasebot/main", fakegithub.CommitSpec{Message: "chore: banana", Author: "Maintainer <m@example.com>", Files: map[string]string{"VERSION": "banana\n"}})
	w.push("releasebot/main", before)
	s = w.run("workflow_dispatch", "refs/heads/main", "main", func(p map[string]any) { p["ref"] = "refs/heads/main" })
	t.Logf("step 5b stdout:\n%s", s.stdout)
	pr = w.releasePR()
	t.Logf("step 5b: title %q body:\n%s\nbranch CHANGELOG.md:\n%s", pr.Title, pr.Body, w.file("releasebot/main", "CHANGELOG.md"))
	w.idle("step 5b")
	if !strings.Contains(pr.Body, "banana") {
		t.Errorf("step 5b: the body does not say why banana is not used: title %q body:\n%s", pr.Title, pr.Body)
	}
	t.Logf("step 5b: title %q VERSION %q", pr.Title, w.file("releasebot/main", "VERSION"))
	// The maintainer puts back a version so the scenario can go on at 3.0.0.
	before = w.tip("releasebot/main")
	repo.Push("releasebot/main", fakegithub.CommitSpec{Message: "chore: 3.0.0 again", Author: "Maintainer <m@example.com>", Files: map[string]string{"VERSION": "3.0.0\n"}})
	w.push("releasebot/main", before)

	// 6. A pull request whose body overrides its commit message.
	before = w.tip("main")
	w.merge("tidy", "Tidy up internals", "Some words.\n\nBEGIN_COMMIT_OVERRIDE\nfeat: overridden\nEND_COMMIT_OVERRIDE\n", "tidy.go")
	s = w.push("main", before)
	t.Logf("step 6 stdout:\n%s", s.stdout)
	pr = w.releasePR()
	t.Logf("step 6: title %q body:\n%s\nbranch CHANGELOG.md:\n%s", pr.Title, pr.Body, w.file("releasebot/main", "CHANGELOG.md"))
	w.idle("step 6")
	cl = w.file("releasebot/main", "CHANGELOG.md")
	if !strings.Contains(pr.Body, "overridden") || !strings.Contains(cl, "overridden") || strings.Contains(cl, "Tidy up") {
		t.Errorf("step 6: title %q body:\n%s\nCHANGELOG.md:\n%s", pr.Title, pr.Body, cl)
	}
	if !strings.Contains(pr.Title, "3.0.0") || !strings.Contains(cl, wording) || !strings.Contains(cl, "gamma") {
		t.Errorf("step 6: title %q CHANGELOG.md:\n%s", pr.Title, cl)
	}
	version := "3.0.0"

	// 7. The release pull request is merged; the push runs the workflow.
	before = w.tip("main")
	repo.MergePR(pr.Number, method)
	s = w.push("main", before)
	t.Logf("step 7 stdout:\n%s", s.stdout)
	if s.outputs["release_created"] != "true" || s.outputs["tag_name"] != "v"+version {
		t.Errorf("step 7: outputs %v", s.outputs)
	}
	rels := repo.Releases()
	if len(rels) != 1 {
		t.Fatalf("step 7: releases %+v", rels)
	}
	for _, want := range []string{wording, "gamma", "overridden"} {
		if !strings.Contains(rels[0].Body, want) {
			t.Errorf("step 7: release notes lack %q:\n%s", want, rels[0].Body)
		}
	}
	if tags := repo.Tags(); tags["v"+version] == "" {
		t.Errorf("step 7: tags %v", tags)
	}
	main := w.file("main", "CHANGELOG.md")
	for _, want := range []string{wording, "gamma", "overridden", version} {
		if !strings.Contains(main, want) {
			t.Errorf("step 7: main's CHANGELOG.md lacks %q:\n%s", want, main)
		}
	}
	if strings.Count(main, "gamma") != 1 {
		t.Errorf("step 7: main's CHANGELOG.md lists gamma %d times:\n%s", strings.Count(main, "gamma"), main)
	}

	t.Logf("step 7: release notes:\n%s\nmain's CHANGELOG.md:\n%s", rels[0].Body, main)

	// Idle reruns: the pull request's closed event (a workflow on both
	// events runs twice), the push and a dispatch write nothing.
	srv.ResetCalls()
	merged := w.tip("main")
	w.run("pull_request", fmt.Sprintf("refs/pull/%d/merge", pr.Number), "main", mergedReleasePR(pr.Number, merged))
	w.push("main", before)
	w.run("workflow_dispatch", "refs/heads/main", "main", func(p map[string]any) { p["ref"] = "refs/heads/main" })
	for _, c := range srv.Calls() {
		if c.Write {
			t.Errorf("idle rerun wrote: %s %s", c.Method, c.Path)
		}
	}
	if n := len(repo.Releases()); n != 1 {
		t.Errorf("releases after the reruns: %d", n)
	}
	for _, p := range repo.PRs() {
		if p.State == "open" {
			t.Errorf("open pull request after the release: %+v", p)
		}
	}
	if v := srv.Violations(); len(v) > 0 {
		t.Errorf("API contract violations: %v", v)
	}
}
