//go:build unix

package app

import (
	"errors"
	"os"
	"strings"
	"syscall"
)

// lockFile takes an exclusive lock on path (created if missing), held
// until unlockFile or the process's end, whatever ends it.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, lockedError(strings.TrimSuffix(path, "-lock"))
		}
		return nil, err
	}
	return f, nil
}

func unlockFile(f *os.File) {
	if f != nil {
		f.Close() // closing releases the lock
	}
}
