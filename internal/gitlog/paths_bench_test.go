package gitlog

import (
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// benchRange opens the repository named by $RELEASEBOT_BENCH_REPO (a
// repository from /work/shared/bench/mkrepo.sh) and returns it with the
// commits of v1.2.3..HEAD from Range; it skips the test when the variable
// is unset.
func benchRange(t *testing.T) (*Repo, []string) {
	t.Helper()
	dir := os.Getenv("RELEASEBOT_BENCH_REPO")
	if dir == "" {
		t.Skip("RELEASEBOT_BENCH_REPO is not set")
	}
	r := openAt(t, dir)
	tags, err := r.Tags()
	if err != nil {
		t.Fatal(err)
	}
	var tag string
	for _, tg := range tags {
		if tg.Name == "v1.2.3" {
			tag = tg.Commit
		}
	}
	if tag == "" {
		t.Fatal("no tag v1.2.3")
	}
	head, err := r.Head()
	if err != nil {
		t.Fatal(err)
	}
	commits, _, err := r.Range(head, []string{tag})
	if err != nil {
		t.Fatal(err)
	}
	return r, hashes(commits)
}

// TestChangedPathsBenchRepo times Range and ChangedPaths over v1.2.3..HEAD
// of $RELEASEBOT_BENCH_REPO, to compare with
// `git log --format= --name-only v1.2.3..HEAD`.
func TestChangedPathsBenchRepo(t *testing.T) {
	start := time.Now()
	r, all := benchRange(t)
	walked := time.Now()
	got, err := r.ChangedPaths(all)
	if err != nil {
		t.Fatal(err)
	}
	done := time.Now()
	paths := 0
	for _, p := range got {
		paths += len(p)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("Open+Range %d commits: %v; ChangedPaths: %v, %d paths; heap in use %d MiB, total allocated %d MiB",
		len(all), walked.Sub(start).Round(time.Millisecond), done.Sub(walked).Round(time.Millisecond),
		paths, ms.HeapInuse>>20, ms.TotalAlloc>>20)
}

// TestChangedPathsBenchRepoMatchesGit compares ChangedPaths over
// v1.2.3..HEAD of $RELEASEBOT_BENCH_REPO with git, for every commit:
// `git log --name-only --no-merges` for the ordinary ones, and
// `git log --merges --diff-merges=first-parent` (git 2.31 and later) for
// the merges.
func TestChangedPathsBenchRepoMatchesGit(t *testing.T) {
	r, all := benchRange(t)
	got, err := r.ChangedPaths(all)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, dir: os.Getenv("RELEASEBOT_BENCH_REPO")}
	checked := 0
	for _, kind := range [][]string{{"--no-merges"}, {"--merges", "--diff-merges=first-parent"}} {
		args := append([]string{"log", "--format=%x00%H", "--name-only", "--no-renames"}, kind...)
		out := f.git(append(args, "v1.2.3..HEAD")...)
		for _, rec := range strings.Split(out, "\x00")[1:] {
			lines := strings.Fields(rec)
			want := slices.Clone(lines[1:])
			slices.Sort(want)
			want = slices.Compact(want)
			if len(want) == 0 {
				want = nil
			}
			if g, ok := got[lines[0]]; !ok || !slices.Equal(g, want) {
				t.Fatalf("%s: got %q, want %q", lines[0], g, want)
			}
			checked++
		}
	}
	if checked != len(all) {
		t.Errorf("%d commits checked, %d in the range", checked, len(all))
	}
	t.Logf("all %d commits match git", checked)
}
