package artifacttest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

// The organization of the world and its accounts.
const (
	// OrgID is the world's organization, with all features and Artifact's
	// trusted access enabled.
	OrgID org.ID = "o-healthcare01"
	// ManagementAccount founded OrgID; the world's named principals are
	// IAM users of it.
	ManagementAccount org.AccountID = "999988887777"
	// ClinicalAccount joined OrgID by invitation.
	ClinicalAccount org.AccountID = "111122223333"
	// ResearchAccount and BillingAccount were created inside OrgID.
	ResearchAccount org.AccountID = "222233334444"
	BillingAccount  org.AccountID = "333344445555"
	// StandaloneAccount is in no organization.
	StandaloneAccount org.AccountID = "555566667777"
)

// OrganizationAccounts returns the accounts of OrgID, sorted (as
// org.Directory.Members returns them).
func OrganizationAccounts() []org.AccountID {
	return []org.AccountID{ClinicalAccount, ResearchAccount, BillingAccount, ManagementAccount}
}

// The names of the world's principals: IAM users of ManagementAccount,
// arn:aws:iam::999988887777:user/<name>, each with the policy it is named
// for. World.Caller returns them.
const (
	// ReportsReader holds ReportsReadOnlyPolicy.
	ReportsReader = "reports-reader"
	// SomeReportsReader holds SomeReportsPolicy.
	SomeReportsReader = "soc-pci-iso-reader"
	// AgreementsReader holds AgreementsReadOnlyPolicy.
	AgreementsReader = "agreements-reader"
	// AgreementsAdmin holds AgreementsFullAccessPolicy.
	AgreementsAdmin = "agreements-admin"
	// Auditor holds OneReportPolicy(SOC2ReportID) (rule G3).
	Auditor = "auditor"
	// NoPolicy holds no policy: everything is implicitly denied to it.
	NoPolicy = "no-policy"
)

// Principals returns the names of the world's principals, in the order
// above.
func Principals() []string {
	return []string{ReportsReader, SomeReportsReader, AgreementsReader, AgreementsAdmin, Auditor, NoPolicy}
}

// policiesOf returns the policies of the named principal.
func policiesOf(name string) []string {
	switch name {
	case ReportsReader:
		return []string{ReportsReadOnlyPolicy}
	case SomeReportsReader:
		return []string{SomeReportsPolicy}
	case AgreementsReader:
		return []string{AgreementsReadOnlyPolicy}
	case AgreementsAdmin:
		return []string{AgreementsFullAccessPolicy}
	case Auditor:
		return []string{OneReportPolicy(SOC2ReportID)}
	}
	return nil
}

// DefaultStart returns the instant the world's clock reads when it is
// ready, unless Options.Start says otherwise: 2026-03-01T09:00:00Z.
func DefaultStart() time.Time { return time.Date(2026, time.March, 1, 9, 0, 0, 0, time.UTC) }

// Options configure NewWorld. The zero Options build the default world.
type Options struct {
	// Start is the clock's reading when the world is ready; zero means
	// DefaultStart. The report catalog covers the two years before it.
	Start time.Time
	// Seed seeds the ChaCha8 source of the service's ids, tokens and
	// page-token key: the same seed gives the same world, tokens included.
	Seed [32]byte
	// ServiceOptions are passed to artifact.New before the fixture's own
	// clock and source of randomness, which they cannot replace: a
	// subscriber, a presigner, stores, a token lifetime.
	ServiceOptions []artifact.Option
}

// World is a realistic AWS Artifact in memory, for tests: a service with
// its agreement catalog, two years of reports, an organization with
// members, and principals holding AWS's published policies. See the
// package documentation for what it holds.
//
// The World's accessors describe it as it was built; the service's state
// then changes only through the calls a test makes. A World is safe for
// concurrent use as its Service is.
type World struct {
	// Service is the AWS Artifact service the world lives in.
	Service *artifact.Service
	// Clock dates everything the service does. It reads Start when
	// NewWorld returns; move it with Set and Advance.
	Clock *Clock
	// Start is the instant the world was built for.
	Start time.Time
	// Founded is when the organization was founded, its members joined
	// and the agreement catalog was published: two years before Start.
	Founded time.Time

	callers  map[string]*artifact.Caller
	roots    map[org.AccountID]*artifact.Caller
	versions map[string][]report.Report // by family, ascending
	docs     map[report.Ref][]byte
	specs    map[agreement.ID]agreement.Spec
}

