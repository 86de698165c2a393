package inquiry

import (
	"context"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Store keeps compliance inquiries, their queries and their feedback. The
// in-memory implementation is package memstore; package storetest checks
// any other.
//
// Every method takes a context first and honours it: given a context
// already done, a method returns an error wrapping ctx.Err() and changes
// nothing (the kit's CancelledContext checks it). Values
// are copied in and out: a Store never keeps or hands out memory its
// caller holds. Lookups scope by account: an inquiry of another account is
// ErrNotFound. A Store is safe for concurrent use; each write is atomic
// (it happens whole or not at all).
type Store interface {
	// Insert stores a new inquiry with its queries and returns it with
	// Seq 1. It fails with ErrExists when an inquiry with that id exists,
	// or when in.ClientToken is set and the account already has an
	// inquiry with that token.
	Insert(ctx context.Context, in Inquiry, queries []Query) (Inquiry, error)
	// Get returns the account's inquiry id, or ErrNotFound.
	Get(ctx context.Context, account aws.AccountID, id ID) (Inquiry, error)
	// ByClientToken returns the account's inquiry created with token, or
	// ErrNotFound.
	ByClientToken(ctx context.Context, account aws.AccountID, token string) (Inquiry, error)
	// List returns up to limit of the account's inquiries whose ListKey
	// is after after ("" for the first), in ListKey order, and the
	// ListKey to continue after ("" when there are no more).
	List(ctx context.Context, account aws.AccountID, after string, limit int) ([]Inquiry, string, error)
	// Update stores in when the stored inquiry's Seq equals in.Seq, with
	// Seq one more, and replaces the queries given (by Identifier) in the
	// same write. It fails with ErrConflict on a stale Seq, ErrNotFound
	// for an unknown inquiry or query, and changes nothing then.
	// ID, Account, CreatedAt and ClientToken never change.
	Update(ctx context.Context, in Inquiry, queries []Query) (Inquiry, error)
	// Queries returns up to limit of the inquiry's queries whose
	// Identifier is greater than after, by Identifier, and the
	// Identifier to continue after (0 when there are no more). A limit of
	// 0 returns all of them. An unknown inquiry is ErrNotFound.
	Queries(ctx context.Context, account aws.AccountID, id ID, after, limit int) ([]Query, int, error)
	// Due returns up to limit inquiries, of every account, whose Due is
	// set and at or before at, earliest Due first.
	Due(ctx context.Context, at time.Time, limit int) ([]Inquiry, error)
	// PutFeedback stores f, replacing the feedback of the same account,
	// inquiry, query and principal. It fails with ErrExists when
	// f.ClientToken is set and the account already used it for another
	// feedback, and with ErrNotFound when the inquiry does not exist.
	PutFeedback(ctx context.Context, f Feedback) (Feedback, error)
	// FeedbackByClientToken returns the account's feedback as it was put
	// with token (even when a later one replaced it), or ErrNotFound.
	FeedbackByClientToken(ctx context.Context, account aws.AccountID, token string) (Feedback, error)
	// Feedback returns the feedback on the account's inquiry id, by query
	// identifier then principal.
	Feedback(ctx context.Context, account aws.AccountID, id ID) ([]Feedback, error)
}
