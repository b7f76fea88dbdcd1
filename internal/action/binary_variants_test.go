package action

import (
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/binary"
	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

// openRelease is acme/rocket at v1.0.0 plus feat: alpha, with the release
// pull request for 1.1.0 opened by the built binary.
func openRelease(t *testing.T, bin string) *workflow {
	srv := fakegithub.New(t, fakegithub.Options{Token: secret})
	repo := srv.CreateRepo("acme", "rocket", "main")
	w := &workflow{t: t, bin: bin, srv: srv, repo: repo}
	root := repo.Push("main", fakegithub.CommitSpec{Message: "chore: start", Files: map[string]string{"README.md": "rocket\n"}})
	repo.Tag("v1.0.0", root, true)
	before := w.tip("main")
	w.merge("alpha", "feat: alpha", "", "alpha.go")
	w.push("main", before)
	return w
}

// pushBranch pushes files to releasebot/main as a maintainer and runs the
// workflow on that push.
func (w *workflow) pushBranch(files map[string]string) {
	before := w.tip("releasebot/main")
	w.repo.Push("releasebot/main", fakegithub.CommitSpec{Message: "docs: edit", Author: "Maintainer <m@example.com>", Files: files})
	w.push("releasebot/main", before)
}

func (w *workflow) dispatch() binaryStep {
	return w.run("workflow_dispatch", "refs/heads/main", "main", func(p map[string]any) { p["ref"] = "refs/heads/main" })
}

func TestBinaryReleasePRVariants(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := binary.Build(t)
	for _, pin := range []struct{ content, title, why string }{
		{"3.0.0", "3.0.0", ""},
		{"v3.0.0\n", "3.0.0", ""},
		{"1.0.0\n", "1.1.0", "1.0.0"},
		{"1.1.0-rc.1\n", "1.1.0-rc.1", ""},
		{"\n", "1.1.0", ""},
	} {
		t.Run("VERSION "+strings.TrimSpace(pin.content), func(t *testing.T) {
			w := openRelease(t, bin)
			w.pushBranch(map[string]string{"VERSION": pin.content})
			w.dispatch()
			pr := w.releasePR()
			t.Logf("title %q VERSION %q body:\n%s", pr.Title, w.file("releasebot/main", "VERSION"), pr.Body)
			if !strings.Contains(pr.Title, "release "+pin.title) {
				t.Errorf("VERSION %q: title %q", pin.content, pr.Title)
			}
			if pin.why != "" && !strings.Contains(pr.Body, pin.why) {
				t.Errorf("VERSION %q: the body does not say why it is not used:\n%s", pin.content, pr.Body)
			}
			w.idle("after the pin")
		})
	}
	t.Run("remove and add prose", func(t *testing.T) {
		w := openRelease(t, bin)
		before := w.tip("main")
		w.merge("beta", "fix: beta", "", "beta.go")
		w.push("main", before)
		cl := w.file("releasebot/main", "CHANGELOG.md")
		var kept []string
		for _, l := range strings.Split(cl, "\n") {
			if !strings.HasPrefix(l, "- beta") {
				kept = append(kept, l)
			}
			if strings.HasPrefix(l, "## [1.1.0]") {
				kept = append(kept, "", "A word from the maintainers.")
			}
		}
		w.pushBranch(map[string]string{"CHANGELOG.md": strings.Join(kept, "\n")})
		before = w.tip("main")
		w.merge("gamma", "fix: gamma", "", "gamma.go")
		w.push("main", before)
		cl = w.file("releasebot/main", "CHANGELOG.md")
		if strings.Contains(cl, "- beta") || !strings.Contains(cl, "A word from the maintainers.") || !strings.Contains(cl, "- gamma") {
			t.Errorf("CHANGELOG.md on the branch:\n%s", cl)
		}
		pr := w.releasePR()
		before = w.tip("main")
		w.repo.MergePR(pr.Number, "squash")
		w.push("main", before)
		rels := w.repo.Releases()
		if len(rels) != 1 || strings.Contains(rels[0].Body, "- beta") || !strings.Contains(rels[0].Body, "A word from the maintainers.") || !strings.Contains(rels[0].Body, "- gamma") {
			t.Errorf("releases %+v", rels)
		}
	})
	for _, method := range []string{"merge", "rebase"} {
		t.Run("override merged by "+method, func(t *testing.T) {
			w := openRelease(t, bin)
			before := w.tip("main")
			w.repo.Push("tidy", fakegithub.CommitSpec{Message: "Tidy up internals", Files: map[string]string{"tidy.go": "package rocket\n"}})
			n := w.repo.OpenPR("tidy", "main", "Tidy up internals", "BEGIN_COMMIT_OVERRIDE\nfeat: overridden\nEND_COMMIT_OVERRIDE")
			w.repo.MergePR(n, method)
			w.push("main", before)
			pr := w.releasePR()
			if !strings.Contains(pr.Body, "overridden") || strings.Contains(pr.Body, "Tidy up") {
				t.Errorf("body after an override merged by %s:\n%s", method, pr.Body)
			}
		})
	}
}
