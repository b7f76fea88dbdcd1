package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

// repo is a real git repository built for one test.
type repo struct {
	t   *testing.T
	dir string
	g   *gitfixture.Repo
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	g := gitfixture.New(t)
	r := &repo{t: t, dir: g.Dir, g: g}
	// The releasebot under test reads the repository's own identity, so
	// tests do not depend on the machine's global git configuration.
	r.git("config", "user.name", "Rel Bot")
	r.git("config", "user.email", "bot@example.com")
	return r
}

// git runs git in the repository with fixed identities and dates, a
// second apart, so every run makes the same hashes.
func (r *repo) git(args ...string) string {
	r.t.Helper()
	return r.g.Run(args...)
}

// commit makes a commit touching a file named after the number of git
// commands run so far.
func (r *repo) commit(msg string) string {
	r.t.Helper()
	return r.g.Commit(msg, map[string]string{fmt.Sprintf("src/f%d.txt", r.g.Runs()): msg})
}

func (r *repo) write(path, content string) {
	r.t.Helper()
	r.g.Write(path, content)
}

func (r *repo) read(path string) string {
	r.t.Helper()
	return r.g.Read(path)
}

func (r *repo) tag(name string)       { r.g.Tag(name) }
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
