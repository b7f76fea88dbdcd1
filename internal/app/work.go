package app

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"time"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/connect"
	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/plan"
)

// execute runs one task with a logger carrying its delivery, installation,
// repository, branch and pull request (a preview's), which the bot logs its
// events on too (their own keys added), and classifies how it ended: a broken
// configuration is reported (a check run) and not retried; a failure whose
// last call to GitHub got no answer, a 5xx, a rate limit or a conflict is
// transient; any other failure is permanent.
func (s *Server) execute(ctx context.Context, t *task) outcome {
	start := time.Now()
	log := s.log.With("delivery", t.delivery, "installation", t.installation, "repository", t.repo(), "task", t.kind.String(),
		"attempt", t.attempt+1, "branch", t.branch)
	if t.kind == kindPreview {
		log = log.With("pull_request", t.pull.Number, "head_sha", t.pull.HeadSHA)
	}
	calls := &callLog{}
	ctx = context.WithValue(context.WithValue(ctx, installationKey, t.installation), callLogKey, calls)
	result, err := s.runTask(ctx, t, log)
	res := done
	took := slog.Float64("seconds", time.Since(start).Seconds())
	switch {
	case err == nil:
		log.Info("task done", "result", result, took)
	case errors.Is(ctx.Err(), context.Canceled):
		result = "abandoned"
		log.Warn("task abandoned at shutdown", "error", err, took)
	case calls.transient() || errors.Is(err, context.DeadlineExceeded):
		result, res = "retry", transient
		log.Warn("task failed; it is retried", "error", err, took)
	default:
		result, res = "failed", permanent
		log.Error("task failed", "error", err, took)
	}
	s.metrics.jobs.WithLabelValues(t.kind.String(), result).Observe(time.Since(start).Seconds())
	return res
}

// runTask does a task and says what came of it: "ok", "skipped" or
// "config_error".
func (s *Server) runTask(ctx context.Context, t *task, log *slog.Logger) (string, error) {
	j, err := connect.New(ctx, connect.Options{
		History: "api", Repo: t.repo(), Target: t.branch, APIURL: s.opts.APIURL,
		Transport: s.auth.transport(t.installation), Retry: s.opts.Retry, Log: log,
	})
	if cerr := config.Invalid(err); cerr != nil {
		return "config_error", s.reportConfig(ctx, t, t.reportSHA, cerr, log)
	}
	if err != nil {
		return "", err
	}
	defer j.Close()
	if t.defaultBranch == "" { // a payload without repository.default_branch
		if t.defaultBranch, err = j.Client.DefaultBranch(ctx); err != nil {
			return "", err
		}
	}
	if t.branch != t.defaultBranch && !plan.ReleaseBranch(j.Bot.Config, t.branch) {
		log.Info("not a release branch: the configuration names it neither a maintenance branch nor a channel")
		return "skipped", nil
	}
	if t.kind == kindPreview {
		return s.preview(ctx, t, j, log)
	}
	if t.conditional && !hasBumpLabel(j.Bot.Config.Labels, t.labels) {
		log.Info("no bump label changed", "labels", t.labels)
		return "skipped", nil
	}
	rep, err := j.Bot.Run(ctx)
	for _, p := range rep.Published {
		log.Info("published", "tag", p.Tag, "release_url", p.Release.URL, "pull_request", p.Pull)
	}
	if rep.Pull != nil {
		log.Info("release pull request", "number", rep.Pull.Number, "url", rep.Pull.URL, "held", rep.Held)
	}
	return "ok", err
}

// preview writes the releasebot check run of a pull request. The
// configuration the pull request would leave on its base (read at its
// head) decides the preview; a broken one fails the check.
func (s *Server) preview(ctx context.Context, t *task, j *connect.Run, log *slog.Logger) (string, error) {
	pr := t.pull
	cfg, err := connect.RemoteConfig(ctx, j.Client, pr.HeadSHA, "")
	if cerr := config.Invalid(err); cerr != nil {
		return "config_error", s.reportConfig(ctx, t, pr.HeadSHA, cerr, log)
	}
	if err != nil {
		return "", err
	}
	j.Bot.Config = cfg
	j.Bot.History = &history.API{Host: j.Client, Branch: t.branch}
	p, err := j.Bot.Preview(ctx, j.Client, pr, bot.PreviewOptions{Squash: t.squash, InvalidTitle: s.opts.InvalidTitle})
	if err != nil {
		return "", err
	}
	log.Info("preview", "conclusion", p.Conclusion, "title", p.Title)
	return "ok", writeCheck(ctx, j.Client, previewRun(pr.HeadSHA, p))
}

// hasBumpLabel reports whether one of labels is a bump label.
func hasBumpLabel(names config.Labels, labels []string) bool {
	return slices.ContainsFunc(labels, func(l string) bool {
		return l == names.Major || l == names.Minor || l == names.Patch || l == names.None
	})
}
