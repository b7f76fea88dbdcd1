package plan

import (
	"testing"

	"github.com/releasebot/releasebot/internal/config"
)

func TestReleaseBranch(t *testing.T) {
	cfg := config.Default()
	cfg.Channels = map[string]string{"next": "rc", "beta/*": "beta"}
	for branch, want := range map[string]bool{
		"next": true, "beta/2": true, "release/1.x": true, "release/1.2.x": true, "stable/0.9.x": true,
		"main": false, "feature": false, "release/x": false, "stable/1.x": false, "beta": false, "next2": false,
	} {
		if got := ReleaseBranch(cfg, branch); got != want {
			t.Errorf("%s: %v, want %v", branch, got, want)
		}
	}
	cfg.MaintenanceBranches = nil
	if ReleaseBranch(cfg, "release/1.x") {
		t.Error("maintenance-branches: [] still makes release/1.x a release branch")
	}
	parsed, err := config.Parse("r.yml", []byte("channels:\n  next: rc\n  beta/*: beta\nmaintenance-branches:\n  - lts/<major>.x\n  - release/<major>.<minor>.x\n"))
	if err != nil {
		t.Fatal(err)
	}
	for branch, want := range map[string]bool{
		"next": true, "beta/2": true, "lts/1.x": true, "release/1.2.x": true,
		"feature": false, "lts/one.x": false, "release/1.x": false, "nexts": false, "lts/01.x": false,
	} {
		if got := ReleaseBranch(parsed, branch); got != want {
			t.Errorf("configured %s: %v, want %v", branch, got, want)
		}
	}
	if ReleaseBranch(config.Default(), "develop") {
		t.Error("the default configuration has a release branch besides the default one")
	}
}
