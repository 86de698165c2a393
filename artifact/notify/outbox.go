package notify

import (
	"context"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Pending is the notifications of one change that are not delivered yet,
// as a sender records them in an Outbox: before the change is stored, so
// that whatever fails after the change (the settings that choose the
// recipients unreadable, the subscriber failing, the process ending) the
// notifications are still there to deliver. What they are is the sender's
// business: the Outbox keeps Body as bytes.
type Pending struct {
	// ID names the entry. An Outbox lists entries in ID order, so a
	// sender that makes IDs sortable by time delivers oldest first.
	ID string
	// Created is when the entry was first recorded.
	Created time.Time
	// Body is what the sender recorded (its events, how far delivery
	// went), opaque to the Outbox.
	Body []byte
	// Seq is the entry's sequence number for optimistic locking: 0 for
	// an entry never stored, incremented by every Put.
	Seq uint64
}

// Clone returns p with its own copy of Body.
func (p Pending) Clone() Pending {
	if p.Body != nil {
		p.Body = append([]byte{}, p.Body...)
	}
	return p
}

// An Outbox keeps the notifications that are not delivered yet (the
// transactional outbox pattern): a sender records a change's notifications
// before it stores the change, delivers them once the change is stored,
// and deletes them when they are delivered; what is left behind is
// delivered later (artifact.Service.Deliver). Delivery is at least once:
// an entry whose delivery was interrupted is delivered again from its last
// recorded progress, as is a delivery the Subscriber failed (its Notify
// returned an error), so every delivery carries an ID that repeats when
// it does ([Delivery.ID]).
//
// Implementations are safe for concurrent use and copy values in and out.
// Every method honours its context as Store's do.
type Outbox interface {
	// Put stores p if p.Seq equals the stored sequence number (0 for an
	// entry not stored) and returns it with its new sequence number;
	// otherwise it stores nothing and returns an error wrapping
	// ErrConflict.
	Put(ctx context.Context, p Pending) (Pending, error)
	// Delete removes entry id; removing an entry that is not there is no
	// error.
	Delete(ctx context.Context, id string) error
	// Pending returns up to limit entries (all when limit <= 0) whose ID
	// is greater than after, in ID order.
	Pending(ctx context.Context, after string, limit int) ([]Pending, error)
}

// BatchStore is a Store that reads the settings of many accounts in one
// go: a database answers a thousand accounts in one query about as fast
// as one. A sender notifying the members of a large organization uses it
// when the Store has it.
type BatchStore interface {
	Store
	// GetMany returns the settings of each of accounts, as Get would (an
	// account never stored has zero settings with Account set), by
	// account.
	GetMany(ctx context.Context, accounts []aws.AccountID) (map[aws.AccountID]Settings, error)
}

// Wanting returns those of events that their accounts receive (agreement
// events: each is about one account), reading the settings of all of
// them at once when store is a BatchStore. keep reports whether the event
// at index i goes to its account.
func Wanting(ctx context.Context, store Store, events []Event) (keep []bool, err error) {
	keep = make([]bool, len(events))
	if bs, ok := store.(BatchStore); ok && len(events) > 1 {
		accounts := make([]aws.AccountID, len(events))
		for i, e := range events {
			accounts[i] = e.Account
		}
		m, err := bs.GetMany(ctx, accounts)
		if err != nil {
			return nil, err
		}
		for i, e := range events {
			keep[i] = !e.Kind.isReport() && m[e.Account].Wants(e)
		}
		return keep, nil
	}
	for i, e := range events {
		if e.Kind.isReport() {
			continue
		}
		s, err := store.Get(ctx, e.Account)
		if err != nil {
			return nil, err
		}
		keep[i] = s.Wants(e)
	}
	return keep, nil
}
