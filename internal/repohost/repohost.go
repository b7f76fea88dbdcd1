// Package repohost is the vocabulary releasebot shares with the forges it
// talks to: pull requests, releases and the errors a host returns. bot and
// history declare what they ask of a host in these terms, and the GitHub
// adapter (forge) answers in them; neither side imports the other.
package repohost

import (
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
