// Package history reads where a repository stands: its tags, the commits
// since its last release, the files at a commit and the paths commits
// change. A Reader is either the local checkout (Checkout, go-git) or the
// GitHub API (API); Load turns either into the state of every component of
// the repository, so that the CLI, the Action and the App plan releases
// from the same facts whichever way they read them.
package history

import (
	"context"
	"fmt"
	"strings"

	"github.com/releasebot/releasebot/internal/release"
)

// Mode is a file's mode as git records it in a tree.
type Mode uint32

// The modes git records.
const (
	Regular    Mode = 0o100644
	Executable Mode = 0o100755
	Symlink    Mode = 0o120000
	Dir        Mode = 0o040000
	Submodule  Mode = 0o160000
)

// Reader is a repository's history as releasebot reads it. Checkout and
// API implement it; they give the same answers on the same repository.
type Reader interface {
	// Tip is the commit releases are computed on (HEAD, or the target
	// branch's tip), the same for the Reader's whole life.
	Tip(ctx context.Context) (string, error)
	// Tags lists every tag with the commit it designates.
	Tags(ctx context.Context) ([]release.Tag, error)
	// Since returns the commits reachable from head and not from base,
	// newest first, and whether base is head or an ancestor of it; base ""
	// means all history. When base is not (a base in another history, or
	// one the reader does not have), commits is nil. Messages end without
	// a newline, as GitHub's API gives them.
	Since(ctx context.Context, head, base string) (commits []release.Commit, ancestor bool, err error)
	// ReadFile reads a file as commit has it, following symbolic links
	// (on the way and at the end) only inside the repository; a missing
	// file, or a link to one, satisfies errors.Is(err, fs.ErrNotExist). A
	// directory, a submodule or a link leading out is another error. path
	// must be clean and relative (see checkPath).
	ReadFile(ctx context.Context, commit, path string) ([]byte, error)
	// Mode returns the mode of path in commit's tree, following no link;
	// a missing path (one below a file or a link included) satisfies
	// errors.Is(err, fs.ErrNotExist). path must be clean and relative.
	Mode(ctx context.Context, commit, path string) (Mode, error)
	// ChangedPaths maps each commit hash to the paths it changes relative
	// to its first parent.
	ChangedPaths(ctx context.Context, hashes []string) (map[string][]string, error)
	// Tree returns the tree hash of commit.
	Tree(ctx context.Context, commit string) (string, error)
	// Parsed returns the changes of the commits Since has returned so
	// far, parsed while they were read (release.ParseCommit's result, by
	// hash). A Reader that parses nothing ahead returns nil; planning
	// parses whatever is missing.
	Parsed() map[string][]release.Change
}

// checkPath refuses what is not a clean path relative to the root with
// "/" separators, or names git's own files: the paths a configuration may
// name (see config's path checks). Both readers refuse them alike, rather
// than each answering in its own way.
func checkPath(p string) error {
	for i, name := range strings.Split(p, "/") {
		if name == "" || name == "." || name == ".." || i == 0 && strings.EqualFold(name, ".git") {
			return fmt.Errorf("%q is not a clean path inside the repository (such as docs/VERSION)", p)
		}
	}
	return nil
}

// trimMessages drops the newlines that end commit messages: git keeps
// them, GitHub's API does not.
func trimMessages(commits []release.Commit) []release.Commit {
	for i := range commits {
		commits[i].Message = strings.TrimRight(commits[i].Message, "\n")
	}
	return commits
}

// notAFile says that path, which both readers find in the tree, is a
// directory or a submodule rather than a file.
func notAFile(path, commit string, m Mode) error {
	what := "a directory"
	if m == Submodule {
		what = "a submodule"
	}
	return fmt.Errorf("%s at %.7s is %s, not a file", path, commit, what)
}
