package memstore

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Store is an in-memory audit.Store. The zero value is an empty trail ready
// to use. It is safe for concurrent use and copies records in and out.
type Store struct {
	// mu is a plain mutex: appends are the hot path, and a read-write
	// mutex makes each dearer to spare the rare concurrent readers.
	mu sync.Mutex
	// blocks hold the encoded records back to back; a record never spans
	// two blocks.
	blocks [][]byte
	// spans locates each record: spans.at(i) is record i+1.
	spans spanList
	// strs and ids intern the short strings records repeat (principals,
	// resources, actions, event names): strs[id] is the string of id.
	strs []string
	ids  map[string]uint32
	// recent remembers, per string slot of a record, the last string
	// interned there and its id: consecutive records mostly repeat them.
	recent [slots]interned
	// last is the hash of the last record, which the next one names as its
	// Prev unless the trail was tampered with.
	last audit.Hash
}

// span is where an encoded record lies.
type span struct {
	block, off, len uint32
}

// spanList is a list of spans kept in chunks of fixed size, so that a
// growing trail never copies the spans it already has.
type spanList struct {
	chunks [][]span
	n      uint64
}

// spanChunk is the number of spans in a chunk (96 KiB).
const spanChunk = 1 << 13

func (l *spanList) len() uint64 { return l.n }

func (l *spanList) at(i uint64) span { return l.chunks[i/spanChunk][i%spanChunk] }

func (l *spanList) add(sp span) {
	if l.n%spanChunk == 0 {
		l.chunks = append(l.chunks, make([]span, 0, spanChunk))
	}
	last := &l.chunks[len(l.chunks)-1]
	*last = append(*last, sp)
	l.n++
}

// interned is a string with its id.
type interned struct {
	s  string
	id uint32
	ok bool
}

const (
	// blockSize is the size of a block of encoded records; a larger
	// record gets a block of its own.
	blockSize = 1 << 20
	// maxInterned and maxInternLen bound the string table: strings longer,
	// or once it is full, are kept inline.
	maxInterned  = 1 << 16
	maxInternLen = 128
	// slots is the number of string slots of a record remembered in
	// recent: the eight fields and the names and values of the first
	// four parameters.
	slots = 8 + 2*4
)

var _ audit.SequencingStore = (*Store)(nil)

// New returns an empty Store.
func New() *Store { return &Store{} }

// Append implements audit.Store.
func (s *Store) Append(ctx context.Context, rec audit.Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if want := s.spans.len() + 1; rec.Seq != want {
		return fmt.Errorf("record %d, want %d: %w", rec.Seq, want, audit.ErrConflict)
	}
	s.put(&rec)
	return nil
}

// AppendNext implements audit.SequencingStore.
func (s *Store) AppendNext(_ context.Context, next func(seq uint64, prev audit.Hash) audit.Record) (audit.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := next(s.spans.len()+1, s.last)
	if want := s.spans.len() + 1; rec.Seq != want {
		return audit.Record{}, fmt.Errorf("record %d, want %d: %w", rec.Seq, want, audit.ErrConflict)
	}
	s.put(&rec)
	return rec, nil
}

// put encodes rec at the end of the trail.
func (s *Store) put(rec *audit.Record) {
	n := encodedLen(rec)
	last := len(s.blocks) - 1
	if last < 0 || cap(s.blocks[last])-len(s.blocks[last]) < n {
		s.blocks = append(s.blocks, make([]byte, 0, max(blockSize, n)))
		last++
	}
	b := s.blocks[last]
	off := len(b)
	s.blocks[last] = s.encode(b, rec, s.spans.len()+1)
	s.spans.add(span{block: uint32(last), off: uint32(off), len: uint32(len(s.blocks[last]) - off)})
	s.last = rec.Hash
}

// Len implements audit.Store.
func (s *Store) Len(ctx context.Context) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.spans.len(), nil
}

