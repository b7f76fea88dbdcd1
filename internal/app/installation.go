package app

import (
	"encoding/json"
	"fmt"

	"github.com/google/go-github/v60/github"
)

// installationHandler logs and counts the App being installed, removed,
// suspended or given new permissions. An installation that is deleted or
// suspended loses its cached token. Nothing is run: the installation's
// repositories are worked on at their first event (or resync).
type installationHandler struct {
	auth    *installations
	metrics *metrics
}

var _ eventHandler = installationHandler{}

func (h installationHandler) handle(d *delivery, payload []byte) (handled, error) {
	var ev github.InstallationEvent
	if err := json.Unmarshal(payload, &ev); err != nil {
		return handled{}, fmt.Errorf("the installation event does not decode: %v", err)
	}
	inst, action := ev.GetInstallation(), ev.GetAction()
	h.metrics.installEvents.WithLabelValues("installation", action).Inc()
	if action == "deleted" || action == "suspend" {
		h.auth.forget(inst.GetID())
	}
	d.log.Info("installation "+action, "installation", inst.GetID(), "account", inst.GetAccount().GetLogin(),
		"repositories", len(ev.Repositories), "sender", ev.GetSender().GetLogin())
	return handled{outcome: "logged", note: "installation " + action + " logged"}, nil
}
