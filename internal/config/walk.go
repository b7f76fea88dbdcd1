package config

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/usererr"
	"gopkg.in/yaml.v3"
)

// The walker checks the YAML node tree against the shape of Config, which it
// reads from the yaml tags by reflection: struct fields are fixed keys,
// string fields take string scalars, slices lists of strings and maps
// mappings whose keys are free (commit types, folded to lower case) and whose
// values are strings or bump levels. It records where every field was set,
// for the semantic checks that follow decoding.

var (
	configType = reflect.TypeFor[Config]()
	levelType  = reflect.TypeFor[semver.Level]()
)

// position is where a field was set: its key (nil for list items) and value.
type position struct{ key, value *yaml.Node }

// positions maps field paths ("changelog.format", "version-files[1]",
// "bump.feat") to where they were set.
type positions map[string]position

// line returns the line of field's value, or of its key when atKey is true
// and there is one; 0 when the field was not set in the file.
func (p positions) line(field string, atKey bool) int {
	at, ok := p[field]
	switch {
	case !ok:
		return 0
	case atKey && at.key != nil:
		return at.key.Line
	}
	return at.line()
}

// line is the line to report for a problem with the value: the key's line
// when the value is an implicit null (yaml.v3 may place it after the end of
// the input), else the value's.
func (at position) line() int {
	v := at.value
	if at.key != nil && isNull(v) && v.Value == "" {
		return at.key.Line
	}
	return v.Line
}

type walker struct {
	file string
	pos  positions
}

func newWalker(file string) *walker {
	return &walker{file: file, pos: positions{}}
}

// keyField is one fixed key of a mapping and the Go type of its value.
type keyField struct {
	name string
	typ  reflect.Type
}

// yamlKeys returns the yaml keys of struct type t in field order.
func yamlKeys(t reflect.Type) []keyField {
	var out []keyField
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		out = append(out, keyField{name, f.Type})
	}
	return out
}

// mapping checks n, a mapping node, against struct type t; path is the key
// path of n ("" at the top).
func (w *walker) mapping(path string, n *yaml.Node, t reflect.Type) error {
	fields := yamlKeys(t)
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), n.Content[i+1]
		name, err := w.key(path, k, seen, false)
		if err != nil {
			return err
		}
		idx := slices.IndexFunc(fields, func(f keyField) bool { return f.name == name })
		if idx < 0 {
			return w.unknownKey(path, k)
		}
		if err := w.field(join(path, name), k, v, fields[idx].typ); err != nil {
			return err
		}
	}
	return nil
}

// key checks a mapping key and returns its name, lowered when fold is set;
// seen holds the keys met so far in the mapping, by name.
func (w *walker) key(path string, k *yaml.Node, seen map[string]*yaml.Node, fold bool) (string, error) {
	switch {
	case k.ShortTag() == "!!merge":
		return "", w.errAt(k.Line, path, `merge keys ("<<") are not supported; write the keys out`)
	case !isString(k):
		return "", w.errAt(k.Line, path, "keys must be strings, not "+describe(k))
	}
	name := k.Value
	if fold {
		name = strings.ToLower(name)
	}
	first, dup := seen[name]
	switch {
	case dup && first.Value == k.Value:
		return "", w.errAt(k.Line, join(path, name),
			fmt.Sprintf("duplicate key; it is already set at line %d", first.Line))
	case dup:
		return "", w.errAt(k.Line, join(path, name),
			fmt.Sprintf("%q (line %d) and %q (line %d) are the same commit type; types are case-insensitive",
				first.Value, first.Line, k.Value, k.Line))
	}
	seen[name] = k
	return name, nil
}

func (w *walker) unknownKey(path string, k *yaml.Node) error {
	full := join(path, k.Value)
	msg := fmt.Sprintf("unknown key %q", short(full))
	if s := suggest(path, k.Value); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return w.errAt(k.Line, "", msg)
}

// field checks the value raw of the key k at path against Go type t.
func (w *walker) field(path string, k, raw *yaml.Node, t reflect.Type) error {
	at := position{k, raw}
	w.pos[path] = at
	v := deref(raw)
	switch {
	case t.Kind() == reflect.Struct && !isNull(v):
		if !isMapping(v) {
			return w.typeErr(path, at, "a mapping")
		}
		return w.mapping(path, v, t)
	case t.Kind() == reflect.Slice && !isNull(v):
		return w.list(path, at, t.Elem())
	case t.Kind() == reflect.Map && !isNull(v):
		return w.dict(path, at, t.Elem())
	case t.Kind() == reflect.String || t == levelType:
		return w.scalar(path, at, t)
	case t.Kind() == reflect.Bool:
		if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" {
			return w.typeErr(path, at, "true or false")
		}
	}
	return nil
}

func (w *walker) list(path string, at position, elem reflect.Type) error {
	v := deref(at.value)
	if !isSequence(v) {
		return w.typeErr(path, at, "a list")
	}
	for i, item := range v.Content {
		p := fmt.Sprintf("%s[%d]", path, i)
		w.pos[p] = position{value: item}
		var err error
		switch elem.Kind() {
		case reflect.Struct:
			if !isMapping(deref(item)) {
				return w.typeErr(p, w.pos[p], "a mapping")
			}
			err = w.mapping(p, deref(item), elem)
		case reflect.Slice:
			err = w.list(p, w.pos[p], elem.Elem())
		default:
			err = w.scalar(p, w.pos[p], elem)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) dict(path string, at position, elem reflect.Type) error {
	v := deref(at.value)
	if !isMapping(v) {
		return w.typeErr(path, at, "a mapping")
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := deref(v.Content[i]), v.Content[i+1]
		name, err := w.key(path, k, seen, true)
		if err != nil {
			return err
		}
		p := join(path, name)
		w.pos[p] = position{k, val}
		if err := w.scalar(p, w.pos[p], elem); err != nil {
			return err
		}
	}
	return nil
}

// scalar checks that the value at is a string and, for a level, a known
// one.
func (w *walker) scalar(path string, at position, t reflect.Type) error {
	want := "a string"
	if t == levelType {
		want = "a bump level (" + orList(levelNames()) + ")"
	}
	v := deref(at.value)
	if !isString(v) {
		return w.typeErr(path, at, want)
	}
	if _, ok := semver.ParseLevel(v.Value); t == levelType && !ok {
		return w.errAt(at.line(), path, badLevelMsg(short(v.Value)))
	}
	return nil
}

func (w *walker) typeErr(path string, at position, want string) error {
	v := deref(at.value)
	msg := "expected " + want + ", got " + describe(v)
	if v.Kind == yaml.ScalarNode && strings.HasPrefix(want, "a string") {
		switch v.ShortTag() {
		case "!!null":
			msg += `; write "" for an empty value`
		case "!!int", "!!float":
			if strings.HasSuffix(path, "initial-version") {
				msg += fmt.Sprintf("; write a full version in quotes, such as %q", completeVersion(v.Value))
				break
			}
			msg += fmt.Sprintf("; quote it (%q) if you mean text", short(v.Value))
		case "!!bool", "!!timestamp":
			msg += fmt.Sprintf("; quote it (%q) if you mean text", short(v.Value))
		}
	}
	return w.errAt(at.line(), path, msg)
}

func (w *walker) errAt(line int, field, msg string) *usererr.Error {
	return &usererr.Error{File: w.file, Line: line, Field: field, Msg: msg}
}
