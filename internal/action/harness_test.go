package action

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

const secret = "ghs_actionT0k3nValue"

// date is the release date of every test (SOURCE_DATE_EPOCH in a build).
var date = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// runner is one run of the Action as the runner makes it: a workspace, the
// files the runner creates for the step, the event payload and the
// environment.
type runner struct {
	t    *testing.T
	srv  *fakegithub.Server
	vars map[string]string
	// read lists every variable the step read.
	read []string
	dir  string
}

// outcome is what a step left behind.
type outcome struct {
	err     error
	stdout  string
	outputs map[string]string
	order   []string
	summary string
}

// newStep prepares a step on workspace for event (a file of
// testdata/events, "" for none) edited by edit.
func newStep(t *testing.T, srv *fakegithub.Server, workspace, event string, edit func(map[string]any)) *runner {
	t.Helper()
	tmp := t.TempDir()
	s := &runner{t: t, srv: srv, dir: tmp, vars: map[string]string{
		"GITHUB_ACTIONS":      "true",
		"GITHUB_API_URL":      strings.TrimSuffix(srv.URL(), "/"),
		"GITHUB_SERVER_URL":   strings.TrimSuffix(srv.URL(), "/"),
		"GITHUB_REPOSITORY":   "acme/rocket",
		"GITHUB_WORKSPACE":    workspace,
		"GITHUB_OUTPUT":       filepath.Join(tmp, "output"),
		"GITHUB_STEP_SUMMARY": filepath.Join(tmp, "summary"),
		// What action.yml's defaults give the step.
		"INPUT_TOKEN":          secret,
		"INPUT_COMMAND":        "run",
		"INPUT_GITHUB-API-URL": strings.TrimSuffix(srv.URL(), "/"),
	}}
	for _, name := range []string{"output", "summary"} {
		// The runner creates both files empty before the step starts.
		if err := os.WriteFile(filepath.Join(tmp, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if event != "" {
		s.vars["GITHUB_EVENT_NAME"] = event
		s.vars["GITHUB_EVENT_PATH"] = eventFile(t, tmp, event, edit)
	}
	return s
}

// eventFile writes GitHub's example payload of event, edited, where the
// runner would put it.
func eventFile(t *testing.T, dir, event string, edit func(map[string]any)) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "events", event+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var p map[string]any
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	if repo, ok := p["repository"].(map[string]any); ok {
		repo["full_name"], repo["name"], repo["default_branch"] = "acme/rocket", "rocket", "main"
	}
	if edit != nil {
		edit(p)
	}
	if data, err = json.MarshalIndent(p, "", "  "); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "event.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// set sets variables; an empty value unsets one.
func (s *runner) set(kv ...string) *runner {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			delete(s.vars, kv[i])
		} else {
			s.vars[kv[i]] = kv[i+1]
		}
	}
	return s
}

func (s *runner) getenv(k string) string {
	s.read = append(s.read, k)
	return s.vars[k]
}

// run runs the step and reads what it wrote.
func (s *runner) run() outcome {
	s.t.Helper()
	var out bytes.Buffer
	err := Run(context.Background(), Env{Getenv: s.getenv, Stdout: &out, Date: date})
	o := outcome{err: err, stdout: out.String()}
	data, rerr := os.ReadFile(s.vars["GITHUB_OUTPUT"])
	if rerr != nil {
		s.t.Fatal(rerr)
	}
	if o.outputs, o.order, rerr = parseOutputs(string(data)); rerr != nil {
		s.t.Fatalf("the outputs file is not what the runner reads: %v\n%s", rerr, data)
	}
	summary, rerr := os.ReadFile(s.vars["GITHUB_STEP_SUMMARY"])
	if rerr != nil {
		s.t.Fatal(rerr)
	}
	o.summary = string(summary)
	if strings.Count(o.stdout, secret) != 1 || !strings.HasPrefix(o.stdout, "::add-mask::"+secret+"\n") {
		s.t.Errorf("the token is not masked first and then never printed:\n%s", o.stdout)
	}
	if strings.Contains(o.summary+string(data), secret) {
		s.t.Error("the token is in the outputs or the summary")
	}
	for _, k := range s.read {
		if name, ok := strings.CutPrefix(k, "INPUT_"); ok && !slices.Contains(Inputs, strings.ToLower(name)) {
			s.t.Errorf("the step read %s, which action.yml does not declare", k)
		}
	}
	return o
}

// parseOutputs reads a GITHUB_OUTPUT file as the runner does: "name=value"
// lines, and "name<<DELIM" ... "DELIM" blocks.
func parseOutputs(data string) (map[string]string, []string, error) {
	values := map[string]string{}
	var order []string
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		name, value := "", ""
		if i, j := strings.Index(line, "<<"), strings.Index(line, "="); i > 0 && (j < 0 || i < j) {
			name = line[:i]
			delim := line[i+2:]
			var lines []string
			closed := false
			for sc.Scan() {
				if sc.Text() == delim {
					closed = true
					break
				}
				lines = append(lines, sc.Text())
			}
			if !closed {
				return nil, nil, fmt.Errorf("%s: no closing delimiter %s", name, delim)
			}
			value = strings.Join(lines, "\n")
		} else if k, v, ok := strings.Cut(line, "="); ok && k != "" {
			name, value = k, v
		} else {
			return nil, nil, fmt.Errorf("invalid line %q", line)
		}
		if _, dup := values[name]; dup {
			return nil, nil, fmt.Errorf("%s written twice", name)
		}
		values[name] = value
		order = append(order, name)
	}
	return values, order, sc.Err()
}

// fakeRepo is acme/rocket: v0.4.0, then a feature.
func fakeRepo(t *testing.T) (*fakegithub.Server, *fakegithub.Repo) {
	srv := fakegithub.New(t, fakegithub.Options{Token: secret})
	repo := srv.CreateRepo("acme", "rocket", "main")
	tip := repo.Push("main", fakegithub.CommitSpec{Message: "chore: start", Files: map[string]string{"README.md": "rocket\n"}})
	repo.Tag("v0.4.0", tip, true)
	repo.Push("main", fakegithub.CommitSpec{Message: "feat(engine): add thrust (#2)", Files: map[string]string{"thrust.go": "package rocket\n"}})
	return srv, repo
}

// actionsCheckout clones the repository as actions/checkout does: with depth
// 1 (its default) or the whole history (fetch-depth: 0).
func actionsCheckout(t *testing.T, repo *fakegithub.Repo, depth int) string {
	t.Helper()
	dir := t.TempDir()
	args := []string{"clone", "-q", "--branch", "main"}
	if depth > 0 {
		args = append(args, "--depth", fmt.Sprint(depth))
	}
	gitfixture.Git(t, "", append(args, "file://"+repo.Dir(), dir)...)
	return dir
}

var fullSHA = regexp.MustCompile(`\b[0-9a-f]{40}\b`)

// normalize replaces what changes from run to run: the fake's address and
// commit hashes, which depend on the time the commits were made.
func normalize(srv *fakegithub.Server, s string) string {
	s = strings.ReplaceAll(s, strings.TrimSuffix(srv.URL(), "/"), "https://github.test")
	n := 0
	for _, sha := range fullSHA.FindAllString(s, -1) {
		if !strings.Contains(s, sha) {
			continue // already replaced
		}
		n++
		s = strings.ReplaceAll(s, sha, fmt.Sprintf("{sha%d}", n))
		s = regexp.MustCompile(`\b`+sha[:7]+`\b`).ReplaceAllString(s, fmt.Sprintf("{sha%d:7}", n))
	}
	return s
}
