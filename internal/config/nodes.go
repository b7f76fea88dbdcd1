package config

import (
	"fmt"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// deref follows an alias to its anchored node.
func deref(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func isString(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str"
}

func isMapping(n *yaml.Node) bool {
	return n.Kind == yaml.MappingNode && n.ShortTag() == "!!map"
}

func isSequence(n *yaml.Node) bool {
	return n.Kind == yaml.SequenceNode && n.ShortTag() == "!!seq"
}

// describe names what n is, for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	tag := n.ShortTag()
	switch {
	case isMapping(n):
		return "a mapping"
	case isSequence(n):
		return "a list"
	case n.Kind != yaml.ScalarNode:
		return "a YAML value tagged " + short(tag)
	}
	switch tag {
	case "!!null":
		return "nothing (null)"
	case "!!str":
		return fmt.Sprintf("the string %q", short(n.Value))
	case "!!int", "!!float":
		return "the number " + short(n.Value)
	case "!!bool":
		return "the boolean " + short(n.Value)
	case "!!timestamp":
		return "the date " + short(n.Value)
	}
	return "a YAML value tagged " + short(tag)
}

// join appends key to the dotted path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// short truncates s for quoting in messages.
func short(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
