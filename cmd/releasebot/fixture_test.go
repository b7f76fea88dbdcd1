package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repo is a real git repository built for one test.
type repo struct {
	t    *testing.T
	dir  string
	tick int
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	r := &repo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	// The releasebot under test reads the repository's own identity, so
	// tests do not depend on the machine's global git configuration.
	r.git("config", "user.name", "Rel Bot")
	r.git("config", "user.email", "bot@example.com")
	return r
}

// git runs git in the repository with fixed identities and dates, so every
// run makes the same hashes.
func (r *repo) git(args ...string) string {
	r.t.Helper()
	r.tick++
	date := fmt.Sprintf("2026-01-01T00:%02d:%02dZ", r.tick/60%60, r.tick%60)
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(),
		"GIT_AUTHOR_NAME=Ann Author", "GIT_AUTHOR_EMAIL=ann@example.com", "GIT_AUTHOR_DATE="+date,
		"GIT_COMMITTER_NAME=Ann Author", "GIT_COMMITTER_EMAIL=ann@example.com", "GIT_COMMITTER_DATE="+date,
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// commit makes a commit touching a file named after the message's count.
func (r *repo) commit(msg string) string {
	r.t.Helper()
	r.write(fmt.Sprintf("src/f%d.txt", r.tick), msg)
	r.git("add", "-A")
	r.git("commit", "-q", "--allow-empty", "-m", msg)
	return r.git("rev-parse", "HEAD")
}

func (r *repo) write(path, content string) {
	r.t.Helper()
	full := filepath.Join(r.dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *repo) read(path string) string {
	r.t.Helper()
	b, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(path)))
	if err != nil {
		r.t.Fatal(err)
	}
	return string(b)
}

func (r *repo) tag(name string)       { r.git("tag", name) }
func (r *repo) annotated(name string) { r.git("tag", "-a", "-m", "release "+name, name) }

// result is one run of the CLI.
type result struct {
	code           int
	stdout, stderr string
}

// releasebot runs the CLI in-process in the repository.
func (r *repo) releasebot(args ...string) result {
	r.t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1795219200" // 2026-11-21
		}
		return ""
	}}
	full := append([]string{args[0], "-C", r.dir}, args[1:]...)
	code := run(full, e)
	return result{code, out.String(), errb.String()}
}

// next returns `releasebot next` output, failing the test on a non-zero exit.
func (r *repo) next(args ...string) string {
	r.t.Helper()
	res := r.releasebot(append([]string{"next"}, args...)...)
	if res.code != 0 {
		r.t.Fatalf("next %v: exit %d: %s", args, res.code, res.stderr)
	}
	return strings.TrimSpace(res.stdout)
}
