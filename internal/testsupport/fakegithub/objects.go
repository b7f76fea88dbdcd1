package fakegithub

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Logins the fake acts as.
const (
	appSlug    = "releasebot-fake"     // the App; installation tokens act as appSlug+"[bot]"
	tokenActor = "github-actions[bot]" // Options.Token, or any credential when it is empty
	userLogin  = "octocat"             // Push, OpenPR and other test-side actions by default
	mergeActor = "maintainer"          // MergePR, ClosePR, AddLabel
)

// nodeID is a GraphQL-looking global id for an object of a kind and its key
// (id, sha or name).
func nodeID(kind string, key any) string {
	return kind + "_" + base64.RawStdEncoding.EncodeToString(fmt.Appendf(nil, "%s:%v", kind, key))
}

// user returns a simple-user object. Callers hold s.mu.
func (s *Server) user(login string) obj {
	id := s.userID(login)
	api := s.apiBase + "users/" + login
	typ := "User"
	if strings.HasSuffix(login, "[bot]") {
		typ = "Bot"
	}
	return obj{
		"login": login, "id": id, "node_id": nodeID("U", id),
		"avatar_url":          fmt.Sprintf("%savatars/u/%d?v=4", s.webBase, id),
		"gravatar_id":         "",
		"url":                 api,
		"html_url":            s.webBase + login,
		"followers_url":       api + "/followers",
		"following_url":       api + "/following{/other_user}",
		"gists_url":           api + "/gists{/gist_id}",
		"starred_url":         api + "/starred{/owner}{/repo}",
		"subscriptions_url":   api + "/subscriptions",
		"organizations_url":   api + "/orgs",
		"repos_url":           api + "/repos",
		"events_url":          api + "/events{/privacy}",
		"received_events_url": api + "/received_events",
		"type":                typ,
		"site_admin":          false,
	}
}

var noreply = regexp.MustCompile(`^(?:\d+\+)?([A-Za-z0-9-]+(?:\[bot\])?)@users\.noreply\.github\.com$`)

// commitUser maps a git identity to a GitHub user the way GitHub does for
// its noreply addresses (LOGIN@users.noreply.github.com, ID+LOGIN@...);
// other emails belong to no user (JSON null). Callers hold s.mu.
func (s *Server) commitUser(email string) any {
	if m := noreply.FindStringSubmatch(email); m != nil {
		return s.user(m[1])
	}
	return nil
}

// api returns the API URL of the repository, followed by the path elements.
func (r *Repo) api(elems ...string) string {
	return r.s.apiBase + "repos/" + r.owner + "/" + r.name + joinPath(elems)
}

// web returns the web URL of the repository, followed by the path elements.
func (r *Repo) web(elems ...string) string {
	return r.s.webBase + r.owner + "/" + r.name + joinPath(elems)
}

func joinPath(elems []string) string {
	if len(elems) == 0 {
		return ""
	}
	return "/" + strings.Join(elems, "/")
}

// json returns the repository as a full-repository object; it also holds
// every field of the shorter repository schema. Callers hold s.mu.
func (r *Repo) json() obj {
	a := r.api()
	pushed := r.created
	if t := r.s.lastTime; t.After(pushed) {
		pushed = t
	}
	return obj{
		"id": r.id, "node_id": nodeID("R", r.id), "name": r.name, "full_name": r.FullName(),
		"owner": r.s.user(r.owner), "private": false, "visibility": "public",
		"html_url": r.web(), "description": nil, "fork": false, "url": a,
		"archive_url":       a + "/{archive_format}{/ref}",
		"assignees_url":     a + "/assignees{/user}",
		"blobs_url":         a + "/git/blobs{/sha}",
		"branches_url":      a + "/branches{/branch}",
		"collaborators_url": a + "/collaborators{/collaborator}",
		"comments_url":      a + "/comments{/number}",
		"commits_url":       a + "/commits{/sha}",
		"compare_url":       a + "/compare/{base}...{head}",
		"contents_url":      a + "/contents/{+path}",
		"contributors_url":  a + "/contributors",
		"deployments_url":   a + "/deployments",
		"downloads_url":     a + "/downloads",
		"events_url":        a + "/events",
		"forks_url":         a + "/forks",
		"git_commits_url":   a + "/git/commits{/sha}",
		"git_refs_url":      a + "/git/refs{/sha}",
		"git_tags_url":      a + "/git/tags{/sha}",
		"git_url":           "git://" + r.s.srv.Listener.Addr().String() + "/" + r.FullName() + ".git",
		"issue_comment_url": a + "/issues/comments{/number}",
		"issue_events_url":  a + "/issues/events{/number}",
		"issues_url":        a + "/issues{/number}",
		"keys_url":          a + "/keys{/key_id}",
		"labels_url":        a + "/labels{/name}",
		"languages_url":     a + "/languages",
		"merges_url":        a + "/merges",
		"milestones_url":    a + "/milestones{/number}",
		"notifications_url": a + "/notifications{?since,all,participating}",
		"pulls_url":         a + "/pulls{/number}",
		"releases_url":      a + "/releases{/id}",
		"ssh_url":           "git@" + r.s.srv.Listener.Addr().String() + ":" + r.FullName() + ".git",
		"stargazers_url":    a + "/stargazers",
		"statuses_url":      a + "/statuses/{sha}",
		"subscribers_url":   a + "/subscribers",
		"subscription_url":  a + "/subscription",
		"tags_url":          a + "/tags",
		"teams_url":         a + "/teams",
		"trees_url":         a + "/git/trees{/sha}",
		"clone_url":         r.web() + ".git",
		"mirror_url":        nil, "hooks_url": a + "/hooks", "svn_url": r.web(),
		"homepage": nil, "language": nil, "license": nil,
		"forks_count": 0, "forks": 0, "stargazers_count": 0, "watchers_count": 0, "watchers": 0,
		"subscribers_count": 0, "network_count": 0, "size": 0,
		"default_branch": r.defaultBranch, "open_issues_count": r.openPulls(), "open_issues": r.openPulls(),
		"is_template": false, "topics": []any{},
		"has_issues": true, "has_projects": false, "has_wiki": false, "has_pages": false,
		"has_downloads": true, "has_discussions": false, "archived": false, "disabled": false,
		"pushed_at": timestamp(pushed), "created_at": timestamp(r.created), "updated_at": timestamp(pushed),
		"permissions":        obj{"admin": true, "maintain": true, "push": true, "triage": true, "pull": true},
		"allow_merge_commit": true, "allow_squash_merge": true, "allow_rebase_merge": true,
		"allow_auto_merge": false, "delete_branch_on_merge": false, "allow_forking": true,
		"web_commit_signoff_required": false,
	}
}

