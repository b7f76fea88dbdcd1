// Package bot holds releasebot's use cases on a forge: keep the release
// pull request up to date, publish merged ones as tags and releases, and
// preview what merging a pull request would release. It talks to GitHub
// through the small interfaces below, which the go-github adapter (forge)
// and the tests' hosts (the fake GitHub, the in-memory host) satisfy, and
// reads history through a history.Reader: the local checkout or the GitHub
// API.
package bot

import (
	"context"

	"github.com/releasebot/releasebot/internal/repohost"
)

// PullRequests is what the bot asks of pull requests.
type PullRequests interface {
	ListPulls(ctx context.Context, q repohost.PullQuery) ([]repohost.Pull, error)
	// PullsOfCommit returns the numbers of the pull requests that brought
	// the commit.
	PullsOfCommit(ctx context.Context, sha string) ([]int, error)
	// CreatePull fails with ErrExists when one is open for head and base.
	CreatePull(ctx context.Context, head, base, title, body string) (repohost.Pull, error)
	// EditPull changes the title, the body and, when state is not "", the
	// state ("closed").
	EditPull(ctx context.Context, number int, title, body, state string) (repohost.Pull, error)
	AddLabels(ctx context.Context, number int, labels ...string) error
	// RemoveLabel succeeds when the label is already absent.
	RemoveLabel(ctx context.Context, number int, label string) error
	Comments(ctx context.Context, number int) ([]string, error)
	Comment(ctx context.Context, number int, body string) error
}

// GitData is what the bot asks of git objects and refs.
type GitData interface {
	// ReadFile returns the file at path on ref (a branch, tag or commit);
	// a missing file is an error satisfying errors.Is(err, fs.ErrNotExist).
	ReadFile(ctx context.Context, ref, path string) ([]byte, error)
	// Ref returns the commit a ref ("heads/main", "tags/v1.2.3") points at,
	// peeling annotated tags; ErrNotFound when it does not exist.
	Ref(ctx context.Context, ref string) (string, error)
	// CreateRef fails with ErrExists when the ref exists.
	CreateRef(ctx context.Context, ref, sha string) error
	UpdateRef(ctx context.Context, ref, sha string, force bool) error
	// DeleteRef deletes a ref ("heads/NAME"), succeeding when it does not
	// exist.
	DeleteRef(ctx context.Context, ref string) error
	// ChangedFiles lists the paths head changed since it and base last
	// met (their merge base; base itself when it is an ancestor).
	ChangedFiles(ctx context.Context, base, head string) ([]string, error)
	// CommitMessage returns the message of a commit.
	CommitMessage(ctx context.Context, sha string) (string, error)
	// TreeOf returns the tree hash of a commit.
	TreeOf(ctx context.Context, sha string) (string, error)
	// CreateCommit makes a commit whose parent is parent and whose tree is
	// baseTree with files replaced (those in executable keep mode 100755),
	// and returns its hash; message is given the new tree's hash and
	// returns the commit message. It moves no ref.
	CreateCommit(ctx context.Context, parent, baseTree string, files map[string][]byte, executable map[string]bool, message func(tree string) string) (string, error)
	// CreateTag makes an annotated tag object for sha and the ref
	// tags/NAME; ErrExists when the ref exists.
	CreateTag(ctx context.Context, name, sha, message string) error
}

// Releases is what the bot asks of releases.
type Releases interface {
	// LatestRelease returns nil when the repository has none.
	LatestRelease(ctx context.Context) (*repohost.Release, error)
	// ReleaseByTag returns the release of tag, drafts included; nil when
	// there is none.
	ReleaseByTag(ctx context.Context, tag string) (*repohost.Release, error)
	// CreateRelease fails with ErrExists when a release has the tag.
	CreateRelease(ctx context.Context, r repohost.NewRelease) (repohost.Release, error)
}

// Host is a repository on a forge, as the bot uses it.
type Host interface {
	PullRequests
	GitData
	Releases
}
