package forge

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/go-github/v60/github"
	"github.com/releasebot/releasebot/internal/repohost"
)

// LatestRelease returns the release marked latest, nil when there is none
// (GET /repos/{owner}/{repo}/releases/latest).
func (c *Client) LatestRelease(ctx context.Context) (*repohost.Release, error) {
	r, _, err := c.gh.Repositories.GetLatestRelease(ctx, c.owner, c.repo)
	if err = classify(err, "reading the latest release"); errors.Is(err, repohost.ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	rel := toRelease(r)
	return &rel, nil
}

// ReleaseByTag returns the release of tag, nil when there is none
// (GET /repos/{owner}/{repo}/releases/tags/{tag}; drafts, which that
// endpoint does not show, are looked for in the first page of
// GET /repos/{owner}/{repo}/releases).
func (c *Client) ReleaseByTag(ctx context.Context, tag string) (*repohost.Release, error) {
	if err := CheckRef(tag); err != nil {
		return nil, fmt.Errorf("reading a release: the tag %w", err)
	}
	r, _, err := c.gh.Repositories.GetReleaseByTag(ctx, c.owner, c.repo, escapeRef(tag))
	err = classify(err, "reading release "+tag)
	if err == nil {
		rel := toRelease(r)
		return &rel, nil
	}
	if !errors.Is(err, repohost.ErrNotFound) {
		return nil, err
	}
	list, _, err := c.gh.Repositories.ListReleases(ctx, c.owner, c.repo, &github.ListOptions{PerPage: 100})
	if err != nil {
		return nil, classify(err, "listing releases")
	}
	for _, r := range list {
		if r.GetTagName() == tag {
			rel := toRelease(r)
			return &rel, nil
		}
	}
	return nil, nil
}

// CreateRelease publishes a release of an existing tag
// (POST /repos/{owner}/{repo}/releases).
func (c *Client) CreateRelease(ctx context.Context, nr repohost.NewRelease) (repohost.Release, error) {
	latest := "false"
	if nr.Latest {
		latest = "true"
	}
	r, _, err := c.gh.Repositories.CreateRelease(ctx, c.owner, c.repo, &github.RepositoryRelease{
		TagName: &nr.Tag, Name: &nr.Name, Body: &nr.Body,
		Draft: &nr.Draft, Prerelease: &nr.Prerelease, MakeLatest: &latest,
	})
	if err != nil {
		return repohost.Release{}, classify(err, "creating release "+nr.Tag)
	}
	return toRelease(r), nil
}

func toRelease(r *github.RepositoryRelease) repohost.Release {
	return repohost.Release{
		ID: r.GetID(), Tag: r.GetTagName(), Name: r.GetName(), URL: r.GetHTMLURL(), UploadURL: r.GetUploadURL(),
		Draft: r.GetDraft(), Prerelease: r.GetPrerelease(),
	}
}
