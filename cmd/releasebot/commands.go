package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/releasebot/releasebot/internal/bump"
	"github.com/releasebot/releasebot/internal/checkout"
	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/usererr"
)

// releases computes the next release of every component of the checkout
// for today, to depth, and prints the plans' warnings on stderr (naming
// the package in a multi-package repository).
func releases(e *env, w *checkout.Workspace, depth plan.Depth) ([]plan.ComponentResult, error) {
	date, err := today(e)
	if err != nil {
		return nil, err
	}
	results, _, err := w.Releases(date, depth)
	if err != nil {
		return nil, err
	}
	for _, r := range results {
		for _, warning := range r.Plan.Warnings {
			if r.Name == "" {
				fmt.Fprintf(e.stderr, "releasebot: warning: %s\n", strings.TrimSpace(warning))
			} else {
				fmt.Fprintf(e.stderr, "releasebot: warning: %s: %s\n", r.Name, strings.TrimSpace(warning))
			}
		}
	}
	return results, nil
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
	readPulls(context.Background(), e, w, c.branch)
	results, err := releases(e, w, plan.VersionOnly)
	if err != nil {
		return err
	}
	if plan.MultiPackage(w.Config) {
		return nextPackages(e, jsonOut, results)
	}
	res, st := results[0].Result, results[0].State
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
	readPulls(context.Background(), e, w, c.branch)
	if plan.MultiPackage(w.Config) {
		results, err := releases(e, w, plan.Files)
		if err != nil {
			return err
		}
		return changelogPackages(e, results)
	}
	results, err := releases(e, w, plan.Files)
	if err != nil && !usererr.Is(err) {
		// The notes do not depend on the files: print them as rendered,
		// without the changelog's hand-written entries.
		var planErr error
		if results, planErr = releases(e, w, plan.Notes); planErr != nil {
			return planErr
		}
		fmt.Fprintf(e.stderr, "releasebot: warning: %v; printing the notes without the changelog's Unreleased entries\n", err)
	} else if err != nil {
		return err
	}
	res := results[0].Result
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
	readPulls(context.Background(), e, w, c.branch)
	results, err := releases(e, w, plan.Files)
	if err != nil {
		return err
	}
	if plan.MultiPackage(w.Config) {
		return planPackages(e, results)
	}
	writePlan(e.stdout, w.Config, results[0].Result, results[0].State)
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
	results, err := releases(e, w, plan.Files)
	if err != nil {
		return err
	}
	return bumpReleases(e, w, results, bump.BumpOptions{Commit: commit, Tag: tag})
}

// bumpReleases writes the files of every component that releases in one
// go (and commits and tags them, as opts say), and says what it did.
func bumpReleases(e *env, w *checkout.Workspace, results []plan.ComponentResult, opts bump.BumpOptions) error {
	var due []bump.Release
	for _, r := range results {
		if r.Plan.Releasable {
			due = append(due, bump.Release{Name: r.Name, Result: r.Result, State: r.State, Config: r.Config})
		}
	}
	multi := plan.MultiPackage(w.Config)
	switch {
	case len(due) == 0 && multi:
		fmt.Fprintln(e.stderr, "releasebot: nothing to release in any package")
		return nil
	case len(due) == 0:
		fmt.Fprintln(e.stderr, nothingToRelease(results[0].Result))
		return nil
	}
	out, err := bump.Bump(w, due, opts)
	for _, why := range out.Held {
		fmt.Fprintf(e.stderr, "releasebot: warning: %s\n", why)
	}
	for _, path := range out.Written {
		fmt.Fprintf(e.stdout, "wrote %s\n", path)
	}
	if err != nil {
		return err
	}
	if len(out.Written) == 0 && !multi {
		fmt.Fprintf(e.stdout, "files already at %s; nothing to write\n", due[0].Result.Plan.Next)
	}
	if out.Commit != "" {
		fmt.Fprintf(e.stdout, "committed %s %s\n", out.Commit[:7], out.Message)
	}
	for _, tag := range out.Tags {
		fmt.Fprintf(e.stdout, "tagged %s\n", tag)
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
	described, warnings, err := bump.Describe(w)
	for _, warning := range warnings {
		fmt.Fprintf(e.stderr, "releasebot: warning: %s\n", warning)
	}
	if err != nil {
		return err
	}
	for _, d := range described {
		if d.Name == "" {
			fmt.Fprintln(e.stdout, d.Version)
		} else {
			fmt.Fprintf(e.stdout, "%s %s\n", d.Name, d.Version)
		}
	}
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
