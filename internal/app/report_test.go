package app

import (
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
	"github.com/releasebot/releasebot/internal/usererr"
)

// TestPushToAFeatureBranch: a push to a branch that is not a release
// branch reads the configuration and does nothing else.
func TestPushToAFeatureBranch(t *testing.T) {
	w := newWorld(t, false)
	a := w.start(Options{})
	sha := w.repo.Push("feature", fakegithub.CommitSpec{Message: "feat: x", Files: map[string]string{"x": "x\n"}})
	a.send(t, "push", w.push("feature", sha))
	idle(t, a)
	if len(w.repo.PRs()) != 0 || !strings.Contains(w.logs.String(), "not a release branch") {
		t.Errorf("pull requests %+v", w.repo.PRs())
	}
}

func TestConfigRunNamesFileLineAndField(t *testing.T) {
	run := configRun("abc", "main", false, &usererr.Error{File: ".github/releasebot.yml", Line: 4, Field: "labels.major", Msg: `"release" is also labels.minor`})
	if run.Conclusion != "failure" || run.Title != "Invalid .github/releasebot.yml at line 4 (labels.major)" ||
		len(run.Annotations) != 1 || run.Annotations[0].Line != 4 || run.Annotations[0].Path != ".github/releasebot.yml" {
		t.Errorf("%+v", run)
	}
	syntax := configRun("abc", "main", true, &usererr.Error{Msg: "not YAML"})
	if syntax.Title != "Invalid .github/releasebot.yml" || len(syntax.Annotations) != 0 || !strings.Contains(syntax.Summary, "in this pull request") {
		t.Errorf("%+v", syntax)
	}
}

// TestPushToTheReleaseBranch: a person's push to releasebot/main runs the
// bot on main, which takes the version they wrote; the same push by a bot
// (releasebot's own) is ignored.
func TestPushToTheReleaseBranch(t *testing.T) {
	w := newWorld(t, false)
	a := w.start(Options{})
	a.send(t, "push", w.push("main", w.repo.Push("main", fakegithub.CommitSpec{Message: "fix: x (#1)", Files: map[string]string{"x": "x\n"}})))
	idle(t, a)
	open := w.releasePulls("open")
	if len(open) != 1 {
		t.Fatalf("release pull requests %+v", open)
	}
	tip := w.repo.Push("releasebot/main", fakegithub.CommitSpec{Message: "chore: release 2.0.0", Files: map[string]string{"VERSION": "2.0.0\n"}})
	bot := w.push("releasebot/main", tip)
	bot = edit(t, bot, map[string]any{"sender.type": "Bot"})
	a.send(t, "push", bot)
	idle(t, a)
	if open := w.releasePulls("open"); len(open) != 1 || strings.Contains(open[0].Title, "2.0.0") {
		t.Fatalf("a bot's push was acted on: %+v", open)
	}
	a.send(t, "push", w.push("releasebot/main", tip))
	idle(t, a)
	if open := w.releasePulls("open"); len(open) != 1 || !strings.Contains(open[0].Title, "release 2.0.0") {
		t.Errorf("after a person's push of VERSION 2.0.0: %+v", open)
	}
}
