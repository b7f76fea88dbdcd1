package main

import (
	"fmt"
	"strings"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/local"
	"github.com/releasebot/releasebot/internal/prepare"
)

// prepared opens the checkout and computes the next release.
func prepared(e *env, c common) (*local.Workspace, prepare.Result, local.State, error) {
	date, err := today(e)
	if err != nil {
		return nil, prepare.Result{}, local.State{}, err
	}
	w, err := c.open()
	if err != nil {
		return nil, prepare.Result{}, local.State{}, err
	}
	res, st, err := w.Prepare(date)
	if err != nil {
		w.Close()
		return nil, res, st, err
	}
	return w, res, st, nil
}

func runNext(e *env, args []string) error {
	var c common
	jsonOut := false
	fs := newFlags(e, "next", "Print the next version without prefix, or the current one when nothing is releasable.", &c, true)
	fs.BoolVar(&jsonOut, "json", false, "print a JSON object: current, next, tag, bump, releasable and the commits that decided")
	if err := parse(fs, args); err != nil {
		return err
	}
	w, res, st, err := prepared(e, c)
	if err != nil {
		return err
	}
	defer w.Close()
	if jsonOut {
		return writeJSON(e.stdout, nextJSON(w.Config, res, st))
	}
	printWarnings(e, res)
	switch {
	case res.Plan.Releasable:
		fmt.Fprintln(e.stdout, res.Plan.Next)
	case res.Plan.Current != nil:
		fmt.Fprintln(e.stdout, res.Plan.Current)
	default:
		fmt.Fprintln(e.stderr, "releasebot: nothing to release yet: no release tag, no version file and no commit that triggers a release")
	}
	return nil
}

func runChangelog(e *env, args []string) error {
	var c common
	fs := newFlags(e, "changelog", "Print the Markdown section of the next release.", &c, true)
	if err := parse(fs, args); err != nil {
		return err
	}
	w, res, _, err := prepared(e, c)
	if err != nil {
		return err
	}
	defer w.Close()
	printWarnings(e, res)
	if !res.Plan.Releasable {
		fmt.Fprintln(e.stderr, "releasebot: nothing to release: no commit since the last release triggers one")
		return nil
	}
	fmt.Fprint(e.stdout, section(res))
	return nil
}

// section is the heading and body of the release as Markdown.
func section(res prepare.Result) string {
	if res.Body == "" {
		return res.Heading + "\n"
	}
	return res.Heading + "\n\n" + res.Body
}

func runPlan(e *env, args []string) error {
	var c common
	fs := newFlags(e, "plan", "Show the next release, the commits that decided it and the diff of every file it would write. Writes nothing.", &c, true)
	if err := parse(fs, args); err != nil {
		return err
	}
	w, res, st, err := prepared(e, c)
	if err != nil {
		return err
	}
	defer w.Close()
	printWarnings(e, res)
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
	commit = commit || tag
	w, res, st, err := prepared(e, c)
	if err != nil {
		return err
	}
	defer w.Close()
	printWarnings(e, res)
	if !res.Plan.Releasable {
		fmt.Fprintln(e.stderr, "releasebot: nothing to release: no commit since the last release triggers one")
		return nil
	}
	if commit && len(res.Files) > 0 {
		if err := w.RequireClean(); err != nil {
			return err
		}
	}
	if err := w.Write(res.Files); err != nil {
		return err
	}
	for _, fc := range res.Files {
		fmt.Fprintf(e.stdout, "wrote %s\n", fc.Path)
	}
	if len(res.Files) == 0 {
		fmt.Fprintf(e.stdout, "files already at %s; nothing to write\n", res.Plan.Next)
	}
	head := st.Head
	if commit && len(res.Files) > 0 {
		if head, err = w.Commit(res.Files, "chore(release): "+res.Plan.Next.String()); err != nil {
			return fmt.Errorf("committing the release: %w (the files are written; commit them by hand)", err)
		}
		fmt.Fprintf(e.stdout, "committed %s\n", head[:7])
	}
	if tag {
		if err := w.Tag(res.Tag, head, "Release "+res.Plan.Next.String()+"\n\n"+res.Body); err != nil {
			return err
		}
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

func printWarnings(e *env, res prepare.Result) {
	for _, w := range res.Plan.Warnings {
		fmt.Fprintf(e.stderr, "releasebot: warning: %s\n", strings.TrimSpace(w))
	}
}
