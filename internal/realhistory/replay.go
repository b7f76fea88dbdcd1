package realhistory

import (
	"fmt"
	"strings"
	"time"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/semver"
)

// Outcome is what releasebot made of a release's history.
type Outcome struct {
	// Version is the next version, "" when nothing was releasable.
	Version string
	// Section is the rendered changelog section (heading excluded).
	Section string
	Entries []Entry
	// Err is set when releasebot refused to compute the release.
	Err error
}

// Replayer computes releases from the network-free copy with the core,
// as `releasebot next` and `releasebot changelog` do on a checkout.
type Replayer struct {
	configs map[string]config.Config
}

// NewReplayer parses every configuration of r; an invalid one is an error
// naming the repository and the era.
func NewReplayer(r Repo) (*Replayer, error) {
	p := &Replayer{configs: map[string]config.Config{}}
	for tool, text := range r.Configs {
		cfg, err := config.Parse(r.Repo+" "+tool, []byte(text))
		if err != nil {
			return nil, err
		}
		p.configs[tool] = cfg
	}
	return p, nil
}

// Replay computes one release.
func (p *Replayer) Replay(r Repo, rel Release) Outcome {
	cfg, ok := p.configs[rel.Tool]
	if !ok {
		return Outcome{Err: fmt.Errorf("%s %s: no configuration for tool %q", r.Repo, rel.Tag, rel.Tool)}
	}
	st, err := state(r.TagPrefix, rel)
	if err != nil {
		return Outcome{Err: fmt.Errorf("%s %s: %w", r.Repo, rel.Tag, err)}
	}
	states := []plan.ComponentState{{Component: plan.Component{Path: ".", Config: cfg}, State: st}}
	results, err := plan.Releases(plan.Input{Config: cfg, Date: time.Unix(0, 0)}, states, plan.Notes)
	if err != nil {
		return Outcome{Err: err}
	}
	res := results[0].Result
	if !res.Plan.Releasable {
		return Outcome{}
	}
	return Outcome{Version: res.Plan.Next.String(), Section: res.Body, Entries: ParseEntries(res.Body)}
}

// state is the release's plan.State: the previous tags and the commits
// since them.
func state(prefix string, rel Release) (plan.State, error) {
	current, err := versionOf(prefix, rel.Prev)
	if err != nil {
		return plan.State{}, err
	}
	stableTag := rel.PrevStable
	if stableTag == "" {
		stableTag = rel.Prev
	}
	stable, err := versionOf(prefix, stableTag)
	if err != nil {
		return plan.State{}, err
	}
	st := plan.State{Head: rel.Head, CurrentTag: rel.Prev, StableTag: stableTag}
	st.Current, st.Stable = &current, &stable
	st.Tagged = []semver.Version{current, stable}
	for _, c := range rel.Commits {
		rc := release.Commit{Hash: c.Hash, Message: c.Message, Merge: c.Merge}
		st.SinceStable = append(st.SinceStable, rc)
		if c.AfterPrev {
			st.SinceCurrent = append(st.SinceCurrent, rc)
		}
	}
	return st, nil
}

func versionOf(prefix, tag string) (semver.Version, error) {
	rest, ok := strings.CutPrefix(tag, prefix)
	if !ok {
		return semver.Version{}, fmt.Errorf("tag %s does not start with %q", tag, prefix)
	}
	return semver.Parse(rest)
}
