package versionfile

import (
	"strings"
	"testing"
)

const npmManifest = `{
  "name": "@acme/widget",
  "version": "1.4.2",
  "description": "Widgets, with a \"version\": \"0.0.0\" inside a string",
  "dependencies": {
    "version": "^2.0.0",
    "left-pad": "1.3.0"
  },
  "packages": {
    "": { "name": "@acme/widget", "version": "1.4.2" }
  },
  "config": { "nested": [ { "version": "3.3.3" } ] },
  "engines": { "node": ">=20" }
}
`

func TestPackageJSONUpdate(t *testing.T) {
	crlf := strings.ReplaceAll(npmManifest, "\n", "\r\n")
	runUpdates(t, []updateCase{
		{"realistic with decoys", "package.json", npmManifest, "1.5.0",
			strings.Replace(npmManifest, `"version": "1.4.2",`, `"version": "1.5.0",`, 1)},
		{"crlf", "package.json", crlf, "2.0.0-beta.1",
			strings.Replace(crlf, `"version": "1.4.2",`, `"version": "2.0.0-beta.1",`, 1)},
		{"version last, odd whitespace", "web/package.json",
			"{\"name\":\"x\",\"private\":true,\n\t\"version\"\t:\r\n\t  \"0.1.0\"\n\n}",
			"0.2.0",
			"{\"name\":\"x\",\"private\":true,\n\t\"version\"\t:\r\n\t  \"0.2.0\"\n\n}"},
		{"minified", "package.json", `{"version":"1.0.0","dependencies":{"version":"1.0.0"}}`, "1.0.1",
			`{"version":"1.0.1","dependencies":{"version":"1.0.0"}}`},
		{"escaped key", "package.json", `{"vers\u0069on": "1.0.0"}`, "1.1.0", `{"vers\u0069on": "1.1.0"}`},
		{"escaped value", "package.json", `{"version": "1.0.\u0030"}`, "1.1.0", `{"version": "1.1.0"}`},
		{"escaped value already current", "package.json", `{"version": "1.0.\u0030"}`, "1.0.0", `{"version": "1.0.\u0030"}`},
		{"empty version string", "package.json", `{"version": ""}`, "0.0.1", `{"version": "0.0.1"}`},
		{"bom kept", "package.json", "\ufeff{\"version\": \"1.0.0\"}\n", "1.0.1", "\ufeff{\"version\": \"1.0.1\"}\n"},
		{"already current", "package.json", npmManifest, "1.4.2", npmManifest},
		{"build metadata", "package.json", `{"version":"1.0.0"}`, "1.0.0+sha.5114f85", `{"version":"1.0.0+sha.5114f85"}`},
	})
}

func TestPackageJSONRead(t *testing.T) {
	runReads(t, []readCase{
		{"realistic", "package.json", npmManifest, "1.4.2"},
		{"escaped", "package.json", `{"version": "2.0.0-rc\u002e1"}`, "2.0.0-rc.1"},
		{"bom", "package.json", "\ufeff{\"version\":\"3.0.0\"}", "3.0.0"},
	})
}

func TestPackageJSONErrors(t *testing.T) {
	runErrors(t, []errCase{
		{"no top-level version", "package.json", "{\n  \"name\": \"x\",\n  \"dependencies\": {\"version\": \"1.0.0\"}\n}\n",
			[]string{`package.json has no top-level "version" field; add one or remove the file from version-files`}, true},
		{"invalid json", "package.json", "{\n  \"name\": \"x\",\n  \"version\": \"1.0.0\"\n  \"main\": \"index.js\"\n}\n",
			[]string{"package.json:4: invalid JSON"}, true},
		{"trailing comma", "package.json", "{\n  \"version\": \"1.0.0\",\n}\n", []string{"package.json:3: invalid JSON"}, true},
		{"truncated", "package.json", "{\n  \"version\": \"1.0.0\",\n", []string{"invalid JSON", "unexpected end"}, true},
		{"empty", "package.json", "", []string{"package.json is empty"}, true},
		{"array", "package.json", "[{\"version\": \"1.0.0\"}]", []string{"package.json:1: top level is not a JSON object"}, true},
		{"number", "package.json", "{\n\"version\": 1}", []string{"package.json:2: ", "must be a string"}, true},
		{"object", "package.json", "{\"version\": {\"major\": 1}}", []string{"must be a string"}, true},
		{"duplicate", "package.json", "{\n\"version\": \"1.0.0\",\n\"version\": \"1.0.1\"\n}", []string{"package.json:3: second top-level", "line 2"}, true},
		{"trailing data", "package.json", "{\"version\": \"1.0.0\"}\n{}", []string{"package.json:2: more data"}, true},
		{"nested path", "apps/web/package.json", "{}", []string{"apps/web/package.json has no top-level"}, true},
	})
	_, err := Read("package.json", []byte(`{"version": "latest"}`))
	checkErr(t, "Read", err, "package.json", []string{"package.json:1: ", `the current version is not SemVer`, `"latest"`})
}
