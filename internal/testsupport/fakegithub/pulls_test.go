package fakegithub

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"
)

func TestPullRequestLifecycle(t *testing.T) {
	s, r, _ := seeded(t, Options{})
	gh := client(t, s, "")
	r.Push("releasebot/main", CommitSpec{Message: "chore(main): release 1.1.0", Files: map[string]string{"CHANGELOG.md": "# 1.1.0\n"}})

	pr, _, err := gh.PullRequests.Create(ctx, "acme", "widget", &github.NewPullRequest{
		Title: github.String("chore(main): release 1.1.0"), Head: github.String("releasebot/main"), Base: github.String("main"),
		Body: github.String(":robot: release"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if pr.GetNumber() != 1 || pr.GetState() != "open" || pr.GetMerged() || !pr.GetMergeable() || pr.GetCommits() != 1 || pr.GetChangedFiles() != 1 || pr.GetUser().GetLogin() != tokenActor {
		t.Errorf("created PR = %+v", pr)
	}
	_, _, err = gh.PullRequests.Create(ctx, "acme", "widget", &github.NewPullRequest{Title: github.String("again"), Head: github.String("acme:releasebot/main"), Base: github.String("main")})
	if statusOf(err) != 422 || !strings.Contains(err.Error(), "A pull request already exists for acme:releasebot/main.") {
		t.Errorf("duplicate PR: %v", err)
	}
	_, _, err = gh.PullRequests.Create(ctx, "acme", "widget", &github.NewPullRequest{Title: github.String("same"), Head: github.String("main"), Base: github.String("main")})
	if statusOf(err) != 422 {
		t.Errorf("head == base: %v, want 422", err)
	}
	r.Push("empty")
	_, _, err = gh.PullRequests.Create(ctx, "acme", "widget", &github.NewPullRequest{Title: github.String("nothing"), Head: github.String("empty"), Base: github.String("main")})
	if statusOf(err) != 422 || !strings.Contains(err.Error(), "No commits between main and empty") {
		t.Errorf("no commits: %v", err)
	}

	// Labels: the bare-array form go-github sends, and the documented object.
	labels, _, err := gh.Issues.AddLabelsToIssue(ctx, "acme", "widget", 1, []string{"autorelease: pending"})
	if err != nil || len(labels) != 1 || labels[0].GetName() != "autorelease: pending" {
		t.Fatalf("add labels = %v, %v", labels, err)
	}
	r.AddLabel(1, "release")
	open, _, err := gh.PullRequests.List(ctx, "acme", "widget", &github.PullRequestListOptions{State: "open", Head: "acme:releasebot/main", Base: "main"})
	if err != nil || len(open) != 1 || len(open[0].Labels) != 2 {
		t.Fatalf("list open = %v, %v", open, err)
	}
	if _, err := gh.Issues.RemoveLabelForIssue(ctx, "acme", "widget", 1, "release"); err != nil {
		t.Fatal(err)
	}
	if _, err := gh.Issues.RemoveLabelForIssue(ctx, "acme", "widget", 1, "release"); statusOf(err) != 404 {
		t.Errorf("removing an absent label: %v, want 404", err)
	}
	if _, _, err := gh.Issues.ReplaceLabelsForIssue(ctx, "acme", "widget", 1, []string{"a", "b"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := gh.Issues.ReplaceLabelsForIssue(ctx, "acme", "widget", 1, []string{}); err != nil {
		t.Fatalf("clearing labels: %v", err)
	}
	r.AddLabel(1, "autorelease: pending")
	repoLabels, _, err := gh.Issues.ListLabels(ctx, "acme", "widget", nil)
	if err != nil || len(repoLabels) != 4 {
		t.Errorf("repo labels = %v, %v", repoLabels, err)
	}
	if _, _, err := gh.Issues.CreateLabel(ctx, "acme", "widget", &github.Label{Name: github.String("release")}); statusOf(err) != 422 {
		t.Errorf("creating an existing label: %v, want 422", err)
	}

	// Comments.
	c1, _, err := gh.Issues.CreateComment(ctx, "acme", "widget", 1, &github.IssueComment{Body: github.String("first")})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := gh.Issues.EditComment(ctx, "acme", "widget", c1.GetID(), &github.IssueComment{Body: github.String("edited")}); err != nil {
		t.Fatal(err)
	}
	gh.Issues.CreateComment(ctx, "acme", "widget", 1, &github.IssueComment{Body: github.String("second")})
	comments, _, err := gh.Issues.ListComments(ctx, "acme", "widget", 1, nil)
	if err != nil || len(comments) != 2 || comments[0].GetBody() != "edited" || comments[0].GetID() != c1.GetID() {
		t.Errorf("comments = %v, %v", comments, err)
	}
	if got := r.Comments(1); strings.Join(got, ",") != "edited,second" {
		t.Errorf("Comments = %q", got)
	}

	// The head follows its branch.
	tip := r.Push("releasebot/main", CommitSpec{Message: "chore: refresh", Files: map[string]string{"CHANGELOG.md": "# 1.1.0\n\n* more\n"}})
	pr, _, err = gh.PullRequests.Get(ctx, "acme", "widget", 1)
	if err != nil || pr.GetHead().GetSHA() != tip || pr.GetCommits() != 2 {
		t.Errorf("head after push = %s (%d commits), want %s", pr.GetHead().GetSHA(), pr.GetCommits(), tip)
	}
	commits, _, err := gh.PullRequests.ListCommits(ctx, "acme", "widget", 1, nil)
	if err != nil || len(commits) != 2 || commits[1].GetSHA() != tip {
		t.Errorf("PR commits = %v, %v", commits, err)
	}
	withCommit, _, err := gh.PullRequests.ListPullRequestsWithCommit(ctx, "acme", "widget", tip, nil)
	if err != nil || len(withCommit) != 1 || withCommit[0].GetNumber() != 1 {
		t.Errorf("PRs with head commit = %v, %v", withCommit, err)
	}

	// Edit, close, reopen.
	pr, _, err = gh.PullRequests.Edit(ctx, "acme", "widget", 1, &github.PullRequest{Title: github.String("chore(main): release 1.2.0"), Body: github.String("new body")})
	if err != nil || pr.GetTitle() != "chore(main): release 1.2.0" || pr.GetBody() != "new body" {
		t.Errorf("edit = %v, %v", pr, err)
	}
	if pr, _, err = gh.PullRequests.Edit(ctx, "acme", "widget", 1, &github.PullRequest{State: github.String("closed")}); err != nil || pr.GetState() != "closed" || pr.ClosedAt == nil {
		t.Errorf("close = %v, %v", pr, err)
	}
	closed, _, _ := gh.PullRequests.List(ctx, "acme", "widget", &github.PullRequestListOptions{State: "closed"})
	if len(closed) != 1 {
		t.Errorf("closed PRs = %d", len(closed))
	}
	if pr, _, err = gh.PullRequests.Edit(ctx, "acme", "widget", 1, &github.PullRequest{State: github.String("open")}); err != nil || pr.GetState() != "open" {
		t.Errorf("reopen = %v, %v", pr, err)
	}
	prs := r.PRs()
	if len(prs) != 1 || prs[0].Title != "chore(main): release 1.2.0" || prs[0].HeadSHA != tip || strings.Join(prs[0].Labels, ",") != "autorelease: pending" {
		t.Errorf("PRs = %+v", prs)
	}
	if len(s.Violations()) != 0 {
		t.Errorf("violations: %v", s.Violations())
	}
}

func TestListPullsPaginates(t *testing.T) {
	s, r, _ := seeded(t, Options{})
	gh := client(t, s, "")
	for _, b := range []string{"a", "b", "c", "d", "e"} {
		r.Push(b, CommitSpec{Message: "feat: " + b, Files: map[string]string{b: b}})
		r.OpenPR(b, "main", "feat: "+b, "")
	}
	var numbers []int
	opts := &github.PullRequestListOptions{ListOptions: github.ListOptions{PerPage: 2}}
	for {
		page, resp, err := gh.PullRequests.List(ctx, "acme", "widget", opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range page {
			numbers = append(numbers, p.GetNumber())
		}
		if resp.NextPage == 0 {
			if resp.LastPage != 0 {
				t.Errorf("last page has rel=last %d", resp.LastPage)
			}
			break
		}
		if resp.LastPage != 3 {
			t.Errorf("rel=last = %d, want 3", resp.LastPage)
		}
		opts.Page = resp.NextPage
	}
	if fmt.Sprint(numbers) != "[5 4 3 2 1]" {
		t.Errorf("numbers = %v, want newest first", numbers)
	}
}
