package audit

import (
	"context"
	"errors"
)

// ErrConflict is returned by Store.Append when the record is not numbered
// one after the last stored record: another writer got there first.
var ErrConflict = errors.New("record out of sequence")

// Store keeps audit records in sequence. Implementations must be safe for
// concurrent use and must copy records in and out: a caller changing a
// Record (or its Params) after Append or after Read changes nothing stored.
//
// Cancellation: every method honours its context. Called with a context
// that is already done, it returns an error wrapping the context's error
// (context.Canceled, context.DeadlineExceeded) and changes nothing; a
// store doing I/O also gives up an operation under way when the context
// ends.
type Store interface {
	// Append stores rec if rec.Seq is one more than the number of records
	// stored; otherwise it stores nothing and returns an error wrapping
	// ErrConflict.
	Append(ctx context.Context, rec Record) error
	// Len returns the number of records stored.
	Len(ctx context.Context) (uint64, error)
	// Read returns up to limit records in sequence, starting with the
	// record numbered from (the first record is 1). It returns fewer, or
	// none, at the end of the trail.
	Read(ctx context.Context, from uint64, limit int) ([]Record, error)
}
