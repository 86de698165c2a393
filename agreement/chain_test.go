package agreement_test

import (
	"errors"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	agmem "github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/org"
	orgmem "github.com/artifactkit/artifactkit/org/memstore"
)

// N1: an agreement is read and accepted only after its NDA is accepted, and
// one agreement's NDA opens no other.
func TestN1_NDAGatesEveryAgreement(t *testing.T) {
	f := newFixture(t)
	_, err := f.reg.Get(ctx, alice, baa, "")
	require.ErrorIs(t, err, agreement.ErrNDARequired)
	require.Contains(t, err.Error(), "you must accept the NDA for this agreement first")

	n, err := f.reg.GetNda(ctx, alice, baa)
	require.NoError(t, err)
	require.Regexp(t, ndaTokenRE, n.Token)
	require.True(t, n.Document.NDA)
	_, err = f.reg.Get(ctx, alice, baa, "")
	require.ErrorIs(t, err, agreement.ErrNDARequired, "reading the NDA is not accepting it")

	get, err := f.reg.AcceptNda(ctx, alice, baa, n.Revision, n.Token)
	require.NoError(t, err)
	require.Regexp(t, ndaTokenRE, get)

	_, err = f.reg.Get(ctx, alice, andb, get)
	require.ErrorIs(t, err, agreement.ErrNDARequired, "the BAA's NDA does not open the ANDB")
	_, _, err = f.reg.Accept(ctx, agreement.AcceptInput{Account: alice, Agreement: andb, Revision: n.Revision, Scope: agreement.ScopeAccount})
	require.ErrorIs(t, err, agreement.ErrNDARequired)
	_, err = f.reg.Get(ctx, bob, baa, get)
	require.ErrorIs(t, err, agreement.ErrNDARequired, "alice's NDA does not open it for bob")

	v, err := f.reg.Get(ctx, alice, baa, get)
	require.NoError(t, err)
	require.Equal(t, n.Revision, v.Revision)
	require.False(t, v.Document.NDA)
	require.Regexp(t, agrTokenRE, v.AcceptanceTermsToken)
	require.Regexp(t, agrTokenRE, v.ExecuteToken)
	_, _, err = f.reg.Accept(ctx, input(alice, v, agreement.ScopeAccount))
	require.NoError(t, err)

	s, err := f.reg.NDAStatus(ctx, alice, baa)
	require.NoError(t, err)
	require.True(t, s.Accepted)
	require.Equal(t, t0, s.AcceptedAt)
	require.Contains(t, s.Governing(), "Artifact NDA")
	s, err = f.reg.NDAStatus(ctx, alice, andb)
	require.NoError(t, err)
	require.False(t, s.Accepted)
	require.Empty(t, s.Governing())
}

// N1 (a decision where AWS is silent): an NDA is accepted per revision; a
// new revision needs its NDA accepted again, and acceptances of the old one
// stay.
func TestN1_NDAIsPerRevision(t *testing.T) {
	f := newFixture(t)
	get := f.nda(t, alice, baa)
	first := f.nda(t, alice, baa) // accepting again keeps the first acceptance
	require.NotEqual(t, get, first)
	f.tick()
	_, err := f.reg.PublishRevision(ctx, baa, agreement.RevisionSpec{Document: []byte("v2")})
	require.NoError(t, err)
	_, err = f.reg.Get(ctx, alice, baa, get)
	require.ErrorIs(t, err, agreement.ErrNDARequired)
	s, err := f.reg.NDAStatus(ctx, alice, baa)
	require.NoError(t, err)
	require.False(t, s.Accepted)
	v := f.view(t, alice, baa)
	s, err = f.reg.NDAStatus(ctx, alice, baa)
	require.NoError(t, err)
	require.True(t, s.Accepted)
	require.Equal(t, v.Revision, s.Revision)
}

