package main

import (
	"bytes"
	"debug/elf"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// stepEnv is the environment the runner gives a Docker action's step on
// event (a payload of testdata/events, edited), with workspace checked out.
// It returns the paths of the outputs and summary files.
func stepEnv(t *testing.T, srv *fakegithub.Server, workspace, event string, edit func(map[string]any)) (vars map[string]string, output, summary string) {
	t.Helper()
	tmp := t.TempDir()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "events", event+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var p map[string]any
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	p["repository"].(map[string]any)["full_name"] = "acme/rocket"
	p["repository"].(map[string]any)["default_branch"] = "main"
	if edit != nil {
		edit(p)
	}
	data, _ = json.Marshal(p)
	output, summary = filepath.Join(tmp, "output"), filepath.Join(tmp, "summary")
	for _, f := range []string{output, summary} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "event.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	api := strings.TrimSuffix(srv.URL(), "/")
	return map[string]string{
		"GITHUB_EVENT_NAME": event, "GITHUB_EVENT_PATH": filepath.Join(tmp, "event.json"),
		"GITHUB_REPOSITORY": "acme/rocket", "GITHUB_REF": "refs/heads/main",
		"GITHUB_API_URL": api, "GITHUB_SERVER_URL": api, "GITHUB_WORKSPACE": workspace,
		"GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary, "SOURCE_DATE_EPOCH": "1795219200",
		"INPUT_TOKEN": secret, "INPUT_COMMAND": "run", "INPUT_GITHUB-API-URL": api,
	}, output, summary
}

func runStep(vars map[string]string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run([]string{"action"}, &env{stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }})
	return code, out.String(), errb.String()
}

func TestActionConfigurationErrorExitsTwoWithAnAnnotation(t *testing.T) {
	srv, repo := fakeRepo(t)
	repo.Push("main", fakegithub.CommitSpec{Message: "chore: configure", Files: map[string]string{
		".github/releasebot.yml": "# releasebot\nchangelog:\n  format: kepp-a-changelog\n",
	}})
	vars, _, summary := stepEnv(t, srv, actionsCheckout(t, repo), "push", func(p map[string]any) { p["ref"] = "refs/heads/main" })
	code, out, errb := runStep(vars)
	if code != exitUsage {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitUsage, out, errb)
	}
	if !regexp.MustCompile(`(?m)^::error file=\.github/releasebot\.yml,line=3,title=[^:]*::changelog\.format: `).MatchString(out) {
		t.Errorf("no annotation on line 3 of the configuration:\n%s", out)
	}
	if !strings.Contains(errb, ".github/releasebot.yml:3: changelog.format") {
		t.Errorf("stderr: %s", errb)
	}
	if s, _ := os.ReadFile(summary); !strings.Contains(string(s), "**The configuration is invalid**: `.github/releasebot.yml` line 3") {
		t.Errorf("summary:\n%s", s)
	}
	if len(repo.PRs()) != 0 {
		t.Error("a pull request was opened")
	}
}

func TestActionInputMistakeExitsTwo(t *testing.T) {
	srv, repo := fakeRepo(t)
	vars, _, _ := stepEnv(t, srv, actionsCheckout(t, repo), "push", nil)
	vars["INPUT_DRY-RUN"] = "maybe"
	if code, out, errb := runStep(vars); code != exitUsage || !strings.Contains(errb, "input dry-run") {
		t.Errorf("exit %d\n%s%s", code, out, errb)
	}
}

func TestActionIgnoresOtherEventsAndMasksTheToken(t *testing.T) {
	srv, repo := fakeRepo(t)
	vars, output, _ := stepEnv(t, srv, actionsCheckout(t, repo), "issues", nil)
	code, out, errb := runStep(vars)
	if code != exitOK || !strings.Contains(out, "Nothing to do: event issues does not concern releases") {
		t.Fatalf("exit %d\n%s%s", code, out, errb)
	}
	if !strings.HasPrefix(out, "::add-mask::"+secret+"\n") || strings.Count(out+errb, secret) != 1 {
		t.Errorf("the token is not masked first, or printed again:\n%s%s", out, errb)
	}
	if data, _ := os.ReadFile(output); !strings.HasPrefix(string(data), "release_created=false\n") {
		t.Errorf("outputs:\n%s", data)
	}
	if len(srv.Calls()) != 0 {
		t.Errorf("an ignored event made %d API calls", len(srv.Calls()))
	}
}

// TestActionOnAWorkspaceOwnedByAnotherUser runs the step as the runner
// does: the checkout belongs to the runner's user, the container runs as
// root, and git itself would refuse the repository.
func TestActionOnAWorkspaceOwnedByAnotherUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the checkout to another user")
	}
	srv, repo := fakeRepo(t)
	ws := actionsCheckout(t, repo)
	if out, err := exec.Command("chown", "-R", "65534:65534", ws).CombinedOutput(); err != nil {
		t.Fatalf("chown: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("chown", "-R", "0:0", ws).Run() })
	if out, err := exec.Command("git", "-C", ws, "status").CombinedOutput(); err == nil {
		t.Logf("note: this git accepts a checkout owned by another user (no safe.directory check, or one configured):\n%s", out)
	}
	vars, output, _ := stepEnv(t, srv, ws, "push", func(p map[string]any) { p["ref"] = "refs/heads/main" })
	code, out, errb := runStep(vars)
	if code != exitOK || len(repo.PRs()) != 1 {
		t.Fatalf("exit %d, %d pull requests\n%s%s", code, len(repo.PRs()), out, errb)
	}
	if data, _ := os.ReadFile(output); !strings.Contains(string(data), "\npr_number=1\n") {
		t.Errorf("outputs:\n%s", data)
	}
	for _, c := range srv.Calls() {
		if strings.Contains(c.Path, "/compare/") || strings.HasSuffix(c.Path, "/tags") {
			t.Errorf("history was read through the API (%s %s), not from the checkout", c.Method, c.Path)
		}
	}
}

// dockerBuild is the build command of the Dockerfile, without the version
// it stamps.
const dockerBuild = `CGO_ENABLED=0 go build -trimpath -ldflags="-s -w`

// TestDockerBuildIsStatic builds the binary as the Dockerfile does and
// checks that it runs on an image with no C library: no ELF interpreter
// and no dynamic section.
func TestDockerBuildIsStatic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the image is linux")
	}
	dockerfile, err := os.ReadFile(filepath.Join("..", "..", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(dockerfile), "RUN "+dockerBuild) {
		t.Fatalf("the Dockerfile no longer builds with %s; update this test with it", dockerBuild)
	}
	bin := filepath.Join(t.TempDir(), "releasebot")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w -X main.version=9.9.9", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
			t.Errorf("the binary has a %v program header: it is not static", p.Type)
		}
	}
	if s := f.Section(".dynamic"); s != nil {
		t.Error("the binary has a .dynamic section")
	}
	if f.Section(".symtab") != nil {
		t.Error("the binary keeps its symbol table (-s was not applied)")
	}
	out, err := exec.Command(bin, "--version").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "releasebot 9.9.9" {
		t.Errorf("%s --version: %v: %s", bin, err, out)
	}
}
