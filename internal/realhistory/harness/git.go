package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
)

// git runs the git binary in dir and returns its standard output.
func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "GIT_NO_REPLACE_OBJECTS=1", "LC_ALL=C")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git %s in %s: %v: %s", strings.Join(args, " "), dir, err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}

// tagRef is one tag: the object it names and, for an annotated tag, the
// commit it peels to.
type tagRef struct {
	Name, Object, Commit string
}

// tags lists the tags of the repository at dir, peeled to commits.
func tags(dir string) ([]tagRef, error) {
	out, err := git(dir, "for-each-ref", "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)%00%(*objecttype)%00%(objecttype)", "refs/tags")
	if err != nil {
		return nil, err
	}
	var list []tagRef
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Split(line, "\x00")
		if len(f) != 5 {
			continue
		}
		t := tagRef{Name: f[0], Object: f[1]}
		switch {
		case f[4] == "commit":
			t.Commit = f[1]
		case f[3] == "commit":
			t.Commit = f[2]
		default:
			// A tag of a tag, or of a tree or blob: peel with rev-parse.
			c, err := git(dir, "rev-parse", "--verify", "--quiet", f[0]+"^{commit}")
			if err != nil {
				continue
			}
			t.Commit = strings.TrimSpace(c)
		}
		list = append(list, t)
	}
	return list, nil
}

// commitInfo is a commit's parents and message.
type commitInfo struct {
	Hash    string
	Parents []string
	Message string
}

// Subject is the first line of the message.
func (c commitInfo) Subject() string {
	s, _, _ := strings.Cut(c.Message, "\n")
	return strings.TrimSpace(s)
}

const recordSep = "\x1e"

// logCommits runs git log with args and returns the commits, in git log's
// order.
func logCommits(dir string, args ...string) ([]commitInfo, error) {
	out, err := git(dir, append([]string{"log", "--format=%H%x00%P%x00%B" + recordSep}, args...)...)
	if err != nil {
		return nil, err
	}
	var list []commitInfo
	for _, rec := range strings.Split(out, recordSep) {
		rec = strings.TrimLeft(rec, "\n")
		if rec == "" {
			continue
		}
		f := strings.SplitN(rec, "\x00", 3)
		if len(f) != 3 {
			return nil, fmt.Errorf("git log in %s: unexpected record %q", dir, rec)
		}
		list = append(list, commitInfo{Hash: f[0], Parents: strings.Fields(f[1]), Message: strings.TrimRight(f[2], "\n")})
	}
	return list, nil
}

// isAncestor reports whether a is b or an ancestor of b.
func isAncestor(dir, a, b string) (bool, error) {
	cmd := exec.Command("git", "merge-base", "--is-ancestor", a, b)
	cmd.Dir = dir
	err := cmd.Run()
	if err == nil {
		return true, nil
	}
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
		return false, nil
	}
	return false, fmt.Errorf("git merge-base --is-ancestor %s %s in %s: %v", a, b, dir, err)
}

// fileAt returns a file's content at a commit; ok is false when it does
// not exist there.
func fileAt(dir, commit, path string) (string, bool) {
	out, err := git(dir, "show", commit+":"+path)
	if err != nil {
		return "", false
	}
	return out, true
}
