package agreement_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/org"
)

// A1: an account agreement applies to the accepting account only; an
// organization agreement to every account of the organization, the
// management account included.
func TestA1_AccountAndOrganizationScope(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice, bob)
	f.tick()
	c, events, err := f.accept(t, alice, andb, agreement.ScopeAccount)
	require.NoError(t, err)
	require.Regexp(t, caIDRE, string(c.ID))
	require.Equal(t, agreement.CustomerAgreementARN("aws", alice, c.ID), c.ARN)
	require.Equal(t, andb.ARN("aws"), c.AgreementARN)
	require.Equal(t, agreement.ScopeAccount, c.Scope)
	require.Empty(t, c.Organization)
	require.Empty(t, c.OrganizationARN)
	require.Equal(t, agreement.Active, c.State)
	require.Equal(t, agreement.TypeDefault, c.Type)
	require.Equal(t, []ev{
		{agreement.EventAccepted, alice, agreement.BasisAccount},
		{agreement.EventCoverageGained, alice, agreement.BasisAccount},
	}, brief(events))
	for a, want := range map[org.AccountID]agreement.Basis{alice: agreement.BasisAccount, bob: agreement.BasisNone, mgmt: agreement.BasisNone} {
		require.Equal(t, want, f.basis(t, a, andb, f.clock.Now()), a)
	}

	f.tick()
	o, events, err := f.accept(t, mgmt, baa, agreement.ScopeOrganization)
	require.NoError(t, err)
	require.Equal(t, mgmt, o.Account)
	require.Equal(t, oid, o.Organization)
	require.Equal(t, "arn:aws:organizations::111111111111:organization/o-exampleorg", o.OrganizationARN)
	require.Equal(t, agreement.CustomerAgreementARN("aws", mgmt, o.ID), o.ARN)
	require.Equal(t, []ev{
		{agreement.EventAccepted, mgmt, agreement.BasisOrganization},
		{agreement.EventCoverageGained, mgmt, agreement.BasisOrganization},
		{agreement.EventCoverageGained, alice, agreement.BasisOrganization},
		{agreement.EventCoverageGained, bob, agreement.BasisOrganization},
	}, f.expandBrief(t, events))
	for _, a := range []org.AccountID{mgmt, alice, bob} {
		require.Equal(t, agreement.BasisOrganization, f.basis(t, a, baa, f.clock.Now()), a)
	}
	_, err = f.reg.Lookup(ctx, mgmt, baa, agreement.ScopeAccount)
	require.ErrorIs(t, err, agreement.ErrCustomerAgreementNotFound, "an organization agreement is no account agreement")

	// Accepting what is active fails; the other scope is separate.
	_, _, err = f.accept(t, mgmt, baa, agreement.ScopeOrganization)
	require.ErrorIs(t, err, agreement.ErrAlreadyActive)
	_, _, err = f.accept(t, mgmt, baa, agreement.ScopeAccount)
	require.NoError(t, err)
	_, _, err = f.accept(t, mgmt, baa, agreement.ScopeAccount)
	require.ErrorIs(t, err, agreement.ErrAlreadyActive)
	require.Contains(t, err.Error(), "the agreement is already active")

	// An agreement offered at account scope only.
	_, _, err = f.accept(t, mgmt, acctOnly, agreement.ScopeOrganization)
	require.ErrorIs(t, err, agreement.ErrScopeNotOffered)
}

// A2: only the management account accepts or terminates organization
// agreements; members view those accepted on their behalf.
func TestA2_OnlyManagementAccount(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice)
	_, _, err := f.accept(t, alice, baa, agreement.ScopeOrganization)
	require.ErrorIs(t, err, agreement.ErrNotManagementAccount)
	require.Contains(t, err.Error(), "only the management account can accept or terminate organization agreements")

	c := f.mustAccept(t, mgmt, nzndb, agreement.ScopeOrganization)
	v, err := f.reg.GetCustomerAgreement(ctx, alice, c.ID)
	require.NoError(t, err, "a member views the organization agreement")
	require.Empty(t, cmp.Diff(c, v.CustomerAgreement))
	list, _, err := f.reg.ListCustomerAgreements(ctx, alice, agreement.Page{})
	require.NoError(t, err)
	require.Len(t, list, 1)

	_, _, err = f.reg.Terminate(ctx, alice, c.ID, v.TerminateToken)
	require.ErrorIs(t, err, agreement.ErrNotManagementAccount)
	require.Equal(t, agreement.BasisOrganization, f.basis(t, alice, nzndb, f.clock.Now()))

	// An account outside the organization does not see it at all.
	_, err = f.reg.GetCustomerAgreement(ctx, dave, c.ID)
	require.ErrorIs(t, err, agreement.ErrCustomerAgreementNotFound)

	_, _, err = f.terminate(t, mgmt, c.ID)
	require.NoError(t, err)
}

