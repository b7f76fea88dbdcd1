package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/releasebot/releasebot/internal/realhistory"
	"github.com/releasebot/releasebot/internal/semver"
)

// record is one release measured, with what explains it.
type record struct {
	realhistory.Result
	Release realhistory.Release `json:"release"`
	// Triggers are the changes `next --json` said decided the version.
	Triggers []trigger `json:"triggers,omitempty"`
	// GotSection is releasebot's section as written (the tool's is
	// Release.Section).
	GotSection string `json:"got_section,omitempty"`
	// CoreAgrees is false when replaying the network-free data through
	// the core gives another answer than the binary.
	CoreAgrees bool    `json:"core_agrees"`
	Causes     []cause `json:"causes,omitempty"`
	// Earlier are releasebot's entry texts that the tool's changelog lists
	// under an older release: changes the tool released before.
	Earlier []string `json:"earlier,omitempty"`
	// Unreachable are release tags between the previous release and this
	// one that HEAD does not contain.
	Unreachable []string `json:"unreachable,omitempty"`
}

type versionTag struct {
	tagRef
	Version semver.Version
}

// measureRepo measures every release of one repository and returns the
// records and the network-free data.
func measureRepo(o options, def repoDef, mirror string) ([]record, realhistory.Repo, error) {
	if def.TagPrefix == "" {
		def.TagPrefix = "v"
	}
	if def.Changelog == "" {
		def.Changelog = "CHANGELOG.md"
	}
	data := realhistory.Repo{Repo: def.Repo, TagPrefix: def.TagPrefix, Fetched: o.fetched, Configs: map[string]string{}}
	snap, err := git(mirror, "rev-parse", "HEAD")
	if err != nil {
		return nil, data, err
	}
	data.Snapshot = strings.TrimSpace(snap)
	vts, err := versionTags(mirror, def.TagPrefix)
	if err != nil {
		return nil, data, err
	}
	infos, err := tagCommits(mirror, vts)
	if err != nil {
		return nil, data, err
	}
	co, err := newCheckout(o.work, mirror, def)
	if err != nil {
		return nil, data, err
	}
	var plans []plannedRelease
	skipped := map[string]int{}
	for i, vt := range vts {
		if vt.Version.IsPrerelease() {
			continue
		}
		p, reason, err := planRelease(mirror, def, vts[:i], vt, infos[vt.Commit])
		if err != nil {
			return nil, data, err
		}
		if reason != "" {
			skipped[reason]++
			continue
		}
		plans = append(plans, p)
	}
	if o.max > 0 && len(plans) > o.max {
		plans = plans[len(plans)-o.max:]
	}
	defer func() {
		for reason, n := range skipped {
			fmt.Fprintf(os.Stderr, "harness: %s: %d tags not compared: %s\n", def.Repo, n, reason)
		}
	}()
	var recs []record
	for _, p := range plans {
		rec, reason, err := measureRelease(o, def, mirror, co, vts, p)
		if err != nil {
			return nil, data, fmt.Errorf("%s: %w", p.tag.Name, err)
		}
		if reason != "" {
			skipped[reason]++
			continue
		}
		data.Configs[p.era.Tool] = p.era.Config
		data.Releases = append(data.Releases, rec.Release)
		recs = append(recs, rec)
	}
	if err := checkCore(data, recs); err != nil {
		return nil, data, err
	}
	return recs, data, nil
}

// versionTags lists the tags named prefix+SemVer, lowest version first.
func versionTags(dir, prefix string) ([]versionTag, error) {
	list, err := tags(dir)
	if err != nil {
		return nil, err
	}
	var out []versionTag
	for _, t := range list {
		rest, ok := strings.CutPrefix(t.Name, prefix)
		if !ok {
			continue
		}
		v, err := semver.Parse(rest)
		if err != nil || len(v.Build) > 0 {
			continue
		}
		out = append(out, versionTag{tagRef: t, Version: v})
	}
	sort.SliceStable(out, func(i, j int) bool { return semver.Less(out[i].Version, out[j].Version) })
	return out, nil
}

