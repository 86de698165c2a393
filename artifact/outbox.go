package artifact

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
)

// Delivery (S1, S2, issue 13 item 12). A change's notifications are
// recorded in the outbox (WithOutbox) before the change is stored, in the
// change's BeforeStore hook (agreement.BeforeStore for agreements and
// organizations, report.BeforeStore for a report version's publication
// or update): if the outbox cannot record them the change fails and
// stores nothing. Once the change is stored the call delivers them itself
// and deletes the entry; what it cannot deliver (the settings that choose
// the recipients unreadable, the members of a large organization beyond
// WithInlineDeliveries, a delivery the subscriber failed, the process
// ending) stays in the outbox, with how far delivery went, for Deliver.
//
// A subscriber's error (notify.Subscriber.Notify) means that delivery was
// not made. Delivery of the entry stops at it: the entry's progress
// (pendingBody.Next, and After for an event with many recipients) points
// at the failed delivery, so that the next Deliver makes it again, with
// the same ID, and then those after it; none before it is made again,
// because the recipients of an event (a report's subscribed accounts, an
// organization's members) come in account order and After is the last
// one delivered. The error does not reach the call whose change caused
// the event (the change is stored; the call succeeds and leaves the
// entry); Deliver releases its claim with the progress saved and returns
// the error, wrapped with the entry's id. Every error is retried so, on
// every Deliver: a subscriber that can never deliver something records it
// and returns nil. The other entries are delivered meanwhile, each on its
// own. A change the domain refused (a
// conflict, invalid input, something not found) stored nothing, and its
// entry is deleted; a change whose store failed may have been stored all
// the same (the server committed, its answer was lost), and its entry
// stays. An entry whose change may not have been stored (that, or the
// call ended between the two) is left alone for pendingGrace, then
// Deliver asks the registry or the catalog whether the change is stored
// (agreement.Registry.Stored, report.Catalog.Stored): delivered if it is,
// deleted if it is not. Should a change be stored after that (its call
// waited longer on a lock), the call records its entry again. Delivery is
// at least once; each delivery carries an ID that repeats when it is made
// again.
//
// A Deliver claims an entry before it delivers it: it stores the entry
// with its name and a lease (deliveryLease, on the service's clock,
// renewed with each batch of members' progress), and other Delivers leave
// a leased entry alone. A claim is a Put at the entry's sequence number,
// so of two Delivers that read one entry only one claims it.
//
// A report version is announced only while it is available (S2: a
// version that is not available does not exist for a customer, and no
// message reveals it, nor when it will be): reportNotice decides, from the
// version before and after the write, what a write announces. A version
// published to become available later is recorded with the instant
// before which it must not be delivered (pendingBody.NotBefore); Deliver
// passes such an entry by until then, without claiming it, and then reads
// the version again (reportDue): it announces what is available then, as
// it is stored then, waits for a version whose availability moved later,
// and drops a version no longer going to be available, or one that
// became available before the instant the entry waited for (the update
// that moved the instant earlier announced it or recorded its own entry).
// Every report entry Deliver delivers is checked so, so that a version
// withdrawn after its call failed to announce it is not announced either.
// A version's publication carries one delivery ID whichever entry
// delivers it (one withdrawn and published again before it became
// available has two). Announcements are made by the service's writes
// (PublishReport, UpdateReport): a version written by a Catalog of its
// own over the same store announces nothing, and may change what a
// pending entry announces.

// DefaultInlineDeliveries is how many members of an organization a call
// that changes an organization agreement notifies itself, unless
// WithInlineDeliveries says otherwise: the rest are left to Deliver, so
// that a call's time does not grow with the organization.
const DefaultInlineDeliveries = 1000

// pendingGrace is how long Deliver leaves alone an entry whose change may
// still be on its way to the store: longer than calls take.
const pendingGrace = time.Minute

// deliveryLease is how long a Deliver's claim of an entry holds unless it
// records progress: longer than delivering a batch of members takes. A
// Deliver that stopped without releasing its claim (the process ended)
// holds an entry that long.
const deliveryLease = time.Minute

// pendingVersion is the version of the outbox entries' format.
const pendingVersion = 1

