// Package memstore is the in-memory audit.Store: the default of the
// artifact service and the fixture of its tests.
//
// Records are kept encoded, back to back in large byte blocks, so that a
// long trail costs the garbage collector almost nothing to keep: the blocks
// hold no pointers, and only their headers are scanned. Reading decodes.
package memstore

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/artifactkit/artifactkit/artifact/audit"
)

// Store is an in-memory audit.Store. The zero value is an empty trail ready
// to use. It is safe for concurrent use and copies records in and out.
type Store struct {
	mu sync.RWMutex
	// blocks hold the encoded records back to back; a record never spans
	// two blocks.
	blocks [][]byte
	// spans locates each record: spans[i] is record i+1.
	spans []span
}

// span is where an encoded record lies.
type span struct {
	block, off, len uint32
}

// blockSize is the size of a block of encoded records; a larger record gets
// a block of its own.
const blockSize = 1 << 20

var _ audit.Store = (*Store)(nil)

// New returns an empty Store.
func New() *Store { return &Store{} }

// Append implements audit.Store.
func (s *Store) Append(_ context.Context, rec audit.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if want := uint64(len(s.spans)) + 1; rec.Seq != want {
		return fmt.Errorf("record %d, want %d: %w", rec.Seq, want, audit.ErrConflict)
	}
	s.put(rec)
	return nil
}

// put encodes rec at the end of the trail.
func (s *Store) put(rec audit.Record) {
	n := encodedLen(&rec)
	last := len(s.blocks) - 1
	if last < 0 || cap(s.blocks[last])-len(s.blocks[last]) < n {
		s.blocks = append(s.blocks, make([]byte, 0, max(blockSize, n)))
		last++
	}
	b := s.blocks[last]
	off := len(b)
	s.blocks[last] = encode(b, &rec)
	s.spans = append(s.spans, span{block: uint32(last), off: uint32(off), len: uint32(len(s.blocks[last]) - off)})
}

// Len implements audit.Store.
func (s *Store) Len(context.Context) (uint64, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return uint64(len(s.spans)), nil
}

// Read implements audit.Store.
func (s *Store) Read(_ context.Context, from uint64, limit int) ([]audit.Record, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if from == 0 {
		from = 1
	}
	n := uint64(len(s.spans))
	if limit <= 0 || from > n {
		return nil, nil
	}
	end := min(from-1+uint64(limit), n)
	out := make([]audit.Record, 0, end-(from-1))
	for i := from - 1; i < end; i++ {
		r, err := s.at(i)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// at decodes record i+1.
func (s *Store) at(i uint64) (audit.Record, error) {
	sp := s.spans[i]
	return decode(s.blocks[sp.block][sp.off : sp.off+sp.len])
}

// Tamper calls f with the stored records so that tests can change, remove,
// insert or reorder them behind the log's back; the result replaces the
// trail. It exists to prove that Verify notices.
func (s *Store) Tamper(f func([]audit.Record) []audit.Record) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all := make([]audit.Record, 0, len(s.spans))
	for i := range s.spans {
		r, err := s.at(uint64(i))
		if err != nil {
			panic(err) // the store wrote every record itself
		}
		all = append(all, r)
	}
	all = f(all)
	s.blocks, s.spans = nil, nil
	for _, r := range all {
		s.put(r)
	}
}

// The encoding: Seq, Prev and Hash, the time in seconds and nanoseconds
// since the epoch, then each string length-prefixed, then the parameters.

// errCorrupt is returned for bytes the store did not write.
var errCorrupt = errors.New("memstore: corrupt record")

func fields(r *audit.Record) [8]string {
	return [8]string{r.EventName, r.Principal, r.Account, r.Resource, r.Action, string(r.Decision), r.ErrorCode, r.ErrorMessage}
}

func encodedLen(r *audit.Record) int {
	n := 8 + 32 + 32 + 12 + binary.MaxVarintLen64
	for _, f := range fields(r) {
		n += binary.MaxVarintLen64 + len(f)
	}
	for _, p := range r.Params {
		n += 2*binary.MaxVarintLen64 + len(p.Name) + len(p.Value)
	}
	return n
}

func encode(b []byte, r *audit.Record) []byte {
	b = binary.BigEndian.AppendUint64(b, r.Seq)
	b = append(b, r.Prev[:]...)
	b = append(b, r.Hash[:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(r.Time.Unix()))
	b = binary.BigEndian.AppendUint32(b, uint32(r.Time.Nanosecond()))
	for _, f := range fields(r) {
		b = appendString(b, f)
	}
	// A nil and an empty parameter list are told apart: 0 is nil, n+1 is n.
	if r.Params == nil {
		b = binary.AppendUvarint(b, 0)
	} else {
		b = binary.AppendUvarint(b, uint64(len(r.Params))+1)
	}
	for _, p := range r.Params {
		b = appendString(b, p.Name)
		b = appendString(b, p.Value)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decoder reads what encode wrote.
type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) fixed(n int) []byte {
	if d.bad || len(d.b) < n {
		d.bad = true
		return make([]byte, n)
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if d.bad || n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.bad || uint64(len(d.b)) < n {
		d.bad = true
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func decode(b []byte) (audit.Record, error) {
	d := &decoder{b: b}
	var r audit.Record
	r.Seq = binary.BigEndian.Uint64(d.fixed(8))
	copy(r.Prev[:], d.fixed(32))
	copy(r.Hash[:], d.fixed(32))
	sec := int64(binary.BigEndian.Uint64(d.fixed(8)))
	nsec := binary.BigEndian.Uint32(d.fixed(4))
	d.bad = d.bad || nsec >= 1e9
	r.Time = time.Unix(sec, int64(nsec)).UTC()
	r.EventName, r.Principal, r.Account, r.Resource = d.string(), d.string(), d.string(), d.string()
	r.Action, r.Decision, r.ErrorCode, r.ErrorMessage = d.string(), audit.Decision(d.string()), d.string(), d.string()
	switch n := d.uvarint(); {
	case n == 0:
	case n-1 > uint64(len(d.b)): // each parameter takes at least two bytes
		d.bad = true
	default:
		r.Params = make([]audit.Param, n-1)
		for i := range r.Params {
			r.Params[i] = audit.Param{Name: d.string(), Value: d.string()}
		}
	}
	if d.bad || len(d.b) != 0 {
		return audit.Record{}, errCorrupt
	}
	return r, nil
}