// tagCommits reads the tagged commits' parents and messages.
func tagCommits(dir string, vts []versionTag) (map[string]commitInfo, error) {
	seen := map[string]bool{}
	args := []string{"--no-walk=unsorted"}
	for _, vt := range vts {
		if !seen[vt.Commit] {
			seen[vt.Commit] = true
			args = append(args, vt.Commit)
		}
	}
	out := map[string]commitInfo{}
	if len(args) == 1 {
		return out, nil
	}
	list, err := logCommits(dir, args...)
	if err != nil {
		return nil, err
	}
	for _, c := range list {
		out[c.Hash] = c
	}
	return out, nil
}

// plannedRelease is a release to measure: its tag, the era that made it,
// the commit the tool saw and the releases before it.
type plannedRelease struct {
	tag              versionTag
	era              era
	head             string
	prev, prevStable versionTag
}

// planRelease decides whether a tag is measured and how. reason is set
// when it is not.
func planRelease(dir string, def repoDef, earlier []versionTag, vt versionTag, info commitInfo) (plannedRelease, string, error) {
	p := plannedRelease{tag: vt}
	if why, ok := def.Skip[vt.Name]; ok {
		return p, "skipped by hand: " + why, nil
	}
	found := false
	for _, e := range def.Eras {
		if e.ReleaseCommit == nil {
			p.era, p.head, found = e, vt.Commit, true
			break
		}
		m := e.ReleaseCommit.FindStringSubmatch(info.Subject())
		if m != nil && strings.TrimPrefix(m[1], "v") == vt.Version.String() && len(info.Parents) > 0 {
			p.era, p.head, found = e, info.Parents[0], true
			break
		}
	}
	if !found {
		return p, "the tagged commit is not a release commit of a measured tool", nil
	}
	gotPrev, gotStable := false, false
	for i := len(earlier) - 1; i >= 0 && !gotStable; i-- {
		c := earlier[i]
		if gotPrev && c.Version.IsPrerelease() {
			continue
		}
		ok, err := isAncestor(dir, c.Commit, p.head)
		if err != nil {
			return p, "", err
		}
		if !ok {
			continue
		}
		if !gotPrev {
			p.prev, gotPrev = c, true
		}
		if !c.Version.IsPrerelease() {
			p.prevStable, gotStable = c, true
		}
	}
	if !gotStable {
		return p, "no earlier stable release tag is reachable (a first release)", nil
	}
	return p, "", nil
}

