package bot

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strings"

	"github.com/releasebot/releasebot/internal/repohost"
)

// DryRun wraps a host so that reads go through and every write is only
// described on log and answered with a plausible result. A dry run
// therefore takes the same path as a real one and shows exactly the writes
// it would make. Each write is a record as the bot logs them (see
// PlainLogger): a sentence starting "would ", the values under their keys,
// and dry_run=true. A nil log discards them.
func DryRun(h Host, log *slog.Logger) Host {
	return &dryRun{Host: h, log: orDiscard(log).With("dry_run", true)}
}

type dryRun struct {
	Host
	log  *slog.Logger
	fake int
}

func (d *dryRun) placeholder() string {
	d.fake++
	return fmt.Sprintf("%040x", d.fake)
}

func (d *dryRun) CreatePull(_ context.Context, head, base, title, body string) (repohost.Pull, error) {
	d.log.Info(fmt.Sprintf("would open a pull request %q from %s into %s", title, head, base), "title", title, "branch", head, "base", base)
	return repohost.Pull{Title: title, Body: body, Head: head, Base: base, State: "open"}, nil
}

func (d *dryRun) EditPull(_ context.Context, number int, title, body, state string) (repohost.Pull, error) {
	if state == "closed" {
		d.log.Info(fmt.Sprintf("would close pull request #%d", number), "pull", number)
	} else {
		d.log.Info(fmt.Sprintf("would update pull request #%d: %q", number, title), "pull", number, "title", title)
	}
	return repohost.Pull{Number: number, Title: title, Body: body, State: state}, nil
}

func (d *dryRun) AddLabels(_ context.Context, number int, labels ...string) error {
	d.log.Info(fmt.Sprintf("would label #%d with %s", number, strings.Join(labels, ", ")), "pull", number, "labels", labels)
	return nil
}

func (d *dryRun) RemoveLabel(_ context.Context, number int, label string) error {
	d.log.Info(fmt.Sprintf("would remove label %s from #%d", label, number), "pull", number, "label", label)
	return nil
}

func (d *dryRun) Comment(_ context.Context, number int, body string) error {
	first, _, _ := strings.Cut(body, "\n")
	d.log.Info(fmt.Sprintf("would comment on #%d: %s", number, first), "pull", number, "comment", first)
	return nil
}

func (d *dryRun) CreateRef(_ context.Context, ref, sha string) error {
	d.log.Info(fmt.Sprintf("would create %s at %s", ref, short(sha)), "ref", ref, "commit", sha)
	return nil
}

func (d *dryRun) UpdateRef(_ context.Context, ref, sha string, force bool) error {
	d.log.Info(fmt.Sprintf("would move %s to %s", ref, short(sha)), "ref", ref, "commit", sha, "force", force)
	return nil
}

func (d *dryRun) DeleteRef(_ context.Context, ref string) error {
	d.log.Info(fmt.Sprintf("would delete %s", ref), "ref", ref)
	return nil
}

func (d *dryRun) CreateCommit(_ context.Context, parent, _ string, files map[string][]byte, _ map[string]bool, message func(string) string) (string, error) {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	subject, _, _ := strings.Cut(message(""), "\n")
	d.log.Info(fmt.Sprintf("would commit %q on %s changing %s", subject, short(parent), strings.Join(paths, ", ")),
		"subject", subject, "parent", parent, "files", paths)
	return d.placeholder(), nil
}

func (d *dryRun) CreateTag(_ context.Context, name, sha, _ string) error {
	d.log.Info(fmt.Sprintf("would tag %s at %s", name, short(sha)), "tag", name, "commit", sha)
	return nil
}

func (d *dryRun) CreateRelease(_ context.Context, r repohost.NewRelease) (repohost.Release, error) {
	kind := "release"
	if r.Prerelease {
		kind = "pre-release"
	}
	d.log.Info(fmt.Sprintf("would publish %s %s (draft: %v, latest: %v)", kind, r.Tag, r.Draft, r.Latest),
		"tag", r.Tag, "prerelease", r.Prerelease, "draft", r.Draft, "latest", r.Latest)
	return repohost.Release{Tag: r.Tag, Name: r.Name, Draft: r.Draft, Prerelease: r.Prerelease}, nil
}
