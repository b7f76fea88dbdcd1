package release

import (
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/releasebot/releasebot/internal/semver"
)

// parse returns the changes of commits, in order, using h.Parsed. Every
// change gets its pull request from h.CommitPulls when its message names
// none. A commit with no conventional change whose pull request carries a
// raising label (a merge commit of that pull request included) yields a
// change with an empty type, so that the label can trigger the release.
func (h History) parse(commits []Commit, r Rules) []Change {
	var out []Change
	if len(h.Parsed) == 0 && len(h.CommitPulls) == 0 && len(r.Pulls) == 0 {
		return ParseAll(commits)
	}
	out = make([]Change, 0, len(commits))
	for _, c := range commits {
		changes, ok := h.Parsed[c.Hash]
		if !ok {
			changes = ParseCommit(c)
		}
		for _, ch := range changes {
			if ch.PR == 0 {
				ch.PR = h.CommitPulls[c.Hash]
			}
			out = append(out, ch)
		}
		if len(changes) == 0 {
			if ch, ok := labelledCommit(c, h.CommitPulls[c.Hash], r.Pulls); ok {
				out = append(out, ch)
			}
		}
	}
	return out
}

// labelledCommit is the change a non-conventional commit stands for when its
// pull request carries a raising bump label.
func labelledCommit(c Commit, pr int, pulls map[int]PullLabel) (Change, bool) {
	subject, _, _ := strings.Cut(normalize(c.Message), "\n")
	subject, n := stripPR(subject)
	if n == 0 {
		n = mergedPull(subject)
	}
	if n == 0 {
		n = pr
	}
	if l, ok := pulls[n]; !ok || l.Suppress || l.Level == semver.None {
		return Change{}, false
	}
	return Change{Commit: c, Description: strings.TrimSpace(subject), PR: n}, true
}

// mergedPull reads GitHub's merge commit subject "Merge pull request #N
// from OWNER/BRANCH" and returns N, or 0.
func mergedPull(subject string) int {
	rest, ok := strings.CutPrefix(subject, "Merge pull request #")
	if !ok {
		return 0
	}
	digits, _, _ := strings.Cut(rest, " ")
	n, err := strconv.Atoi(digits)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// ParseAll parses every commit, in order, skipping non-conventional ones.
// Long histories are parsed on all CPUs; the result does not depend on it.
func ParseAll(commits []Commit) []Change {
	workers := runtime.GOMAXPROCS(0)
	if len(commits) < 2048 || workers < 2 {
		return parseRange(commits)
	}
	parts := make([][]Change, workers)
	size := (len(commits) + workers - 1) / workers
	var wg sync.WaitGroup
	for i := range parts {
		lo, hi := min(i*size, len(commits)), min((i+1)*size, len(commits))
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[i] = parseRange(commits[lo:hi])
		}()
	}
	wg.Wait()
	var out []Change
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func parseRange(commits []Commit) []Change {
	out := make([]Change, 0, len(commits))
	for _, c := range commits {
		out = append(out, ParseCommit(c)...)
	}
	return out
}
