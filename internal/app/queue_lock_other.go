//go:build !unix

package app

import "os"

// lockFile does nothing where flock is missing: the heartbeats alone
// tell a dead process's jobs.
func lockFile(string) (*os.File, error) { return nil, nil }

func unlockFile(*os.File) {}
