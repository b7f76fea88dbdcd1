package versionfile

import (
	"strings"
	"testing"
)

const cargoManifest = `# Widget crate
[package]
name = "widget"
version = "0.3.1" # bumped by releasebot
edition = "2021"
description = """
A widget.
[dependencies]
version = "9.9.9"
"""
authors = ["A <a@example.com>", 'B']
metadata = { docs = { version = "0.0.1" } }

[dependencies]
serde = { version = "1.0.200", features = ["derive"] }
version = "0.1.0"

[dev-dependencies.tokio]
version = "1.37.0"

[[bin]]
name = "widget"
`

func TestCargoUpdate(t *testing.T) {
	crlf := strings.ReplaceAll(cargoManifest, "\n", "\r\n")
	runUpdates(t, []updateCase{
		{"realistic with decoys", "Cargo.toml", cargoManifest, "0.4.0",
			strings.Replace(cargoManifest, `version = "0.3.1"`, `version = "0.4.0"`, 1)},
		{"crlf", "crates/w/Cargo.toml", crlf, "1.0.0-alpha.1",
			strings.Replace(crlf, `version = "0.3.1"`, `version = "1.0.0-alpha.1"`, 1)},
		{"single quotes, no spaces", "Cargo.toml", "[package]\nname='x'\nversion='1.2.3'\n", "1.2.4",
			"[package]\nname='x'\nversion='1.2.4'\n"},
		{"spaced header and key", "Cargo.toml", "[ package ]\n\tversion   =\t\"1.2.3\"\t# c\n", "1.3.0",
			"[ package ]\n\tversion   =\t\"1.3.0\"\t# c\n"},
		{"quoted key and header", "Cargo.toml", "[\"package\"]\n\"version\" = \"1.0.0\"", "1.0.1",
			"[\"package\"]\n\"version\" = \"1.0.1\""},
		{"dotted top-level key", "Cargo.toml", "package.name = \"x\"\npackage.version = \"1.0.0\"\n", "2.0.0",
			"package.name = \"x\"\npackage.version = \"2.0.0\"\n"},
		{"workspace root", "Cargo.toml",
			"[workspace]\nmembers = [\n  \"a\", # first\n  \"b\",\n]\n\n[workspace.package]\nversion = \"0.9.0\"\nedition = \"2021\"\n",
			"0.10.0",
			"[workspace]\nmembers = [\n  \"a\", # first\n  \"b\",\n]\n\n[workspace.package]\nversion = \"0.10.0\"\nedition = \"2021\"\n"},
		{"package inherits from workspace in same file", "Cargo.toml",
			"[package]\nname = \"root\"\nversion.workspace = true\n\n[workspace.package]\nversion = \"1.1.0\"\n", "1.2.0",
			"[package]\nname = \"root\"\nversion.workspace = true\n\n[workspace.package]\nversion = \"1.2.0\"\n"},
		{"package and workspace both updated", "Cargo.toml",
			"[package]\nversion = \"1.1.0\"\n[workspace.package]\nversion = \"1.1.0\"\n", "1.2.0",
			"[package]\nversion = \"1.2.0\"\n[workspace.package]\nversion = \"1.2.0\"\n"},
		{"escaped value", "Cargo.toml", "[package]\nversion = \"1.0.\\u0030\"\n", "1.0.1", "[package]\nversion = \"1.0.1\"\n"},
		{"no trailing newline", "Cargo.toml", "[package]\nversion = \"1.0.0\"", "1.0.1", "[package]\nversion = \"1.0.1\""},
		{"already current", "Cargo.toml", cargoManifest, "0.3.1", cargoManifest},
	})
}

func TestCargoErrors(t *testing.T) {
	runErrors(t, []errCase{
		{"inherited dotted", "crates/a/Cargo.toml", "[package]\nname = \"a\"\nversion.workspace = true\n",
			[]string{"crates/a/Cargo.toml:3: ", "inherited from the workspace", "workspace root Cargo.toml"}, true},
		{"inherited inline", "Cargo.toml", "[package]\nname = \"a\"\nversion = { workspace = true }\n",
			[]string{"Cargo.toml:3: ", "inherited from the workspace"}, true},
		{"only dependency versions", "Cargo.toml", "[package]\nname = \"a\"\n\n[dependencies]\nversion = \"1.0.0\"\n",
			[]string{"Cargo.toml has no version in [package]", "remove the file from version-files"}, true},
		{"not a string", "Cargo.toml", "[package]\nversion = 1\n", []string{"Cargo.toml:2: ", "quoted string"}, true},
		{"multi-line string", "Cargo.toml", "[package]\nversion = \"\"\"1.0.0\"\"\"\n", []string{"Cargo.toml:2: ", "single-line"}, true},
		{"unterminated string", "Cargo.toml", "[package]\nname = \"a\nversion = \"1.0.0\"\n", []string{"Cargo.toml:2: invalid TOML"}, true},
		{"garbage after value", "Cargo.toml", "[package]\nversion = \"1.0.0\" x\n", []string{"Cargo.toml:2: invalid TOML"}, true},
		{"unclosed array", "Cargo.toml", "[package]\nversion = \"1.0.0\"\nauthors = [\n", []string{"Cargo.toml:3: invalid TOML", "unclosed"}, true},
		{"unclosed header", "Cargo.toml", "[package\nversion = \"1.0.0\"\n", []string{"Cargo.toml:1: invalid TOML"}, true},
	})
}

