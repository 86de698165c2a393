package sqlstore_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/internal/dbtest"
	"github.com/artifactkit/artifactkit/report"
)

// flakySettings is a notify.Store whose reads fail while down is set.
type flakySettings struct {
	notify.Store
	down atomic.Bool
}

var errSettingsDown = errors.New("settings unavailable")

func (s *flakySettings) Get(ctx context.Context, a aws.AccountID) (notify.Settings, error) {
	if s.down.Load() {
		return notify.Settings{}, errSettingsDown
	}
	return s.Store.Get(ctx, a)
}

// inbox keeps the deliveries a subscriber receives.
type inbox struct {
	mu  sync.Mutex
	got []notify.Delivery
}

func (b *inbox) Notify(_ context.Context, d notify.Delivery) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.got = append(b.got, d)
	return nil
}

// S2, issue 13 item 12: on a database, the notifications a call could not
// deliver (its settings unreadable) wait in the database's outbox, and
// another service over the same database delivers them, once.
func TestOutboxSharedByServices(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		db := b.Open(t)
		settings := &flakySettings{Store: db.Settings()}
		first := &inbox{}
		opts := append(db.ServiceOptions(), artifact.WithSettingsStore(settings), artifact.WithSubscriber(first))
		w := artifacttest.NewWithOptions(t, artifacttest.Options{ServiceOptions: opts})
		_, err := db.Settings().Put(ctx, notify.Settings{Account: artifacttest.ManagementAccount, Status: notify.Subscribed, Agreements: true})
		require.NoError(t, err)
		first.got = nil

		settings.down.Store(true)
		out, err := w.AcceptAgreement(ctx, w.Caller(artifacttest.AgreementsAdmin), artifacttest.BAA, agreement.ScopeOrganization)
		require.NoError(t, err, "the acceptance is stored: the call succeeds")
		require.Len(t, out.Events, 2)
		require.Empty(t, first.got)
		pending, err := db.Outbox().Pending(ctx, "", 0)
		require.NoError(t, err)
		require.Len(t, pending, 1)

		second := &inbox{}
		other, err := artifact.New(append(db.ServiceOptions(), artifact.WithSubscriber(second), artifact.WithClock(w.Clock.Now))...)
		require.NoError(t, err)
		w.Clock.Advance(time.Second)
		n, err := other.Deliver(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		require.Len(t, second.got, 1)
		d := second.got[0]
		require.Equal(t, artifacttest.ManagementAccount, d.Account)
		require.Equal(t, notify.AgreementStatusChanged, d.Event.Kind)
		require.Equal(t, string(out.CustomerAgreement.ID), d.Event.CustomerAgreementID)
		pending, err = db.Outbox().Pending(ctx, "", 0)
		require.NoError(t, err)
		require.Empty(t, pending)
		n, err = w.Service.Deliver(ctx)
		require.NoError(t, err)
		require.Zero(t, n, "delivered once")
	})
}

// pendingWorld leaves one entry in db's outbox: an organization BAA
// accepted while the settings that choose its recipients could not be
// read. It returns the world and the options of another service over db
// on the world's clock, a second later.
func pendingWorld(t *testing.T, db *sqlstore.DB) (*artifacttest.World, func(...artifact.Option) []artifact.Option) {
	t.Helper()
	settings := &flakySettings{Store: db.Settings()}
	opts := append(db.ServiceOptions(), artifact.WithSettingsStore(settings), artifact.WithSubscriber(&inbox{}))
	w := artifacttest.NewWithOptions(t, artifacttest.Options{ServiceOptions: opts})
	_, err := db.Settings().Put(ctx, notify.Settings{Account: artifacttest.ManagementAccount, Status: notify.Subscribed, Agreements: true})
	require.NoError(t, err)
	settings.down.Store(true)
	_, err = w.AcceptAgreement(ctx, w.Caller(artifacttest.AgreementsAdmin), artifacttest.BAA, agreement.ScopeOrganization)
	require.NoError(t, err)
	settings.down.Store(false)
	w.Clock.Advance(time.Second)
	return w, func(o ...artifact.Option) []artifact.Option {
		return append(append(db.ServiceOptions(), artifact.WithClock(w.Clock.Now)), o...)
	}
}

// A service over the database without a subscriber has nobody to deliver
// to: its Deliver returns 0 and leaves the entry another service left, for
// one that has a subscriber.
func TestOutboxDeliverWithoutSubscriber(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		db := b.Open(t)
		_, opts := pendingWorld(t, db)
		silent, err := artifact.New(opts()...)
		require.NoError(t, err)
		n, err := silent.Deliver(ctx)
		require.NoError(t, err)
		require.Zero(t, n)
		pending, err := db.Outbox().Pending(ctx, "", 0)
		require.NoError(t, err)
		require.Len(t, pending, 1, "left for a service with a subscriber")

		sink := &inbox{}
		other, err := artifact.New(opts(artifact.WithSubscriber(sink))...)
		require.NoError(t, err)
		n, err = other.Deliver(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		require.Len(t, sink.got, 1)
	})
}

