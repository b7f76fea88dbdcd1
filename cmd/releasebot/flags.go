package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/releasebot/releasebot/internal/checkout"
	"github.com/releasebot/releasebot/internal/usererr"
)

// common are the flags every repository command takes.
type common struct {
	dir, config, branch string
	// getenv reports the environment, for git's variables.
	getenv func(string) string
	// prerelease is set when --prerelease was given, even as "" (which
	// asks for a stable release whatever the configuration says).
	prerelease *string
}

// flags is a command's flag set with its help text.
type flags struct {
	*flag.FlagSet
	help func()
}

func newFlags(e *env, name, synopsis string, c *common, withPrerelease bool) flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// Parse errors become one sentence on stderr (see parse); help goes to
	// stdout only when asked for.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if c != nil {
		c.getenv = e.getenv
		fs.StringVar(&c.dir, "C", ".", "run in `DIR` (any directory of the checkout)")
		fs.StringVar(&c.config, "config", "", "read the configuration from `FILE` instead of .github/releasebot.yml")
	}
	if withPrerelease {
		fs.StringVar(&c.branch, "branch", "", "release as from `BRANCH`, which selects a channel or a maintenance range (default: the checkout's branch)")
		fs.Func("prerelease", "make the next version a pre-release `ID`.N (e.g. rc); \"\" for a stable release", func(s string) error {
			c.prerelease = &s
			return nil
		})
	}
	help := func() {
		fmt.Fprintf(e.stdout, "usage: releasebot %s [flags]\n\n%s\n\nFlags:\n", name, synopsis)
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
	}
	return flags{fs, help}
}

// parse parses args, turning flag mistakes into usage errors.
func parse(fs flags, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.help()
			return err
		}
		return usererr.Errorf("%s: %v; see releasebot %s --help", fs.Name(), err, fs.Name())
	}
	if fs.NArg() > 0 {
		return usererr.Errorf("%s: unexpected argument %q; see releasebot %s --help", fs.Name(), fs.Arg(0), fs.Name())
	}
	return nil
}

func (c common) open() (*checkout.Workspace, error) {
	if fi, err := os.Stat(c.dir); err != nil || !fi.IsDir() {
		return nil, usererr.Errorf("-C %s: no such directory", c.dir)
	}
	return checkout.Open(checkout.Options{Dir: c.dir, ConfigPath: c.config, Prerelease: c.prerelease, Branch: c.branch, Getenv: c.getenv})
}

// today is the release date: SOURCE_DATE_EPOCH when set (reproducible
// builds), else the current UTC date.
func today(e *env) (time.Time, error) {
	if s := e.getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, usererr.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Now().UTC(), nil
}
