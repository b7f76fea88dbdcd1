package bot_test

import (
	"flag"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// The "nothing is lost" property of issue 10: whatever order merges, runs,
// hand edits of the release branch and bump labels come in, the published
// release notes list every releasable change of the released range that
// people did not delete while it was shown on the pull request, in the
// words people gave it; main's CHANGELOG lists the same less the changes
// merged after the pull request's last refresh (only the notes gain those).
//
// Each sequence is generated from a seed; a failure prints the seed and the
// sequence, which -invariant.replay runs again (steps separated by spaces),
// so that it can be cut down by hand.
var (
	invariantSeeds  = flag.Int("invariant.seeds", 30, "random sequences through the API in TestNothingIsLost (a quarter as many through a checkout, which clones for every run)")
	invariantReplay = flag.String("invariant.replay", "", "run this sequence (as printed by a failure) instead of random ones")
)

// invariantStats counts what the sequences went through, for the report
// printed by the test in verbose mode.
type invariantStats struct {
	sequences, withLate, late, lateMissingOnMain, lateAbove, deletions, pinUnapplied, versionDiffers, labels int
	// edits counts the commits people pushed to the release branch, by
	// kind of step.
	edits map[string]int
}

func TestNothingIsLost(t *testing.T) {
	for _, source := range sources {
		st := invariantStats{edits: map[string]int{}}
		if *invariantReplay != "" {
			t.Run(source+"/replay", func(t *testing.T) {
				runSequence(t, source, strings.Fields(*invariantReplay), &st)
			})
			continue
		}
		seeds := *invariantSeeds
		if source == "local" {
			seeds = (seeds + 3) / 4
		}
		if testing.Short() {
			seeds = min(seeds, 5)
		}
		for seed := int64(1); seed <= int64(seeds); seed++ {
			steps := randomSequence(rand.New(rand.NewSource(seed)))
			t.Run(fmt.Sprintf("%s/seed=%d", source, seed), func(t *testing.T) {
				runSequence(t, source, steps, &st)
			})
		}
		if st.sequences == 0 {
			continue
		}
		t.Logf("%s: %d sequences, %d with changes merged after the last refresh (%d changes, %d of them missing from main's CHANGELOG, %d asking a higher level than the release's); hand edits %v deleting %d entries, %d pins merged before a run applied them, %d tags whose VERSION file says another version; %d labels",
			source, st.sequences, st.withLate, st.late, st.lateMissingOnMain, st.lateAbove, st.edits, st.deletions, st.pinUnapplied, st.versionDiffers, st.labels)
	}
}

// randomSequence is 8 to 15 random steps, then the ending: make sure there
// is a release pull request, maybe merge more changes before anyone runs,
// merge it by a random method and run to publish.
func randomSequence(r *rand.Rand) []string {
	kinds := []string{"feat", "fix", "fix", "chore", "docs", "breaking"}
	methods := []string{"merge", "squash", "rebase"}
	levels := []string{"major", "minor", "patch"}
	var steps []string
	for n := 8 + r.Intn(8); len(steps) < n; {
		switch p := r.Intn(100); {
		case p < 18:
			steps = append(steps, "push:"+kinds[r.Intn(len(kinds))])
		case p < 33:
			steps = append(steps, "pr:"+kinds[r.Intn(len(kinds))]+":"+methods[r.Intn(3)])
		case p < 50:
			steps = append(steps, "run")
		case p < 64:
			steps = append(steps, fmt.Sprintf("reword:%d", r.Intn(100)))
		case p < 73:
			steps = append(steps, fmt.Sprintf("delete:%d", r.Intn(100)))
		case p < 76:
			steps = append(steps, fmt.Sprintf("dropsub:%d", r.Intn(100)))
		case p < 81:
			steps = append(steps, fmt.Sprintf("prose:%d", r.Intn(100)))
		case p < 84:
			steps = append(steps, fmt.Sprintf("intro:%d", r.Intn(100)))
		case p < 90:
			steps = append(steps, fmt.Sprintf("pin:%d", r.Intn(100)))
		default:
			steps = append(steps, fmt.Sprintf("label:%d:%s", r.Intn(100), levels[r.Intn(3)]))
		}
	}
	steps = append(steps, "ensure")
	for range r.Intn(4) { // after the last run, or not
		switch r.Intn(4) {
		case 0:
			steps = append(steps, "push:"+kinds[r.Intn(len(kinds))])
		case 1:
			steps = append(steps, "pr:"+kinds[r.Intn(len(kinds))]+":"+methods[r.Intn(3)])
		case 2:
			steps = append(steps, fmt.Sprintf("reword:%d", r.Intn(100)))
		default:
			steps = append(steps, fmt.Sprintf("delete:%d", r.Intn(100)))
		}
	}
	return append(steps, "merge:"+methods[r.Intn(3)], "publish")
}

// change is one commit merged into main, as the sequence made it.
type change struct {
	id     int    // its token is fmt.Sprintf("chg%03d", id)
	kind   string // feat, fix, breaking, chore, docs
	pull   int    // the pull request that brought it, 0 for a push
	merged int    // the step that merged it
}

func (c *change) token() string { return fmt.Sprintf("chg%03d", c.id) }

// releasable is true for the kinds that belong in release notes.
func (c *change) releasable() bool {
	return c.kind == "feat" || c.kind == "fix" || c.kind == "breaking"
}

func (c *change) level() semver.Level {
	switch c.kind {
	case "breaking":
		return semver.Major
	case "feat":
		return semver.Minor
	case "fix":
		return semver.Patch
	}
	return semver.None
}

// model is what the sequence did, and so what the repository must show.
type model struct {
	changes []*change
	// lastRun is the step of the last run (-1 before any).
	lastRun int
	// deleted and reworded hold, by token, the entries people deleted and
	// the lines they left reworded.
	deleted  map[string]bool
	reworded map[string]string
	prose    []string
	// intro is the file's introduction as people last edited it.
	intro string
	// labels are the highest bump labels on merged pull requests.
	labels map[int]semver.Level
	// pin is the version people last wrote in VERSION; applied is the
	// pin as of the last run, which made it the release's.
	pin, applied string
	// version is the release's version as of the last run.
	version string
}

// expectedVersion is the version a run proposes now: the pin, else 1.0.0
// raised by the changes merged and the labels put on their pull requests.
func (m *model) expectedVersion() string {
	if m.applied != "" {
		return m.applied
	}
	level := semver.None
	for _, c := range m.changes {
		level = max(level, c.level())
		if c.pull != 0 {
			level = max(level, m.labels[c.pull])
		}
	}
	v := semver.Version{Major: 1}
	switch level {
	case semver.Major:
		return "2.0.0"
	case semver.Minor:
		v.Minor = 1
	case semver.Patch:
		v.Patch = 1
	}
	return v.String()
}

// sequence runs steps against one repository and checks the invariant
// along the way and at the end.
type sequence struct {
	t     *testing.T
	h     *harness
	m     model
	steps []string
	step  int
	st    *invariantStats
}

func runSequence(t *testing.T, source string, steps []string, st *invariantStats) {
	s := &sequence{t: t, h: newHarness(t, source, ""), steps: steps, st: st,
		m: model{lastRun: -1, deleted: map[string]bool{}, reworded: map[string]string{}, labels: map[int]semver.Level{}}}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the sequence, to replay with -invariant.replay: %q", strings.Join(steps, " "))
		}
	})
	s.h.repo.Tag("v1.0.0", s.h.push("chore: start"), true)
	st.sequences++
	for s.step = range steps {
		s.do(steps[s.step])
		if t.Failed() {
			t.Fatalf("after step %d (%s)", s.step+1, steps[s.step])
		}
	}
}

