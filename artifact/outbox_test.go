package artifact_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/org"
)

// H4, A10, S2: terminating an organization BAA answers two events whatever
// the organization's size; the call notifies the first members itself
// (WithInlineDeliveries) and Deliver the rest, each member that lost
// coverage and chose agreement updates once, and the acceptance writes
// O(1) records to the outbox.
func TestH4_LargeOrganizationNotifiedByDeliver(t *testing.T) {
	const n = 2500
	f := newFixture(t, artifact.WithInlineDeliveries(100))
	mRoot := root(t, mgmt)
	_, err := f.svc.EnableTrustedAccess(bg, mRoot)
	require.NoError(t, err)
	want := map[org.AccountID]bool{mgmt: true}
	subscribe := func(a org.AccountID) {
		c := root(t, a)
		_, err := f.svc.PutAccountSettings(bg, c, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Subscribed})
		require.NoError(t, err)
		_, err = f.svc.PutNotificationConfiguration(bg, c, artifact.NotificationConfiguration{Agreements: true})
		require.NoError(t, err)
	}
	subscribe(mgmt)
	for i := range n {
		a := org.AccountID(fmt.Sprintf("9%011d", i))
		_, _, err := f.svc.JoinOrganization(bg, a, oid)
		require.NoError(t, err)
		if i%97 == 0 {
			subscribe(a)
			want[a] = true
		}
	}
	out, err := f.acceptAs(t, mRoot, baa, agreement.ScopeOrganization)
	require.NoError(t, err)
	require.Len(t, out.Events, 2)
	got := f.inbox.take()
	require.Len(t, got, 1, "the acceptance, to the management account: gaining coverage is not notified")

	c, err := f.svc.GetCustomerAgreement(bg, mRoot, artifact.GetCustomerAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID})
	require.NoError(t, err)
	f.clock.Advance(1)
	end, err := f.svc.TerminateAgreement(bg, mRoot, artifact.TerminateAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID,
		TerminateAgreementToken: c.TerminateAgreementToken})
	require.NoError(t, err)
	require.Len(t, end.Events, 2)
	require.True(t, end.Events[1].OrganizationWide())
	inline := f.inbox.take()
	// The termination to mgmt, and the losses among the first 100
	// members: mgmt, member (not subscribed), and 98 of the others, of
	// which 900000000000 and 900000000097 are subscribed.
	require.Len(t, inline, 4)
	// Joined after the termination: not among those who lost coverage.
	_, _, err = f.svc.JoinOrganization(bg, "888888888888", oid)
	require.NoError(t, err)
	subscribe("888888888888")

	delivered, err := f.svc.Deliver(bg)
	require.NoError(t, err)
	rest := f.inbox.take()
	require.Equal(t, len(rest), delivered)
	ids := map[string]bool{}
	lost := map[org.AccountID]bool{}
	for _, d := range append(inline, rest...) {
		require.False(t, ids[d.ID], "delivered once: %s", d.ID)
		ids[d.ID] = true
		if d.Event.Kind == notify.CoverageLost {
			require.False(t, lost[d.Account])
			lost[d.Account] = true
			require.Contains(t, d.Event.Reason, string(oid))
		}
	}
	require.Equal(t, want, lost, "every subscribed member that lost coverage, once")
	delivered, err = f.svc.Deliver(bg)
	require.NoError(t, err)
	require.Zero(t, delivered)
}

// pendingEntry leaves one entry in w's outbox: an acceptance whose
// notification could not be delivered (the settings were down), the
// acceptance stored.
func pendingEntry(t *testing.T, w *world) *artifact.AcceptAgreementOutput {
	t.Helper()
	subscribe(t, w, w.root)
	out, err := acceptBAA(t, w, func() {
		w.faults.store = "settings"
		w.faults.arm(1, false, errBoom)
	})
	require.NoError(t, err)
	w.faults.disarm()
	w.faults.store = ""
	require.Empty(t, w.inbox.take())
	return out
}

// A service without a subscriber has nobody to deliver to: its Deliver
// returns 0 and leaves the entries another service over the same outbox
// left pending, for one that has a subscriber.
func TestDeliverWithoutSubscriberLeavesEntries(t *testing.T) {
	w := newWorld(t)
	out := pendingEntry(t, w)
	silent := w.another(t)
	n, err := silent.Deliver(bg)
	require.NoError(t, err)
	require.Zero(t, n)

	n, err = w.svc.Deliver(bg)
	require.NoError(t, err)
	require.Equal(t, 1, n, "the entry waited for a service with a subscriber")
	got := w.inbox.take()
	require.Len(t, got, 1)
	require.Equal(t, string(out.CustomerAgreement.ID), got[0].Event.CustomerAgreementID)
}

// reentrant is a subscriber that runs during once, in its first Notify.
type reentrant struct {
	inbox
	during func()
}

func (r *reentrant) Notify(ctx context.Context, d notify.Delivery) error {
	if f := r.during; f != nil {
		r.during = nil
		f()
	}
	return r.inbox.Notify(ctx, d)
}

// Two Delivers that overlap on one entry deliver it once: the first
// claims it before it delivers, and the second leaves it alone.
func TestOverlappingDeliversDeliverOnce(t *testing.T) {
	w := newWorld(t)
	pendingEntry(t, w)
	sub := &reentrant{}
	first := w.another(t, artifact.WithSubscriber(sub))
	sub.during = func() {
		n, err := w.svc.Deliver(bg)
		require.NoError(t, err)
		require.Zero(t, n, "the entry is claimed by the Deliver under way")
	}
	n, err := first.Deliver(bg)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Len(t, sub.take(), 1)
	require.Empty(t, w.inbox.take(), "delivered once")
	pending, err := w.faults.outbox.Pending(bg, "", 0)
	require.NoError(t, err)
	require.Empty(t, pending)
}

// A Deliver that stopped after it delivered and before it recorded so
// (here the outbox fails, as a process that ends would leave things)
// holds its claim until the lease lapses; then another Deliver delivers
// the entry again, with the same delivery ids.
func TestLapsedClaimIsDeliveredAgain(t *testing.T) {
	w := newWorld(t)
	pendingEntry(t, w)
	// Outbox write 1 is the claim; write 2, the deletion, fails.
	w.faults.match = func(store string, write bool) bool { return store == "outbox" && write }
	w.faults.arm(2, false, errBoom)
	n, err := w.svc.Deliver(bg)
	require.ErrorIs(t, err, errBoom)
	require.Equal(t, 1, n)
	first := w.inbox.take()
	require.Len(t, first, 1)
	w.faults.disarm()
	w.faults.match = nil

	again := w.deliverLater(t, "still claimed")
	require.Equal(t, first[0].ID, again.ID, "the claim lapsed: delivered again, with the same id")
}
