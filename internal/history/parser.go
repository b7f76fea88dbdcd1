package history

import (
	"sync"

	"github.com/releasebot/releasebot/internal/release"
)

// aheadParser parses commits on another goroutine while the history walk
// that finds them goes on, so that on a long history parsing costs no wall
// time. It is an optimisation only: the result equals release.ParseAll.
type aheadParser struct {
	in     chan release.Commit
	done   chan struct{}
	mu     sync.Mutex
	parsed map[string][]release.Change
}

func newAheadParser() *aheadParser {
	p := &aheadParser{in: make(chan release.Commit, 1024), done: make(chan struct{}), parsed: map[string][]release.Change{}}
	go func() {
		defer close(p.done)
		for c := range p.in {
			changes := release.ParseCommit(c)
			p.mu.Lock()
			p.parsed[c.Hash] = changes
			p.mu.Unlock()
		}
	}()
	return p
}

// visit queues a commit; it is the walk's callback.
func (p *aheadParser) visit(c release.Commit) { p.in <- c }

// finish waits for the queued commits and returns every result.
func (p *aheadParser) finish() map[string][]release.Change {
	close(p.in)
	<-p.done
	return p.parsed
}