// Read implements audit.Store.
func (s *Store) Read(ctx context.Context, from uint64, limit int) ([]audit.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if from == 0 {
		from = 1
	}
	n := s.spans.len()
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
	var prev audit.Hash
	if i > 0 {
		prev = s.hashAt(i - 1)
	}
	sp := s.spans.at(i)
	return decode(s.blocks[sp.block][sp.off:sp.off+sp.len], i+1, prev, s.strs)
}

// hashAt returns the Hash of record i+1, which every encoding holds at a
// place its flags tell.
func (s *Store) hashAt(i uint64) audit.Hash {
	sp := s.spans.at(i)
	b := s.blocks[sp.block][sp.off : sp.off+sp.len]
	off := 1
	if b[0]&flagSeq != 0 {
		off += 8
	}
	if b[0]&flagPrev != 0 {
		off += 32
	}
	var h audit.Hash
	copy(h[:], b[off:])
	return h
}

// Tamper calls f with the stored records so that tests can change, remove,
// insert or reorder them behind the log's back; the result replaces the
// trail. It exists to prove that Verify notices.
func (s *Store) Tamper(f func([]audit.Record) []audit.Record) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all := make([]audit.Record, 0, s.spans.len())
	for i := range s.spans.len() {
		r, err := s.at(i)
		if err != nil {
			panic(err) // the store wrote every record itself
		}
		all = append(all, r)
	}
	all = f(all)
	s.blocks, s.spans, s.last = nil, spanList{}, audit.Hash{}
	for i := range all {
		s.put(&all[i])
	}
}

// The encoding of a record: a flags byte; the Seq, only when it is not the
// record's position; the Prev, only when it is not the Hash of the record
// before; the Hash; the time in seconds and nanoseconds since the epoch;
// then each string and parameter as a reference: an interned string's id,
// or the string itself, length-prefixed.

const (
	flagSeq  = 1 << iota // the Seq is written
	flagPrev             // the Prev is written
)

// errCorrupt is returned for bytes the store did not write.
var errCorrupt = errors.New("corrupt record")

// encodedLen bounds the length of rec's encoding.
func encodedLen(r *audit.Record) int {
	n := 1 + 8 + 32 + 32 + 3*binary.MaxVarintLen64 + 8*binary.MaxVarintLen64 +
		len(r.EventName) + len(r.Principal) + len(r.Account) + len(r.Resource) +
		len(r.Action) + len(r.Decision) + len(r.ErrorCode) + len(r.ErrorMessage)
	for i := range r.Params {
		n += 2*binary.MaxVarintLen64 + len(r.Params[i].Name) + len(r.Params[i].Value)
	}
	return n
}

// encode appends the encoding of r, the pos-th record, to b, interning its
// short strings.
func (s *Store) encode(b []byte, r *audit.Record, pos uint64) []byte {
	var flags byte
	if r.Seq != pos {
		flags |= flagSeq
	}
	if (pos == 1 && r.Prev != audit.Hash{}) || (pos > 1 && r.Prev != s.last) {
		flags |= flagPrev
	}
	b = append(b, flags)
	if flags&flagSeq != 0 {
		b = binary.BigEndian.AppendUint64(b, r.Seq)
	}
	if flags&flagPrev != 0 {
		b = append(b, r.Prev[:]...)
	}
	b = append(b, r.Hash[:]...)
	b = binary.AppendVarint(b, r.Time.Unix())
	b = binary.AppendUvarint(b, uint64(r.Time.Nanosecond()))
	b = s.appendRef(b, 0, r.EventName)
	b = s.appendRef(b, 1, r.Principal)
	b = s.appendRef(b, 2, string(r.Account))
	b = s.appendRef(b, 3, r.Resource)
	b = s.appendRef(b, 4, r.Action)
	b = s.appendRef(b, 5, string(r.Decision))
	b = s.appendRef(b, 6, r.ErrorCode)
	b = s.appendRef(b, 7, r.ErrorMessage)
	// A nil and an empty parameter list are told apart: 0 is nil, n+1 is n.
	if r.Params == nil {
		b = binary.AppendUvarint(b, 0)
	} else {
		b = binary.AppendUvarint(b, uint64(len(r.Params))+1)
	}
	for i := range r.Params {
		p := &r.Params[i]
		b = s.appendRef(b, 8+2*i, p.Name)
		b = s.appendRef(b, 9+2*i, p.Value)
	}
	return b
}

