package app

import (
	"net/http"
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
	byID map[int64]*ghinstallation.Transport
}

func newInstallations(apps *ghinstallation.AppsTransport) *installations {
	return &installations{apps: apps, byID: map[int64]*ghinstallation.Transport{}}
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
		t = ghinstallation.NewFromAppsTransport(a.apps, id)
		a.byID[id] = t
	}
	return t
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
