package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/releasebot/releasebot/internal/usererr"
)

// fakeFiles is a reader over files held in memory: a string is a file's
// content, an error what reading it fails with; any other path is missing.
type fakeFiles map[string]any

func (f fakeFiles) read(path string) ([]byte, error) {
	switch v := f[path].(type) {
	case string:
		return []byte(v), nil
	case error:
		return nil, v
	}
	return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
}

func TestLoadTable(t *testing.T) {
	const named = "ci/releasebot.yml"
	network := errors.New("GET /repos/o/r/contents/.github/releasebot.yml: 502 Bad Gateway")
	tests := []struct {
		name     string
		files    fakeFiles
		explicit string
		// wantPath and wantPrefix describe the Config when no error is
		// expected (wantErr "").
		wantPath, wantPrefix string
		wantErr              string
		// kind is "unreadable", "invalid" or "failure" (not a user error).
		kind string
		// line and field are those of an invalid configuration.
		line  int
		field string
		// is is an error the result must satisfy errors.Is for.
		is error
	}{
		{name: "missing default", files: fakeFiles{}, wantPrefix: "v"},
		{name: "default", files: fakeFiles{DefaultPath: "tag-prefix: rel-\n"}, wantPath: DefaultPath, wantPrefix: "rel-"},
		{name: "named wins over default", explicit: named,
			files:    fakeFiles{DefaultPath: "tag-prefix: rel-\n", named: "tag-prefix: ci-\n"},
			wantPath: named, wantPrefix: "ci-"},
		{name: "missing named", files: fakeFiles{DefaultPath: "tag-prefix: rel-\n"}, explicit: named,
			wantErr: named + ": cannot read configuration: file does not exist", kind: "unreadable", is: fs.ErrNotExist},
		{name: "missing named, as the API says it", explicit: named,
			files:   fakeFiles{named: fmt.Errorf("%s at main: %w", named, fs.ErrNotExist)},
			wantErr: named + ": cannot read configuration: " + named + " at main: file does not exist", kind: "unreadable", is: fs.ErrNotExist},
		{name: "unreadable default", files: fakeFiles{DefaultPath: &fs.PathError{Op: "open", Path: DefaultPath, Err: fs.ErrPermission}},
			wantErr: DefaultPath + ": cannot read configuration: permission denied", kind: "unreadable", is: fs.ErrPermission},
		{name: "unreadable named", explicit: named, files: fakeFiles{named: &fs.PathError{Op: "read", Path: named, Err: errors.New("is a directory")}},
			wantErr: named + ": cannot read configuration: is a directory", kind: "unreadable"},
		{name: "network failure", files: fakeFiles{DefaultPath: network},
			wantErr: "reading the configuration: " + network.Error(), kind: "failure", is: network},
		{name: "invalid default", files: fakeFiles{DefaultPath: "tag-prefix: v\nchangelog:\n  format: markdown\n"},
			wantErr: DefaultPath + `:3: changelog.format: "markdown" is not a known format; use keep-a-changelog or conventional`,
			kind:    "invalid", line: 3, field: "changelog.format"},
		{name: "invalid named", explicit: named, files: fakeFiles{named: "tag-prefix: [v]\n"},
			wantErr: named + ":1: tag-prefix: expected a string, got a list", kind: "invalid", line: 1, field: "tag-prefix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(tt.files.read, tt.explicit)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				if c.Path != tt.wantPath || c.TagPrefix != tt.wantPrefix {
					t.Errorf("Load = Path %q, TagPrefix %q; want %q, %q", c.Path, c.TagPrefix, tt.wantPath, tt.wantPrefix)
				}
				if tt.wantPath == "" && !reflect.DeepEqual(c, Default()) {
					t.Errorf("Load without a file = %+v, want Default()", c)
				}
				return
			}
			if err == nil || err.Error() != tt.wantErr {
				t.Fatalf("Load error\n got: %v\nwant: %s", err, tt.wantErr)
			}
			if !reflect.DeepEqual(c, Config{}) {
				t.Errorf("Load returned %+v with its error, want the zero Config", c)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			wantFile := DefaultPath
			if tt.explicit != "" {
				wantFile = tt.explicit
			}
			inv, unr := Invalid(err), Unreadable(err)
			switch tt.kind {
			case "unreadable":
				if unr == nil || inv != nil || unr.File != wantFile || unr.Line != 0 || unr.Field != "" {
					t.Errorf("%#v is not a user error of an unreadable %s", err, wantFile)
				}
			case "invalid":
				if inv == nil || unr != nil || inv.File != wantFile || inv.Line != tt.line || inv.Field != tt.field {
					t.Errorf("%#v is not a user error at %s:%d, field %s", err, wantFile, tt.line, tt.field)
				}
			case "failure":
				if usererr.Is(err) {
					t.Errorf("a failure to read, %v, is a user error", err)
				}
			default:
				t.Fatalf("unknown kind %q", tt.kind)
			}
		})
	}
}

