// Package gitfixture builds real git repositories for tests with the git
// binary, in an environment fixed so that the same steps make the same
// commits on every machine and every run.
//
// Each command runs with the test process's environment minus every GIT_*
// variable, with HOME and XDG_CONFIG_HOME pointing at os.DevNull, no
// system or global configuration (GIT_CONFIG_NOSYSTEM, GIT_CONFIG_GLOBAL),
// and a fixed author and committer: name, email and date. A user's
// ~/.gitconfig, global ignore file or signing setup therefore never reach a
// fixture; the repository's own configuration does.
//
//	r := gitfixture.New(t)
//	r.Commit("chore: init", map[string]string{"VERSION": "1.0.0\n"})
//	r.Tag("v1.0.0")
//	head := r.Commit("feat: x", nil)
package gitfixture

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Epoch is the date of a new fixture: 2026-01-01T00:00:00Z.
var Epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Signature is who makes what a git command writes (commits, tags,
// reflog entries), and when: it is both author and committer.
type Signature struct {
	Name, Email string
	When        time.Time
}

// Default is the signature of Git and of a new Repo: Ann Author
// <ann@example.com> at Epoch.
var Default = Signature{Name: "Ann Author", Email: "ann@example.com", When: Epoch}

// Env returns the fixed environment of a git command made by s (see the
// package documentation). A zero field of s is left to git: an empty Name
// or Email to the repository's configuration or a `git -c user.name=...`
// of the command, a zero When to the clock. A caller may append variables;
// the last value of a name wins.
func Env(s Signature) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "GIT_") || name == "HOME" || name == "XDG_CONFIG_HOME" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "HOME="+os.DevNull, "XDG_CONFIG_HOME="+os.DevNull,
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	if s.Name != "" {
		env = append(env, "GIT_AUTHOR_NAME="+s.Name, "GIT_COMMITTER_NAME="+s.Name)
	}
	if s.Email != "" {
		env = append(env, "GIT_AUTHOR_EMAIL="+s.Email, "GIT_COMMITTER_EMAIL="+s.Email)
	}
	if !s.When.IsZero() {
		date := fmt.Sprintf("@%d %s", s.When.Unix(), s.When.Format("-0700"))
		env = append(env, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	}
	return env
}

// Command returns git with args, to run in dir ("" is the current
// directory) with Env(s). The caller runs it, and may set its standard
// input or add to its Env first.
func Command(dir string, s Signature, args ...string) *exec.Cmd {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = Env(s)
	return cmd
}

// Git runs one git command in dir ("" is the current directory) as
// Default, and returns its combined output without surrounding white
// space. A failure fails t with the command and its output. It is for
// commands outside a Repo, such as cloning a fake GitHub's repository.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	return run(t, Command(dir, Default, args...), args)
}

func run(t testing.TB, cmd *exec.Cmd, args []string) string {
	t.Helper()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s (in %s): %v\n%s", strings.Join(args, " "), cmd.Dir, err, out)
	}
	return strings.TrimSpace(string(out))
}