// A3: an organization agreement covers existing and future members; one
// that joins is covered from the moment it joins.
func TestA3_FutureMembersCoveredFromJoining(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt)
	c := f.mustAccept(t, mgmt, andb, agreement.ScopeOrganization)
	join := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	f.clock.Set(join)
	ch, events, err := f.reg.Join(ctx, carol, oid)
	require.NoError(t, err)
	require.Equal(t, join, ch.At)
	require.Empty(t, cmp.Diff([]agreement.Event{{
		Kind: agreement.EventCoverageGained, At: join, Account: carol, Agreement: andb,
		Basis: agreement.BasisOrganization, CustomerAgreement: c.ID, Organization: oid,
	}}, events))
	require.Equal(t, agreement.BasisOrganization, f.basis(t, carol, andb, join))
	require.Equal(t, agreement.BasisNone, f.basis(t, carol, andb, join.Add(-time.Second)))

	f.tick()
	_, events, err = f.reg.CreateAccount(ctx, oid, dave)
	require.NoError(t, err)
	require.Equal(t, []ev{{agreement.EventCoverageGained, dave, agreement.BasisOrganization}}, brief(events))
}

// A4: organization agreements need all features: "Your organization must
// be enabled for all features".
func TestA4_AllFeaturesRequired(t *testing.T) {
	f := newFixture(t)
	_, err := f.dir.Create(ctx, oid, mgmt, org.ConsolidatedBilling)
	require.NoError(t, err)
	_, _, err = f.reg.Join(ctx, alice, oid)
	require.NoError(t, err)
	_, _, err = f.accept(t, mgmt, baa, agreement.ScopeOrganization)
	require.ErrorIs(t, err, agreement.ErrAllFeaturesRequired)
	require.ErrorIs(t, err, org.ErrAllFeaturesRequired)
	require.Contains(t, err.Error(), "your organization must be enabled for all features")
	_, _, err = f.accept(t, alice, baa, agreement.ScopeAccount)
	require.NoError(t, err, "account agreements need no feature set")
	_, err = f.dir.EnableAllFeatures(ctx, oid)
	require.NoError(t, err)
	_, _, err = f.accept(t, mgmt, baa, agreement.ScopeOrganization)
	require.ErrorIs(t, err, agreement.ErrTrustedAccessRequired)
}

// A5: organization agreements need Artifact's trusted access and its
// service-linked role; both are checked when accepting, not afterwards.
func TestA5_TrustedAccessRequired(t *testing.T) {
	f := newFixture(t)
	_, err := f.dir.Create(ctx, oid, mgmt, org.AllFeatures)
	require.NoError(t, err)
	_, _, err = f.accept(t, mgmt, andb, agreement.ScopeOrganization)
	require.ErrorIs(t, err, agreement.ErrTrustedAccessRequired)
	_, err = f.dir.EnableTrustedAccess(ctx, oid, "config.amazonaws.com")
	require.NoError(t, err)
	_, _, err = f.accept(t, mgmt, andb, agreement.ScopeOrganization)
	require.ErrorIs(t, err, agreement.ErrTrustedAccessRequired, "another service's trusted access does not count")
	_, err = f.dir.EnableTrustedAccess(ctx, oid, org.ArtifactServicePrincipal)
	require.NoError(t, err)
	_, err = f.dir.DeleteServiceLinkedRole(ctx, oid)
	require.NoError(t, err)
	_, _, err = f.accept(t, mgmt, andb, agreement.ScopeOrganization)
	require.ErrorIs(t, err, agreement.ErrTrustedAccessRequired, "without the service-linked role")
	_, err = f.dir.EnableTrustedAccess(ctx, oid, org.ArtifactServicePrincipal)
	require.NoError(t, err)
	c := f.mustAccept(t, mgmt, andb, agreement.ScopeOrganization)

	// Turning trusted access off later neither ends the agreement nor
	// stops membership changes from counting.
	_, err = f.dir.DisableTrustedAccess(ctx, oid, org.ArtifactServicePrincipal)
	require.NoError(t, err)
	f.tick()
	_, events, err := f.reg.Join(ctx, alice, oid)
	require.NoError(t, err)
	require.Len(t, events, 1)
	require.Equal(t, agreement.BasisOrganization, f.basis(t, alice, andb, f.clock.Now()))
	_, _, err = f.terminate(t, mgmt, c.ID)
	require.NoError(t, err, "terminating needs no trusted access")
}

