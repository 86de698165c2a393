package report_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/report"
	"github.com/artifactkit/artifactkit/report/memstore"
)

// N2: a report is downloadable only with a term token for that report
// version. Presenting it for EXPLICIT terms is the account's acceptance,
// recorded once per token with who, when and which version.
func TestN2_TermTokenGatesExplicitTerms(t *testing.T) {
	cat, clk := newCatalog(t)
	r := put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))

	_, err := cat.Download(ctx, acct, r.ID, 1, "")
	require.ErrorIs(t, err, report.ErrTermsNotAccepted)

	tok, err := cat.TermToken(ctx, acct, r.ID, 1)
	require.NoError(t, err)
	require.NoError(t, report.ValidateTermToken(tok.Value), "AWS's shape: term-token- and alphanumerics")
	require.Equal(t, report.TermToken{Value: tok.Value, Account: acct, ReportID: r.ID, Version: 1, TermARN: r.TermARN,
		IssuedAt: t0, ExpiresAt: t0.Add(report.DefaultTermLifetime)}, tok)

	clk.Advance(time.Minute)
	got, err := cat.Download(ctx, acct, r.ID, 1, tok.Value)
	require.NoError(t, err)
	require.Equal(t, r.Document, got.Document)
	clk.Advance(time.Minute)
	_, err = cat.Download(ctx, acct, r.ID, 1, tok.Value)
	require.NoError(t, err, "G2: no limit on downloads while the token lives")

	acc, err := cat.Acceptances(ctx, acct)
	require.NoError(t, err)
	diff(t, []report.Acceptance{{Account: acct, ReportID: r.ID, Version: 1, TermARN: r.TermARN, Token: tok.Value,
		At: t0.Add(time.Minute)}}, acc)
	none, err := cat.Acceptances(ctx, other)
	require.NoError(t, err)
	require.Empty(t, none)
}

// N2: PASSTHROUGH terms need no click-through and record nothing; a token
// presented anyway must still be valid.
func TestN2_PassthroughNeedsNoAcceptance(t *testing.T) {
	cat, _ := newCatalog(t)
	in := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	in.Family, in.AcceptanceType = "SOC 3", report.Passthrough
	r := put(t, cat, in)
	_, err := cat.Download(ctx, acct, r.ID, 1, "")
	require.NoError(t, err)
	tok, err := cat.TermToken(ctx, acct, r.ID, 0)
	require.NoError(t, err)
	require.EqualValues(t, 1, tok.Version, "version 0 is the latest")
	_, err = cat.Download(ctx, acct, r.ID, 0, tok.Value)
	require.NoError(t, err)
	acc, err := cat.Acceptances(ctx, acct)
	require.NoError(t, err)
	require.Empty(t, acc)
	_, err = cat.Download(ctx, acct, r.ID, 1, "term-token-000000000000000000000000")
	require.ErrorIs(t, err, report.ErrInvalidToken)
}

// N2, T1: a token is bound to its account and report version, and refused
// past its lifetime, as a validation error with reason invalidToken.
func TestN2_TokensAreBound(t *testing.T) {
	cat, clk := newCatalog(t, report.WithTermLifetime(10*time.Minute))
	r := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	r.ID = "report-abcdef0123456789"
	put(t, cat, r)
	put(t, cat, r) // version 2
	tok, err := cat.TermToken(ctx, acct, r.ID, 1)
	require.NoError(t, err)

	for _, tc := range []struct {
		name    string
		account aws.AccountID
		version int64
		token   string
		advance time.Duration
		reason  report.TokenReason
	}{
		{"unknown", acct, 1, "term-token-abcdefghijklm01234567890", 0, report.TokenUnknown},
		{"malformed", acct, 1, "nda-token-1", 0, report.TokenUnknown},
		{"malformed, of a token's length", acct, 1, "term-token-abcdefghijklm012345678!?", 0, report.TokenUnknown},
		{"another account", other, 1, tok.Value, 0, report.TokenOtherAccount},
		{"another version", acct, 2, tok.Value, 0, report.TokenOtherVersion},
		{"latest is another version", acct, 0, tok.Value, 0, report.TokenOtherVersion},
		{"expired at the instant", acct, 1, tok.Value, 10 * time.Minute, report.TokenExpired},
	} {
		clk.Advance(tc.advance)
		_, err := cat.Download(ctx, tc.account, r.ID, tc.version, tc.token)
		var te *report.TokenError
		require.ErrorAs(t, err, &te, tc.name)
		require.Equal(t, tc.reason, te.Reason, tc.name)
		require.ErrorIs(t, err, report.ErrInvalidToken, tc.name)
		require.Contains(t, err.Error(), string(tc.reason))
	}
	acc, err := cat.Acceptances(ctx, acct)
	require.NoError(t, err)
	require.Empty(t, acc, "a refused download records nothing")
	clk.Set(t0.Add(10*time.Minute - time.Nanosecond))
	_, err = cat.Download(ctx, acct, r.ID, 1, tok.Value)
	require.NoError(t, err, "valid until just before ExpiresAt")
}

