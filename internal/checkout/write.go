package checkout

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"

	"github.com/releasebot/releasebot/internal/plan"
)

// Write applies the file changes to the work tree. Every path is checked
// first: one that leads out of the checkout through a symbolic link (an
// *gitlog.EscapeError naming the link) fails the whole write before any file is
// touched. A symbolic link inside the checkout is followed, so the link
// stays a link. Every file is written to a temporary file beside it and
// renamed into place, so no file is ever half-written; if one fails, the
// files already replaced get their old content back, so the work tree is
// left as it was.
func (w *Workspace) Write(changes []plan.FileChange) error {
	_, err := w.WriteTargets(changes)
	return err
}

// WriteTargets is Write, returning the files written: where each change's path
// leads, relative to the root.
func (w *Workspace) WriteTargets(changes []plan.FileChange) ([]string, error) {
	targets := make([]string, len(changes))
	for i, fc := range changes {
		target, err := w.files.resolve(fc.Path)
		if err != nil {
			return nil, fmt.Errorf("writing %s: %w (no file was changed)", fc.Path, err)
		}
		targets[i] = target
	}
	var done []written
	for i, fc := range changes {
		if err := w.files.writeAtomic(targets[i], fc.New); err != nil {
			w.files.rollback(done)
			return nil, fmt.Errorf("writing %s: %w (no file was changed)", fc.Path, err)
		}
		done = append(done, written{path: targets[i], change: fc})
	}
	return targets, nil
}

// written is a file Write replaced: where (a symbolic link's target,
// relative to the root), and what it held.
type written struct {
	path   string
	change plan.FileChange
}

func (c *confined) rollback(done []written) {
	for _, d := range done {
		if d.change.Created {
			c.root.Remove(d.path)
			continue
		}
		c.writeAtomic(d.path, d.change.Old)
	}
}

// writeAtomic replaces the file at rel (resolved: no link on the way) with
// data, keeping its permissions, through a temporary file renamed into
// place.
func (c *confined) writeAtomic(rel string, data []byte) error {
	mode := fs.FileMode(0o644)
	if fi, err := c.root.Stat(rel); err == nil {
		mode = fi.Mode().Perm()
	}
	dir := path.Dir(rel)
	if err := c.root.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmpName, tmp, err := c.createTemp(dir, path.Base(rel))
	if err != nil {
		return err
	}
	defer c.root.Remove(tmpName)
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
	return c.root.Rename(tmpName, rel)
}

// createTemp creates a new file named after base in dir, as os.CreateTemp
// does, inside the root.
func (c *confined) createTemp(dir, base string) (string, *os.File, error) {
	for range 16 {
		var b [6]byte
		rand.Read(b[:])
		name := path.Join(dir, "."+base+".releasebot-"+hex.EncodeToString(b[:]))
		f, err := c.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return name, f, err
	}
	return "", nil, fmt.Errorf("could not create a temporary file in %s", dir)
}
