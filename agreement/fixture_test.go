package agreement_test

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	agmem "github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/org"
	orgmem "github.com/artifactkit/artifactkit/org/memstore"
)

var (
	ctx   = context.Background()
	t0    = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	mgmt  = org.AccountID("111111111111")
	alice = org.AccountID("222222222222")
	bob   = org.AccountID("333333333333")
	carol = org.AccountID("444444444444")
	mgmt2 = org.AccountID("555555555555")
	dave  = org.AccountID("666666666666")
	oid   = org.ID("o-exampleorg")
	oid2  = org.ID("o-secondorg1")

	baa      = agreement.ID("agreement-baa0000000000001")
	andb     = agreement.ID("agreement-andb000000000001")
	nzndb    = agreement.ID("agreement-nzndb00000000001")
	acctOnly = agreement.ID("agreement-acctonly00000001")
)

// The catalog of the scenario corpus, which the unit tests share.
var catalog = []struct {
	name     string
	spec     agreement.Spec
	subjects []agreement.Scope
}{
	{name: "BAA", spec: agreement.Spec{ID: "agreement-baa0000000000001", Name: "AWS Business Associate Addendum", Kind: agreement.KindBAA, Type: agreement.TypeDefault, Subjects: bothScopes}},
	{name: "ANDB", spec: agreement.Spec{ID: "agreement-andb000000000001", Name: "AWS Australian Notifiable Data Breach Addendum", Kind: agreement.KindAddendum, Type: agreement.TypeDefault, Subjects: bothScopes}},
	{name: "NZNDB", spec: agreement.Spec{ID: "agreement-nzndb00000000001", Name: "AWS New Zealand Notifiable Data Breach Addendum", Kind: agreement.KindAddendum, Type: agreement.TypeDefault, Subjects: bothScopes}},
	{name: "ACCOUNT-ONLY", spec: agreement.Spec{ID: "agreement-acctonly00000001", Name: "A custom agreement", Kind: agreement.KindCustom, Type: agreement.TypeCustom, Subjects: []agreement.Scope{agreement.ScopeAccount}}},
}

var bothScopes = []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization}

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func (c *clock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

// fixture is a Registry over in-memory stores with the scenario catalog, a
// test clock at t0 and deterministic randomness.
type fixture struct {
	clock *clock
	dir   *org.Directory
	reg   *agreement.Registry
	store *agmem.Store
}

func newFixture(t testing.TB, opts ...agreement.Option) *fixture {
	t.Helper()
	c := &clock{now: t0.Add(-24 * time.Hour)}
	dir := org.NewDirectory(orgmem.New(), org.WithClock(c.Now))
	store := agmem.New()
	opts = append([]agreement.Option{agreement.WithRand(rand.NewChaCha8([32]byte{1}))}, opts...)
	reg := agreement.New(store, dir, opts...)
	for _, e := range catalog {
		_, err := reg.Define(ctx, e.spec)
		require.NoError(t, err)
	}
	c.Set(t0)
	return &fixture{clock: c, dir: dir, reg: reg, store: store}
}

// tick advances the clock by a second and returns the new time.
func (f *fixture) tick() time.Time { return f.clock.Advance(time.Second) }

// org creates organization id managed by m with all features and Artifact's
// trusted access, and joins members.
func (f *fixture) org(t testing.TB, id org.ID, m org.AccountID, members ...org.AccountID) {
	t.Helper()
	_, err := f.dir.Create(ctx, id, m, org.AllFeatures)
	require.NoError(t, err)
	_, err = f.dir.EnableTrustedAccess(ctx, id, org.ArtifactServicePrincipal)
	require.NoError(t, err)
	for _, a := range members {
		_, _, err := f.reg.Join(ctx, a, id)
		require.NoError(t, err)
	}
}

// nda accepts the NDA of agreement id's current revision for account and
// returns the get-agreement token.
func (f *fixture) nda(t testing.TB, account org.AccountID, id agreement.ID) string {
	t.Helper()
	n, err := f.reg.GetNda(ctx, account, id)
	require.NoError(t, err)
	tok, err := f.reg.AcceptNda(ctx, account, id, n.Revision, n.Token)
	require.NoError(t, err)
	return tok
}

// view accepts the NDA and reads the agreement.
func (f *fixture) view(t testing.TB, account org.AccountID, id agreement.ID) agreement.View {
	t.Helper()
	v, err := f.reg.Get(ctx, account, id, f.nda(t, account, id))
	require.NoError(t, err)
	return v
}

func input(account org.AccountID, v agreement.View, scope agreement.Scope) agreement.AcceptInput {
	return agreement.AcceptInput{
		Account: account, Agreement: v.Agreement.ID, Revision: v.Revision,
		AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteToken: v.ExecuteToken, Scope: scope,
	}
}

// accept runs the whole chain and accepts.
func (f *fixture) accept(t testing.TB, account org.AccountID, id agreement.ID, scope agreement.Scope) (agreement.CustomerAgreement, []agreement.Event, error) {
	t.Helper()
	return f.reg.Accept(ctx, input(account, f.view(t, account, id), scope))
}

func (f *fixture) mustAccept(t testing.TB, account org.AccountID, id agreement.ID, scope agreement.Scope) agreement.CustomerAgreement {
	t.Helper()
	c, _, err := f.accept(t, account, id, scope)
	require.NoError(t, err)
	return c
}

// terminate reads the customer agreement as account and terminates it.
func (f *fixture) terminate(t testing.TB, account org.AccountID, id agreement.CustomerAgreementID) (agreement.CustomerAgreement, []agreement.Event, error) {
	t.Helper()
	v, err := f.reg.GetCustomerAgreement(ctx, account, id)
	if err != nil {
		return agreement.CustomerAgreement{}, nil, err
	}
	return f.reg.Terminate(ctx, account, id, v.TerminateToken)
}

func (f *fixture) basis(t testing.TB, account org.AccountID, id agreement.ID, at time.Time) agreement.Basis {
	t.Helper()
	c, err := f.reg.Coverage(ctx, account, id, at)
	require.NoError(t, err)
	return c.Basis
}

func (f *fixture) hipaa(t testing.TB, account org.AccountID, at time.Time) bool {
	t.Helper()
	s, err := f.reg.IsHIPAA(ctx, account, at)
	require.NoError(t, err)
	return s.HIPAA
}

// ev is an event reduced to what most tests compare.
type ev struct {
	Kind    agreement.EventKind
	Account org.AccountID
	Basis   agreement.Basis
}

// expandBrief expands events (Registry.Expand) and briefs them.
func (f *fixture) expandBrief(t testing.TB, events []agreement.Event) []ev {
	t.Helper()
	var all []agreement.Event
	for _, e := range events {
		for x, err := range f.reg.Expand(ctx, e, "") {
			require.NoError(t, err)
			all = append(all, x)
		}
	}
	return brief(all)
}

func brief(events []agreement.Event) []ev {
	out := []ev{}
	for _, e := range events {
		out = append(out, ev{e.Kind, e.Account, e.Basis})
	}
	return out
}
