package artifact_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/org"
)

// A change the service stored succeeds and its notifications are
// delivered once, whatever fails after it was stored (by the call, or by
// Deliver what the call could not); a change that fails was not stored
// and announces nothing (issue 13, item 12). Every call the change makes
// to the organization and agreement stores fails in turn.
func TestCommittedChangesAreAnnounced(t *testing.T) {
	changes := map[string]func(t *testing.T, w *world) func() error{
		"AcceptAgreement": func(t *testing.T, w *world) func() error {
			v := w.read(t, w.root, baa)
			return func() error {
				_, err := w.svc.AcceptAgreement(bg, w.root, artifact.AcceptAgreementInput{AgreementID: baa, AgreementRevisionID: v.AgreementRevisionID,
					AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteAgreementToken: v.ExecuteAgreementToken})
				return err
			}
		},
		"TerminateAgreement": func(t *testing.T, w *world) func() error {
			out, err := w.acceptAs(t, w.root, baa, agreement.ScopeAccount)
			require.NoError(t, err)
			got, err := w.svc.GetCustomerAgreement(bg, w.root, artifact.GetCustomerAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID})
			require.NoError(t, err)
			return func() error {
				_, err := w.svc.TerminateAgreement(bg, w.root, artifact.TerminateAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID,
					TerminateAgreementToken: got.TerminateAgreementToken})
				return err
			}
		},
		"TerminateOrganizationAgreement": func(t *testing.T, w *world) func() error {
			subscribe(t, w, w.mgmt)
			out, err := w.acceptAs(t, w.mgmt, baa, agreement.ScopeOrganization)
			require.NoError(t, err)
			got, err := w.svc.GetCustomerAgreement(bg, w.mgmt, artifact.GetCustomerAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID})
			require.NoError(t, err)
			return func() error {
				_, err := w.svc.TerminateAgreement(bg, w.mgmt, artifact.TerminateAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID,
					TerminateAgreementToken: got.TerminateAgreementToken})
				return err
			}
		},
		"LeaveOrganization": func(t *testing.T, w *world) func() error {
			_, err := w.acceptAs(t, w.mgmt, baa, agreement.ScopeOrganization)
			require.NoError(t, err)
			return func() error {
				_, _, err := w.svc.LeaveOrganization(bg, member)
				return err
			}
		},
		"RemoveAccount": func(t *testing.T, w *world) func() error {
			_, err := w.acceptAs(t, w.mgmt, baa, agreement.ScopeOrganization)
			require.NoError(t, err)
			return func() error {
				_, _, err := w.svc.RemoveAccount(bg, member)
				return err
			}
		},
	}
	for name, prepare := range changes {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t)
			subscribe(t, w, w.root)
			run := prepare(t, w)
			w.inbox.take()
			w.faults.store = "agreement"
			w.faults.arm(0, false, nil)
			require.NoError(t, run())
			want := w.inbox.take()
			require.NotEmpty(t, want, "the change is announced")
			for _, store := range []string{"org", "agreement"} {
				w.faults.store = store
				w.faults.arm(0, false, nil)
				w := newWorld(t)
				subscribe(t, w, w.root)
				run := prepare(t, w)
				w.faults.store = store
				w.faults.arm(0, false, nil)
				require.NoError(t, run())
				calls := w.faults.disarm()
				for at := 1; at <= calls; at++ {
					w := newWorld(t)
					subscribe(t, w, w.root)
					run := prepare(t, w)
					w.inbox.take()
					before := w.state(t)
					w.faults.store = store
					w.faults.arm(at, false, errBoom)
					err := run()
					w.faults.disarm()
					where := fmt.Sprintf("%s call %d fails", store, at)
					// What the call could not deliver, Deliver does.
					_, derr := w.svc.Deliver(bg)
					require.NoError(t, derr, where)
					got := w.inbox.take()
					if err != nil {
						require.Equal(t, before, w.state(t), "%s: a failed change changed something", where)
						require.Empty(t, got, "%s: a failed change announces nothing", where)
						continue
					}
					require.Equal(t, len(want), len(got), "%s: the change made is announced once", where)
					for i := range want {
						require.Equal(t, want[i].Account, got[i].Account, where)
						require.Equal(t, want[i].Event.Kind, got[i].Event.Kind, where)
					}
				}
			}
		})
	}
}

// subscribe subscribes c's account to every notification.
func subscribe(t *testing.T, w *world, c *artifact.Caller) {
	t.Helper()
	_, err := w.svc.PutAccountSettings(bg, c, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Subscribed})
	require.NoError(t, err)
	_, err = w.svc.PutNotificationConfiguration(bg, c, artifact.NotificationConfiguration{Agreements: true})
	require.NoError(t, err)
}

