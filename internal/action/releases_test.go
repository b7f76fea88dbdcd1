package action

import (
	"bytes"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/bot"
	"github.com/releasebot/releasebot/internal/repohost"
)

// TestSummaryOfADraftAndAReleaseBelowTheLatest: a draft is said to be
// drafted, and a pre-release published below a higher release says it was
// not marked latest, in the summary and as a warning annotation.
func TestSummaryOfADraftAndAReleaseBelowTheLatest(t *testing.T) {
	r := result{command: "run", why: "push to next", acted: true, target: "next", report: bot.Report{Published: []bot.Published{
		{Tag: "v1.2.1", Version: "1.2.1", Release: repohost.Release{URL: "https://h/d", Draft: true}},
		{Tag: "v1.3.0-rc.1", Version: "1.3.0-rc.1", Below: "v2.0.0", Release: repohost.Release{URL: "https://h/rc", Prerelease: true}},
	}}}
	got := summary(r)
	for _, want := range []string{
		"**Drafted [v1.2.1](https://h/d)**",
		"**Released [v1.3.0-rc.1](https://h/rc)**",
		"> **Warning**: v1.3.0-rc.1 is a pre-release below the latest release v2.0.0: it was not marked latest, and v2.0.0 stays the latest release\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the summary lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Released [v1.2.1]") {
		t.Errorf("a draft is said to be released:\n%s", got)
	}
	var log bytes.Buffer
	for _, w := range warnings(r.report) {
		command(&log, "warning", []property{{"title", "releasebot"}}, w)
	}
	if !strings.Contains(log.String(), "::warning title=releasebot::v1.3.0-rc.1 is a pre-release below the latest release v2.0.0") {
		t.Errorf("no warning annotation: %q", log.String())
	}
}
