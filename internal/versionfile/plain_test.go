package versionfile

import "testing"

func TestPlainUpdate(t *testing.T) {
	runUpdates(t, []updateCase{
		{"newline", "VERSION", "1.2.3\n", "1.3.0", "1.3.0\n"},
		{"no trailing newline", "VERSION", "1.2.3", "1.3.0", "1.3.0"},
		{"crlf", "VERSION", "1.2.3\r\n", "2.0.0-rc.1", "2.0.0-rc.1\r\n"},
		{"v prefix kept", "VERSION", "v1.2.3\n", "1.3.0", "v1.3.0\n"},
		{"v prefix no newline", "VERSION", "v0.9.0", "1.0.0", "v1.0.0"},
		{"surrounding whitespace kept", "VERSION", "  1.2.3 \n\n", "1.2.4", "  1.2.4 \n\n"},
		{"empty file", "VERSION", "", "0.1.0", "0.1.0\n"},
		{"blank file", "VERSION", "\n\n", "0.1.0", "0.1.0\n"},
		{"bom kept", "VERSION", "\ufeff1.0.0\n", "1.0.1", "\ufeff1.0.1\n"},
		{"build metadata", "VERSION", "1.0.0+20240101\n", "1.0.1+build.7", "1.0.1+build.7\n"},
		{"already current", "VERSION", "1.2.3\n", "1.2.3", "1.2.3\n"},
		{"already current with v", "VERSION", "v1.2.3\n", "1.2.3", "v1.2.3\n"},
		{"non-semver old value replaced", "VERSION", "1.2\n", "1.3.0", "1.3.0\n"},
		{"nested path", "build/VERSION", "4.5.6\n", "4.6.0", "4.6.0\n"},
	})
}

func TestPlainRead(t *testing.T) {
	runReads(t, []readCase{
		{"plain", "VERSION", "1.2.3\n", "1.2.3"},
		{"v prefix dropped", "VERSION", "v1.2.3", "1.2.3"},
		{"whitespace trimmed", "VERSION", "\t 1.2.3-beta.2 \r\n\r\n", "1.2.3-beta.2"},
		{"bom", "VERSION", "\ufeff2.0.0\n", "2.0.0"},
	})
}

func TestPlainErrors(t *testing.T) {
	runErrors(t, []errCase{
		{"two lines", "VERSION", "1.2.3\nfoo\n", []string{"VERSION:2: ", "text after the version"}, true},
		{"two words", "VERSION", "1.2.3 beta\n", []string{"VERSION:1: "}, true},
	})
	_, err := Read("VERSION", []byte("\n"))
	checkErr(t, "Read empty", err, "VERSION", []string{"VERSION is empty"})
	_, err = Read("VERSION", []byte("1.2\n"))
	checkErr(t, "Read invalid", err, "VERSION", []string{"VERSION:1: ", `the current version is not SemVer`, `"1.2"`})
}
