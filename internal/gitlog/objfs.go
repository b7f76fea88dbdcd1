package gitlog

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
)

// objectsFS is the filesystem of a git directory in which "objects" is
// every object directory of the repository at once (see objectDirs): the
// primary one, where objects are written, and its alternates, from which
// they are only read. A file is opened from the first directory that has
// it; a directory lists the entries of all of them. The alternates file
// itself is hidden: the alternates are already part of "objects", and
// go-git's own way of reading them (a new storer per object read, no
// chains, no comments) is both slow and incomplete.
//
// Two things are smoothed over on the way, as git reads them: a pack
// whose index is missing (left by an interrupted transfer) is not listed,
// and a version 1 pack index is served as the equivalent version 2 index,
// the only one go-git and packSet read.
//
// With windows set, pack files are read through a window (windowFile):
// go-git seeks before reading every object and reads through a 4 KiB
// buffer, two system calls per object which, with the Go scheduler's work
// around each of them, cost as much as a quarter of a walk over a long
// history. Other files pass through.
type objectsFS struct {
	billy.Filesystem
	dirs    []billy.Filesystem
	windows bool
	// v1 holds the version 2 translations of version 1 pack indexes, by
	// path, shared by the copies of an objectsFS.
	v1 *idxCache
}

// idxCache is objectsFS.v1.
type idxCache struct {
	mu sync.Mutex
	m  map[string][]byte
}

// newObjectsFS returns base with "objects" served from dirs, absolute
// paths of object directories, the primary one first.
func newObjectsFS(base billy.Filesystem, dirs []string, windows bool) *objectsFS {
	o := &objectsFS{Filesystem: base, windows: windows, v1: &idxCache{m: map[string][]byte{}}}
	for _, d := range dirs {
		o.dirs = append(o.dirs, osfs.New(d))
	}
	return o
}

// withWindows returns a copy of o reading packs through windows or not.
func (o *objectsFS) withWindows(windows bool) *objectsFS {
	c := *o
	c.windows = windows
	return &c
}

// objectsPath returns the path of name inside the object directories, and
// false if name is not in "objects".
func objectsPath(name string) (string, bool) {
	name = path.Clean(filepath.ToSlash(name))
	if name == "objects" {
		return ".", true
	}
	rel, ok := strings.CutPrefix(name, "objects/")
	return rel, ok
}

// hidden reports whether rel is a file that objectsFS does not show.
func hidden(rel string) bool {
	return rel == "info/alternates"
}

