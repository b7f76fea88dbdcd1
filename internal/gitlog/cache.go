package gitlog

import (
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
)

// objectCache is go-git's LRU object cache minus the commits: a walk reads
// each commit exactly once, so caching commits only costs time (a tenth of
// a long walk) and memory. Trees, blobs and tags (delta bases among them)
// are cached as usual.
type objectCache struct {
	*cache.ObjectLRU
}

// Put caches o unless it is a commit.
func (c objectCache) Put(o plumbing.EncodedObject) {
	if o.Type() == plumbing.CommitObject {
		return
	}
	c.ObjectLRU.Put(o)
}
