package fakegithub

import (
	"fmt"
	"net/http"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// release is a GitHub release.
type release struct {
	id                int64
	tag, target       string
	name, body        string
	draft, prerelease bool
	author            string
	created           time.Time
	published         time.Time
	notLatest         bool // make_latest "false" was asked
}

// latestRelease returns the release GitHub calls latest: the one made latest
// explicitly (Repo.latestID), else the newest published non-prerelease that
// was not made latest "false" (GitHub's legacy rule, by creation date).
func (r *Repo) latestRelease() *release {
	var candidate *release
	for _, rel := range r.sortedReleases() {
		if rel.draft || rel.prerelease {
			continue
		}
		if rel.id == r.latestID {
			return rel
		}
		if candidate == nil && !rel.notLatest {
			candidate = rel
		}
	}
	return candidate
}

// makeLatest applies make_latest ("true", "false", "legacy"; "" means
// "true" when defaultTrue, else no change). Drafts and prereleases never
// become latest.
func (r *Repo) makeLatest(rel *release, value string, defaultTrue bool) {
	if value == "" && defaultTrue {
		value = "true"
	}
	switch value {
	case "true":
		rel.notLatest = false
		if !rel.draft && !rel.prerelease {
			r.latestID = rel.id
		}
	case "false":
		rel.notLatest = true
		if r.latestID == rel.id {
			r.latestID = 0
		}
	case "legacy":
		rel.notLatest = false
		r.latestID = 0
	}
}

func (r *Repo) release(id int64) *release {
	for _, rel := range r.releases {
		if rel.id == id {
			return rel
		}
	}
	return nil
}

func (r *Repo) releaseByTag(tag string) *release {
	for _, rel := range r.releases {
		if rel.tag == tag {
			return rel
		}
	}
	return nil
}

// publishTag creates refs/tags/TAG at the release's target if the tag does
// not exist yet, as GitHub does when a release is published.
func (r *Repo) publishTag(rel *release) error {
	g := r.git()
	name := "refs/tags/" + rel.tag
	if _, ok := g.ref(name); ok {
		return nil
	}
	h, ok := g.resolve(rel.target)
	if !ok {
		return fmt.Errorf("target_commitish %q does not exist", rel.target)
	}
	return g.setRef(name, h, plumbing.ZeroHash)
}

func (r *Repo) releaseJSON(rel *release) obj {
	id := fmt.Sprint(rel.id)
	o := obj{
		"url": r.api("releases", id), "id": rel.id, "node_id": nodeID("RE", rel.id),
		"html_url":   r.web("releases", "tag", rel.tag),
		"assets_url": r.api("releases", id, "assets"),
		"upload_url": r.s.webBase + "api/uploads/repos/" + r.FullName() + "/releases/" + id + "/assets{?name,label}",
		"tag_name":   rel.tag, "target_commitish": rel.target,
		"name": nullable(rel.name), "body": nullable(rel.body),
		"draft": rel.draft, "prerelease": rel.prerelease,
		"created_at": timestamp(rel.created), "published_at": nullableTime(rel.published),
		"author": r.s.user(rel.author), "assets": []any{},
		"tarball_url": nil, "zipball_url": nil,
	}
	if !rel.draft {
		o["tarball_url"] = r.api("tarball", rel.tag)
		o["zipball_url"] = r.api("zipball", rel.tag)
	}
	return o
}

type releaseIn struct {
	TagName         *string `json:"tag_name"`
	TargetCommitish *string `json:"target_commitish"`
	Name            *string `json:"name"`
	Body            *string `json:"body"`
	Draft           *bool   `json:"draft"`
	Prerelease      *bool   `json:"prerelease"`
	MakeLatest      string  `json:"make_latest"`
}

// POST /repos/{owner}/{repo}/releases: 422 already_exists when a release
// has the tag; publishing creates the tag at target_commitish (default: the
// default branch) if it does not exist. generate_release_notes is ignored.
func createRelease(c *call) reply {
	var in releaseIn
	if err := c.decode(&in); err != nil || in.TagName == nil {
		return invalid("Problems parsing JSON")
	}
	if c.repo.releaseByTag(*in.TagName) != nil {
		return invalid("Validation Failed", fieldError{Resource: "Release", Field: "tag_name", Code: "already_exists"})
	}
	now := c.s.now()
	rel := &release{id: c.s.newID(), tag: *in.TagName, target: c.repo.defaultBranch, author: c.actor, created: now}
	setRelease(rel, in)
	if !rel.draft {
		if err := c.repo.publishTag(rel); err != nil {
			return invalid("Validation Failed", fieldError{Resource: "Release", Field: "target_commitish", Code: "invalid", Message: err.Error()})
		}
		rel.published = now
	}
	c.repo.releases = append(c.repo.releases, rel)
	c.repo.makeLatest(rel, in.MakeLatest, true)
	return created(c.repo.releaseJSON(rel), c.repo.api("releases", fmt.Sprint(rel.id)))
}

func setRelease(rel *release, in releaseIn) {
	if in.TagName != nil {
		rel.tag = *in.TagName
	}
	if in.TargetCommitish != nil && *in.TargetCommitish != "" {
		rel.target = *in.TargetCommitish
	}
	if in.Name != nil {
		rel.name = *in.Name
	}
	if in.Body != nil {
		rel.body = *in.Body
	}
	if in.Draft != nil {
		rel.draft = *in.Draft
	}
	if in.Prerelease != nil {
		rel.prerelease = *in.Prerelease
	}
}

// PATCH /repos/{owner}/{repo}/releases/{release_id}: publishing a draft
// creates its tag and, unless make_latest says otherwise, makes it latest.
func updateRelease(c *call) reply {
	rel := c.repo.release(c.intParam("release_id"))
	if rel == nil {
		return notFound()
	}
	var in releaseIn
	if err := c.decode(&in); err != nil {
		return invalid("Problems parsing JSON")
	}
	if in.TagName != nil && *in.TagName != rel.tag && c.repo.releaseByTag(*in.TagName) != nil {
		return invalid("Validation Failed", fieldError{Resource: "Release", Field: "tag_name", Code: "already_exists"})
	}
	wasDraft := rel.draft
	before := *rel
	setRelease(rel, in)
	publishing := wasDraft && !rel.draft
	if publishing || (!rel.draft && rel.tag != before.tag) {
		if err := c.repo.publishTag(rel); err != nil {
			*rel = before
			return invalid("Validation Failed", fieldError{Resource: "Release", Field: "target_commitish", Code: "invalid", Message: err.Error()})
		}
	}
	if publishing {
		rel.published = c.s.now()
	}
	c.repo.makeLatest(rel, in.MakeLatest, publishing)
	if r := c.repo; r.latestID == rel.id && (rel.draft || rel.prerelease) {
		r.latestID = 0
	}
	return okJSON(c.repo.releaseJSON(rel))
}

// GET /repos/{owner}/{repo}/releases: newest first, drafts included.
func listReleases(c *call) reply {
	rels := c.repo.sortedReleases()
	items := make([]obj, 0, len(rels))
	for _, rel := range rels {
		items = append(items, c.repo.releaseJSON(rel))
	}
	return list(c, items)
}

// GET /repos/{owner}/{repo}/releases/latest: 404 when no release qualifies.
func getLatestRelease(c *call) reply {
	rel := c.repo.latestRelease()
	if rel == nil {
		return notFound()
	}
	return okJSON(c.repo.releaseJSON(rel))
}

// GET /repos/{owner}/{repo}/releases/tags/{tag}: published releases only,
// like GitHub; 404 otherwise.
func getReleaseByTag(c *call) reply {
	rel := c.repo.releaseByTag(c.param("tag"))
	if rel == nil || rel.draft {
		return notFound()
	}
	return okJSON(c.repo.releaseJSON(rel))
}

// GET /repos/{owner}/{repo}/releases/{release_id}.
func getRelease(c *call) reply {
	rel := c.repo.release(c.intParam("release_id"))
	if rel == nil {
		return fail(http.StatusNotFound, "Not Found")
	}
	return okJSON(c.repo.releaseJSON(rel))
}