// Open opens name; see objectsFS.
func (o *objectsFS) Open(name string) (billy.File, error) {
	rel, ok := objectsPath(name)
	if !ok {
		return o.Filesystem.Open(name)
	}
	if hidden(rel) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	for _, d := range o.dirs {
		f, err := d.Open(rel)
		if err == nil {
			return o.wrap(name, rel, d, f)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// wrap gives the file f, opened as rel in d, its name in o and the reading
// objectsFS promises.
func (o *objectsFS) wrap(name, rel string, d billy.Filesystem, f billy.File) (billy.File, error) {
	switch {
	case strings.HasSuffix(rel, ".pack") && o.windows:
		return &windowFile{File: named{f, name}}, nil
	case strings.HasSuffix(rel, ".idx"):
		return o.index(name, rel, d, f)
	}
	return named{f, name}, nil
}

// OpenFile opens name for reading as Open does, and for writing in the
// primary directory.
func (o *objectsFS) OpenFile(name string, flag int, perm os.FileMode) (billy.File, error) {
	rel, ok := objectsPath(name)
	if !ok {
		return o.Filesystem.OpenFile(name, flag, perm)
	}
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_APPEND|os.O_TRUNC) == 0 {
		return o.Open(name)
	}
	f, err := o.dirs[0].OpenFile(rel, flag, perm)
	if err != nil {
		return nil, err
	}
	return named{f, name}, nil
}

// Create creates name in the primary directory.
func (o *objectsFS) Create(name string) (billy.File, error) {
	return o.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
}

// TempFile creates a temporary file in the primary directory.
func (o *objectsFS) TempFile(dir, prefix string) (billy.File, error) {
	rel, ok := objectsPath(dir)
	if !ok {
		return o.Filesystem.TempFile(dir, prefix)
	}
	f, err := o.dirs[0].TempFile(rel, prefix)
	if err != nil {
		return nil, err
	}
	return named{f, path.Join("objects", filepath.ToSlash(f.Name()))}, nil
}

// Stat returns the file information of name in the first directory that
// has it.
func (o *objectsFS) Stat(name string) (os.FileInfo, error) {
	return o.stat(name, billy.Filesystem.Stat)
}

// Lstat is Stat without following a final symbolic link.
func (o *objectsFS) Lstat(name string) (os.FileInfo, error) {
	return o.stat(name, billy.Filesystem.Lstat)
}

func (o *objectsFS) stat(name string, stat func(billy.Filesystem, string) (os.FileInfo, error)) (os.FileInfo, error) {
	rel, ok := objectsPath(name)
	if !ok {
		return stat(o.Filesystem, name)
	}
	err := error(&fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist})
	if hidden(rel) {
		return nil, err
	}
	for _, d := range o.dirs {
		fi, e := stat(d, rel)
		if e == nil {
			return fi, nil
		}
		if !errors.Is(e, fs.ErrNotExist) {
			return nil, e
		}
	}
	return nil, err
}

// ReadDir lists a directory: inside "objects", the entries of every object
// directory, each name once, leaving out packs without an index.
func (o *objectsFS) ReadDir(name string) ([]os.FileInfo, error) {
	rel, ok := objectsPath(name)
	if !ok {
		return o.Filesystem.ReadDir(name)
	}
	var out []os.FileInfo
	seen := map[string]bool{}
	found := false
	for _, d := range o.dirs {
		infos, err := d.ReadDir(rel)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, err
		}
		found = true
		names := make(map[string]bool, len(infos))
		for _, fi := range infos {
			names[fi.Name()] = true
		}
		for _, fi := range infos {
			n := fi.Name()
			if seen[n] || (rel == "info" && n == "alternates") {
				continue
			}
			if base, isPack := strings.CutSuffix(n, ".pack"); isPack && rel == "pack" && !names[base+".idx"] {
				continue
			}
			seen[n] = true
			out = append(out, fi)
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return out, nil
}

// MkdirAll creates a directory in the primary directory.
func (o *objectsFS) MkdirAll(name string, perm os.FileMode) error {
	if rel, ok := objectsPath(name); ok {
		return o.dirs[0].MkdirAll(rel, perm)
	}
	return o.Filesystem.MkdirAll(name, perm)
}

// Remove removes a file of the primary directory.
func (o *objectsFS) Remove(name string) error {
	if rel, ok := objectsPath(name); ok {
		return o.dirs[0].Remove(rel)
	}
	return o.Filesystem.Remove(name)
}

// Rename renames a file of the primary directory.
func (o *objectsFS) Rename(from, to string) error {
	relFrom, okFrom := objectsPath(from)
	relTo, okTo := objectsPath(to)
	switch {
	case okFrom && okTo:
		return o.dirs[0].Rename(relFrom, relTo)
	case !okFrom && !okTo:
		return o.Filesystem.Rename(from, to)
	}
	return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("cannot move a file in or out of the object directories")}
}

// Chroot is refused inside "objects", which is several directories.
func (o *objectsFS) Chroot(name string) (billy.Filesystem, error) {
	if _, ok := objectsPath(name); ok {
		return nil, errors.New("chroot into the object directories")
	}
	return o.Filesystem.Chroot(name)
}

// named is a file with the name it was opened with in an objectsFS.
type named struct {
	billy.File
	name string
}

func (f named) Name() string { return f.name }
