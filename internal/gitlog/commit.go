package gitlog

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// errMalformed reports a commit object that cannot be parsed.
var errMalformed = errors.New("malformed commit")

// header is what the walk needs of a commit to order and follow it, with
// the raw object kept to read the rest (author, message) only for the
// commits that are emitted.
type header struct {
	parents []plumbing.Hash
	// when is the committer time in seconds, 0 if unreadable (as in git).
	when int64
	// author is the value of the author header ("Name <email> 123 +0100").
	author []byte
	// body is the raw message: everything after the first empty line.
	body []byte
	// encoding is the value of the encoding header, nil without one.
	encoding []byte
}

// readCommit reads the raw commit object h, or its replacement if it has
// one (git replace): straight from a pack or a loose object (see packSet),
// from the storer otherwise. A missing object, or one that is not a
// commit, is reported as errMissing.
func (r *Repo) readCommit(h plumbing.Hash) ([]byte, error) {
	h = r.replaced(h)
	if typ, raw, ok := r.packs.object(h, packCommit); ok && typ == packCommit {
		return raw, nil
	}
	obj, err := r.st.EncodedObject(plumbing.CommitObject, h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return nil, errMissing
	} else if err != nil {
		return nil, fmt.Errorf("reading commit %s: %w", h, err)
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, fmt.Errorf("reading commit %s: %w", h, err)
	}
	defer rd.Close()
	raw := make([]byte, obj.Size())
	if _, err := io.ReadFull(rd, raw); err != nil {
		return nil, fmt.Errorf("reading commit %s: %w", h, err)
	}
	return raw, nil
}

// parseHeader parses a raw commit as go-git's object.Commit.Decode does:
// the tree line first, then a contiguous block of parent lines, then the
// author line and the committer line at those places (elsewhere they are
// ignored); of the other headers, only encoding is kept, after the
// committer line as git writes it.
func parseHeader(raw []byte) (header, error) {
	var h header
	head, body, found := bytes.Cut(raw, []byte("\n\n"))
	if found {
		h.body = body
		head = head[:len(head)+1]
	}
	state := 0 // 0 tree, 1 parents, 2 author, 3 committer, 4 others
	for len(head) > 0 {
		line, rest, _ := bytes.Cut(head, []byte("\n"))
		head = rest
		key, value, _ := bytes.Cut(line, []byte(" "))
		if state == 0 {
			if string(key) != "tree" {
				return h, fmt.Errorf("%w: no tree header first", errMalformed)
			}
			if _, err := parseHash(value); err != nil {
				return h, err
			}
			state = 1
			continue
		}
		if state == 1 && string(key) == "parent" {
			p, err := parseHash(value)
			if err != nil {
				return h, err
			}
			h.parents = append(h.parents, p)
			continue
		}
		if state <= 2 {
			state = 3
			if string(key) == "author" {
				h.author = value
				continue
			}
		}
		if state == 3 {
			state = 4
			if string(key) == "committer" {
				if t := signatureTime(value); !t.IsZero() {
					h.when = t.Unix()
				}
				continue
			}
		}
		if state == 4 && string(key) == "encoding" && h.encoding == nil {
			h.encoding = value
		}
	}
	if state == 0 {
		return h, fmt.Errorf("%w: no tree header", errMalformed)
	}
	return h, nil
}

// parseHash decodes a full hexadecimal object id.
func parseHash(b []byte) (plumbing.Hash, error) {
	var h plumbing.Hash
	if len(b) != 2*len(h) {
		return h, fmt.Errorf("%w: bad hash %q", errMalformed, b)
	}
	if _, err := hex.Decode(h[:], b); err != nil {
		return h, fmt.Errorf("%w: bad hash %q", errMalformed, b)
	}
	return h, nil
}

// signatureName returns the name of a signature "Name <email> time zone".
func signatureName(b []byte) []byte {
	open, end := bytes.LastIndexByte(b, '<'), bytes.LastIndexByte(b, '>')
	if open < 0 || end < open {
		return nil
	}
	return bytes.Trim(b[:open], " ")
}

// signatureTime returns the time of a signature in its own time zone, the
// zero time if it has none (as go-git's Signature.Decode).
func signatureTime(b []byte) time.Time {
	open, end := bytes.LastIndexByte(b, '<'), bytes.LastIndexByte(b, '>')
	if open < 0 || end < open || end+2 >= len(b) {
		return time.Time{}
	}
	b = b[end+2:]
	ts, zone, _ := bytes.Cut(b, []byte(" "))
	sec, err := strconv.ParseInt(string(ts), 10, 64)
	if err != nil {
		return time.Time{}
	}
	t := time.Unix(sec, 0).In(time.UTC)
	if len(zone) < 5 {
		return t
	}
	hours, err1 := strconv.ParseInt(string(zone[:3]), 10, 64)
	mins, err2 := strconv.ParseInt(string(zone[3:5]), 10, 64)
	if err1 != nil || err2 != nil {
		return t
	}
	if hours < 0 {
		mins = -mins
	}
	return t.In(time.FixedZone("", int(hours*3600+mins*60)))
}
