package gitlog

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/release"
)

func hashes(cs []release.Commit) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Hash)
	}
	return out
}

func TestRangeLinear(t *testing.T) {
	f := newFixture(t)
	f.commit("feat: one")
	tag := f.commit("fix: two")
	f.git("tag", "v1.0.0")
	f.commit("feat: three\n\nBody line.\n\nRefs: #1")
	head := f.commit("chore: four")
	r := f.open()
	got := f.checkRange(r, head, tag)
	if len(got) != 2 {
		t.Fatalf("got %d commits, want 2", len(got))
	}
	commits, _, err := r.Range(head, []string{tag})
	if err != nil {
		t.Fatal(err)
	}
	c := commits[1]
	if c.Message != "feat: three\n\nBody line.\n\nRefs: #1\n" || c.Author != "Ada Lovelace" || c.Merge {
		t.Errorf("commit = %+v", c)
	}
	if want := time.Unix(baseTime+180, 0); !c.Time.Equal(want) {
		t.Errorf("Time = %v, want %v", c.Time, want)
	}
}

func TestRangeMerges(t *testing.T) {
	f := newFixture(t)
	f.commit("feat: base")
	f.git("switch", "-q", "-c", "a")
	f.commit("feat(a): one")
	f.commit("feat(a): two")
	f.git("switch", "-q", "main")
	f.commit("fix: main one")
	f.merge("a")
	tag := f.git("rev-parse", "HEAD")
	f.git("tag", "-a", "-m", "v1.0.0", "v1.0.0")
	f.git("switch", "-q", "-c", "b")
	f.commit("feat(b): one")
	f.git("switch", "-q", "main")
	f.commit("fix: main two")
	f.git("switch", "-q", "b")
	f.commit("feat(b): two")
	f.git("switch", "-q", "main")
	head := f.merge("b")
	r := f.open()
	f.checkRange(r, head, tag)
	commits, _, _ := r.Range(head, []string{tag})
	if !commits[0].Merge || commits[1].Merge {
		t.Errorf("Merge flags: %v %v", commits[0].Merge, commits[1].Merge)
	}
}

// A branch forked before the tag and merged after it: its commits are not
// reachable from the tag, so they belong to the range, even those dated
// before the tag (clock skew, or simply an old branch).
func TestRangeForkBeforeTagMergedAfter(t *testing.T) {
	f := newFixture(t)
	f.commit("feat: base")
	fork := f.clock
	f.git("switch", "-q", "-c", "old")
	f.commitAt("feat(old): early one", fork+10)
	f.commitAt("feat(old): early two", fork+20)
	f.git("switch", "-q", "main")
	f.clock += 3600
	for i := range 10 {
		f.commit("fix: main " + string(rune('a'+i)))
	}
	tag := f.git("rev-parse", "HEAD")
	f.git("tag", "v1.0.0")
	f.commit("feat: after")
	head := f.merge("old")
	r := f.open()
	got := f.checkRange(r, head, tag)
	if len(got) != 4 {
		t.Fatalf("got %d commits, want 4 (after, merge, two old ones)", len(got))
	}
}

// Commits whose committer time is older than their parents': git's slop
// handles a few of them; the result must still equal git's.
func TestRangeClockSkew(t *testing.T) {
	f := newFixture(t)
	f.commit("feat: base")
	f.git("switch", "-q", "-c", "side")
	f.commitAt("feat(side): from the past", baseTime-86400)
	f.git("switch", "-q", "main")
	f.commit("fix: one")
	tag := f.commit("fix: two")
	f.git("tag", "v1.0.0")
	f.commitAt("feat: skewed after the tag", baseTime-3600)
	f.commit("feat: normal")
	f.git("merge", "-q", "--no-ff", "-m", "Merge side", "side")
	head := f.git("rev-parse", "HEAD")
	r := f.open()
	f.checkRange(r, head, tag)
	f.checkRange(r, head)
}

