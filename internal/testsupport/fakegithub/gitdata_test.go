package fakegithub

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"
	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

func TestRefsLifecycle(t *testing.T) {
	s, r, main1 := seeded(t, Options{})
	gh := client(t, s, "")
	main2 := r.Push("main", CommitSpec{Message: "feat: more", Files: map[string]string{"a.txt": "a\n"}})

	ref, _, err := gh.Git.CreateRef(ctx, "acme", "widget", &github.Reference{Ref: github.String("refs/heads/releasebot/main"), Object: &github.GitObject{SHA: github.String(main1)}})
	if err != nil {
		t.Fatal(err)
	}
	if ref.GetRef() != "refs/heads/releasebot/main" || ref.GetObject().GetSHA() != main1 || ref.GetObject().GetType() != "commit" {
		t.Errorf("created ref = %+v", ref)
	}
	_, _, err = gh.Git.CreateRef(ctx, "acme", "widget", &github.Reference{Ref: github.String("refs/heads/releasebot/main"), Object: &github.GitObject{SHA: github.String(main1)}})
	if statusOf(err) != 422 || !strings.Contains(err.Error(), "Reference already exists") {
		t.Errorf("second create: %v, want 422 Reference already exists", err)
	}

	got, _, err := gh.Git.GetRef(ctx, "acme", "widget", "heads/releasebot/main")
	if err != nil || got.GetObject().GetSHA() != main1 {
		t.Fatalf("get ref = %v, %v", got, err)
	}
	// Fast-forward, then a non-fast-forward without and with force.
	if _, _, err := gh.Git.UpdateRef(ctx, "acme", "widget", &github.Reference{Ref: github.String("refs/heads/releasebot/main"), Object: &github.GitObject{SHA: github.String(main2)}}, false); err != nil {
		t.Fatalf("fast-forward: %v", err)
	}
	_, _, err = gh.Git.UpdateRef(ctx, "acme", "widget", &github.Reference{Ref: github.String("heads/releasebot/main"), Object: &github.GitObject{SHA: github.String(main1)}}, false)
	if statusOf(err) != 422 || !strings.Contains(err.Error(), "Update is not a fast forward") {
		t.Errorf("rewind without force: %v, want 422 not a fast forward", err)
	}
	if _, _, err := gh.Git.UpdateRef(ctx, "acme", "widget", &github.Reference{Ref: github.String("heads/releasebot/main"), Object: &github.GitObject{SHA: github.String(main1)}}, true); err != nil {
		t.Errorf("rewind with force: %v", err)
	}
	if sha, _ := r.Ref("heads/releasebot/main"); sha != main1 {
		t.Errorf("ref after force = %s, want %s", sha, main1)
	}

	refs, _, err := gh.Git.ListMatchingRefs(ctx, "acme", "widget", &github.ReferenceListOptions{Ref: "heads/"})
	if err != nil || len(refs) != 2 || refs[0].GetRef() != "refs/heads/main" || refs[1].GetRef() != "refs/heads/releasebot/main" {
		t.Errorf("matching refs = %v, %v", refs, err)
	}

	if _, err := gh.Git.DeleteRef(ctx, "acme", "widget", "heads/releasebot/main"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := gh.Git.GetRef(ctx, "acme", "widget", "heads/releasebot/main"); statusOf(err) != 404 {
		t.Errorf("get deleted ref: %v, want 404", err)
	}
	if _, err := gh.Git.DeleteRef(ctx, "acme", "widget", "heads/releasebot/main"); statusOf(err) != 422 {
		t.Errorf("delete deleted ref: %v, want 422", err)
	}
}

func TestGitDataRoundTripIsVisibleToGitClone(t *testing.T) {
	s, r, base := seeded(t, Options{})
	gh := client(t, s, "")

	blob, _, err := gh.Git.CreateBlob(ctx, "acme", "widget", &github.Blob{Content: github.String("IyEvYmluL3NoCmVjaG8gaGkK"), Encoding: github.String("base64")})
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := gh.Git.GetBlob(ctx, "acme", "widget", blob.GetSHA())
	if err != nil || got.GetEncoding() != "base64" || got.GetSize() != 18 {
		t.Fatalf("get blob = %+v, %v", got, err)
	}
	baseCommit, _, err := gh.Git.GetCommit(ctx, "acme", "widget", base)
	if err != nil {
		t.Fatal(err)
	}
	tree, _, err := gh.Git.CreateTree(ctx, "acme", "widget", baseCommit.GetTree().GetSHA(), []*github.TreeEntry{
		{Path: github.String("docs/CHANGELOG.md"), Mode: github.String("100644"), Type: github.String("blob"), Content: github.String("# Changelog\n")},
		{Path: github.String("bin/run"), Mode: github.String("100755"), Type: github.String("blob"), SHA: blob.SHA},
		{Path: github.String("link"), Mode: github.String("120000"), Type: github.String("blob"), Content: github.String("README.md")},
		{Path: github.String("go.mod"), Mode: github.String("100644"), Type: github.String("blob")}, // SHA nil: delete
	})
	if err != nil {
		t.Fatal(err)
	}
	commit, _, err := gh.Git.CreateCommit(ctx, "acme", "widget", &github.Commit{
		Message: github.String("chore: release 1.0.0"),
		Tree:    &github.Tree{SHA: tree.SHA},
		Parents: []*github.Commit{{SHA: github.String(base)}},
		Author:  &github.CommitAuthor{Name: github.String("releasebot"), Email: github.String("bot@example.com")},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if commit.GetAuthor().GetName() != "releasebot" || len(commit.Parents) != 1 || commit.GetMessage() != "chore: release 1.0.0" {
		t.Errorf("commit = %+v", commit)
	}
	if _, _, err := gh.Git.UpdateRef(ctx, "acme", "widget", &github.Reference{Ref: github.String("heads/main"), Object: &github.GitObject{SHA: commit.SHA}}, false); err != nil {
		t.Fatal(err)
	}
	tag, _, err := gh.Git.CreateTag(ctx, "acme", "widget", &github.Tag{
		Tag: github.String("v1.0.0"), Message: github.String("v1.0.0\n"), Object: &github.GitObject{SHA: commit.SHA, Type: github.String("commit")},
		Tagger: &github.CommitAuthor{Name: github.String("releasebot"), Email: github.String("bot@example.com")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := gh.Git.CreateRef(ctx, "acme", "widget", &github.Reference{Ref: github.String("refs/tags/v1.0.0"), Object: &github.GitObject{SHA: tag.SHA}}); err != nil {
		t.Fatal(err)
	}
	if gotTag, _, err := gh.Git.GetTag(ctx, "acme", "widget", tag.GetSHA()); err != nil || gotTag.GetObject().GetSHA() != commit.GetSHA() {
		t.Errorf("get tag = %+v, %v", gotTag, err)
	}

	dir := clone(t, r)
	if got := gitfixture.Git(t, dir, "log", "-1", "--format=%an <%ae>|%s|%P"); got != "releasebot <bot@example.com>|chore: release 1.0.0|"+base {
		t.Errorf("git log = %q", got)
	}
	if got := gitfixture.Git(t, dir, "cat-file", "-t", "v1.0.0"); got != "tag" {
		t.Errorf("v1.0.0 is a %s, want an annotated tag", got)
	}
	if got := gitfixture.Git(t, dir, "describe", "--tags"); got != "v1.0.0" {
		t.Errorf("describe = %s", got)
	}
	if got := gitfixture.Git(t, dir, "ls-tree", "-r", "--format=%(objectmode) %(path)", "HEAD"); got != "100644 README.md\n100755 bin/run\n100644 docs/CHANGELOG.md\n120000 link" {
		t.Errorf("tree =\n%s", got)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "bin", "run")); string(data) != "#!/bin/sh\necho hi\n" {
		t.Errorf("bin/run = %q", data)
	}
	if content, ok := r.File("v1.0.0", "docs/CHANGELOG.md"); !ok || content != "# Changelog\n" {
		t.Errorf("File = %q, %v", content, ok)
	}

	// A push with the git CLI is visible through the API.
	os.WriteFile(filepath.Join(dir, "new.txt"), []byte("new\n"), 0o644)
	gitfixture.Git(t, dir, "add", "new.txt")
	gitfixture.Git(t, dir, "commit", "-q", "-m", "fix: pushed by CLI")
	gitfixture.Git(t, dir, "push", "-q", "origin", "HEAD:main")
	head := gitfixture.Git(t, dir, "rev-parse", "HEAD")
	if ref, _, err := gh.Git.GetRef(ctx, "acme", "widget", "heads/main"); err != nil || ref.GetObject().GetSHA() != head {
		t.Errorf("main after CLI push = %v, %v, want %s", ref, err, head)
	}
	if c, _, err := gh.Repositories.GetCommit(ctx, "acme", "widget", head, nil); err != nil || c.GetCommit().GetMessage() != "fix: pushed by CLI" || len(c.Files) != 1 || c.Files[0].GetFilename() != "new.txt" || c.Files[0].GetAdditions() != 1 {
		t.Errorf("commit after CLI push = %v, %v", c, err)
	}
}

func TestTreeRecursiveAndDirectoryReplacement(t *testing.T) {
	s, r, base := seeded(t, Options{})
	gh := client(t, s, "")
	r.Push("main", CommitSpec{Message: "add dir", Files: map[string]string{"pkg/a.go": "package pkg\n", "pkg/sub/b.go": "package sub\n"}})
	full, _, err := gh.Git.GetTree(ctx, "acme", "widget", "main", true)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range full.Entries {
		paths = append(paths, e.GetType()+":"+e.GetPath())
	}
	if got := strings.Join(paths, " "); got != "blob:README.md blob:go.mod tree:pkg blob:pkg/a.go tree:pkg/sub blob:pkg/sub/b.go" {
		t.Errorf("recursive tree = %s", got)
	}
	// Replace pkg with the tree of the first commit's root (README.md, go.mod).
	baseCommit, _, _ := gh.Git.GetCommit(ctx, "acme", "widget", base)
	tree, _, err := gh.Git.CreateTree(ctx, "acme", "widget", full.GetSHA(), []*github.TreeEntry{
		{Path: github.String("pkg"), Mode: github.String("040000"), Type: github.String("tree"), SHA: baseCommit.Tree.SHA},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range tree.Entries {
		if e.GetPath() == "pkg" && e.GetSHA() != baseCommit.GetTree().GetSHA() {
			t.Errorf("pkg = %s, want %s", e.GetSHA(), baseCommit.GetTree().GetSHA())
		}
	}
}
