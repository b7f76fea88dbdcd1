package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/releasebot/releasebot/internal/realhistory"
)

// rescore reads an earlier run's results.json from dir and compares its
// two sections again, without git or the binary: for working on the
// comparison and the diagnosis.
func rescore(dir string) ([]record, error) {
	data, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		return nil, err
	}
	var recs []record
	if err := json.Unmarshal(data, &recs); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "results.json"), err)
	}
	var out []record
	for _, r := range recs {
		if !r.HasSection {
			r.Causes = diagnose(r)
			out = append(out, r)
			continue
		}
		r.Release.Entries = realhistory.ParseEntries(r.Release.Section)
		if foreignHeading(r.Release.Entries) != "" {
			continue
		}
		r.Match = realhistory.Compare(r.Release.Entries, realhistory.ParseEntries(r.GotSection))
		r.Causes = diagnose(r)
		out = append(out, r)
	}
	return out, nil
}
