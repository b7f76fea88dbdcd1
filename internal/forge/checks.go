package forge

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/google/go-github/v60/github"
)

// CheckRun is a completed check run on a commit, as the App reports its
// release preview or a broken configuration.
type CheckRun struct {
	// ID is set by GitHub; 0 for a run not created yet.
	ID      int64
	Name    string
	HeadSHA string
	// Conclusion is "success", "neutral" or "failure" (any conclusion
	// GitHub accepts).
	Conclusion string
	// Title is one line; Summary and Text are Markdown.
	Title, Summary, Text string
	// Annotations point at lines of files of the commit.
	Annotations []Annotation
}

// Annotation marks a line of a file in a check run.
type Annotation struct {
	Path    string
	Line    int
	Level   string // "notice", "warning" or "failure"
	Title   string
	Message string
}

// GitHub's limits on check run output.
const (
	maxTitle   = 255
	maxSummary = 65535
)

// FindCheckRun returns the latest check run named name on the commit sha,
// nil when there is none
// (GET /repos/{owner}/{repo}/commits/{ref}/check-runs?check_name=NAME).
func (c *Client) FindCheckRun(ctx context.Context, sha, name string) (*CheckRun, error) {
	if name == "" {
		return nil, errors.New("finding a check run: a name is needed")
	}
	if err := CheckSHA(sha); err != nil {
		return nil, fmt.Errorf("finding a check run: %w", err)
	}
	opts := &github.ListCheckRunsOptions{CheckName: &name, ListOptions: github.ListOptions{PerPage: 1}}
	res, _, err := c.gh.Checks.ListCheckRunsForRef(ctx, c.owner, c.repo, sha, opts)
	if err != nil {
		return nil, classify(err, fmt.Sprintf("listing the check runs of %s", short(sha)))
	}
	for _, r := range res.CheckRuns {
		if r.GetName() == name {
			return &CheckRun{
				ID: r.GetID(), Name: r.GetName(), HeadSHA: r.GetHeadSHA(), Conclusion: r.GetConclusion(),
				Title: r.GetOutput().GetTitle(), Summary: r.GetOutput().GetSummary(), Text: r.GetOutput().GetText(),
			}, nil
		}
	}
	return nil, nil
}

// CreateCheckRun creates a completed check run on cr.HeadSHA and returns
// its id (POST /repos/{owner}/{repo}/check-runs).
func (c *Client) CreateCheckRun(ctx context.Context, cr CheckRun) (int64, error) {
	if err := cr.check(); err != nil {
		return 0, err
	}
	now := github.Timestamp{Time: time.Now().UTC().Truncate(time.Second)}
	r, _, err := c.gh.Checks.CreateCheckRun(ctx, c.owner, c.repo, github.CreateCheckRunOptions{
		Name: cr.Name, HeadSHA: cr.HeadSHA, Status: github.String("completed"),
		Conclusion: &cr.Conclusion, CompletedAt: &now, Output: cr.output(),
	})
	if err != nil {
		return 0, classify(err, fmt.Sprintf("creating check run %q on %s", cr.Name, short(cr.HeadSHA)))
	}
	return r.GetID(), nil
}

// UpdateCheckRun replaces the conclusion and output of the check run
// cr.ID (PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}).
func (c *Client) UpdateCheckRun(ctx context.Context, cr CheckRun) error {
	if cr.ID == 0 {
		return errors.New("updating a check run: no id")
	}
	if err := cr.check(); err != nil {
		return err
	}
	now := github.Timestamp{Time: time.Now().UTC().Truncate(time.Second)}
	_, _, err := c.gh.Checks.UpdateCheckRun(ctx, c.owner, c.repo, cr.ID, github.UpdateCheckRunOptions{
		Name: cr.Name, Status: github.String("completed"),
		Conclusion: &cr.Conclusion, CompletedAt: &now, Output: cr.output(),
	})
	return classify(err, fmt.Sprintf("updating check run %d", cr.ID))
}

func (cr CheckRun) check() error {
	if cr.Name == "" || cr.HeadSHA == "" || cr.Conclusion == "" || cr.Title == "" {
		return fmt.Errorf("check run %q on %q: name, commit, conclusion and title are needed", cr.Name, cr.HeadSHA)
	}
	return nil
}

// output is the run's output within GitHub's size limits; at most 50
// annotations are sent, as GitHub takes no more per request.
func (cr CheckRun) output() *github.CheckRunOutput {
	summary := cr.Summary
	if summary == "" {
		summary = cr.Title
	}
	out := &github.CheckRunOutput{
		Title:   github.String(truncate(cr.Title, maxTitle)),
		Summary: github.String(truncate(summary, maxSummary)),
	}
	if cr.Text != "" {
		out.Text = github.String(truncate(cr.Text, maxSummary))
	}
	for i, a := range cr.Annotations {
		if i == 50 {
			break
		}
		line := max(a.Line, 1)
		level := a.Level
		if level == "" {
			level = "failure"
		}
		out.Annotations = append(out.Annotations, &github.CheckRunAnnotation{
			Path: github.String(a.Path), StartLine: &line, EndLine: &line,
			AnnotationLevel: &level, Message: github.String(truncate(a.Message, 64*1024)),
			Title: nonEmpty(truncate(a.Title, maxTitle)),
		})
	}
	return out
}

// truncate shortens s to at most n bytes, on a rune boundary, marking the
// cut with an ellipsis.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
