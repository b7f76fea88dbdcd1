package bump

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/releasebot/releasebot/internal/config"
	"github.com/releasebot/releasebot/internal/plan"
	"github.com/releasebot/releasebot/internal/release"
	"github.com/releasebot/releasebot/internal/usererr"
)

// Packages reports whether the configuration declares several packages.
func (w *Workspace) Packages() bool { return len(w.Config.Packages) > 0 }

// PlanPackages computes every package's next release, reading no file the
// releases rewrite.
func (w *Workspace) PlanPackages(date time.Time) ([]plan.PackageResult, error) {
	return w.computePackages(date, false)
}

// PreparePackages computes every package's release and file edits.
func (w *Workspace) PreparePackages(date time.Time) ([]plan.PackageResult, error) {
	return w.computePackages(date, true)
}

func (w *Workspace) computePackages(date time.Time, withFiles bool) ([]plan.PackageResult, error) {
	states, err := w.PackageStates(context.Background(), nil)
	if err != nil {
		return nil, err
	}
	in := plan.Input{Config: w.Config, Remote: w.Remote(), Date: date, Read: w.ReadFile, Branch: w.branch}
	return plan.PreparePackages(in, states, withFiles)
}

// PackageStates reads every package's state, extra tags included.
func (w *Workspace) PackageStates(ctx context.Context, extra []release.Tag) ([]plan.PackageState, error) {
	if shallow, err := w.repo.Shallow(); err != nil || shallow {
		if err == nil {
			err = errShallow()
		}
		return nil, err
	}
	r := checkoutReader{w: w, parser: newAheadParser()}
	states, err := plan.LoadPackages(ctx, r, r, w.Config, extra)
	parsed := r.parser.finish()
	if err != nil {
		return nil, err
	}
	for i := range states {
		states[i].State.Parsed = parsed
	}
	if err := w.checkPackagePaths(states); err != nil {
		return nil, err
	}
	return states, nil
}

// checkPackagePaths refuses a package whose path is nowhere: not in the
// checkout, never tagged and touched by no commit. (A package that a sparse
// checkout leaves out still has its history, so it passes.)
func (w *Workspace) checkPackagePaths(states []plan.PackageState) error {
	for i, st := range states {
		if st.Path == "." || st.State.CurrentTag != "" || len(st.State.SinceStable) > 0 {
			continue
		}
		if _, err := os.Lstat(filepath.Join(w.Root, filepath.FromSlash(st.Path))); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		file := w.Config.Path
		if file == "" {
			file = config.DefaultPath
		}
		return usererr.Errorf("%s: packages[%d].path: %q does not exist in the repository; fix the path or create the directory", file, i, st.Path)
	}
	return nil
}

// ChangedPaths reads the paths each commit changes.
func (r checkoutReader) ChangedPaths(_ context.Context, hashes []string) (map[string][]string, error) {
	return r.w.repo.ChangedPaths(hashes)
}
