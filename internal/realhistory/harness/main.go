// Command harness measures a built releasebot binary against real public
// release histories. For every release a real tool made in the mirrored
// repositories it builds a checkout where only the earlier release tags
// exist and HEAD is the commit the tool computed the release on, runs
// `releasebot next --json` and `releasebot changelog` there, and compares
// the version with the real tag and the entries with the section the tool
// wrote in CHANGELOG.md. It prints the figures, writes every disagreement
// with its commits and a diagnosis, and can write the network-free copy of
// the histories that the package's regular test replays.
//
// It is run by .ci/realhistory; see testdata/realhistory/README.md for where
// the histories come from.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/releasebot/releasebot/internal/realhistory"
)

type options struct {
	mirrors, bin, out, testdata, work, only string
	rescore                                 string
	fetched                                 string
	max                                     int
}

func main() {
	var o options
	flag.StringVar(&o.mirrors, "mirrors", envOr("REALHISTORY_MIRRORS", "/work/.mirror"), "`DIR` holding the repositories: DIR/owner+name/repo, DIR/owner+name or DIR/owner/name.git")
	flag.StringVar(&o.bin, "bin", os.Getenv("RELEASEBOT"), "the releasebot binary to measure")
	flag.StringVar(&o.out, "out", "", "`DIR` to write results.json and disagreements.md to (default: a new temporary directory)")
	flag.StringVar(&o.testdata, "testdata", "", "`DIR` to write the network-free copy to (owner-name.json.gz); empty: do not write it")
	flag.StringVar(&o.only, "repos", "", "comma-separated owner/name list to measure (default: all)")
	flag.StringVar(&o.fetched, "fetched", time.Now().UTC().Format("2006-01-02"), "the day the mirrors were fetched, recorded in the copy")
	flag.StringVar(&o.rescore, "rescore", "", "compare again the sections of an earlier run's `DIR`/results.json (no git, no binary)")
	flag.IntVar(&o.max, "max", 0, "compare at most the `N` newest releases of each repository (0: all)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "harness:", err)
		os.Exit(1)
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func run(o options) error {
	if o.rescore != "" {
		recs, err := rescore(o.rescore)
		if err != nil {
			return err
		}
		return finish(o, recs)
	}
	if o.bin == "" {
		return fmt.Errorf("no binary: pass -bin or set RELEASEBOT")
	}
	bin, err := filepath.Abs(o.bin)
	if err != nil {
		return err
	}
	o.bin = bin
	work, err := os.MkdirTemp("", "realhistory-work-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	o.work = work
	var all []record
	for _, def := range repos {
		if o.only != "" && !contains(strings.Split(o.only, ","), def.Repo) {
			continue
		}
		dir := mirrorDir(o.mirrors, def.Repo)
		if dir == "" {
			fmt.Fprintf(os.Stderr, "harness: %s: no mirror under %s; skipped\n", def.Repo, o.mirrors)
			continue
		}
		recs, data, err := measureRepo(o, def, dir)
		if err != nil {
			return fmt.Errorf("%s: %w", def.Repo, err)
		}
		all = append(all, recs...)
		if o.testdata != "" {
			if err := realhistory.Save(filepath.Join(o.testdata, realhistory.FileName(def.Repo)), data); err != nil {
				return err
			}
		}
		per, _ := realhistory.Tallies(results(recs))
		if len(per) == 1 {
			t := per[0]
			fmt.Fprintf(os.Stderr, "harness: %s: %d releases, versions %.1f%%, entries %.2f%%, sections exact %.1f%%\n",
				def.Repo, t.Releases, t.VersionPct(), t.EntryPct(), t.ExactPct())
		}
	}
	return finish(o, all)
}

// finish prints the figures and writes the report.
func finish(o options, recs []record) error {
	if o.out == "" {
		var err error
		if o.out, err = os.MkdirTemp("", "realhistory-out-"); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	per, total := realhistory.Tallies(results(recs))
	fmt.Print(realhistory.Table(per, total))
	if err := writeReport(o.out, recs); err != nil {
		return err
	}
	fmt.Printf("\ndisagreements and results: %s\n", o.out)
	return nil
}

// mirrorDir finds a repository's git directory under root.
func mirrorDir(root, repo string) string {
	owner, name, _ := strings.Cut(repo, "/")
	for _, p := range []string{
		filepath.Join(root, owner+"+"+name, "repo"),
		filepath.Join(root, owner+"+"+name),
		filepath.Join(root, owner, name+".git"),
		filepath.Join(root, owner, name),
	} {
		if _, err := git(p, "rev-parse", "--git-dir"); err == nil {
			return p
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.TrimSpace(x) == s {
			return true
		}
	}
	return false
}

func results(recs []record) []realhistory.Result {
	out := make([]realhistory.Result, len(recs))
	for i, r := range recs {
		out[i] = r.Result
	}
	return out
}
