package release

import (
	"net/url"
	"regexp"
	"strings"
)

// Remote is the web address of a repository on a forge (github.com or a
// GitHub Enterprise Server host), used to link commits, pull requests and
// comparisons in release notes.
type Remote struct {
	// BaseURL is "https://HOST/OWNER/REPO" with no trailing slash.
	BaseURL string
}

var scpLike = regexp.MustCompile(`^(?:[^@/]+@)?([^:/]+):/?([^/].*)$`)

// ParseRemote derives the web address from a git remote URL: HTTPS
// ("https://ghe.example.com/o/r.git"), SSH ("ssh://git@host:22/o/r") and
// scp-like ("git@host:o/r.git") forms. Credentials in the URL are dropped.
// ok is false for local paths and anything without OWNER/REPO.
func ParseRemote(raw string) (Remote, bool) {
	raw = strings.TrimSpace(raw)
	var host, path string
	switch {
	case strings.Contains(raw, "://"):
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" || u.Scheme == "file" {
			return Remote{}, false
		}
		host, path = u.Hostname(), u.Path
		if u.Scheme == "http" || u.Scheme == "https" {
			host = u.Host // keep a non-default web port
		}
	default:
		m := scpLike.FindStringSubmatch(raw)
		if m == nil {
			return Remote{}, false
		}
		host, path = m[1], m[2]
	}
	path = strings.TrimSuffix(strings.Trim(path, "/"), ".git")
	parts := strings.Split(path, "/")
	if host == "" || len(parts) < 2 || parts[len(parts)-1] == "" || parts[len(parts)-2] == "" {
		return Remote{}, false
	}
	owner, repo := parts[len(parts)-2], parts[len(parts)-1]
	return Remote{BaseURL: "https://" + host + "/" + owner + "/" + repo}, true
}

// CommitURL links a commit; "" without a remote.
func (r Remote) CommitURL(hash string) string { return r.link("/commit/" + hash) }

// PullURL links a pull request; "" without a remote.
func (r Remote) PullURL(n int) string { return r.link("/pull/" + itoa(n)) }

// CompareURL links the changes between two refs; with no previous tag it
// links the release's tag. "" without a remote.
func (r Remote) CompareURL(prev, tag string) string {
	if prev == "" {
		return r.link("/releases/tag/" + tag)
	}
	return r.link("/compare/" + prev + "..." + tag)
}

func (r Remote) link(path string) string {
	if r.BaseURL == "" {
		return ""
	}
	return r.BaseURL + path
}
