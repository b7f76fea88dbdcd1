package app

import (
	"encoding/json"
	"fmt"
	"strings"
)

// pushHandler runs the bot on a pushed branch: always on the default
// branch; on another branch only when its configuration makes it a
// release branch (a maintenance branch or a pre-release channel), which
// the task checks. A person's push to a release pull request's branch
// (releasebot/TARGET) runs the bot on TARGET, which lays their edits over
// the release; releasebot's own pushes there, tags and deleted branches
// are ignored.
type pushHandler struct{}

var _ eventHandler = pushHandler{}

func (pushHandler) handle(d *delivery, payload []byte) (handled, error) {
	var ev pushPayload
	if err := json.Unmarshal(payload, &ev); err != nil {
		return handled{}, fmt.Errorf("the push event does not decode: %v", err)
	}
	repo, inst := ev.Repository, ev.Installation.ID
	d.log = d.log.With("installation", inst, "repository", repo.FullName)
	owner, name, err := splitRepo(repo.FullName, repo.Owner.Login, repo.Name)
	if err != nil {
		return handled{}, err
	}
	if err := checkFields(
		fieldCheck{"installation.id", installationID(inst)},
		fieldCheck{"ref", optionalRef(ev.Ref)},
		fieldCheck{"after", optionalSHA(ev.After)},
		fieldCheck{"repository.default_branch", optionalRef(repo.DefaultBranch)},
	); err != nil {
		return handled{}, err
	}
	branch, isBranch := strings.CutPrefix(ev.Ref, "refs/heads/")
	switch {
	case inst == 0:
		return ignore("no installation: the delivery does not come from a GitHub App")
	case !isBranch:
		return ignore(ev.Ref + " is not a branch")
	case ev.Deleted:
		return ignore("branch " + branch + " was deleted")
	case strings.HasPrefix(branch, "releasebot/") && ev.Sender.Type == "Bot":
		return ignore("releasebot's own branch " + branch + ", pushed by a bot")
	case strings.HasPrefix(branch, "releasebot/"):
		target := strings.TrimPrefix(branch, "releasebot/")
		if i := strings.LastIndex(target, "--"); i > 0 {
			target = target[:i] // a package's own pull request
		}
		if target == "" {
			return ignore("releasebot's own branch " + branch)
		}
		branch = target
	}
	d.log = d.log.With("branch", branch)
	return handled{tasks: []*task{{
		kind: kindRun, installation: inst, owner: owner, name: name,
		branch: branch, defaultBranch: repo.DefaultBranch, reportSHA: ev.After,
	}}}, nil
}