// A6: an account outside any organization cannot use organization
// agreements: "Your account isn't in an organization".
func TestA6_NotInOrganization(t *testing.T) {
	f := newFixture(t)
	_, _, err := f.accept(t, alice, nzndb, agreement.ScopeOrganization)
	require.ErrorIs(t, err, org.ErrNotInOrganization)
	require.Contains(t, err.Error(), "your account isn't in an organization")
	f.org(t, oid, mgmt, alice)
	_, _, err = f.accept(t, alice, nzndb, agreement.ScopeOrganization)
	require.ErrorIs(t, err, agreement.ErrNotManagementAccount)
	f.tick()
	_, _, err = f.reg.Leave(ctx, alice)
	require.NoError(t, err)
	_, _, err = f.accept(t, alice, nzndb, agreement.ScopeOrganization)
	require.ErrorIs(t, err, org.ErrNotInOrganization, "a member that left")
	_, _, err = f.reg.Leave(ctx, alice)
	require.ErrorIs(t, err, org.ErrNotInOrganization)
	_, _, err = f.reg.Remove(ctx, alice)
	require.ErrorIs(t, err, org.ErrNotInOrganization)
	_, _, err = f.reg.Move(ctx, alice, oid)
	require.ErrorIs(t, err, org.ErrNotInOrganization)
	_, _, err = f.reg.CreateAccount(ctx, oid, mgmt)
	require.ErrorIs(t, err, org.ErrAlreadyInOrganization)
	_, err = f.reg.Lookup(ctx, alice, nzndb, agreement.ScopeOrganization)
	require.ErrorIs(t, err, agreement.ErrCustomerAgreementNotFound)
}

// A7: an organization agreement cannot cover some members only; covering a
// subset takes one account agreement per member.
func TestA7_NoSubsetOfMembers(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice, bob, carol)
	f.mustAccept(t, alice, baa, agreement.ScopeAccount)
	f.mustAccept(t, bob, baa, agreement.ScopeAccount)
	now := f.clock.Now()
	require.Equal(t, agreement.BasisAccount, f.basis(t, alice, baa, now))
	require.Equal(t, agreement.BasisAccount, f.basis(t, bob, baa, now))
	require.Equal(t, agreement.BasisNone, f.basis(t, carol, baa, now))
	require.Equal(t, agreement.BasisNone, f.basis(t, mgmt, baa, now))

	_, events, err := f.accept(t, mgmt, baa, agreement.ScopeOrganization)
	require.NoError(t, err)
	require.Equal(t, []ev{
		{agreement.EventAccepted, mgmt, agreement.BasisOrganization},
		{agreement.EventCoverageGained, mgmt, agreement.BasisOrganization},
		{agreement.EventCoverageGained, carol, agreement.BasisOrganization},
	}, f.expandBrief(t, events), "members with their own agreement change scope, not coverage")
	for _, a := range []org.AccountID{mgmt, alice, bob, carol} {
		require.Equal(t, agreement.BasisOrganization, f.basis(t, a, baa, f.clock.Now()), "no member is left out")
	}
}

