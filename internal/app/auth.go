package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
)

// installations authenticates as the App (a JWT signed with its private
// key, for /app endpoints) and as each installation (a token fetched with
// that JWT). One transport is kept per installation, so its token is
// reused until a minute before it expires and then refreshed, or replaced
// at once when GitHub stops accepting it (see tokenTransport).
type installations struct {
	apps *ghinstallation.AppsTransport
	mu   sync.Mutex
	byID map[int64]*tokenTransport
}

func newInstallations(apps *ghinstallation.AppsTransport) *installations {
	return &installations{apps: apps, byID: map[int64]*tokenTransport{}}
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
		t = &tokenTransport{apps: a.apps, id: id}
		t.cur.Store(ghinstallation.NewFromAppsTransport(a.apps, id))
		a.byID[id] = t
	}
	return t
}

// renewAfter is the least time between two renewals of an installation's
// token: a new token refused as well is a real failure, not a reason to
// fetch token after token.
const renewAfter = 10 * time.Second

// tokenTransport authenticates as one installation. ghinstallation keeps
// the token inside its transport and replaces it only when it expires, so
// a token GitHub stopped accepting (revoked, or its installation's
// credentials reset) would fail every request for up to an hour: on a 401
// to a request made with the token, the transport is replaced by a new
// one (a new token) and the request is sent once more, once. A request
// whose body cannot be sent again (no GetBody) gets the 401.
type tokenTransport struct {
	apps *ghinstallation.AppsTransport
	id   int64
	cur  atomic.Pointer[ghinstallation.Transport]
	mu   sync.Mutex // guards renewed, and the replacement of cur
	// renewed is when the token was last replaced.
	renewed time.Time
}

func (t *tokenTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	tr := t.cur.Load()
	resp, refused, err := t.send(tr, req)
	replayable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	if err != nil || refused || resp.StatusCode != http.StatusUnauthorized || !replayable || !t.renew(tr) {
		return resp, err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	resp.Body.Close()
	retry := req.Clone(req.Context())
	if req.GetBody != nil {
		if retry.Body, err = req.GetBody(); err != nil {
			return nil, err
		}
	}
	resp, _, err = t.send(t.cur.Load(), retry)
	return resp, err
}

// renew replaces the transport whose token was refused, unless another
// request did so already (its new token is then used), and says whether
// to try again: not when the token was renewed less than renewAfter ago
// (the 401 stands).
func (t *tokenTransport) renew(refused *ghinstallation.Transport) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cur.Load() != refused {
		return true
	}
	if !t.renewed.IsZero() && time.Since(t.renewed) < renewAfter {
		return false
	}
	t.renewed = time.Now()
	t.cur.Store(ghinstallation.NewFromAppsTransport(t.apps, t.id))
	return true
}

// send sends req with tr's token. GitHub's refusal to issue the token (a
// 4xx: the App was uninstalled or suspended, or its key revoked) becomes
// a 401 answer to the request (refused is true), instead of the transport
// error ghinstallation returns: the client then fails at once rather than
// retrying as if the network had failed, and no caller mistakes it for a
// missing file (a 404).
func (t *tokenTransport) send(tr *ghinstallation.Transport, req *http.Request) (resp *http.Response, refused bool, err error) {
	resp, err = tr.RoundTrip(req)
	var he *ghinstallation.HTTPError
	if !errors.As(err, &he) || he.Response == nil || he.Response.StatusCode >= 500 {
		return resp, false, err
	}
	io.Copy(io.Discard, io.LimitReader(he.Response.Body, 1<<16))
	he.Response.Body.Close()
	msg := fmt.Sprintf(`{"message":"GitHub refused a token for installation %d (%s)"}`, t.id, he.Response.Status)
	status := http.StatusUnauthorized
	return &http.Response{
		Status: fmt.Sprintf("%d %s", status, http.StatusText(status)), StatusCode: status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Request: req,
		Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(msg)), ContentLength: int64(len(msg)),
	}, true, nil
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
