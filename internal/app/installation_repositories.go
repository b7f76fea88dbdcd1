package app

import (
	"encoding/json"
	"fmt"

	"github.com/google/go-github/v60/github"
)

// installationReposHandler logs and counts repositories added to or
// removed from an installation.
type installationReposHandler struct{ metrics *metrics }

var _ eventHandler = installationReposHandler{}

func (h installationReposHandler) handle(d *delivery, payload []byte) (handled, error) {
	var ev github.InstallationRepositoriesEvent
	if err := json.Unmarshal(payload, &ev); err != nil {
		return handled{}, fmt.Errorf("the installation_repositories event does not decode: %v", err)
	}
	action := ev.GetAction()
	h.metrics.installEvents.WithLabelValues("installation_repositories", action).Inc()
	names := func(rs []*github.Repository) []string {
		out := make([]string, 0, len(rs))
		for _, r := range rs {
			out = append(out, r.GetFullName())
		}
		return out
	}
	d.log.Info("installation repositories "+action, "installation", ev.GetInstallation().GetID(),
		"added", names(ev.RepositoriesAdded), "removed", names(ev.RepositoriesRemoved))
	return handled{outcome: "logged", note: "installation_repositories " + action + " logged"}, nil
}
