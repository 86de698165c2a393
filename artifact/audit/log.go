package audit

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// ErrTampered is wrapped by the *ChainError that Verify returns when the
// stored trail is not the one the log wrote.
var ErrTampered = errors.New("trail tampered with")

// ChainError says where a trail stops verifying and why.
type ChainError struct {
	// Seq is the number of the first record that fails (or, for a trail
	// cut short, the number of the first missing record).
	Seq uint64
	// Reason says what is wrong, e.g. "hash does not match its contents".
	Reason string
}

// Error implements error.
func (e *ChainError) Error() string {
	return fmt.Sprintf("audit: record %d: %s", e.Seq, e.Reason)
}

// Unwrap returns ErrTampered.
func (e *ChainError) Unwrap() error { return ErrTampered }

// Log appends records to a Store, chaining each to the one before, and
// verifies and queries the trail. A Log is safe for concurrent use; appends
// are serialized so the chain has no forks.
type Log struct {
	store Store

	mu   sync.Mutex
	seq  uint64 // number of the last record this log knows of
	head Hash   // its hash
	// known reports whether seq and head were loaded from the store.
	known bool
	// hashers holds *hasher values, one per Append under way.
	hashers sync.Pool
}

// NewLog returns a Log over store, which must not be nil (use
// github.com/artifactkit/artifactkit/artifact/audit/memstore for an
// in-memory one).
func NewLog(store Store) *Log {
	if store == nil {
		panic("audit: NewLog with a nil Store")
	}
	return &Log{store: store}
}

// readBatch is how many records Verify and Query read at a time.
const readBatch = 512

// Append numbers e, chains it to the last record and stores it, returning
// the stored record. The store keeps its own copy of e.Params; the returned
// record shares e.Params with the caller unless Append had to bound them.
// When another writer appended to the same store first, Append catches up
// with the trail and tries again, or, on a SequencingStore, lets the store
// number the record.
//
// A record keeps at most MaxParams parameters and MaxFieldLen bytes of each
// string (a parameter's value, the principal, the error message, ...):
// whoever calls, however large the request, a record stays small. What is
// cut is said in the record: a string cut short ends with TruncatedMark and
// the length it had, and a last parameter named TruncatedParams counts the
// parameters left out.
func (l *Log) Append(ctx context.Context, e Entry) (Record, error) {
	if !e.Decision.IsValid() {
		return Record{}, fmt.Errorf("audit: invalid decision %q", e.Decision)
	}
	bound(&e)
	rec := Record{Entry: e}
	rec.Time = rec.Time.UTC()
	// The contents are hashed before the lock is taken: concurrent
	// appends wait for each other only to chain and store.
	h, _ := l.hashers.Get().(*hasher)
	if h == nil {
		h = new(hasher)
	}
	defer l.hashers.Put(h)
	h.contents(&rec)
	l.mu.Lock()
	defer l.mu.Unlock()
	for attempt := 0; ; attempt++ {
		if !l.known {
			if err := l.load(ctx); err != nil {
				return Record{}, err
			}
		}
		rec.Seq = l.seq + 1
		rec.Prev = l.head
		if attempt == 0 {
			rec.Hash = h.finish(rec.Seq, rec.Prev)
		} else {
			rec.Hash = rec.digest()
		}
		err := l.store.Append(ctx, rec)
		if err == nil {
			l.seq, l.head = rec.Seq, rec.Hash
			return rec, nil
		}
		if !errors.Is(err, ErrConflict) || attempt >= 8 {
			return Record{}, fmt.Errorf("audit: append: %w", err)
		}
		if s, ok := l.store.(SequencingStore); ok {
			return l.appendNext(ctx, s, rec)
		}
		l.known = false
	}
}

// The bounds of a record.
const (
	// MaxFieldLen is the most bytes a record keeps of one string.
	MaxFieldLen = 4096
	// MaxParams is the most parameters a record keeps, the one that counts
	// those left out included.
	MaxParams = 32
	// TruncatedMark ends a string cut to MaxFieldLen, followed by the
	// length it had in bytes and ")".
	TruncatedMark = "…(truncated from "
	// TruncatedParams names the parameter whose value counts the
	// parameters a record left out.
	TruncatedParams = "truncatedParameters"
)

// bound cuts e to the bounds of a record. An entry within them is left as
// it is, its Params shared.
func bound(e *Entry) {
	for _, f := range []*string{&e.EventName, &e.Principal, &e.Resource, &e.Action, &e.ErrorCode, &e.ErrorMessage} {
		*f = cut(*f)
	}
	e.Account = aws.AccountID(cut(string(e.Account)))
	over := len(e.Params) > MaxParams
	for _, p := range e.Params {
		over = over || len(p.Name) > MaxFieldLen || len(p.Value) > MaxFieldLen
	}
	if !over {
		return
	}
	n := min(len(e.Params), MaxParams)
	ps := make([]Param, 0, n)
	for _, p := range e.Params[:n] {
		ps = append(ps, Param{Name: cut(p.Name), Value: cut(p.Value)})
	}
	if len(e.Params) > MaxParams {
		ps[MaxParams-1] = Param{Name: TruncatedParams, Value: strconv.Itoa(len(e.Params) - (MaxParams - 1))}
	}
	e.Params = ps
}

