package fakegithub

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// The fake has one GitHub App, installed on every repository owner
// ("repository_selection": "all"); installation tokens are not scoped to
// repositories or permissions beyond that.
const appID = 4242

var appPermissions = obj{
	"contents": "write", "pull_requests": "write", "issues": "write",
	"checks": "write", "metadata": "read",
}

// installationID returns the owner's installation, creating it on first use.
// Callers hold s.mu.
func (s *Server) installationID(owner string) int64 {
	key := strings.ToLower(owner)
	if id, ok := s.installs[key]; ok {
		return id
	}
	id := s.newID()
	s.installs[key] = id
	return id
}

// installationOwner returns the owner an installation belongs to.
func (s *Server) installationOwner(id int64) (string, bool) {
	for _, r := range s.order {
		if s.installationID(r.owner) == id {
			return r.owner, true
		}
	}
	return "", false
}

func (s *Server) installationJSON(id int64, owner string) obj {
	// The description types account as allOf(simple-user, enterprise), so
	// it carries the enterprise fields too.
	account := s.user(owner)
	account["name"], account["slug"] = owner, strings.ToLower(owner)
	account["created_at"], account["updated_at"] = timestamp(s.started), timestamp(s.started)
	return obj{
		"id": id, "app_id": appID, "app_slug": appSlug, "client_id": "Iv1.fake" + fmt.Sprint(appID),
		"target_id": account["id"], "target_type": "User", "account": account,
		"access_tokens_url":    fmt.Sprintf("%sapp/installations/%d/access_tokens", s.apiBase, id),
		"repositories_url":     s.apiBase + "installation/repositories",
		"html_url":             fmt.Sprintf("%ssettings/installations/%d", s.webBase, id),
		"repository_selection": "all", "single_file_name": nil,
		"events": []any{"pull_request", "push", "release", "check_run"}, "permissions": appPermissions,
		"created_at": timestamp(s.started), "updated_at": timestamp(s.started),
		"suspended_by": nil, "suspended_at": nil,
	}
}

// appJSON is the App as an integration object (check runs).
func (s *Server) appJSON() obj {
	return obj{
		"id": appID, "slug": appSlug, "node_id": nodeID("A", appID), "client_id": "Iv1.fake" + fmt.Sprint(appID),
		"owner": s.user("releasebot"), "name": "releasebot (fake)", "description": nil,
		"external_url": s.webBase, "html_url": s.webBase + "apps/" + appSlug,
		"created_at": timestamp(s.started), "updated_at": timestamp(s.started),
		"permissions": appPermissions, "events": []any{"pull_request", "push"},
	}
}

// POST /app/installations/{installation_id}/access_tokens: a token valid
// for the API, expiring an hour from now (real time, so clients do not
// refresh on every request).
func createAccessToken(c *call) reply {
	id := c.intParam("installation_id")
	if _, ok := c.s.installationOwner(id); !ok {
		return notFound()
	}
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	token := fmt.Sprintf("ghs_%x", b)
	c.s.tokens[token] = id
	return created(obj{
		"token":                token,
		"expires_at":           timestamp(time.Now().Add(time.Hour)),
		"permissions":          appPermissions,
		"repository_selection": "all",
	}, c.s.apiBase+"app/installations/"+fmt.Sprint(id)+"/access_tokens")
}

// GET /app/installations.
func listInstallations(c *call) reply {
	var items []obj
	seen := map[int64]bool{}
	for _, r := range c.s.order {
		id := c.s.installationID(r.owner)
		if !seen[id] {
			seen[id] = true
			items = append(items, c.s.installationJSON(id, r.owner))
		}
	}
	return list(c, items)
}

// GET /installation/repositories: the repositories of the token's
// installation (all repositories for other credentials).
func listInstallationRepos(c *call) reply {
	repos := []obj{}
	for _, r := range c.s.order {
		if c.installation == 0 || c.s.installationID(r.owner) == c.installation {
			repos = append(repos, r.json())
		}
	}
	page, header := paginate(c, repos, 30)
	return reply{status: http.StatusOK, header: header, body: obj{
		"total_count": len(repos), "repositories": page, "repository_selection": "all",
	}}
}
