package action

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"crypto/x509"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The image of the Action, as .ci/build-image writes it: an OCI layout.
// .ci/run builds it once and names it in RELEASEBOT_IMAGE; without that
// variable the test builds the linux/amd64 image itself.

// maxImageBytes is the compressed size the image must stay under.
const maxImageBytes = 20 << 20

type ociDescriptor struct {
	MediaType string `json:"mediaType"`
	Digest    string `json:"digest"`
	Size      int64  `json:"size"`
	Platform  *struct {
		OS           string `json:"os"`
		Architecture string `json:"architecture"`
	} `json:"platform"`
}

type ociIndex struct {
	Manifests []ociDescriptor `json:"manifests"`
}

type ociManifest struct {
	Config ociDescriptor   `json:"config"`
	Layers []ociDescriptor `json:"layers"`
}

type ociConfig struct {
	OS           string `json:"os"`
	Architecture string `json:"architecture"`
	Config       struct {
		Entrypoint []string          `json:"Entrypoint"`
		Cmd        []string          `json:"Cmd"`
		User       string            `json:"User"`
		Labels     map[string]string `json:"Labels"`
	} `json:"config"`
}

// imageLayout returns the layout to test: RELEASEBOT_IMAGE, else one built
// here. A build that fails skips the test, unless CI is set.
func imageLayout(t *testing.T) string {
	if dir := os.Getenv("RELEASEBOT_IMAGE"); dir != "" {
		return dir
	}
	if testing.Short() {
		t.Skip("builds the image; set RELEASEBOT_IMAGE to an image built by .ci/build-image")
	}
	dir := filepath.Join(t.TempDir(), "image")
	cmd := exec.Command("bash", filepath.Join("..", "..", ".ci", "build-image"), "--platforms", "linux/amd64", "--out", dir, "--version", "0.0.0-imagetest")
	out, err := cmd.CombinedOutput()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf(".ci/build-image: %v\n%s", err, out)
		}
		t.Skipf("cannot build the image here (.ci/build-image needs the Go module proxy the first time): %v\n%s", err, out)
	}
	return dir
}

// blob reads a blob of the layout, checking its digest and size.
func blob(t *testing.T, layout string, d ociDescriptor) []byte {
	t.Helper()
	hexDigest, ok := strings.CutPrefix(d.Digest, "sha256:")
	if !ok {
		t.Fatalf("digest %q is not sha256", d.Digest)
	}
	data, err := os.ReadFile(filepath.Join(layout, "blobs", "sha256", hexDigest))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != hexDigest || int64(len(data)) != d.Size {
		t.Fatalf("blob %s: content does not match its descriptor", d.Digest)
	}
	return data
}