// pendingBody is the service's record in an outbox entry.
type pendingBody struct {
	V int `json:"v"`
	// Committed: the change is known to be stored.
	Committed bool          `json:"committed,omitempty"`
	Events    []pendingItem `json:"events"`
	// NotBefore, when set, is the instant before which the entry must
	// not be delivered: a report version's publication announced when
	// the version becomes available.
	NotBefore time.Time `json:"notBefore,omitzero"`
	// Next is the index of the first event not wholly delivered; After,
	// for an event with many recipients (an organization-wide event's
	// members, a report event's subscribed accounts, both in account
	// order), the last one delivered.
	Next  int    `json:"next,omitempty"`
	After string `json:"after,omitempty"`
	// Owner names the Deliver that claimed the entry, until Lease; other
	// Delivers leave the entry alone until then.
	Owner string    `json:"owner,omitempty"`
	Lease time.Time `json:"lease,omitzero"`
}

// pendingItem is one event of an entry: an agreement event (Kind one of
// agreement's), or a report notification (Kind one of notify's).
type pendingItem struct {
	Kind              string    `json:"kind"`
	At                time.Time `json:"at"`
	Account           string    `json:"account,omitempty"`
	Agreement         string    `json:"agreement,omitempty"`
	Basis             string    `json:"basis,omitempty"`
	CustomerAgreement string    `json:"customerAgreement,omitempty"`
	Organization      string    `json:"organization,omitempty"`
	State             string    `json:"state,omitempty"`
	ReportID          string    `json:"reportId,omitempty"`
	Version           int64     `json:"version,omitempty"`
	Category          string    `json:"category,omitempty"`
	Series            string    `json:"series,omitempty"`
	Reason            string    `json:"reason,omitempty"`
	// Created and Seq, with ReportID, Version and At, name the write of
	// a report version (its CreatedAt, its SequenceNumber as read, its
	// LastModifiedAt), for Catalog.Stored.
	Created time.Time `json:"created,omitzero"`
	Seq     int64     `json:"seq,omitempty"`
}

func itemOf(e agreement.Event) pendingItem {
	return pendingItem{Kind: string(e.Kind), At: e.At, Account: string(e.Account), Agreement: string(e.Agreement), Basis: string(e.Basis),
		CustomerAgreement: string(e.CustomerAgreement), Organization: string(e.Organization), State: string(e.State)}
}

func (it pendingItem) event() agreement.Event {
	return agreement.Event{Kind: agreement.EventKind(it.Kind), At: it.At, Account: aws.AccountID(it.Account), Agreement: agreement.ID(it.Agreement),
		Basis: agreement.Basis(it.Basis), CustomerAgreement: agreement.CustomerAgreementID(it.CustomerAgreement),
		Organization: org.ID(it.Organization), State: agreement.State(it.State)}
}

func (it pendingItem) isReport() bool {
	k := notify.Kind(it.Kind)
	return k == notify.ReportPublished || k == notify.ReportUpdated
}

// notices returns the events of a change that notify someone: the change
// of an agreement's status, and every loss of coverage (A10); a gain of
// coverage is not notified.
func notices(events []agreement.Event) []pendingItem {
	var out []pendingItem
	for _, e := range events {
		switch e.Kind {
		case agreement.EventAccepted, agreement.EventTerminated, agreement.EventCoverageLost:
			out = append(out, itemOf(e))
		}
	}
	return out
}

// notice is the outbox entry of one call's change.
type notice struct {
	s    *Service
	p    notify.Pending // as stored; p.Seq is 0 until it is
	body pendingBody
	// unrecorded: the hook failed to record the entry, so the change
	// failed before its store.
	unrecorded bool
}

// record returns the BeforeStore hook that records the change's
// notifications in the outbox, before the change is stored. A retried
// change records the events of its new attempt in the same entry.
func (n *notice) record() agreement.BeforeStore {
	return func(ctx context.Context, events []agreement.Event) error {
		if n.s.sub == nil {
			return nil // nobody to notify
		}
		n.body = pendingBody{V: pendingVersion, Events: notices(events)}
		return n.put(ctx)
	}
}

