package notify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Status is an account's notification subscription status, with AWS's
// values (NotificationSubscriptionStatus).
type Status string

// The subscription statuses.
const (
	Subscribed    Status = "SUBSCRIBED"
	NotSubscribed Status = "NOT_SUBSCRIBED"
)

// IsValid reports whether s is one of AWS's values.
func (s Status) IsValid() bool { return s == Subscribed || s == NotSubscribed }

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (s Status) MarshalText() ([]byte, error) {
	if !s.IsValid() {
		return nil, statusError(string(s))
	}
	return []byte(s), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown
// values.
func (s *Status) UnmarshalText(b []byte) error {
	v := Status(b)
	if !v.IsValid() {
		return statusError(string(b))
	}
	*s = v
	return nil
}

func statusError(s string) error {
	return &aws.ParseError{What: "subscription status", Input: s, Reason: "want SUBSCRIBED or NOT_SUBSCRIBED"}
}

// ReportFilter chooses the report updates an account receives: every
// report when All is set, otherwise those whose category is in Categories
// or whose series is in Series. The zero value chooses none.
type ReportFilter struct {
	// All chooses every report, whatever Categories and Series say.
	All bool
	// Categories chooses the reports of these categories, such as
	// "Certifications and Attestations".
	Categories []string
	// Series chooses the reports of these series, such as "SOC".
	Series []string
}

// Matches reports whether a report of that category and series is chosen.
func (f ReportFilter) Matches(category, series string) bool {
	return f.All || slices.Contains(f.Categories, category) || slices.Contains(f.Series, series)
}

// Settings are one account's settings. The zero value (besides Account) is
// an account that never set anything: not subscribed.
type Settings struct {
	// Account is the 12-digit account id.
	Account aws.AccountID
	// Status is the subscription status; empty reads as NotSubscribed.
	Status Status
	// Agreements chooses agreement updates (all or nothing).
	Agreements bool
	// Reports chooses report updates.
	Reports ReportFilter
	// Seq is the record's sequence number for optimistic locking: 0 for
	// settings never stored, incremented by every Put.
	Seq uint64
}

// Subscribed reports whether the account is subscribed.
func (s Settings) Subscribed() bool { return s.Status == Subscribed }

// Clone returns s with its own copies of the filter slices.
func (s Settings) Clone() Settings {
	s.Reports.Categories = slices.Clone(s.Reports.Categories)
	s.Reports.Series = slices.Clone(s.Reports.Series)
	return s
}

// ErrConflict is returned by Store.Put and Outbox.Put when the settings or
// the outbox entry were changed (or removed, or created by another writer)
// since they were read: their sequence number is stale.
var ErrConflict = errors.New("changed since it was read")

// Store keeps account settings. Implementations are safe for concurrent use
// and copy values in and out.
//
// Cancellation: every method honours its context. Called with a context
// that is already done, it returns an error wrapping the context's error
// (context.Canceled, context.DeadlineExceeded) and changes nothing; a
// store doing I/O also gives up an operation under way when the context
// ends.
type Store interface {
	// Get returns the settings of account; an account never stored has
	// zero settings (with Account set) and no error.
	Get(ctx context.Context, account aws.AccountID) (Settings, error)
	// Put stores s if s.Seq equals the stored sequence number (0 for
	// none) and returns it with its new sequence number; otherwise it
	// stores nothing and returns an error wrapping ErrConflict.
	Put(ctx context.Context, s Settings) (Settings, error)
	// Subscribed calls f with the settings of every subscribed account,
	// in account order, until f returns false.
	Subscribed(ctx context.Context, f func(Settings) bool) error
}

// Kind is the kind of an event an account may be notified of.
type Kind string

// The event kinds, with the EventBridge detail type each maps to.
const (
	// ReportPublished: a new report, or a new version of one.
	ReportPublished Kind = "REPORT_PUBLISHED"
	// ReportUpdated: a report's metadata or state changed.
	ReportUpdated Kind = "REPORT_UPDATED"
	// AgreementStatusChanged: a customer agreement was accepted or ended.
	AgreementStatusChanged Kind = "AGREEMENT_STATUS_CHANGED"
	// CoverageLost: an account stopped being covered by an agreement
	// (going beyond AWS, which does not tell it; rule A10).
	CoverageLost Kind = "COVERAGE_LOST"
)

// DetailType returns the EventBridge detail type of the kind
// ("AWS Artifact Report Update", "AWS Artifact Agreement Status Changed").
func (k Kind) DetailType() string {
	switch k {
	case ReportPublished, ReportUpdated:
		return "AWS Artifact Report Update"
	case AgreementStatusChanged, CoverageLost:
		return "AWS Artifact Agreement Status Changed"
	}
	return ""
}

// isReport reports whether the kind is about reports.
func (k Kind) isReport() bool { return k == ReportPublished || k == ReportUpdated }

// Event is something that happened in Artifact that accounts may be told.
type Event struct {
	// Kind says what happened.
	Kind Kind
	// Account is the account the event concerns for agreement events;
	// report events concern every account and leave it empty.
	Account aws.AccountID
	// ReportID, Version, Category and Series describe the report of a
	// report event.
	ReportID string
	// Version is the report's version, from 1.
	Version int64
	// Category is the report's category.
	Category string
	// Series is the report's series.
	Series string
	// AgreementID, CustomerAgreementID and State describe the agreement
	// of an agreement event.
	AgreementID string
	// CustomerAgreementID is the customer agreement accepted or terminated
	// or, for CoverageLost, the one that governed (empty for an offline
	// designation).
	CustomerAgreementID string
	// State is the customer agreement's state after an accept or a terminate,
	// such as "ACTIVE" (an agreement.State); empty for CoverageLost.
	State string
	// Reason says why, in words, e.g. "left o-exampleorgid on 2026-03-01".
	Reason string
	// Time is when it happened.
	Time time.Time
}

// Delivery is an event on its way to one account.
type Delivery struct {
	// ID names this event's delivery to this account, and is the same
	// every time it is delivered: delivery is at least once (an
	// interrupted delivery, or one the Subscriber failed, is made again,
	// see Outbox and Subscriber), so a Subscriber
	// that must see each event once drops the IDs it has seen.
	ID string
	// Account is the account the event goes to.
	Account aws.AccountID
	// Event is the event; Event.Account is empty for a report event.
	Event Event
}

// Subscriber receives deliveries. Notify is called after the change that
// caused the event is stored, at least once per receiving account (see
// Delivery.ID): synchronously by the call that made the change, or later
// by whoever delivers what is pending (artifact.Service.Deliver). A
// Subscriber that does slow work should queue it.
//
// A Subscriber that forwards deliveries (to a queue, a webhook) reports a
// failure by returning an error, and the sender delivers it again: it
// needs no durable queue of its own. The sender keeps the change's
// notifications in its Outbox until every one of them is delivered, so
// an error loses nothing. See Notify for the contract.
type Subscriber interface {
	// Notify receives d. It returns nil when d is delivered: the sender
	// records that and does not make d again (unless it stops before it
	// recorded it; delivery is at least once). An error says d was not
	// delivered: the sender stops delivering that change's
	// notifications (those after d are not attempted) and keeps them,
	// with its progress, in the Outbox; a later delivery
	// (artifact.Service.Deliver) resumes at d, with the same Delivery.ID,
	// and goes on to the rest. Those of the change delivered before d are
	// not made again. The error never fails the call whose
	// change caused the event (the change is stored, the call succeeds);
	// Deliver returns it, wrapped, so the host sees it.
	//
	// Every error is retried, on each Deliver, until Notify returns nil:
	// a Subscriber that can never deliver d (its recipient gone, say)
	// records that itself and returns nil, so that it does not hold up
	// the notifications after d. A Service may call Notify from several
	// goroutines at once.
	Notify(ctx context.Context, d Delivery) error
}

// SubscriberFunc adapts a function to a Subscriber.
type SubscriberFunc func(ctx context.Context, d Delivery) error

// Notify calls f.
func (f SubscriberFunc) Notify(ctx context.Context, d Delivery) error { return f(ctx, d) }

// Wants reports whether an account with settings s receives e (S1, S2).
func (s Settings) Wants(e Event) bool {
	if !s.Subscribed() {
		return false
	}
	if e.Kind.isReport() {
		return s.Reports.Matches(e.Category, e.Series)
	}
	return s.Agreements && e.Account == s.Account
}

// Recipients returns the accounts that receive e: for a report event every
// subscribed account whose filter chooses the report, for an agreement event
// the account it concerns if that account chose agreement updates.
func Recipients(ctx context.Context, store Store, e Event) ([]aws.AccountID, error) {
	if !e.Kind.isReport() {
		s, err := store.Get(ctx, e.Account)
		if err != nil {
			return nil, fmt.Errorf("notify: reading settings of %s: %w", e.Account, err)
		}
		if s.Wants(e) {
			return []aws.AccountID{e.Account}, nil
		}
		return nil, nil
	}
	var out []aws.AccountID
	err := store.Subscribed(ctx, func(s Settings) bool {
		if s.Wants(e) {
			out = append(out, s.Account)
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("notify: listing subscribed accounts: %w", err)
	}
	return out, nil
}