// N3: an NDA signed with Amazon outside Artifact does not open Artifact;
// where it covers an agreement's information, it is the one that governs.
func TestN3_OutsideNDADoesNotOpenArtifact(t *testing.T) {
	f := newFixture(t)
	signed := t0.Add(-365 * 24 * time.Hour)
	require.NoError(t, f.reg.RecordOutsideNDA(ctx, agreement.OutsideNDA{
		Account: alice, Reference: "MNDA-2025-17", Signed: signed, Covers: []agreement.ID{baa},
	}))
	_, err := f.reg.Get(ctx, alice, baa, "")
	require.ErrorIs(t, err, agreement.ErrNDARequired, "the outside NDA does not open Artifact")
	_, _, err = f.reg.Accept(ctx, agreement.AcceptInput{Account: alice, Agreement: baa, Revision: "00000000-0000-4000-8000-000000000000", Scope: agreement.ScopeAccount})
	require.ErrorIs(t, err, agreement.ErrNDARequired)

	s, err := f.reg.NDAStatus(ctx, alice, baa)
	require.NoError(t, err)
	require.False(t, s.Accepted)
	require.Len(t, s.Outside, 1)
	require.Equal(t, `outside NDA "MNDA-2025-17" signed 2025-01-01T00:00:00Z`, s.Governing())

	f.mustAccept(t, alice, baa, agreement.ScopeAccount)
	s, err = f.reg.NDAStatus(ctx, alice, baa)
	require.NoError(t, err)
	require.True(t, s.Accepted)
	require.Contains(t, s.Governing(), "MNDA-2025-17", "the outside NDA governs the information it covers")

	s, err = f.reg.NDAStatus(ctx, alice, andb)
	require.NoError(t, err)
	require.Empty(t, s.Outside, "it covers only what it says")

	require.NoError(t, f.reg.RecordOutsideNDA(ctx, agreement.OutsideNDA{Account: bob, Reference: "undated"}))
	for _, bad := range []agreement.OutsideNDA{
		{Account: "1", Reference: "x"},
		{Account: bob, Reference: ""},
		{Account: bob, Reference: "x", Covers: []agreement.ID{"y"}},
	} {
		require.ErrorIs(t, f.reg.RecordOutsideNDA(ctx, bad), agreement.ErrInvalidInput)
	}
	_, err = f.reg.NDAStatus(ctx, "1", baa)
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
	_, err = f.reg.NDAStatus(ctx, alice, "x")
	require.ErrorIs(t, err, agreement.ErrInvalidInput)
	_, err = f.reg.NDAStatus(ctx, alice, "agreement-unknown000000001")
	require.ErrorIs(t, err, agreement.ErrAgreementNotFound)
}

