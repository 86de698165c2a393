package audit

import (
	"context"
	"fmt"
)

// SequencingStore is a Store that can number and chain an append itself,
// under its own lock: a database shared by several processes, whose
// writers would otherwise keep losing the race for the next number to one
// another. A Log appends to it as to any Store, numbering each record from
// what it last saw; when another writer got there first, it hands the
// record to AppendNext instead of reading the trail and racing again, so
// that no writer starves and the chain has no fork.
type SequencingStore interface {
	Store
	// AppendNext calls next with the number and hash of the record to
	// follow the last one stored (1 and the zero Hash for an empty
	// trail), stores the record next returns and returns it, atomically:
	// no other append comes between reading the end of the trail and
	// storing. next may be called more than once (a store retries a
	// transaction the database aborted); it must depend on its arguments
	// only.
	AppendNext(ctx context.Context, next func(seq uint64, prev Hash) Record) (Record, error)
}

// appendNext appends rec after whatever the store holds, through its
// AppendNext.
func (l *Log) appendNext(ctx context.Context, s SequencingStore, rec Record) (Record, error) {
	stored, err := s.AppendNext(ctx, func(seq uint64, prev Hash) Record {
		r := rec
		r.Seq, r.Prev = seq, prev
		r.Hash = r.digest()
		return r
	})
	if err != nil {
		l.known = false
		return Record{}, fmt.Errorf("audit: append: %w", err)
	}
	l.seq, l.head, l.known = stored.Seq, stored.Hash, true
	return stored, nil
}
