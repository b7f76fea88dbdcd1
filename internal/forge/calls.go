package forge

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Calls counts API calls by endpoint and status. It is safe for
// concurrent use.
type Calls struct {
	mu     sync.Mutex
	total  int
	writes int
	by     map[string]int
}

func (c *Calls) add(method, path string, status int) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.by == nil {
		c.by = map[string]int{}
	}
	c.total++
	if method != "GET" && method != "HEAD" {
		c.writes++
	}
	c.by[fmt.Sprintf("%s %s %d", method, Endpoint(path), status)]++
}

// Total is the number of calls made, retries included.
func (c *Calls) Total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total
}

// Writes is the number of calls that were not GET or HEAD.
func (c *Calls) Writes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.writes
}

// Summary lists "METHOD ENDPOINT STATUS xN" lines, sorted.
func (c *Calls) Summary() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for k, n := range c.by {
		out = append(out, fmt.Sprintf("%s x%d", k, n))
	}
	sort.Strings(out)
	return out
}

var (
	repoPrefix = regexp.MustCompile(`^(/api/v3)?/repos/[^/]+/[^/]+`)
	hexSHA     = regexp.MustCompile(`/[0-9a-f]{40}\b`)
	number     = regexp.MustCompile(`/[0-9]+(/|$)`)
)

// Endpoint turns a request path into its endpoint template, for counting:
// "/repos/o/r/pulls/12" is "/repos/{owner}/{repo}/pulls/{n}".
func Endpoint(path string) string {
	p := repoPrefix.ReplaceAllString(path, "/repos/{owner}/{repo}")
	for _, wild := range []string{"/git/ref/", "/git/refs/", "/git/matching-refs/", "/contents/", "/compare/", "/releases/tags/"} {
		if i := strings.Index(p, wild); i >= 0 {
			return p[:i+len(wild)] + "{...}"
		}
	}
	p = hexSHA.ReplaceAllString(p, "/{sha}")
	return number.ReplaceAllString(p, "/{n}$1")
}
