package app

import "encoding/json"

// The payload types below hold only the fields releasebot reads of the
// push and pull_request events, which come by the hundred per second:
// decoding into them allocates a few hundred bytes where go-github's full
// event types allocate some 30 kB per delivery. Field names follow
// GitHub's webhook payloads.

// repository is the repository of a payload.
type repository struct {
	FullName      string `json:"full_name"`
	Name          string `json:"name"`
	DefaultBranch string `json:"default_branch"`
	Owner         struct {
		Login string `json:"login"`
	} `json:"owner"`
}

// installation is the App installation a delivery comes from.
type installation struct {
	ID int64 `json:"id"`
}

// pushPayload is a push event.
type pushPayload struct {
	Ref     string `json:"ref"`
	After   string `json:"after"`
	Deleted bool   `json:"deleted"`
	// Sender is who pushed; a push by a bot (releasebot itself) to a
	// release branch needs no run.
	Sender struct {
		Type string `json:"type"`
	} `json:"sender"`
	Repository   repository   `json:"repository"`
	Installation installation `json:"installation"`
}

// pullPayload is a pull_request event.
type pullPayload struct {
	Action      string `json:"action"`
	PullRequest *struct {
		Number         int    `json:"number"`
		Title          string `json:"title"`
		Body           string `json:"body"`
		State          string `json:"state"`
		Merged         bool   `json:"merged"`
		MergeCommitSHA string `json:"merge_commit_sha"`
		HTMLURL        string `json:"html_url"`
		Labels         []struct {
			Name string `json:"name"`
		} `json:"labels"`
		Head struct {
			Ref string `json:"ref"`
			SHA string `json:"sha"`
		} `json:"head"`
		Base struct {
			Ref  string        `json:"ref"`
			Repo mergeSettings `json:"repo"`
		} `json:"base"`
	} `json:"pull_request"`
	Label struct {
		Name string `json:"name"`
	} `json:"label"`
	Changes struct {
		Title json.RawMessage `json:"title"`
		Base  json.RawMessage `json:"base"`
		Body  *struct {
			From string `json:"from"`
		} `json:"body"`
	} `json:"changes"`
	Repository   repository   `json:"repository"`
	Installation installation `json:"installation"`
}

// mergeSettings are the merge buttons a repository allows; GitHub sends
// them with the base repository of pull_request events (nil when absent).
type mergeSettings struct {
	AllowSquashMerge *bool `json:"allow_squash_merge"`
	AllowMergeCommit *bool `json:"allow_merge_commit"`
	AllowRebaseMerge *bool `json:"allow_rebase_merge"`
}

// squashOnly reports whether the repository allows squash merges only;
// unknown settings are not squash-only.
func (m mergeSettings) squashOnly() bool {
	if m.AllowSquashMerge == nil || m.AllowMergeCommit == nil || m.AllowRebaseMerge == nil {
		return false
	}
	return *m.AllowSquashMerge && !*m.AllowMergeCommit && !*m.AllowRebaseMerge
}