const pyproject = `[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "widget"
version = "2.1.0"  # x
dependencies = [
  "requests>=2.31.0",
]

[project.optional-dependencies]
dev = ["pytest==8.2.0"]

[tool.poetry]
version = "0.0.0"

[tool.bumpversion]
current_version = "2.1.0"
`

const poetryProject = `[tool.poetry]
name = "widget"
version = '0.5.0'
description = "A widget"

[tool.poetry.dependencies]
python = "^3.11"
version = "1.0.0"
`

func TestPyprojectUpdate(t *testing.T) {
	runUpdates(t, []updateCase{
		{"pep 621 with decoys", "pyproject.toml", pyproject, "2.2.0",
			strings.Replace(pyproject, `version = "2.1.0"`, `version = "2.2.0"`, 1)},
		{"crlf", "pyproject.toml", strings.ReplaceAll(pyproject, "\n", "\r\n"), "3.0.0",
			strings.ReplaceAll(strings.Replace(pyproject, `version = "2.1.0"`, `version = "3.0.0"`, 1), "\n", "\r\n")},
		{"poetry", "pyproject.toml", poetryProject, "0.6.0",
			strings.Replace(poetryProject, `version = '0.5.0'`, `version = '0.6.0'`, 1)},
		{"poetry 2 dynamic with tool.poetry version", "pyproject.toml",
			"[project]\nname = \"w\"\ndynamic = [ \"version\" ]\n\n[tool.poetry]\nversion = \"1.0.0\"\n", "1.0.1",
			"[project]\nname = \"w\"\ndynamic = [ \"version\" ]\n\n[tool.poetry]\nversion = \"1.0.1\"\n"},
		{"bom", "pyproject.toml", "\ufeff[project]\nversion = \"1.0.0\"\n", "1.0.1", "\ufeff[project]\nversion = \"1.0.1\"\n"},
	})
}

func TestPyprojectRead(t *testing.T) {
	runReads(t, []readCase{
		{"pep 621", "pyproject.toml", pyproject, "2.1.0"},
		{"poetry", "pyproject.toml", poetryProject, "0.5.0"},
		{"cargo", "Cargo.toml", cargoManifest, "0.3.1"},
	})
}

func TestPyprojectErrors(t *testing.T) {
	runErrors(t, []errCase{
		{"dynamic", "pyproject.toml",
			"[project]\nname = \"w\"\ndynamic = [\n  \"readme\", # from file\n  'version',\n]\n\n[tool.hatch.version]\npath = \"src/w/__about__.py\"\n",
			[]string{"pyproject.toml:3: ", "dynamic", "list the file that holds the version", "x-releasebot-version"}, true},
		{"missing", "pyproject.toml", "[project]\nname = \"w\"\ndependencies = [\"version==1.0.0\"]\n",
			[]string{"pyproject.toml has no version in [project] or [tool.poetry]"}, true},
		{"wrong table", "pyproject.toml", "[tool.bumpversion]\nversion = \"1.0.0\"\n", []string{"has no version"}, true},
	})
}

func TestTOMLArrayHas(t *testing.T) {
	for raw, want := range map[string]bool{
		`["version"]`:                       true,
		`[ 'readme', "version" ]`:           true,
		"[\n # \"version\"\n \"readme\"\n]": false,
		`["versions", "x-version"]`:         false,
		`["vers\u0069on"]`:                  true,
		`[]`:                                false,
		`["""version"""]`:                   false,
		`["unterminated]`:                   false,
	} {
		if got := tomlArrayHas([]byte(raw), "version"); got != want {
			t.Errorf("tomlArrayHas(%q) = %v, want %v", raw, got, want)
		}
	}
}
