package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/x509"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// Where things go in the image. Go's crypto/x509 reads certsPath on Linux
// when SSL_CERT_FILE is unset.
const (
	binPath   = "usr/local/bin/releasebot"
	certsPath = "etc/ssl/certs/ca-certificates.crt"
)

// BuildOptions describe an image: one static releasebot binary per
// platform ("linux/amd64" -> file) and a CA bundle, on an empty base.
type BuildOptions struct {
	Out, Certs, Version string
	Created             time.Time
	Binaries            map[string]string
	Labels              map[string]string
}

// PlatformResult is one platform's image in the index.
type PlatformResult struct {
	Platform string
	Digest   v1.Hash
	// Compressed is what a pull downloads: manifest, config and layers.
	Compressed int64
	// Unpacked is the size of the files in the image.
	Unpacked int64
}

// BuildResult is the index written.
type BuildResult struct {
	Digest    v1.Hash
	Platforms []PlatformResult
}

// Build writes the image index to a new OCI layout at o.Out. It refuses a
// binary that is not a static ELF executable for its platform, and a CA
// bundle without a certificate. Files belong to root (0:0); every time
// stamp is o.Created, so the same inputs give the same digest.
func Build(o BuildOptions) (BuildResult, error) {
	var res BuildResult
	if o.Out == "" || o.Certs == "" || len(o.Binaries) == 0 {
		return res, errors.New("build needs -out, -certs and at least one -bin")
	}
	if _, err := os.Stat(o.Out); err == nil {
		return res, fmt.Errorf("%s exists; remove it or choose another -out", o.Out)
	}
	certs, err := os.ReadFile(o.Certs)
	if err != nil {
		return res, err
	}
	if !x509.NewCertPool().AppendCertsFromPEM(certs) {
		return res, fmt.Errorf("%s holds no PEM certificate", o.Certs)
	}
	certLayer, err := layerOf(o.Created, file{certsPath, certs, 0o644})
	if err != nil {
		return res, err
	}
	platforms := make([]string, 0, len(o.Binaries))
	for p := range o.Binaries {
		platforms = append(platforms, p)
	}
	sort.Strings(platforms)
	idx := mutate.IndexMediaType(empty.Index, types.OCIImageIndex)
	for _, p := range platforms {
		img, pr, err := platformImage(o, p, certLayer, int64(len(certs)))
		if err != nil {
			return res, err
		}
		plat := img.platform
		idx = mutate.AppendManifests(idx, mutate.IndexAddendum{Add: img.Image, Descriptor: v1.Descriptor{Platform: &plat}})
		res.Platforms = append(res.Platforms, pr)
	}
	if res.Digest, err = idx.Digest(); err != nil {
		return res, err
	}
	lp, err := layout.Write(o.Out, empty.Index)
	if err != nil {
		return res, err
	}
	ann := map[string]string{}
	if o.Version != "" {
		ann["org.opencontainers.image.ref.name"] = o.Version
	}
	return res, lp.AppendIndex(idx, layout.WithAnnotations(ann))
}

type platformImg struct {
	v1.Image
	platform v1.Platform
}

// platformImage is the image of one platform: the shared CA layer, then
// the binary's layer.
func platformImage(o BuildOptions, p string, certLayer v1.Layer, certSize int64) (platformImg, PlatformResult, error) {
	pr := PlatformResult{Platform: p}
	osName, arch, ok := strings.Cut(p, "/")
	if !ok || osName != "linux" {
		return platformImg{}, pr, fmt.Errorf("platform %q: want linux/ARCH", p)
	}
	bin, err := os.ReadFile(o.Binaries[p])
	if err != nil {
		return platformImg{}, pr, err
	}
	if err := checkStatic(o.Binaries[p], bin, arch); err != nil {
		return platformImg{}, pr, err
	}
	binLayer, err := layerOf(o.Created, file{binPath, bin, 0o755})
	if err != nil {
		return platformImg{}, pr, err
	}
	img, err := mutate.AppendLayers(mutate.MediaType(empty.Image, types.OCIManifestSchema1), certLayer, binLayer)
	if err != nil {
		return platformImg{}, pr, err
	}
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	cf, err := img.ConfigFile()
	if err != nil {
		return platformImg{}, pr, err
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = osName, arch
	cf.Created = v1.Time{Time: o.Created}
	cf.Config = v1.Config{
		Entrypoint: []string{"/" + binPath},
		Cmd:        []string{"action"},
		Env:        []string{"PATH=/usr/local/bin"},
		// GitHub runs Docker actions as the image's user and requires it
		// to be root: the workspace and the GITHUB_OUTPUT and
		// GITHUB_STEP_SUMMARY files belong to the runner's user, and only
		// root in the container may write them. Elsewhere, run the image
		// with --user 65532:65532; releasebot needs no privilege.
		User:   "0:0",
		Labels: o.Labels,
	}
	if img, err = mutate.ConfigFile(img, cf); err != nil {
		return platformImg{}, pr, err
	}
	if pr.Digest, err = img.Digest(); err != nil {
		return platformImg{}, pr, err
	}
	pr.Compressed, err = pullSize(img)
	pr.Unpacked = int64(len(bin)) + certSize
	return platformImg{img, v1.Platform{OS: osName, Architecture: arch}}, pr, err
}

// pullSize adds up the manifest, the config and the compressed layers.
func pullSize(img v1.Image) (int64, error) {
	m, err := img.RawManifest()
	if err != nil {
		return 0, err
	}
	c, err := img.RawConfigFile()
	if err != nil {
		return 0, err
	}
	total := int64(len(m) + len(c))
	layers, err := img.Layers()
	if err != nil {
		return 0, err
	}
	for _, l := range layers {
		n, err := l.Size()
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

var elfMachine = map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}

// checkStatic refuses a binary scratch cannot run: not an ELF executable
// of the platform's machine, or one that asks for a dynamic loader.
func checkStatic(name string, bin []byte, arch string) error {
	f, err := elf.NewFile(bytes.NewReader(bin))
	if err != nil {
		return fmt.Errorf("%s: not an ELF binary: %w", name, err)
	}
	defer f.Close()
	if want, ok := elfMachine[arch]; !ok || f.Machine != want {
		return fmt.Errorf("%s is built for %v, not for linux/%s", name, f.Machine, arch)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
			return fmt.Errorf("%s is dynamically linked (%v); build it with CGO_ENABLED=0", name, p.Type)
		}
	}
	return nil
}

type file struct {
	name string
	data []byte
	mode int64
}

// layerOf makes a gzip layer holding f and its parent directories.
func layerOf(created time.Time, f file) (v1.Layer, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	var dirs []string
	for d := path.Dir(f.name); d != "."; d = path.Dir(d) {
		dirs = append([]string{d}, dirs...)
	}
	hdr := func(h *tar.Header) error {
		h.Uid, h.Gid, h.ModTime, h.Format = 0, 0, created, tar.FormatPAX
		return tw.WriteHeader(h)
	}
	for _, d := range dirs {
		if err := hdr(&tar.Header{Typeflag: tar.TypeDir, Name: d + "/", Mode: 0o755}); err != nil {
			return nil, err
		}
	}
	if err := hdr(&tar.Header{Typeflag: tar.TypeReg, Name: f.name, Mode: f.mode, Size: int64(len(f.data))}); err != nil {
		return nil, err
	}
	if _, err := tw.Write(f.data); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	return tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	}, tarball.WithCompressionLevel(gzip.BestCompression), tarball.WithMediaType(types.OCILayer))
}