// A8: an account agreement and an organization agreement may both be
// active; the organization agreement applies.
func TestA8_OrganizationAgreementGoverns(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice)
	acct := f.mustAccept(t, alice, baa, agreement.ScopeAccount)
	f.tick()
	o := f.mustAccept(t, mgmt, baa, agreement.ScopeOrganization)
	c, err := f.reg.Coverage(ctx, alice, baa, f.clock.Now())
	require.NoError(t, err)
	require.Equal(t, agreement.BasisOrganization, c.Basis)
	require.Equal(t, o.ID, c.Governing.ID)
	require.Len(t, c.Superseded, 1)
	require.Equal(t, acct.ID, c.Superseded[0].ID)
	require.Contains(t, c.Reason, "it applies instead of account agreement "+string(acct.ID))
	still, err := f.reg.Lookup(ctx, alice, baa, agreement.ScopeAccount)
	require.NoError(t, err)
	require.Equal(t, agreement.Active, still.State, "the account agreement stays active")

	// The management account's own account agreement too.
	f.mustAccept(t, mgmt, baa, agreement.ScopeAccount)
	require.Equal(t, agreement.BasisOrganization, f.basis(t, mgmt, baa, f.clock.Now()))
}

// A9: terminating the organization agreement does not terminate account
// agreements, which apply again; accepting it again governs again.
func TestA9_AccountAgreementAppliesAgain(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice, bob)
	acct := f.mustAccept(t, alice, andb, agreement.ScopeAccount)
	o := f.mustAccept(t, mgmt, andb, agreement.ScopeOrganization)
	f.tick()
	ended, events, err := f.terminate(t, mgmt, o.ID)
	require.NoError(t, err)
	require.Equal(t, agreement.CustomerTerminated, ended.State)
	require.Equal(t, f.clock.Now(), ended.EffectiveEnd)
	require.Equal(t, []ev{
		{agreement.EventTerminated, mgmt, agreement.BasisOrganization},
		{agreement.EventCoverageLost, mgmt, agreement.BasisOrganization},
		{agreement.EventCoverageLost, bob, agreement.BasisOrganization},
	}, f.expandBrief(t, events), "alice keeps her account agreement")
	c, err := f.reg.Lookup(ctx, alice, andb, agreement.ScopeAccount)
	require.NoError(t, err)
	require.Equal(t, acct.ID, c.ID)
	require.Equal(t, agreement.Active, c.State)
	require.Equal(t, agreement.BasisAccount, f.basis(t, alice, andb, f.clock.Now()))

	f.tick()
	again, _, err := f.accept(t, mgmt, andb, agreement.ScopeOrganization)
	require.NoError(t, err)
	require.NotEqual(t, o.ID, again.ID)
	require.Equal(t, agreement.BasisOrganization, f.basis(t, alice, andb, f.clock.Now()))
}

// A10: a member that leaves or is removed stops being covered by
// organization agreements at that moment and keeps its account agreements;
// the library tells it (an event), which AWS does not.
func TestA10_LeavingEndsOrganizationCoverage(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice, bob, carol)
	f.mustAccept(t, bob, baa, agreement.ScopeAccount)
	o := f.mustAccept(t, mgmt, baa, agreement.ScopeOrganization)

	leave := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	f.clock.Set(leave)
	_, events, err := f.reg.Leave(ctx, alice)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff([]agreement.Event{{
		Kind: agreement.EventCoverageLost, At: leave, Account: alice, Agreement: baa,
		Basis: agreement.BasisOrganization, CustomerAgreement: o.ID, Organization: oid,
	}}, events))
	c, err := f.reg.Coverage(ctx, alice, baa, leave)
	require.NoError(t, err)
	require.Equal(t, agreement.BasisNone, c.Basis)
	require.Equal(t, "left o-exampleorg on 2026-06-01T09:00:00Z", c.Reason)
	require.Equal(t, agreement.BasisOrganization, f.basis(t, alice, baa, leave.Add(-time.Second)))

	f.tick()
	_, events, err = f.reg.Leave(ctx, bob)
	require.NoError(t, err)
	require.Empty(t, events, "bob's account agreement applies again")
	require.Equal(t, agreement.BasisAccount, f.basis(t, bob, baa, f.clock.Now()))

	remove := f.tick()
	_, events, err = f.reg.Remove(ctx, carol)
	require.NoError(t, err)
	require.Equal(t, []ev{{agreement.EventCoverageLost, carol, agreement.BasisOrganization}}, brief(events))
	c, err = f.reg.Coverage(ctx, carol, baa, remove)
	require.NoError(t, err)
	require.Equal(t, "removed from o-exampleorg on "+remove.Format(time.RFC3339), c.Reason)
	require.True(t, f.hipaa(t, carol, remove.Add(-time.Second)), "history still shows it covered before")

	_, _, err = f.reg.Leave(ctx, mgmt)
	require.ErrorIs(t, err, org.ErrManagementCannotLeave)
	_, _, err = f.reg.Remove(ctx, mgmt)
	require.ErrorIs(t, err, org.ErrManagementCannotLeave)
}

