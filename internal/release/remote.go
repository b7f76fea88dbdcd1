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

// ParseRemote derives the web address from a git remote URL of a GitHub
// host (github.com or GitHub Enterprise Server): HTTPS
// ("https://ghe.example.com/o/r.git"), SSH ("ssh://git@host:22/o/r") and
// scp-like ("git@host:o/r.git") forms. Credentials in the URL are dropped;
// an http:// remote keeps http. ok is false for local paths and for paths
// that are not exactly OWNER/REPO (GitLab subgroups, Azure DevOps), whose
// links GitHub's URL scheme would get wrong: no link beats a broken one.
func ParseRemote(raw string) (Remote, bool) {
	raw = strings.TrimSpace(raw)
	var host, path string
	scheme := "https"
	switch {
	case strings.Contains(raw, "://"):
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" || u.Scheme == "file" {
			return Remote{}, false
		}
		host, path = u.Hostname(), u.Path
		if u.Scheme == "http" || u.Scheme == "https" {
			host, scheme = u.Host, u.Scheme // keep a non-default web port
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
	if host == "" || len(parts) != 2 || parts[0] == "" || parts[1] == "" || otherForge(host) {
		return Remote{}, false
	}
	return Remote{BaseURL: scheme + "://" + host + "/" + parts[0] + "/" + parts[1]}, true
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

// otherForge reports hosts known not to be GitHub, whose link shapes
// differ (Bitbucket's /pull-requests/, GitLab's /-/merge_requests/).
func otherForge(host string) bool {
	host = strings.ToLower(host)
	for _, h := range []string{"bitbucket.org", "gitlab.com", "codeberg.org", "git.sr.ht", "dev.azure.com", "ssh.dev.azure.com", "vs-ssh.visualstudio.com"} {
		if host == h || strings.HasPrefix(host, h+":") {
			return true
		}
	}
	return strings.HasSuffix(host, ".visualstudio.com")
}