// state is what the world's accounts can observe of their agreements and
// organizations now.
func (w *world) state(t *testing.T) string {
	t.Helper()
	out := ""
	for _, a := range []org.AccountID{mgmt, member, "444444444444"} {
		m, err := w.svc.Organizations().OrganizationOf(bg, a, w.clock.Now())
		require.NoError(t, err)
		c, err := w.svc.Agreements().Coverage(bg, a, baa, w.clock.Now())
		require.NoError(t, err)
		out += fmt.Sprintf("%s in %q: %s\n", a, m.Org, c.Basis)
		for _, scope := range []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization} {
			if ca, err := w.svc.Agreements().Lookup(bg, a, baa, scope); err == nil {
				out += fmt.Sprintf("  %s %s\n", ca.ID, ca.State)
			}
		}
	}
	return out
}

// The settings that choose a notification's recipients are read after the
// change is stored; while they cannot be read, the notifications wait in
// the outbox, and Deliver delivers them once, when they can (issue 13,
// item 12).
func TestSettingsDownLosesNoNotification(t *testing.T) {
	w := newWorld(t)
	subscribe(t, w, w.root)
	v := w.read(t, w.root, baa)
	w.inbox.take()
	w.faults.store = "settings"
	w.faults.arm(1, false, errBoom)
	out, err := w.svc.AcceptAgreement(bg, w.root, artifact.AcceptAgreementInput{AgreementID: baa, AgreementRevisionID: v.AgreementRevisionID,
		AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteAgreementToken: v.ExecuteAgreementToken})
	require.NoError(t, err, "the change is stored: the call succeeds")
	require.Empty(t, w.inbox.take())
	n, err := w.svc.Deliver(bg)
	require.ErrorIs(t, err, errBoom, "the settings are still down")
	require.Zero(t, n)
	require.Empty(t, w.inbox.take())
	w.faults.disarm()

	n, err = w.svc.Deliver(bg)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	got := w.inbox.take()
	require.Len(t, got, 1)
	require.Equal(t, notify.AgreementStatusChanged, got[0].Event.Kind)
	require.Equal(t, string(out.CustomerAgreement.ID), got[0].Event.CustomerAgreementID)
	require.NotEmpty(t, got[0].ID)
	n, err = w.svc.Deliver(bg)
	require.NoError(t, err)
	require.Zero(t, n, "delivered once")
	require.Empty(t, w.inbox.take())
}

// A change whose notifications cannot be recorded is not made: the outbox
// is written before the change is stored.
func TestOutboxDownFailsTheChange(t *testing.T) {
	w := newWorld(t)
	subscribe(t, w, w.root)
	v := w.read(t, w.root, baa)
	w.inbox.take()
	before := w.state(t)
	w.faults.store = "outbox"
	w.faults.arm(1, false, errBoom)
	_, err := w.svc.AcceptAgreement(bg, w.root, artifact.AcceptAgreementInput{AgreementID: baa, AgreementRevisionID: v.AgreementRevisionID,
		AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteAgreementToken: v.ExecuteAgreementToken})
	var ie *artifact.InternalServerException
	require.ErrorAs(t, err, &ie)
	require.ErrorIs(t, err, errBoom)
	w.faults.disarm()
	require.Equal(t, before, w.state(t), "nothing stored")
	require.Empty(t, w.inbox.take())
}

// A call that ends after its change is stored and before it delivers (here
// the settings and the outbox fail right after the change, as a process
// that dies would leave things) leaves an entry that Deliver, once the
// call can no longer be under way, finds stored and delivers; the entry of
// a change that failed is found not stored and dropped.
func TestInterruptedCallsAreSettledByDeliver(t *testing.T) {
	w := newWorld(t)
	subscribe(t, w, w.root)
	v := w.read(t, w.root, baa)
	w.inbox.take()
	w.faults.store = "outbox"
	w.faults.arm(2, false, errBoom) // the entry is recorded; nothing after
	out, err := w.svc.AcceptAgreement(bg, w.root, artifact.AcceptAgreementInput{AgreementID: baa, AgreementRevisionID: v.AgreementRevisionID,
		AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteAgreementToken: v.ExecuteAgreementToken})
	require.NoError(t, err)
	w.faults.disarm()
	got := w.inbox.take()
	require.Len(t, got, 1, "delivered by the call; the entry could not be deleted")
	again := w.deliverLater(t, "a recent entry may belong to a call under way")
	require.Equal(t, got[0].ID, again.ID, "found stored: delivered again, with the same id")
	require.Equal(t, string(out.CustomerAgreement.ID), again.Event.CustomerAgreementID)

	// The change's store fails after its entry is recorded: the entry
	// stays (the change might have been stored), and Deliver, finding
	// the change not stored, drops it without a notification.
	got2, err := w.svc.GetCustomerAgreement(bg, w.root, artifact.GetCustomerAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID})
	require.NoError(t, err)
	// The entry is recorded (write 1); the termination (write 2) fails,
	// and so does the entry's keeping (write 3).
	w.faults.match = func(store string, write bool) bool { return write && (store == "agreement" || store == "outbox") }
	w.faults.arm(2, false, errBoom)
	_, err = w.svc.TerminateAgreement(bg, w.root, artifact.TerminateAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID,
		TerminateAgreementToken: got2.TerminateAgreementToken})
	require.ErrorIs(t, err, errBoom)
	require.Equal(t, 3, w.faults.disarm())
	w.faults.match = nil
	pending, err := w.faults.outbox.Pending(bg, "", 0)
	require.NoError(t, err)
	require.Len(t, pending, 1)
	w.clock.Advance(2 * time.Minute)
	n, err := w.svc.Deliver(bg)
	require.NoError(t, err)
	require.Zero(t, n)
	require.Empty(t, w.inbox.take())
	c, err := w.svc.Agreements().Active(bg, member, baa, agreement.ScopeAccount)
	require.NoError(t, err, "the termination was not stored")
	require.Equal(t, out.CustomerAgreement.ID, c.ID)
}