// NewWorld builds a world. It fails only when an option makes the
// service refuse the world (a store that fails, say).
func NewWorld(opts Options) (*World, error) {
	return NewWorldContext(context.Background(), opts)
}

// NewWorldContext is NewWorld with a context for the stores' calls: a
// world built on a database stops, with an error wrapping ctx.Err(), once
// ctx is done.
func NewWorldContext(ctx context.Context, opts Options) (*World, error) {
	start := opts.Start
	if start.IsZero() {
		start = DefaultStart()
	}
	start = start.UTC()
	w := &World{
		Start:    start,
		Founded:  start.AddDate(-2, 0, 0),
		callers:  map[string]*artifact.Caller{},
		roots:    map[org.AccountID]*artifact.Caller{},
		versions: map[string][]report.Report{},
		docs:     map[report.Ref][]byte{},
		specs:    map[agreement.ID]agreement.Spec{},
	}
	w.Clock = NewClock(w.Founded)
	svcOpts := append(slices.Clone(opts.ServiceOptions),
		artifact.WithClock(w.Clock.Now), artifact.WithRand(rand.NewChaCha8(opts.Seed)))
	var err error
	if w.Service, err = artifact.New(svcOpts...); err != nil {
		return nil, fmt.Errorf("artifacttest: %w", err)
	}
	for _, step := range []func(context.Context) error{w.makeCallers, w.defineAgreements, w.buildOrganization, w.publishReports} {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("artifacttest: %w", err)
		}
		if err := step(ctx); err != nil {
			return nil, fmt.Errorf("artifacttest: %w", err)
		}
	}
	w.Clock.Set(start)
	return w, nil
}

// New returns the default world, failing tb when it cannot be built.
func New(tb testing.TB) *World {
	tb.Helper()
	return NewWithOptions(tb, Options{})
}

// NewWithOptions returns the world of opts, failing tb when it cannot be
// built.
func NewWithOptions(tb testing.TB, opts Options) *World {
	tb.Helper()
	w, err := NewWorld(opts)
	if err != nil {
		tb.Fatalf("building the artifacttest world: %v", err)
	}
	return w
}

// defineAgreements publishes the agreement catalog.
func (w *World) defineAgreements(ctx context.Context) error {
	for _, spec := range agreementSpecs() {
		if _, err := w.Service.DefineAgreement(ctx, spec); err != nil {
			return fmt.Errorf("defining %s: %w", spec.ID, err)
		}
		w.specs[spec.ID] = spec
	}
	return nil
}

// buildOrganization founds the organization with all features, brings its
// members in and enables Artifact's trusted access as the management
// account's root user does in the console (A4, A5).
func (w *World) buildOrganization(ctx context.Context) error {
	if _, err := w.Service.CreateOrganization(ctx, OrgID, ManagementAccount, org.AllFeatures); err != nil {
		return fmt.Errorf("creating %s: %w", OrgID, err)
	}
	if _, _, err := w.Service.JoinOrganization(ctx, ClinicalAccount, OrgID); err != nil {
		return fmt.Errorf("joining %s to %s: %w", ClinicalAccount, OrgID, err)
	}
	for _, a := range []org.AccountID{ResearchAccount, BillingAccount} {
		if _, _, err := w.Service.CreateAccount(ctx, OrgID, a); err != nil {
			return fmt.Errorf("creating %s in %s: %w", a, OrgID, err)
		}
	}
	if _, err := w.Service.EnableTrustedAccess(ctx, w.Root(ManagementAccount)); err != nil {
		return fmt.Errorf("enabling trusted access in %s: %w", OrgID, err)
	}
	return nil
}

