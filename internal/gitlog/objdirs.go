package gitlog

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// maxAlternateDepth bounds the chain of alternates followed, as git's
// link_alt_odb_entries does: the primary directory's alternates file is
// read at depth 0, the files of the directories it lists at depth 1, and
// so on; a file is not read past depth 5.
const maxAlternateDepth = 5

// objectDirs returns the object directories of a repository as git finds
// them: primary first (GIT_OBJECT_DIRECTORY, else the common directory's
// objects), then the directories of GIT_ALTERNATE_OBJECT_DIRECTORIES
// (relative to cwd), then those each directory lists in its
// info/alternates (relative to that directory), recursively. Every path is
// absolute and listed once; directories that do not exist are left out,
// as git leaves them out (it only warns).
func objectDirs(primary, cwd, envAlternates string) []string {
	l := &altList{seen: map[string]bool{}}
	l.add(primary, 0)
	if envAlternates != "" {
		for _, entry := range strings.Split(envAlternates, string(os.PathListSeparator)) {
			if p, ok := altPath(entry, cwd); ok {
				l.add(p, 1)
			}
		}
	}
	// The primary directory's alternates are read after the environment's,
	// and each directory's after those found before it: breadth first.
	for i := 0; i < len(l.dirs); i++ {
		l.readAlternates(l.dirs[i], l.depth[i])
	}
	return l.dirs
}

// altList is the list objectDirs builds: the directories, and the depth
// at which the alternates file of each is read.
type altList struct {
	dirs  []string
	depth []int
	seen  map[string]bool
}

// add appends dir, whose alternates are read at depth, unless it was listed already or is not
// a directory (the primary directory is always listed).
func (l *altList) add(dir string, depth int) {
	dir = filepath.Clean(dir)
	key := dir
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		key = real
	}
	if l.seen[key] {
		return
	}
	if len(l.dirs) > 0 {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return
		}
	}
	l.seen[key] = true
	l.dirs = append(l.dirs, dir)
	l.depth = append(l.depth, depth)
}

// readAlternates adds the directories listed in dir's info/alternates.
func (l *altList) readAlternates(dir string, depth int) {
	if depth > maxAlternateDepth {
		return
	}
	b, err := os.ReadFile(filepath.Join(dir, "info", "alternates"))
	if err != nil {
		return
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if p, ok := altPath(string(line), dir); ok {
			l.add(p, depth+1)
		}
	}
}

// altPath reads one entry of an alternates list as git does: blank
// entries and lines starting with "#" are skipped, an entry starting with
// a double quote is a C-style quoted path, and a relative path is relative
// to base.
func altPath(entry, base string) (string, bool) {
	if entry == "" || entry[0] == '#' {
		return "", false
	}
	if entry[0] == '"' {
		unq, err := strconv.Unquote(entry)
		if err != nil {
			return "", false
		}
		entry = unq
	}
	if !filepath.IsAbs(entry) {
		entry = filepath.Join(base, entry)
	}
	return entry, true
}