func decode(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

// platformImage finds the linux/ARCH image of the layout's index and
// returns its manifest, its config and its compressed size.
func platformImage(t *testing.T, layout, arch string) (ociManifest, ociConfig, int64) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(layout, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var top ociIndex
	decode(t, data, &top)
	if len(top.Manifests) != 1 || top.Manifests[0].MediaType != "application/vnd.oci.image.index.v1+json" {
		t.Fatalf("index.json should name one image index: %s", data)
	}
	var idx ociIndex
	decode(t, blob(t, layout, top.Manifests[0]), &idx)
	for _, d := range idx.Manifests {
		if d.Platform == nil || d.Platform.OS != "linux" || d.Platform.Architecture != arch {
			continue
		}
		var m ociManifest
		raw := blob(t, layout, d)
		decode(t, raw, &m)
		var c ociConfig
		decode(t, blob(t, layout, m.Config), &c)
		size := int64(len(raw)) + m.Config.Size
		for _, l := range m.Layers {
			size += l.Size
		}
		return m, c, size
	}
	t.Fatalf("the image has no linux/%s manifest", arch)
	return ociManifest{}, ociConfig{}, 0
}

// unpack extracts the layers into dir, as a container runtime would
// (regular files and directories; the image has nothing else).
func unpack(t *testing.T, layout string, m ociManifest, dir string) {
	t.Helper()
	for _, l := range m.Layers {
		zr, err := gzip.NewReader(strings.NewReader(string(blob(t, layout, l))))
		if err != nil {
			t.Fatalf("layer %s: %v", l.Digest, err)
		}
		tr := tar.NewReader(zr)
		for {
			h, err := tr.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			name := path.Clean(h.Name)
			if strings.HasPrefix(name, "../") || path.IsAbs(name) {
				t.Fatalf("layer entry %q leaves the root", h.Name)
			}
			if h.Uid != 0 || h.Gid != 0 {
				t.Errorf("%s belongs to %d:%d, not root", name, h.Uid, h.Gid)
			}
			target := filepath.Join(dir, filepath.FromSlash(name))
			switch h.Typeflag {
			case tar.TypeDir:
				err = os.MkdirAll(target, 0o755)
			case tar.TypeReg:
				var data []byte
				if data, err = io.ReadAll(tr); err == nil {
					err = os.WriteFile(target, data, os.FileMode(h.Mode)&0o777)
				}
			default:
				t.Errorf("unexpected entry %s of type %c", name, h.Typeflag)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestImageRunsTheActionFromScratch unpacks the linux/amd64 image and runs
// its entrypoint as a Docker action would: the binary must be static (the
// image has no C library), carry its version, and run a step against the
// fake GitHub.
func TestImageRunsTheActionFromScratch(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("runs the linux/amd64 image's binary")
	}
	layout := imageLayout(t)
	m, cfg, size := platformImage(t, layout, "amd64")
	t.Logf("linux/amd64 image: %.1f MB compressed", float64(size)/1e6)
	if size > maxImageBytes {
		t.Errorf("the image is %d bytes compressed; keep it under %d", size, maxImageBytes)
	}
	if cfg.OS != "linux" || cfg.Architecture != "amd64" || len(cfg.Config.Entrypoint) != 1 ||
		strings.Join(cfg.Config.Cmd, " ") != "action" || cfg.Config.User != "0:0" {
		t.Errorf("config %+v: want one entrypoint, the argument action and root (Docker actions run as root)", cfg)
	}
	root := t.TempDir()
	unpack(t, layout, m, root)
	entry := filepath.Join(root, filepath.FromSlash(cfg.Config.Entrypoint[0]))

	f, err := elf.Open(entry)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
			t.Errorf("the entrypoint has a %v program header: it is not static", p.Type)
		}
	}
	if f.Section(".dynamic") != nil {
		t.Error("the entrypoint has a .dynamic section")
	}
	f.Close()
	pem, err := os.ReadFile(filepath.Join(root, "etc", "ssl", "certs", "ca-certificates.crt"))
	if err != nil || !x509.NewCertPool().AppendCertsFromPEM(pem) {
		t.Errorf("the image has no CA certificates where Go looks for them: %v", err)
	}

	out, err := exec.Command(entry, "--version").CombinedOutput()
	want := "releasebot " + cfg.Config.Labels["org.opencontainers.image.version"]
	if err != nil || strings.TrimSpace(string(out)) != want {
		t.Errorf("--version: %v: %q, want %q", err, out, want)
	}

	srv, repo := fakeRepo(t)
	s := newStep(t, srv, actionsCheckout(t, repo, 0), "push", pushToMain).set("GITHUB_REF", "refs/heads/main")
	cmd := exec.Command(entry, cfg.Config.Cmd...)
	cmd.Env = []string{"HOME=" + t.TempDir()}
	for k, v := range s.vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err = cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the image's action step: %v\n%s", err, out)
	}
	data, err := os.ReadFile(s.vars["GITHUB_OUTPUT"])
	if err != nil {
		t.Fatal(err)
	}
	outputs, _, err := parseOutputs(string(data))
	if err != nil {
		t.Fatal(err)
	}
	if prs := repo.PRs(); len(prs) != 1 || outputs["pr_number"] != fmt.Sprint(prs[0].Number) || outputs["next_version"] != "0.5.0" {
		t.Errorf("pull requests %+v, outputs %v\n%s", prs, outputs, out)
	}
}