// recordReport returns the BeforeStore hook that records what a write of
// a report version announces (reportNotice) in the outbox, before the
// version is stored. A Put retried with another version number records
// its new attempt in the same entry.
func (n *notice) recordReport() report.BeforeStore {
	return func(ctx context.Context, w report.Write) error {
		if n.s.sub == nil {
			return nil // nobody to notify
		}
		n.body = pendingBody{V: pendingVersion}
		if kind, due, ok := reportNotice(w); ok {
			n.body.Events, n.body.NotBefore = []pendingItem{reportItem(kind, &w.Report)}, due
		}
		return n.put(ctx)
	}
}

// put records the entry of an attempt of the change before the change is
// stored: nothing when it has nothing to deliver and no earlier attempt
// was recorded.
func (n *notice) put(ctx context.Context) error {
	if len(n.body.Events) == 0 && n.p.Seq == 0 {
		return nil
	}
	if n.p.ID == "" {
		id, err := n.s.pendingID()
		if err != nil {
			return err
		}
		n.p = notify.Pending{ID: id, Created: n.s.now()}
	}
	if err := n.save(ctx); err != nil {
		n.unrecorded = true
		return err
	}
	return nil
}

// save stores the entry as it stands.
func (n *notice) save(ctx context.Context) error {
	b, err := json.Marshal(n.body)
	if err != nil {
		return err
	}
	p := n.p
	p.Body = b
	stored, err := n.s.outbox.Put(ctx, p)
	if err != nil {
		return fmt.Errorf("recording the notifications of the change: %w", err)
	}
	n.p = stored
	return nil
}

// settle finishes a call's change: stored (err == nil), its notifications
// are delivered, up to the inline budget, and the entry deleted or left
// with its progress; refused by the domain, or not recorded, the entry is
// deleted; failed in its store, the entry stays, for Deliver to ask
// whether the change was stored all the same. The outbox's bookkeeping
// outlives the call's context: a call cancelled after its change was
// stored still records where delivery stopped.
func (n *notice) settle(ctx context.Context, err error) {
	if n.p.Seq == 0 {
		return
	}
	keep := context.WithoutCancel(ctx)
	if err != nil {
		if n.unrecorded || answered(err) {
			// The change stored nothing; an entry not deleted is found
			// so by Deliver.
			_ = n.s.outbox.Delete(keep, n.p.ID)
			return
		}
		n.keep(keep)
		return
	}
	n.body.Committed = true
	if n.body.NotBefore.After(n.s.now()) {
		// A report version that becomes available later: Deliver
		// announces it then.
		n.keep(keep)
		return
	}
	done, _, derr := n.s.deliverBody(ctx, n.p.ID, &n.body, n.s.inline, nil)
	if derr == nil && done {
		_ = n.s.outbox.Delete(keep, n.p.ID)
		return
	}
	// Left for Deliver, from where delivery stopped. Should this fail
	// too, the entry stays as recorded, and Deliver finds the change
	// stored and delivers it from the start.
	n.keep(keep)
}

// keep stores the entry as it stands, for Deliver. The entry may have
// vanished: a Deliver found it older than pendingGrace while the change
// still waited (on a database's lock, say), asked the registry, found the
// change not stored yet and deleted it. Then it is recorded again, as it
// was first. An entry that is there but changed is another Deliver's,
// which found the change stored: it delivers it.
func (n *notice) keep(ctx context.Context) {
	err := n.save(ctx)
	if !errors.Is(err, notify.ErrConflict) {
		return
	}
	n.p.Seq = 0
	_ = n.save(ctx)
}

// pendingID returns a new entry id: the instant in nanoseconds, then
// random letters, so that entries list oldest first.
func (s *Service) pendingID() (string, error) {
	var b [6]byte
	if _, err := io.ReadFull(s.rand, b[:]); err != nil {
		return "", fmt.Errorf("drawing an outbox id: %w", err)
	}
	return fmt.Sprintf("%020d-%x", s.now().UnixNano(), b), nil
}

