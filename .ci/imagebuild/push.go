package main

import (
	"errors"
	"fmt"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// Credentials log in to the registry; empty means anonymous.
type Credentials struct{ User, Password string }

// Push uploads the index that Build wrote at dir under every tag and
// returns its digest. opts are passed to name.NewTag (name.Insecure for a
// plain-HTTP test registry).
func Push(dir string, tags []string, cred Credentials, opts ...name.Option) (v1.Hash, error) {
	if dir == "" || len(tags) == 0 {
		return v1.Hash{}, errors.New("push needs -layout and at least one -tag")
	}
	lp, err := layout.FromPath(dir)
	if err != nil {
		return v1.Hash{}, err
	}
	top, err := lp.ImageIndex()
	if err != nil {
		return v1.Hash{}, err
	}
	m, err := top.IndexManifest()
	if err != nil {
		return v1.Hash{}, err
	}
	if len(m.Manifests) != 1 {
		return v1.Hash{}, fmt.Errorf("%s holds %d entries; push wants the one index build writes", dir, len(m.Manifests))
	}
	idx, err := top.ImageIndex(m.Manifests[0].Digest)
	if err != nil {
		return v1.Hash{}, err
	}
	auth := authn.Anonymous
	if cred.User != "" || cred.Password != "" {
		auth = &authn.Basic{Username: cred.User, Password: cred.Password}
	}
	for i, t := range tags {
		ref, err := name.NewTag(t, opts...)
		if err != nil {
			return v1.Hash{}, err
		}
		if i == 0 {
			err = remote.WriteIndex(ref, idx, remote.WithAuth(auth))
		} else {
			err = remote.Tag(ref, idx, remote.WithAuth(auth))
		}
		if err != nil {
			return v1.Hash{}, fmt.Errorf("pushing %s: %w", t, err)
		}
	}
	return idx.Digest()
}
