package realhistory

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Repo is the network-free copy of one repository's releases: what the
// replay needs and nothing more. It is stored gzipped as
// testdata/realhistory/<owner>-<name>.json.gz.
type Repo struct {
	// Repo is "owner/name" on GitHub.
	Repo string `json:"repo"`
	// Snapshot is the commit the history was read at, and Fetched the day.
	Snapshot string `json:"snapshot"`
	Fetched  string `json:"fetched"`
	// TagPrefix precedes versions in the repository's tags.
	TagPrefix string `json:"tag_prefix"`
	// Configs maps a tool era ("release-please", ...) to the releasebot
	// configuration that says what that tool did.
	Configs  map[string]string `json:"configs"`
	Releases []Release         `json:"releases"`
}

// Release is one real release and the history the tool saw.
type Release struct {
	// Tag is the release's tag; Tool names its entry in Repo.Configs.
	Tag  string `json:"tag"`
	Tool string `json:"tool"`
	// Head is the commit the tool computed the release on.
	Head string `json:"head"`
	// Prev is the last release tag reachable from Head (the current
	// version), PrevStable the last stable one; they differ when Prev is a
	// pre-release.
	Prev       string `json:"prev"`
	PrevStable string `json:"prev_stable,omitempty"`
	// Version is the version the tool released (Tag without prefix).
	Version string `json:"version"`
	// HasSection is true when the tool's changelog at Tag has a section
	// for Version; Section is its text as written (heading excluded), and
	// Entries its bullets, read by Load (so that a better Normalize applies
	// to stored sections too).
	HasSection bool    `json:"has_section"`
	Section    string  `json:"section,omitempty"`
	Entries    []Entry `json:"-"`
	// Commits are the commits reachable from Head and not from PrevStable,
	// newest first, as git log lists them.
	Commits []Commit `json:"commits"`
}

// Commit is one commit of a release's range.
type Commit struct {
	Hash    string `json:"hash"`
	Merge   bool   `json:"merge,omitempty"`
	Message string `json:"message"`
	// AfterPrev is false for commits Prev already contains (only when Prev
	// is a pre-release of the stable line).
	AfterPrev bool `json:"after_prev"`
}

// FileName is the testdata file name of a repository.
func FileName(repo string) string {
	return strings.ReplaceAll(repo, "/", "-") + ".json.gz"
}

// Save writes r gzipped and indented to path, atomically: a failed write
// leaves the old file.
func Save(path string, r Repo) error {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	enc := json.NewEncoder(zw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("encoding %s: %w", r.Repo, err)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Load reads one gzipped repository file.
func Load(path string) (Repo, error) {
	f, err := os.Open(path)
	if err != nil {
		return Repo{}, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return Repo{}, fmt.Errorf("%s: not gzip: %w", path, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return Repo{}, fmt.Errorf("%s: %w", path, err)
	}
	var r Repo
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return Repo{}, fmt.Errorf("%s: %w", path, err)
	}
	for i := range r.Releases {
		r.Releases[i].Entries = ParseEntries(r.Releases[i].Section)
	}
	return r, nil
}

// LoadDir reads every *.json.gz of dir, sorted by repository.
func LoadDir(dir string) ([]Repo, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json.gz"))
	if err != nil {
		return nil, err
	}
	var out []Repo
	for _, p := range paths {
		r, err := Load(p)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Repo < out[j].Repo })
	return out, nil
}
