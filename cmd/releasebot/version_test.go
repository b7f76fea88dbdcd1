package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionOf(t *testing.T) {
	installed := &debug.BuildInfo{Main: debug.Module{Path: "github.com/releasebot/releasebot", Version: "v1.4.2"}}
	devel := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0577d9e1234567890abcdef"}, {Key: "vcs.modified", Value: "true"},
	}}
	for _, tc := range []struct {
		injected string
		bi       *debug.BuildInfo
		want     string
	}{
		{"1.5.0", installed, "1.5.0"}, // a release build
		{"v1.5.0", nil, "1.5.0"},      // injected with its tag's v
		{"", installed, "1.4.2"},      // go install ...@v1.4.2
		{"", devel, "(devel) 0577d9e12345-dirty"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
		{"", nil, "(devel)"},
	} {
		if got := versionOf(tc.injected, tc.bi); got != tc.want {
			t.Errorf("versionOf(%q, %+v) = %q, want %q", tc.injected, tc.bi, got, tc.want)
		}
	}
}

// TestVersionFlag: the test binary has no injected version and no module
// version, so --version says it is a development build.
func TestVersionFlag(t *testing.T) {
	var out, errOut strings.Builder
	if code := run([]string{"--version"}, &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.HasPrefix(out.String(), "releasebot (devel)") {
		t.Errorf("--version printed %q", out.String())
	}
}
