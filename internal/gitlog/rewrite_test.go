package gitlog

import (
	"strings"
	"testing"
)

// logOf returns, for each commit of Range, its hash, author and message,
// as `git log --format=%H %an%n%B` prints them.
func logOf(t *testing.T, r *Repo, head string, exclude ...string) string {
	t.Helper()
	commits, _, err := r.Range(head, exclude)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range commits {
		b.WriteString(c.Hash + " " + c.Author + "\n" + c.Message + "\n")
	}
	return strings.TrimSpace(b.String())
}

// gitLog is `git log --format=%H %an%n%B head --not exclude...` with env.
func (f *fixture) gitLog(env []string, head string, exclude ...string) string {
	f.t.Helper()
	cmd := f.command(f.dir, append([]string{"log", "--format=%H %an%n%B", head, "--not"}, exclude...)...)
	cmd.Env = append(cmd.Environ(), env...)
	out, err := cmd.Output()
	if err != nil {
		f.t.Fatalf("git log: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// TestRangeReadsCommitEncodings decodes messages and authors written in
// the encoding of their "encoding" header, as git log prints them in
// UTF-8; unknown encodings are kept as they are, as git keeps them.
func TestRangeReadsCommitEncodings(t *testing.T) {
	f := newFixture(t)
	base := f.commit("chore: init")
	for _, c := range []struct{ enc, author, msg string }{
		{"ISO-8859-1", "Jos\xe9 Mu\xf1oz", "fix: handle the caf\xe9 menu\n\nd\xe9j\xe0 vu"},
		{"latin1", "Ana", "feat: na\xefve"},
		{"Shift_JIS", "Ken", "fix: \x93\xfa\x96\x7b"},
		{"UTF-8", "Zo\xc3\xab", "docs: caf\xc3\xa9"},
		{"x-no-such-encoding", "Raw", "chore: raw \xe9"},
	} {
		f.clock += 60
		f.git("-c", "i18n.commitEncoding="+c.enc, "-c", "user.name="+c.author, "commit", "-q", "--allow-empty", "-m", c.msg)
	}
	head := f.git("rev-parse", "HEAD")
	got, want := logOf(t, f.open(), head, base), f.gitLog(nil, head, base)
	if got != want {
		t.Errorf("Range:\n%q\ngit log:\n%q", got, want)
	}
	if !strings.Contains(got, "José Muñoz") || !strings.Contains(got, "日本") {
		t.Errorf("not decoded:\n%s", got)
	}
}

// TestRangeReadsReplacements reads the replacement of a replaced commit
// (git replace), its message and its parents (a graft), as git log does,
// and the commits themselves with GIT_NO_REPLACE_OBJECTS.
func TestRangeReadsReplacements(t *testing.T) {
	f := newFixture(t)
	base := f.commit("chore: init")
	f.git("checkout", "-q", "-b", "side")
	f.commit("feat: on the side")
	f.git("checkout", "-q", "main")
	f.commit("fix: on main")
	merge := f.merge("side")
	typo := f.commit("fix: a typo in the mesage")
	head := f.commit("docs: more")

	raw := f.git("cat-file", "commit", typo)
	header, _, _ := strings.Cut(raw, "\n\n")
	cmd := f.command(f.dir, "hash-object", "-t", "commit", "-w", "--stdin")
	cmd.Stdin = strings.NewReader(header + "\n\nfeat: the message as it should have been\n")
	fixed, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	f.git("replace", typo, strings.TrimSpace(string(fixed)))
	f.git("replace", "--graft", merge, merge+"^")
	f.git("pack-refs", "--all")

	for _, env := range [][]string{nil, {"GIT_NO_REPLACE_OBJECTS=1"}} {
		r, err := OpenEnv(f.dir, func(k string) string {
			for _, kv := range env {
				if name, v, _ := strings.Cut(kv, "="); name == k {
					return v
				}
			}
			return ""
		})
		if err != nil {
			t.Fatal(err)
		}
		got, want := logOf(t, r, head, base), f.gitLog(env, head, base)
		r.Close()
		if got != want {
			t.Errorf("env %v: Range:\n%s\ngit log:\n%s", env, got, want)
		}
		if replaced := strings.Contains(got, "as it should have been"); replaced != (env == nil) || strings.Contains(got, "on the side") == replaced {
			t.Errorf("env %v: replacements read: %v\n%s", env, !replaced, got)
		}
	}
}