// measureRelease runs the binary on one release and compares. reason is
// set when the release turns out not to be the tool's.
func measureRelease(o options, def repoDef, mirror string, co *checkout, vts []versionTag, p plannedRelease) (rec record, reason string, err error) {
	rel := realhistory.Release{
		Tag: p.tag.Name, Tool: p.era.Tool, Head: p.head, Prev: p.prev.Name,
		Version: p.tag.Version.String(),
	}
	if p.prevStable.Name != p.prev.Name {
		rel.PrevStable = p.prevStable.Name
	}
	changelog, _ := fileAt(mirror, p.tag.Commit, def.Changelog)
	if text := changelog; text != "" {
		if section, ok := realhistory.FindSection(text, rel.Version); ok {
			rel.HasSection, rel.Section = true, strings.TrimSpace(section)
			rel.Entries = realhistory.ParseEntries(section)
		}
	}
	if h := foreignHeading(rel.Entries); h != "" {
		return rec, "the changelog section was not written by the tool (heading " + h + ")", nil
	}
	commits, err := logCommits(mirror, p.head, "^"+p.prevStable.Commit)
	if err != nil {
		return rec, "", err
	}
	after := map[string]bool{}
	if rel.PrevStable != "" {
		since, err := git(mirror, "rev-list", p.head, "^"+p.prev.Commit)
		if err != nil {
			return rec, "", err
		}
		for _, h := range strings.Fields(since) {
			after[h] = true
		}
	}
	for _, c := range commits {
		rel.Commits = append(rel.Commits, realhistory.Commit{
			Hash: c.Hash, Merge: len(c.Parents) > 1, Message: c.Message,
			AfterPrev: rel.PrevStable == "" || after[c.Hash],
		})
	}
	rec.Release = rel
	rec.Repo, rec.Tag, rec.Tool, rec.Want = def.Repo, rel.Tag, rel.Tool, rel.Version
	rec.HasSection = rel.HasSection
	var visible []versionTag
	for _, vt := range vts {
		if semver.Less(vt.Version, p.tag.Version) {
			visible = append(visible, vt)
		}
	}
	for _, vt := range visible {
		if semver.Less(p.prevStable.Version, vt.Version) && vt.Name != p.prev.Name {
			if ok, err := isAncestor(mirror, vt.Commit, p.head); err != nil {
				return rec, "", err
			} else if !ok {
				rec.Unreachable = append(rec.Unreachable, vt.Name)
			}
		}
	}
	if err := co.place(p.head, visible, p.era.Config); err != nil {
		return rec, "", err
	}
	got, err := co.run(o.bin)
	if err != nil {
		return rec, "", err
	}
	rec.Got, rec.Err, rec.Triggers, rec.GotSection = got.Version, got.Err, got.Triggers, got.Section
	if rec.HasSection {
		rec.Match = realhistory.Compare(rec.Release.Entries, realhistory.ParseEntries(got.Section))
	}
	rec.Earlier = earlierTexts(changelog, rel.Section, got)
	rec.Causes = diagnose(rec)
	return rec, "", nil
}

// checkCore replays the data through the core and marks the records where
// it answers otherwise than the binary (expected only when the binary was
// built from other sources than the harness).
func checkCore(data realhistory.Repo, recs []record) error {
	rp, err := realhistory.NewReplayer(data)
	if err != nil {
		return err
	}
	for i := range recs {
		out := rp.Replay(data, data.Releases[i])
		recs[i].CoreAgrees = out.Version == recs[i].Got && sameEntries(out.Entries, realhistory.ParseEntries(recs[i].GotSection))
	}
	return nil
}

// sameEntries reports whether two of releasebot's sections hold the same
// entries, in any order.
func sameEntries(a, b []realhistory.Entry) bool {
	key := func(list []realhistory.Entry) []string {
		out := make([]string, len(list))
		for i, e := range list {
			out[i] = e.Section + "\x00" + e.Text + "\x00" + e.Note
		}
		sort.Strings(out)
		return out
	}
	return slices.Equal(key(a), key(b))
}

// workDir is a fresh directory under the harness's work directory.
func workDir(root, name string) (string, error) {
	dir := filepath.Join(root, strings.ReplaceAll(name, "/", "+"))
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	return dir, os.MkdirAll(dir, 0o755)
}

// earlierTexts returns releasebot's entry and trigger texts that the
// tool's changelog lists outside this release's section.
func earlierTexts(changelog, section string, got answer) []string {
	if changelog == "" {
		return nil
	}
	rest := strings.Replace(changelog, section, "", 1)
	listed := map[string]bool{}
	for _, e := range realhistory.ParseEntries(rest) {
		listed[e.Text] = true
	}
	var texts []string
	for _, e := range realhistory.ParseEntries(got.Section) {
		texts = append(texts, e.Text)
	}
	for _, t := range got.Triggers {
		texts = append(texts, triggerText(t))
	}
	var out []string
	seen := map[string]bool{}
	for _, t := range texts {
		if listed[t] && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// triggerText is the entry text of a trigger of `next --json`.
func triggerText(t trigger) string {
	if t.Scope != "" {
		return realhistory.Normalize(t.Scope + ": " + t.Description)
	}
	return realhistory.Normalize(t.Description)
}