// cut returns s, or, when it is longer than MaxFieldLen, its start cut at
// a character boundary and marked with the length s had.
func cut(s string) string {
	if len(s) <= MaxFieldLen {
		return s
	}
	mark := TruncatedMark + strconv.Itoa(len(s)) + ")"
	keep := MaxFieldLen - len(mark)
	for keep > 0 && !utf8.RuneStart(s[keep]) {
		keep--
	}
	return s[:keep] + mark
}

// load reads the last record of the store to learn where the chain ends.
func (l *Log) load(ctx context.Context) error {
	n, err := l.store.Len(ctx)
	if err != nil {
		return fmt.Errorf("audit: reading trail length: %w", err)
	}
	l.seq, l.head = 0, Hash{}
	if n > 0 {
		recs, err := l.store.Read(ctx, n, 1)
		if err != nil {
			return fmt.Errorf("audit: reading last record: %w", err)
		}
		if len(recs) != 1 {
			return fmt.Errorf("audit: store reports %d records but returned none at %d", n, n)
		}
		l.seq, l.head = recs[0].Seq, recs[0].Hash
	}
	l.known = true
	return nil
}

// Head returns the number and hash of the last record this log appended or
// saw. Keeping it somewhere else lets a later Verify detect a trail cut
// short.
func (l *Log) Head(ctx context.Context) (uint64, Hash, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.known {
		if err := l.load(ctx); err != nil {
			return 0, Hash{}, err
		}
	}
	return l.seq, l.head, nil
}

// Verify reads the whole trail and checks that records are numbered 1, 2,
// 3, ... with no hole, that each carries the hash of its contents and the
// hash of the record before it, and that the trail ends where this log last
// appended. The first failure is returned as a *ChainError wrapping
// ErrTampered; a nil error means the trail is intact.
func (l *Log) Verify(ctx context.Context) error {
	l.mu.Lock()
	wantSeq, wantHead, known := l.seq, l.head, l.known
	l.mu.Unlock()

	var prev Hash
	var next uint64 = 1
	for {
		recs, err := l.store.Read(ctx, next, readBatch)
		if err != nil {
			return fmt.Errorf("audit: verify: %w", err)
		}
		for i := range recs {
			r := &recs[i]
			switch {
			case r.Seq != next:
				return &ChainError{Seq: next, Reason: fmt.Sprintf("found record numbered %d in its place (removed, inserted or reordered)", r.Seq)}
			case r.Prev != prev:
				return &ChainError{Seq: next, Reason: "does not chain to the record before it (removed, inserted or reordered)"}
			case r.digest() != r.Hash:
				return &ChainError{Seq: next, Reason: "hash does not match its contents (changed)"}
			}
			prev = r.Hash
			next++
		}
		if len(recs) < readBatch {
			break
		}
	}
	last := next - 1
	if known {
		switch {
		case last < wantSeq:
			return &ChainError{Seq: last + 1, Reason: fmt.Sprintf("trail ends at record %d but the log wrote %d (removed)", last, wantSeq)}
		case last == wantSeq && prev != wantHead:
			return &ChainError{Seq: last, Reason: "last record is not the one the log wrote (changed)"}
		}
	}
	return nil
}

// Filter selects records in Query. Zero fields match everything; From is
// inclusive and To exclusive.
type Filter struct {
	// Principal, when not empty, keeps the records of that caller ARN.
	Principal string
	// Resource, when not empty, keeps the records authorized on that ARN.
	Resource string
	// EventName, when not empty, keeps the records of that operation, such
	// as "GetReport".
	EventName string
	// Account, when not empty, keeps the records of that caller account.
	Account aws.AccountID
	// From and To, when not zero, keep the records whose Time is at or after
	// From and before To.
	From, To time.Time
}

// matches reports whether r passes f.
func (f *Filter) matches(r *Record) bool {
	return (f.Principal == "" || r.Principal == f.Principal) &&
		(f.Resource == "" || r.Resource == f.Resource) &&
		(f.EventName == "" || r.EventName == f.EventName) &&
		(f.Account == "" || r.Account == f.Account) &&
		(f.From.IsZero() || !r.Time.Before(f.From)) &&
		(f.To.IsZero() || r.Time.Before(f.To))
}

// Query returns the records that pass f, in sequence.
func (l *Log) Query(ctx context.Context, f Filter) ([]Record, error) {
	var out []Record
	var next uint64 = 1
	for {
		recs, err := l.store.Read(ctx, next, readBatch)
		if err != nil {
			return nil, fmt.Errorf("audit: query: %w", err)
		}
		for i := range recs {
			if f.matches(&recs[i]) {
				out = append(out, recs[i])
			}
		}
		next += uint64(len(recs))
		if len(recs) < readBatch {
			return out, nil
		}
	}
}