// A11: accounts in separate organizations need the agreement accepted in
// each; an account that moves is covered by the organization it is in.
func TestA11_SeparateOrganizations(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice, bob)
	f.org(t, oid2, mgmt2, dave)
	one := f.mustAccept(t, mgmt, andb, agreement.ScopeOrganization)
	require.Equal(t, agreement.BasisOrganization, f.basis(t, alice, andb, f.clock.Now()))
	require.Equal(t, agreement.BasisNone, f.basis(t, dave, andb, f.clock.Now()))

	move := f.tick()
	_, events, err := f.reg.Move(ctx, alice, oid2)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff([]agreement.Event{{
		Kind: agreement.EventCoverageLost, At: move, Account: alice, Agreement: andb,
		Basis: agreement.BasisOrganization, CustomerAgreement: one.ID, Organization: oid,
	}}, events))

	f.tick()
	two, events, err := f.accept(t, mgmt2, andb, agreement.ScopeOrganization)
	require.NoError(t, err)
	require.Equal(t, []ev{
		{agreement.EventAccepted, mgmt2, agreement.BasisOrganization},
		{agreement.EventCoverageGained, alice, agreement.BasisOrganization},
		{agreement.EventCoverageGained, mgmt2, agreement.BasisOrganization},
		{agreement.EventCoverageGained, dave, agreement.BasisOrganization},
	}, f.expandBrief(t, events))

	// Moving between two organizations that both accepted it is neither
	// gained nor lost.
	f.tick()
	_, events, err = f.reg.Move(ctx, bob, oid2)
	require.NoError(t, err)
	require.Empty(t, events)
	c, err := f.reg.Coverage(ctx, bob, andb, f.clock.Now())
	require.NoError(t, err)
	require.Equal(t, two.ID, c.Governing.ID)
	c, err = f.reg.Coverage(ctx, bob, andb, move)
	require.NoError(t, err)
	require.Equal(t, one.ID, c.Governing.ID, "history answers with the agreement of the organization it was in")

	_, _, err = f.reg.Join(ctx, alice, oid)
	require.ErrorIs(t, err, org.ErrAlreadyInOrganization)
	_, _, err = f.reg.Move(ctx, mgmt, oid2)
	require.ErrorIs(t, err, org.ErrManagementCannotLeave)
}

