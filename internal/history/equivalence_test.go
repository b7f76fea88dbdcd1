package history_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/forge"
	"github.com/releasebot/releasebot/internal/gitlog"
	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// TestCheckoutAndAPIAgree builds each scenario's repository with git,
// pushes it to the fake GitHub, and asks every question of the Reader
// interface, and history.Load, of a clone (Checkout) and of the API
// (API over forge.Client): the answers must be the same.
func TestCheckoutAndAPIAgree(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel() // most of the time is spent waiting for git
			src := newGitRepo(t)
			sc.build(src)
			pair := newPair(t, src)
			commits := src.allCommits()
			heads := pair.heads(t, commits)

			pair.compareTips(t)
			pair.compareTags(t, sc.tags)
			for _, head := range heads {
				for _, base := range append([]string{""}, commits...) {
					pair.compareSince(t, head, base)
				}
			}
			paths := append(slices.Clone(sc.probe), "", "nope", "nope/deeper")
			for _, head := range heads {
				paths = append(paths, src.paths(head)...)
			}
			paths = unique(paths)
			for _, head := range heads {
				for _, p := range paths {
					pair.compareReadFile(t, head, p)
					pair.compareMode(t, head, p)
				}
			}
			pair.compareChangedPaths(t, commits)
			for _, c := range commits {
				pair.compareTree(t, c)
			}
			pair.checkFiles(t, sc.files)
			for i, yml := range sc.configs {
				pair.compareLoad(t, yml, sc.loads[i])
			}
		})
	}
}

// pair is one repository read both ways.
type pair struct {
	clone  string
	client *forge.Client
	local  history.Reader
	api    history.Reader
}

// newPair pushes src's branches and tags to a fake GitHub repository,
// clones that, and opens both readers on main.
func newPair(t *testing.T, src *gitRepo) *pair {
	t.Helper()
	srv := fakegithub.New(t, fakegithub.Options{Token: "tok"})
	repo := srv.CreateRepo("acme", "rocket", "main")
	src.git("push", "-q", "file://"+repo.Dir(), "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*")
	clone := filepath.Join(t.TempDir(), "clone")
	runGit(t, t.TempDir(), 0, "clone", "-q", "file://"+repo.Dir(), clone)
	c, err := forge.New("acme", "rocket", forge.Options{APIURL: srv.URL(), Token: "tok"})
	if err != nil {
		t.Fatal(err)
	}
	p := &pair{clone: clone, client: c}
	p.local, p.api = p.readers(t)
	return p
}

// readers opens a fresh Checkout and a fresh API reader.
func (p *pair) readers(t *testing.T) (history.Reader, history.Reader) {
	t.Helper()
	repo, err := gitlog.Open(p.clone)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { repo.Close() })
	return history.NewCheckout(repo), &history.API{Host: p.client, Branch: "main"}
}

// heads are the commits Since is asked from: the tip and every tagged
// commit (on main's history or not).
func (p *pair) heads(t *testing.T, all []string) []string {
	t.Helper()
	tip, err := p.local.Tip(ctx)
	if err != nil {
		t.Fatal(err)
	}
	heads := []string{tip}
	tags, err := p.local.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range tags {
		heads = append(heads, tag.Commit)
	}
	if len(all) == 0 {
		t.Fatal("no commits")
	}
	return unique(heads)
}

var ctx = context.Background()

func (p *pair) compareTips(t *testing.T) {
	t.Helper()
	a, errA := p.local.Tip(ctx)
	b, errB := p.api.Tip(ctx)
	if errA != nil || errB != nil || a != b {
		t.Errorf("Tip: checkout %s, %v; API %s, %v", a, errA, b, errB)
	}
}

func (p *pair) compareTags(t *testing.T, want int) {
	t.Helper()
	a, errA := p.local.Tags(ctx)
	b, errB := p.api.Tags(ctx)
	if errA != nil || errB != nil {
		t.Fatalf("Tags: checkout %v; API %v", errA, errB)
	}
	if x, y := tagSet(a), tagSet(b); x != y {
		t.Errorf("Tags differ:\ncheckout %s\nAPI      %s", x, y)
	}
	if len(b) != want {
		t.Errorf("Tags: %d, want %d", len(b), want)
	}
}

func (p *pair) compareSince(t *testing.T, head, base string) {
	t.Helper()
	a, ancA, errA := p.local.Since(ctx, head, base)
	b, ancB, errB := p.api.Since(ctx, head, base)
	if errA != nil || errB != nil {
		t.Errorf("Since(%.7s, %.7s): checkout %v; API %v", head, base, errA, errB)
		return
	}
	if ancA != ancB || commitList(a) != commitList(b) {
		t.Errorf("Since(%.7s, %.7s):\ncheckout ancestor=%v\n%s\nAPI ancestor=%v\n%s", head, base, ancA, commitList(a), ancB, commitList(b))
	}
}

func (p *pair) compareReadFile(t *testing.T, commit, path string) {
	t.Helper()
	a, errA := p.local.ReadFile(ctx, commit, path)
	b, errB := p.api.ReadFile(ctx, commit, path)
	if !sameOutcome(errA, errB) || errA == nil && string(a) != string(b) {
		t.Errorf("ReadFile(%.7s, %q): checkout %q, %v; API %q, %v", commit, path, a, errA, b, errB)
	}
}

