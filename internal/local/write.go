package local

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/releasebot/releasebot/internal/prepare"
)

// Write applies the file changes to the work tree. Every file is written
// to a temporary file beside it and renamed into place, so no file is ever
// half-written; if one fails, the files already replaced get their old
// content back, so the work tree is left as it was.
func (w *Workspace) Write(changes []prepare.FileChange) error {
	var done []written
	for _, fc := range changes {
		path, err := w.target(fc.Path)
		if err != nil {
			rollback(done)
			return err
		}
		if err := writeAtomic(path, fc.New); err != nil {
			rollback(done)
			return fmt.Errorf("writing %s: %w (no file was changed)", fc.Path, err)
		}
		done = append(done, written{path: path, change: fc})
	}
	return nil
}

// written is a file Write replaced: where (a symbolic link's target), and
// what it held.
type written struct {
	path   string
	change prepare.FileChange
}

// target is the file to write for a repository-relative path: a symbolic
// link is followed, so the link stays a link, but only to a file inside the
// work tree.
func (w *Workspace) target(rel string) (string, error) {
	path := filepath.Join(w.Root, filepath.FromSlash(rel))
	resolved, err := filepath.EvalSymlinks(path)
	if err != nil {
		return path, nil // a new file, or a dangling link that writing replaces
	}
	root, err := filepath.EvalSymlinks(w.Root)
	if err != nil {
		return "", err
	}
	if inside, _ := filepath.Rel(root, resolved); inside == ".." || strings.HasPrefix(inside, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is a symbolic link to %s, outside the repository; point version-files at the real file (no file was changed)", rel, resolved)
	}
	return resolved, nil
}

func rollback(done []written) {
	for _, d := range done {
		if d.change.Created {
			os.Remove(d.path)
			continue
		}
		writeAtomic(d.path, d.change.Old)
	}
}

// writeAtomic replaces path with data, keeping the file's permissions.
func writeAtomic(path string, data []byte) error {
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".releasebot-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
