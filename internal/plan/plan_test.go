package plan

import (
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/semver"
)

// files is an in-memory repository tree.
type files map[string]string

func (f files) read(path string) ([]byte, error) {
	s, ok := f[path]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
	return []byte(s), nil
}

func input(t *testing.T, yml string, tree files, msgs ...string) Input {
	t.Helper()
	cfg, err := config.Parse("releasebot.yml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	v := semver.MustParse("1.2.3")
	var commits []release.Commit
	for i, m := range msgs {
		commits = append(commits, release.Commit{Hash: strings.Repeat(string(rune('a'+i)), 40), Message: m})
	}
	return Input{
		Config: cfg,
		State: State{
			History: release.History{Current: &v, Stable: &v, SinceStable: commits, SinceCurrent: commits,
				Tagged: []semver.Version{v}},
			CurrentTag: "v1.2.3", StableTag: "v1.2.3",
		},
		Remote: release.Remote{BaseURL: "https://github.com/acme/rocket"},
		Date:   time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC),
		Read:   tree.read,
	}
}

func TestPrepareRewritesEveryDeclaredFile(t *testing.T) {
	tree := files{
		"VERSION":      "1.2.3\n",
		"package.json": "{\n  \"version\": \"1.2.3\"\n}\n",
		"CHANGELOG.md": "# Changelog\n\n## [1.2.3] - 2026-01-01\n\n- old\n\n[1.2.3]: https://github.com/acme/rocket/releases/tag/v1.2.3\n",
	}
	in := input(t, "version-files: [package.json]\n", tree, "feat(api): add x (#4)", "docs: y")
	res, err := prepareComponent(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Tag != "v1.3.0" || res.PrevTag != "v1.2.3" || !res.Plan.Releasable {
		t.Fatalf("tag %s prev %s releasable %v", res.Tag, res.PrevTag, res.Plan.Releasable)
	}
	got := map[string]string{}
	var order []string
	for _, fc := range res.Files {
		got[fc.Path] = string(fc.New)
		order = append(order, fc.Path)
	}
	if strings.Join(order, " ") != "VERSION package.json CHANGELOG.md" {
		t.Errorf("files in order %v", order)
	}
	if got["VERSION"] != "1.3.0\n" || got["package.json"] != "{\n  \"version\": \"1.3.0\"\n}\n" {
		t.Errorf("VERSION %q package.json %q", got["VERSION"], got["package.json"])
	}
	cl := got["CHANGELOG.md"]
	for _, want := range []string{"## [1.3.0] - 2026-11-21\n\n### Added\n\n- **api:** add x ([#4](https://github.com/acme/rocket/pull/4)",
		"[1.3.0]: https://github.com/acme/rocket/compare/v1.2.3...v1.3.0"} {
		if !strings.Contains(cl, want) {
			t.Errorf("CHANGELOG.md lacks %q:\n%s", want, cl)
		}
	}
	// Applying the changes and preparing again must change nothing.
	for _, fc := range res.Files {
		tree[fc.Path] = string(fc.New)
	}
	again, err := prepareComponent(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Files) != 0 {
		t.Errorf("second prepare still changes %d files", len(again.Files))
	}
}

func TestPrepareCreatesMissingVersionAndChangelog(t *testing.T) {
	res, err := prepareComponent(input(t, "", files{}, "fix: a"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 2 || !res.Files[0].Created || !res.Files[1].Created || !strings.HasPrefix(string(res.Files[1].New), "# Changelog") {
		t.Errorf("files = %+v", res.Files)
	}
}

func TestPrepareNothingToRelease(t *testing.T) {
	res, err := prepareComponent(input(t, "", files{}, "docs: a", "chore: b"))
	if err != nil || res.Plan.Releasable || len(res.Files) != 0 || res.Tag != "" {
		t.Errorf("err %v releasable %v files %d tag %q", err, res.Plan.Releasable, len(res.Files), res.Tag)
	}
}

func TestPrepareNamesAMissingVersionFile(t *testing.T) {
	_, err := prepareComponent(input(t, "version-files: [web/package.json]\n", files{}, "fix: a"))
	if err == nil || !strings.Contains(err.Error(), "web/package.json") {
		t.Errorf("err = %v", err)
	}
}

func TestPrepareDisabledFiles(t *testing.T) {
	res, err := prepareComponent(input(t, "version-file: \"\"\nchangelog:\n  path: \"\"\n", files{}, "fix: a"))
	if err != nil || len(res.Files) != 0 || !res.Plan.Releasable {
		t.Errorf("err %v files %+v", err, res.Files)
	}
}

func TestPreparePrereleaseComparesWithTheLastCandidate(t *testing.T) {
	in := input(t, "prerelease: rc\n", files{}, "fix: a")
	rc := semver.MustParse("1.3.0-rc.1")
	in.State.Current, in.State.CurrentTag = &rc, "v1.3.0-rc.1"
	in.State.Tagged = append(in.State.Tagged, rc)
	res, err := prepareComponent(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Tag != "v1.3.0-rc.2" || res.PrevTag != "v1.3.0-rc.1" {
		t.Errorf("tag %s prev %s", res.Tag, res.PrevTag)
	}
}

func TestPrepareConventionalFormatHasNoLinkReferences(t *testing.T) {
	res, err := prepareComponent(input(t, "changelog:\n  format: conventional\n", files{}, "feat: a"))
	if err != nil {
		t.Fatal(err)
	}
	cl := string(res.Files[len(res.Files)-1].New)
	if !strings.Contains(cl, "## [1.3.0](https://github.com/acme/rocket/compare/v1.2.3...v1.3.0) (2026-11-21)") || strings.Contains(cl, "[1.3.0]: ") {
		t.Errorf("CHANGELOG.md:\n%s", cl)
	}
}

func TestPrepareTakesLinksFromTheChangelogWithoutRemote(t *testing.T) {
	tree := files{"CHANGELOG.md": "# Changelog\n\n## [Unreleased]\n\n## [1.2.3] - 2024-01-01\n\n- first\n\n[Unreleased]: https://github.com/a/b/compare/v1.2.3...HEAD\n[1.2.3]: https://github.com/a/b/releases/tag/v1.2.3\n"}
	in := input(t, "", tree, "fix: y")
	in.Remote = release.Remote{}
	res, err := prepareComponent(in)
	if err != nil {
		t.Fatal(err)
	}
	cl := string(res.Files[len(res.Files)-1].New)
	for _, want := range []string{"[1.2.4]: https://github.com/a/b/compare/v1.2.3...v1.2.4", "https://github.com/a/b/compare/v1.2.4...HEAD"} {
		if !strings.Contains(cl, want) {
			t.Errorf("CHANGELOG.md lacks %q:\n%s", want, cl)
		}
	}
}

func TestPrepareHidesAScopedType(t *testing.T) {
	res, err := prepareComponent(input(t, "changelog:\n  sections:\n    feat(internal): \"\"\n    fix(security): \"\"\n", files{}, "feat(internal): secret", "fix(security): quiet", "feat: public"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(res.Body, "secret") || strings.Contains(res.Body, "quiet") || !strings.Contains(res.Body, "public") {
		t.Errorf("body:\n%s", res.Body)
	}
}

func TestPrepareWrittenSectionFoldsUnreleased(t *testing.T) {
	tree := files{"CHANGELOG.md": "# Changelog\n\n## [Unreleased]\n\n### Removed\n\n- hand removed\n\n## [1.2.3] - 2024-01-01\n\n- first\n"}
	res, err := prepareComponent(input(t, "", tree, "fix: y"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Written, "hand removed") || !strings.Contains(res.Written, "### Fixed") {
		t.Errorf("written section:\n%s", res.Written)
	}
	plan, err := planComponent(input(t, "", tree, "fix: y"))
	if err != nil || plan.Written != plan.Body || len(plan.Files) != 0 {
		t.Errorf("Plan must read no file: %v %+v", err, plan.Files)
	}
}

// FuzzPrepare checks that no commit message can make a release impossible
// to write into an existing changelog.
func FuzzPrepare(f *testing.F) {
	for _, m := range []string{
		"feat!: x\n\nBREAKING CHANGE: see\n# Migration",
		"feat!: x\n\nBREAKING CHANGE: ```\nunclosed",
		"fix: a\n\nBREAKING CHANGE: <!-- hidden",
		"feat: ## [1.0.0] heading-like",
		"feat!: y\n\nBREAKING CHANGE: ## [1.2.3] - 2020-01-01\n\n```go\n## x\n```",
	} {
		f.Add(m)
	}
	existing := "# Changelog\n\n## [Unreleased]\n\n### Fixed\n\n- hand\n\n## [1.2.3] - 2024-01-01\n\n- first\n"
	f.Fuzz(func(t *testing.T, msg string) {
		in := input(t, "", files{"CHANGELOG.md": existing}, msg)
		res, err := prepareComponent(in)
		if err != nil {
			t.Fatalf("Prepare failed on message %q: %v", msg, err)
		}
		if res.Plan.Releasable && !strings.Contains(res.Written, "hand") {
			t.Fatalf("hand-written entry lost for %q", msg)
		}
	})
}
