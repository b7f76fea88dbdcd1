package versionfile

import (
	"bytes"
	"strings"
	"testing"
)

// The LABEL line is not marked: only the line after it is.
const dockerfile = `FROM golang:1.22.3 AS build
ARG WIDGET_VERSION=1.2.3 # x-releasebot-version
RUN curl -fsSL https://example.com/widget/v1.2.3/widget-1.2.3-rc.1.tar.gz -o /tmp/w.tgz
LABEL org.opencontainers.image.version="v1.2.3" \
      com.acme.compat="0.9.0"  # x-releasebot-version
`

const readme = "# Widget\r\n" +
	"\r\n" +
	"Requires Go 1.22.0 or later.\r\n" +
	"<!-- x-releasebot-start -->\r\n" +
	"```sh\r\n" +
	"go install example.com/widget@v1.2.3\r\n" +
	"docker pull ghcr.io/acme/widget:1.2.3\r\n" +
	"```\r\n" +
	"<!-- x-releasebot-end -->\r\n" +
	"See CHANGELOG for 1.2.2.\r\n"

func TestMarkerUpdate(t *testing.T) {
	runUpdates(t, []updateCase{
		{"dockerfile", "Dockerfile", dockerfile, "1.3.0", strings.NewReplacer(
			"WIDGET_VERSION=1.2.3", "WIDGET_VERSION=1.3.0",
			`compat="0.9.0"`, `compat="1.3.0"`).Replace(dockerfile)},
		{"readme block crlf", "README.md", readme, "2.0.0-rc.1", strings.NewReplacer(
			"@v1.2.3", "@v2.0.0-rc.1",
			"widget:1.2.3", "widget:2.0.0-rc.1").Replace(readme)},
		{"python module", "src/widget/__about__.py", "__version__ = \"0.4.0\"  # x-releasebot-version\n", "0.5.0",
			"__version__ = \"0.5.0\"  # x-releasebot-version\n"},
		{"tarball name keeps suffix", "install.sh", "URL=https://x/tool-1.2.3-rc.1.tar.gz # x-releasebot-version", "1.2.3",
			"URL=https://x/tool-1.2.3.tar.gz # x-releasebot-version"},
		{"underscore separated", "install.sh", "tool_1.2.3_linux_amd64.zip x-releasebot-version\n", "1.3.0",
			"tool_1.3.0_linux_amd64.zip x-releasebot-version\n"},
		{"longer numbers untouched", "x.txt", "ip 10.0.0.1 go1.22.3 1.2.3rc1 app 1.2.3. x-releasebot-version\n", "1.3.0",
			"ip 10.0.0.1 go1.22.3 1.2.3rc1 app 1.3.0. x-releasebot-version\n"},
		{"build metadata", "x.txt", "v: 1.0.0+build.5 x-releasebot-version", "1.0.1+sha.abc1", "v: 1.0.1+sha.abc1 x-releasebot-version"},
		{"marker lines themselves unchanged", "x.txt", "x-releasebot-start 1.0.0\n1.0.0\nx-releasebot-end 1.0.0\n", "1.1.0",
			"x-releasebot-start 1.0.0\n1.1.0\nx-releasebot-end 1.0.0\n"},
		{"two blocks", "x.md", "x-releasebot-start\n1.0.0\nx-releasebot-end\nv0.1.0\nx-releasebot-start\nv1.0.0\nx-releasebot-end", "1.1.0",
			"x-releasebot-start\n1.1.0\nx-releasebot-end\nv0.1.0\nx-releasebot-start\nv1.1.0\nx-releasebot-end"},
		{"already current", "README.md", readme, "1.2.3", readme},
	})
}

func TestMarkerRead(t *testing.T) {
	runReads(t, []readCase{
		{"first marked version", "Dockerfile", dockerfile, "1.2.3"},
		{"block", "README.md", readme, "1.2.3"},
	})
}

func TestMarkerErrors(t *testing.T) {
	runErrors(t, []errCase{
		{"no marker", "README.md", "# Widget\nversion 1.2.3\n",
			[]string{"README.md has no version marker", "x-releasebot-version", "x-releasebot-start"}, true},
		{"marked line without version", "Makefile", "VERSION ?= 1.2.3\nTAG = latest # x-releasebot-version\n",
			[]string{"Makefile:2: ", "no version"}, true},
		{"block without version", "README.md", "a\nx-releasebot-start\nnothing\nx-releasebot-end\n",
			[]string{"README.md:2: ", "ending on line 4 holds no version"}, true},
		{"unclosed block", "README.md", "x-releasebot-start\n1.0.0\n", []string{"README.md:1: ", "no matching x-releasebot-end"}, true},
		{"end without start", "README.md", "1.0.0\nx-releasebot-end\n", []string{"README.md:2: ", "without an x-releasebot-start"}, true},
		{"nested start", "README.md", "x-releasebot-start\n1.0.0\nx-releasebot-start\n1.0.0\nx-releasebot-end\n",
			[]string{"README.md:3: ", "inside the block opened on line 1"}, true},
	})
	_, err := Read("x.txt", []byte("1.0.0-rc.01 x-releasebot-version"))
	checkErr(t, "Read", err, "x.txt", []string{`x.txt:1: the current version is not SemVer`, `"1.0.0-rc.01"`})
}

func TestMarkerAmbiguousRewrite(t *testing.T) {
	// Written over "1.2.3" in "1.2.3- ", "2.0.0-rc" would read back as "2.0.0-rc-".
	_, _, err := Update("x.txt", []byte("see 1.2.3- x-releasebot-version\n"), "2.0.0-rc")
	checkErr(t, "Update", err, "x.txt", []string{"x.txt:1: ", "would be read back as"})
	// A version whose build metadata is itself a marker would open a block.
	_, _, err = Update("x.txt", []byte("1.0.0 x-releasebot-version\n"), "1.0.1+x-releasebot-start")
	checkErr(t, "Update", err, "x.txt", []string{"x-releasebot-start"})
}

// A JSON file cannot hold a marker comment: without a marker its top-level
// "version" is the version, and without one the error says so.
func TestJSONFilesWithoutMarkersUseTheirVersionKey(t *testing.T) {
	content := []byte("{\n  \"name\": \"app\",\n  \"version\": \"1.2.3\",\n  \"deps\": {\"version\": \"9.9.9\"}\n}\n")
	got, err := Read("manifest.json", content)
	if err != nil || got != "1.2.3" {
		t.Fatalf("Read = %q, %v; want 1.2.3", got, err)
	}
	out, _, err := Update("manifest.json", content, "1.3.0")
	if err != nil || !bytes.Contains(out, []byte(`"version": "1.3.0"`)) || !bytes.Contains(out, []byte(`"version": "9.9.9"`)) {
		t.Fatalf("Update = %s, %v", out, err)
	}
	_, err = Read("x.json", []byte(`{"a": 1}`))
	if err == nil || strings.Contains(err.Error(), "x-releasebot-version") || !strings.Contains(err.Error(), `top-level "version"`) {
		t.Errorf("error %v: want one about the top-level \"version\", not a marker comment", err)
	}
}