func (r *Repo) openPulls() int {
	n := 0
	for _, p := range r.pulls {
		if p.state == "open" {
			n++
		}
	}
	return n
}

// gitUser is a git author/committer object.
func gitUser(sig object.Signature) obj {
	return obj{"name": sig.Name, "email": sig.Email, "date": timestamp(sig.When)}
}

// verification is the unsigned-commit verification object.
func verification() obj {
	return obj{"verified": false, "reason": "unsigned", "signature": nil, "payload": nil, "verified_at": nil}
}

// Commit messages are sent without the trailing newline git stores, as
// GitHub does.

// commitJSON returns a commit object (repos/list-commits, get-commit,
// compare, pulls/list-commits). Callers hold s.mu.
func (r *Repo) commitJSON(c *object.Commit) obj {
	sha := c.Hash.String()
	parents := make([]any, 0, len(c.ParentHashes))
	for _, p := range c.ParentHashes {
		parents = append(parents, obj{"sha": p.String(), "url": r.api("commits", p.String()), "html_url": r.web("commit", p.String())})
	}
	return obj{
		"sha": sha, "node_id": nodeID("C", sha),
		"url": r.api("commits", sha), "html_url": r.web("commit", sha),
		"comments_url": r.api("commits", sha, "comments"),
		"commit": obj{
			"url":           r.api("git", "commits", sha),
			"author":        gitUser(c.Author),
			"committer":     gitUser(c.Committer),
			"message":       strings.TrimRight(c.Message, "\n"),
			"tree":          obj{"sha": c.TreeHash.String(), "url": r.api("git", "trees", c.TreeHash.String())},
			"comment_count": 0,
			"verification":  verification(),
		},
		"author":    r.s.commitUser(c.Author.Email),
		"committer": r.s.commitUser(c.Committer.Email),
		"parents":   parents,
	}
}

// gitCommitJSON returns a git-commit object (git/commits endpoints).
func (r *Repo) gitCommitJSON(c *object.Commit) obj {
	sha := c.Hash.String()
	parents := make([]any, 0, len(c.ParentHashes))
	for _, p := range c.ParentHashes {
		parents = append(parents, obj{"sha": p.String(), "url": r.api("git", "commits", p.String()), "html_url": r.web("commit", p.String())})
	}
	return obj{
		"sha": sha, "node_id": nodeID("C", sha),
		"url": r.api("git", "commits", sha), "html_url": r.web("commit", sha),
		"author": gitUser(c.Author), "committer": gitUser(c.Committer),
		"message":      strings.TrimRight(c.Message, "\n"),
		"tree":         obj{"sha": c.TreeHash.String(), "url": r.api("git", "trees", c.TreeHash.String())},
		"parents":      parents,
		"verification": verification(),
	}
}

// refJSON returns a git-ref object. Callers hold s.mu.
func (r *Repo) refJSON(g *gitRepo, ref *plumbing.Reference) obj {
	name := ref.Name().String()
	sha := ref.Hash().String()
	typ, _ := g.objectType(ref.Hash())
	kind := typ.String()
	return obj{
		"ref": name, "node_id": nodeID("REF", r.FullName()+":"+name), "url": r.api("git", name),
		"object": obj{"type": kind, "sha": sha, "url": r.api("git", kind+"s", sha)},
	}
}
