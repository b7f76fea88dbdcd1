// Command imagebuild builds releasebot's container image without a Docker
// daemon and pushes it to a registry. .ci/build-image drives it; the
// release workflow pushes with it.
//
//	imagebuild build -out DIR -certs FILE -version V -created UNIX -bin linux/amd64=PATH [-bin linux/arm64=PATH] [-label K=V]
//	imagebuild push -layout DIR -tag REF [-tag REF]
//
// build writes an OCI image layout at DIR holding one multi-platform index
// and prints its digest and each platform's compressed size. push uploads
// that index under every tag; the credentials are REGISTRY_USER and
// REGISTRY_PASSWORD (none: anonymous).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "imagebuild:", err)
		os.Exit(1)
	}
}

// list is a repeatable flag.
type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

func run(args []string, stdout io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		return fmt.Errorf("no command: use build or push")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	switch args[0] {
	case "build":
		var o BuildOptions
		var bins, labels list
		var created string
		fs.StringVar(&o.Out, "out", "", "write the OCI layout to `DIR` (must not exist)")
		fs.StringVar(&o.Certs, "certs", "", "CA certificate bundle (PEM) to put at "+certsPath)
		fs.StringVar(&o.Version, "version", "", "version the image is tagged with in the layout")
		fs.StringVar(&created, "created", "0", "creation time of the image and its files, in Unix seconds (SOURCE_DATE_EPOCH)")
		fs.Var(&bins, "bin", "`OS/ARCH=PATH` of a static releasebot binary (repeat per platform)")
		fs.Var(&labels, "label", "`KEY=VALUE` image label (repeatable)")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		secs, err := strconv.ParseInt(created, 10, 64)
		if err != nil {
			return fmt.Errorf("-created %q: want Unix seconds", created)
		}
		o.Created = time.Unix(secs, 0).UTC()
		if o.Binaries, err = parsePairs("-bin", bins); err != nil {
			return err
		}
		if o.Labels, err = parsePairs("-label", labels); err != nil {
			return err
		}
		res, err := Build(o)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\ndigest %s\n", o.Out, res.Digest)
		for _, p := range res.Platforms {
			fmt.Fprintf(stdout, "%s: %.1f MB compressed (%d bytes), %.1f MB unpacked, manifest %s\n",
				p.Platform, float64(p.Compressed)/1e6, p.Compressed, float64(p.Unpacked)/1e6, p.Digest)
		}
		return nil
	case "push":
		var dir string
		var tags list
		fs.StringVar(&dir, "layout", "", "OCI layout written by build")
		fs.Var(&tags, "tag", "`REF` to push to, such as ghcr.io/owner/name:v1.2.3 (repeatable)")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		digest, err := Push(dir, tags, Credentials{User: getenv("REGISTRY_USER"), Password: getenv("REGISTRY_PASSWORD")})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "pushed %s to %s\n", digest, strings.Join(tags, ", "))
		return nil
	}
	return fmt.Errorf("unknown command %q: use build or push", args[0])
}

// parsePairs splits KEY=VALUE flags.
func parsePairs(flagName string, values []string) (map[string]string, error) {
	out := map[string]string{}
	for _, v := range values {
		k, val, ok := strings.Cut(v, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("%s %q: want KEY=VALUE", flagName, v)
		}
		out[k] = val
	}
	return out, nil
}
