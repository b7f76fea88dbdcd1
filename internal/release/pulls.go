package release

import (
	"sort"
	"strings"

	"github.com/releasebot/releasebot/internal/semver"
)

// What merged pull requests say beyond their commits: a bump label (see
// PullLabel) and a BEGIN_COMMIT_OVERRIDE block in the body (see
// CommitOverride). A commit belongs to the pull request its subject names
// ("(#12)", GitHub's "Merge pull request #12 from ..."), else to the one
// History.CommitPulls gives.

const (
	overrideBegin = "BEGIN_COMMIT_OVERRIDE"
	overrideEnd   = "END_COMMIT_OVERRIDE"
)

// CommitOverride returns the commit message a pull request body gives in
// place of its commits' messages, as release-please reads it: the text
// after the first BEGIN_COMMIT_OVERRIDE up to the next END_COMMIT_OVERRIDE
// (or the end of the body), trimmed. ok is false when there is no such
// block or it is empty. The message may hold several changes, separated
// as in any commit message (see segments.go).
func CommitOverride(body string) (message string, ok bool) {
	_, after, found := strings.Cut(body, overrideBegin)
	if !found {
		return "", false
	}
	block, _, _ := strings.Cut(after, overrideEnd)
	block = strings.TrimSpace(normalize(block))
	return block, block != ""
}

// SubjectPull is the pull request a commit message's subject names: a
// trailing "(#12)" as squash merges write it, or GitHub's "Merge pull
// request #12 from ..."; 0 when it names none.
func SubjectPull(message string) int {
	subject, _, _ := strings.Cut(normalize(message), "\n")
	if _, n := stripPR(subject); n != 0 {
		return n
	}
	return mergedPull(subject)
}

// pullOf is the pull request a commit belongs to, 0 when unknown.
func (h History) pullOf(c Commit) int {
	if n := SubjectPull(c.Message); n != 0 {
		return n
	}
	return h.CommitPulls[c.Hash]
}

// overridden returns the changes an override stands for, read as the
// message of c (the newest commit of pull request pr in the range), each
// linked to the pull request unless the message names another one.
func overridden(c Commit, pr int, message string) []Change {
	as := c
	as.Message, as.Merge = message, false
	changes := ParseCommit(as)
	for i := range changes {
		changes[i].Commit = c
		if changes[i].PR == 0 {
			changes[i].PR = pr
		}
	}
	return changes
}

// raising reports whether a bump label raises the version.
func raising(l PullLabel, ok bool) bool {
	return ok && !l.Suppress && l.Level != semver.None
}

// labelOnly returns the pull requests, among those of lead (pull request
// to the index of its newest commit in the range), whose raising bump label
// is all that releases them: none of their changes raises the version on
// its own.
func labelOnly(changes []Change, lead map[int]int, r Rules) map[int]bool {
	raised := map[int]bool{}
	for _, c := range changes {
		if c.PR != 0 && (c.Breaking || r.Bump[c.Type] != semver.None) {
			raised[c.PR] = true
		}
	}
	out := map[int]bool{}
	for pr := range lead {
		if !raised[pr] {
			out[pr] = true
		}
	}
	return out
}

// labelledChange is the change that lists a pull request released only by
// its label: its title (the conventional part of a conventional title),
// under the section of the label's level: a breaking change for major,
// else the section of a type that raises that level (feat for minor, fix
// for patch with the default rules).
func labelledChange(c Commit, pr int, l PullLabel, r Rules) Change {
	ch := Change{Commit: c, PR: pr, Labelled: true, Description: pullTitle(c, l.Title)}
	if parsed := ParseCommit(Commit{Message: l.Title}); len(parsed) > 0 && parsed[0].Type != "" {
		ch.Scope, ch.Description = parsed[0].Scope, parsed[0].Description
	}
	if l.Level == semver.Major {
		ch.Breaking = true
		return ch
	}
	ch.Type = typeOfLevel(l.Level, r.Bump)
	return ch
}

// pullTitle is the title of a pull request, or what its commit tells of
// it: the title GitHub writes under a merge commit's subject, else the
// subject without its "(#N)".
func pullTitle(c Commit, title string) string {
	if t := strings.TrimSpace(title); t != "" {
		t, _ = stripPR(t)
		return strings.TrimSpace(t)
	}
	subject, body := splitMessage(normalize(c.Message))
	if mergedPull(subject) != 0 {
		if line, _, _ := strings.Cut(strings.TrimSpace(body), "\n"); strings.TrimSpace(line) != "" {
			return strings.TrimSpace(line)
		}
	}
	subject, _ = stripPR(subject)
	return strings.TrimSpace(subject)
}

// typeOfLevel is the commit type whose changes raise level: feat or fix
// when they do, else the first such type by name; "" when none does.
func typeOfLevel(level semver.Level, bump map[string]semver.Level) string {
	for _, t := range []string{"feat", "fix"} {
		if bump[t] == level {
			return t
		}
	}
	var types []string
	for t, l := range bump {
		if l == level {
			types = append(types, t)
		}
	}
	if len(types) == 0 {
		return ""
	}
	sort.Strings(types)
	return types[0]
}
