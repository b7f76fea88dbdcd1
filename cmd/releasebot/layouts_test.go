package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/releasebot/releasebot/internal/testsupport/gitfixture"
)

// The layout suite: one history, laid out on disk in every way git itself
// reads (clones sharing objects, worktrees, submodules, unusual indexes and
// object stores, variables of the environment...), must give the answers
// of a plain clone of the same commits: the same `next --json`, the same
// `changelog` and the same `describe` (dirty exactly when `git status`
// says so). Layouts that releasebot refuses (shallow and bare repositories,
// SHA-256 objects) must be refused in one sentence that says what to do.
//
// Each layout is built with the git binary from the shared history; the
// layouts themselves are listed in layouts_*_test.go.

// layout is one way of laying the history out on disk.
type layout struct {
	name string
	// build makes the layout in dir, an empty directory, and returns the
	// directory to run in and the environment to run with (nil for none).
	build func(k *kit, dir string) (run string, vars map[string]string)
	// refuse, when set, is a phrase of the one-line refusal expected
	// instead of answers.
	refuse string
	// check, when set, replaces the comparison with the plain clone's
	// answers (for layouts where git itself answers differently).
	check func(t *testing.T, got, plain answers)
	// noOracle skips checking that git reads the layout as the plain
	// clone: for layouts that the git binary installed cannot read.
	noOracle bool
}

// answers are what releasebot says of a checkout.
type answers struct {
	next, changelog, describe string
}

// kit builds layouts: base is the repository the history was made in,
// plain a plain clone of it, and remote the URL every clone's origin is
// given, so that the changelog's links are checked too.
type kit struct {
	t           *testing.T
	base, plain string
}

const layoutRemote = "https://github.com/acme/widget.git"

func TestLayouts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds about sixty repositories")
	}
	root := t.TempDir()
	k := &kit{t: t, base: filepath.Join(root, "base")}
	buildBase(t, k.base)
	k.plain = k.clone(filepath.Join(root, "plain"), "--no-local")
	plain := k.answers(t, k.plain, nil)
	if !strings.Contains(plain.next, `"next": "1.2.0"`) || !strings.Contains(plain.changelog, "café") ||
		!strings.Contains(plain.changelog, "forked before the tag") || !strings.Contains(plain.describe, "1.2.0-dev.") {
		t.Fatalf("the plain clone's answers are not those of the history:\n%s\n%s\n%s", plain.next, plain.changelog, plain.describe)
	}
	oracle := k.gitView(k.plain, nil)
	var all []layout
	for _, group := range [][]layout{cloneLayouts, storeLayouts, treeLayouts, refLayouts} {
		all = append(all, group...)
	}
	for i, l := range all {
		t.Run(l.name, func(t *testing.T) {
			k := &kit{t: t, base: k.base, plain: k.plain}
			dir := filepath.Join(root, fmt.Sprintf("l%02d", i))
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			run, vars := l.build(k, dir)
			if l.refuse != "" {
				k.expectRefusal(t, run, vars, l.refuse)
				return
			}
			if !l.noOracle {
				if got := k.gitView(run, vars); got != oracle {
					t.Fatalf("git itself reads the layout differently (a broken layout):\n%s\nwant\n%s", got, oracle)
				}
			}
			got := k.answers(t, run, vars)
			if l.check != nil {
				l.check(t, got, plain)
				return
			}
			want := plain
			if k.gitDirty(run, vars) {
				want.describe = dirtyVersion(plain.describe)
			}
			compareAnswers(t, got, want)
		})
	}
}

// compareAnswers fails for each answer that differs.
func compareAnswers(t *testing.T, got, want answers) {
	t.Helper()
	if got.next != want.next {
		t.Errorf("next --json:\n%s\nwant (plain clone)\n%s", got.next, want.next)
	}
	if got.changelog != want.changelog {
		t.Errorf("changelog:\n%s\nwant (plain clone)\n%s", got.changelog, want.changelog)
	}
	if got.describe != want.describe {
		t.Errorf("describe = %q, want %q", got.describe, want.describe)
	}
}

// dirtyVersion is describe's answer for a tree with uncommitted changes.
func dirtyVersion(v string) string {
	if strings.Contains(v, "+") {
		return v + ".dirty"
	}
	return v + "+dirty"
}

// answers runs next --json, changelog and describe in dir, failing the
// test on any error.
func (k *kit) answers(t *testing.T, dir string, vars map[string]string) answers {
	t.Helper()
	var a answers
	for _, c := range []struct {
		out  *string
		args []string
	}{{&a.next, []string{"next", "--json"}}, {&a.changelog, []string{"changelog"}}, {&a.describe, []string{"describe"}}} {
		res := runIn(dir, vars, c.args...)
		// next says that it read no pull request: these layouts have no
		// token, and that is all it may say.
		if res.code != 0 || withoutNote(res.stderr) != "" {
			t.Fatalf("%s: exit %d: %s", strings.Join(c.args, " "), res.code, res.stderr)
		}
		*c.out = strings.TrimSpace(res.stdout)
	}
	return a
}

// expectRefusal checks that each command refuses the layout with a single
// line containing phrase.
func (k *kit) expectRefusal(t *testing.T, dir string, vars map[string]string, phrase string) {
	t.Helper()
	for _, args := range [][]string{{"next", "--json"}, {"changelog"}, {"describe"}} {
		res := runIn(dir, vars, args...)
		msg := strings.TrimSpace(res.stderr)
		if res.code != exitFailure || !strings.Contains(msg, phrase) || strings.Contains(msg, "\n") || res.stdout != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want one line saying %q", args[0], res.code, res.stdout, msg, phrase)
		}
	}
}