// makeCallers compiles the named principals and the root users of the
// world's accounts.
func (w *World) makeCallers(context.Context) error {
	for _, a := range append(OrganizationAccounts(), StandaloneAccount) {
		c, err := artifact.NewCaller(artifact.Identity{Account: a, Principal: "root"})
		if err != nil {
			return fmt.Errorf("root of %s: %w", a, err)
		}
		w.roots[a] = c
	}
	for _, name := range Principals() {
		c, err := NewCaller(ManagementAccount, name, policiesOf(name)...)
		if err != nil {
			return err
		}
		w.callers[name] = c
	}
	return nil
}

// publishReports publishes the catalog in order of publication, each
// version at its publication instant.
func (w *World) publishReports(ctx context.Context) error {
	for _, p := range plan(w.Start) {
		w.Clock.Set(p.r.PublishedAt)
		r, err := w.Service.PublishReport(ctx, p.r)
		if err != nil {
			return fmt.Errorf("publishing %s: %w", p.r.Name, err)
		}
		w.versions[r.Family] = append(w.versions[r.Family], r)
		w.docs[r.Ref()] = p.doc
	}
	return nil
}

// NewCaller returns the IAM user user of account holding the identity
// policies given as JSON (ReportsReadOnlyPolicy, OneReportPolicy(id), ...):
// arn:aws:iam::<account>:user/<user>, on the fine-grained permission model.
func NewCaller(account org.AccountID, user string, policies ...string) (*artifact.Caller, error) {
	id := artifact.Identity{Account: account, Principal: "arn:aws:iam::" + string(account) + ":user/" + user}
	for i, p := range policies {
		doc, err := policy.Parse([]byte(p), policy.Identity)
		if err != nil {
			return nil, fmt.Errorf("artifacttest: policy %d of %s: %w", i, user, err)
		}
		id.Policies = append(id.Policies, doc)
	}
	c, err := artifact.NewCaller(id)
	if err != nil {
		return nil, fmt.Errorf("artifacttest: principal %s of %s: %w", user, account, err)
	}
	return c, nil
}

// Caller returns the world's principal called name, one of the names of
// Principals. It panics for any other name: a misspelt fixture name is a
// bug in the test.
func (w *World) Caller(name string) *artifact.Caller {
	c, ok := w.callers[name]
	if !ok {
		panic("artifacttest: no principal named " + strconv.Quote(name))
	}
	return c
}

// Root returns the root user of account, who may do everything (G1).
// It panics when account is not 12 digits.
func (w *World) Root(account org.AccountID) *artifact.Caller {
	if c, ok := w.roots[account]; ok {
		return c
	}
	c, err := artifact.NewCaller(artifact.Identity{Account: account, Principal: "root"})
	if err != nil {
		panic("artifacttest: " + err.Error())
	}
	return c
}

// Versions returns the versions of family as published when the world was
// built, by ascending version (and period end); none for a family the
// world does not have.
func (w *World) Versions(family string) []report.Report {
	vs := w.versions[family]
	out := make([]report.Report, len(vs))
	for i, r := range vs {
		out[i] = r.Clone()
	}
	return out
}

// Latest returns the latest version of family, the one GetReportMetadata
// answers for version 0 at Start; the zero Report for a family the world
// does not have.
func (w *World) Latest(family string) report.Report {
	vs := w.versions[family]
	if len(vs) == 0 {
		return report.Report{}
	}
	return vs[len(vs)-1].Clone()
}

// Report returns the version of family whose period ends on end.
func (w *World) Report(family string, end report.Date) (report.Report, bool) {
	for _, r := range w.versions[family] {
		if r.PeriodEnd == end {
			return r.Clone(), true
		}
	}
	return report.Report{}, false
}

// ReportDocument returns the placeholder document of a report version of
// the world, whose SHA-256 the version records (R6); nil for another.
func (w *World) ReportDocument(ref report.Ref) []byte { return slices.Clone(w.docs[ref]) }

