package config

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// schemaDoc returns Schema decoded as plain JSON values.
func schemaDoc(t testing.TB) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(Schema, &doc); err != nil {
		t.Fatalf("Schema is not JSON: %v", err)
	}
	return doc
}

// compileSchema compiles Schema, which also checks it against the draft
// 2020-12 meta-schema.
func compileSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatalf("compiling the schema: %v", err)
	}
	return sch
}

func TestSchemaHeader(t *testing.T) {
	doc := schemaDoc(t)
	if doc["$id"] != SchemaID || doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$id = %v, $schema = %v", doc["$id"], doc["$schema"])
	}
	if doc["title"] == nil || doc["description"] == nil {
		t.Error("the schema has no title or description")
	}
	compileSchema(t)
}

// TestSchemaMatchesConfig walks Config (by yaml tags) and the schema side
// by side: same keys at every level, compatible types, and null accepted
// exactly where Parse accepts it (lists and mappings).
func TestSchemaMatchesConfig(t *testing.T) {
	doc := schemaDoc(t)
	matchType(t, doc, "", configType, doc, false)
}

func matchType(t *testing.T, root map[string]any, path string, typ reflect.Type, node map[string]any, nullable bool) {
	t.Helper()
	node = resolve(t, root, node)
	where := path
	if where == "" {
		where = "(top)"
	} else if node["description"] == nil {
		t.Errorf("%s: no description", where)
	}
	types := schemaTypes(node)
	want := jsonType(typ)
	if !slices.Equal(types, []string{want}) {
		t.Errorf("%s: schema type %v, Go type %v wants %q", where, node["type"], typ, want)
	}
	if got := slices.Contains(schemaTypesRaw(node), "null"); got != nullable {
		t.Errorf("%s: schema accepts null = %v, Parse accepts it = %v", where, got, nullable)
	}
	switch typ.Kind() {
	case reflect.Struct:
		if node["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties is not false", where)
		}
		props, _ := node["properties"].(map[string]any)
		var goKeys []string
		for _, f := range yamlKeys(typ) {
			goKeys = append(goKeys, f.name)
			sub, ok := props[f.name].(map[string]any)
			if !ok {
				t.Errorf("%s: the schema lacks %q", where, f.name)
				continue
			}
			k := f.typ.Kind()
			container := k == reflect.Slice || k == reflect.Map || k == reflect.Struct
			matchType(t, root, join(path, f.name), f.typ, sub, container)
		}
		for k := range props {
			if !slices.Contains(goKeys, k) {
				t.Errorf("%s: the schema has %q, Config does not", where, k)
			}
		}
	case reflect.Slice:
		items, _ := node["items"].(map[string]any)
		matchType(t, root, path+"[]", typ.Elem(), items, false)
	case reflect.Map:
		if node["propertyNames"] == nil {
			t.Errorf("%s: a free-form mapping without propertyNames", where)
		}
		values, _ := node["additionalProperties"].(map[string]any)
		matchType(t, root, path+".*", typ.Elem(), values, false)
	}
}

// jsonType is the JSON type a Go field type is written as in YAML.
func jsonType(t reflect.Type) string {
	switch {
	case t == levelType, t.Kind() == reflect.String:
		return "string"
	case t.Kind() == reflect.Slice:
		return "array"
	case t.Kind() == reflect.Map, t.Kind() == reflect.Struct:
		return "object"
	case t.Kind() == reflect.Bool:
		return "boolean"
	}
	return "unsupported " + t.String()
}

func schemaTypesRaw(node map[string]any) []string {
	switch v := node["type"].(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, s := range v {
			out = append(out, s.(string))
		}
		return out
	}
	return nil
}

// schemaTypes is the node's "type" without "null".
func schemaTypes(node map[string]any) []string {
	return slices.DeleteFunc(schemaTypesRaw(node), func(s string) bool { return s == "null" })
}

// resolve follows a local "$ref": "#/$defs/NAME".
func resolve(t *testing.T, root, node map[string]any) map[string]any {
	ref, ok := node["$ref"].(string)
	if !ok {
		return node
	}
	defs, _ := root["$defs"].(map[string]any)
	name, local := strings.CutPrefix(ref, "#/$defs/")
	target, ok := defs[name].(map[string]any)
	if !local || !ok {
		t.Fatalf("cannot resolve $ref %q", ref)
	}
	return target
}

