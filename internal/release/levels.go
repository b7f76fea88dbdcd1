package release

import (
	"sort"
	"strings"

	"github.com/releasebot/releasebot/internal/safetext"
	"github.com/releasebot/releasebot/internal/semver"
)

// LevelLabel is a bump label that decided the level of a release.
type LevelLabel struct {
	// Label is the label's name ("release:major"), "" when unknown; PR is
	// the pull request that carries it.
	Label string
	PR    int
	Level semver.Level
}

// Lowering says that a bump label on the release pull request set the
// level below what the changes ask: the maintainers' way out when a change
// asks for more than it should (a breaking change misread from a commit).
type Lowering struct {
	// By is the label; By.Level is the level released.
	By LevelLabel
	// From is the level the changes ask.
	From semver.Level
	// Overridden are the changes that ask for more than By.Level, newest
	// first.
	Overridden []Trigger
}

// labelsSetting returns the labels of merged pull requests that raise the
// level to level when the changes alone ask for less: each pull request
// whose label raises one of its changes to level, ordered by number.
func labelsSetting(ts []Trigger, level semver.Level, base *semver.Version, r Rules) []LevelLabel {
	if len(r.Pulls) == 0 || level == semver.None {
		return nil
	}
	own := semver.None
	for _, t := range ts {
		if !t.Labelled {
			own = maxLevel(own, LevelOf(t.Change, base, r))
		}
	}
	if own >= level {
		return nil
	}
	seen := map[int]bool{}
	var out []LevelLabel
	for _, t := range ts {
		l, ok := r.Pulls[t.PR]
		if t.PR == 0 || seen[t.PR] || !raising(l, ok) || capAtZero(l.Level, base, r) != level {
			continue
		}
		seen[t.PR] = true
		out = append(out, LevelLabel{Label: l.Name, PR: t.PR, Level: level})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].PR < out[j].PR })
	return out
}

// applyForce sets the level to the release pull request's label. A label
// above what the changes (and labels of merged pull requests) ask sets
// the level; one below lowers it, which the plan records with the changes
// it overrides.
func applyForce(p *Plan, r Rules) {
	by := LevelLabel{Label: r.ForceLabel, PR: r.ForcePull, Level: r.Force}
	switch {
	case r.Force > p.Level:
		p.LevelSetBy = []LevelLabel{by}
	case r.Force < p.Level:
		low := &Lowering{By: by, From: p.Level}
		for _, t := range p.Triggers {
			if t.Level > r.Force {
				low.Overridden = append(low.Overridden, t)
			}
		}
		p.Lowered, p.LevelSetBy = low, nil
	}
	p.Level = r.Force
}

// atLevel keeps the labels that set level (a maintenance range may have
// lowered it below theirs).
func atLevel(ls []LevelLabel, level semver.Level) []LevelLabel {
	var out []LevelLabel
	for _, l := range ls {
		if l.Level == level {
			out = append(out, l)
		}
	}
	return out
}

// LevelReason says in Markdown which bump labels decided the level:
// "major: `release:major` on #12", or for a lowering "patch:
// `release:patch` on #20 lowers it from major"; "" when no label did.
// Pull requests are linked when r knows the repository.
func LevelReason(setBy []LevelLabel, lowered *Lowering, r Remote) string {
	if lowered != nil {
		return lowered.By.Level.String() + ": " + labelsOn([]LevelLabel{lowered.By}, r) + " lowers it from " + lowered.From.String()
	}
	if len(setBy) == 0 {
		return ""
	}
	return setBy[0].Level.String() + ": " + labelsOn(setBy, r)
}

// maxOverridden is how many overridden changes the notes name.
const maxOverridden = 5

// levelParagraph is the notes' sentence on the labels that decided the
// level, with the changes a lowering overrides; "" when no label did.
func (n Notes) levelParagraph(r Remote) string {
	reason := LevelReason(n.LevelSetBy, n.Lowered, r)
	if reason == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("Released as " + reason)
	if n.Lowered != nil && len(n.Lowered.Overridden) > 0 {
		b.WriteString(", overriding ")
		for i, t := range n.Lowered.Overridden {
			if i == maxOverridden {
				b.WriteString(" and " + itoa(len(n.Lowered.Overridden)-i) + " more")
				break
			}
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(safetext.Markdown(headerOf(t.Change)))
			if refs := references(t.Change, r); refs != "" {
				b.WriteString(" (" + refs + ")")
			}
		}
	}
	b.WriteString(".\n")
	return b.String()
}

// labelsOn names labels and their pull requests: "`release:major` on #12
// and #15", labels in order of first appearance.
func labelsOn(ls []LevelLabel, r Remote) string {
	var names []string
	prs := map[string][]string{}
	for _, l := range ls {
		if _, ok := prs[l.Label]; !ok {
			names = append(names, l.Label)
		}
		ref := "#" + itoa(l.PR)
		if u := r.PullURL(l.PR); u != "" {
			ref = "[" + ref + "](" + u + ")"
		}
		prs[l.Label] = append(prs[l.Label], ref)
	}
	parts := make([]string, 0, len(names))
	for _, name := range names {
		parts = append(parts, labelName(name)+" on "+joinAnd(prs[name]))
	}
	return joinAnd(parts)
}

// labelName shows a label as code, or as safe text when it cannot be one.
func labelName(name string) string {
	switch {
	case name == "":
		return "the bump label"
	case strings.ContainsAny(name, "`\r\n"):
		return safetext.Markdown(name)
	}
	return "`" + name + "`"
}

func joinAnd(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