// AgreementDocument returns the placeholder agreement document of an
// agreement's revision, whose SHA-256 the revision records; nil for an
// agreement the world does not have.
func (w *World) AgreementDocument(id agreement.ID) []byte {
	return slices.Clone(w.specs[id].Revision.Document)
}

// NDADocument returns the placeholder NDA of an agreement's revision.
func (w *World) NDADocument(id agreement.ID) []byte { return slices.Clone(w.specs[id].Revision.NDA) }

// AcceptAgreement walks the token chain as the console does (N1, T1):
// GetNdaForAgreement, AcceptNdaForAgreement, GetAgreement and
// AcceptAgreement at scope, as c. The error is that of the first call that
// failed, wrapped: match it with errors.As.
func (w *World) AcceptAgreement(ctx context.Context, c *artifact.Caller, id agreement.ID, scope agreement.Scope) (*artifact.AcceptAgreementOutput, error) {
	s := w.Service
	nda, err := s.GetNdaForAgreement(ctx, c, artifact.GetNdaForAgreementInput{AgreementID: id})
	if err != nil {
		return nil, fmt.Errorf("getting the nda of %s: %w", id, err)
	}
	acc, err := s.AcceptNdaForAgreement(ctx, c, artifact.AcceptNdaForAgreementInput{
		AgreementID: id, AgreementRevisionID: nda.AgreementRevisionID, NdaToken: nda.AcceptNdaForAgreementToken})
	if err != nil {
		return nil, fmt.Errorf("accepting the nda of %s: %w", id, err)
	}
	view, err := s.GetAgreement(ctx, c, artifact.GetAgreementInput{AgreementID: id, NdaToken: acc.GetAgreementToken})
	if err != nil {
		return nil, fmt.Errorf("getting %s: %w", id, err)
	}
	out, err := s.AcceptAgreement(ctx, c, artifact.AcceptAgreementInput{
		AgreementID: id, AgreementRevisionID: view.AgreementRevisionID, AcceptanceTermsToken: view.AcceptanceTermsToken,
		ExecuteAgreementToken: view.ExecuteAgreementToken, Scope: scope})
	if err != nil {
		return nil, fmt.Errorf("accepting %s: %w", id, err)
	}
	return out, nil
}

// TerminateAgreement terminates a customer agreement as c: GetCustomerAgreement
// for the terminate token, then TerminateAgreement (A12). Errors are
// wrapped as AcceptAgreement's.
func (w *World) TerminateAgreement(ctx context.Context, c *artifact.Caller, id agreement.CustomerAgreementID) (*artifact.TerminateAgreementOutput, error) {
	got, err := w.Service.GetCustomerAgreement(ctx, c, artifact.GetCustomerAgreementInput{CustomerAgreementID: id})
	if err != nil {
		return nil, fmt.Errorf("getting %s: %w", id, err)
	}
	out, err := w.Service.TerminateAgreement(ctx, c, artifact.TerminateAgreementInput{
		CustomerAgreementID: id, TerminateAgreementToken: got.TerminateAgreementToken})
	if err != nil {
		return nil, fmt.Errorf("terminating %s: %w", id, err)
	}
	return out, nil
}

// DownloadReport downloads version v of report id (0: the latest) as c:
// GetTermForReport for the term token, then GetReport (N2), which accepts
// EXPLICIT terms. Errors are wrapped as AcceptAgreement's.
func (w *World) DownloadReport(ctx context.Context, c *artifact.Caller, id string, v int64) (*artifact.GetReportOutput, error) {
	var version *int64
	if v != 0 {
		version = &v
	}
	term, err := w.Service.GetTermForReport(ctx, c, artifact.GetTermForReportInput{ReportID: id, ReportVersion: version})
	if err != nil {
		return nil, fmt.Errorf("getting the terms of %s: %w", id, err)
	}
	out, err := w.Service.GetReport(ctx, c, artifact.GetReportInput{ReportID: id, ReportVersion: version, TermToken: term.TermToken})
	if err != nil {
		return nil, fmt.Errorf("downloading %s: %w", id, err)
	}
	return out, nil
}
