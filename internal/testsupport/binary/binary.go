// Package binary builds the releasebot command for tests that run it as a
// process, as a workflow step or a server would.
package binary

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Build builds cmd/releasebot (CGO_ENABLED=0, as released) into a
// temporary directory of t and returns its path.
func Build(t testing.TB) string {
	t.Helper()
	_, self, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("binary: cannot locate the module")
	}
	bin := filepath.Join(t.TempDir(), "releasebot")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/releasebot")
	cmd.Dir = filepath.Join(filepath.Dir(self), "..", "..", "..")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building releasebot: %v\n%s", err, out)
	}
	return bin
}
