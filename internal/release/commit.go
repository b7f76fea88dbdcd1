// Package release is releasebot's core: it turns commits into the next
// version, the bump that led to it and the release notes. It does no I/O:
// every function takes values and returns values.
package release

import "time"

// Commit is one commit as read from history, before its message is parsed.
type Commit struct {
	// Hash is the full hexadecimal object id.
	Hash string
	// Message is the raw commit message.
	Message string
	// Merge is true when the commit has more than one parent. Merge commits
	// never trigger a release themselves; the commits they bring in do.
	Merge bool
	// Author is the author's name.
	Author string
	// Time is the author time.
	Time time.Time
}
