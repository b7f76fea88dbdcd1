package connect

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/forge"
	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
	"github.com/releasebot/releasebot/internal/usererr"
)

// TestRemoteConfig reads the configuration through the API as config.Load
// does from a checkout: the default file is optional, a named one is not,
// and only the user's mistakes are user errors.
func TestRemoteConfig(t *testing.T) {
	srv := fakegithub.New(t, fakegithub.Options{Token: "t"})
	repo := srv.CreateRepo("acme", "rocket", "main")
	bare := repo.Push("main", fakegithub.CommitSpec{Message: "chore: start", Files: map[string]string{"README.md": "rocket\n"}})
	repo.Push("good", fakegithub.CommitSpec{Message: "chore: configure", Files: map[string]string{".github/releasebot.yml": "tag-prefix: rel-\n"}})
	repo.Push("bad", fakegithub.CommitSpec{Message: "chore: configure", Files: map[string]string{"ci/releasebot.yml": "tag-prefix: v\nchangelog:\n  pth: x\n"}})
	c, err := forge.New("acme", "rocket", forge.Options{APIURL: srv.URL(), Token: "t", Retry: forge.Retry{Attempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	cfg, err := RemoteConfig(ctx, c, bare, "")
	if err != nil || cfg.Path != "" || cfg.TagPrefix != "v" {
		t.Errorf("no configuration file: %+v, %v; want Default()", cfg, err)
	}
	if cfg, err = RemoteConfig(ctx, c, "good", ""); err != nil || cfg.Path != config.DefaultPath || cfg.TagPrefix != "rel-" {
		t.Errorf("the default file: %+v, %v", cfg, err)
	}

	_, err = RemoteConfig(ctx, c, "good", "ci/releasebot.yml")
	if e := config.Unreadable(err); e == nil || e.File != "ci/releasebot.yml" || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing named file: %v, want a user error naming it", err)
	}

	_, err = RemoteConfig(ctx, c, "bad", "ci/releasebot.yml")
	if e := config.Invalid(err); e == nil || e.File != "ci/releasebot.yml" || e.Line != 3 {
		t.Errorf("an invalid named file: %v, want a user error on its line 3", err)
	}

	srv.FailCall(1, 500, nil)
	_, err = RemoteConfig(ctx, c, "good", "")
	if err == nil || usererr.Is(err) || !strings.HasPrefix(err.Error(), "reading the configuration: ") {
		t.Errorf("a failing API: %v, want a failure that is no user error", err)
	}
}
