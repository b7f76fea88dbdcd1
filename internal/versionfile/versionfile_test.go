package versionfile

import (
	"errors"
	"strings"
	"testing"
)

// updateCase is a byte-exact rewrite: Update(path, in, version) == want.
type updateCase struct {
	name    string
	path    string
	in      string
	version string
	want    string
}

// errCase expects Update (and Read, when read is set) to fail with an
// error containing every string in want.
type errCase struct {
	name string
	path string
	in   string
	want []string
	read bool
}

// readCase expects Read(path, in) == want.
type readCase struct {
	name, path, in, want string
}

func runUpdates(t *testing.T, cases []updateCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, changed, err := Update(c.path, []byte(c.in), c.version)
			if err != nil {
				t.Fatalf("Update: %v", err)
			}
			if string(out) != c.want {
				t.Fatalf("Update output:\n got %q\nwant %q", out, c.want)
			}
			if changed != (c.in != c.want) {
				t.Errorf("changed = %v, want %v", changed, c.in != c.want)
			}
			again, changed, err := Update(c.path, out, c.version)
			if err != nil || changed || string(again) != c.want {
				t.Errorf("second Update = %q, %v, %v; want no change", again, changed, err)
			}
			if got, err := Read(c.path, out); err != nil || got != c.version {
				t.Errorf("Read after Update = %q, %v; want %q", got, err, c.version)
			}
		})
	}
}

func runErrors(t *testing.T, cases []errCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, changed, err := Update(c.path, []byte(c.in), "9.9.9")
			checkErr(t, "Update", err, c.path, c.want)
			if out != nil || changed {
				t.Errorf("Update returned %q, %v alongside the error", out, changed)
			}
			if c.read {
				_, err := Read(c.path, []byte(c.in))
				checkErr(t, "Read", err, c.path, c.want)
			}
		})
	}
}

func checkErr(t *testing.T, what string, err error, path string, want []string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want one containing %q", what, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.Path != path || !strings.HasPrefix(err.Error(), path) {
		t.Errorf("%s: error %q (%T) does not name %s", what, err, err, path)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%s: error %q does not contain %q", what, err, w)
		}
	}
}

func runReads(t *testing.T, cases []readCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Read(c.path, []byte(c.in))
			if err != nil || got != c.want {
				t.Errorf("Read = %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestKindOf(t *testing.T) {
	for path, want := range map[string]Kind{
		"VERSION":                    Plain,
		"sub/dir/VERSION":            Plain,
		`win\dir\VERSION`:            Plain,
		"version":                    Marker,
		"VERSION.txt":                Marker,
		"package.json":               PackageJSON,
		"web/package.json":           PackageJSON,
		"package-lock.json":          Marker,
		"crates/x/Cargo.toml":        CargoTOML,
		"cargo.toml":                 Marker,
		"pyproject.toml":             PyprojectTOML,
		"charts/app/Chart.yaml":      ChartYAML,
		"charts/app/values.yaml":     Marker,
		"pom.xml":                    PomXML,
		"module/pom.xml":             PomXML,
		"README.md":                  Marker,
		"deploy/Dockerfile":          Marker,
		"":                           Marker,
		"/":                          Marker,
		"src/pkg/__init__.py":        Marker,
		"./charts/../pyproject.toml": PyprojectTOML,
	} {
		if got := KindOf(path); got != want {
			t.Errorf("KindOf(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestUpdateRejectsInvalidVersion(t *testing.T) {
	for _, v := range []string{"", "1.2", "v1.2.3", "01.2.3", "1.2.3-", "1.2.3 ", "1.2.3\n"} {
		_, _, err := Update("VERSION", []byte("1.0.0\n"), v)
		checkErr(t, "Update("+v+")", err, "VERSION", []string{"cannot be set to an invalid version"})
	}
}

func TestUnknownKind(t *testing.T) {
	_, _, err := UpdateAs("ini", "setup.cfg", []byte("version = 1.0.0\n"), "1.0.1")
	checkErr(t, "UpdateAs", err, "setup.cfg", []string{`unknown version file kind "ini"`})
	_, err = ReadAs("ini", "setup.cfg", nil)
	checkErr(t, "ReadAs", err, "setup.cfg", []string{"unknown"})
}

func TestAsOverridesKind(t *testing.T) {
	out, changed, err := UpdateAs(Plain, "RELEASE", []byte("v1.0.0\r\n"), "1.1.0")
	if err != nil || !changed || string(out) != "v1.1.0\r\n" {
		t.Fatalf("UpdateAs(Plain) = %q, %v, %v", out, changed, err)
	}
	if v, err := ReadAs(Plain, "RELEASE", out); err != nil || v != "1.1.0" {
		t.Fatalf("ReadAs(Plain) = %q, %v", v, err)
	}
}

func TestErrorFormat(t *testing.T) {
	if got := (&Error{Path: "a/package.json", Line: 3, Msg: "invalid JSON"}).Error(); got != "a/package.json:3: invalid JSON" {
		t.Errorf("with line: %q", got)
	}
	if got := (&Error{Path: "pom.xml", Msg: "has no <version>"}).Error(); got != "pom.xml has no <version>" {
		t.Errorf("without line: %q", got)
	}
}

func TestUpdateDoesNotModifyInput(t *testing.T) {
	in := []byte("{\n  \"version\": \"1.0.0\"\n}\n")
	orig := string(in)
	if _, _, err := Update("package.json", in, "2.0.0"); err != nil {
		t.Fatal(err)
	}
	if string(in) != orig {
		t.Errorf("input modified to %q", in)
	}
}
