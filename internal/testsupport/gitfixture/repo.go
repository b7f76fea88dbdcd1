package gitfixture

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// Repo is a repository with a work tree, built for one test. Its git
// commands run as its Signature, which a test may change between
// commands; before each command When moves on by Step, so that commits
// made one after the other have increasing dates.
type Repo struct {
	// Dir is the work tree.
	Dir string
	Signature
	// Step is added to When before each command; 0 keeps one date.
	Step time.Duration

	t    testing.TB
	runs int
}

// New returns an empty repository on branch main in a new temporary
// directory, made by Default with a Step of one second. The directory is
// removed when the test ends.
func New(t testing.TB) *Repo {
	t.Helper()
	return Init(t, t.TempDir())
}

// Init is New in dir, which is created if it does not exist.
func Init(t testing.TB, dir string) *Repo {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("gitfixture: %v", err)
	}
	r := &Repo{Dir: dir, Signature: Default, Step: time.Second, t: t}
	r.Run("init", "-q", "-b", "main")
	return r
}

// Run runs git with args in the work tree, and returns its combined output
// without surrounding white space. A failure fails the test with the
// command and its output.
func (r *Repo) Run(args ...string) string {
	r.t.Helper()
	r.runs++
	r.When = r.When.Add(r.Step)
	return run(r.t, Command(r.Dir, r.Signature, args...), args)
}

// Runs is the number of git commands the repository has run, Init's
// included.
func (r *Repo) Runs() int { return r.runs }

// Write writes content to the file at the slash-separated path rel of the
// work tree, creating its directories. It stages nothing.
func (r *Repo) Write(rel, content string) {
	r.t.Helper()
	p := filepath.Join(r.Dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatalf("gitfixture: %v", err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatalf("gitfixture: %v", err)
	}
}

// Read returns the content of the file at rel in the work tree.
func (r *Repo) Read(rel string) string {
	r.t.Helper()
	b, err := os.ReadFile(filepath.Join(r.Dir, filepath.FromSlash(rel)))
	if err != nil {
		r.t.Fatalf("gitfixture: %v", err)
	}
	return string(b)
}

// Commit writes files (path to content), stages every change of the work
// tree (git add -A, so files written before are included), commits with
// message msg, even when nothing changed, and returns the new commit's
// hash. It runs three git commands.
func (r *Repo) Commit(msg string, files map[string]string) string {
	r.t.Helper()
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		r.Write(p, files[p])
	}
	r.Run("add", "-A")
	r.Run("commit", "-q", "--allow-empty", "-m", msg)
	return r.Run("rev-parse", "HEAD")
}

// Tag makes the lightweight tag name at HEAD.
func (r *Repo) Tag(name string) {
	r.t.Helper()
	r.Run("tag", name)
}
