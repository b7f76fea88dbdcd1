package forge

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/testsupport/fakegithub"
)

func TestReadFileFollowsOnlyLinksToFilesOfTheRepository(t *testing.T) {
	srv := fakegithub.New(t, fakegithub.Options{Token: "tok"})
	repo := srv.CreateRepo("acme", "rocket", "main")
	repo.Push("main", fakegithub.CommitSpec{
		Message: "chore: init",
		Files:   map[string]string{"meta/VERSION": "1.2.3\n"},
		Links:   map[string]string{"VERSION": "meta/VERSION", "package.json": "/etc/passwd", "CHANGELOG.md": "../outside/CHANGELOG.md"},
	})
	c, err := New("acme", "rocket", Options{APIURL: srv.URL(), Token: "tok"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if got, err := c.ReadFile(ctx, "main", "VERSION"); err != nil || string(got) != "1.2.3\n" {
		t.Errorf("VERSION = %q, %v; want the linked file", got, err)
	}
	for path, target := range map[string]string{"package.json": "/etc/passwd", "CHANGELOG.md": "../outside/CHANGELOG.md"} {
		got, err := c.ReadFile(ctx, "main", path)
		if err == nil || !strings.Contains(err.Error(), path+" at main is a symbolic link to "+target) {
			t.Errorf("%s = %q, %v; want an error naming the link and its target", path, got, err)
		}
		if errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s reads as missing, which a release would create over the link", path)
		}
	}
}
