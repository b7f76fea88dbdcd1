package gitlog

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// TestRangeRandomHistories compares Range with git on random histories:
// branches forked and merged at random, a few octopus merges, and committer
// times that go backwards now and then (clock skew).
func TestRangeRandomHistories(t *testing.T) {
	for seed := range uint64(8) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			f := newFixture(t)
			commits := randomHistory(f, rng, 120)
			r := f.open()
			for range 25 {
				head := commits[rng.IntN(len(commits))]
				var exclude []string
				for range rng.IntN(4) {
					exclude = append(exclude, commits[rng.IntN(len(commits))])
				}
				f.checkRange(r, head, exclude...)
			}
		})
	}
}

// randomHistory writes n commits with `git commit-tree`, each with one to
// three parents among the recent commits, and returns their hashes.
func randomHistory(f *fixture, rng *rand.Rand, n int) []string {
	f.t.Helper()
	tree := f.git("mktree")
	var commits []string
	for i := range n {
		args := []string{"commit-tree", tree, "-m", fmt.Sprintf("feat: commit %d", i)}
		if len(commits) > 0 {
			parents := 1
			if p := rng.IntN(10); p == 0 {
				parents = 3
			} else if p < 4 {
				parents = 2
			}
			seen := map[string]bool{}
			for range parents {
				p := commits[len(commits)-1-rng.IntN(min(len(commits), 15))]
				if !seen[p] {
					seen[p] = true
					args = append(args, "-p", p)
				}
			}
		}
		f.clock += int64(rng.IntN(120))
		if rng.IntN(12) == 0 {
			f.clock -= int64(rng.IntN(3600))
		}
		commits = append(commits, f.git(args...))
	}
	return commits
}

// BenchmarkRange measures Range(HEAD, [v1.2.3]) on the repository named by
// $RELEASEBOT_BENCH_REPO, for instance one built by
// /work/shared/bench/mkrepo.sh; it is skipped when the variable is unset.
// Each iteration opens the repository afresh, as a run of releasebot does.
func BenchmarkRange(b *testing.B) {
	dir := os.Getenv("RELEASEBOT_BENCH_REPO")
	if dir == "" {
		b.Skip("RELEASEBOT_BENCH_REPO is not set")
	}
	for b.Loop() {
		n, err := rangeSinceTag(dir, "v1.2.3")
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n), "commits")
	}
}

// rangeSinceTag opens dir and returns the number of commits since tag.
func rangeSinceTag(dir, tag string) (int, error) {
	r, err := Open(dir)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	head, err := r.Head()
	if err != nil {
		return 0, err
	}
	tags, err := r.Tags()
	if err != nil {
		return 0, err
	}
	for _, t := range tags {
		if t.Name == tag {
			commits, anc, err := r.Range(head, []string{t.Commit})
			if err == nil && !anc[t.Commit] {
				err = fmt.Errorf("%s is not an ancestor of HEAD", tag)
			}
			return len(commits), err
		}
	}
	return 0, fmt.Errorf("no tag %s among %d", tag, len(tags))
}

// TestRangeBenchRepo checks Range on the benchmark repository against
// git, when $RELEASEBOT_BENCH_REPO is set: the count since v1.2.3, and the
// whole result and the ancestors with every tag excluded.
func TestRangeBenchRepo(t *testing.T) {
	dir := os.Getenv("RELEASEBOT_BENCH_REPO")
	if dir == "" {
		t.Skip("RELEASEBOT_BENCH_REPO is not set")
	}
	f := &fixture{t: t, dir: dir}
	want := f.git("rev-list", "--count", "v1.2.3..HEAD")
	n, err := rangeSinceTag(dir, "v1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(n); got != strings.TrimSpace(want) {
		t.Errorf("Range gave %s commits, git rev-list --count %s", got, want)
	}
	r := openAt(t, dir)
	head, err := r.Head()
	if err != nil {
		t.Fatal(err)
	}
	tags, err := r.Tags()
	if err != nil {
		t.Fatal(err)
	}
	var exclude []string
	for _, tag := range tags {
		exclude = append(exclude, tag.Commit)
	}
	f.checkRange(r, head, exclude...)
}
