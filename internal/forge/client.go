// Package forge is the go-github adapter: it implements the bot's Host
// and history's APIHost on GitHub's REST API (github.com and GitHub Enterprise
// Server), with retries, rate-limit handling and call counting in its
// transport. Each method names the endpoint it calls.
package forge

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/google/go-github/v60/github"
)

// Options configure a Client.
type Options struct {
	// APIURL is the API's base URL: "https://api.github.com/" (the
	// default) or a GitHub Enterprise Server's "https://HOST/api/v3/".
	APIURL string
	// Token authenticates as a user, an Action's GITHUB_TOKEN or an App
	// installation; empty sends no credentials.
	Token string
	// Transport is the HTTP transport under the retrying one (the
	// default transport when nil); an App passes its installation
	// transport here.
	Transport http.RoundTripper
	Retry     Retry
}

// Client is one repository on GitHub.
type Client struct {
	gh          *github.Client
	owner, repo string
	// Calls counts the calls made through the client.
	Calls *Calls
	// trees remembers the trees of commits seen in listings, so that
	// TreeOf rarely needs a call of its own.
	trees sync.Map
	// treeLists holds the entries of the trees read, by tree hash.
	treeLists sync.Map
}

// New returns a client for owner/repo. An owner or a name GitHub would
// not allow (see CheckRepo) or a malformed APIURL is an error that names
// it; credentials inside the URL are refused, as they would leak into
// logs.
func New(owner, repo string, opts Options) (*Client, error) {
	if err := CheckRepo(owner, repo); err != nil {
		return nil, err
	}
	base := opts.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	calls := &Calls{}
	hc := &http.Client{Transport: &transport{base: base, retry: opts.Retry.withDefaults(), calls: calls, sleep: sleepCtx}}
	gh := github.NewClient(hc)
	if opts.Token != "" {
		gh = gh.WithAuthToken(opts.Token)
	}
	if opts.APIURL != "" {
		base, err := apiBase(opts.APIURL)
		if err != nil {
			return nil, err
		}
		gh.BaseURL = base
		if base.Host != "api.github.com" {
			upload := *base
			upload.Path = strings.TrimSuffix(strings.TrimSuffix(upload.Path, "/"), "/api/v3") + "/api/uploads/"
			gh.UploadURL = &upload
		}
	}
	return &Client{gh: gh, owner: owner, repo: repo, Calls: calls}, nil
}

// apiBase checks the API URL and returns it ending in "/". It is used as
// given, as GITHUB_API_URL is: "https://api.github.com" for github.com,
// "https://HOST/api/v3" for GitHub Enterprise Server.
func apiBase(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("API URL %q is not an http(s) URL such as https://github.example.com/api/v3", raw)
	}
	if u.User != nil {
		return nil, errors.New("the API URL must not hold credentials; pass the token separately")
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, nil
}

// WebURL returns the repository's web address for links in notes: on the
// API's own host (github.com for api.github.com), or serverURL (an
// Action's GITHUB_SERVER_URL) when it is given.
func WebURL(apiURL, serverURL, owner, repo string) string {
	if s, err := url.Parse(serverURL); serverURL != "" && err == nil && s.Host != "" {
		return strings.TrimSuffix(serverURL, "/") + "/" + owner + "/" + repo
	}
	u, err := url.Parse(apiURL)
	if apiURL == "" || err != nil || u.Host == "" || u.Host == "api.github.com" {
		return "https://github.com/" + owner + "/" + repo
	}
	return u.Scheme + "://" + u.Host + "/" + owner + "/" + repo
}

// DefaultBranch returns the repository's default branch
// (GET /repos/{owner}/{repo}).
func (c *Client) DefaultBranch(ctx context.Context) (string, error) {
	r, _, err := c.gh.Repositories.Get(ctx, c.owner, c.repo)
	if err != nil {
		return "", classify(err, "reading repository "+c.owner+"/"+c.repo)
	}
	return r.GetDefaultBranch(), nil
}
