package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/releasebot/releasebot/internal/usererr"
	"gopkg.in/yaml.v3"
)

// Load reads the configuration through read, which reads a file by the
// name Load gives it and returns an error satisfying errors.Is(err,
// fs.ErrNotExist) when there is no such file. The file explicit names is
// read when explicit is not "" and must exist (the user named it, e.g. with
// --config); otherwise DefaultPath is read, and Default() (with Path "") is
// the configuration when it does not exist.
//
// A missing named file, and a file read returns a *fs.PathError for (it is
// unreadable, a directory, a link leading out of the checkout), is a
// *usererr.Error with File the name, Line 0, Msg "cannot read
// configuration: REASON" and Err read's error (see Unreadable). A file
// that was read but is invalid is a *usererr.Error as Parse returns it (see
// Invalid). Any other error of read, such as a network failure, is no
// mistake of the user's: it is returned wrapped, as "reading the
// configuration: ERR".
func Load(read func(path string) ([]byte, error), explicit string) (Config, error) {
	name, required := DefaultPath, false
	if explicit != "" {
		name, required = explicit, true
	}
	data, err := read(name)
	var pe *fs.PathError
	switch {
	case err == nil:
		return Parse(name, data)
	case errors.Is(err, fs.ErrNotExist) && !required:
		return Default(), nil
	case errors.Is(err, fs.ErrNotExist), errors.As(err, &pe):
		return Config{}, unreadable(name, err)
	}
	return Config{}, fmt.Errorf("reading the configuration: %w", err)
}

// Parse reads data, named name in errors and in Config.Path, as a
// configuration file: strictly (see the package documentation), merged over
// Default(), then validated. An empty file, or one holding only comments,
// gives Default(). Every error is a *usererr.Error naming name, the line
// and the field where known, with no cause; on error the Config is zero.
// Parse never panics.
func Parse(name string, data []byte) (Config, error) {
	root, err := parseRoot(name, data)
	if err != nil {
		return Config{}, err
	}
	cfg := Default()
	cfg.Path = name
	if root == nil {
		return cfg, nil
	}
	w := newWalker(name)
	if err := w.mapping("", root, configType); err != nil {
		return Config{}, err
	}
	if err := decode(name, data, &cfg); err != nil {
		return Config{}, err
	}
	normalise(&cfg)
	if err := validate(cfg, w.pos); err != nil {
		return Config{}, err
	}
	cfg.VersionFiles = withoutVersionFile(cfg.VersionFiles, cfg.VersionFile)
	return cfg, nil
}

// withoutVersionFile drops the version file from version-files, where
// listing it again is harmless: it is always written, once.
func withoutVersionFile(files []string, versionFile string) []string {
	if versionFile == "" {
		return files
	}
	var out []string
	for _, f := range files {
		if f != versionFile {
			out = append(out, f)
		}
	}
	return out
}

// parseRoot reads data as one YAML document and returns its top-level
// mapping, or nil when the document is empty or null.
func parseRoot(name string, data []byte) (root *yaml.Node, err error) {
	defer recoverYAML(name, &err)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, syntaxError(name, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, syntaxError(name, data, err)
		}
		return nil, &usererr.Error{File: name, Line: extra.Line,
			Msg: "the file holds more than one YAML document (a second \"---\"); keep only one"}
	}
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil, nil
		}
		return topLevel(name, deref(doc.Content[0]))
	}
	return topLevel(name, deref(&doc))
}

// topLevel checks that n, the document's content, is a mapping (or null).
func topLevel(name string, n *yaml.Node) (*yaml.Node, error) {
	switch {
	case isNull(n):
		return nil, nil
	case n.Kind == yaml.MappingNode && n.ShortTag() == "!!map":
		return n, nil
	}
	return nil, &usererr.Error{File: name, Line: n.Line,
		Msg: "the file must be a mapping of keys to values (such as \"tag-prefix: v\"), not " + describe(n)}
}

// decode decodes data into cfg (whose defaults it overwrites key by key)
// with yaml's KnownFields, a second line of defence after the walker.
func decode(name string, data []byte, cfg *Config) (err error) {
	defer recoverYAML(name, &err)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		return yamlError(name, err)
	}
	return nil
}

// normalise completes a decoded Config: the default bump levels under the
// user's, lower-case section keys, and nil for empty lists and maps (so
// that equal configurations are reflect.DeepEqual).
func normalise(cfg *Config) {
	bump := defaultBumps()
	for k, l := range cfg.Bump {
		bump[strings.ToLower(k)] = l
	}
	cfg.Bump = bump
	if len(cfg.VersionFiles) == 0 {
		cfg.VersionFiles = nil
	}
	if len(cfg.Channels) == 0 {
		cfg.Channels = nil
	}
	if len(cfg.Packages) == 0 {
		cfg.Packages = nil
	}
	if len(cfg.LinkedVersions) == 0 {
		cfg.LinkedVersions = nil
	}
	if len(cfg.Changelog.Sections) == 0 {
		cfg.Changelog.Sections = nil
		return
	}
	sections := make(map[string]string, len(cfg.Changelog.Sections))
	for k, v := range cfg.Changelog.Sections {
		sections[strings.ToLower(k)] = v
	}
	cfg.Changelog.Sections = sections
}
