package gitlog

// objKey names an object by where it is stored: the index of its pack in
// a packSet, and its offset there.
type objKey struct {
	pack int
	off  int64
}

// packedObject is a decoded object: its type (packCommit to packTag) and
// content, which is shared and must not be modified.
type packedObject struct {
	typ  int
	data []byte
}

// objOverhead approximates the memory an entry costs beyond its content
// (map slot, slice header), so that many small objects are bounded too.
const objOverhead = 64

// baseCache keeps recently used decoded objects within a memory budget.
// It approximates least-recently-used eviction with two generations: new
// entries go to the current one; when the current one holds half the
// budget it becomes the old one and the previous old one is dropped; an
// entry found in the old generation moves back to the current one. Used
// entries therefore survive while unused ones go within two generations,
// at the cost of two map lookups, with no list to maintain.
type baseCache struct {
	cur, old map[objKey]packedObject
	// used is the size of the current generation; half the budget.
	used, half int
}

// init empties the cache and sets its budget to about limit bytes.
func (c *baseCache) init(limit int) {
	c.half = max(limit/2, 1)
	c.cur, c.old, c.used = make(map[objKey]packedObject), nil, 0
}

// get returns the object at k, if cached.
func (c *baseCache) get(k objKey) (packedObject, bool) {
	if o, ok := c.cur[k]; ok {
		return o, true
	}
	o, ok := c.old[k]
	if ok {
		delete(c.old, k)
		c.put(k, o)
	}
	return o, ok
}

// put caches o at k; an object larger than a quarter of the budget is not
// cached, lest it evicts everything else.
func (c *baseCache) put(k objKey, o packedObject) {
	size := len(o.data) + objOverhead
	if size > c.half/2 {
		return
	}
	if c.used+size > c.half {
		c.old, c.cur, c.used = c.cur, make(map[objKey]packedObject, len(c.cur)), 0
	}
	c.cur[k] = o
	c.used += size
}
