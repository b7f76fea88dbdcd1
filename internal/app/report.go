package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/forge"
	"github.com/releasebot/releasebot/internal/repohost"
	"github.com/releasebot/releasebot/internal/usererr"
)

// checkName names the App's check run on pull requests and commits.
const checkName = "releasebot"

// previewRun is the check run of a preview.
func previewRun(sha string, p bot.Preview) forge.CheckRun {
	return forge.CheckRun{Name: checkName, HeadSHA: sha, Conclusion: p.Conclusion, Title: p.Title, Summary: p.Summary}
}

// configRun is the failing check run of a broken configuration: it names
// the file, the line and the field, says what is wrong, and annotates the
// line.
func configRun(sha, branch string, inPull bool, e *usererr.Error) forge.CheckRun {
	file := e.File
	if file == "" {
		file = config.DefaultPath
	}
	where := fmt.Sprintf("`%s`", file)
	if e.Line > 0 {
		where += fmt.Sprintf(", line %d", e.Line)
	}
	if e.Field != "" {
		where += fmt.Sprintf(", field `%s`", e.Field)
	}
	title := "Invalid " + file
	if e.Line > 0 {
		title += fmt.Sprintf(" at line %d", e.Line)
	}
	if e.Field != "" {
		title += " (" + e.Field + ")"
	}
	fix := fmt.Sprintf("Fix the file on `%s`: until it is valid, releasebot opens no release pull request and publishes nothing from this branch.", branch)
	if inPull {
		fix = "Fix the file in this pull request: merged as it is, it would stop releasebot from releasing."
	}
	summary := fmt.Sprintf("releasebot cannot use its configuration: %s: %s\n\n%s "+
		"releasebot checks again on the next push; it does not retry on its own. `releasebot schema` prints the JSON Schema of the file.\n",
		where, e.Msg, fix)
	run := forge.CheckRun{Name: checkName, HeadSHA: sha, Conclusion: "failure", Title: title, Summary: summary}
	if e.Line > 0 {
		run.Annotations = []forge.Annotation{{Path: file, Line: e.Line, Level: "failure", Title: e.Field, Message: e.Msg}}
	}
	return run
}

// reportConfig reports a broken configuration as a failing check run on
// sha (only in the logs when there is no commit to report on). It returns
// an error only when the report itself fails.
func (s *Server) reportConfig(ctx context.Context, t *task, sha string, e *usererr.Error, log *slog.Logger) error {
	log.Warn("the configuration is invalid", "file", e.File, "line", e.Line, "field", e.Field, "error", e.Msg)
	if sha == "" {
		return nil
	}
	c, err := forge.New(t.owner, t.name, forge.Options{APIURL: s.opts.APIURL, Transport: s.auth.transport(t.installation), Retry: s.opts.Retry})
	if err != nil {
		return err
	}
	inPull := t.kind == kindPreview && sha == t.pull.HeadSHA
	return writeCheck(ctx, c, configRun(sha, t.branch, inPull, e))
}

// checks is what writing a check run needs.
type checks interface {
	FindCheckRun(ctx context.Context, sha, name string) (*forge.CheckRun, error)
	CreateCheckRun(ctx context.Context, cr forge.CheckRun) (int64, error)
	UpdateCheckRun(ctx context.Context, cr forge.CheckRun) error
}

var _ checks = (*forge.Client)(nil)

// writeCheck updates the commit's check run of that name, or creates it:
// a commit keeps one releasebot check run however many events it gets.
func writeCheck(ctx context.Context, c checks, run forge.CheckRun) error {
	old, err := c.FindCheckRun(ctx, run.HeadSHA, run.Name)
	if err != nil && !errors.Is(err, repohost.ErrNotFound) { // a host that lists no check runs: create one
		return err
	}
	if old == nil {
		_, err = c.CreateCheckRun(ctx, run)
		return err
	}
	run.ID = old.ID
	return c.UpdateCheckRun(ctx, run)
}
