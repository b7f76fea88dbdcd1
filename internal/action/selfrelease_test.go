package action

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/checkout"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/semver"
)

// imageRef is the image line of action.yml.
var imageRef = regexp.MustCompile(`(?m)^  image: docker://ghcr\.io/releasebot/releasebot:v(\S+) # x-releasebot-version$`)

// TestActionImageFollowsTheProjectVersion: action.yml runs the image of
// the project's current version (its latest release tag, else VERSION,
// else the first release to come), and releasebot's own release pull
// request moves that line to the version it releases, so that a release
// tag always names the image built from it.
func TestActionImageFollowsTheProjectVersion(t *testing.T) {
	root := filepath.Join("..", "..")
	actionYML, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	m := imageRef.FindSubmatch(actionYML)
	if m == nil {
		t.Fatalf("action.yml has no line matching %s", imageRef)
	}
	w, err := checkout.Open(checkout.Options{Dir: root})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if shallow, err := w.Shallow(); err == nil && shallow {
		t.Skip("a shallow clone: the project's version needs its whole history (git fetch --unshallow)")
	}
	if !slices.Contains(w.Config.VersionFiles, "action.yml") {
		t.Fatalf(".github/releasebot.yml does not list action.yml in version-files: %v", w.Config.VersionFiles)
	}
	results, _, err := w.Releases(time.Now(), plan.Notes)
	if err != nil {
		t.Fatal(err)
	}
	planned, st := results[0].Result, results[0].State
	current := w.Config.InitialVersion
	if planned.Plan.Current != nil {
		current = planned.Plan.Current.String()
	}
	if string(m[1]) != current {
		t.Errorf("action.yml runs the image of %s; the project's version is %s", m[1], current)
	}

	// The release after this one, whatever the commits say.
	cur, err := semver.Parse(current)
	if err != nil {
		t.Fatal(err)
	}
	next := semver.Version{Major: cur.Major, Minor: cur.Minor, Patch: cur.Patch + 1}
	forced, err := plan.Releases(plan.Input{
		Config: w.Config, Read: w.ReadFile, Date: time.Now(), Next: &next, NextLevel: semver.Patch,
	}, []plan.ComponentState{{Component: results[0].Component, State: st}}, plan.Files)
	if err != nil {
		t.Fatal(err)
	}
	res := forced[0].Result
	if res.Plan.Next.String() != next.String() {
		t.Fatalf("the forced release is %s, want %s", res.Plan.Next, next)
	}
	var changed []byte
	for _, fc := range res.Files {
		if fc.Path == "action.yml" {
			changed = fc.New
		}
	}
	if changed == nil {
		t.Fatalf("releasing %s would not update action.yml (files: %d)", next, len(res.Files))
	}
	oldLines, newLines := bytes.Split(actionYML, []byte("\n")), bytes.Split(changed, []byte("\n"))
	if len(oldLines) != len(newLines) {
		t.Fatalf("the release rewrites action.yml beyond its image line")
	}
	var diff []string
	for i := range oldLines {
		if !bytes.Equal(oldLines[i], newLines[i]) {
			diff = append(diff, string(newLines[i]))
		}
	}
	want := "  image: docker://ghcr.io/releasebot/releasebot:v" + next.String() + " # x-releasebot-version"
	if len(diff) != 1 || diff[0] != want {
		t.Errorf("releasing %s changes action.yml's lines to %q, want only %q", next, strings.Join(diff, "\n"), want)
	}
}