// A12: accepted agreements can be terminated; AWS may end them too.
func TestA12_Termination(t *testing.T) {
	f := newFixture(t)
	c := f.mustAccept(t, alice, baa, agreement.ScopeAccount)
	end := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	f.clock.Set(end)
	ended, events, err := f.terminate(t, alice, c.ID)
	require.NoError(t, err)
	require.Equal(t, agreement.CustomerTerminated, ended.State)
	require.Equal(t, end, ended.EffectiveEnd)
	require.Equal(t, c.Seq+1, ended.Seq)
	require.Empty(t, cmp.Diff([]agreement.Event{
		{Kind: agreement.EventTerminated, At: end, Account: alice, Agreement: baa, Basis: agreement.BasisAccount, CustomerAgreement: c.ID, State: agreement.CustomerTerminated},
		{Kind: agreement.EventCoverageLost, At: end, Account: alice, Agreement: baa, Basis: agreement.BasisAccount, CustomerAgreement: c.ID},
	}, events))
	require.False(t, f.hipaa(t, alice, end))
	require.True(t, f.hipaa(t, alice, end.Add(-time.Second)))
	_, _, err = f.terminate(t, alice, c.ID)
	require.ErrorIs(t, err, agreement.ErrNotActive)
	require.Contains(t, err.Error(), "the customer agreement is not active")

	f.clock.Set(end.AddDate(0, 1, 0))
	again := f.mustAccept(t, alice, baa, agreement.ScopeAccount)
	require.Equal(t, agreement.Active, again.State)
	require.Equal(t, agreement.BasisNone, f.basis(t, alice, baa, end.AddDate(0, 0, 14)))

	f.tick()
	ended, events, err = f.reg.AWSTerminate(ctx, again.ID)
	require.NoError(t, err)
	require.Equal(t, agreement.AWSTerminated, ended.State)
	require.Equal(t, agreement.AWSTerminated, events[0].State)
	require.Equal(t, []ev{
		{agreement.EventTerminated, alice, agreement.BasisAccount},
		{agreement.EventCoverageLost, alice, agreement.BasisAccount},
	}, brief(events))
	_, _, err = f.reg.AWSTerminate(ctx, again.ID)
	require.ErrorIs(t, err, agreement.ErrNotActive)
	_, _, err = f.terminate(t, alice, again.ID)
	require.ErrorIs(t, err, agreement.ErrNotActive)
	_, _, err = f.reg.AWSTerminate(ctx, "customer-agreement-0000000000000000")
	require.ErrorIs(t, err, agreement.ErrCustomerAgreementNotFound)
	_, _, err = f.reg.AWSTerminate(ctx, "x")
	require.ErrorIs(t, err, agreement.ErrInvalidInput)

	// The terminated ones stay readable.
	v, err := f.reg.GetCustomerAgreement(ctx, alice, c.ID)
	require.NoError(t, err)
	require.Equal(t, agreement.CustomerTerminated, v.CustomerAgreement.State)
}

// A13: resellers' accounts work the same way: nothing in the model tells a
// reseller's account from another, and the same chain applies.
func TestA13_ResellerAccountsWorkTheSame(t *testing.T) {
	f := newFixture(t)
	reseller, customer := org.AccountID("777777777777"), org.AccountID("888888888888")
	f.org(t, "o-reseller01", reseller, customer)
	c := f.mustAccept(t, reseller, baa, agreement.ScopeOrganization)
	require.True(t, f.hipaa(t, customer, f.clock.Now()))
	a := f.mustAccept(t, customer, andb, agreement.ScopeAccount)
	_, _, err := f.terminate(t, reseller, c.ID)
	require.NoError(t, err)
	_, _, err = f.terminate(t, customer, a.ID)
	require.NoError(t, err)
	require.False(t, f.hipaa(t, customer, f.clock.Now()))
}

// The order of Accept's checks, when several fail at once (RULES.md,
// agreements.json): nda_required, invalid_token, scope_not_offered,
// not_in_organization, not_management_account, all_features_required,
// trusted_access_required, already_active.
func TestAcceptCheckOrder(t *testing.T) {
	f := newFixture(t)
	_, err := f.dir.Create(ctx, oid, mgmt, org.ConsolidatedBilling)
	require.NoError(t, err)
	_, _, err = f.reg.Join(ctx, alice, oid)
	require.NoError(t, err)

	bad := agreement.AcceptInput{Account: alice, Agreement: acctOnly, Revision: "00000000-0000-4000-8000-000000000000", Scope: agreement.ScopeOrganization}
	_, _, err = f.reg.Accept(ctx, bad)
	require.ErrorIs(t, err, agreement.ErrNDARequired, "before invalid_token and scope_not_offered")
	v := f.view(t, alice, acctOnly)
	bad.ExecuteToken = v.ExecuteToken
	bad.AcceptanceTermsToken = v.AcceptanceTermsToken
	_, _, err = f.reg.Accept(ctx, bad)
	require.ErrorIs(t, err, agreement.ErrInvalidToken, "before scope_not_offered")
	_, _, err = f.reg.Accept(ctx, input(alice, v, agreement.ScopeOrganization))
	require.ErrorIs(t, err, agreement.ErrScopeNotOffered, "before not_management_account")
	_, _, err = f.reg.Accept(ctx, input(dave, f.view(t, dave, acctOnly), agreement.ScopeOrganization))
	require.ErrorIs(t, err, agreement.ErrScopeNotOffered, "before not_in_organization")
	_, _, err = f.reg.Accept(ctx, input(alice, f.view(t, alice, baa), agreement.ScopeOrganization))
	require.ErrorIs(t, err, agreement.ErrNotManagementAccount, "before all_features_required")
	_, _, err = f.reg.Accept(ctx, input(mgmt, f.view(t, mgmt, baa), agreement.ScopeOrganization))
	require.ErrorIs(t, err, agreement.ErrAllFeaturesRequired, "before trusted_access_required")
}