// deliverBody delivers b's events from its progress on, at most budget
// member events of organization-wide events (all when budget < 0), and
// reports whether every event was delivered and how many deliveries it
// made. It advances b's progress as it goes; save, when not nil, stores
// it after each batch of members. It stops at the first error, the
// subscriber's included, with b's progress at the delivery that failed:
// b.Next its event and, for an event with many recipients, b.After the
// last recipient before it, so that the entry resumes there.
func (s *Service) deliverBody(ctx context.Context, id string, b *pendingBody, budget int, save func() error) (done bool, delivered int, err error) {
	for ; b.Next < len(b.Events); b.Next, b.After = b.Next+1, "" {
		if err := ctx.Err(); err != nil {
			return false, delivered, err
		}
		it := b.Events[b.Next]
		prefix := id + "/" + strconv.Itoa(b.Next) + "/"
		if it.isReport() {
			if notify.Kind(it.Kind) == notify.ReportPublished {
				// A version's publication is one notification, whichever
				// entry delivers it: a version withdrawn and published
				// again before it became available has two entries.
				prefix = it.ReportID + "/" + strconv.FormatInt(it.Version, 10) + "/published/"
			}
			n := notify.Event{Kind: notify.Kind(it.Kind), ReportID: it.ReportID, Version: it.Version, Category: it.Category,
				Series: it.Series, Reason: it.Reason, Time: it.At}
			accounts, err := notify.Recipients(ctx, s.settings, n)
			if err != nil {
				return false, delivered, err
			}
			// The recipients come in account order: those up to b.After
			// were delivered before.
			for _, a := range accounts {
				if string(a) <= b.After {
					continue
				}
				if err := s.notify(ctx, notify.Delivery{ID: prefix + string(a), Account: a, Event: n}); err != nil {
					return false, delivered, err
				}
				b.After = string(a)
				delivered++
			}
			continue
		}
		e := it.event()
		if !e.OrganizationWide() {
			k, _, err := s.deliverAgreementEvents(ctx, prefix, []agreement.Event{e})
			delivered += k
			if err != nil {
				return false, delivered, err
			}
			continue
		}
		// An organization-wide event: its members, a batch at a time.
		batch := make([]agreement.Event, 0, memberBatch)
		flush := func() error {
			k, failed, err := s.deliverAgreementEvents(ctx, prefix, batch)
			delivered += k
			if err != nil {
				// Resume at the member that failed: those before it in
				// the batch were delivered or not wanted.
				if failed > 0 {
					b.After = string(batch[failed-1].Account)
				}
				return err
			}
			b.After = string(batch[len(batch)-1].Account)
			batch = batch[:0]
			if save != nil {
				return save()
			}
			return nil
		}
		for m, err := range s.reg.Expand(ctx, e, aws.AccountID(b.After)) {
			if err != nil {
				return false, delivered, err
			}
			if budget == 0 {
				if len(batch) > 0 {
					if err := flush(); err != nil {
						return false, delivered, err
					}
				}
				return false, delivered, nil
			}
			batch = append(batch, m)
			budget--
			if len(batch) == memberBatch {
				if err := flush(); err != nil {
					return false, delivered, err
				}
			}
		}
		if len(batch) > 0 {
			if err := flush(); err != nil {
				return false, delivered, err
			}
		}
	}
	return true, delivered, nil
}

// memberBatch is how many members' notifications are decided at a time:
// their settings are read together from a notify.BatchStore.
const memberBatch = 1000

// deliverAgreementEvents delivers events, each about one account, to
// those whose settings choose them, in order, and returns how many it
// delivered. It stops at the first error; failed is then the index of
// the event to resume at: the one whose delivery failed, or 0 when the
// settings could not be read.
func (s *Service) deliverAgreementEvents(ctx context.Context, prefix string, events []agreement.Event) (delivered, failed int, err error) {
	ns := make([]notify.Event, len(events))
	for i, e := range events {
		ns[i] = notification(e)
	}
	keep, err := notify.Wanting(ctx, s.settings, ns)
	if err != nil {
		return 0, 0, err
	}
	for i, e := range ns {
		if !keep[i] {
			continue
		}
		if err := s.notify(ctx, notify.Delivery{ID: prefix + string(e.Account), Account: e.Account, Event: e}); err != nil {
			return delivered, i, err
		}
		delivered++
	}
	return delivered, len(events), nil
}