// runIn runs the CLI in-process in dir, with vars as its only environment
// (and a fixed release date).
func runIn(dir string, vars map[string]string, args ...string) result {
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(name string) string {
		if name == "SOURCE_DATE_EPOCH" {
			return "1795219200"
		}
		return vars[name]
	}}
	code := run(append([]string{args[0], "-C", dir}, args[1:]...), e)
	return result{code, out.String(), errb.String()}
}

// git runs git in dir with the suite's identity and dates, and vars.
func (k *kit) git(dir string, vars map[string]string, args ...string) string {
	k.t.Helper()
	out, err := k.gitErr(dir, vars, args...)
	if err != nil {
		k.t.Fatalf("git %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return out
}

// gitErr is git that returns the failure: the output is stdout (what
// git prints on stderr as it goes on is left out), with stderr on failure.
func (k *kit) gitErr(dir string, vars map[string]string, args ...string) (string, error) {
	cmd := k.command(dir, args...)
	for name, v := range vars {
		cmd.Env = append(cmd.Env, name+"="+v)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return strings.TrimSpace(string(out) + stderr.String()), err
	}
	return strings.TrimSpace(string(out)), nil
}

// command is the git command line args in dir, with the suite's fixed
// identity and dates, and no configuration but the repository's.
func (k *kit) command(dir string, args ...string) *exec.Cmd {
	cmd := gitfixture.Command(dir, gitfixture.Signature{Name: "Ann Author", Email: "ann@example.com", When: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}, args...)
	cmd.Env = append(cmd.Env, "GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=protocol.file.allow", "GIT_CONFIG_VALUE_0=always")
	return cmd
}

// gitView is what git itself says of the history in dir: HEAD's commits
// with their messages, and the release tags reachable.
func (k *kit) gitView(dir string, vars map[string]string) string {
	k.t.Helper()
	return k.git(dir, vars, "log", "--format=%H %P%n%B", "HEAD") + "\n" +
		k.git(dir, vars, "describe", "--tags") + "\n" +
		k.git(dir, vars, "tag", "--merged", "HEAD", "--list", "v*")
}

// gitDirty reports whether `git status` sees changes to tracked files.
func (k *kit) gitDirty(dir string, vars map[string]string) bool {
	k.t.Helper()
	return k.git(dir, vars, "status", "--porcelain", "--untracked-files=no") != ""
}

// clone clones the base into dir with the given options and points its
// origin at layoutRemote; it returns dir.
func (k *kit) clone(dir string, opts ...string) string {
	return k.cloneFrom(k.base, dir, opts...)
}

// cloneURL is clone through the file:// transport, as partial and shallow
// clones need.
func (k *kit) cloneURL(dir string, opts ...string) string {
	return k.cloneFrom("file://"+k.base, dir, opts...)
}

// cloneFrom is clone from src.
func (k *kit) cloneFrom(src, dir string, opts ...string) string {
	k.t.Helper()
	k.git(filepath.Dir(dir), nil, append(append([]string{"clone", "-q"}, opts...), src, dir)...)
	k.git(dir, nil, "remote", "set-url", "origin", layoutRemote)
	return dir
}

// write writes a file, creating its directories.
func (k *kit) write(path, content string) {
	k.t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		k.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		k.t.Fatal(err)
	}
}

// buildBase makes the history every layout lays out: annotated and
// lightweight release tags, a merged pull request, a branch forked before
// the last release and merged after it, a commit whose message is encoded
// in ISO-8859-1, and conventional and other commits since the release.
func buildBase(t *testing.T, dir string) {
	g := gitfixture.Init(t, dir)
	r := &repo{t: t, dir: dir, g: g}
	r.git("config", "user.name", "Rel Bot")
	r.git("config", "user.email", "bot@example.com")
	r.git("config", "uploadpack.allowFilter", "true")
	r.git("remote", "add", "origin", layoutRemote)
	r.write("README.md", "# widget\n")
	r.commit("chore: init")
	r.commit("feat: add the parser")
	r.annotated("v1.0.0")
	r.commit("fix: parse empty input")
	r.git("checkout", "-q", "-b", "topic")
	r.commit("feat(api): add the client")
	r.commit("fix(api): retry once (#3)")
	r.git("checkout", "-q", "main")
	r.commit("docs: explain usage")
	r.git("merge", "-q", "--no-ff", "-m", "Merge pull request #4 from ann/topic\n\nfeat(api): add the client", "topic")
	r.tag("v1.1.0")
	r.git("checkout", "-q", "-b", "old", "v1.0.0")
	r.commit("feat: forked before the tag")
	r.git("checkout", "-q", "main")
	r.write("src/menu.txt", "menu\n")
	r.git("add", "-A")
	// As git commit writes it with i18n.commitEncoding=ISO-8859-1: the
	// message's bytes in Latin-1 and an "encoding" header.
	r.git("-c", "i18n.commitEncoding=ISO-8859-1", "commit", "-q", "-m", "fix: handle the caf\xe9 menu")
	r.git("merge", "-q", "--no-ff", "-m", "Merge pull request #6 from ann/old", "old")
	r.commit("feat(cli): add --json (#7)")
	r.commit("Update README.md")
	r.commit("perf: cache the parse")
	r.git("branch", "-q", "-D", "topic", "old")
}