// T1: each token proves the step before it and is bound to its account,
// agreement and revision (or customer agreement) and lifetime; any other is
// refused as invalidToken.
func TestT1_TokensAreBound(t *testing.T) {
	f := newFixture(t)
	f.org(t, oid, mgmt, alice)
	n, err := f.reg.GetNda(ctx, alice, baa)
	require.NoError(t, err)
	bobNDA, err := f.reg.GetNda(ctx, bob, baa)
	require.NoError(t, err)
	andbNDA, err := f.reg.GetNda(ctx, alice, andb)
	require.NoError(t, err)

	ndaCases := []struct {
		name  string
		token string
		rev   agreement.RevisionID
		why   string
	}{
		{"none", "", n.Revision, "no NDA token given"},
		{"malformed", "nda-token-short", n.Revision, "malformed NDA token"},
		{"unknown", "nda-token-000000000000000000000000", n.Revision, "unknown NDA token"},
		{"another account's", bobNDA.Token, n.Revision, "issued to another account"},
		{"another agreement's", andbNDA.Token, n.Revision, "issued for another agreement"},
		{"for another revision", n.Token, "00000000-0000-4000-8000-000000000000", "issued for revision"},
	}
	for _, tt := range ndaCases {
		_, err := f.reg.AcceptNda(ctx, alice, baa, tt.rev, tt.token)
		require.ErrorIs(t, err, agreement.ErrInvalidToken, tt.name)
		var te *agreement.TokenError
		require.ErrorAs(t, err, &te, tt.name)
		require.Contains(t, te.Reason, tt.why, tt.name)
	}
	s, err := f.reg.NDAStatus(ctx, alice, baa)
	require.NoError(t, err)
	require.False(t, s.Accepted, "refused tokens accept nothing")

	get, err := f.reg.AcceptNda(ctx, alice, baa, n.Revision, n.Token)
	require.NoError(t, err)
	_, err = f.reg.Get(ctx, alice, baa, n.Token)
	require.ErrorIs(t, err, agreement.ErrInvalidToken, "an NDA token is not a get-agreement token")
	v, err := f.reg.Get(ctx, alice, baa, get)
	require.NoError(t, err)
	bobView := f.view(t, bob, baa)

	acceptCases := []struct {
		name   string
		change func(*agreement.AcceptInput)
		why    string
	}{
		{"execute token as terms token", func(in *agreement.AcceptInput) { in.AcceptanceTermsToken = in.ExecuteToken }, "an execute token was given where an acceptance-terms token is needed"},
		{"no execute token", func(in *agreement.AcceptInput) { in.ExecuteToken = "" }, "no execute token"},
		{"another account's", func(in *agreement.AcceptInput) { in.ExecuteToken = bobView.ExecuteToken }, "another account"},
		{"another revision", func(in *agreement.AcceptInput) { in.Revision = "00000000-0000-4000-8000-000000000000" }, "not 00000000"},
	}
	for _, tt := range acceptCases {
		in := input(alice, v, agreement.ScopeAccount)
		tt.change(&in)
		_, _, err := f.reg.Accept(ctx, in)
		require.ErrorIs(t, err, agreement.ErrInvalidToken, tt.name)
		require.Contains(t, err.Error(), tt.why, tt.name)
	}

	// Tokens expire after the lifetime (default one hour).
	require.Equal(t, time.Hour, agreement.DefaultTokenLifetime)
	require.Equal(t, t0.Add(time.Hour), v.Expires)
	f.clock.Set(t0.Add(time.Hour))
	_, _, err = f.reg.Accept(ctx, input(alice, v, agreement.ScopeAccount))
	require.ErrorIs(t, err, agreement.ErrInvalidToken)
	require.Contains(t, err.Error(), "expired at 2026-01-01T01:00:00Z")
	_, err = f.reg.Get(ctx, alice, baa, get)
	require.ErrorIs(t, err, agreement.ErrInvalidToken)
	f.clock.Set(t0.Add(time.Hour - time.Second))
	c, _, err := f.reg.Accept(ctx, input(alice, v, agreement.ScopeAccount))
	require.NoError(t, err, "valid until its last instant")

	// Tokens stay valid within their lifetime (a decision: AWS is
	// silent); presenting them again meets the next rule.
	_, _, err = f.reg.Accept(ctx, input(alice, v, agreement.ScopeAccount))
	require.ErrorIs(t, err, agreement.ErrAlreadyActive)

	// The terminate token is bound to its customer agreement and account.
	mv := f.mustAccept(t, mgmt, baa, agreement.ScopeOrganization)
	mview, err := f.reg.GetCustomerAgreement(ctx, mgmt, mv.ID)
	require.NoError(t, err)
	aview, err := f.reg.GetCustomerAgreement(ctx, alice, c.ID)
	require.NoError(t, err)
	require.Regexp(t, agrTokenRE, aview.TerminateToken)
	memberView, err := f.reg.GetCustomerAgreement(ctx, alice, mv.ID)
	require.NoError(t, err)
	_, _, err = f.reg.Terminate(ctx, alice, c.ID, mview.TerminateToken)
	require.ErrorIs(t, err, agreement.ErrInvalidToken, "another account's terminate token")
	_, _, err = f.reg.Terminate(ctx, alice, c.ID, memberView.TerminateToken)
	require.ErrorIs(t, err, agreement.ErrInvalidToken, "a terminate token of another customer agreement")
	require.Contains(t, err.Error(), "issued for customer agreement "+string(mv.ID))
	_, _, err = f.reg.Terminate(ctx, alice, c.ID, v.ExecuteToken)
	require.ErrorIs(t, err, agreement.ErrInvalidToken)
	_, _, err = f.reg.Terminate(ctx, alice, c.ID, aview.TerminateToken)
	require.NoError(t, err)
}

