package config

import (
	"reflect"
	"strings"
)

// suggest returns the full path of the known key an unknown key (found in
// the mapping at parent, "" for the top level) most likely meant, or "" when
// none is close. It prefers a sibling whose name is within a small edit
// distance, then a key of exactly that name elsewhere ("format" at the top
// level means "changelog.format").
func suggest(parent, key string) string {
	low := strings.ToLower(key)
	all := knownKeys("", configType)
	best, bestDist := "", maxDistance(low)+1
	for _, p := range all {
		dir, leaf := splitPath(p)
		if dir != parent {
			continue
		}
		if d := distance(low, leaf); d < bestDist {
			best, bestDist = p, d
		}
	}
	if best != "" {
		return best
	}
	for _, p := range all {
		if _, leaf := splitPath(p); leaf == low {
			return p
		}
	}
	return ""
}

// maxDistance is how many edits a key may be from a known one and still be
// taken for a typo of it.
func maxDistance(key string) int {
	return min(1+len(key)/5, 3)
}

// knownKeys returns the full path of every fixed key of struct type t, each
// parent before its children. Free-form maps (bump, sections) add no keys.
func knownKeys(prefix string, t reflect.Type) []string {
	var out []string
	for _, f := range yamlKeys(t) {
		p := join(prefix, f.name)
		out = append(out, p)
		if f.typ.Kind() == reflect.Struct {
			out = append(out, knownKeys(p, f.typ)...)
		}
	}
	return out
}

func splitPath(p string) (dir, leaf string) {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i], p[i+1:]
	}
	return "", p
}

// distance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent
// bytes each cost one.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return max(len(a), len(b))
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
