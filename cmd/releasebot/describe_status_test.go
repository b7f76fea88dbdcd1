package main

import (
	"strings"
	"testing"
)

// TestDescribeWithoutGitOnAnUnreadableIndex: without the git binary, an
// index go-git cannot read (a split index) still gives a build version,
// with a warning that it does not say whether the tree is dirty.
func TestDescribeWithoutGitOnAnUnreadableIndex(t *testing.T) {
	r := newRepo(t)
	r.commit("feat: a")
	r.tag("v1.0.0")
	head := r.commit("fix: b")
	r.git("update-index", "--split-index")
	t.Setenv("PATH", t.TempDir())
	res := r.releasebot("describe")
	if want := "1.0.1-dev.1+" + head[:7] + "\n"; res.code != 0 || res.stdout != want {
		t.Errorf("describe: exit %d, %q; want %q", res.code, res.stdout, want)
	}
	if !strings.HasPrefix(res.stderr, "releasebot: warning: the work tree status cannot be read") || strings.Count(res.stderr, "\n") != 1 {
		t.Errorf("stderr %q, want one warning", res.stderr)
	}
}
