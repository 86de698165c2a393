package artifact_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/artifact/notify/memstore"
	"github.com/artifactkit/artifactkit/org"
)

// errQueue is a flaky subscriber's failure: its queue is down.
var errQueue = errors.New("queue unavailable")

// flaky is a subscriber that forwards to a queue that goes down: after
// left more deliveries it fails every one until it is healed. A negative
// left never fails.
type flaky struct {
	mu     sync.Mutex
	left   int
	ok     []notify.Delivery // delivered, in order
	failed []notify.Delivery // attempts that failed
}

func (s *flaky) Notify(_ context.Context, d notify.Delivery) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.left == 0 {
		s.failed = append(s.failed, d)
		return fmt.Errorf("sending to the queue: %w", errQueue)
	}
	if s.left > 0 {
		s.left--
	}
	s.ok = append(s.ok, d)
	return nil
}

// failFrom makes the k-th delivery from now on, and every one after it,
// fail; k <= 0 heals the subscriber.
func (s *flaky) failFrom(k int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.left = k - 1
}

// take returns the deliveries made and the attempts failed since the last
// take.
func (s *flaky) take() (ok, failed []notify.Delivery) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ok, failed, s.ok, s.failed = s.ok, s.failed, nil, nil
	return ok, failed
}

// retryScenario is a change whose notifications a flaky subscriber fails.
type retryScenario struct {
	name   string
	inline int                            // WithInlineDeliveries
	setup  func(t *testing.T, f *fixture) // before the change
	change func(t *testing.T, f *fixture) // the call, which must succeed
	k      int                            // the delivery that fails first
	// inlineOK is how many deliveries the call makes before the failure
	// (k-1 when the failure is within the call's budget).
	inlineOK int
}

// subscribeAgreements subscribes account to agreement updates.
func subscribeAgreements(t *testing.T, f *fixture, account org.AccountID) {
	t.Helper()
	c := root(t, account)
	_, err := f.svc.PutAccountSettings(bg, c, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Subscribed})
	require.NoError(t, err)
	_, err = f.svc.PutNotificationConfiguration(bg, c, artifact.NotificationConfiguration{Agreements: true})
	require.NoError(t, err)
}

// bigOrg has n more members join the fixture's organization, every one
// subscribed to agreement updates as the management account is, and the
// organization BAA accepted.
func bigOrg(n int) func(t *testing.T, f *fixture) {
	return func(t *testing.T, f *fixture) {
		mRoot := root(t, mgmt)
		_, err := f.svc.EnableTrustedAccess(bg, mRoot)
		require.NoError(t, err)
		subscribeAgreements(t, f, mgmt)
		for i := range n {
			a := org.AccountID(fmt.Sprintf("9%011d", i))
			_, _, err := f.svc.JoinOrganization(bg, a, oid)
			require.NoError(t, err)
			subscribeAgreements(t, f, a)
		}
		_, err = f.acceptAs(t, mRoot, baa, agreement.ScopeOrganization)
		require.NoError(t, err)
	}
}

// terminateOrgBAA terminates the organization BAA: the termination, to
// the management account, then an organization-wide loss of coverage,
// to every subscribed member (mgmt first, then the others in account
// order; member is not subscribed).
func terminateOrgBAA(t *testing.T, f *fixture) {
	mRoot := root(t, mgmt)
	a, err := f.svc.Agreements().Active(bg, mgmt, baa, agreement.ScopeOrganization)
	require.NoError(t, err)
	c, err := f.svc.GetCustomerAgreement(bg, mRoot, artifact.GetCustomerAgreementInput{CustomerAgreementID: a.ID})
	require.NoError(t, err)
	f.clock.Advance(1)
	_, err = f.svc.TerminateAgreement(bg, mRoot, artifact.TerminateAgreementInput{CustomerAgreementID: a.ID,
		TerminateAgreementToken: c.TerminateAgreementToken})
	require.NoError(t, err)
}

