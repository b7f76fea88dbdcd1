package versionfile

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/releasebot/releasebot/internal/semver"
)

// fuzzPaths selects the kind under test; the fuzzer picks one by index.
var fuzzPaths = []string{"VERSION", "package.json", "Cargo.toml", "pyproject.toml", "Chart.yaml", "pom.xml", "README.md"}

func fuzzIndex(path string) uint8 {
	for i, p := range fuzzPaths {
		if p == path {
			return uint8(i)
		}
	}
	panic(path)
}

func FuzzUpdate(f *testing.F) {
	seeds := []struct{ path, content, version string }{
		{"VERSION", "1.2.3\n", "1.3.0"},
		{"VERSION", "v1.2.3\r\n", "2.0.0-rc.1+b.2"},
		{"VERSION", "", "0.1.0"},
		{"package.json", npmManifest, "1.5.0"},
		{"package.json", `{"vers\u0069on": "1.0.\u0030"}`, "1.0.0"},
		{"Cargo.toml", cargoManifest, "0.4.0"},
		{"Cargo.toml", "[package]\nversion.workspace = true\n[workspace.package]\nversion = '1.0.0' # c\n", "1.1.0"},
		{"pyproject.toml", pyproject, "2.2.0"},
		{"pyproject.toml", poetryProject, "0.6.0-alpha"},
		{"Chart.yaml", helmChart, "0.8.0"},
		{"Chart.yaml", "version: '1.0.0' # c\r\n", "1.0.1"},
		{"pom.xml", mavenPOM, "1.4.0"},
		{"pom.xml", ciFriendlyPOM, "2.1.0"},
		{"README.md", readme, "2.0.0-rc.1"},
		{"README.md", dockerfile, "1.3.0"},
		{"README.md", "see 1.2.3- x-releasebot-version\n", "2.0.0-rc"},
	}
	for _, s := range seeds {
		f.Add(fuzzIndex(s.path), []byte(s.content), s.version)
	}
	f.Fuzz(func(t *testing.T, kind uint8, content []byte, version string) {
		path := fuzzPaths[int(kind)%len(fuzzPaths)]
		checkUpdate(t, path, content, version)
		if _, err := semver.Parse(version); err != nil {
			// Most mutated versions are invalid; still exercise the file.
			checkUpdate(t, path, content, "10.0.0-rc.1+b.7")
		}
	})
}

// checkUpdate asserts the contracts of Update and Read on any input.
func checkUpdate(t *testing.T, path string, content []byte, version string) {
	orig := bytes.Clone(content)
	before, readErr := Read(path, content)
	out, changed, err := Update(path, content, version)
	if !bytes.Equal(content, orig) {
		t.Fatalf("Update modified its input")
	}
	for _, e := range []error{readErr, err} {
		var fe *Error
		if e != nil && (!errors.As(e, &fe) || !strings.HasPrefix(e.Error(), path)) {
			t.Fatalf("error %q (%T) does not name %s", e, e, path)
		}
	}
	if err != nil {
		if out != nil || changed {
			t.Fatalf("Update returned %q, %v with error %v", out, changed, err)
		}
		return
	}
	if changed == bytes.Equal(out, content) {
		t.Fatalf("changed = %v but out %q vs content %q", changed, out, content)
	}
	if got, err := Read(path, out); err != nil || got != version {
		t.Fatalf("Read(out) = %q, %v; want %q\nout: %q", got, err, version, out)
	}
	if again, changed2, err := Update(path, out, version); err != nil || changed2 || !bytes.Equal(again, out) {
		t.Fatalf("second Update = %q, %v, %v; want no change\nout: %q", again, changed2, err, out)
	}
	kind := KindOf(path)
	if kind == Plain && isBlank(content) {
		if want := string(content[:bomLen(content)]) + version + "\n"; string(out) != want {
			t.Fatalf("blank plain file became %q, want %q", out, want)
		}
		return
	}
	if bytes.Count(out, []byte("\n")) != bytes.Count(content, []byte("\n")) {
		t.Fatalf("line count changed: %q -> %q", content, out)
	}
	if kind == Marker || kind == CargoTOML {
		return // several versions may change
	}
	if readErr == nil && before == version && changed {
		t.Fatalf("file already held %s but Update changed it", version)
	}
	// Exactly one place changed: once the common prefix and suffix are
	// removed, what is left of out is part of the new version.
	p := 0
	for p < len(out) && p < len(content) && out[p] == content[p] {
		p++
	}
	s := 0
	for s < len(out)-p && s < len(content)-p && out[len(out)-1-s] == content[len(content)-1-s] {
		s++
	}
	if mid := out[p : len(out)-s]; !strings.Contains(version, string(mid)) || bytes.ContainsAny(content[p:len(content)-s], "\n") {
		t.Fatalf("Update changed more than the version: %q -> %q", content, out)
	}
}
