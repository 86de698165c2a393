package report

import (
	"context"
	"errors"
)

// A WriteOption configures one write of a version by Put or Update.
// [BeforeStore] is the one there is.
type WriteOption interface{ writeOption() }

// A Write is one write of a version that a Catalog is about to store.
type Write struct {
	// Report is the version as it will be stored: its version number
	// (which Put may assign on each attempt), ARN, terms and timestamps
	// set, and SequenceNumber as read (0 for a new version; the store
	// numbers it one more).
	Report Report
	// Previous is the version as read before the write, which the write
	// replaces (Update); the zero Report (ID "") for a new version (Put).
	Previous Report
}

// BeforeStore, as an option of Put or Update, is called with the write
// once the version is ready to be stored and before it is stored. An
// error it returns fails the write, which then stores nothing. A Put
// retried after a concurrent one (a fresh id, the next version number)
// calls it again with the write of the new attempt: the last call's write
// is the one stored. A host records there what it must do once the
// version is stored (an outbox of notifications), so that nothing is lost
// if it fails right after; Catalog.Stored later tells whether a write
// whose outcome it did not learn was stored.
type BeforeStore func(ctx context.Context, w Write) error

func (BeforeStore) writeOption() {}

// beforeStore runs the BeforeStore options of a write.
func beforeStore(ctx context.Context, opts []WriteOption, w Write) error {
	for _, o := range opts {
		if before, ok := o.(BeforeStore); ok && before != nil {
			// A hook's error is never a conflict for Put to retry.
			if err := before(ctx, Write{Report: w.Report.Clone(), Previous: w.Previous.Clone()}); err != nil {
				return err
			}
		}
	}
	return nil
}

// Stored reports whether the write of r, a version a BeforeStore hook was
// called with (Write.Report), was stored. It reads only r's ID, Version,
// SequenceNumber, CreatedAt and LastModifiedAt: the write was stored when
// the version exists, was created at r.CreatedAt (not another Put of the
// same version number), and its record is the write (numbered one more
// than r, last modified at r.LastModifiedAt) or a later one. A record
// keeps no history: a write that lost to a concurrent one at the same
// sequence number and was followed by further writes counts as stored. A
// host that recorded a write before it was stored and does not know
// whether it was (its store failed, or its process ended) asks this once
// the write can no longer be under way.
func (c *Catalog) Stored(ctx context.Context, r Report) (bool, error) {
	if err := checkRef(r.ID, r.Version, false); err != nil {
		return false, err
	}
	cur, err := c.store.Report(ctx, r.ID, r.Version)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	switch {
	case !cur.CreatedAt.Equal(r.CreatedAt) || cur.SequenceNumber <= r.SequenceNumber:
		return false, nil
	case cur.SequenceNumber == r.SequenceNumber+1:
		return cur.LastModifiedAt.Equal(r.LastModifiedAt), nil
	}
	return true, nil
}