// R2: a report needing approval is downloadable only by the account whose
// access request was approved; requests are approved or rejected.
func TestR2_ApprovalGate(t *testing.T) {
	cat, clk := newCatalog(t)
	in := soc2(report.D(2024, 12, 1), report.D(2025, 11, 30))
	in.Family, in.Series, in.TrustCategories, in.NeedsApproval = "PCI DSS", "PCI", nil, true
	r := put(t, cat, in)
	tok, err := cat.TermToken(ctx, acct, r.ID, 1)
	require.NoError(t, err, "the terms can be read before approval")

	download := func(account aws.AccountID, token string) error {
		_, err := cat.Download(ctx, account, r.ID, 1, token)
		return err
	}
	require.ErrorIs(t, download(acct, tok.Value), report.ErrApprovalRequired)

	a, err := cat.Access(ctx, acct, r.ID)
	require.NoError(t, err)
	require.Equal(t, report.Access{Account: acct, ReportID: r.ID, State: report.AccessNone}, a)

	_, err = cat.Approve(ctx, acct, r.ID)
	require.ErrorIs(t, err, report.ErrAccessState, "nothing to approve")

	clk.Advance(time.Minute)
	a, err = cat.RequestAccess(ctx, acct, r.ID)
	require.NoError(t, err)
	require.Equal(t, report.Access{Account: acct, ReportID: r.ID, State: report.AccessPending,
		RequestedAt: t0.Add(time.Minute), SequenceNumber: 1}, a)
	again, err := cat.RequestAccess(ctx, acct, r.ID)
	require.NoError(t, err)
	require.Equal(t, a, again, "asking twice changes nothing")
	require.ErrorIs(t, download(acct, tok.Value), report.ErrApprovalRequired, "pending is not approved")

	clk.Advance(time.Minute)
	rej, err := cat.Reject(ctx, acct, r.ID)
	require.NoError(t, err)
	require.Equal(t, report.AccessRejected, rej.State)
	require.Equal(t, t0.Add(2*time.Minute), rej.DecidedAt)
	require.ErrorIs(t, download(acct, tok.Value), report.ErrApprovalRequired)
	_, err = cat.Reject(ctx, acct, r.ID)
	require.ErrorIs(t, err, report.ErrAccessState)

	_, err = cat.RequestAccess(ctx, acct, r.ID)
	require.NoError(t, err)
	ok, err := cat.Approve(ctx, acct, r.ID)
	require.NoError(t, err)
	require.Equal(t, report.AccessApproved, ok.State)
	require.EqualValues(t, 4, ok.SequenceNumber)
	require.NoError(t, download(acct, tok.Value))

	// Approval is per account.
	otherTok, err := cat.TermToken(ctx, other, r.ID, 1)
	require.NoError(t, err)
	require.ErrorIs(t, download(other, otherTok.Value), report.ErrApprovalRequired)

	rev, err := cat.Revoke(ctx, acct, r.ID)
	require.NoError(t, err)
	require.Equal(t, report.AccessRevoked, rev.State)
	require.ErrorIs(t, download(acct, tok.Value), report.ErrApprovalRequired)
	_, err = cat.Revoke(ctx, acct, r.ID)
	require.ErrorIs(t, err, report.ErrAccessState)

	_, err = cat.RequestAccess(ctx, acct, "report-0000000000000000")
	require.ErrorIs(t, err, report.ErrNotFound)
	_, err = cat.RequestAccess(ctx, "12", r.ID)
	require.Equal(t, []string{"account"}, fields(t, err))
	_, err = cat.Access(ctx, acct, "x")
	require.Equal(t, []string{"reportId"}, fields(t, err))
}