// osRoot reads paths relative to dir, as the checkout's reader does.
func osRoot(dir string) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, filepath.FromSlash(p))) }
}

func TestLoadFromDisk(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.yml")

	c, err := Load(osRoot(dir), "")
	if err != nil || !reflect.DeepEqual(c, Default()) {
		t.Errorf("Load(no default file) = %+v, %v; want Default()", c, err)
	}

	_, err = Load(os.ReadFile, missing)
	if Unreadable(err) == nil || !errors.Is(err, fs.ErrNotExist) ||
		err.Error() != missing+": cannot read configuration: no such file or directory" {
		t.Errorf("Load(missing named) = %v", err)
	}

	if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(DefaultPath)), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(osRoot(dir), ""); Unreadable(err) == nil {
		t.Errorf("Load(default is a directory) = %v, want an unreadable-configuration error", err)
	}

	good := filepath.Join(dir, "good.yml")
	writeFile(t, good, "tag-prefix: release-\n")
	c, err = Load(os.ReadFile, good)
	if err != nil || c.Path != good || c.TagPrefix != "release-" {
		t.Errorf("Load(good) = %+v, %v", c, err)
	}

	badDir := t.TempDir()
	if err := os.Mkdir(filepath.Join(badDir, ".github"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(badDir, filepath.FromSlash(DefaultPath)), "tag-prefix: [v]\n")
	_, err = Load(osRoot(badDir), "")
	if ce := Invalid(err); ce == nil || ce.File != DefaultPath || Unreadable(err) != nil {
		t.Errorf("Load(bad default) = %v, want an invalid-configuration error naming the file", err)
	}
}

func TestLoadUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read anything")
	}
	path := filepath.Join(t.TempDir(), "locked.yml")
	writeFile(t, path, "tag-prefix: v\n")
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	_, err := Load(os.ReadFile, path)
	if e := Unreadable(err); e == nil || e.File != path || !errors.Is(err, fs.ErrPermission) {
		t.Errorf("Load(unreadable) = %v, want an unreadable-configuration error wrapping ErrPermission", err)
	}
}

func TestInvalidAndUnreadableTellUserErrorsApart(t *testing.T) {
	usage := usererr.Errorf("--workers %d: want at least 1", 0)
	if Invalid(usage) != nil || Unreadable(usage) != nil {
		t.Errorf("a mistake on the command line, %v, counts as a configuration error", usage)
	}
	wrapped := fmt.Errorf("opening: %w", &usererr.Error{Field: "tag-prefix", Msg: "bad"})
	if Invalid(wrapped) == nil {
		t.Errorf("a wrapped configuration error without a file (Validate's) is not found: %v", wrapped)
	}
	if Invalid(errors.New("plain")) != nil || Unreadable(nil) != nil {
		t.Error("a plain error counts as a configuration error")
	}
}
