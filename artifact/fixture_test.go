package artifact_test

import (
	"context"
	"crypto/sha256"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

var (
	bg     = context.Background()
	start  = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	mgmt   = org.AccountID("111111111111")
	member = org.AccountID("222222222222")
	loner  = org.AccountID("333333333333")
	oid    = org.ID("o-healthcare01")

	baa  = agreement.ID("agreement-baa0000000000001")
	andb = agreement.ID("agreement-andb000000000001")
)

// scenarioAgreements is the agreement catalog of the scenario corpora.
var scenarioAgreements = map[string]agreement.Spec{
	"BAA":          {ID: "agreement-baa0000000000001", Name: "AWS Business Associate Addendum", Kind: agreement.KindBAA, Type: agreement.TypeDefault, Subjects: []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization}},
	"ANDB":         {ID: "agreement-andb000000000001", Name: "AWS Australian Notifiable Data Breach Addendum", Kind: agreement.KindAddendum, Type: agreement.TypeDefault, Subjects: []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization}},
	"NZNDB":        {ID: "agreement-nzndb00000000001", Name: "AWS New Zealand Notifiable Data Breach Addendum", Kind: agreement.KindAddendum, Type: agreement.TypeDefault, Subjects: []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization}},
	"ACCOUNT-ONLY": {ID: "agreement-acctonly00000001", Name: "A custom agreement", Kind: agreement.KindCustom, Type: agreement.TypeCustom, Subjects: []agreement.Scope{agreement.ScopeAccount}},
}

// fixture is a Service on in-memory stores with a test clock, the scenario
// agreement catalog, an organization (mgmt and member, all features, no
// trusted access yet) and two reports: SOC 2 (EXPLICIT) and PCI.
type fixture struct {
	clock *artifacttest.Clock
	svc   *artifact.Service
	inbox *inbox
	soc2  report.Report
	pci   report.Report
}

// inbox is a notify.Subscriber that keeps every delivery.
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

func (b *inbox) take() []notify.Delivery {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.got
	b.got = nil
	return out
}

func newFixture(t testing.TB, opts ...artifact.Option) *fixture {
	t.Helper()
	f := &fixture{clock: artifacttest.NewClock(start), inbox: &inbox{}}
	opts = append([]artifact.Option{artifact.WithClock(f.clock.Now), artifact.WithRand(rand.NewChaCha8([32]byte{3})),
		artifact.WithSubscriber(f.inbox)}, opts...)
	var err error
	f.svc, err = artifact.New(opts...)
	require.NoError(t, err)
	for _, spec := range scenarioAgreements {
		spec.Revision = agreement.RevisionSpec{Document: []byte(spec.Name), NDA: []byte("NDA for " + spec.Name),
			AcceptanceTerms: []string{"I accept " + spec.Name}, TerminateTerms: []string{"I terminate " + spec.Name}}
		_, err := f.svc.DefineAgreement(bg, spec)
		require.NoError(t, err)
	}
	_, err = f.svc.CreateOrganization(bg, oid, mgmt, org.AllFeatures)
	require.NoError(t, err)
	_, _, err = f.svc.JoinOrganization(bg, member, oid)
	require.NoError(t, err)
	f.soc2 = f.publish(t, report.Report{ID: "report-jRVRFP8HxUN5zpPh", Name: "SOC 2 Type 2 Report", Series: "SOC", Family: "SOC 2",
		Category: "Certifications and Attestations", PeriodStart: report.D(2024, 10, 1), PeriodEnd: report.D(2025, 9, 30),
		AcceptanceType: report.Explicit})
	f.pci = f.publish(t, report.Report{ID: "report-PciDssAoc2025Aws", Name: "PCI DSS Attestation of Compliance", Series: "PCI", Family: "PCI DSS",
		Category: "Certifications and Attestations", PeriodStart: report.D(2024, 10, 1), PeriodEnd: report.D(2025, 9, 30),
		AcceptanceType: report.Explicit})
	f.inbox.take()
	return f
}

func (f *fixture) publish(t testing.TB, r report.Report) report.Report {
	t.Helper()
	if r.PublishedAt.IsZero() {
		r.PublishedAt = f.clock.Now().Add(-time.Hour)
	}
	r.Document = report.Document{SHA256: sha256.Sum256([]byte(r.ID + r.Name))}
	got, err := f.svc.PublishReport(bg, r)
	require.NoError(t, err)
	return got
}

// caller compiles a caller of account with the given identity policies
// (JSON) and context.
func caller(t testing.TB, account org.AccountID, principal string, ctx map[string][]string, policies ...string) *artifact.Caller {
	t.Helper()
	id := artifact.Identity{Account: account, Principal: principal, Context: ctx}
	for _, p := range policies {
		id.Policies = append(id.Policies, policy.MustParse([]byte(p), policy.Identity))
	}
	c, err := artifact.NewCaller(id)
	require.NoError(t, err)
	return c
}

func root(t testing.TB, account org.AccountID) *artifact.Caller {
	t.Helper()
	return caller(t, account, "root", nil)
}

// allowAll is the administrator's policy.
const allowAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

// acceptAs runs the agreement chain for c and accepts at scope.
func (f *fixture) acceptAs(t testing.TB, c *artifact.Caller, id agreement.ID, scope agreement.Scope) (*artifact.AcceptAgreementOutput, error) {
	t.Helper()
	v := f.read(t, c, id)
	return f.svc.AcceptAgreement(bg, c, artifact.AcceptAgreementInput{AgreementID: id, AgreementRevisionID: v.AgreementRevisionID,
		AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteAgreementToken: v.ExecuteAgreementToken, Scope: scope})
}

// read accepts the NDA as c and reads the agreement.
func (f *fixture) read(t testing.TB, c *artifact.Caller, id agreement.ID) *artifact.GetAgreementOutput {
	t.Helper()
	n, err := f.svc.GetNdaForAgreement(bg, c, artifact.GetNdaForAgreementInput{AgreementID: id})
	require.NoError(t, err)
	a, err := f.svc.AcceptNdaForAgreement(bg, c, artifact.AcceptNdaForAgreementInput{AgreementID: id,
		AgreementRevisionID: n.AgreementRevisionID, NdaToken: n.AcceptNdaForAgreementToken})
	require.NoError(t, err)
	v, err := f.svc.GetAgreement(bg, c, artifact.GetAgreementInput{AgreementID: id, NdaToken: a.GetAgreementToken})
	require.NoError(t, err)
	return v
}

// download gets a term token and downloads version r as c.
func (f *fixture) download(t testing.TB, c *artifact.Caller, r report.Report) (*artifact.GetReportOutput, error) {
	t.Helper()
	term, err := f.svc.GetTermForReport(bg, c, artifact.GetTermForReportInput{ReportID: r.ID, ReportVersion: new(r.Version)})
	if err != nil {
		return nil, err
	}
	return f.svc.GetReport(bg, c, artifact.GetReportInput{ReportID: r.ID, ReportVersion: new(r.Version), TermToken: term.TermToken})
}