// N2, R2: the gates answer in RULES.md's order (reports.json): not found, not
// published, approval, terms, token.
func TestN2_R2_GateOrder(t *testing.T) {
	cat, clk := newCatalog(t)
	in := soc2(report.D(2025, 4, 1), report.D(2026, 3, 31))
	in.NeedsApproval, in.PublishedAt = true, t0.Add(time.Hour)
	r := put(t, cat, in)

	_, err := cat.Download(ctx, acct, "report-0000000000000000", 1, "")
	require.ErrorIs(t, err, report.ErrNotFound)
	_, err = cat.Download(ctx, acct, r.ID, 2, "")
	require.ErrorIs(t, err, report.ErrNotFound)
	_, err = cat.Download(ctx, acct, r.ID, 1, "term-token-abcdefghijklm01234567890")
	require.ErrorIs(t, err, report.ErrNotPublished, "publication beats approval and tokens")
	require.Contains(t, err.Error(), "is not published yet")
	require.NotContains(t, err.Error(), t0.Add(time.Hour).Format(time.RFC3339), "the embargo is not disclosed")
	_, err = cat.Download(ctx, acct, r.ID, 0, "")
	require.ErrorIs(t, err, report.ErrNotPublished, "no latest yet")
	_, err = cat.TermToken(ctx, acct, r.ID, 1)
	require.ErrorIs(t, err, report.ErrNotPublished, "no terms for an unreadable version")

	clk.Set(t0.Add(time.Hour))
	_, err = cat.Download(ctx, acct, r.ID, 1, "garbage")
	require.ErrorIs(t, err, report.ErrApprovalRequired, "approval beats the token")
	_, err = cat.RequestAccess(ctx, acct, r.ID)
	require.NoError(t, err)
	_, err = cat.Approve(ctx, acct, r.ID)
	require.NoError(t, err)
	_, err = cat.Download(ctx, acct, r.ID, 1, "")
	require.ErrorIs(t, err, report.ErrTermsNotAccepted)
	_, err = cat.Download(ctx, acct, r.ID, 1, "garbage")
	require.ErrorIs(t, err, report.ErrInvalidToken)

	for _, tc := range []struct {
		change func() (report.Report, error)
		why    string
	}{
		{func() (report.Report, error) { return cat.Unpublish(ctx, r.ID, 1) }, "is UNPUBLISHED"},
		{func() (report.Report, error) { return cat.Delete(ctx, r.ID, 1) }, "is deleted"},
	} {
		_, err := tc.change()
		require.NoError(t, err)
		_, err = cat.Download(ctx, acct, r.ID, 1, "")
		require.ErrorIs(t, err, report.ErrNotPublished)
		require.Contains(t, err.Error(), tc.why)
	}

	f := soc2(report.D(2025, 4, 1), report.D(2026, 3, 31))
	f.UploadState, f.Document = report.UploadFault, report.Document{}
	fr := put(t, cat, f)
	_, err = cat.Download(ctx, acct, fr.ID, 1, "")
	require.ErrorIs(t, err, report.ErrNotPublished)
	require.Contains(t, err.Error(), "upload in state FAULT")

	_, err = cat.Download(ctx, "not-an-account", r.ID, 1, "")
	require.Equal(t, []string{"account"}, fields(t, err))
	_, err = cat.Download(ctx, acct, r.ID, -1, "")
	require.Equal(t, []string{"reportVersion"}, fields(t, err))
	_, err = cat.TermToken(ctx, "abc", r.ID, 1)
	require.Equal(t, []string{"account"}, fields(t, err))
	_, err = cat.TermToken(ctx, acct, "x", 1)
	require.Equal(t, []string{"reportId"}, fields(t, err))
	_, err = cat.Acceptances(ctx, "")
	require.Equal(t, []string{"account"}, fields(t, err))
}

