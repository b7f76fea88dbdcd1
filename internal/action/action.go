// Package action runs releasebot as a step of a GitHub Actions workflow. It
// reads what the runner provides (INPUT_* variables, the event name and
// payload, GITHUB_REPOSITORY and friends), decides from the event whether
// to act, runs the command on a run wired by connect, and reports through
// workflow commands on the log, the step's outputs file ($GITHUB_OUTPUT)
// and its job summary ($GITHUB_STEP_SUMMARY).
package action

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/connect"
)

// Env is the step's environment.
type Env struct {
	// Getenv reads the runner's variables.
	Getenv func(string) string
	// Stdout receives the log and the workflow commands.
	Stdout io.Writer
	// Dir is the checkout; "" means GITHUB_WORKSPACE, else the current
	// directory. It need not be a checkout, and a shallow one is fine:
	// history is then read through the API.
	Dir string
	// Date is the release date written in notes.
	Date time.Time
}

// result is what a step did, for its outputs and its summary.
type result struct {
	command string
	// why describes the trigger and, when the step did not act, why not.
	why    string
	acted  bool
	dryRun bool
	target string
	// web is https://HOST/OWNER/REPO, for links; "" when unknown.
	web    string
	report bot.Report
	err    error
	// dir is the checkout, to name configuration files relative to it.
	dir string
}

// Run runs one step. The token is masked before anything else is written.
// Mistakes in the inputs, the event payload or the configuration are
// *usererr.Error (config.Unreadable and config.Invalid tell the
// configuration's apart) and are also shown as ::error annotations, on the
// configuration file's line when there is one. Whatever happens, every
// output is written and the job summary says what was done.
func Run(ctx context.Context, env Env) error {
	in, err := readInputs(env.Getenv)
	mask(env.Stdout, in.token)
	r := result{command: in.command, dryRun: in.dryRun, dir: firstOf(env.Dir, env.Getenv("GITHUB_WORKSPACE"), ".")}
	if err == nil {
		err = step(ctx, env, in, &r)
	}
	r.err = err
	if err != nil {
		errorCommand(env.Stdout, annotate(err, r.dir))
	}
	fmt.Fprintln(env.Stdout, plain(headline(r)))
	if werr := write(env, r); werr != nil && err == nil {
		err = werr
	}
	return err
}

// step decides from the event and, when it acts, runs the command.
func step(ctx context.Context, env Env, in inputs, r *result) error {
	tr, err := readTrigger(env.Getenv)
	if err != nil {
		return err
	}
	d, err := decide(tr, in.target, in.command)
	if err != nil {
		return err
	}
	r.why, r.acted, r.target = d.why, d.act, d.target
	if !d.act {
		return nil
	}
	o := connect.Options{
		Dir: r.dir, ConfigPath: in.configFile,
		Repo: firstOf(env.Getenv("GITHUB_REPOSITORY"), d.repo), Target: d.target,
		APIURL: in.apiURL, ServerURL: env.Getenv("GITHUB_SERVER_URL"), Token: in.token,
		Prerelease: in.prerelease, DryRun: in.dryRun, Date: env.Date, Log: bot.PlainLogger(env.Stdout),
	}
	if !d.checkedOut {
		// The workspace holds another ref than the target branch (a pull
		// request's merge ref, another branch): its history is not the
		// target's.
		o.History = "api"
	}
	group(env.Stdout, fmt.Sprintf("releasebot %s (%s)", in.command, d.why))
	defer endGroup(env.Stdout)
	j, err := connect.New(ctx, o)
	if err == nil {
		j, err = confirmBranch(ctx, j, o, d, r)
	}
	if err != nil || j == nil {
		return err
	}
	defer j.Close()
	r.target, r.web = j.Bot.Target, j.Bot.Remote.BaseURL
	r.report, err = commands[in.command](j.Bot, ctx)
	for _, w := range warnings(r.report) {
		command(env.Stdout, "warning", []property{{"title", "releasebot"}}, w)
	}
	fmt.Fprintf(env.Stdout, "%d GitHub API calls (%d writes)\n", j.Client.Calls.Total(), j.Client.Calls.Writes())
	return err
}

