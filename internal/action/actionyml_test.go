package action

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// actionYML is the part of action.yml the tests check.
type actionYML struct {
	Name, Description string
	Inputs            yaml.Node
	Outputs           yaml.Node
	Runs              struct {
		Using, Image string
		Args         []string
	}
}

type inputSpec struct {
	Description string
	Default     *string
}

type outputSpec struct{ Description string }

// keys returns a mapping node's keys in order.
func keys(n yaml.Node) []string {
	var out []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, n.Content[i].Value)
	}
	return out
}

func TestActionYMLDeclaresWhatTheCodeReadsAndWrites(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionYML
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if got := keys(a.Inputs); !slices.Equal(got, Inputs) {
		t.Errorf("action.yml declares the inputs %v; the code reads %v", got, Inputs)
	}
	if got := keys(a.Outputs); !slices.Equal(got, Outputs) {
		t.Errorf("action.yml declares the outputs %v; the code writes %v", got, Outputs)
	}
	var inputs map[string]inputSpec
	if err := a.Inputs.Decode(&inputs); err != nil {
		t.Fatal(err)
	}
	for name, in := range inputs {
		if strings.TrimSpace(in.Description) == "" || in.Default == nil {
			t.Errorf("input %s needs a description and a default", name)
		}
	}
	for name, want := range map[string]string{
		"token": "${{ github.token }}", "github-api-url": "${{ github.api_url }}",
		"command": "run", "dry-run": "false", "config-file": "", "target-branch": "", "prerelease": "",
	} {
		if d := inputs[name].Default; d == nil || *d != want {
			t.Errorf("input %s: default %v, want %q", name, d, want)
		}
	}
	var outputs map[string]outputSpec
	if err := a.Outputs.Decode(&outputs); err != nil {
		t.Fatal(err)
	}
	for name, out := range outputs {
		if strings.TrimSpace(out.Description) == "" {
			t.Errorf("output %s needs a description", name)
		}
	}
	if a.Runs.Using != "docker" || !strings.HasPrefix(a.Runs.Image, "docker://ghcr.io/releasebot/releasebot:v") || !slices.Equal(a.Runs.Args, []string{"action"}) {
		t.Errorf("runs: %+v, want the prebuilt image run with the argument action", a.Runs)
	}
	if a.Name == "" || a.Description == "" {
		t.Error("action.yml needs a name and a description")
	}
}

// TestEveryInputIsRead holds the code to the list: each declared input is
// read, under the variable name the runner uses, and nothing else is.
func TestEveryInputIsRead(t *testing.T) {
	var read []string
	getenv := func(k string) string {
		if strings.HasPrefix(k, "INPUT_") {
			read = append(read, k)
		}
		return ""
	}
	if _, err := readInputs(getenv); err != nil {
		t.Fatal(err)
	}
	for _, c := range Commands {
		if commands[c] == nil {
			t.Errorf("command %s is accepted but not implemented", c)
		}
	}
	if len(commands) != len(Commands) {
		t.Errorf("%d commands implemented, %d accepted", len(commands), len(Commands))
	}
	want := []string{"INPUT_TOKEN", "INPUT_COMMAND", "INPUT_CONFIG-FILE", "INPUT_TARGET-BRANCH", "INPUT_PRERELEASE", "INPUT_DRY-RUN", "INPUT_GITHUB-API-URL"}
	slices.Sort(read)
	slices.Sort(want)
	if !slices.Equal(read, want) {
		t.Errorf("read %v, want %v", read, want)
	}
}

// TestReleaseWorkflowUsesThisAction: the project releases itself with the
// Action of the same commit (built from source: the image action.yml names
// is built once the release exists), on a full checkout, with the
// permissions the README asks users for, on every release branch and the
// release pull requests' branches (edits are laid over at once); and
// every third-party action is pinned to a commit.
func TestReleaseWorkflowUsesThisAction(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", ".github", "workflows", "release.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On struct {
			Push struct{ Branches []string }
		}
		Jobs map[string]struct {
			Permissions map[string]string
			Steps       []struct {
				Uses, Run string
				With      map[string]any
			}
		}
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	if want := []string{"main", "next", "release/*", "stable/*", "releasebot/**"}; !slices.Equal(wf.On.Push.Branches, want) {
		t.Errorf("release.yml runs on pushes to %v, want every release branch %v", wf.On.Push.Branches, want)
	}
	var self, fullCheckout bool
	pinned := regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	for name, job := range wf.Jobs {
		for _, st := range job.Steps {
			if st.Run == "go run ./cmd/releasebot action" {
				self = true
				if job.Permissions["contents"] != "write" || job.Permissions["pull-requests"] != "write" {
					t.Errorf("job %s runs releasebot with permissions %v", name, job.Permissions)
				}
			}
			fullCheckout = fullCheckout || strings.HasPrefix(st.Uses, "actions/checkout@") && st.With["fetch-depth"] == 0
			if st.Uses != "" && !strings.HasPrefix(st.Uses, "./") && !pinned.MatchString(st.Uses) {
				t.Errorf("job %s uses %s: pin third-party actions to a commit SHA", name, st.Uses)
			}
		}
	}
	if !self || !fullCheckout {
		t.Errorf("release.yml: runs this commit's Action %v, checkout with fetch-depth 0 %v", self, fullCheckout)
	}
}
