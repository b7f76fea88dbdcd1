package action

import (
	"slices"
	"strings"

	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/usererr"
)

// Inputs are the names of the inputs action.yml declares. Run reads these
// and no other INPUT_ variable; a test holds action.yml to this list.
var Inputs = []string{
	"token", "command", "config-file", "target-branch", "prerelease", "dry-run", "github-api-url",
}

// Outputs are the names of the outputs action.yml declares, in the order
// Run writes them. Every step writes all of them ("" when not applicable);
// a test holds action.yml to this list.
var Outputs = []string{
	"release_created", "tag_name", "version", "major", "minor", "patch", "sha",
	"html_url", "upload_url", "pr_number", "pr_url", "next_version", "bump", "body",
	"releases_created", "paths_released", "releases",
}

// Commands are the values of the command input.
var Commands = []string{"run", "pr", "publish", "next"}

// inputs are the step's inputs, checked.
type inputs struct {
	token, command, configFile, target, apiURL string
	// prerelease is nil when the input is empty: the configuration decides.
	prerelease *string
	dryRun     bool
}

// envName is the variable the runner passes input name in: INPUT_ and the
// name upper-cased, spaces as "_", hyphens kept ("config-file" arrives as
// INPUT_CONFIG-FILE).
func envName(name string) string {
	return "INPUT_" + strings.ToUpper(strings.ReplaceAll(name, " ", "_"))
}

// readInputs reads and checks the inputs. The token is returned even when
// another input is wrong, so that it can be masked first. Mistakes are
// *usererr.Error naming the input.
func readInputs(getenv func(string) string) (inputs, error) {
	get := func(name string) string { return strings.TrimSpace(getenv(envName(name))) }
	in := inputs{
		token:      firstOf(get("token"), getenv("GITHUB_TOKEN"), getenv("GH_TOKEN")),
		command:    firstOf(get("command"), "run"),
		configFile: get("config-file"),
		target:     get("target-branch"),
		apiURL:     firstOf(get("github-api-url"), getenv("GITHUB_API_URL")),
	}
	if !slices.Contains(Commands, in.command) {
		return in, usage("input command: %q is not a command; use one of %s", in.command, strings.Join(Commands, ", "))
	}
	if p := get("prerelease"); p != "" {
		if err := checkPrerelease(p); err != nil {
			return in, err
		}
		in.prerelease = &p
	}
	var err error
	if in.dryRun, err = boolInput("dry-run", get("dry-run")); err != nil {
		return in, err
	}
	if strings.ContainsAny(in.target, " ~^:?*[\\") {
		return in, usage("input target-branch: %q is not a branch name", in.target)
	}
	return in, nil
}

// boolInput reads a boolean as actions/toolkit's getBooleanInput does: the
// YAML 1.2 core schema's true and false spellings; empty is false.
func boolInput(name, value string) (bool, error) {
	switch value {
	case "true", "True", "TRUE":
		return true, nil
	case "false", "False", "FALSE", "":
		return false, nil
	}
	return false, usage("input %s: %q is not a boolean; use true or false", name, value)
}

// checkPrerelease accepts one SemVer pre-release identifier that is not a
// number (rc, beta, next), as --prerelease does.
func checkPrerelease(id string) error {
	_, err := semver.Parse("1.0.0-" + id + ".1")
	if err != nil || strings.Contains(id, ".") || strings.Trim(id, "0123456789") == "" {
		return usage("input prerelease: %q is not a pre-release identifier; use letters, digits and hyphens, such as rc or beta", id)
	}
	return nil
}

// usage is a mistake in the step's inputs or environment: exit code 2.
func usage(format string, args ...any) error {
	return usererr.Errorf(format, args...)
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