// S1, S2: a subscriber that fails a delivery loses nothing. The call
// whose change caused it succeeds; the failed delivery and the ones after
// it in the change's entry wait in the outbox and are made by Deliver,
// with the same IDs, from where delivery stopped (none before it made
// twice); Deliver returns the subscriber's error while it fails and nil
// once it recovers; the entry is deleted only when every delivery is
// made.
func TestS1S2_FailedDeliveryIsRetried(t *testing.T) {
	scenarios := []retryScenario{
		{
			name:  "S1 account-scoped event",
			setup: func(t *testing.T, f *fixture) { subscribeAgreements(t, f, member) },
			change: func(t *testing.T, f *fixture) {
				_, err := f.acceptAs(t, root(t, member), baa, agreement.ScopeAccount)
				require.NoError(t, err)
			},
			k: 1,
		},
		{
			name: "S2 report event, second recipient",
			setup: func(t *testing.T, f *fixture) {
				for _, a := range []org.AccountID{loner, member, mgmt} {
					subscribeReports(t, f.svc, a)
				}
			},
			change: func(t *testing.T, f *fixture) { f.publish(t, f.nextSOC2(f.clock.Now().Add(-1))) },
			k:      2, inlineOK: 1,
		},
		{
			name: "S1 organization-wide: the account-scoped termination first", inline: 10,
			setup: bigOrg(30), change: terminateOrgBAA,
			k: 1,
		},
		{
			name: "S1 organization-wide: a member within the inline budget", inline: 10,
			setup: bigOrg(30), change: terminateOrgBAA,
			k: 6, inlineOK: 5,
		},
		{
			name: "S1 organization-wide: a member beyond the inline budget", inline: 10,
			setup: bigOrg(30), change: terminateOrgBAA,
			k: 20, inlineOK: 10, // the termination, and mgmt and 8 of the first ten members (member is not subscribed)
		},
		{
			name: "S1 organization-wide: a member in Deliver's second batch", inline: 10,
			setup: bigOrg(1100), change: terminateOrgBAA,
			k: 1050, inlineOK: 10,
		},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			// What a subscriber that never fails receives.
			want, _, _ := runRetryScenario(t, sc, -1, nil)
			require.GreaterOrEqual(t, len(want), sc.k)

			outbox := memstore.NewOutbox()
			_, svc, sub := runRetryScenario(t, sc, sc.k, outbox)
			// The call succeeded, made the deliveries before the k-th,
			// and left the rest in its entry.
			inline, failed := sub.take()
			require.Len(t, inline, sc.inlineOK)
			if sc.inlineOK == sc.k-1 {
				require.Len(t, failed, 1, "the call stopped at the failed delivery")
			}
			requirePending(t, outbox, 1)

			// Deliver while the queue is down, twice: it makes what it can
			// before the k-th, stops there, keeps the entry and returns
			// the subscriber's error.
			var ok []notify.Delivery
			for range 2 {
				n, err := svc.Deliver(bg)
				require.ErrorIs(t, err, errQueue)
				more, failedNow := sub.take()
				require.Len(t, more, n)
				ok = append(ok, more...)
				require.Len(t, failedNow, 1, "nothing after the failed delivery is attempted")
				failed = append(failed, failedNow...)
				requirePending(t, outbox, 1)
			}
			require.Len(t, ok, sc.k-1-sc.inlineOK)

			// The queue is back: Deliver makes the failed delivery, with
			// the same ID, and the rest, and deletes the entry.
			sub.failFrom(0)
			n, err := svc.Deliver(bg)
			require.NoError(t, err)
			rest, _ := sub.take()
			require.Len(t, rest, n)
			require.Equal(t, failed[0].ID, rest[0].ID, "made again with the same ID")
			for _, f := range failed {
				require.Empty(t, cmp.Diff(rest[0], f), "every attempt is the same delivery")
			}
			requirePending(t, outbox, 0)
			n, err = svc.Deliver(bg)
			require.NoError(t, err)
			require.Zero(t, n)

			// Nothing lost, nothing made twice: what arrived is what a
			// subscriber that never fails receives (IDs aside: entries
			// are named at random).
			all := append(append(inline, ok...), rest...)
			require.Empty(t, cmp.Diff(want, all, cmpopts.IgnoreFields(notify.Delivery{}, "ID")))
			seen := map[string]bool{}
			for _, d := range all {
				require.False(t, seen[d.ID], "delivered once: %s", d.ID)
				seen[d.ID] = true
			}
		})
	}
}

// runRetryScenario runs sc on a new fixture whose subscriber fails from
// its k-th delivery of the change on (never when k < 0), over outbox when
// it is not nil. It returns the service and the subscriber; a subscriber
// that never fails has also had Deliver deliver what the call left, and
// what it received is returned.
func runRetryScenario(t *testing.T, sc retryScenario, k int, outbox notify.Outbox) ([]notify.Delivery, *artifact.Service, *flaky) {
	t.Helper()
	sub := &flaky{left: -1}
	opts := []artifact.Option{artifact.WithSubscriber(sub)}
	if sc.inline != 0 {
		opts = append(opts, artifact.WithInlineDeliveries(sc.inline))
	}
	if outbox != nil {
		opts = append(opts, artifact.WithOutbox(outbox))
	}
	f := newFixture(t, opts...)
	sc.setup(t, f)
	sub.take()
	sub.failFrom(k)
	sc.change(t, f)
	if k >= 0 {
		return nil, f.svc, sub
	}
	_, err := f.svc.Deliver(bg)
	require.NoError(t, err)
	got, failed := sub.take()
	require.Empty(t, failed)
	return got, f.svc, sub
}

// requirePending checks that outbox holds n entries.
func requirePending(t *testing.T, outbox notify.Outbox, n int) {
	t.Helper()
	pending, err := outbox.Pending(bg, "", 0)
	require.NoError(t, err)
	require.Len(t, pending, n)
}

// S1: a subscriber's error that happens to wrap notify.ErrConflict is a
// failed delivery like any other, not a claim another Deliver took over:
// Deliver returns it and releases the entry at once, for the next Deliver.
func TestS1_SubscriberConflictIsAFailedDelivery(t *testing.T) {
	w := newWorld(t)
	pendingEntry(t, w)
	fails := true
	sub := notify.SubscriberFunc(func(ctx context.Context, d notify.Delivery) error {
		if fails {
			fails = false
			return fmt.Errorf("the hook's record: %w", notify.ErrConflict)
		}
		return w.inbox.Notify(ctx, d)
	})
	svc := w.another(t, artifact.WithSubscriber(sub))
	n, err := svc.Deliver(bg)
	require.ErrorIs(t, err, notify.ErrConflict)
	require.Zero(t, n)
	n, err = svc.Deliver(bg)
	require.NoError(t, err)
	require.Equal(t, 1, n, "released, not held until its lease lapses")
	require.Len(t, w.inbox.take(), 1)
}
