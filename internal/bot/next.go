package bot

import (
	"context"
	"fmt"

	"github.com/releasebot/releasebot/internal/plan"
)

// Next computes the pending releases at the tip of the target, from the
// same input as the release pull request (the target's line, what pull
// requests say), and writes nothing. The report holds the plan of a
// repository without packages, or the releasable packages.
func (b *Bot) Next(ctx context.Context) (Report, error) {
	states, err := b.load(ctx, nil)
	if err != nil {
		return Report{}, err
	}
	open, err := b.currentReleasePull(ctx)
	if err != nil {
		return Report{}, err
	}
	in, err := b.input(ctx, states, open)
	if err != nil {
		return Report{}, err
	}
	results, err := plan.Releases(in, states, plan.Notes)
	if err != nil {
		return Report{}, err
	}
	if !b.multi() {
		res := results[0].Result
		if res.Plan.Releasable {
			b.log().Info(fmt.Sprintf("next version: %s (%s)", res.Plan.Next, res.Plan.Level),
				"version", res.Plan.Next.String(), "bump", res.Plan.Level.String())
		} else {
			b.log().Info("nothing to release")
		}
		return Report{Plan: &res}, nil
	}
	rep := Report{Packages: releasable(results)}
	for _, r := range rep.Packages {
		b.log().Info(fmt.Sprintf("next version of %s: %s (%s)", r.Name, r.Plan.Next, r.Plan.Level),
			"package", r.Name, "version", r.Plan.Next.String(), "bump", r.Plan.Level.String())
	}
	if len(rep.Packages) == 0 {
		b.log().Info("nothing to release in any package")
	}
	return rep, nil
}
