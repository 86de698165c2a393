package sqlstore_test

import (
	"context"
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

func (b *inbox) Notify(_ context.Context, d notify.Delivery) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.got = append(b.got, d)
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

func (r *reentrant) Notify(c context.Context, d notify.Delivery) {
	if f := r.during; f != nil {
		r.during = nil
		f()
	}
	r.inbox.Notify(c, d)
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