// notify hands d to the subscriber; its error says d was not delivered.
func (s *Service) notify(ctx context.Context, d notify.Delivery) error {
	if err := s.sub.Notify(ctx, d); err != nil {
		return fmt.Errorf("notifying %s (delivery %s): %w", d.Account, d.ID, err)
	}
	return nil
}

// Deliver delivers the notifications left pending in the outbox: those a
// call could not deliver (its subscriber's settings unreadable, the
// members of a large organization beyond WithInlineDeliveries, the call
// ended or its store failed after its change was recorded), oldest first,
// recording its progress after each thousand members so that another
// Deliver resumes where it stopped. An entry whose change may still be on
// its way to the store is left for a minute; then Deliver asks the
// registry (an agreement's change) or the catalog (a report version's)
// whether the change was stored, and delivers it or deletes it.
//
// The announcement of a report version published to become available
// later (PublishReport, UpdateReport) waits in the outbox until the
// service's clock reaches the instant the version becomes available:
// Deliver passes it by until then, and delivers the entries after it.
// Before it announces a report version, Deliver reads it again and
// announces it only if it is available then, with what it says then
// (name, category, series): a version unpublished, deleted or left
// without its upload meanwhile is not announced, and the announcement of
// one whose availability was moved later waits for the new instant.
// It returns how many deliveries it made; entries that failed stay
// pending, and their errors are joined, each wrapped with the entry's id.
// Deliveries are at least once (notify.Delivery.ID).
//
// A delivery the subscriber failed (its Notify returned an error, in the
// call that made the change or in an earlier Deliver) is made again, with
// the same ID, from where its entry stopped: Deliver makes it, then the
// entry's deliveries after it, and deletes the entry once all are made.
// While the subscriber still fails, Deliver stops that entry at the same
// delivery, keeps it with its progress, goes on with the other entries,
// and returns the subscriber's error (errors.Is finds it).
//
// A host runs Deliver from a loop of its own (every few seconds, say):
// the service starts no goroutine. Several Delivers, in one process or
// several sharing the stores, may run at once: a Deliver claims an entry
// before it delivers it, for a minute on the service's clock (renewed as
// it records progress), and the others leave a claimed entry alone, so
// that overlapping Delivers do not deliver it twice. A delivery is made
// again only where a Deliver stopped (its process ended) without
// recording its progress, once its claim has lapsed; or where a call
// that took longer than a minute to store its change delivers what a
// Deliver, finding the change stored, delivers too.
//
// A service without a subscriber (no WithSubscriber) has nobody to
// deliver to: its Deliver returns 0 and nil and leaves the entries as
// they are, for the services sharing the outbox that have one.
func (s *Service) Deliver(ctx context.Context) (int, error) {
	if s.sub == nil {
		return 0, nil
	}
	var (
		owner string // this Deliver's name in its claims, drawn once there is an entry
		total int
		errs  []error
	)
	for after := ""; ; {
		page, err := s.outbox.Pending(ctx, after, 100)
		if err != nil {
			return total, errors.Join(append(errs, err)...)
		}
		if owner == "" && len(page) > 0 {
			if owner, err = s.pendingID(); err != nil {
				return total, err
			}
		}
		for _, p := range page {
			n, err := s.deliverPending(ctx, owner, p)
			total += n
			if err != nil {
				errs = append(errs, fmt.Errorf("delivering %s: %w", p.ID, err))
			}
		}
		if len(page) < 100 {
			return total, errors.Join(errs...)
		}
		after = page[len(page)-1].ID
	}
}