func TestAcceptInputErrors(t *testing.T) {
	f := newFixture(t)
	v := f.view(t, alice, baa)
	tests := []struct {
		name   string
		change func(*agreement.AcceptInput)
		want   error
	}{
		{"account", func(in *agreement.AcceptInput) { in.Account = "x" }, agreement.ErrInvalidInput},
		{"agreement", func(in *agreement.AcceptInput) { in.Agreement = "x" }, agreement.ErrInvalidInput},
		{"revision", func(in *agreement.AcceptInput) { in.Revision = "x" }, agreement.ErrInvalidInput},
		{"scope", func(in *agreement.AcceptInput) { in.Scope = "" }, agreement.ErrInvalidInput},
		{"unknown agreement", func(in *agreement.AcceptInput) { in.Agreement = "agreement-unknown000000001" }, agreement.ErrAgreementNotFound},
	}
	for _, tt := range tests {
		in := input(alice, v, agreement.ScopeAccount)
		tt.change(&in)
		c, events, err := f.reg.Accept(ctx, in)
		require.ErrorIs(t, err, tt.want, tt.name)
		require.Empty(t, c.ID)
		require.Nil(t, events)
	}
}

func TestCustomerAgreementsView(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice)
	c := f.mustAccept(t, alice, baa, agreement.ScopeAccount)
	v, err := f.reg.GetCustomerAgreement(ctx, alice, c.ID)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(c, v.CustomerAgreement))
	a, err := f.reg.Agreement(ctx, baa)
	require.NoError(t, err)
	require.Equal(t, agreement.Document{Agreement: baa, Revision: c.Revision, SHA256: a.Current().DocumentSHA256}, v.Document)
	require.Equal(t, f.clock.Now().Add(agreement.DefaultTokenLifetime), v.Expires)

	for name, fn := range map[string]func() error{
		"another account's": func() error { _, err := f.reg.GetCustomerAgreement(ctx, bob, c.ID); return err },
		"unknown": func() error {
			_, err := f.reg.GetCustomerAgreement(ctx, alice, "customer-agreement-0000000000000000")
			return err
		},
		"terminate unknown": func() error {
			_, _, err := f.reg.Terminate(ctx, alice, "customer-agreement-0000000000000000", "")
			return err
		},
		"terminate another's": func() error { _, _, err := f.reg.Terminate(ctx, mgmt, c.ID, v.TerminateToken); return err },
	} {
		require.ErrorIs(t, fn(), agreement.ErrCustomerAgreementNotFound, name)
	}
	for name, fn := range map[string]func() error{
		"bad account": func() error { _, err := f.reg.GetCustomerAgreement(ctx, "x", c.ID); return err },
		"bad id":      func() error { _, err := f.reg.GetCustomerAgreement(ctx, alice, "x"); return err },
		"lookup":      func() error { _, err := f.reg.Lookup(ctx, "x", baa, agreement.ScopeAccount); return err },
		"lookup id":   func() error { _, err := f.reg.Lookup(ctx, alice, "x", agreement.ScopeAccount); return err },
		"lookup scope": func() error {
			_, err := f.reg.Lookup(ctx, alice, baa, "OU")
			return err
		},
		"list": func() error { _, _, err := f.reg.ListCustomerAgreements(ctx, "x", agreement.Page{}); return err },
	} {
		require.ErrorIs(t, fn(), agreement.ErrInvalidInput, name)
	}
}

