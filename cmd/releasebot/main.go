// Command releasebot computes the next version of a repository from its
// conventional commits and writes its version files and changelog (next,
// changelog, plan, bump, describe); on GitHub it keeps a release pull
// request and publishes merged ones (pr, publish, run), as a step of a
// workflow (action) or as a GitHub App (serve).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/releasebot/releasebot/internal/safetext"
	"github.com/releasebot/releasebot/internal/usererr"
)

// version is set at build time with -ldflags "-X main.version=1.2.3".
var version = ""

// Exit codes of the contract scripts rely on.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

type command struct {
	name    string
	summary string
	run     func(env *env, args []string) error
}

var commands = []command{
	{"next", "print the next version (or the current one when nothing is releasable)", runNext},
	{"changelog", "print the release notes of the next release", runChangelog},
	{"plan", "show the next release, why, and the diff of every file it would write", runPlan},
	{"bump", "write the version files and the changelog (and optionally commit and tag)", runBump},
	{"describe", "print a version for a build between releases (1.3.0-dev.4+abc1234)", runDescribe},
	{"pr", "open, refresh or close the release pull request on GitHub", runPR},
	{"publish", "tag and release merged release pull requests on GitHub", runPublish},
	{"run", "publish what is merged, then keep the release pull request up to date", runRun},
	{"schema", "print the JSON Schema of .github/releasebot.yml", runSchema},
}

// register adds a command; files of later commands (action, serve) call it
// from init, so that each command lives in its own file.
func register(c command) { commands = append(commands, c) }

// env is what a command talks to.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func main() {
	if os.Getenv("GOGC") == "" {
		// Reading a long history allocates a lot of short-lived objects;
		// collecting twice as often cuts peak memory by a quarter at no
		// measurable cost in time (see .ci/bench-core).
		debug.SetGCPercent(50)
	}
	os.Exit(run(os.Args[1:], &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}))
}

// run executes one command line and returns the exit code. It never lets a
// panic escape as a stack trace. Everything it prints goes through
// safetext.Plain: commit text and file contents reach a terminal with no
// control character (escape sequences, carriage returns) left in them.
func run(args []string, e *env) (code int) {
	stdout, stderr := &safetext.Writer{W: e.stdout}, &safetext.Writer{W: e.stderr}
	e.stderr = stderr
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "releasebot: internal error: %v; please report it with the command you ran\n", r)
			code = exitFailure
		}
		stdout.Flush()
		stderr.Flush()
	}()
	out := &errWriter{w: stdout}
	e.stdout = out
	err := dispatch(args, e)
	if err == nil && out.err != nil {
		err = fmt.Errorf("writing the output: %w", out.err)
	}
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return exitOK
	case usererr.Is(err):
		fmt.Fprintf(e.stderr, "releasebot: %v\n", err)
		return exitUsage
	default:
		fmt.Fprintf(e.stderr, "releasebot: %v\n", err)
		return exitFailure
	}
}

func dispatch(args []string, e *env) error {
	if len(args) == 0 {
		usage(e.stderr)
		return usererr.Errorf("no command given")
	}
	switch args[0] {
	case "--version", "-version", "version":
		fmt.Fprintln(e.stdout, "releasebot", buildVersion())
		return nil
	case "-h", "--help", "-help", "help":
		if len(args) > 1 {
			return dispatch([]string{args[1], "--help"}, e)
		}
		usage(e.stdout)
		return nil
	}
	if args[0] == "-C" && len(args) > 2 {
		// git-style: releasebot -C DIR COMMAND ...
		args = append([]string{args[2], "-C", args[1]}, args[3:]...)
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	return usererr.Errorf("unknown command %q; run releasebot --help for the list", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: releasebot <command> [flags]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun releasebot <command> --help for a command's flags; releasebot --version for the version.")
}

func buildVersion() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(version, bi)
}

// errWriter remembers the first write error, so that output lost to a full
// disk or a closed pipe fails the run instead of exiting 0.
type errWriter struct {
	w   io.Writer
	err error
}

func (w *errWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n, err := w.w.Write(p)
	w.err = err
	return n, err
}