// R6: every version carries a SHA-256; tampering is detectable.
func TestR6_VerifyDetectsTampering(t *testing.T) {
	cat, _ := newCatalog(t)
	doc, rd := docFor("AWS SOC 2 report, Oct 2024 - Sep 2025")
	in := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	in.Document = doc
	r := put(t, cat, in)
	require.NoError(t, cat.Verify(ctx, r.ID, 1, rd))

	err := cat.Verify(ctx, r.ID, 1, strings.NewReader("AWS SOC 2 report, Oct 2024 - Sep 2O25"))
	var ie *report.IntegrityError
	require.ErrorAs(t, err, &ie)
	require.ErrorIs(t, err, report.ErrIntegrity)
	require.Equal(t, doc.SHA256, ie.Want)
	require.Equal(t, digestOf("AWS SOC 2 report, Oct 2024 - Sep 2O25"), ie.Got)
	require.Contains(t, err.Error(), ie.Got.String())

	// A truncated document fails even when the size is the only record.
	require.ErrorIs(t, report.Document{SHA256: doc.SHA256, Size: doc.Size + 1}.Verify(strings.NewReader("AWS SOC 2 report, Oct 2024 - Sep 2025")), report.ErrIntegrity)
	require.ErrorIs(t, report.Document{}.Verify(strings.NewReader("x")), report.ErrInvalid, "nothing recorded")
	require.ErrorIs(t, cat.Verify(ctx, r.ID, 2, strings.NewReader("x")), report.ErrNotFound)
	require.ErrorIs(t, cat.Verify(ctx, "x", 1, strings.NewReader("x")), report.ErrInvalid)
	require.ErrorIs(t, r.Verify(errReader{}), errDisk)
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errDisk }

// DownloadVersion applies Download's gates to a version already read,
// and refuses one that is no longer available (N2, R2).
func TestN2_DownloadVersionGatesWhatWasRead(t *testing.T) {
	cat, clk := newCatalog(t)
	r := put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	read, err := cat.Get(ctx, r.ID, 1)
	require.NoError(t, err)
	err = cat.DownloadVersion(ctx, acct, &read, "")
	require.ErrorIs(t, err, report.ErrTermsNotAccepted)
	tok, err := cat.TermToken(ctx, acct, r.ID, 1)
	require.NoError(t, err)
	require.NoError(t, cat.DownloadVersion(ctx, acct, &read, tok.Value))
	acc, err := cat.Acceptances(ctx, acct)
	require.NoError(t, err)
	require.Len(t, acc, 1, "presenting the token accepted the EXPLICIT terms")
	err = cat.DownloadVersion(ctx, other, &read, tok.Value)
	require.ErrorIs(t, err, report.ErrInvalidToken)
	err = cat.DownloadVersion(ctx, "nope", &read, tok.Value)
	require.ErrorIs(t, err, report.ErrInvalid)
	read.Version = 0
	err = cat.DownloadVersion(ctx, acct, &read, tok.Value)
	require.ErrorIs(t, err, report.ErrInvalid)

	gated := soc2(report.D(2025, 4, 1), report.D(2026, 3, 31))
	gated.NeedsApproval = true
	g := put(t, cat, gated)
	err = cat.DownloadVersion(ctx, acct, &g, "")
	require.ErrorIs(t, err, report.ErrApprovalRequired)
	g.PublishedAt = clk.Now().Add(time.Hour)
	err = cat.DownloadVersion(ctx, acct, &g, "")
	require.ErrorIs(t, err, report.ErrNotPublished)
}

// Expired term tokens are purged: by TermToken itself, at most once a term
// lifetime, and on demand (issue 13, item 13).
func TestExpiredTermTokensArePurged(t *testing.T) {
	store := memstore.New()
	clk := &clock{t: t0}
	cat, err := report.New(store, report.WithClock(clk.Now), report.WithTermLifetime(time.Hour))
	require.NoError(t, err)
	r := put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	first, err := cat.TermToken(ctx, acct, r.ID, 1)
	require.NoError(t, err)
	clk.Set(t0.Add(30 * time.Minute))
	second, err := cat.TermToken(ctx, acct, r.ID, 1)
	require.NoError(t, err)
	clk.Set(t0.Add(2 * time.Hour))
	_, err = store.Token(ctx, first.Value)
	require.NoError(t, err, "expired, and not purged yet")
	_, err = cat.TermToken(ctx, acct, r.ID, 1)
	require.NoError(t, err)
	for _, tok := range []report.TermToken{first, second} {
		_, err = store.Token(ctx, tok.Value)
		require.ErrorIs(t, err, report.ErrNotFound, "a term lifetime after the last purge, issuing purges")
	}
	clk.Set(t0.Add(4 * time.Hour))
	n, err := cat.PurgeExpiredTokens(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
}
