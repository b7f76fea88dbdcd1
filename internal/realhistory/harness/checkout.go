package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// checkout is a clone of a mirror whose refs the harness rewrites for each
// release: HEAD detached at the commit the tool saw, and only the release
// tags below the release's version. Its work tree stays empty: `next` and
// `changelog` read history, not files, and an empty tree keeps the
// repository's own changelog out of the section releasebot prints.
type checkout struct {
	dir, config string
}

// newCheckout clones mirror into a fresh directory (objects hard-linked,
// no work tree written) with origin set to the GitHub repository.
func newCheckout(root, mirror string, def repoDef) (*checkout, error) {
	dir, err := workDir(root, def.Repo)
	if err != nil {
		return nil, err
	}
	if _, err := git(root, "clone", "--quiet", "--no-checkout", "--local", mirror, dir); err != nil {
		return nil, err
	}
	if _, err := git(dir, "remote", "set-url", "origin", "https://github.com/"+def.Repo+".git"); err != nil {
		return nil, err
	}
	return &checkout{dir: dir, config: dir + ".releasebot.yml"}, nil
}

// place makes head the detached HEAD, visible the only tags and config
// the configuration file.
func (c *checkout) place(head string, visible []versionTag, config string) error {
	gitDir := filepath.Join(c.dir, ".git")
	for _, sub := range []string{"refs/tags", "refs/heads", "refs/remotes"} {
		if err := os.RemoveAll(filepath.Join(gitDir, sub)); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Join(gitDir, "refs", "tags"), 0o755); err != nil {
		return err
	}
	sorted := append([]versionTag(nil), visible...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	var b strings.Builder
	b.WriteString("# pack-refs with: peeled fully-peeled sorted \n")
	for _, t := range sorted {
		fmt.Fprintf(&b, "%s refs/tags/%s\n", t.Object, t.Name)
		if t.Object != t.Commit {
			fmt.Fprintf(&b, "^%s\n", t.Commit)
		}
	}
	if err := os.WriteFile(filepath.Join(gitDir, "packed-refs"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(gitDir, "HEAD"), []byte(head+"\n"), 0o644); err != nil {
		return err
	}
	return os.WriteFile(c.config, []byte(config), 0o644)
}

// trigger is one entry of `next --json`'s commits.
type trigger struct {
	Hash        string `json:"hash"`
	Type        string `json:"type"`
	Scope       string `json:"scope,omitempty"`
	Description string `json:"description"`
	Breaking    bool   `json:"breaking"`
	PR          int    `json:"pr,omitempty"`
	Bump        string `json:"bump"`
}

// answer is what the binary said.
type answer struct {
	Version  string
	Err      string
	Triggers []trigger
	Section  string
}

// run runs `next --json` and `changelog` in the checkout.
func (c *checkout) run(bin string) (answer, error) {
	var a answer
	out, errText, err := c.exec(bin, "next", "--json")
	if err != nil {
		a.Err = strings.TrimSpace(errText)
		if a.Err == "" {
			a.Err = err.Error()
		}
		return a, nil
	}
	var next struct {
		Next       *string   `json:"next"`
		Releasable bool      `json:"releasable"`
		Commits    []trigger `json:"commits"`
	}
	if err := json.Unmarshal([]byte(out), &next); err != nil {
		return a, fmt.Errorf("next --json: %v: %s", err, out)
	}
	if next.Releasable && next.Next != nil {
		a.Version = *next.Next
	}
	a.Triggers = next.Commits
	if !next.Releasable {
		return a, nil
	}
	out, errText, err = c.exec(bin, "changelog")
	if err != nil {
		a.Err = "changelog: " + strings.TrimSpace(errText)
		return a, nil
	}
	// The first line is the heading.
	_, body, _ := strings.Cut(out, "\n")
	a.Section = strings.TrimSpace(body)
	return a, nil
}

func (c *checkout) exec(bin string, args ...string) (stdout, stderr string, err error) {
	cmd := exec.Command(bin, append(args, "-C", c.dir, "--config", c.config)...)
	cmd.Env = append(cmd.Environ(), "SOURCE_DATE_EPOCH=0", "GITHUB_ACTIONS=", "GIT_NO_REPLACE_OBJECTS=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return out.String(), errb.String(), err
}
