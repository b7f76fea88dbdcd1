// Command trim cuts GitHub's OpenAPI description down to the operations
// releasebot calls, plus every component they reference (transitively).
//
// Usage:
//
//	go run ./testdata/openapi/trim -in api.github.com.json -out testdata/openapi/api.github.com.subset.json
//
// It keeps openapi, info and externalDocs, the listed operations with their
// path-level parameters, the tags those operations use and the referenced
// components; it drops servers (they name api.github.com) and webhooks.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

// operations lists "METHOD path" exactly as the description spells them.
var operations = []string{
	"GET /repos/{owner}/{repo}",
	"GET /repos/{owner}/{repo}/pulls",
	"POST /repos/{owner}/{repo}/pulls",
	"GET /repos/{owner}/{repo}/pulls/{pull_number}",
	"PATCH /repos/{owner}/{repo}/pulls/{pull_number}",
	"GET /repos/{owner}/{repo}/pulls/{pull_number}/commits",
	"GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls",
	"GET /repos/{owner}/{repo}/commits",
	"GET /repos/{owner}/{repo}/commits/{ref}",
	"GET /repos/{owner}/{repo}/issues/{issue_number}/labels",
	"POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
	"PUT /repos/{owner}/{repo}/issues/{issue_number}/labels",
	"DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}",
	"GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
	"POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
	"PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
	"GET /repos/{owner}/{repo}/labels",
	"POST /repos/{owner}/{repo}/labels",
	"GET /repos/{owner}/{repo}/git/ref/{ref}",
	"GET /repos/{owner}/{repo}/git/matching-refs/{ref}",
	"POST /repos/{owner}/{repo}/git/refs",
	"PATCH /repos/{owner}/{repo}/git/refs/{ref}",
	"DELETE /repos/{owner}/{repo}/git/refs/{ref}",
	"POST /repos/{owner}/{repo}/git/blobs",
	"GET /repos/{owner}/{repo}/git/blobs/{file_sha}",
	"POST /repos/{owner}/{repo}/git/trees",
	"GET /repos/{owner}/{repo}/git/trees/{tree_sha}",
	"POST /repos/{owner}/{repo}/git/commits",
	"GET /repos/{owner}/{repo}/git/commits/{commit_sha}",
	"POST /repos/{owner}/{repo}/git/tags",
	"GET /repos/{owner}/{repo}/git/tags/{tag_sha}",
	"GET /repos/{owner}/{repo}/contents/{path}",
	"GET /repos/{owner}/{repo}/compare/{basehead}",
	"GET /repos/{owner}/{repo}/tags",
	"GET /repos/{owner}/{repo}/releases",
	"POST /repos/{owner}/{repo}/releases",
	"GET /repos/{owner}/{repo}/releases/latest",
	"GET /repos/{owner}/{repo}/releases/tags/{tag}",
	"GET /repos/{owner}/{repo}/releases/{release_id}",
	"PATCH /repos/{owner}/{repo}/releases/{release_id}",
	"POST /app/installations/{installation_id}/access_tokens",
	"GET /app/installations",
	"GET /installation/repositories",
	"POST /repos/{owner}/{repo}/check-runs",
	"PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
	"GET /repos/{owner}/{repo}/commits/{ref}/check-runs",
}

func main() {
	in := flag.String("in", "api.github.com.json", "full description (from @octokit/openapi generated/)")
	out := flag.String("out", "api.github.com.subset.json", "subset to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "trim:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return fmt.Errorf("decoding %s: %w", in, err)
	}
	subset, err := trim(doc)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(subset); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// trim returns a new document holding only the listed operations and what
// they reference.
func trim(doc map[string]any) (map[string]any, error) {
	allPaths, _ := doc["paths"].(map[string]any)
	paths := map[string]any{}
	tags := map[string]bool{}
	for _, op := range operations {
		method, path, _ := strings.Cut(op, " ")
		item, ok := allPaths[path].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("path %s not in the description", path)
		}
		operation, ok := item[strings.ToLower(method)].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("operation %s not in the description", op)
		}
		kept, _ := paths[path].(map[string]any)
		if kept == nil {
			kept = map[string]any{}
			for k, v := range item {
				if !isMethod(k) {
					kept[k] = v
				}
			}
			paths[path] = kept
		}
		kept[strings.ToLower(method)] = operation
		for _, t := range asSlice(operation["tags"]) {
			if s, ok := t.(string); ok {
				tags[s] = true
			}
		}
	}

	components, _ := doc["components"].(map[string]any)
	keptComponents := map[string]any{}
	var queue []string
	seen := map[string]bool{}
	collectRefs(paths, &queue)
	for len(queue) > 0 {
		ref := queue[0]
		queue = queue[1:]
		if seen[ref] {
			continue
		}
		seen[ref] = true
		kind, name, ok := splitRef(ref)
		if !ok {
			return nil, fmt.Errorf("unsupported $ref %q", ref)
		}
		section, _ := components[kind].(map[string]any)
		value, ok := section[name]
		if !ok {
			return nil, fmt.Errorf("dangling $ref %q", ref)
		}
		dst, _ := keptComponents[kind].(map[string]any)
		if dst == nil {
			dst = map[string]any{}
			keptComponents[kind] = dst
		}
		dst[name] = value
		collectRefs(value, &queue)
	}

	subset := map[string]any{
		"openapi":    doc["openapi"],
		"info":       doc["info"],
		"paths":      paths,
		"components": keptComponents,
	}
	if ed, ok := doc["externalDocs"]; ok {
		subset["externalDocs"] = ed
	}
	var keptTags []any
	for _, t := range asSlice(doc["tags"]) {
		if m, ok := t.(map[string]any); ok && tags[fmt.Sprint(m["name"])] {
			keptTags = append(keptTags, t)
		}
	}
	if keptTags != nil {
		subset["tags"] = keptTags
	}
	return subset, nil
}

// collectRefs appends every "$ref" found anywhere under v, in a stable order.
func collectRefs(v any, queue *[]string) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if s, ok := v[k].(string); ok && k == "$ref" {
				*queue = append(*queue, s)
				continue
			}
			collectRefs(v[k], queue)
		}
	case []any:
		for _, e := range v {
			collectRefs(e, queue)
		}
	}
}

// splitRef splits "#/components/KIND/NAME" (NAME JSON-pointer escaped).
func splitRef(ref string) (kind, name string, ok bool) {
	rest, ok := strings.CutPrefix(ref, "#/components/")
	if !ok {
		return "", "", false
	}
	kind, name, ok = strings.Cut(rest, "/")
	if !ok || strings.Contains(name, "/") {
		return "", "", false
	}
	name = strings.ReplaceAll(strings.ReplaceAll(name, "~1", "/"), "~0", "~")
	return kind, name, true
}

func isMethod(k string) bool {
	switch k {
	case "get", "put", "post", "delete", "options", "head", "patch", "trace":
		return true
	}
	return false
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}
