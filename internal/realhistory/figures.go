package realhistory

import (
	"fmt"
	"sort"
	"strings"
)

// Result is one release compared.
type Result struct {
	Repo, Tag, Tool string
	// Want is the version the tool released; Got is releasebot's ("" when
	// it found nothing to release).
	Want, Got string
	// Err is releasebot's error, if it refused.
	Err string
	// HasSection is true when the tool's changelog has the release's
	// section; Match is then the comparison of the entries.
	HasSection bool
	Match      Match
}

// VersionOK reports whether releasebot computed the released version.
func (r Result) VersionOK() bool { return r.Err == "" && r.Got == r.Want }

// Tally is the figures of a set of results.
type Tally struct {
	Repo string
	// Releases compared, and how many got the same version.
	Releases, VersionOK int
	// Sections is the number of releases whose real section was compared;
	// Entries the real entries in them, Matched those releasebot wrote
	// too, Extra releasebot's entries the tool did not write, Exact the
	// sections that match entry for entry.
	Sections, Entries, Matched, Extra, Exact int
}

// VersionPct, EntryPct and ExactPct are the agreement percentages; 100
// when there is nothing to compare.
func (t Tally) VersionPct() float64 { return pct(t.VersionOK, t.Releases) }
func (t Tally) EntryPct() float64   { return pct(t.Matched, t.Entries) }
func (t Tally) ExactPct() float64   { return pct(t.Exact, t.Sections) }

func pct(n, of int) float64 {
	if of == 0 {
		return 100
	}
	return 100 * float64(n) / float64(of)
}

func (t *Tally) add(r Result) {
	t.Releases++
	if r.VersionOK() {
		t.VersionOK++
	}
	if !r.HasSection {
		return
	}
	t.Sections++
	t.Matched += r.Match.Matched
	t.Entries += r.Match.Matched + len(r.Match.Missing)
	t.Extra += len(r.Match.Extra)
	if r.Match.Exact() {
		t.Exact++
	}
}

// Tallies returns one Tally per repository, sorted by name, and the total
// (Repo "all").
func Tallies(results []Result) (per []Tally, total Tally) {
	byRepo := map[string]*Tally{}
	total.Repo = "all"
	for _, r := range results {
		t := byRepo[r.Repo]
		if t == nil {
			t = &Tally{Repo: r.Repo}
			byRepo[r.Repo] = t
		}
		t.add(r)
		total.add(r)
	}
	for _, t := range byRepo {
		per = append(per, *t)
	}
	sort.Slice(per, func(i, j int) bool { return per[i].Repo < per[j].Repo })
	return per, total
}

// Table renders tallies as a Markdown table, the total last.
func Table(per []Tally, total Tally) string {
	var b strings.Builder
	b.WriteString("| repository | releases | version agrees | sections | real entries | matched | extra | entry agreement | sections exact |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	row := func(t Tally, bold bool) {
		name := t.Repo
		if bold {
			name = "**" + name + "**"
		}
		fmt.Fprintf(&b, "| %s | %d | %d (%.1f%%) | %d | %d | %d | %d | %.2f%% | %d (%.1f%%) |\n",
			name, t.Releases, t.VersionOK, t.VersionPct(), t.Sections, t.Entries, t.Matched, t.Extra, t.EntryPct(), t.Exact, t.ExactPct())
	}
	for _, t := range per {
		row(t, false)
	}
	row(total, true)
	return b.String()
}
