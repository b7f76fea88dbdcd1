package main

import (
	"fmt"

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
