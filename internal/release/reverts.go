package release

import (
	"regexp"
	"strings"

	"github.com/releasebot/releasebot/internal/semver"
)

// settleReverts applies what reverts mean to the changes of one release
// (newest first):
//
//   - a revert made by git revert (its subject quotes the reverted one and
//     names no pull request of its own) and the commit it reverts, both in
//     the release, cancel out: the change never reached a user, so neither
//     releases nor is listed (a revert of a revert cancels that revert, and
//     the change it undid stands);
//   - any other revert releases a patch, as semantic-release does (undoing
//     a change is a change), and is listed under Reverts, except a revert
//     of a change that released nothing under r (`Revert "chore: x"`,
//     `Revert "Update README"`), which is listed nowhere (Quiet).
//
// A revert names what it undoes by git's "This reverts commit <hash>."
// line, or else by the subject it quotes.
func settleReverts(changes []Change, r Rules) []Change {
	var reverts []int
	for i, c := range changes {
		if c.Reverts != nil {
			reverts = append(reverts, i)
		}
	}
	if len(reverts) == 0 {
		return changes
	}
	idx := indexTargets(changes, reverts)
	cancelled := map[string]bool{} // commit hashes
	quiet := map[int]bool{}
	for _, i := range reverts {
		c := changes[i]
		if cancelled[c.Commit.Hash] {
			continue
		}
		// A revert merged as a pull request of its own ("Revert \"x\"
		// (#13)") went through review as a change: it stays, as
		// semantic-release keeps it (measured on its 20.0.3).
		if _, pr := stripPR(firstLine(c.Commit.Message)); pr == 0 {
			if target := idx.reverted(c, i); target != "" {
				cancelled[c.Commit.Hash], cancelled[target] = true, true
				continue
			}
		}
		if revertsNothing(c, r) {
			quiet[i] = true
		}
	}
	if len(cancelled) == 0 && len(quiet) == 0 {
		return changes
	}
	out := make([]Change, 0, len(changes))
	for i, c := range changes {
		if cancelled[c.Commit.Hash] {
			continue
		}
		c.Quiet = c.Quiet || quiet[i]
		out = append(out, c)
	}
	return out
}

// revertsNothing reports a revert of a change that releases nothing.
func revertsNothing(c Change, r Rules) bool {
	inner := c.Reverts
	if inner == nil || inner.Breaking {
		return false
	}
	if inner.Reverts != nil {
		return revertsNothing(*inner, r)
	}
	return r.Bump[inner.Type] == semver.None
}

var revertsCommit = regexp.MustCompile(`(?m)^This reverts commit ([0-9a-f]{7,64})\b`)

// revertIndex holds, for the commits that the reverts of a release name
// (by abbreviated hash or by quoted subject), the positions of the changes
// that could be them.
type revertIndex struct {
	byShort   map[string][]int // first 7 hex digits -> positions
	bySubject map[string][]int
	changes   []Change
}

// indexTargets scans the changes once for the commits that the reverts at
// positions reverts name.
func indexTargets(changes []Change, reverts []int) *revertIndex {
	idx := &revertIndex{byShort: map[string][]int{}, bySubject: map[string][]int{}, changes: changes}
	for _, i := range reverts {
		c := changes[i]
		if m := revertsCommit.FindStringSubmatch(c.Commit.Message); m != nil {
			idx.byShort[m[1][:7]] = nil
		} else {
			idx.bySubject[strings.TrimSpace(c.Description)] = nil
		}
	}
	for j, c := range changes {
		if h := c.Commit.Hash; len(h) >= 7 {
			if list, ok := idx.byShort[h[:7]]; ok {
				idx.byShort[h[:7]] = append(list, j)
			}
		}
		if len(idx.bySubject) > 0 {
			subject := firstLine(c.Commit.Message)
			if list, ok := idx.bySubject[subject]; ok {
				idx.bySubject[subject] = append(list, j)
			}
		}
	}
	return idx
}

// reverted returns the hash of the commit, older than position i in the
// release, that the revert c undoes; "" when it is not in the release.
func (idx *revertIndex) reverted(c Change, i int) string {
	if m := revertsCommit.FindStringSubmatch(c.Commit.Message); m != nil {
		for _, j := range idx.byShort[m[1][:7]] {
			if h := idx.changes[j].Commit.Hash; j > i && strings.HasPrefix(h, m[1]) {
				return h
			}
		}
		return ""
	}
	for _, j := range idx.bySubject[strings.TrimSpace(c.Description)] {
		if h := idx.changes[j].Commit.Hash; j > i && h != c.Commit.Hash {
			return h
		}
	}
	return ""
}