// reentrant is a subscriber that runs during once, in its first Notify.
type reentrant struct {
	inbox
	during func()
}

func (r *reentrant) Notify(c context.Context, d notify.Delivery) error {
	if f := r.during; f != nil {
		r.during = nil
		f()
	}
	return r.inbox.Notify(c, d)
}

// Two services' Delivers that overlap on one entry of the database's
// outbox deliver it once: the first claims it, the second leaves it.
func TestOutboxOverlappingDeliversDeliverOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		db := b.Open(t)
		_, opts := pendingWorld(t, db)
		second := &inbox{}
		other, err := artifact.New(opts(artifact.WithSubscriber(second))...)
		require.NoError(t, err)
		first := &reentrant{}
		first.during = func() {
			n, err := other.Deliver(ctx)
			require.NoError(t, err)
			require.Zero(t, n, "claimed by the Deliver under way")
		}
		svc, err := artifact.New(opts(artifact.WithSubscriber(first))...)
		require.NoError(t, err)
		n, err := svc.Deliver(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		require.Len(t, first.got, 1)
		require.Empty(t, second.got, "delivered once")
		pending, err := db.Outbox().Pending(ctx, "", 0)
		require.NoError(t, err)
		require.Empty(t, pending)
	})
}

// flakyOutbox is a notify.Outbox whose writes fail from the failFrom-th
// on (none when it is 0), as a process that ends writes nothing more.
type flakyOutbox struct {
	notify.Outbox
	writes, failFrom atomic.Int32
}

var errOutboxDown = errors.New("outbox unavailable")

func (o *flakyOutbox) fail() error {
	if n, from := o.writes.Add(1), o.failFrom.Load(); from > 0 && n >= from {
		return errOutboxDown
	}
	return nil
}

func (o *flakyOutbox) Put(ctx context.Context, p notify.Pending) (notify.Pending, error) {
	if err := o.fail(); err != nil {
		return notify.Pending{}, err
	}
	return o.Outbox.Put(ctx, p)
}

func (o *flakyOutbox) Delete(ctx context.Context, id string) error {
	if err := o.fail(); err != nil {
		return err
	}
	return o.Outbox.Delete(ctx, id)
}

// S2 on a database: a report version's announcement is in the database's
// outbox from before the version is stored, so that another service over
// the database announces it, once: when it becomes available, for a
// version published to become so later; after the call that stored it
// ended before announcing it (its settings unreadable and its outbox
// gone after the store, as a process that ends leaves things), once the
// call can no longer be under way and the version is found stored.
func TestOutboxReportAnnouncementsS2(t *testing.T) {
	tests := []struct {
		name string
		// in is how long from now the version becomes available.
		in time.Duration
		// crash: the call ends right after the store.
		crash bool
		// at are the instants (from now) another service's Deliver
		// runs at, and want how many it delivers at each.
		at   []time.Duration
		want []int
	}{
		{name: "published to become available later", in: time.Hour,
			at: []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour}, want: []int{0, 1, 0}},
		{name: "the call ends after the store", crash: true,
			at: []time.Duration{30 * time.Second, 2 * time.Minute, 3 * time.Minute}, want: []int{0, 1, 0}},
	}
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				db := b.Open(t)
				settings := &flakySettings{Store: db.Settings()}
				outbox := &flakyOutbox{Outbox: db.Outbox()}
				opts := append(db.ServiceOptions(), artifact.WithSettingsStore(settings), artifact.WithOutbox(outbox), artifact.WithSubscriber(&inbox{}))
				w := artifacttest.NewWithOptions(t, artifacttest.Options{ServiceOptions: opts})
				_, err := db.Settings().Put(ctx, notify.Settings{Account: artifacttest.ManagementAccount, Status: notify.Subscribed,
					Reports: notify.ReportFilter{All: true}})
				require.NoError(t, err)
				now := w.Clock.Now()
				r := report.Report{Name: "PCI DSS Attestation of Compliance (2026)", Category: artifacttest.Category, Series: "PCI",
					Family: "PCI DSS", PeriodStart: report.D(2025, 4, 1), PeriodEnd: report.D(2026, 3, 31), AcceptanceType: report.Passthrough,
					Document: report.Document{SHA256: sha256.Sum256([]byte("pci 2026"))}, PublishedAt: now.Add(tt.in - time.Second)}
				if tt.crash {
					settings.down.Store(true)
					outbox.failFrom.Store(outbox.writes.Load() + 2) // the entry is recorded; nothing after
				}
				got, err := w.Service.PublishReport(ctx, r)
				require.NoError(t, err)
				settings.down.Store(false)
				outbox.failFrom.Store(0)
				pending, err := db.Outbox().Pending(ctx, "", 0)
				require.NoError(t, err)
				require.Len(t, pending, 1)

				second := &inbox{}
				other, err := artifact.New(append(db.ServiceOptions(), artifact.WithSubscriber(second), artifact.WithClock(w.Clock.Now))...)
				require.NoError(t, err)
				for i, at := range tt.at {
					w.Clock.Set(now.Add(at))
					n, err := other.Deliver(ctx)
					require.NoError(t, err)
					require.Equal(t, tt.want[i], n, "at %v", at)
				}
				require.Len(t, second.got, 1)
				d := second.got[0]
				require.Equal(t, artifacttest.ManagementAccount, d.Account)
				require.Equal(t, notify.ReportPublished, d.Event.Kind)
				require.Equal(t, got.ID, d.Event.ReportID)
				require.Equal(t, got.Version, d.Event.Version)
				pending, err = db.Outbox().Pending(ctx, "", 0)
				require.NoError(t, err)
				require.Empty(t, pending)
			})
		}
	})
}

