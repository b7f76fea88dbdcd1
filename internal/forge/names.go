package forge

import (
	"fmt"
	"net/url"
	"strings"
)

// The names below reach the paths of GitHub's API. go-github puts owner
// and repository names, commit names, tag names and label names into
// paths as they are, so a name holding "/", "..", "?" or "#" would make a
// request to another endpoint, another repository or with another query.
// Every such value is checked (names) or escaped (free text) here before
// a call is made.

// CheckRepo checks an owner and a repository name against GitHub's rules:
// an owner (a user or an organization) is 1 to 39 letters, digits and
// hyphens, not starting with a hyphen (underscores are accepted for
// Enterprise Managed Users' "handle_shortcode" logins); a repository name
// is 1 to 100 letters, digits, ".", "-" and "_", other than "." and "..".
func CheckRepo(owner, name string) error {
	if why := ownerProblem(owner); why != "" {
		return fmt.Errorf("repository owner %q is not a GitHub account name: %s", clip(owner), why)
	}
	if why := repoProblem(name); why != "" {
		return fmt.Errorf("repository name %q is not a GitHub repository name: %s", clip(name), why)
	}
	return nil
}

func ownerProblem(s string) string {
	switch {
	case s == "":
		return "it is empty"
	case len(s) > 39:
		return "it is longer than 39 characters"
	case s[0] == '-':
		return "it starts with a hyphen"
	}
	for _, r := range s {
		if !isAlnum(r) && r != '-' && r != '_' {
			return fmt.Sprintf("%q is not a letter, a digit or a hyphen", r)
		}
	}
	return ""
}

func repoProblem(s string) string {
	switch {
	case s == "":
		return "it is empty"
	case len(s) > 100:
		return "it is longer than 100 characters"
	case s == "." || s == "..":
		return "it is a relative path"
	}
	for _, r := range s {
		if !isAlnum(r) && r != '.' && r != '-' && r != '_' {
			return fmt.Sprintf("%q is not a letter, a digit, '.', '-' or '_'", r)
		}
	}
	return ""
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// CheckRef checks a branch or tag name, or a reference ("heads/main",
// "refs/tags/v1.0.0"), against git's rules (git check-ref-format): no
// empty component or one starting with "." or ending with ".lock"; no
// "..", "@{", control character, space, or any of ~ ^ : ? * [ \; not
// ending with "."; not "@".
func CheckRef(ref string) error {
	if why := refProblem(ref); why != "" {
		return fmt.Errorf("%q is not a git reference name: %s", clip(ref), why)
	}
	return nil
}

func refProblem(ref string) string {
	switch {
	case ref == "":
		return "it is empty"
	case ref == "@":
		return `it is "@"`
	case strings.Contains(ref, ".."):
		return `it contains ".."`
	case strings.Contains(ref, "@{"):
		return `it contains "@{"`
	case strings.HasSuffix(ref, "."):
		return `it ends with "."`
	}
	for _, c := range ref {
		if c < 0x20 || c == 0x7f || strings.ContainsRune(" ~^:?*[\\", c) {
			return fmt.Sprintf("it contains %q", c)
		}
	}
	for _, part := range strings.Split(ref, "/") {
		switch {
		case part == "":
			return `it has an empty component (a leading, trailing or doubled "/")`
		case part[0] == '.':
			return fmt.Sprintf("its component %q starts with a dot", part)
		case strings.HasSuffix(part, ".lock"):
			return fmt.Sprintf("its component %q ends with .lock", part)
		}
	}
	return ""
}

// CheckSHA checks a full commit (or object) name: 40 hexadecimal digits,
// or 64 in a SHA-256 repository.
func CheckSHA(sha string) error {
	if (len(sha) == 40 || len(sha) == 64) && strings.Trim(strings.ToLower(sha), "0123456789abcdef") == "" {
		return nil
	}
	return fmt.Errorf("%q is not a full commit name (40 or 64 hexadecimal digits)", clip(sha))
}

// checkRevision accepts a full commit name or a reference name, as the
// endpoints that take either (compare, commits?sha=, contents?ref=).
func checkRevision(rev string) error {
	if CheckSHA(rev) == nil {
		return nil
	}
	return CheckRef(rev)
}

// checkPath checks a file's path in the repository: no ".." component,
// which would climb out of the contents endpoint (go-github escapes "?"
// and "#" in it; "." components are dropped harmlessly).
func checkPath(p string) error {
	for _, part := range strings.Split(p, "/") {
		if part == ".." {
			return fmt.Errorf("%q is not a path inside the repository", clip(p))
		}
	}
	return nil
}

// segment escapes free text (a label name) as one path segment; "." and
// ".." are escaped too, so that they are not taken as relative paths.
func segment(s string) string {
	if s == "." || s == ".." {
		return strings.Repeat("%2E", len(s))
	}
	return url.PathEscape(s)
}

// escapeRef escapes each component of a reference name checked with
// CheckRef (which may hold "#" or "%"), keeping its slashes.
func escapeRef(ref string) string {
	parts := strings.Split(ref, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// clip shortens a value quoted in an error.
func clip(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}
