package config

import (
	"fmt"
	"maps"
	"strings"

	"github.com/releasebot/releasebot/internal/semver"
	"github.com/releasebot/releasebot/internal/usererr"
	"gopkg.in/yaml.v3"
)

// Bumps maps lower-case commit types to the level they raise. Its underlying
// type is map[string]semver.Level, so it can be used as one. In YAML it is a
// mapping of type to level name ("major", "minor", "patch" or "none");
// decoding merges the entries over the ones already in the map and lowers
// their keys.
type Bumps map[string]semver.Level

// levelNames returns the bump level names from the highest level down:
// major, minor, patch, none.
func levelNames() []string {
	return []string{
		semver.Major.String(), semver.Minor.String(),
		semver.Patch.String(), semver.None.String(),
	}
}

// UnmarshalYAML implements yaml.Unmarshaler. Parse reports bad levels with
// more context before this runs; this check only guards direct yaml use.
func (b *Bumps) UnmarshalYAML(n *yaml.Node) error {
	var raw map[string]string
	if err := n.Decode(&raw); err != nil {
		return err
	}
	out := make(Bumps, len(*b)+len(raw))
	maps.Copy(out, *b)
	for k, v := range raw {
		l, ok := semver.ParseLevel(v)
		if !ok {
			return &usererr.Error{Line: n.Line, Field: "bump." + k, Msg: badLevelMsg(v)}
		}
		out[strings.ToLower(k)] = l
	}
	*b = out
	return nil
}

// MarshalYAML implements yaml.Marshaler: levels are written by name.
func (b Bumps) MarshalYAML() (any, error) {
	out := make(map[string]string, len(b))
	for k, l := range b {
		out[k] = l.String()
	}
	return out, nil
}

func badLevelMsg(v string) string {
	return fmt.Sprintf("%q is not a bump level; use %s", v, orList(levelNames()))
}

// orList formats ["a", "b", "c"] as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
