package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/releasebot/releasebot/internal/realhistory"
)

// writeReport writes results.json (every record), disagreements.tsv (one
// line per cause) and disagreements.md (causes grouped by kind, with the
// full messages of a few example commits) to dir.
func writeReport(dir string, recs []record) error {
	data, err := json.MarshalIndent(recs, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "results.json"), data, 0o644); err != nil {
		return err
	}
	var tsv strings.Builder
	tsv.WriteString("repo\ttag\ttool\twhat\twant\tgot\tcommits\tkind\tdetail\n")
	type group struct {
		kind  string
		items []item
	}
	groups := map[string]*group{}
	for i := range recs {
		r := &recs[i]
		for _, c := range r.Causes {
			fmt.Fprintf(&tsv, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Repo, r.Tag, r.Tool, c.What, r.Want, r.Got,
				strings.Join(c.Commits, ","), c.Kind, oneLine(c.Detail))
			key := c.What + ": " + c.Kind
			if groups[key] == nil {
				groups[key] = &group{kind: key}
			}
			groups[key].items = append(groups[key].items, item{rec: r, cause: c})
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "disagreements.tsv"), []byte(tsv.String()), 0o644); err != nil {
		return err
	}
	var list []*group
	for _, g := range groups {
		list = append(list, g)
	}
	sort.Slice(list, func(i, j int) bool {
		if len(list[i].items) != len(list[j].items) {
			return len(list[i].items) > len(list[j].items)
		}
		return list[i].kind < list[j].kind
	})
	var md strings.Builder
	per, total := realhistory.Tallies(results(recs))
	md.WriteString("# Real release histories: figures and disagreements\n\n")
	md.WriteString(realhistory.Table(per, total))
	md.WriteString("\n## Disagreements by cause\n\n")
	for _, g := range list {
		fmt.Fprintf(&md, "- %d × %s\n", len(g.items), g.kind)
	}
	for _, g := range list {
		fmt.Fprintf(&md, "\n### %s (%d)\n\n", g.kind, len(g.items))
		for _, it := range g.items {
			fmt.Fprintf(&md, "- %s %s (%s): want %s, got %s; %s %s\n", it.rec.Repo, it.rec.Tag, it.rec.Tool,
				it.rec.Want, orDash(it.rec.Got), strings.Join(it.cause.Commits, ","), oneLine(it.cause.Detail))
		}
		for _, it := range examples(g.items, 2) {
			for _, h := range it.cause.Commits {
				if cm := commitByRefs(it.rec.Release, []string{h}); cm != nil {
					fmt.Fprintf(&md, "\nExample: %s %s, commit %s:\n\n```\n%s\n```\n", it.rec.Repo, it.rec.Tag, cm.Hash, clip(cm.Message, 3000))
					break
				}
			}
		}
	}
	return os.WriteFile(filepath.Join(dir, "disagreements.md"), []byte(md.String()), 0o644)
}

type item struct {
	rec   *record
	cause cause
}

// examples picks up to n items with a commit, from different repositories
// when it can.
func examples(items []item, n int) []item {
	var out []item
	seen := map[string]bool{}
	for pass := 0; pass < 2 && len(out) < n; pass++ {
		for _, it := range items {
			if len(out) == n {
				break
			}
			if len(it.cause.Commits) == 0 || pass == 0 && seen[it.rec.Repo] || contains2(out, it) {
				continue
			}
			seen[it.rec.Repo] = true
			out = append(out, it)
		}
	}
	return out
}

func contains2(list []item, it item) bool {
	for _, x := range list {
		if x.rec == it.rec && x.cause.Detail == it.cause.Detail {
			return true
		}
	}
	return false
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "```", "'''")
	if len(s) > n {
		return s[:n] + "\n[… clipped]"
	}
	return s
}