// errQueue is a failingInbox's failure.
var errQueue = errors.New("queue unavailable")

// failingInbox is an inbox whose queue goes down: while left is 0 every
// delivery fails (attempts are kept in failed); a positive left is how
// many it takes before that, a negative one never fails.
type failingInbox struct {
	inbox
	left   atomic.Int32
	failed []notify.Delivery
}

func (b *failingInbox) Notify(c context.Context, d notify.Delivery) error {
	if b.left.Load() == 0 {
		b.mu.Lock()
		b.failed = append(b.failed, d)
		b.mu.Unlock()
		return errQueue
	}
	b.left.Add(-1)
	return b.inbox.Notify(c, d)
}

// S1, S2 on a database: a subscriber that fails the k-th delivery of a
// change loses nothing. The call succeeds; the failed delivery and those
// after it wait in the database's outbox (the subscribed accounts and an
// organization's members come in account order from the database, and
// the entry resumes at the account that failed); Deliver returns the
// subscriber's error until it recovers, then makes them, the failed one
// with the same ID, and deletes the entry.
func TestOutboxFailedDeliveryIsRetriedS1S2(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, w *artifacttest.World)
		k      int // the delivery that fails first
		total  int // the change's deliveries
	}{
		{name: "S2 report event", k: 2, total: 4, change: func(t *testing.T, w *artifacttest.World) {
			_, err := w.Service.PublishReport(ctx, report.Report{Name: "PCI DSS Attestation of Compliance (2026)", Category: artifacttest.Category,
				Series: "PCI", Family: "PCI DSS", PeriodStart: report.D(2025, 4, 1), PeriodEnd: report.D(2026, 3, 31),
				AcceptanceType: report.Passthrough, Document: report.Document{SHA256: sha256.Sum256([]byte("pci 2026"))},
				PublishedAt: w.Clock.Now().Add(-time.Second)})
			require.NoError(t, err)
		}},
		{name: "S1 organization-wide event", k: 3, total: 5, change: func(t *testing.T, w *artifacttest.World) {
			a, err := w.Service.Agreements().Active(ctx, artifacttest.ManagementAccount, artifacttest.BAA, agreement.ScopeOrganization)
			require.NoError(t, err)
			_, err = w.TerminateAgreement(ctx, w.Root(artifacttest.ManagementAccount), a.ID)
			require.NoError(t, err, "the subscriber's error does not fail the call")
		}},
	}
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				db := b.Open(t)
				sub := &failingInbox{}
				sub.left.Store(-1)
				w := artifacttest.NewWithOptions(t, artifacttest.Options{ServiceOptions: append(db.ServiceOptions(), artifact.WithSubscriber(sub))})
				for _, a := range artifacttest.OrganizationAccounts() {
					_, err := db.Settings().Put(ctx, notify.Settings{Account: a, Status: notify.Subscribed, Agreements: true,
						Reports: notify.ReportFilter{All: true}})
					require.NoError(t, err)
				}
				_, err := w.AcceptAgreement(ctx, w.Caller(artifacttest.AgreementsAdmin), artifacttest.BAA, agreement.ScopeOrganization)
				require.NoError(t, err)
				sub.got = nil

				sub.left.Store(int32(tt.k - 1))
				tt.change(t, w)
				require.Len(t, sub.got, tt.k-1)
				require.Len(t, sub.failed, 1)
				for range 2 {
					n, err := w.Service.Deliver(ctx)
					require.ErrorIs(t, err, errQueue)
					require.Zero(t, n)
					pending, err := db.Outbox().Pending(ctx, "", 0)
					require.NoError(t, err)
					require.Len(t, pending, 1, "kept while a delivery fails")
				}
				require.Len(t, sub.failed, 3)

				sub.left.Store(-1)
				n, err := w.Service.Deliver(ctx)
				require.NoError(t, err)
				require.Equal(t, tt.total-tt.k+1, n)
				require.Equal(t, sub.failed[0].ID, sub.got[tt.k-1].ID, "made again with the same ID")
				seen := map[string]bool{}
				for _, d := range sub.got {
					require.False(t, seen[d.ID], "delivered once: %s", d.ID)
					seen[d.ID] = true
				}
				require.Len(t, seen, tt.total)
				pending, err := db.Outbox().Pending(ctx, "", 0)
				require.NoError(t, err)
				require.Empty(t, pending)
				n, err = w.Service.Deliver(ctx)
				require.NoError(t, err)
				require.Zero(t, n)
			})
		}
	})
}