// lookup returns the schema node at a path of property names.
func lookup(t *testing.T, doc map[string]any, path ...string) map[string]any {
	t.Helper()
	node := doc
	for _, p := range path {
		next, ok := node[p].(map[string]any)
		if !ok {
			t.Fatalf("schema has no %v", path)
		}
		node = next
	}
	return node
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// TestSchemaEnums checks that every enum lists exactly the values the Go
// validation accepts.
func TestSchemaEnums(t *testing.T) {
	doc := schemaDoc(t)
	tests := []struct {
		path []string
		want []string
		yaml func(v string) string
	}{
		{[]string{"properties", "bump", "additionalProperties"}, levelNames(),
			func(v string) string { return "bump: {deps: " + v + "}" }},
		{[]string{"properties", "breaking-at-zero"}, BreakingAtZeroValues(),
			func(v string) string { return "breaking-at-zero: " + v }},
		{[]string{"properties", "changelog", "properties", "format"}, Formats(),
			func(v string) string { return "changelog: {format: " + v + "}" }},
	}
	for _, tt := range tests {
		got := strs(lookup(t, doc, tt.path...)["enum"])
		if !slices.Equal(got, tt.want) {
			t.Errorf("%v: schema enum %v, Go accepts %v", tt.path, got, tt.want)
		}
		for _, v := range got {
			if _, err := Parse("e.yml", []byte(tt.yaml(v))); err != nil {
				t.Errorf("Parse rejects enum value %q: %v", v, err)
			}
		}
		if _, err := Parse("e.yml", []byte(tt.yaml("bogus"))); err == nil {
			t.Errorf("%v: Parse accepts a value outside the enum", tt.path)
		}
	}
}

// TestSchemaPatternsMatchGo checks the patterns Go and the schema share.
func TestSchemaPatternsMatchGo(t *testing.T) {
	doc := schemaDoc(t)
	tests := []struct {
		path []string
		want string
	}{
		{[]string{"properties", "bump", "propertyNames"}, typePattern},
		{[]string{"properties", "changelog", "properties", "sections", "propertyNames"}, sectionKeyPattern},
		{[]string{"properties", "changelog", "properties", "sections", "additionalProperties"}, headingPattern},
	}
	for _, tt := range tests {
		if got := lookup(t, doc, tt.path...)["pattern"]; got != tt.want {
			t.Errorf("%v: schema pattern %q, Go %q", tt.path, got, tt.want)
		}
	}
}

// TestSchemaDefaults checks every "default" in the schema against
// Default(), and that only sections (format-dependent) and the changelog
// object itself go without one.
func TestSchemaDefaults(t *testing.T) {
	out, err := yaml.Marshal(Default())
	if err != nil {
		t.Fatal(err)
	}
	var def map[string]any
	if err := yaml.Unmarshal(out, &def); err != nil {
		t.Fatal(err)
	}
	checkDefaults(t, schemaDoc(t), "", def)
}

func checkDefaults(t *testing.T, node map[string]any, path string, def map[string]any) {
	props, _ := node["properties"].(map[string]any)
	for key, p := range props {
		sub := p.(map[string]any)
		full := join(path, key)
		if nested, ok := sub["properties"]; ok && nested != nil {
			inner, _ := def[key].(map[string]any)
			checkDefaults(t, sub, full, inner)
			continue
		}
		want, has := sub["default"]
		if !has {
			if full != "changelog.sections" {
				t.Errorf("%s: no default in the schema", full)
			}
			continue
		}
		if !jsonEqual(t, want, def[key]) {
			t.Errorf("%s: schema default %v, Default() has %v", full, want, def[key])
		}
	}
}

func jsonEqual(t *testing.T, a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		t.Fatalf("json: %v %v", err1, err2)
	}
	var va, vb any
	_ = json.Unmarshal(ja, &va)
	_ = json.Unmarshal(jb, &vb)
	return reflect.DeepEqual(va, vb)
}
