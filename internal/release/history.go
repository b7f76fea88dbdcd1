package release

import (
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// parsedInOrder is parse without labels or overrides: each commit's
// changes in order, with no grouping to allocate (the usual case on a long
// history).
func (h History) parsedInOrder(commits []Commit) []Change {
	out := make([]Change, 0, len(commits))
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
	}
	return out
}

// parse returns the changes of commits, in order, using h.Parsed. Every
// change gets its pull request from h.CommitPulls when its message names
// none. The commits of a pull request with a commit override (r.Overrides)
// yield the override's changes once, at its newest commit, instead of
// their own. A pull request with a raising bump label (r.Pulls) that no
// change of its own releases yields one change, at its newest commit, that
// lists it by title under its label's level (see labelledChange).
func (h History) parse(commits []Commit, r Rules) []Change {
	if len(h.Parsed) == 0 && len(h.CommitPulls) == 0 && len(r.Pulls) == 0 && len(r.Overrides) == 0 {
		return ParseAll(commits)
	}
	byPull := len(r.Pulls) > 0 || len(r.Overrides) > 0
	if !byPull {
		return h.parsedInOrder(commits)
	}
	groups := make([][]Change, len(commits))
	lead := map[int]int{} // labelled pull request -> index of its newest commit
	overrode := map[int]bool{}
	for i, c := range commits {
		pr := 0
		if byPull {
			pr = h.pullOf(c)
		}
		if l, ok := r.Pulls[pr]; pr != 0 && raising(l, ok) {
			if _, seen := lead[pr]; !seen {
				lead[pr] = i
			}
		}
		if msg, ok := r.Overrides[pr]; pr != 0 && ok {
			if !overrode[pr] {
				overrode[pr] = true
				groups[i] = overridden(c, pr, msg)
			}
			continue
		}
		changes, ok := h.Parsed[c.Hash]
		if !ok {
			changes = ParseCommit(c)
		}
		for _, ch := range changes {
			if ch.PR == 0 {
				ch.PR = h.CommitPulls[c.Hash]
			}
			groups[i] = append(groups[i], ch)
		}
	}
	out := make([]Change, 0, len(commits))
	for _, g := range groups {
		out = append(out, g...)
	}
	if len(lead) == 0 {
		return out
	}
	only := labelOnly(out, lead, r)
	if len(only) == 0 {
		return out
	}
	at := map[int]int{} // commit index -> labelled pull request listed there
	for pr := range only {
		at[lead[pr]] = pr
	}
	out = out[:0:0]
	for i, g := range groups {
		if pr, ok := at[i]; ok {
			out = append(out, labelledChange(commits[i], pr, r.Pulls[pr], r))
		}
		out = append(out, g...)
	}
	return out
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