// appendRef appends a reference to str, the string of a record's slot:
// id<<1 for an interned string, len<<1|1 and the bytes for one kept inline.
func (s *Store) appendRef(b []byte, slot int, str string) []byte {
	if slot < slots {
		if r := &s.recent[slot]; r.ok && r.s == str {
			if r.id < 0x40 {
				return append(b, byte(r.id<<1))
			}
			return binary.AppendUvarint(b, uint64(r.id)<<1)
		}
	}
	id, ok := s.ids[str]
	if !ok && len(str) <= maxInternLen && len(s.strs) < maxInterned {
		if s.ids == nil {
			s.ids = map[string]uint32{}
		}
		id, ok = uint32(len(s.strs)), true
		kept := strings.Clone(str) // the caller's string may share a larger buffer
		s.strs = append(s.strs, kept)
		s.ids[kept] = id
	}
	if !ok {
		b = binary.AppendUvarint(b, uint64(len(str))<<1|1)
		return append(b, str...)
	}
	if slot < slots {
		// The caller's own string: callers pass the same strings call
		// after call, and comparing a string with itself is immediate.
		s.recent[slot] = interned{s: str, id: id, ok: true}
	}
	return binary.AppendUvarint(b, uint64(id)<<1)
}

// decoder reads what encode wrote.
type decoder struct {
	b    []byte
	strs []string
	bad  bool
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

// varint reads what binary.AppendVarint wrote: a zig-zag uvarint.
func (d *decoder) varint() int64 {
	x := d.uvarint()
	return int64(x>>1) ^ -int64(x&1)
}

// ref reads a reference written by appendRef.
func (d *decoder) ref() string {
	x := d.uvarint()
	if d.bad {
		return ""
	}
	if x&1 == 0 {
		if x>>1 >= uint64(len(d.strs)) {
			d.bad = true
			return ""
		}
		return d.strs[x>>1]
	}
	n := x >> 1
	if uint64(len(d.b)) < n {
		d.bad = true
		return ""
	}
	str := string(d.b[:n])
	d.b = d.b[n:]
	return str
}

// decode reads the record at position pos, whose predecessor's hash is
// prev, from b, with the store's interned strings strs.
func decode(b []byte, pos uint64, prev audit.Hash, strs []string) (audit.Record, error) {
	d := &decoder{b: b, strs: strs}
	var r audit.Record
	flags := d.fixed(1)[0]
	d.bad = d.bad || flags&^(flagSeq|flagPrev) != 0
	r.Seq, r.Prev = pos, prev
	if flags&flagSeq != 0 {
		r.Seq = binary.BigEndian.Uint64(d.fixed(8))
	}
	if flags&flagPrev != 0 {
		copy(r.Prev[:], d.fixed(32))
	}
	copy(r.Hash[:], d.fixed(32))
	sec := d.varint()
	nsec := d.uvarint()
	d.bad = d.bad || nsec >= 1e9
	r.Time = time.Unix(sec, int64(nsec)).UTC()
	r.EventName, r.Principal, r.Account, r.Resource = d.ref(), d.ref(), aws.AccountID(d.ref()), d.ref()
	r.Action, r.Decision, r.ErrorCode, r.ErrorMessage = d.ref(), audit.Decision(d.ref()), d.ref(), d.ref()
	switch n := d.uvarint(); {
	case n == 0:
	case n-1 > uint64(len(d.b)): // each parameter takes at least two bytes
		d.bad = true
	default:
		r.Params = make([]audit.Param, n-1)
		for i := range r.Params {
			r.Params[i] = audit.Param{Name: d.ref(), Value: d.ref()}
		}
	}
	if d.bad || len(d.b) != 0 {
		return audit.Record{}, errCorrupt
	}
	return r, nil
}
