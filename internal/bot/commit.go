package bot

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/releasebot/releasebot/internal/history"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/repohost"
)

// commit puts the release files on a commit whose parent is the target's
// tip and, when people's edits are kept, their files on a commit above it.
// It returns the top commit and the generated one ("" when they are the
// same).
func (b *Bot) commit(ctx context.Context, st plan.State, want wanted) (top, generated string, err error) {
	tree, err := b.History.Tree(ctx, st.Head)
	if err != nil {
		return "", "", err
	}
	var made string
	msg := func(t string) string {
		made = t
		return fmt.Sprintf("%s\n\n%s%s\n%s%s\n", want.title, ourTrailer, st.Head, treeTrailer, t)
	}
	executable, err := b.executable(ctx, st.Head, want)
	if err != nil {
		return "", "", err
	}
	sha, err := b.Host.CreateCommit(ctx, st.Head, tree, want.files, executable, msg)
	if err != nil {
		return "", "", fmt.Errorf("creating the release commit: %w", err)
	}
	if len(want.edits) == 0 {
		return sha, "", nil
	}
	keep := func(t string) string {
		return fmt.Sprintf("chore: keep the edits made on %s\n\n%s%s\n%s%s\n%s%s\n", b.branch(), ourTrailer, st.Head, treeTrailer, t, generatedTrailer, sha)
	}
	exec := map[string]bool{}
	for path := range want.edits {
		exec[path] = executable[path]
	}
	top, err = b.Host.CreateCommit(ctx, sha, made, want.edits, exec, keep)
	if err != nil {
		return "", "", fmt.Errorf("creating the commit that keeps the edits: %w", err)
	}
	return top, sha, nil
}

// executable tells which of the wanted files are executable at commit, so
// that the release commit keeps their mode; a file the release creates, or
// the commit lacks, or whose mode cannot be read (said in the log), is not.
func (b *Bot) executable(ctx context.Context, commit string, want wanted) (map[string]bool, error) {
	out := map[string]bool{}
	for path := range want.files {
		if want.created[path] {
			continue
		}
		mode, err := b.History.Mode(ctx, commit, path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			// The release still goes out: the file keeps 100644, as it
			// would have before modes were read.
			b.log().Warn(fmt.Sprintf("could not read the mode of %s (%v); writing it as a regular file", path, err), "path", path, "error", err)
			continue
		}
		out[path] = mode == history.Executable
	}
	return out, nil
}

// reader reads the repository's files at commit, for planning.
func (b *Bot) reader(ctx context.Context, commit string) func(string) ([]byte, error) {
	return func(path string) ([]byte, error) { return b.History.ReadFile(ctx, commit, path) }
}

// moveBranch points the release branch at sha, creating it if needed;
// fresh says which to try first (a new pull request's branch usually does
// not exist yet).
func (b *Bot) moveBranch(ctx context.Context, sha string, fresh bool) error {
	ref := "heads/" + b.branch()
	var err error
	if fresh {
		if err = b.Host.CreateRef(ctx, ref, sha); errors.Is(err, repohost.ErrExists) { // a stale branch, or another run
			err = b.Host.UpdateRef(ctx, ref, sha, true)
		}
	} else if err = b.Host.UpdateRef(ctx, ref, sha, true); errors.Is(err, repohost.ErrNotFound) {
		if err = b.Host.CreateRef(ctx, ref, sha); errors.Is(err, repohost.ErrExists) {
			err = b.Host.UpdateRef(ctx, ref, sha, true)
		}
	}
	if err != nil {
		return fmt.Errorf("moving branch %s: %w", b.branch(), err)
	}
	return nil
}
