package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// The tests in this file check that the schema and Parse give the same
// verdict on the same input. Known divergences, which no example here
// exercises: the schema cannot see that two keys differ only in case, does
// not limit version numbers to 64 bits, and reads YAML dates and merge keys
// the way yaml.v3 decodes them.

// schemaVerdict reports whether data, read as YAML the way Parse reads it
// (one document; empty or null meaning {}), is valid under the schema. A
// file that is not one JSON-compatible YAML document is invalid.
func schemaVerdict(sch *jsonschema.Schema, data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var v any
	if err := dec.Decode(&v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return errors.New("more than one document")
	}
	if v == nil {
		v = map[string]any{}
	}
	return validateJSON(sch, v)
}

func validateJSON(sch *jsonschema.Schema, v any) error {
	j, err := json.Marshal(v)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// TestExamplesAgree runs testdata/valid and testdata/invalid through Parse
// and the schema. An invalid example's first line may read
// "# want: TEXT": Parse's error must then contain TEXT.
func TestExamplesAgree(t *testing.T) {
	sch := compileSchema(t)
	for _, dir := range []string{"valid", "invalid"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.yml"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no examples in testdata/%s: %v", dir, err)
		}
		for _, file := range files {
			data := readFile(t, file)
			_, perr := Parse(file, data)
			serr := schemaVerdict(sch, data)
			switch {
			case dir == "valid" && (perr != nil || serr != nil):
				t.Errorf("%s: Parse: %v; schema: %v", file, perr, serr)
			case dir == "invalid" && (perr == nil || serr == nil):
				t.Errorf("%s: Parse: %v; schema: %v; both should reject it", file, perr, serr)
			case dir == "invalid":
				checkWant(t, file, data, perr)
			}
		}
	}
}

func checkWant(t *testing.T, file string, data []byte, err error) {
	if e := Invalid(err); e == nil || e.Line == 0 || !strings.HasPrefix(err.Error(), file+":") {
		t.Errorf("%s: %v is not an invalid-configuration error with file and line", file, err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	want, ok := strings.CutPrefix(first, "# want: ")
	if ok && !strings.Contains(err.Error(), want) {
		t.Errorf("%s: error %q does not contain %q", file, err, want)
	}
}

// fieldValues lists, per field, strings on both sides of each rule.
var fieldValues = map[string][]string{
	"tag-prefix": {"", "v", "release/", "release/v", "v.", "@", "v-", "é", "x@y", "a.lock",
		"v 1", "v~", "v^", "v:", "v?", "v*", "v[", `v\`, "a..b", "v@{", "/v", "-v", "a//b",
		".v", "a/.b", "a.lock/", "a\tb", "a\x7fb"},
	"initial-version": {"0.1.0", "0.0.0", "1.0.0-rc.1", "1.0.0-0", "1.2.3-x-y.z", "10.20.30",
		"1.0.0-alpha.01", "01.0.0", "1.0", "v1.0.0", "1.0.0+b", "1.0.0-", "1.0.0-rc..1", "", "1.0.0-é"},
	"prerelease": {"", "rc", "beta-2", "RC", "-", "1a", "1", "007", "rc.1", "rc_1", "é", "rc 1"},
	"path": {"version.txt", ".git", ".git/config", ".github/x", ".gitignore", "a/b.json", "a b/c", "...", "..a", ".hidden", "a/.b", "a..b", "é/x",
		"/abs", "a/../b", "..", ".", "./a", "a/./b", "a//b", "a/", `a\b`, "C:/x", "a\x01b"},
	"type":    {"feat", "Feat", "deps", "x-y", "x_y", "a1", "1x", "feat!", "", "a(b)", "é", "-x"},
	"section": {"feat", "fix(security)", "fix(Sec-1)", "fix(é)", "a(b.c/d)", "fix()", "fix(a b)", "fix(a:b)", "(x)", "fix(a)(b)", "fix(a"},
	"heading": {"Added", "", "Bug Fixes", "é", "🎉 Features", "a\nb", "a\tb", "a\x7fb", "a\rb"},
}

// docsFor returns the documents that put value v in every place field
// stands for.
func docsFor(field, v string) []map[string]any {
	switch field {
	case "path":
		return []map[string]any{
			{"version-file": v},
			{"version-files": []any{v}},
			{"changelog": map[string]any{"path": v}},
		}
	case "type":
		return []map[string]any{{"bump": map[string]any{v: "patch"}}}
	case "section":
		return []map[string]any{{"changelog": map[string]any{"sections": map[string]any{v: "X"}}}}
	case "heading":
		return []map[string]any{{"changelog": map[string]any{"sections": map[string]any{"feat": v}}}}
	}
	return []map[string]any{{field: v}}
}

// TestFieldValuesAgree gives Parse and the schema the same value in each
// field and expects the same verdict.
func TestFieldValuesAgree(t *testing.T) {
	sch := compileSchema(t)
	for field, values := range fieldValues {
		for _, v := range values {
			for _, doc := range docsFor(field, v) {
				data, err := yaml.Marshal(doc)
				if err != nil {
					t.Fatal(err)
				}
				_, perr := Parse("v.yml", data)
				serr := validateJSON(sch, doc)
				if (perr == nil) != (serr == nil) {
					t.Errorf("%s %q in %s\nParse: %v\nschema: %v", field, v, data, perr, serr)
				}
			}
		}
	}
}

// TestExampleFilesAreListed keeps the example directories free of stray
// files that the tests would silently skip.
func TestExampleFilesAreListed(t *testing.T) {
	for _, dir := range []string{"valid", "invalid"} {
		entries, err := os.ReadDir(filepath.Join("testdata", dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if filepath.Ext(e.Name()) != ".yml" {
				t.Errorf("testdata/%s/%s does not end in .yml", dir, e.Name())
			}
		}
	}
}
