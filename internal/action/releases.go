package action

import (
	"strings"

	"github.com/releasebot/releasebot/internal/bot"
)

// releasedWord is the verb of a published release in the summary: a
// draft is only drafted, visible to maintainers until one publishes it.
func releasedWord(p bot.Published) string {
	if p.Release.Draft {
		return "Drafted"
	}
	return "Released"
}

// releaseWarnings are the warnings about the releases a step published:
// one published below a higher release (a pre-release of a channel, a
// maintenance release) was not marked latest.
func releaseWarnings(rep bot.Report) []string {
	var out []string
	for _, p := range rep.Published {
		if p.Below == "" {
			continue
		}
		kind := "release"
		if p.Release.Prerelease {
			kind = "pre-release"
		}
		out = append(out, p.Tag+" is a "+kind+" below the latest release "+p.Below+": it was not marked latest, and "+p.Below+" stays the latest release")
	}
	return out
}

// writeReleaseWarnings puts releaseWarnings in the summary, one quoted
// line each.
func writeReleaseWarnings(b *strings.Builder, rep bot.Report) {
	for _, w := range releaseWarnings(rep) {
		b.WriteString("> **Warning**: " + inline(w) + "\n\n")
	}
}
