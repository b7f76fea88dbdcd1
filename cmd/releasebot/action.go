package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/releasebot/releasebot/internal/action"
)

func init() {
	register(command{name: "action", summary: "run as a GitHub Actions step (what action.yml runs)", run: runAction})
}

// runAction runs one GitHub Actions step: inputs come from INPUT_*
// variables (see action.yml), the rest from the runner's GITHUB_*
// variables. Exit codes are the CLI's: 2 for a mistake in the inputs, the
// event payload or the configuration.
func runAction(e *env, args []string) error {
	var dir string
	var timeout time.Duration
	fs := newFlags(e, "action", "Run as a GitHub Actions step: read the inputs (INPUT_*) and the event, publish and keep\n"+
		"the release pull request up to date, and write the step's outputs and job summary.\n"+
		"The token comes from the token input, else GITHUB_TOKEN; it is masked and never printed.", nil, false)
	fs.StringVar(&dir, "C", "", "the checkout `DIR` (default: GITHUB_WORKSPACE, else the current directory)")
	fs.DurationVar(&timeout, "timeout", 10*time.Minute, "give up after `DURATION`")
	if err := parse(fs, args); err != nil {
		return err
	}
	date, err := today(e)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return action.Run(ctx, action.Env{Getenv: e.getenv, Stdout: e.stdout, Dir: dir, Date: date})
}
