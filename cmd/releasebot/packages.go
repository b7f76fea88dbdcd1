package main

import (
	"fmt"

	"github.com/releasebot/releasebot/internal/bump"
	"github.com/releasebot/releasebot/internal/checkout"
	"github.com/releasebot/releasebot/internal/plan"
)

// packageOutput is one entry of `next --json` in a multi-package
// repository.
type packageOutput struct {
	Name string `json:"name"`
	Path string `json:"path"`
	nextOutput
}

// nextPackages prints one line per package, "NAME VERSION", or the JSON
// entries.
func nextPackages(e *env, jsonOut bool, results []plan.ComponentResult) error {
	if jsonOut {
		out := struct {
			Packages []packageOutput `json:"packages"`
		}{Packages: []packageOutput{}}
		for _, r := range results {
			out.Packages = append(out.Packages, packageOutput{Name: r.Name, Path: r.Path, nextOutput: nextJSON(r.Config, r.Result, r.State)})
		}
		return writeJSON(e.stdout, out)
	}
	for _, r := range results {
		v := "-"
		switch {
		case r.Plan.Releasable:
			v = r.Plan.Next.String()
		case r.Plan.Current != nil:
			v = r.Plan.Current.String()
		}
		fmt.Fprintf(e.stdout, "%s %s\n", r.Name, v)
	}
	return nil
}

// changelogPackages prints each releasable package's section under a
// heading naming the package.
func changelogPackages(e *env, results []plan.ComponentResult) error {
	any := false
	for _, r := range results {
		if !r.Plan.Releasable {
			continue
		}
		if any {
			fmt.Fprintln(e.stdout)
		}
		any = true
		fmt.Fprintf(e.stdout, "# %s\n\n%s", r.Name, section(r.Result))
	}
	if !any {
		fmt.Fprintln(e.stderr, "releasebot: nothing to release in any package")
	}
	return nil
}

// planPackages prints the plan of each package.
func planPackages(e *env, results []plan.ComponentResult) error {
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		fmt.Fprintf(e.stdout, "Package %s (%s)\n", r.Name, r.Path)
		writePlan(e.stdout, r.Config, r.Result, r.State)
	}
	return nil
}

// bumpPackages writes every releasable package's files in one go.
func bumpPackages(e *env, w *checkout.Workspace, results []plan.ComponentResult, opts bump.BumpOptions) error {
	var releases []bump.Release
	for _, r := range results {
		if r.Plan.Releasable {
			releases = append(releases, bump.Release{Name: r.Name, Result: r.Result, State: r.State, Config: r.Config})
		}
	}
	if len(releases) == 0 {
		fmt.Fprintln(e.stderr, "releasebot: nothing to release in any package")
		return nil
	}
	out, err := bump.Bump(w, releases, opts)
	for _, why := range out.Held {
		fmt.Fprintf(e.stderr, "releasebot: warning: %s\n", why)
	}
	for _, path := range out.Written {
		fmt.Fprintf(e.stdout, "wrote %s\n", path)
	}
	if err != nil {
		return err
	}
	if out.Commit != "" {
		fmt.Fprintf(e.stdout, "committed %s %s\n", out.Commit[:7], out.Message)
	}
	for _, tag := range out.Tags {
		fmt.Fprintf(e.stdout, "tagged %s\n", tag)
	}
	return nil
}