// deliverPending delivers one outbox entry, claimed in owner's name.
func (s *Service) deliverPending(ctx context.Context, owner string, p notify.Pending) (int, error) {
	n := &notice{s: s, p: p}
	if err := json.Unmarshal(p.Body, &n.body); err != nil || n.body.V != pendingVersion {
		return 0, fmt.Errorf("an outbox entry of an unknown format (version %d): %w", n.body.V, errors.Join(err, errUnknownPending))
	}
	now := s.now()
	if now.Before(n.body.Lease) {
		return 0, nil // another Deliver's, under way
	}
	if n.body.Committed && now.Before(n.body.NotBefore) {
		return 0, nil // not due yet
	}
	if !n.body.Committed {
		if now.Sub(p.Created) < pendingGrace {
			return 0, nil
		}
		stored := len(n.body.Events) > 0
		if stored {
			var err error
			if it := n.body.Events[0]; it.isReport() {
				stored, err = s.cat.Stored(ctx, it.write())
			} else {
				stored, err = s.reg.Stored(ctx, it.event())
			}
			if err != nil {
				return 0, err
			}
		}
		if !stored {
			return 0, s.outbox.Delete(ctx, p.ID)
		}
		n.body.Committed = true
		if now.Before(n.body.NotBefore) {
			// Stored, and not due yet: recorded so, for the Delivers
			// to come to pass it by without asking again.
			if err := n.save(ctx); err != nil && !errors.Is(err, notify.ErrConflict) {
				return 0, err
			}
			return 0, nil
		}
	}
	n.body.Owner, n.body.Lease = owner, now.Add(deliveryLease)
	if err := n.save(ctx); err != nil {
		if errors.Is(err, notify.ErrConflict) {
			return 0, nil // another Deliver claimed it first
		}
		return 0, err
	}
	if len(n.body.Events) > 0 && n.body.Events[0].isReport() {
		deliver, err := s.reportDue(ctx, &n.body, now)
		switch {
		case err != nil:
			return 0, s.release(ctx, n, err)
		case !deliver && now.Before(n.body.NotBefore):
			// Its version's availability moved later: it waits for it.
			return 0, s.release(ctx, n, nil)
		case !deliver:
			return 0, s.outbox.Delete(ctx, p.ID)
		}
	}
	lost := false
	done, delivered, err := s.deliverBody(ctx, p.ID, &n.body, -1, func() error {
		n.body.Lease = s.now().Add(deliveryLease)
		err := n.save(ctx)
		lost = errors.Is(err, notify.ErrConflict)
		return err
	})
	if lost {
		// The claim lapsed and another Deliver took the entry over: it
		// is that one's now.
		return delivered, nil
	}
	if err != nil {
		return delivered, s.release(ctx, n, err)
	}
	if done {
		return delivered, s.outbox.Delete(ctx, p.ID)
	}
	return delivered, nil
}

// release gives up a Deliver's claim of an entry, storing it with its
// progress for the next Deliver, and returns err joined with the
// failure to store it.
func (s *Service) release(ctx context.Context, n *notice, err error) error {
	n.body.Owner, n.body.Lease = "", time.Time{}
	if serr := n.save(context.WithoutCancel(ctx)); serr != nil && !errors.Is(serr, notify.ErrConflict) {
		err = errors.Join(err, serr)
	}
	return err
}

// reportDue decides, as Deliver is about to deliver it, what becomes of
// a report notification whose entry is due: its version is read again,
// and only a version available now is announced (deliver), as it is
// stored now (its category, series and name); a version published to
// become available later, at the instant it did. A version no longer
// going to be available (unpublished, deleted, gone) is not announced;
// the entry of a version whose availability moved later waits for the
// new instant (b.NotBefore is moved to it); the entry of a version that
// became available before the instant it waited for was taken over by
// the update that moved the instant earlier, which announced it or
// recorded its own entry (reportNotice), and is not announced.
func (s *Service) reportDue(ctx context.Context, b *pendingBody, now time.Time) (deliver bool, err error) {
	it := &b.Events[0]
	cur, err := s.cat.Get(ctx, it.ReportID, it.Version)
	if errors.Is(err, report.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	later := !b.NotBefore.IsZero()
	switch {
	case cur.Available(now) && later && cur.PublishedAt.Before(b.NotBefore):
		return false, nil
	case cur.Available(now):
		it.Category, it.Series, it.Reason = cur.Category, cur.Series, cur.Name
		if later {
			it.At = cur.PublishedAt
		}
		return true, nil
	case later && availableLater(&cur, now):
		b.NotBefore = cur.PublishedAt
	}
	return false, nil
}

// errUnknownPending is the cause of an outbox entry Deliver cannot read.
var errUnknownPending = errors.New("unreadable outbox entry")
