package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/bradleyfalzon/ghinstallation/v2"
)

// installations authenticates as the App (a JWT signed with its private
// key, for /app endpoints) and as each installation (a token fetched with
// that JWT). One transport is kept per installation, so its token is
// reused until a minute before it expires and then refreshed.
type installations struct {
	apps *ghinstallation.AppsTransport
	mu   sync.Mutex
	byID map[int64]http.RoundTripper
}

func newInstallations(apps *ghinstallation.AppsTransport) *installations {
	return &installations{apps: apps, byID: map[int64]http.RoundTripper{}}
}

// app is the transport that authenticates as the App itself.
func (a *installations) app() http.RoundTripper { return a.apps }

// transport returns the installation's transport, creating it on first
// use. It is safe for concurrent use.
func (a *installations) transport(id int64) http.RoundTripper {
	a.mu.Lock()
	defer a.mu.Unlock()
	t, ok := a.byID[id]
	if !ok {
		t = tokenAnswers{ghinstallation.NewFromAppsTransport(a.apps, id)}
		a.byID[id] = t
	}
	return t
}

// tokenAnswers turns GitHub's refusal to issue an installation token (a
// 4xx: the App was uninstalled or suspended, or its key revoked) into a
// 401 answer to the request that needed it, instead of the transport
// error ghinstallation returns: the client then fails at once rather than
// retrying as if the network had failed, and no caller mistakes it for a
// missing file (a 404).
type tokenAnswers struct{ tr *ghinstallation.Transport }

func (t tokenAnswers) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.tr.RoundTrip(req)
	var he *ghinstallation.HTTPError
	if !errors.As(err, &he) || he.Response == nil || he.Response.StatusCode >= 500 {
		return resp, err
	}
	io.Copy(io.Discard, io.LimitReader(he.Response.Body, 1<<16))
	he.Response.Body.Close()
	msg := fmt.Sprintf(`{"message":"GitHub refused a token for installation %d (%s)"}`, t.tr.InstallationID(), he.Response.Status)
	status := http.StatusUnauthorized
	return &http.Response{
		Status: fmt.Sprintf("%d %s", status, http.StatusText(status)), StatusCode: status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Request: req,
		Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(msg)), ContentLength: int64(len(msg)),
	}, nil
}

// forget drops an installation's transport (the App was uninstalled, or
// suspended: its token is no good any more).
func (a *installations) forget(id int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.byID, id)
}

// cached is the number of installation transports held.
func (a *installations) cached() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.byID)
}

// documentedBody replaces the literal null body that ghinstallation sends
// when asking for an installation token with the empty object GitHub's
// API description documents (GitHub itself accepts both).
type documentedBody struct{ base http.RoundTripper }

func (d documentedBody) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodPost || !strings.HasSuffix(req.URL.Path, "/access_tokens") || req.Body == nil {
		return d.base.RoundTrip(req)
	}
	body, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(string(body)) == "null" {
		body = []byte("{}")
	}
	out := req.Clone(req.Context())
	out.Body, out.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	return d.base.RoundTrip(out)
}