// acceptBAA accepts the BAA for the member's account, as its root user,
// calling arm once the agreement is read.
func acceptBAA(t *testing.T, w *world, arm func()) (*artifact.AcceptAgreementOutput, error) {
	t.Helper()
	v := w.read(t, w.root, baa)
	w.inbox.take()
	arm()
	return w.svc.AcceptAgreement(bg, w.root, artifact.AcceptAgreementInput{AgreementID: baa, AgreementRevisionID: v.AgreementRevisionID,
		AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteAgreementToken: v.ExecuteAgreementToken})
}

// The store of a change can fail after the server committed it (its
// answer lost): the call fails, yet the change is stored. Its entry stays
// in the outbox, and Deliver, once the call can no longer be under way,
// finds the change stored and delivers its notification.
func TestStoreFailureAfterCommitKeepsNotifications(t *testing.T) {
	w := newWorld(t)
	subscribe(t, w, w.root)
	_, err := acceptBAA(t, w, func() {
		w.faults.match = func(store string, write bool) bool { return write && store == "agreement" }
		w.faults.late = true
		w.faults.arm(1, true, errBoom)
	})
	var ie *artifact.InternalServerException
	require.ErrorAs(t, err, &ie)
	w.faults.disarm()
	w.faults.match, w.faults.late = nil, false
	require.Empty(t, w.inbox.take())
	ca, err := w.svc.Agreements().Active(bg, member, baa, agreement.ScopeAccount)
	require.NoError(t, err, "the acceptance was stored all the same")

	got := w.deliverLater(t, "the call might still be under way")
	require.Equal(t, string(ca.ID), got.Event.CustomerAgreementID)
}

// A change the domain refuses (here a conflict that outlasts the
// registry's retries) stored nothing: the call deletes its entry at once.
func TestRefusedChangeDeletesItsEntry(t *testing.T) {
	w := newWorld(t)
	subscribe(t, w, w.root)
	_, err := acceptBAA(t, w, func() {
		w.faults.match = func(store string, write bool) bool { return write && store == "agreement" }
		w.faults.arm(1, false, fmt.Errorf("customer agreement changed: %w", agreement.ErrConflict))
	})
	require.ErrorIs(t, err, agreement.ErrConflict)
	require.Greater(t, w.faults.disarm(), 1, "retried")
	w.faults.match = nil
	pending, err := w.faults.outbox.Pending(bg, "", 0)
	require.NoError(t, err)
	require.Empty(t, pending)
}

// A change that waits (on a database's lock, say) longer than Deliver
// leaves an entry alone can find its entry deleted when it is stored: a
// Deliver asked the registry meanwhile and found it not stored yet. The
// call then records the entry again, and what it could not deliver is
// delivered.
func TestEntryDeletedWhileTheChangeWaitsIsRecordedAgain(t *testing.T) {
	w := newWorld(t)
	subscribe(t, w, w.root)
	stall := func() {
		w.clock.Advance(2 * time.Minute)
		n, err := w.svc.Deliver(bg)
		require.NoError(t, err)
		require.Zero(t, n)
		pending, err := w.faults.outbox.Pending(bg, "", 0)
		require.NoError(t, err)
		require.Empty(t, pending, "found not stored, and deleted")
		// The settings go down: the call cannot deliver.
		w.faults.store = "settings"
		w.faults.arm(1, false, errBoom)
	}
	out, err := acceptBAA(t, w, func() {
		w.faults.stallOn = "agreement"
		w.faults.stall = stall
	})
	require.NoError(t, err)
	require.Nil(t, w.faults.stall, "the acceptance waited")
	require.Empty(t, w.inbox.take())
	w.faults.disarm()
	w.faults.store = ""

	n, err := w.svc.Deliver(bg)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	got := w.inbox.take()
	require.Equal(t, string(out.CustomerAgreement.ID), got[0].Event.CustomerAgreementID)
}

// deliverLater checks that Deliver leaves the entry in the outbox alone
// now (why) and, once it can no longer wait for it, makes its one
// delivery, which it returns.
func (w *world) deliverLater(t *testing.T, why string) notify.Delivery {
	t.Helper()
	n, err := w.svc.Deliver(bg)
	require.NoError(t, err)
	require.Zero(t, n, why)
	w.clock.Advance(2 * time.Minute)
	n, err = w.svc.Deliver(bg)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	got := w.inbox.take()
	require.Len(t, got, 1)
	return got[0]
}
