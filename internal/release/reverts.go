package release

import (
	"regexp"
	"strings"

	"github.com/releasebot/releasebot/internal/semver"
)

// settleReverts applies what reverts mean to the changes of one release
// (newest first):
//
//   - a revert and the commit it reverts, both in the release, cancel out:
//     the change never reached a user, so neither releases nor is listed
//     (a revert of a revert cancels that revert, and the change it undid
//     stands);
//   - a revert of a change that releases nothing under r (`Revert "chore:
//     x"`, `Revert "Update README"`) neither releases nor is listed;
//   - any other revert stays: a patch release listed under Reverts.
//
// A revert names what it undoes by git's "This reverts commit <hash>."
// line, or else by the subject it quotes.
func settleReverts(changes []Change, r Rules) []Change {
	cancelled := map[string]bool{} // commit hashes
	dropped := make([]bool, len(changes))
	for i, c := range changes {
		if c.Reverts == nil || cancelled[c.Commit.Hash] {
			continue
		}
		if target := revertedCommit(c, changes[i+1:]); target != "" {
			cancelled[c.Commit.Hash], cancelled[target] = true, true
			continue
		}
		if revertsNothing(c, r) {
			if _, labelled := r.Pulls[c.PR]; !labelled || c.PR == 0 {
				dropped[i] = true
			}
		}
	}
	out := changes[:0:0]
	for i, c := range changes {
		if !dropped[i] && !cancelled[c.Commit.Hash] {
			out = append(out, c)
		}
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

// revertedCommit finds, among the older changes of the release, the commit
// that c reverts, and returns its hash ("" when it is not in the release).
func revertedCommit(c Change, older []Change) string {
	if m := revertsCommit.FindStringSubmatch(c.Commit.Message); m != nil {
		for _, o := range older {
			if strings.HasPrefix(o.Commit.Hash, m[1]) {
				return o.Commit.Hash
			}
		}
		return ""
	}
	quoted := strings.TrimSpace(c.Description)
	for _, o := range older {
		subject, _, _ := strings.Cut(normalize(o.Commit.Message), "\n")
		if strings.TrimSpace(subject) == quoted && o.Commit.Hash != c.Commit.Hash {
			return o.Commit.Hash
		}
	}
	return ""
}