func TestRangeUnmergedTagAndMultipleExcludes(t *testing.T) {
	f := newFixture(t)
	f.commit("feat: base")
	old := f.commit("feat: old release")
	f.git("tag", "v0.9.0")
	f.commit("fix: x")
	v1 := f.commit("feat: v1")
	f.git("tag", "v1.0.0")
	f.git("switch", "-q", "-c", "hotfix")
	hot := f.commit("fix: hotfix, never merged")
	f.git("tag", "v1.0.1")
	f.git("switch", "-q", "main")
	f.commit("feat: next")
	head := f.commit("feat: next two")
	r := f.open()
	f.checkRange(r, head, hot)
	f.checkRange(r, head, v1, hot, old)
	f.checkRange(r, head, old, v1)
	f.checkRange(r, hot, head)
	_, anc, _ := r.Range(head, []string{hot})
	if anc[hot] {
		t.Error("the unmerged tag is reported as an ancestor")
	}
}

func TestRangeEmptyExcludeAndHeadIsTag(t *testing.T) {
	f := newFixture(t)
	f.commit("feat: one")
	f.commit("feat: two")
	head := f.commit("feat: three")
	r := f.open()
	if got := f.checkRange(r, head); len(got) != 3 {
		t.Errorf("whole history: %d commits, want 3", len(got))
	}
	commits, anc, err := r.Range(head, []string{head})
	if err != nil || len(commits) != 0 || !anc[head] {
		t.Errorf("head == tag: %d commits, ancestors %v, err %v", len(commits), anc, err)
	}
}

func TestRangeBadInput(t *testing.T) {
	f := newFixture(t)
	head := f.commit("feat: one")
	tree := f.git("rev-parse", "HEAD^{tree}")
	r := f.open()
	for _, ex := range [][]string{{"v1.0.0"}, {tree}, {strings.Repeat("ab", 20)}} {
		if _, _, err := r.Range(head, ex); err == nil {
			t.Errorf("Range(head, %v) succeeded", ex)
		}
	}
}

func TestRangeShallow(t *testing.T) {
	src := newFixture(t)
	src.commit("feat: one")
	src.commit("feat: two")
	src.git("tag", "v1.0.0")
	src.commit("feat: three")
	dst := t.TempDir()
	src.gitIn(dst, "clone", "-q", "--depth", "1", "file://"+src.dir, "clone")
	r := openAt(t, dst+"/clone")
	if sh, err := r.Shallow(); err != nil || !sh {
		t.Fatalf("Shallow() = %v, %v", sh, err)
	}
	head, err := r.Head()
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = r.Range(head, nil)
	if !errors.Is(err, ErrShallow) {
		t.Fatalf("Range on a shallow clone: %v, want ErrShallow", err)
	}
	if !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("error lacks the advice: %v", err)
	}
	full := src.open()
	if sh, _ := full.Shallow(); sh {
		t.Error("a full repository is reported shallow")
	}

	// Deep enough for the range: the walk never reaches the boundary.
	src.commit("feat: four")
	src.gitIn(dst, "clone", "-q", "--depth", "3", "file://"+src.dir, "deeper")
	f := &fixture{t: t, dir: dst + "/deeper"}
	r = f.open()
	tags, err := r.Tags()
	if err != nil || len(tags) != 1 {
		t.Fatalf("Tags() in the deeper clone = %v, %v", tags, err)
	}
	head, _ = r.Head()
	f.checkRange(r, head, tags[0].Commit)
}

func TestRangeWorktree(t *testing.T) {
	f := newFixture(t)
	f.commit("feat: one")
	tag := f.commit("feat: two")
	f.git("tag", "-a", "-m", "release", "v1.0.0")
	f.git("pack-refs", "--all")
	wt := t.TempDir() + "/wt"
	f.git("worktree", "add", "-q", "-b", "other", wt)
	f.gitIn(wt, "commit", "-q", "--allow-empty", "-m", "feat: in the worktree")
	head := f.gitIn(wt, "rev-parse", "HEAD")
	r := openAt(t, wt+"/.")
	got, err := r.Head()
	if err != nil || got != head {
		t.Fatalf("Head() = %s, %v; want %s", got, err, head)
	}
	tags, err := r.Tags()
	if err != nil || len(tags) != 1 || tags[0].Commit != tag {
		t.Fatalf("Tags() = %v, %v", tags, err)
	}
	f.checkRange(r, head, tag)
	if d, err := r.Dirty(); err != nil || d {
		t.Errorf("Dirty() in the worktree = %v, %v", d, err)
	}
}
