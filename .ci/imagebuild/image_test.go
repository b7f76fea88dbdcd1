package main

import (
	"archive/tar"
	"errors"
	"io"
	"log"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

const certs = "/etc/ssl/certs/ca-certificates.crt"

// tinyBinaries builds a static do-nothing program for each architecture.
func tinyBinaries(t *testing.T, arches ...string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nfunc main() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, arch := range arches {
		bin := filepath.Join(dir, "tiny-"+arch)
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, src)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+arch, "GOFLAGS=")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build for %s: %v\n%s", arch, err, b)
		}
		out["linux/"+arch] = bin
	}
	return out
}

func needCerts(t *testing.T) {
	if _, err := os.Stat(certs); err != nil {
		t.Skipf("no CA bundle at %s on this machine", certs)
	}
}

func TestBuildWritesAReproducibleMultiPlatformIndex(t *testing.T) {
	needCerts(t)
	bins := tinyBinaries(t, "amd64", "arm64")
	created := time.Unix(1_800_000_000, 0).UTC()
	opts := func(out string) BuildOptions {
		return BuildOptions{Out: out, Certs: certs, Version: "v1.2.3", Created: created, Binaries: bins,
			Labels: map[string]string{"org.opencontainers.image.version": "1.2.3"}}
	}
	dir := t.TempDir()
	res, err := Build(opts(filepath.Join(dir, "a")))
	if err != nil {
		t.Fatal(err)
	}
	again, err := Build(opts(filepath.Join(dir, "b")))
	if err != nil {
		t.Fatal(err)
	}
	if res.Digest != again.Digest {
		t.Errorf("two builds of the same inputs: %s and %s", res.Digest, again.Digest)
	}
	if _, err := Build(opts(filepath.Join(dir, "a"))); err == nil {
		t.Error("Build wrote over an existing layout")
	}

	lp, err := layout.FromPath(filepath.Join(dir, "a"))
	if err != nil {
		t.Fatal(err)
	}
	top, _ := lp.ImageIndex()
	tm, err := top.IndexManifest()
	if err != nil || len(tm.Manifests) != 1 || tm.Manifests[0].Digest != res.Digest || tm.Manifests[0].Annotations["org.opencontainers.image.ref.name"] != "v1.2.3" {
		t.Fatalf("index.json: %+v, %v", tm, err)
	}
	idx, err := top.ImageIndex(res.Digest)
	if err != nil {
		t.Fatal(err)
	}
	im, _ := idx.IndexManifest()
	var got []string
	for _, m := range im.Manifests {
		got = append(got, m.Platform.String())
		img, err := idx.Image(m.Digest)
		if err != nil {
			t.Fatal(err)
		}
		cf, _ := img.ConfigFile()
		if cf.Architecture != m.Platform.Architecture || cf.OS != "linux" || cf.Config.User != "0:0" ||
			strings.Join(cf.Config.Entrypoint, " ") != "/usr/local/bin/releasebot" || strings.Join(cf.Config.Cmd, " ") != "action" ||
			!cf.Created.Time.Equal(created) || cf.Config.Labels["org.opencontainers.image.version"] != "1.2.3" {
			t.Errorf("%s config: %+v", m.Platform, cf)
		}
		files := filesOf(t, img)
		if files[binPath] != 0o755 || files[certsPath] != 0o644 {
			t.Errorf("%s files: %v", m.Platform, files)
		}
	}
	if strings.Join(got, " ") != "linux/amd64 linux/arm64" {
		t.Errorf("platforms %v", got)
	}
	for _, p := range res.Platforms {
		if p.Compressed <= 0 || p.Unpacked <= p.Compressed {
			t.Errorf("%s: compressed %d, unpacked %d", p.Platform, p.Compressed, p.Unpacked)
		}
	}
}

// filesOf lists the regular files of an image and their modes, checking
// that every entry belongs to root.
func filesOf(t *testing.T, img v1.Image) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	layers, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range layers {
		rc, err := l.Uncompressed()
		if err != nil {
			t.Fatal(err)
		}
		tr := tar.NewReader(rc)
		for {
			h, err := tr.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if h.Uid != 0 || h.Gid != 0 {
				t.Errorf("%s belongs to %d:%d", h.Name, h.Uid, h.Gid)
			}
			if h.Typeflag == tar.TypeReg {
				out[h.Name] = h.Mode
			}
		}
		rc.Close()
	}
	return out
}

func TestBuildRefusesWhatScratchCannotRun(t *testing.T) {
	needCerts(t)
	bins := tinyBinaries(t, "arm64")
	out := filepath.Join(t.TempDir(), "x")
	_, err := Build(BuildOptions{Out: out, Certs: certs, Binaries: map[string]string{"linux/amd64": bins["linux/arm64"]}})
	if err == nil || !strings.Contains(err.Error(), "not for linux/amd64") {
		t.Errorf("an arm64 binary as amd64: %v", err)
	}
	if runtime.GOOS == "linux" {
		if sh, err := exec.LookPath("sh"); err == nil {
			sh, _ = filepath.EvalSymlinks(sh)
			arch := map[string]string{"amd64": "linux/amd64", "arm64": "linux/arm64"}[runtime.GOARCH]
			_, err := Build(BuildOptions{Out: out, Certs: certs, Binaries: map[string]string{arch: sh}})
			if err == nil || !strings.Contains(err.Error(), "dynamically linked") {
				t.Errorf("a dynamic %s: %v", sh, err)
			}
		}
	}
	_, err = Build(BuildOptions{Out: out, Certs: "image.go", Binaries: bins})
	if err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
		t.Errorf("a CA bundle without certificates: %v", err)
	}
}

func TestPushTagsTheIndex(t *testing.T) {
	needCerts(t)
	out := filepath.Join(t.TempDir(), "layout")
	res, err := Build(BuildOptions{Out: out, Certs: certs, Binaries: tinyBinaries(t, "amd64")})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	repo := u.Host + "/releasebot/releasebot"
	tags := []string{repo + ":v1.2.3", repo + ":v1.2", repo + ":v1"}
	digest, err := Push(out, tags, Credentials{}, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	if digest != res.Digest {
		t.Errorf("pushed %s, built %s", digest, res.Digest)
	}
	for _, tag := range tags {
		ref, _ := name.NewTag(tag, name.Insecure)
		desc, err := remote.Head(ref)
		if err != nil || desc.Digest != res.Digest {
			t.Errorf("%s: %v %v", tag, desc, err)
		}
	}
}
