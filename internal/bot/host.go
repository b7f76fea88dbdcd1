// Package bot holds releasebot's use cases on a forge: keep one release
// pull request up to date, and publish merged ones as tags and releases. It
// talks to GitHub through the small interfaces below, which the go-github
// adapter and the tests' fake GitHub both satisfy, and reads history
// through a Source: the local checkout or the GitHub API.
package bot

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned by Host methods when the object does not exist.
var ErrNotFound = errors.New("not found")

// ErrExists is returned by Host methods that create an object which
// already exists (a ref, a pull request, a release).
var ErrExists = errors.New("already exists")

// Pull is a pull request as the bot sees it.
type Pull struct {
	Number      int
	Title, Body string
	// State is "open" or "closed".
	State    string
	Merged   bool
	MergedAt time.Time
	// MergeSHA is the commit the merge made on the base branch (the merge
	// commit, the squashed commit, or the last rebased commit).
	MergeSHA   string
	Head, Base string
	HeadSHA    string
	Labels     []string
	URL        string
	UpdatedAt  time.Time
}

// HasLabel reports whether the pull request carries label.
func (p Pull) HasLabel(label string) bool {
	for _, l := range p.Labels {
		if l == label {
			return true
		}
	}
	return false
}

// PullQuery selects pull requests: State is "open", "closed" or "all";
// Head is a branch of the repository (not "owner:branch"); empty fields
// do not filter. Results come most recently updated first. Stop, when set,
// ends the listing once a pull request updated before it is seen; Limit,
// when set, once that many are listed.
type PullQuery struct {
	State, Head, Base string
	Stop              time.Time
	Limit             int
}

// PullRequests is what the bot asks of pull requests.
type PullRequests interface {
	ListPulls(ctx context.Context, q PullQuery) ([]Pull, error)
	// PullsOfCommit returns the numbers of the pull requests that brought
	// the commit.
	PullsOfCommit(ctx context.Context, sha string) ([]int, error)
	// CreatePull fails with ErrExists when one is open for head and base.
	CreatePull(ctx context.Context, head, base, title, body string) (Pull, error)
	// EditPull changes the title, the body and, when state is not "", the
	// state ("closed").
	EditPull(ctx context.Context, number int, title, body, state string) (Pull, error)
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

// Release is a GitHub release.
type Release struct {
	ID                int64
	Tag, Name         string
	URL, UploadURL    string
	Draft, Prerelease bool
}

// NewRelease is a release to create.
type NewRelease struct {
	Tag, Name, Body   string
	Draft, Prerelease bool
	// Latest is false to keep another release marked latest.
	Latest bool
}

// Releases is what the bot asks of releases.
type Releases interface {
	// LatestRelease returns nil when the repository has none.
	LatestRelease(ctx context.Context) (*Release, error)
	// ReleaseByTag returns the release of tag, drafts included; nil when
	// there is none.
	ReleaseByTag(ctx context.Context, tag string) (*Release, error)
	// CreateRelease fails with ErrExists when a release has the tag.
	CreateRelease(ctx context.Context, r NewRelease) (Release, error)
}

// Host is a repository on a forge, as the bot uses it.
type Host interface {
	PullRequests
	GitData
	Releases
}
