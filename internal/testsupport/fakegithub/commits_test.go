package fakegithub

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"
)

func TestCompareStatusesAndPagination(t *testing.T) {
	s, r, base := seeded(t, Options{})
	gh := client(t, s, "")
	var want []string
	for i := range 5 {
		want = append(want, r.Push("feature", CommitSpec{Message: fmt.Sprintf("feat: %d", i), Files: map[string]string{"f.txt": fmt.Sprint(i)}}))
	}
	cmp, _, err := gh.Repositories.CompareCommits(ctx, "acme", "widget", "main", "feature", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cmp.GetStatus() != "ahead" || cmp.GetAheadBy() != 5 || cmp.GetBehindBy() != 0 || cmp.GetTotalCommits() != 5 || cmp.GetMergeBaseCommit().GetSHA() != base || len(cmp.Files) != 1 {
		t.Errorf("compare = status %s ahead %d behind %d total %d base %s files %d", cmp.GetStatus(), cmp.GetAheadBy(), cmp.GetBehindBy(), cmp.GetTotalCommits(), cmp.GetMergeBaseCommit().GetSHA(), len(cmp.Files))
	}

	var got []string
	opts := &github.ListOptions{PerPage: 2}
	for {
		page, resp, err := gh.Repositories.CompareCommits(ctx, "acme", "widget", "main", "acme:feature", opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page.Commits {
			got = append(got, c.GetSHA())
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("paginated commits (oldest first) =\n%v\nwant\n%v", got, want)
	}

	if cmp, _, _ := gh.Repositories.CompareCommits(ctx, "acme", "widget", "feature", "main", nil); cmp.GetStatus() != "behind" || cmp.GetBehindBy() != 5 {
		t.Errorf("reverse compare = %s behind %d", cmp.GetStatus(), cmp.GetBehindBy())
	}
	r.Push("main", CommitSpec{Message: "fix: on main", Files: map[string]string{"m.txt": "m"}})
	if cmp, _, _ := gh.Repositories.CompareCommits(ctx, "acme", "widget", "main", "feature", nil); cmp.GetStatus() != "diverged" || cmp.GetAheadBy() != 5 || cmp.GetBehindBy() != 1 {
		t.Errorf("diverged compare = %s ahead %d behind %d", cmp.GetStatus(), cmp.GetAheadBy(), cmp.GetBehindBy())
	}
	if cmp, _, _ := gh.Repositories.CompareCommits(ctx, "acme", "widget", "main", "main", nil); cmp.GetStatus() != "identical" || len(cmp.Commits) != 0 {
		t.Errorf("identical compare = %s", cmp.GetStatus())
	}
	if _, _, err := gh.Repositories.CompareCommits(ctx, "acme", "widget", "main", "nope", nil); statusOf(err) != 404 {
		t.Errorf("unknown head: %v, want 404", err)
	}
}

func TestListCommitsAndTags(t *testing.T) {
	s, r, first := seeded(t, Options{})
	gh := client(t, s, "")
	second := r.Push("main", CommitSpec{Message: "feat: pkg", Files: map[string]string{"pkg/a.go": "package pkg\n"}, Author: "Octo <octocat@users.noreply.github.com>"})
	third := r.Push("main", CommitSpec{Message: "docs: readme", Files: map[string]string{"README.md": "# Widget\n"}})
	r.Tag("v1.0.0", first, false)
	r.Tag("v1.10.0", third, true)
	r.Tag("v1.9.0", second, false)

	commits, _, err := gh.Repositories.ListCommits(ctx, "acme", "widget", &github.CommitsListOptions{SHA: "main"})
	if err != nil || len(commits) != 3 || commits[0].GetSHA() != third || commits[2].GetSHA() != first {
		t.Fatalf("commits = %v, %v", commits, err)
	}
	if commits[1].GetAuthor().GetLogin() != "octocat" || commits[2].Author != nil && commits[2].GetAuthor().GetLogin() == "" {
		t.Errorf("authors = %v, %v", commits[1].GetAuthor(), commits[2].GetAuthor())
	}
	inPkg, _, err := gh.Repositories.ListCommits(ctx, "acme", "widget", &github.CommitsListOptions{Path: "pkg"})
	if err != nil || len(inPkg) != 1 || inPkg[0].GetSHA() != second {
		t.Errorf("commits touching pkg = %v, %v", inPkg, err)
	}
	page, resp, err := gh.Repositories.ListCommits(ctx, "acme", "widget", &github.CommitsListOptions{ListOptions: github.ListOptions{PerPage: 1, Page: 2}})
	if err != nil || len(page) != 1 || page[0].GetSHA() != second || resp.NextPage != 3 || resp.PrevPage != 1 || resp.LastPage != 3 || resp.FirstPage != 1 {
		t.Errorf("page 2 = %v, next %d prev %d, %v", page, resp.NextPage, resp.PrevPage, err)
	}

	tags, _, err := gh.Repositories.ListTags(ctx, "acme", "widget", nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tag := range tags {
		names = append(names, tag.GetName()+"="+tag.GetCommit().GetSHA()[:7])
	}
	if got := strings.Join(names, " "); got != fmt.Sprintf("v1.10.0=%s v1.9.0=%s v1.0.0=%s", third[:7], second[:7], first[:7]) {
		t.Errorf("tags = %s", got)
	}
	if got := r.Tags(); got["v1.10.0"] != third || len(got) != 3 {
		t.Errorf("Tags() = %v", got)
	}
	if sha, _ := r.Ref("tags/v1.10.0"); sha == third {
		t.Error("Ref of an annotated tag should be the tag object")
	}

	one, _, err := gh.Repositories.GetCommit(ctx, "acme", "widget", "v1.9.0", nil)
	if err != nil || one.GetSHA() != second || one.GetStats().GetAdditions() != 1 || one.Files[0].GetStatus() != "added" {
		t.Errorf("get commit by tag = %v, %v", one, err)
	}
	if _, _, err := gh.Repositories.GetCommit(ctx, "acme", "widget", "nope", nil); statusOf(err) != 422 {
		t.Errorf("unknown commit: %v, want 422", err)
	}
}

func TestContents(t *testing.T) {
	s, r, first := seeded(t, Options{})
	gh := client(t, s, "")
	r.Push("main", CommitSpec{Message: "docs", Files: map[string]string{"docs/CHANGELOG.md": "# Changelog\n", "README.md": "# v2\n"}})

	file, dir, _, err := gh.Repositories.GetContents(ctx, "acme", "widget", "docs/CHANGELOG.md", nil)
	if err != nil || dir != nil {
		t.Fatal(err)
	}
	content, err := file.GetContent()
	if err != nil || content != "# Changelog\n" || file.GetType() != "file" || file.GetPath() != "docs/CHANGELOG.md" || file.GetSize() != 12 {
		t.Errorf("file = %+v %q, %v", file, content, err)
	}
	old, _, _, err := gh.Repositories.GetContents(ctx, "acme", "widget", "README.md", &github.RepositoryContentGetOptions{Ref: first})
	if content, _ := old.GetContent(); err != nil || content != "# widget\n" {
		t.Errorf("README at first commit = %q, %v", content, err)
	}
	_, listing, _, err := gh.Repositories.GetContents(ctx, "acme", "widget", "docs", nil)
	if err != nil || len(listing) != 1 || listing[0].GetName() != "CHANGELOG.md" {
		t.Errorf("directory = %v, %v", listing, err)
	}
	_, root, _, err := gh.Repositories.GetContents(ctx, "acme", "widget", "", nil)
	if err != nil || len(root) != 3 || root[1].GetType() != "dir" {
		t.Errorf("root = %v, %v", root, err)
	}
	if _, _, _, err := gh.Repositories.GetContents(ctx, "acme", "widget", "missing.txt", nil); statusOf(err) != 404 {
		t.Errorf("missing file: %v, want 404", err)
	}
}