// commands maps the command input onto the bot's use cases.
var commands = map[string]func(*bot.Bot, context.Context) (bot.Report, error){
	"run":     (*bot.Bot).Run,
	"pr":      (*bot.Bot).PullRequest,
	"publish": (*bot.Bot).Publish,
	"next":    (*bot.Bot).Next,
}

func warnings(rep bot.Report) []string {
	if rep.Plan == nil {
		return releaseWarnings(rep)
	}
	return append(releaseWarnings(rep), rep.Plan.Plan.Warnings...)
}

// readTrigger reads GITHUB_EVENT_NAME, GITHUB_REF, GITHUB_REPOSITORY and
// the payload file GITHUB_EVENT_PATH names (none when unset).
func readTrigger(getenv func(string) string) (trigger, error) {
	tr := trigger{
		name: getenv("GITHUB_EVENT_NAME"), ref: getenv("GITHUB_REF"),
		repo: getenv("GITHUB_REPOSITORY"), path: getenv("GITHUB_EVENT_PATH"),
	}
	if tr.path == "" {
		return tr, nil
	}
	data, err := os.ReadFile(tr.path)
	if err != nil {
		return tr, fmt.Errorf("reading the event payload (GITHUB_EVENT_PATH): %w", err)
	}
	tr.payload = data
	return tr, nil
}

// annotate turns err into an ::error annotation; configuration errors
// point at the file and line, named relative to the checkout dir.
func annotate(err error, dir string) annotation {
	if ce := config.Invalid(err); ce != nil {
		msg := ce.Msg
		if ce.Field != "" {
			msg = ce.Field + ": " + msg
		}
		return annotation{File: relPath(dir, ce.File), Line: ce.Line, Title: "releasebot: invalid configuration", Msg: msg}
	}
	if le := config.Unreadable(err); le != nil {
		return annotation{File: relPath(dir, le.File), Title: "releasebot: cannot read the configuration", Msg: le.Error()}
	}
	return annotation{Title: "releasebot", Msg: err.Error()}
}

// relPath names file relative to dir, "/"-separated, as annotations need.
// Names that are already relative to the checkout (.github/releasebot.yml)
// and files outside dir are kept as they are.
func relPath(dir, file string) string {
	sep := string(filepath.Separator)
	inDir := strings.HasPrefix(filepath.Clean(file), filepath.Clean(dir)+sep)
	if file == "" || !filepath.IsAbs(file) && !inDir {
		return filepath.ToSlash(file)
	}
	absDir, err1 := filepath.Abs(dir)
	absFile, err2 := filepath.Abs(file)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(file)
	}
	rel, err := filepath.Rel(absDir, absFile)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+sep) {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(rel)
}

// write appends the outputs and the job summary to the files the runner
// names; when it names none (a run by hand), they are only logged.
func write(env Env, r result) error {
	outs := outputValues(r)
	group(env.Stdout, "outputs")
	for _, o := range outs {
		fmt.Fprintf(env.Stdout, "%s=%s\n", o.name, firstLine(o.value))
	}
	endGroup(env.Stdout)
	var errs []error
	if path := env.Getenv("GITHUB_OUTPUT"); path != "" {
		if err := appendFile(path, formatOutputs(outs, randomDelim)); err != nil {
			errs = append(errs, fmt.Errorf("writing the outputs (GITHUB_OUTPUT): %w", err))
		}
	}
	if path := env.Getenv("GITHUB_STEP_SUMMARY"); path != "" {
		if err := appendFile(path, summary(r)); err != nil {
			errs = append(errs, fmt.Errorf("writing the job summary (GITHUB_STEP_SUMMARY): %w", err))
		}
	}
	return errors.Join(errs...)
}

var mdLink = regexp.MustCompile(`\[((?:[^\]\\]|\\.)*)\]\(([^)]*)\)`)

// plain turns a Markdown sentence of the summary into text for the log:
// links become "text (url)", emphasis, code marks and escapes go.
func plain(md string) string {
	s := mdLink.ReplaceAllString(md, "$1 ($2)")
	s = strings.NewReplacer("&lt;", "<", "&gt;", ">").Replace(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case s[i] == '*' || s[i] == '`':
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func firstLine(s string) string {
	if first, _, ok := strings.Cut(s, "\n"); ok {
		return first + " …"
	}
	return s
}
