package realhistory

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdataDir holds the README of the network-free copy and the known
// version disagreements.
var testdataDir = filepath.Join("..", "..", "testdata", "realhistory")

// dataDir finds the network-free copy of the measured histories (see
// testdataDir's README): $REALHISTORY_DATA, else testdata/realhistory when
// it holds the files, else shared/realhistory beside the repository or one
// of its parents (where CI's copy of shared/ is laid). "" when none has it.
func dataDir(t *testing.T) string {
	if d := os.Getenv("REALHISTORY_DATA"); d != "" {
		return d
	}
	if hasData(testdataDir) {
		return testdataDir
	}
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for {
		if d := filepath.Join(dir, "shared", "realhistory"); hasData(d) {
			return d
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func hasData(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "*.json.gz"))
	return len(m) > 0
}

// TestRealHistories replays every release of the copy through the core
// and checks the figures against the floors and the known version
// disagreements. It prints the figures.
func TestRealHistories(t *testing.T) {
	dir := dataDir(t)
	if dir == "" {
		t.Skip("no copy of the histories: set REALHISTORY_DATA, or write it with .ci/realhistory -testdata DIR (see testdata/realhistory/README.md)")
	}
	repos, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(repos) == 0 {
		t.Fatalf("no histories in %s", dir)
	}
	t.Logf("histories from %s", dir)
	known, err := loadKnown(filepath.Join(testdataDir, "known-version-disagreements.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var results []Result
	for _, r := range repos {
		rp, err := NewReplayer(r)
		if err != nil {
			t.Fatalf("%s: %v", r.Repo, err)
		}
		for _, rel := range r.Releases {
			results = append(results, ReplayResult(rp, r, rel))
		}
	}
	per, total := Tallies(results)
	t.Log("\n" + Table(per, total))
	if out := os.Getenv("REALHISTORY_RESULTS"); out != "" {
		// Every release's answer, to compare two versions of the rules.
		data, err := json.MarshalIndent(results, "", "  ")
		if err == nil {
			err = os.WriteFile(out, data, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range CheckFloors(per, total, floors) {
		t.Error(p)
	}
	for _, p := range CheckKnown(results, known) {
		t.Error(p)
	}
}

// TestCheckFloorsFails shows that the floors can fail: a tally below any
// of them is reported.
func TestCheckFloorsFails(t *testing.T) {
	limits := map[string]Floor{"o/r": {VersionOK: 10, EntryPct: 90, ExactPct: 80}, "all": {VersionOK: 10, EntryPct: 90, ExactPct: 80}}
	good := Tally{Repo: "o/r", Releases: 12, VersionOK: 10, Sections: 10, Entries: 100, Matched: 95, Exact: 9}
	if p := CheckFloors([]Tally{good}, withRepo(good, "all"), limits); len(p) != 0 {
		t.Errorf("a tally at the floors was reported: %v", p)
	}
	for _, bad := range []Tally{
		{Repo: "o/r", Releases: 12, VersionOK: 9, Sections: 10, Entries: 100, Matched: 95, Exact: 9},
		{Repo: "o/r", Releases: 12, VersionOK: 10, Sections: 10, Entries: 100, Matched: 89, Exact: 9},
		{Repo: "o/r", Releases: 12, VersionOK: 10, Sections: 10, Entries: 100, Matched: 95, Exact: 7},
	} {
		if p := CheckFloors([]Tally{bad}, withRepo(good, "all"), limits); len(p) != 1 {
			t.Errorf("%+v: reported %v, want one problem", bad, p)
		}
	}
	if p := CheckFloors(nil, withRepo(good, "all"), limits); len(p) != 1 {
		t.Errorf("a repository with a floor and no releases: reported %v, want one problem", p)
	}
}

func withRepo(t Tally, name string) Tally {
	t.Repo = name
	return t
}

// TestCheckKnownFails shows that a version disagreement that is not known
// fails, and that a known one that now agrees is not a failure.
func TestCheckKnownFails(t *testing.T) {
	known := map[string]string{"o/r v1.0.0": "2.0.0"}
	results := []Result{
		{Repo: "o/r", Tag: "v1.0.0", Want: "1.0.0", Got: "2.0.0"},
		{Repo: "o/r", Tag: "v1.1.0", Want: "1.1.0", Got: "1.1.0"},
	}
	if p := CheckKnown(results, known); len(p) != 0 {
		t.Errorf("known disagreement reported: %v", p)
	}
	results[1].Got = "2.0.0"
	if p := CheckKnown(results, known); len(p) != 1 {
		t.Errorf("new disagreement: reported %v, want one problem", p)
	}
	results[0].Got = "3.0.0"
	if p := CheckKnown(results[:1], known); len(p) != 1 {
		t.Errorf("known release answering another wrong version: reported %v, want one problem", p)
	}
}

// loadKnown reads "owner/name tag got # cause" lines.
func loadKnown(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	known := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 3 {
			return nil, fmt.Errorf("%s:%d: want \"owner/name tag got # cause\", got %q", path, n, sc.Text())
		}
		known[fields[0]+" "+fields[1]] = fields[2]
	}
	return known, sc.Err()
}
