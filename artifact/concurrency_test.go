package artifact_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/org"
)

// The service is safe for concurrent use: many goroutines downloading,
// accepting, terminating, subscribing and moving accounts lose no audit
// record, and two accepting the same agreement end with one ACTIVE
// customer agreement.
func TestConcurrentCalls(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.EnableTrustedAccess(bg, root(t, mgmt))
	require.NoError(t, err)
	const workers = 100
	accounts := make([]org.AccountID, workers)
	for i := range accounts {
		accounts[i] = org.AccountID(fmt.Sprintf("5%011d", i))
		_, _, err := f.svc.JoinOrganization(bg, accounts[i], oid)
		require.NoError(t, err)
	}
	before, err := f.svc.Audit().Query(bg, audit.Filter{})
	require.NoError(t, err)

	var calls, accepted atomic.Int64
	var wg sync.WaitGroup
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := root(t, accounts[i])
			count := func(err error) error { calls.Add(1); return err }
			// Everyone reads the SOC 2 report, twice.
			for range 2 {
				term, err := f.svc.GetTermForReport(bg, c, artifact.GetTermForReportInput{ReportID: f.soc2.ID})
				if count(err) == nil {
					count(func() error {
						_, err := f.svc.GetReport(bg, c, artifact.GetReportInput{ReportID: f.soc2.ID, TermToken: term.TermToken})
						return err
					}())
				}
			}
			count(func() error {
				_, err := f.svc.PutAccountSettings(bg, c, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Subscribed})
				return err
			}())
			switch i % 3 {
			case 0: // accept and terminate an account agreement
				n, err := f.svc.GetNdaForAgreement(bg, c, artifact.GetNdaForAgreementInput{AgreementID: andb})
				count(err)
				a, err := f.svc.AcceptNdaForAgreement(bg, c, artifact.AcceptNdaForAgreementInput{AgreementID: andb, AgreementRevisionID: n.AgreementRevisionID, NdaToken: n.AcceptNdaForAgreementToken})
				count(err)
				v, err := f.svc.GetAgreement(bg, c, artifact.GetAgreementInput{AgreementID: andb, NdaToken: a.GetAgreementToken})
				count(err)
				in := artifact.AcceptAgreementInput{AgreementID: andb, AgreementRevisionID: v.AgreementRevisionID,
					AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteAgreementToken: v.ExecuteAgreementToken}
				// Two acceptances race; exactly one wins.
				var inner sync.WaitGroup
				var won atomic.Value
				for range 2 {
					inner.Add(1)
					go func() {
						defer inner.Done()
						out, err := f.svc.AcceptAgreement(bg, c, in)
						if count(err) == nil {
							accepted.Add(1)
							won.Store(out.CustomerAgreement.ID)
						}
					}()
				}
				inner.Wait()
				if id, ok := won.Load().(agreement.CustomerAgreementID); ok && i%2 == 0 {
					g, err := f.svc.GetCustomerAgreement(bg, c, artifact.GetCustomerAgreementInput{CustomerAgreementID: id})
					if count(err) == nil {
						_, err := f.svc.TerminateAgreement(bg, c, artifact.TerminateAgreementInput{CustomerAgreementID: id, TerminateAgreementToken: g.TerminateAgreementToken})
						count(err)
					}
				}
			case 1: // leave the organization
				_, _, err := f.svc.LeaveOrganization(bg, accounts[i])
				count(err)
			default: // list
				_, err := f.svc.ListCustomerAgreements(bg, c, artifact.ListCustomerAgreementsInput{})
				count(err)
			}
		}()
	}
	wg.Wait()

	after, err := f.svc.Audit().Query(bg, audit.Filter{})
	require.NoError(t, err)
	require.Equal(t, int(calls.Load()), len(after)-len(before), "one record per call")
	require.NoError(t, f.svc.Audit().Verify(bg))
	require.Equal(t, int64((workers+2)/3), accepted.Load(), "one acceptance per account")
	for i := 0; i < workers; i += 3 {
		ca, err := f.svc.Agreements().Lookup(bg, accounts[i], andb, agreement.ScopeAccount)
		require.NoError(t, err)
		want := agreement.Active
		if i%2 == 0 {
			want = agreement.CustomerTerminated
		}
		require.Equal(t, want, ca.State, accounts[i])
	}
	for i := 1; i < workers; i += 3 {
		m, err := f.svc.Organizations().OrganizationOf(bg, accounts[i], f.clock.Now())
		require.NoError(t, err)
		require.False(t, m.InOrganization())
	}
}
