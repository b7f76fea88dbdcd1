package checkout_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/checkout"
	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/testsupport/checkoutfixture"
)

func TestLinksLeavingTheCheckoutAreNeverRead(t *testing.T) {
	f := checkoutfixture.New(t)
	secret := filepath.Join(f.Outside, "secret.json")
	if err := os.WriteFile(secret, []byte(`{"version": "9.9.9", "token": "s3cr3t"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	f.Link(secret, "package.json")
	f.Link("../outside", "sub")
	f.Commit("chore: init", nil)
	w := f.Open()
	data, err := w.ReadFile("package.json")
	checkoutfixture.WantEscape(t, err, "package.json", secret)
	if len(data) > 0 {
		t.Errorf("read %q", data)
	}
	_, err = w.ReadFile("sub/secret.json")
	checkoutfixture.WantEscape(t, err, "sub", "../outside")
	// The same links as HEAD commits them, as the Action reads files.
	_, err = atHead(w, "package.json")
	checkoutfixture.WantEscape(t, err, "package.json", secret)
	_, err = atHead(w, "sub/secret.json")
	checkoutfixture.WantEscape(t, err, "sub", "../outside")
}

func TestConfigurationLinkedOutsideIsNotRead(t *testing.T) {
	f := checkoutfixture.New(t)
	cfg := filepath.Join(f.Outside, "releasebot.yml")
	if err := os.WriteFile(cfg, []byte("tag-prefix: v\nprivate-key-line: s3cr3t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.Link(cfg, ".github/releasebot.yml")
	f.Commit("chore: init", nil)
	for _, explicit := range []string{"", filepath.Join(f.Dir, ".github", "releasebot.yml")} {
		_, err := checkout.Open(checkout.Options{Dir: f.Dir, ConfigPath: explicit})
		checkoutfixture.WantEscape(t, err, ".github/releasebot.yml", cfg)
		// A user error (exit code 2) naming the file as the user did.
		file := explicit
		if file == "" {
			file = config.DefaultPath
		}
		if e := config.Unreadable(err); e == nil || e.File != file ||
			!strings.HasPrefix(err.Error(), file+": cannot read configuration: .github/releasebot.yml is a symbolic link to ") {
			t.Errorf("Open(ConfigPath %q) = %v, want a user error naming %s", explicit, err, file)
		}
		if strings.Contains(err.Error(), "s3cr3t") || strings.Contains(err.Error(), "private-key-line") {
			t.Errorf("the outside file's content shows in the error: %v", err)
		}
	}
}

func TestCommittedLinksInsideTheCheckoutAreFollowed(t *testing.T) {
	f := checkoutfixture.New(t)
	f.Write("meta/VERSION", "1.0.0\n")
	f.Link(filepath.Join(f.Dir, "meta", "VERSION"), "VERSION") // absolute, inside
	f.Write("docs/notes/CHANGELOG.md", "# Changelog\n")
	f.Link("notes", "docs/current")
	f.Link("docs/current/CHANGELOG.md", "CHANGELOG.md")
	f.Commit("chore: init", nil)
	w := f.Open()
	for path, want := range map[string]string{"VERSION": "1.0.0\n", "CHANGELOG.md": "# Changelog\n"} {
		got, err := atHead(w, path)
		if err != nil || string(got) != want {
			t.Errorf("%s at HEAD = %q, %v; want the linked file's content", path, got, err)
		}
		if got, err := w.ReadFile(path); err != nil || string(got) != want {
			t.Errorf("%s in the work tree = %q, %v", path, got, err)
		}
	}
}

func TestALoopOfLinksIsAnError(t *testing.T) {
	f := checkoutfixture.New(t)
	f.Link("b", "a")
	f.Link("a", "b")
	f.Commit("chore: init", nil)
	w := f.Open()
	if _, err := w.ReadFile("a"); err == nil || !strings.Contains(err.Error(), "too many symbolic links") {
		t.Errorf("a loop of links in the work tree: %v", err)
	}
	if _, err := atHead(w, "a"); err == nil || !strings.Contains(err.Error(), "too many symbolic links") {
		t.Errorf("a loop of links at HEAD: %v", err)
	}
}

// atHead reads a file as the checkout's HEAD commits it, as the Action
// does through the checkout's history.
func atHead(w *checkout.Workspace, path string) ([]byte, error) {
	ctx := context.Background()
	head, err := w.History().Tip(ctx)
	if err != nil {
		return nil, err
	}
	return w.History().ReadFile(ctx, head, path)
}
