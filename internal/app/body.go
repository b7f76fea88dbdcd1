package app

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

// maxBody is the largest delivery GitHub sends: 25 MB.
const maxBody = 25 << 20

// The memory held by delivery bodies whose signature is not checked yet
// is bounded: the signature is computed while the body is read, a body
// is kept in memory up to memoryPerBody and within memoryBudget for all
// deliveries being read together, and the rest is spooled to a temporary
// file (in TMPDIR) within diskBudget. A delivery finding no room is
// answered 503 with Retry-After. Without a writable TMPDIR, bodies stay
// in memory, within memoryBudget, and their bytes beyond memoryPerBody
// leave a quarter of it to small deliveries.
const (
	memoryPerBody = 1 << 20
	memoryBudget  = 32 << 20
	diskBudget    = 1 << 30
	// chunk is the unit bodies are read and accounted in.
	chunk = 32 << 10
)

var (
	// errUnsigned: X-Hub-Signature-256 is missing, malformed or wrong.
	errUnsigned = errors.New("X-Hub-Signature-256 is missing or does not match the webhook secret")
	// errBusy: no room for the body now.
	errBusy = errors.New("too many large deliveries are being received; redeliver later")
)

// bodyLimits are the budgets shared by the deliveries being read.
type bodyLimits struct {
	perBody      int64
	memory, disk budget
	// dir holds spool files ("" is os.TempDir()).
	dir string
}

func newBodyLimits() *bodyLimits {
	return &bodyLimits{perBody: memoryPerBody, memory: budget{max: memoryBudget}, disk: budget{max: diskBudget}}
}

// budget counts bytes held against a maximum.
type budget struct {
	max  int64
	used atomic.Int64
}

// take holds n bytes if they fit with leave bytes to spare.
func (b *budget) take(n, leave int64) bool {
	for {
		u := b.used.Load()
		if u+n+leave > b.max {
			return false
		}
		if b.used.CompareAndSwap(u, u+n) {
			return true
		}
	}
}

func (b *budget) give(n int64) { b.used.Add(-n) }

var chunks = sync.Pool{New: func() any { b := make([]byte, chunk); return &b }}

// readSigned reads a delivery's body and returns it once its
// X-Hub-Signature-256 (header) is found to match: errUnsigned when the
// header is missing or malformed (the body is not read) or does not
// match, *http.MaxBytesError above 25 MB (found from Content-Length
// without reading when the client announces it), errBusy when the
// budgets have no room. Unsigned bytes are held within the limits.
func (s *Server) readSigned(r *http.Request, header string) ([]byte, error) {
	want, ok := parseSignature(header)
	if !ok {
		return nil, errUnsigned
	}
	if r.ContentLength > maxBody {
		return nil, &http.MaxBytesError{Limit: maxBody}
	}
	sp := &spool{lim: s.bodies, mac: hmac.New(sha256.New, s.opts.WebhookSecret)}
	defer sp.release()
	if r.ContentLength > sp.lim.perBody {
		if err := sp.toFile(); err != nil {
			return nil, err
		}
	}
	bufp := chunks.Get().(*[]byte)
	defer chunks.Put(bufp)
	if _, err := io.CopyBuffer(sp, http.MaxBytesReader(nil, r.Body, maxBody), *bufp); err != nil {
		return nil, err
	}
	if !hmac.Equal(want, sp.mac.Sum(nil)) {
		return nil, errUnsigned
	}
	return sp.bytes()
}

// parseSignature decodes "sha256=" and 64 hex digits.
func parseSignature(header string) ([]byte, bool) {
	hexSum, ok := strings.CutPrefix(header, "sha256=")
	if !ok || len(hexSum) != 2*sha256.Size {
		return nil, false
	}
	sum, err := hex.DecodeString(hexSum)
	return sum, err == nil
}

// spool keeps a body being read: in memory while it fits, then in a
// temporary file, unlinked as soon as it is made. It hashes every byte
// written.
type spool struct {
	lim      *bodyLimits
	mac      hash.Hash
	mem      []byte
	file     *os.File
	noFile   bool // the temporary file could not be made
	onDisk   int64
	memTaken int64
}

func (sp *spool) Write(p []byte) (int, error) {
	n := int64(len(p))
	if sp.file == nil {
		if (sp.noFile || int64(len(sp.mem))+n <= sp.lim.perBody) && sp.keep(p) {
			return len(p), nil
		}
		if err := sp.toFile(); err != nil {
			return 0, err
		}
		if sp.file == nil { // no temporary file: memory only
			if !sp.keep(p) {
				return 0, errBusy
			}
			return len(p), nil
		}
	}
	if !sp.lim.disk.take(n, 0) {
		return 0, errBusy
	}
	sp.onDisk += n
	sp.mac.Write(p)
	return sp.file.Write(p)
}

// keep appends p in memory if the memory budget has room for the
// buffer it needs (its capacity is what is counted).
func (sp *spool) keep(p []byte) bool {
	need := int64(len(sp.mem) + len(p))
	if have := int64(cap(sp.mem)); need > have {
		limit, leave := sp.lim.perBody, int64(0)
		if sp.noFile {
			// Beyond perBody, leave a quarter of the budget to the
			// small deliveries that make most of GitHub's traffic.
			limit = maxBody
			if need > sp.lim.perBody {
				leave = sp.lim.memory.max / 4
			}
		}
		grown := max(min(2*have, limit), need, chunk)
		if !sp.lim.memory.take(grown-have, leave) {
			return false
		}
		sp.memTaken += grown - have
		sp.mem = append(make([]byte, 0, grown), sp.mem...)
	}
	sp.mac.Write(p)
	sp.mem = append(sp.mem, p...)
	return true
}

// toFile moves the body to a temporary file. When none can be made, the
// body stays in memory (within the memory budget): errBusy if it has no
// room there.
func (sp *spool) toFile() error {
	if sp.noFile {
		return nil
	}
	n := int64(len(sp.mem))
	if !sp.lim.disk.take(n, 0) {
		return errBusy
	}
	f, err := os.CreateTemp(sp.lim.dir, "releasebot-delivery-*")
	if err != nil {
		sp.lim.disk.give(n)
		sp.noFile = true
		return nil
	}
	os.Remove(f.Name()) // unlinked: gone even if the process dies
	sp.file, sp.onDisk = f, n
	if _, err := f.Write(sp.mem); err != nil {
		return err
	}
	sp.lim.memory.give(sp.memTaken)
	sp.mem, sp.memTaken = nil, 0
	return nil
}

// bytes returns the whole body (the signature matched).
func (sp *spool) bytes() ([]byte, error) {
	if sp.file == nil {
		return sp.mem, nil
	}
	body := make([]byte, sp.onDisk)
	_, err := sp.file.ReadAt(body, 0)
	return body, err
}

// release gives back what the spool holds.
func (sp *spool) release() {
	sp.lim.memory.give(sp.memTaken)
	sp.lim.disk.give(sp.onDisk)
	if sp.file != nil {
		sp.file.Close()
		os.Remove(sp.file.Name())
	}
	sp.mem, sp.memTaken, sp.onDisk = nil, 0, 0
}
