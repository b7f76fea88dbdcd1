package realhistory

import (
	"fmt"
	"sort"
)

// ReplayResult replays one release and compares it with what the tool
// released.
func ReplayResult(rp *Replayer, r Repo, rel Release) Result {
	out := rp.Replay(r, rel)
	res := Result{Repo: r.Repo, Tag: rel.Tag, Tool: rel.Tool, Want: rel.Version, Got: out.Version, HasSection: rel.HasSection}
	if out.Err != nil {
		res.Err = out.Err.Error()
	}
	if rel.HasSection {
		res.Match = Compare(rel.Entries, out.Entries)
	}
	return res
}

// GotWord is what a result's releasebot answer is called in the list of known
// disagreements: the version, "none" when nothing was releasable, "error"
// when releasebot refused.
func (r Result) GotWord() string {
	switch {
	case r.Err != "":
		return "error"
	case r.Got == "":
		return "none"
	}
	return r.Got
}

// Floor is the least agreement a repository's replay must keep.
type Floor struct {
	// VersionOK is the least number of releases whose version must agree.
	VersionOK int
	// EntryPct and ExactPct are the least entry agreement and share of
	// sections matching entry for entry, in percent.
	EntryPct, ExactPct float64
}

// CheckFloors returns a sentence for every repository (and the total,
// "all") whose figures are below its floor in limits. A repository with a
// floor but no releases is a problem too: its data went missing.
func CheckFloors(per []Tally, total Tally, limits map[string]Floor) []string {
	byRepo := map[string]Tally{total.Repo: total}
	for _, t := range per {
		byRepo[t.Repo] = t
	}
	var out []string
	for _, repo := range sortedKeys(limits) {
		lim := limits[repo]
		t, ok := byRepo[repo]
		if !ok || t.Releases == 0 {
			out = append(out, fmt.Sprintf("%s: no releases replayed, but it has a floor", repo))
			continue
		}
		if t.VersionOK < lim.VersionOK {
			out = append(out, fmt.Sprintf("%s: %d releases get the tool's version, fewer than the floor %d", repo, t.VersionOK, lim.VersionOK))
		}
		if t.EntryPct() < lim.EntryPct {
			out = append(out, fmt.Sprintf("%s: entry agreement %.2f%% is below the floor %.2f%%", repo, t.EntryPct(), lim.EntryPct))
		}
		if t.ExactPct() < lim.ExactPct {
			out = append(out, fmt.Sprintf("%s: %.2f%% of sections match entry for entry, below the floor %.2f%%", repo, t.ExactPct(), lim.ExactPct))
		}
	}
	return out
}

func sortedKeys(m map[string]Floor) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// CheckKnown returns a sentence for every release whose version disagrees
// with the tool's and is not in known ("owner/name tag" to the answer
// releasebot is known to give), or gives another wrong answer than known.
func CheckKnown(results []Result, known map[string]string) []string {
	var out []string
	for _, r := range results {
		if r.VersionOK() {
			continue
		}
		want, ok := known[r.Repo+" "+r.Tag]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s %s: releasebot says %s, the tool released %s (not a known disagreement)", r.Repo, r.Tag, r.GotWord(), r.Want))
		case want != r.GotWord():
			out = append(out, fmt.Sprintf("%s %s: releasebot says %s, known to say %s; the tool released %s", r.Repo, r.Tag, r.GotWord(), want, r.Want))
		}
	}
	return out
}