// T1: a revision published between reading and accepting makes the tokens
// invalid; a new revision of another agreement does not. A new revision
// does not end earlier acceptances.
func TestT1_RevisionsAndTokens(t *testing.T) {
	f := newFixture(t)
	old := f.mustAccept(t, bob, nzndb, agreement.ScopeAccount)
	v := f.view(t, alice, nzndb)
	other := f.view(t, alice, baa)
	f.tick()
	_, err := f.reg.PublishRevision(ctx, nzndb, agreement.RevisionSpec{Document: []byte("v2")})
	require.NoError(t, err)
	_, err = f.reg.PublishRevision(ctx, andb, agreement.RevisionSpec{Document: []byte("v2")})
	require.NoError(t, err)

	f.nda(t, alice, nzndb) // the new revision's NDA
	_, _, err = f.reg.Accept(ctx, input(alice, v, agreement.ScopeAccount))
	require.ErrorIs(t, err, agreement.ErrInvalidToken)
	require.Contains(t, err.Error(), "is no longer current")
	_, _, err = f.reg.Accept(ctx, input(alice, other, agreement.ScopeAccount))
	require.NoError(t, err, "another agreement's revision leaves the tokens valid")

	c, err := f.reg.Lookup(ctx, bob, nzndb, agreement.ScopeAccount)
	require.NoError(t, err)
	require.Equal(t, agreement.Active, c.State, "a new revision does not erase an acceptance")
	require.Equal(t, old.Revision, c.Revision)
	c = f.mustAccept(t, alice, nzndb, agreement.ScopeAccount)
	require.NotEqual(t, old.Revision, c.Revision)
}

// Deterministic randomness gives reproducible ids and tokens; a failing
// source fails the operation and changes nothing.
func TestRandomness(t *testing.T) {
	ids := func() []string {
		f := newFixture(t)
		n, err := f.reg.GetNda(ctx, alice, baa)
		require.NoError(t, err)
		c := f.mustAccept(t, alice, baa, agreement.ScopeAccount)
		return []string{n.Token, string(c.ID)}
	}
	require.Equal(t, ids(), ids())

	c := &clock{now: t0}
	dir := org.NewDirectory(orgmem.New(), org.WithClock(c.Now))
	reg := agreement.New(agmem.New(), dir, agreement.WithRand(failing{}))
	_, err := reg.Define(ctx, agreement.Spec{Name: "x", Kind: agreement.KindCustom, Type: agreement.TypeCustom, Subjects: []agreement.Scope{agreement.ScopeAccount}})
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	_, err = reg.Define(ctx, agreement.Spec{ID: baa, Name: "x", Kind: agreement.KindCustom, Type: agreement.TypeCustom, Subjects: []agreement.Scope{agreement.ScopeAccount}})
	require.ErrorIs(t, err, io.ErrUnexpectedEOF, "the revision id needs randomness too")
	_, err = reg.Define(ctx, agreement.Spec{ID: baa, Name: "x", Kind: agreement.KindCustom, Type: agreement.TypeCustom, Subjects: []agreement.Scope{agreement.ScopeAccount}, Revision: agreement.RevisionSpec{ID: "00000000-0000-4000-8000-000000000000"}})
	require.NoError(t, err)
	_, err = reg.GetNda(ctx, alice, baa)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	list, _, err := reg.List(ctx, agreement.Page{})
	require.NoError(t, err)
	require.Len(t, list, 1)
}

type failing struct{}

