package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/releasebot/releasebot/internal/bump"
	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/usererr"
)

// computed computes the checkout's next release: with the file edits when
// withFiles, else only the plan and notes. It prints the plan's warnings on
// stderr.
func computed(e *env, w *bump.Workspace, withFiles bool) (plan.Result, plan.State, error) {
	compute := w.Plan
	if withFiles {
		compute = w.Prepare
	}
	return computedWith(e, compute)
}

// computedWith runs compute for today and prints the plan's warnings.
func computedWith(e *env, compute func(time.Time) (plan.Result, plan.State, error)) (plan.Result, plan.State, error) {
	date, err := today(e)
	if err != nil {
		return plan.Result{}, plan.State{}, err
	}
	res, st, err := compute(date)
	if err != nil {
		return res, st, err
	}
	for _, warning := range res.Plan.Warnings {
		fmt.Fprintf(e.stderr, "releasebot: warning: %s\n", strings.TrimSpace(warning))
	}
	return res, st, nil
}

func runNext(e *env, args []string) error {
	var c common
	jsonOut := false
	fs := newFlags(e, "next", "Print the next version without prefix, or the current one when nothing is releasable.", &c, true)
	fs.BoolVar(&jsonOut, "json", false, "print a JSON object: current, next, tag, bump, releasable and the commits that decided")
	if err := parse(fs, args); err != nil {
		return err
	}
	w, err := c.open()
	if err != nil {
		return err
	}
	defer w.Close()
	if handled, err := withPackages(e, w, false, func(rs []plan.PackageResult) error {
		return nextPackages(e, jsonOut, rs)
	}); handled {
		return err
	}
	res, st, err := computedWith(e, w.Version)
	if err != nil {
		return err
	}
	if jsonOut {
		return writeJSON(e.stdout, nextJSON(w.Config, res, st))
	}
	switch {
	case res.Plan.Releasable:
		fmt.Fprintln(e.stdout, res.Plan.Next)
	case res.Plan.Current != nil:
		fmt.Fprintln(e.stdout, res.Plan.Current)
	default:
		fmt.Fprintln(e.stderr, nothingToRelease(res))
	}
	return nil
}

func runChangelog(e *env, args []string) error {
	var c common
	fs := newFlags(e, "changelog", "Print the Markdown section of the next release.", &c, true)
	if err := parse(fs, args); err != nil {
		return err
	}
	w, err := c.open()
	if err != nil {
		return err
	}
	defer w.Close()
	if handled, err := withPackages(e, w, true, func(rs []plan.PackageResult) error {
		return changelogPackages(e, rs)
	}); handled {
		return err
	}
	res, _, err := computed(e, w, true)
	if err != nil && !usererr.Is(err) {
		// The notes do not depend on the files: print them as rendered,
		// without the changelog's hand-written entries.
		var planErr error
		if res, _, planErr = computed(e, w, false); planErr != nil {
			return planErr
		}
		fmt.Fprintf(e.stderr, "releasebot: warning: %v; printing the notes without the changelog's Unreleased entries\n", err)
	} else if err != nil {
		return err
	}
	if !res.Plan.Releasable {
		fmt.Fprintln(e.stderr, nothingToRelease(res))
		return nil
	}
	fmt.Fprint(e.stdout, section(res))
	return nil
}

// section is the heading and body of the release as Markdown.
func section(res plan.Result) string {
	if res.Written == "" {
		return res.Heading + "\n"
	}
	return res.Heading + "\n\n" + res.Written
}

func runPlan(e *env, args []string) error {
	var c common
	fs := newFlags(e, "plan", "Show the next release, the commits that decided it and the diff of every file it would write. Writes nothing.", &c, true)
	if err := parse(fs, args); err != nil {
		return err
	}
	w, err := c.open()
	if err != nil {
		return err
	}
	defer w.Close()
	if handled, err := withPackages(e, w, true, func(rs []plan.PackageResult) error {
		return planPackages(e, rs)
	}); handled {
		return err
	}
	res, st, err := computed(e, w, true)
	if err != nil {
		return err
	}
	writePlan(e.stdout, w.Config, res, st)
	return nil
}

func runBump(e *env, args []string) error {
	var c common
	var commit, tag bool
	fs := newFlags(e, "bump", "Write the version files and the changelog of the next release. Running it again changes nothing.", &c, true)
	fs.BoolVar(&commit, "commit", false, "commit the written files as \"chore(release): VERSION\"")
	fs.BoolVar(&tag, "tag", false, "create the annotated release tag (implies --commit)")
	if err := parse(fs, args); err != nil {
		return err
	}
	w, err := c.open()
	if err != nil {
		return err
	}
	defer w.Close()
	if handled, err := withPackages(e, w, true, func(rs []plan.PackageResult) error {
		return bumpPackages(e, w, rs, bump.BumpOptions{Commit: commit, Tag: tag})
	}); handled {
		return err
	}
	res, st, err := computed(e, w, true)
	if err != nil {
		return err
	}
	if !res.Plan.Releasable {
		fmt.Fprintln(e.stderr, nothingToRelease(res))
		return nil
	}
	out, err := w.Bump(res, st, bump.BumpOptions{Commit: commit, Tag: tag})
	for _, path := range out.Written {
		fmt.Fprintf(e.stdout, "wrote %s\n", path)
	}
	if err != nil {
		return err
	}
	if len(out.Written) == 0 {
		fmt.Fprintf(e.stdout, "files already at %s; nothing to write\n", res.Plan.Next)
	}
	if out.Commit != "" {
		fmt.Fprintf(e.stdout, "committed %s chore(release): %s\n", out.Commit[:7], res.Plan.Next)
	}
	if out.Tagged {
		fmt.Fprintf(e.stdout, "tagged %s\n", res.Tag)
	}
	return nil
}

func runDescribe(e *env, args []string) error {
	var c common
	fs := newFlags(e, "describe", "Print a version for a build between releases: the next version with a dev.N pre-release and the commit as build metadata.", &c, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	w, err := c.open()
	if err != nil {
		return err
	}
	defer w.Close()
	defer func() {
		for _, warning := range w.Warnings() {
			fmt.Fprintf(e.stderr, "releasebot: warning: %s\n", warning)
		}
	}()
	if w.Packages() {
		ds, err := w.DescribePackages()
		for _, d := range ds {
			fmt.Fprintf(e.stdout, "%s %s\n", d.Name, d.Version)
		}
		return err
	}
	v, err := w.Describe()
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, v)
	return nil
}

func runSchema(e *env, args []string) error {
	fs := newFlags(e, "schema", "Print the JSON Schema of .github/releasebot.yml, for editors.", nil, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	_, err := e.stdout.Write(config.Schema)
	return err
}

// nothingToRelease says why there is no release, in one sentence.
func nothingToRelease(res plan.Result) string {
	if res.Plan.Current == nil {
		return "releasebot: nothing to release yet: no commit triggers a first release"
	}
	return "releasebot: nothing to release: no commit since " + res.Plan.Current.String() + " triggers a release"
}