// do runs one step.
func (s *sequence) do(step string) {
	s.t.Helper()
	parts := strings.Split(step, ":")
	arg := func(i int) int {
		var n int
		fmt.Sscan(parts[i], &n)
		return n
	}
	switch parts[0] {
	case "push":
		s.merge(parts[1], "")
	case "pr":
		s.merge(parts[1], parts[2])
	case "run":
		s.run()
	case "reword", "delete", "dropsub", "prose", "intro", "pin":
		s.edit(parts[0], arg(1))
	case "label":
		s.label(arg(1), parts[2])
	case "ensure":
		s.ensure()
	case "merge":
		s.mergeRelease(parts[1])
	case "publish":
		s.publish()
	default:
		s.t.Fatalf("unknown step %q", step)
	}
}

// merge lands a new change on main: pushed with "(#N)" in its message
// (method ""), or through a pull request merged by method.
func (s *sequence) merge(kind, method string) {
	h := s.h
	c := &change{id: len(s.m.changes) + 1, kind: kind, merged: s.step}
	header := map[string]string{"feat": "feat", "fix": "fix", "chore": "chore", "docs": "docs", "breaking": "feat!"}[kind]
	subject := fmt.Sprintf("%s: %s work %s", header, kind, c.token())
	file := map[string]string{"src/" + c.token() + ".txt": subject + "\n"}
	if method == "" {
		h.repo.Push("main", fakegithub.CommitSpec{Message: fmt.Sprintf("%s (#%d)", subject, 1000+c.id), Files: file, Author: "Dev One <dev@example.com>"})
	} else {
		branch := "topic/" + c.token()
		h.repo.Push(branch, fakegithub.CommitSpec{Message: subject, Files: file, Author: "Dev One <dev@example.com>"})
		c.pull = h.repo.OpenPR(branch, "main", subject, "")
		h.repo.MergePR(c.pull, method)
	}
	s.m.changes = append(s.m.changes, c)
}

