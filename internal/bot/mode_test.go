package bot_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReleaseCommitKeepsExecutableBits: a version file that is an
// executable script stays executable on the release commit, when it is
// made and when it is refreshed, whichever way history is read; the files
// that were not executable stay so.
func TestReleaseCommitKeepsExecutableBits(t *testing.T) {
	for _, source := range sources {
		t.Run(source, func(t *testing.T) {
			h := newHarness(t, source, "version-files: [bin/version.sh, docs/version.txt]\n")
			pushWithModes(h, "chore: version script", map[string]string{
				"bin/version.sh":   "#!/bin/sh\necho 1.0.0 # x-releasebot-version\n",
				"docs/version.txt": "Version 1.0.0 <!-- x-releasebot-version -->\n",
			}, "bin/version.sh")
			h.repo.Tag("v1.0.0", "main", true)
			h.push("feat: faster")
			h.mustRun()
			checkRelease(t, h, "1.1.0")

			h.push("feat!: rewritten")
			h.mustRun()
			checkRelease(t, h, "2.0.0")
		})
	}
}

// checkRelease reads the release branch's tree on the fake: the script
// holds version and keeps mode 100755, the other files 100644.
func checkRelease(t *testing.T, h *harness, version string) {
	t.Helper()
	if pr := h.openRelease(); !strings.HasSuffix(pr.Title, " "+version) {
		t.Fatalf("release pull request %q, want version %s", pr.Title, version)
	}
	modes := map[string]string{}
	for _, line := range strings.Split(git(t, h.repo.Dir(), "ls-tree", "-r", "--format=%(objectmode) %(path)", "refs/heads/releasebot/main"), "\n") {
		mode, path, _ := strings.Cut(line, " ")
		modes[path] = mode
	}
	want := map[string]string{"bin/version.sh": "100755", "docs/version.txt": "100644", "CHANGELOG.md": "100644"}
	for path, mode := range want {
		if modes[path] != mode {
			t.Errorf("%s on the release commit has mode %q, want %s (tree: %v)", path, modes[path], mode, modes)
		}
	}
	if got, _ := h.repo.File("releasebot/main", "bin/version.sh"); got != "#!/bin/sh\necho "+version+" # x-releasebot-version\n" {
		t.Errorf("bin/version.sh on the release commit = %q, want version %s", got, version)
	}
}

// pushWithModes commits files on main with the git CLI, as a user would, the
// paths in executable with mode 100755, and pushes them to the fake.
func pushWithModes(h *harness, msg string, files map[string]string, executable ...string) {
	h.t.Helper()
	dir := filepath.Join(h.t.TempDir(), "user")
	git(h.t, "", "clone", "-q", "file://"+h.repo.Dir(), dir)
	for path, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			h.t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			h.t.Fatal(err)
		}
	}
	for _, path := range executable {
		if err := os.Chmod(filepath.Join(dir, filepath.FromSlash(path)), 0o755); err != nil {
			h.t.Fatal(err)
		}
	}
	git(h.t, dir, "add", "-A")
	git(h.t, dir, "commit", "-q", "-m", msg)
	git(h.t, dir, "push", "-q", "origin", "HEAD:main")
}