// ListCustomerAgreements lists the ACTIVE customer agreements that apply
// to the account now, own and organization's, by SortKey; a listing
// resumed after a key neither skips nor repeats when others are accepted
// meanwhile.
func TestListCustomerAgreements(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice)
	var want []agreement.CustomerAgreementID
	for _, e := range []struct {
		acct  org.AccountID
		id    agreement.ID
		scope agreement.Scope
	}{
		{alice, baa, agreement.ScopeAccount},
		{mgmt, baa, agreement.ScopeOrganization},
		{alice, andb, agreement.ScopeAccount},
		{mgmt, nzndb, agreement.ScopeOrganization},
	} {
		f.tick()
		want = append(want, f.mustAccept(t, e.acct, e.id, e.scope).ID)
	}
	f.tick()
	ended := f.mustAccept(t, alice, acctOnly, agreement.ScopeAccount)
	_, _, err := f.terminate(t, alice, ended.ID)
	require.NoError(t, err)
	f.mustAccept(t, bob, baa, agreement.ScopeAccount) // not alice's

	all, next, err := f.reg.ListCustomerAgreements(ctx, alice, agreement.Page{})
	require.NoError(t, err)
	require.Empty(t, next)
	require.Equal(t, want, caIDs(all))

	page, next, err := f.reg.ListCustomerAgreements(ctx, alice, agreement.Page{Limit: 2})
	require.NoError(t, err)
	require.Equal(t, want[:2], caIDs(page))
	require.Equal(t, page[1].SortKey(), next)
	f.tick()
	late := f.mustAccept(t, alice, acctOnly, agreement.ScopeAccount)
	page, next, err = f.reg.ListCustomerAgreements(ctx, alice, agreement.Page{After: next, Limit: 2})
	require.NoError(t, err)
	require.Equal(t, want[2:], caIDs(page))
	page, next, err = f.reg.ListCustomerAgreements(ctx, alice, agreement.Page{After: next, Limit: 2})
	require.NoError(t, err)
	require.Equal(t, []agreement.CustomerAgreementID{late.ID}, caIDs(page))
	require.Empty(t, next)

	mine, _, err := f.reg.ListCustomerAgreements(ctx, mgmt, agreement.Page{})
	require.NoError(t, err)
	require.Equal(t, []agreement.CustomerAgreementID{want[1], want[3]}, caIDs(mine))
}

func caIDs(cs []agreement.CustomerAgreement) []agreement.CustomerAgreementID {
	var out []agreement.CustomerAgreementID
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func TestErrorFormat(t *testing.T) {
	e := &agreement.Error{Op: "terminate", Account: alice, CustomerAgreement: "customer-agreement-abcdef0123456789", Err: agreement.ErrNotActive}
	require.EqualError(t, e, "agreement: terminate customer-agreement-abcdef0123456789 for account 222222222222: the customer agreement is not active")
	require.EqualError(t, &agreement.Error{Op: "x"}, "agreement: x: ")
	require.EqualError(t, &agreement.TokenError{Reason: "why"}, "invalid token: why")
}

// Terminating by account, agreement and scope what the account never
// accepted, or no longer has active, finds nothing active: ErrNotActive
// either way, as the scenario format's not_active (issue 13, item 3).
func TestActiveByAccountAgreementAndScope(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice)
	_, err := f.reg.Active(ctx, alice, baa, agreement.ScopeAccount)
	require.ErrorIs(t, err, agreement.ErrNotActive, "never accepted")
	require.NotErrorIs(t, err, agreement.ErrCustomerAgreementNotFound)
	_, err = f.reg.Active(ctx, bob, baa, agreement.ScopeOrganization)
	require.ErrorIs(t, err, agreement.ErrNotActive, "in no organization")
	c := f.mustAccept(t, alice, baa, agreement.ScopeAccount)
	got, err := f.reg.Active(ctx, alice, baa, agreement.ScopeAccount)
	require.NoError(t, err)
	require.Equal(t, c.ID, got.ID)
	_, _, err = f.terminate(t, alice, c.ID)
	require.NoError(t, err)
	_, err = f.reg.Active(ctx, alice, baa, agreement.ScopeAccount)
	require.ErrorIs(t, err, agreement.ErrNotActive, "no longer active")
	_, err = f.reg.Active(ctx, alice, "agreement-x", agreement.ScopeAccount)
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
	var e *agreement.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "active", e.Op)
}
