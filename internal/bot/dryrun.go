package bot

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/releasebot/releasebot/internal/repohost"
)

// DryRun wraps a host so that reads go through and every write is only
// described on log ("would ...") and answered with a plausible result. A
// dry run therefore takes the same path as a real one and shows exactly
// the writes it would make.
func DryRun(h Host, log io.Writer) Host { return &dryRun{Host: h, log: log} }

type dryRun struct {
	Host
	log  io.Writer
	fake int
}

func (d *dryRun) would(format string, args ...any) {
	fmt.Fprintf(d.log, "would "+format+"\n", args...)
}

func (d *dryRun) placeholder() string {
	d.fake++
	return fmt.Sprintf("%040x", d.fake)
}

func (d *dryRun) CreatePull(_ context.Context, head, base, title, body string) (repohost.Pull, error) {
	d.would("open a pull request %q from %s into %s", title, head, base)
	return repohost.Pull{Title: title, Body: body, Head: head, Base: base, State: "open"}, nil
}

func (d *dryRun) EditPull(_ context.Context, number int, title, body, state string) (repohost.Pull, error) {
	if state == "closed" {
		d.would("close pull request #%d", number)
	} else {
		d.would("update pull request #%d: %q", number, title)
	}
	return repohost.Pull{Number: number, Title: title, Body: body, State: state}, nil
}

func (d *dryRun) AddLabels(_ context.Context, number int, labels ...string) error {
	d.would("label #%d with %s", number, strings.Join(labels, ", "))
	return nil
}

func (d *dryRun) RemoveLabel(_ context.Context, number int, label string) error {
	d.would("remove label %s from #%d", label, number)
	return nil
}

func (d *dryRun) Comment(_ context.Context, number int, body string) error {
	first, _, _ := strings.Cut(body, "\n")
	d.would("comment on #%d: %s", number, first)
	return nil
}

func (d *dryRun) CreateRef(_ context.Context, ref, sha string) error {
	d.would("create %s at %s", ref, short(sha))
	return nil
}

func (d *dryRun) UpdateRef(_ context.Context, ref, sha string, force bool) error {
	d.would("move %s to %s", ref, short(sha))
	return nil
}

func (d *dryRun) DeleteRef(_ context.Context, ref string) error {
	d.would("delete %s", ref)
	return nil
}

func (d *dryRun) CreateCommit(_ context.Context, parent, _ string, files map[string][]byte, _ map[string]bool, message func(string) string) (string, error) {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	subject, _, _ := strings.Cut(message(""), "\n")
	d.would("commit %q on %s changing %s", subject, short(parent), strings.Join(paths, ", "))
	return d.placeholder(), nil
}

func (d *dryRun) CreateTag(_ context.Context, name, sha, _ string) error {
	d.would("tag %s at %s", name, short(sha))
	return nil
}

func (d *dryRun) CreateRelease(_ context.Context, r repohost.NewRelease) (repohost.Release, error) {
	kind := "release"
	if r.Prerelease {
		kind = "pre-release"
	}
	d.would("publish %s %s (draft: %v, latest: %v)", kind, r.Tag, r.Draft, r.Latest)
	return repohost.Release{Tag: r.Tag, Name: r.Name, Draft: r.Draft, Prerelease: r.Prerelease}, nil
}