func (p *pair) compareMode(t *testing.T, commit, path string) {
	t.Helper()
	a, errA := p.local.Mode(ctx, commit, path)
	b, errB := p.api.Mode(ctx, commit, path)
	if !sameOutcome(errA, errB) || a != b {
		t.Errorf("Mode(%.7s, %q): checkout %o, %v; API %o, %v", commit, path, a, errA, b, errB)
	}
}

func (p *pair) compareChangedPaths(t *testing.T, commits []string) {
	t.Helper()
	a, errA := p.local.ChangedPaths(ctx, commits)
	b, errB := p.api.ChangedPaths(ctx, commits)
	if errA != nil || errB != nil {
		t.Fatalf("ChangedPaths: checkout %v; API %v", errA, errB)
	}
	for _, c := range commits {
		_, okA := a[c]
		_, okB := b[c]
		x, y := sorted(a[c]), sorted(b[c])
		if !okA || !okB || x != y {
			t.Errorf("ChangedPaths(%.7s): checkout %v (listed %v); API %v (listed %v)", c, x, okA, y, okB)
		}
	}
}

func (p *pair) compareTree(t *testing.T, commit string) {
	t.Helper()
	a, errA := p.local.Tree(ctx, commit)
	b, errB := p.api.Tree(ctx, commit)
	if errA != nil || errB != nil || a != b {
		t.Errorf("Tree(%.7s): checkout %s, %v; API %s, %v", commit, a, errA, b, errB)
	}
}

// compareLoad loads every component with fresh readers and compares the
// states field by field, Parsed aside (only the checkout parses ahead).
func (p *pair) compareLoad(t *testing.T, yml, want string) {
	t.Helper()
	cfg, err := config.Parse("releasebot.yml", []byte(yml))
	if err != nil {
		t.Fatalf("config %q: %v", yml, err)
	}
	local, api := p.readers(t)
	a, errA := history.Load(ctx, local, cfg, nil)
	b, errB := history.Load(ctx, api, cfg, nil)
	if errA != nil || errB != nil {
		// The messages may name the commit differently (GitHub's
		// answers hold the full hash), and must both say what is wrong.
		msg, ok := strings.CutPrefix(want, "error: ")
		if !ok || errA == nil || errB == nil || !strings.Contains(errA.Error(), msg) || !strings.Contains(errB.Error(), msg) {
			t.Errorf("Load(%q): checkout %v; API %v; want %s", yml, errA, errB, want)
		}
		return
	}
	if x, y := describeStates(a), describeStates(b); x != y {
		t.Errorf("Load(%q) differs:\n--- checkout\n%s--- API\n%s", yml, x, y)
	}
	var got []string
	for _, cs := range b {
		got = append(got, cs.Name+"="+version(cs.State.Current))
	}
	if strings.Join(got, " ") != want {
		t.Errorf("Load(%q) = %s, want %s", yml, strings.Join(got, " "), want)
	}
}

// checkFiles reads files at the tip through the API, which has to agree
// with the checkout on them.
func (p *pair) checkFiles(t *testing.T, files map[string]string) {
	t.Helper()
	tip, err := p.api.Tip(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range files {
		if got, err := p.api.ReadFile(ctx, tip, path); err != nil || string(got) != want {
			t.Errorf("ReadFile(tip, %q) = %q, %v; want %q", path, got, err, want)
		}
	}
}

// describeStates writes every field of the states but Parsed.
func describeStates(states []plan.ComponentState) string {
	var b strings.Builder
	for _, cs := range states {
		st := cs.State
		fmt.Fprintf(&b, "component %q path %q\n", cs.Name, cs.Path)
		fmt.Fprintf(&b, "  head %s current %s (%q) stable %s (%q) from-version-file %v\n",
			st.Head, version(st.Current), st.CurrentTag, version(st.Stable), st.StableTag, st.FromVersionFile)
		fmt.Fprintf(&b, "  since stable:\n%s  since current:\n%s", commitList(st.SinceStable), commitList(st.SinceCurrent))
		fmt.Fprintf(&b, "  tagged %v\n  commit pulls %v\n  warnings %q\n", st.Tagged, st.CommitPulls, st.Warnings)
		for _, tv := range st.Tags {
			fmt.Fprintf(&b, "  tag %s %s %s\n", tv.Name, tv.Commit, tv.Version)
		}
	}
	return b.String()
}

func version(v *semver.Version) string {
	if v == nil {
		return "none"
	}
	return v.String()
}

// commitList writes one commit a line: every field of release.Commit,
// the time in UTC (the API answers in UTC, git keeps the author's zone).
func commitList(commits []release.Commit) string {
	var b strings.Builder
	for _, c := range commits {
		fmt.Fprintf(&b, "    %.7s merge=%v %q %s %q\n", c.Hash, c.Merge, c.Author, c.Time.UTC().Format(time.RFC3339), c.Message)
	}
	return b.String()
}

func tagSet(tags []release.Tag) string {
	lines := make([]string, len(tags))
	for i, tag := range tags {
		lines[i] = tag.Name + "=" + tag.Commit
	}
	return sorted(lines)
}

func sorted(s []string) string {
	s = slices.Clone(s)
	sort.Strings(s)
	return strings.Join(s, " ")
}

func unique(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// sameOutcome reports whether both calls succeeded, or both failed alike:
// both with a missing path, or both with another error.
func sameOutcome(a, b error) bool {
	if (a == nil) != (b == nil) {
		return false
	}
	return errors.Is(a, fs.ErrNotExist) == errors.Is(b, fs.ErrNotExist)
}
