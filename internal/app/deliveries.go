package app

import (
	"hash/maphash"
	"sync"
)

// deliveries remembers the ids of the last deliveries accepted, so that a
// delivery sent twice (GitHub's redelivery keeps the id) is done once. It
// holds a 64-bit hash of each id, in a ring: memory stays bounded (about
// 24 bytes per id) and the oldest ids are forgotten first. A duplicate
// older than the window is done again, which is harmless: every task is
// convergent.
type deliveries struct {
	mu   sync.Mutex
	seed maphash.Seed
	set  map[uint64]struct{}
	ring []uint64
	next int
	full bool
}

func newDeliveries(capacity int) *deliveries {
	return &deliveries{seed: maphash.MakeSeed(), set: make(map[uint64]struct{}, capacity), ring: make([]uint64, capacity)}
}

// add records id and reports whether it is new.
func (d *deliveries) add(id string) bool {
	h := maphash.String(d.seed, id)
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.set[h]; ok {
		return false
	}
	if d.full {
		delete(d.set, d.ring[d.next])
	}
	d.ring[d.next] = h
	d.set[h] = struct{}{}
	d.next++
	if d.next == len(d.ring) {
		d.next, d.full = 0, true
	}
	return true
}

// remove forgets id, so that a delivery that could not be queued is taken
// when GitHub sends it again.
func (d *deliveries) remove(id string) {
	h := maphash.String(d.seed, id)
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.set, h)
}