func (failing) Read(p []byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestDefaultsAndOptions(t *testing.T) {
	c := &clock{now: t0}
	dir := org.NewDirectory(orgmem.New(), org.WithClock(c.Now), org.WithPartition("aws-us-gov"))
	reg := agreement.New(agmem.New(), dir, agreement.WithTokenLifetime(5*time.Minute),
		agreement.WithClock(nil), agreement.WithRand(nil), agreement.WithTokenLifetime(0), agreement.WithPartition(""))
	require.Same(t, dir, reg.Directory())
	require.Equal(t, t0, reg.Now(), "the Directory's clock by default")
	a, err := reg.Define(ctx, catalog[0].spec)
	require.NoError(t, err)
	require.Equal(t, "arn:aws-us-gov:artifact:::agreement/agreement-baa0000000000001", a.ARN, "the Directory's partition by default")
	n, err := reg.GetNda(ctx, alice, baa)
	require.NoError(t, err)
	require.Equal(t, t0.Add(5*time.Minute), n.Expires)

	reg = agreement.New(agmem.New(), dir, agreement.WithPartition("aws-cn"), agreement.WithClock(func() time.Time { return t0.Add(time.Hour) }))
	a, err = reg.Define(ctx, catalog[0].spec)
	require.NoError(t, err)
	require.Equal(t, "arn:aws-cn:artifact:::agreement/agreement-baa0000000000001", a.ARN)
	require.Equal(t, t0.Add(time.Hour), a.Created)

	require.Panics(t, func() { agreement.New(nil, dir) })
	require.Panics(t, func() { agreement.New(agmem.New(), nil) })
}

func TestPurgeExpiredTokens(t *testing.T) {
	f := newFixture(t)
	f.view(t, alice, baa) // NDA, get-agreement, acceptance-terms and execute tokens
	n, err := f.reg.PurgeExpiredTokens(ctx)
	require.NoError(t, err)
	require.Zero(t, n)
	f.clock.Set(t0.Add(time.Hour))
	n, err = f.reg.PurgeExpiredTokens(ctx)
	require.NoError(t, err)
	require.Equal(t, 4, n)
}

func TestChainInputErrors(t *testing.T) {
	f := newFixture(t)
	rev := agreement.RevisionID("00000000-0000-4000-8000-000000000000")
	unknown := agreement.ID("agreement-unknown000000001")
	tests := []struct {
		name string
		fn   func() error
		want error
	}{
		{"GetNda account", func() error { _, err := f.reg.GetNda(ctx, "1", baa); return err }, agreement.ErrInvalidInput},
		{"GetNda id", func() error { _, err := f.reg.GetNda(ctx, alice, "x"); return err }, agreement.ErrInvalidInput},
		{"GetNda unknown", func() error { _, err := f.reg.GetNda(ctx, alice, unknown); return err }, agreement.ErrAgreementNotFound},
		{"AcceptNda account", func() error { _, err := f.reg.AcceptNda(ctx, "1", baa, rev, ""); return err }, agreement.ErrInvalidInput},
		{"AcceptNda id", func() error { _, err := f.reg.AcceptNda(ctx, alice, "x", rev, ""); return err }, agreement.ErrInvalidInput},
		{"AcceptNda revision", func() error { _, err := f.reg.AcceptNda(ctx, alice, baa, "r", ""); return err }, agreement.ErrInvalidInput},
		{"AcceptNda unknown", func() error { _, err := f.reg.AcceptNda(ctx, alice, unknown, rev, ""); return err }, agreement.ErrAgreementNotFound},
		{"Get account", func() error { _, err := f.reg.Get(ctx, "1", baa, ""); return err }, agreement.ErrInvalidInput},
		{"Get id", func() error { _, err := f.reg.Get(ctx, alice, "x", ""); return err }, agreement.ErrInvalidInput},
		{"Get unknown", func() error { _, err := f.reg.Get(ctx, alice, unknown, ""); return err }, agreement.ErrAgreementNotFound},
	}
	for _, tt := range tests {
		err := tt.fn()
		require.ErrorIs(t, err, tt.want, tt.name)
		var e *agreement.Error
		require.True(t, errors.As(err, &e), tt.name)
	}
}

// Expired tokens are purged: by issuing, at most once a token lifetime,
// and on demand (issue 13, item 13).
func TestExpiredTokensArePurged(t *testing.T) {
	f := newFixture(t, agreement.WithTokenLifetime(time.Hour))
	first, err := f.reg.GetNda(ctx, alice, baa)
	require.NoError(t, err)
	f.clock.Set(t0.Add(2 * time.Hour))
	_, err = f.store.Token(ctx, first.Token)
	require.NoError(t, err, "expired, and not purged yet")
	_, err = f.reg.GetNda(ctx, alice, baa)
	require.NoError(t, err)
	_, err = f.store.Token(ctx, first.Token)
	require.ErrorIs(t, err, agreement.ErrNotFound, "a token lifetime after the last purge, issuing purges")
	f.clock.Set(t0.Add(4 * time.Hour))
	n, err := f.reg.PurgeExpiredTokens(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
}
