package gitlog

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// maxReplaceDepth bounds a chain of replacements (an object replaced by
// one that is replaced in turn), as git's MAXREPLACEDEPTH.
const maxReplaceDepth = 5

// readReplaceRefs reads the replacements made with `git replace`: each ref
// refs/replace/<name> names the object read in place of the object <name>.
// As git, it reads none when GIT_NO_REPLACE_OBJECTS is set or
// core.useReplaceRefs is false, and reads them under GIT_REPLACE_REF_BASE
// when that is set. The refs are read from the packed-refs file and the
// loose refs of the common directory.
func readReplaceRefs(loc *location, getenv func(string) string) (map[plumbing.Hash]plumbing.Hash, error) {
	if getenv("GIT_NO_REPLACE_OBJECTS") != "" || !loc.config.useReplaceRefs {
		return nil, nil
	}
	base := "refs/replace/"
	if b := getenv("GIT_REPLACE_REF_BASE"); b != "" {
		base = strings.TrimSuffix(b, "/") + "/"
	}
	m := map[plumbing.Hash]plumbing.Hash{}
	if err := readPackedReplace(filepath.Join(loc.common, "packed-refs"), base, m); err != nil {
		return nil, err
	}
	dir := filepath.Join(loc.common, filepath.FromSlash(base))
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	} else if err != nil {
		return nil, fmt.Errorf("reading the replace refs: %w", err)
	}
	for _, e := range entries {
		from, ok := hexHash(e.Name())
		if !ok || e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("reading the replace ref %s%s: %w", base, e.Name(), err)
		}
		if to, ok := hexHash(strings.TrimSpace(string(b))); ok {
			m[from] = to // a loose ref wins over a packed one
		}
	}
	return m, nil
}

// readPackedReplace adds to m the replace refs under base listed in the
// packed-refs file at path ("<hash> <refname>" lines), if there is one.
func readPackedReplace(path, base string, m map[plumbing.Hash]plumbing.Hash) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("reading the replace refs: %w", err)
	}
	if !bytes.Contains(b, []byte(" "+base)) {
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		value, name, ok := strings.Cut(sc.Text(), " ")
		rest, under := strings.CutPrefix(name, base)
		if !ok || !under {
			continue
		}
		from, ok1 := hexHash(rest)
		to, ok2 := hexHash(value)
		if ok1 && ok2 {
			m[from] = to
		}
	}
	return sc.Err()
}

// hexHash parses a full hexadecimal object name.
func hexHash(s string) (plumbing.Hash, bool) {
	h, err := parseHash([]byte(s))
	return h, err == nil
}

// replaced returns the object read in place of h: its replacement, if it
// has one (following chains of replacements), else h itself.
func (r *Repo) replaced(h plumbing.Hash) plumbing.Hash {
	if len(r.replace) == 0 {
		return h
	}
	for range maxReplaceDepth {
		to, ok := r.replace[h]
		if !ok {
			break
		}
		h = to
	}
	return h
}
