package gitfixture

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// build makes the same small history in a new repository.
func build(t *testing.T) (*Repo, string) {
	r := New(t)
	r.Commit("chore: init", map[string]string{"VERSION": "1.0.0\n", "src/a.txt": "a\n"})
	r.Tag("v1.0.0")
	r.Run("tag", "-a", "-m", "release", "v1.0.0-annotated")
	return r, r.Commit("feat: x", nil)
}

func TestSameStepsMakeTheSameCommits(t *testing.T) {
	_, a := build(t)
	r, b := build(t)
	if a != b {
		t.Errorf("two fixtures built alike differ: %s and %s", a, b)
	}
	if got := r.Run("cat-file", "-p", "v1.0.0-annotated"); !strings.Contains(got, "tagger Ann Author <ann@example.com> 1767225606 +0000") {
		t.Errorf("annotated tag:\n%s", got)
	}
}

func TestUserConfigurationAndEnvironmentDoNotLeakIn(t *testing.T) {
	home := t.TempDir()
	config := "[user]\n\tname = Leak\n\temail = leak@example.com\n[commit]\n\tgpgsign = true\n[core]\n\texcludesFile = " + filepath.Join(home, "ignore") + "\n"
	for name, content := range map[string]string{".gitconfig": config, "ignore": "*.txt\n", ".config/git/ignore": "*.md\n"} {
		p := filepath.Join(home, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, ".gitconfig"))
	t.Setenv("GIT_DIR", filepath.Join(home, "elsewhere.git"))
	t.Setenv("GIT_AUTHOR_NAME", "Env Author")
	r := New(t)
	r.Commit("chore: init", map[string]string{"a.txt": "a\n", "b.md": "b\n"})
	if got := r.Run("ls-files"); got != "a.txt\nb.md" {
		t.Errorf("tracked files %q: a user's ignore file reached the fixture", got)
	}
	if got := r.Run("log", "-1", "--format=%an <%ae>|%cn <%ce>|%G?"); got != "Ann Author <ann@example.com>|Ann Author <ann@example.com>|N" {
		t.Errorf("commit made as %q", got)
	}
	if _, err := os.Stat(filepath.Join(home, "elsewhere.git")); err == nil {
		t.Error("GIT_DIR of the test process was used")
	}
}

func TestDatesMoveByStepAndCanBeSet(t *testing.T) {
	r := New(t) // init: Epoch+1s
	if r.Runs() != 1 || !r.When.Equal(Epoch.Add(time.Second)) {
		t.Fatalf("after init: %d runs, When %v", r.Runs(), r.When)
	}
	r.Commit("one", nil) // add, commit (Epoch+3s), rev-parse
	r.Step = 0
	r.When = time.Date(2030, 5, 6, 7, 8, 9, 0, time.FixedZone("", 2*3600))
	r.Name, r.Email = "Bo", "bo@example.com"
	r.Commit("two", nil)
	got := r.Run("log", "--format=%s|%an <%ae>|%ad|%cd", "--date=raw")
	want := fmt.Sprintf("two|Bo <bo@example.com>|%d +0200|%[1]d +0200\none|Ann Author <ann@example.com>|%d +0000|%[2]d +0000",
		r.When.Unix(), Epoch.Add(3*time.Second).Unix())
	if got != want {
		t.Errorf("log:\n%s\nwant\n%s", got, want)
	}
	if r.Runs() != 8 {
		t.Errorf("Runs = %d, want 8", r.Runs())
	}
}

func TestCommitStagesEverythingAndWriteReadFiles(t *testing.T) {
	r := New(t)
	r.Write("early/x.txt", "x\n")
	first := r.Commit("first", map[string]string{"deep/er/y.txt": "y\n"})
	if got := r.Run("ls-tree", "-r", "--name-only", first); got != "deep/er/y.txt\nearly/x.txt" {
		t.Errorf("tree of the first commit: %q", got)
	}
	empty := r.Commit("empty", nil)
	if got := r.Run("rev-parse", empty+"^{tree}"); got != r.Run("rev-parse", first+"^{tree}") {
		t.Errorf("an empty commit changed the tree")
	}
	if got := r.Read("deep/er/y.txt"); got != "y\n" {
		t.Errorf("Read = %q", got)
	}
}

func TestAZeroSignatureFieldIsLeftToGit(t *testing.T) {
	r := New(t)
	r.Run("config", "user.email", "repo@example.com")
	s := Signature{When: Epoch}
	if out, err := Command(r.Dir, s, "-c", "user.name=Per Command", "commit", "-q", "--allow-empty", "-m", "x").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := fmt.Sprintf("Per Command <repo@example.com> %d +0000", Epoch.Unix())
	if got := r.Run("log", "-1", "--format=%an <%ae> %ad", "--date=raw"); got != want {
		t.Errorf("commit made as %q, want %q", got, want)
	}
}

// recorder is a testing.TB that keeps fatal failures instead of stopping.
type recorder struct {
	testing.TB
	fatals []string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(format, args...))
}

func TestAFailingCommandFailsTheTestWithItsOutput(t *testing.T) {
	rec := &recorder{TB: t}
	dir := t.TempDir()
	Git(rec, dir, "rev-parse", "no-such-rev")
	if len(rec.fatals) != 1 || !strings.Contains(rec.fatals[0], "git rev-parse no-such-rev (in "+dir+")") || !strings.Contains(rec.fatals[0], "not a git repository") {
		t.Errorf("fatals %q", rec.fatals)
	}
}

func TestCommandTakesStandardInput(t *testing.T) {
	r := New(t)
	cmd := Command(r.Dir, r.Signature, "hash-object", "--stdin")
	cmd.Stdin = strings.NewReader("x\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	r.Write("x", "x\n")
	if got, want := strings.TrimSpace(string(out)), r.Run("hash-object", "x"); got != want {
		t.Errorf("hash-object --stdin = %q, of the same content in a file %q", got, want)
	}
}
