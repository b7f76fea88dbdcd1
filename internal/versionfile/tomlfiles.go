package versionfile

import (
	"bytes"
	"slices"
)

// locateCargo finds `version = "..."` in [package] and in
// [workspace.package] (dotted forms such as `package.version` at the top
// level count too). When both exist both are returned, so Update keeps them
// in step and Read returns the one that comes first in the file. A
// [package] version inherited with `version.workspace = true` or
// `version = { workspace = true }` is skipped when this file also holds
// [workspace.package] version, and is an error otherwise.
func locateCargo(path string, content []byte) ([]span, error) {
	entries, err := scanTOML(path, content)
	if err != nil {
		return nil, err
	}
	var spans []span
	inheritedLine := 0
	for _, e := range entries {
		raw := content[e.start:e.end]
		switch {
		case slices.Equal(e.key, []string{"package", "version", "workspace"}),
			slices.Equal(e.key, []string{"package", "version"}) && raw[0] == '{' && bytes.Contains(raw, []byte("workspace")):
			inheritedLine = lineAt(content, e.start)
		case slices.Equal(e.key, []string{"package", "version"}),
			slices.Equal(e.key, []string{"workspace", "package", "version"}):
			s, err := tomlVersion(path, content, e)
			if err != nil {
				return nil, err
			}
			spans = append(spans, s)
		}
	}
	switch {
	case len(spans) > 0:
		return spans, nil
	case inheritedLine > 0:
		return nil, errLine(path, inheritedLine, "the package version is inherited from the workspace; "+
			"list the workspace root Cargo.toml (the one with [workspace.package] version) in version-files instead")
	}
	return nil, errFile(path, "has no version in [package] or [workspace.package]; "+
		"add version = \"x.y.z\" under [package] or remove the file from version-files")
}

// locatePyproject finds `version = "..."` in [project], or failing that in
// [tool.poetry] (Poetry may keep it there even when [project] lists it as
// dynamic). A version that [project] declares dynamic and that no table
// holds is an error pointing at the dynamic declaration.
func locatePyproject(path string, content []byte) ([]span, error) {
	entries, err := scanTOML(path, content)
	if err != nil {
		return nil, err
	}
	var project, poetry *tomlEntry
	dynamicLine := 0
	for i, e := range entries {
		switch {
		case slices.Equal(e.key, []string{"project", "version"}) && project == nil:
			project = &entries[i]
		case slices.Equal(e.key, []string{"tool", "poetry", "version"}) && poetry == nil:
			poetry = &entries[i]
		case slices.Equal(e.key, []string{"project", "dynamic"}) && tomlArrayHas(content[e.start:e.end], "version"):
			dynamicLine = lineAt(content, e.start)
		}
	}
	for _, e := range []*tomlEntry{project, poetry} {
		if e != nil {
			s, err := tomlVersion(path, content, *e)
			if err != nil {
				return nil, err
			}
			return []span{s}, nil
		}
	}
	if dynamicLine > 0 {
		return nil, errLine(path, dynamicLine, "[project] declares the version dynamic, so the build backend reads it from elsewhere "+
			"(a __version__ attribute, a VERSION file, git tags...); list the file that holds the version in version-files instead, "+
			"marking its line with x-releasebot-version")
	}
	return nil, errFile(path, "has no version in [project] or [tool.poetry]; "+
		"add version = \"x.y.z\" under [project] or remove the file from version-files")
}

// tomlVersion returns the span inside the quotes of a single-line string
// value.
func tomlVersion(path string, content []byte, e tomlEntry) (span, error) {
	raw := content[e.start:e.end]
	line := lineAt(content, e.start)
	if raw[0] != '"' && raw[0] != '\'' {
		return span{}, errLine(path, line, "version must be a quoted string, like version = \"1.2.3\"")
	}
	if len(raw) >= 6 && raw[1] == raw[0] && raw[2] == raw[0] {
		return span{}, errLine(path, line, "version must be a single-line string, like version = \"1.2.3\"")
	}
	value, err := tomlUnquote(raw)
	if err != nil {
		return span{}, errLine(path, line, "cannot decode the version string: %v", err)
	}
	return span{start: e.start + 1, end: e.end - 1, value: value, line: line}, nil
}
