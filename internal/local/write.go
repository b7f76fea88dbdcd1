package local

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/releasebot/releasebot/internal/prepare"
)

// Write applies the file changes to the work tree. Every file is written
// to a temporary file beside it and renamed into place, so no file is ever
// half-written; if one fails, the files already replaced get their old
// content back, so the work tree is left as it was.
func (w *Workspace) Write(changes []prepare.FileChange) error {
	var done []prepare.FileChange
	for _, fc := range changes {
		if err := writeAtomic(filepath.Join(w.Root, filepath.FromSlash(fc.Path)), fc.New); err != nil {
			rollback(w.Root, done)
			return fmt.Errorf("writing %s: %w (no file was changed)", fc.Path, err)
		}
		done = append(done, fc)
	}
	return nil
}

func rollback(root string, done []prepare.FileChange) {
	for _, fc := range done {
		path := filepath.Join(root, filepath.FromSlash(fc.Path))
		if fc.Created {
			os.Remove(path)
			continue
		}
		writeAtomic(path, fc.Old)
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

// Commit commits the changed files with message and returns the new hash.
func (w *Workspace) Commit(changes []prepare.FileChange, message string) (string, error) {
	paths := make([]string, len(changes))
	for i, fc := range changes {
		paths[i] = fc.Path
	}
	return w.repo.CommitFiles(paths, message)
}

// Tag creates the annotated release tag at hash.
func (w *Workspace) Tag(name, hash, message string) error {
	return w.repo.CreateTag(name, hash, message)
}