// label puts a bump label on a merged pull request the sequence made.
func (s *sequence) label(pick int, level string) {
	var pulls []*change
	for _, c := range s.m.changes {
		if c.pull != 0 {
			pulls = append(pulls, c)
		}
	}
	if len(pulls) == 0 {
		return
	}
	c := pulls[pick%len(pulls)]
	s.h.repo.AddLabel(c.pull, "release:"+level)
	lv := map[string]semver.Level{"major": semver.Major, "minor": semver.Minor, "patch": semver.Patch}[level]
	s.m.labels[c.pull] = max(s.m.labels[c.pull], lv)
	s.st.labels++
}

// openPull is the open release pull request, or nil; more than one is a
// failure.
func (s *sequence) openPull() *fakegithub.PR {
	var open []fakegithub.PR
	for _, p := range s.h.repo.PRs() {
		if p.Head == "releasebot/main" && p.State == "open" {
			open = append(open, p)
		}
	}
	if len(open) > 1 {
		s.t.Fatalf("%d open release pull requests", len(open))
	}
	if len(open) == 0 {
		return nil
	}
	return &open[0]
}

// run runs the bot and checks the release pull request it leaves.
func (s *sequence) run() {
	s.t.Helper()
	rep, _, err := s.h.run()
	if err != nil {
		s.t.Fatalf("run: %v", err)
	}
	if rep.Held {
		s.t.Errorf("the pull request is held, though people changed only the changelog and VERSION")
	}
	s.m.lastRun, s.m.applied = s.step, s.m.pin
	s.m.version = s.m.expectedVersion()
	s.checkPull()
}

// ensure makes sure the ending has something to release and a pull
// request proposing it.
func (s *sequence) ensure() {
	if !s.anyReleasable() {
		s.merge("fix", "")
	}
	if s.openPull() == nil || s.m.lastRun < 0 {
		s.run()
	}
}

func (s *sequence) anyReleasable() bool {
	for _, c := range s.m.changes {
		if c.releasable() {
			return true
		}
	}
	return false
}
