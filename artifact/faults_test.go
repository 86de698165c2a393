package artifact_test

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	agmem "github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/audit"
	auditmem "github.com/artifactkit/artifactkit/artifact/audit/memstore"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	inquirymem "github.com/artifactkit/artifactkit/artifact/inquiry/memstore"
	"github.com/artifactkit/artifactkit/artifact/notify"
	notifymem "github.com/artifactkit/artifactkit/artifact/notify/memstore"
	"github.com/artifactkit/artifactkit/org"
	orgmem "github.com/artifactkit/artifactkit/org/memstore"
	"github.com/artifactkit/artifactkit/report"
	reportmem "github.com/artifactkit/artifactkit/report/memstore"
)

// errBoom is a store's own failure, with what such failures hold.
var errBoom = errors.New("dial tcp 10.0.0.7:5432: password authentication failed for user \"artifact\"")

// faults makes the stores of a Service fail on purpose: from the at-th
// store call on (or that call only), calls fail with err. Calls are
// counted across the five stores, in the order the service makes them.
type faults struct {
	mu    sync.Mutex
	calls int
	at    int  // the first call that fails, from 1; 0: none
	once  bool // only call at fails
	err   error
	// store, when set, limits the counting and the failures to the calls
	// of one store ("org", "agreement", "report", "audit", "settings",
	// "inquiry", "outbox").
	store string
	// match, when set, limits them to the calls it accepts instead.
	match func(store string, write bool) bool
	// late: a failing write of a customer agreement or a report version
	// is made before it fails, as a database's whose server committed it
	// and whose answer was lost.
	late bool
	// stall, when set, runs once before the next write to the store
	// stallOn is made: the write waits for it, as for a database's lock.
	stall   func()
	stallOn string
	// outbox is the outbox beneath the faults, for tests to look into.
	outbox *notifymem.Outbox
}

// hit counts a call of store and returns the error it fails with, if any.
func (f *faults) hit(store string, write bool) error {
	f.mu.Lock()
	if stall := f.stall; stall != nil && write && store == f.stallOn {
		f.stall = nil
		f.mu.Unlock()
		stall()
		f.mu.Lock()
	}
	defer f.mu.Unlock()
	if f.match != nil && !f.match(store, write) || f.match == nil && f.store != "" && store != f.store {
		return nil
	}
	f.calls++
	if f.at == 0 || f.calls < f.at || (f.once && f.calls > f.at) {
		return nil
	}
	return f.err
}

// arm makes the at-th call from now (and, unless once, every later one)
// fail with err.
func (f *faults) arm(at int, once bool, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls, f.at, f.once, f.err = 0, at, once, err
}

// disarm stops the failures and returns how many calls were counted.
func (f *faults) disarm() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.calls
	f.calls, f.at = 0, 0
	return n
}

// faultyOptions returns the options of a Service whose stores fail as f
// says.
func faultyOptions(f *faults) []artifact.Option {
	f.outbox = notifymem.NewOutbox()
	return []artifact.Option{
		artifact.WithOrgStore(&faultyOrg{orgmem.New(), f}),
		artifact.WithAgreementStore(&faultyAgreements{agmem.New(), f}),
		artifact.WithReportStore(&faultyReports{reportmem.New(), f}),
		artifact.WithAuditStore(&faultyAudit{auditmem.New(), f}),
		artifact.WithSettingsStore(&faultySettings{notifymem.New(), f}),
		artifact.WithOutbox(&faultyOutbox{f.outbox, f}),
		artifact.WithInquiryStore(&faultyInquiries{inquirymem.New(), f}),
	}
}

type faultyOrg struct {
	s org.Store
	f *faults
}

func (s *faultyOrg) CreateOrganization(ctx context.Context, o org.Organization, founding org.Change) (org.Organization, error) {
	if err := s.f.hit("org", true); err != nil {
		return org.Organization{}, err
	}
	return s.s.CreateOrganization(ctx, o, founding)
}

func (s *faultyOrg) Organization(ctx context.Context, id org.ID) (org.Organization, error) {
	if err := s.f.hit("org", false); err != nil {
		return org.Organization{}, err
	}
	return s.s.Organization(ctx, id)
}

func (s *faultyOrg) UpdateOrganization(ctx context.Context, o org.Organization) (org.Organization, error) {
	if err := s.f.hit("org", true); err != nil {
		return org.Organization{}, err
	}
	return s.s.UpdateOrganization(ctx, o)
}

func (s *faultyOrg) AppendChanges(ctx context.Context, changes ...org.Change) error {
	if err := s.f.hit("org", true); err != nil {
		return err
	}
	return s.s.AppendChanges(ctx, changes...)
}

func (s *faultyOrg) LastChange(ctx context.Context, account org.AccountID) (org.Change, error) {
	if err := s.f.hit("org", false); err != nil {
		return org.Change{}, err
	}
	return s.s.LastChange(ctx, account)
}

func (s *faultyOrg) ChangeAt(ctx context.Context, account org.AccountID, t time.Time) (org.Change, error) {
	if err := s.f.hit("org", false); err != nil {
		return org.Change{}, err
	}
	return s.s.ChangeAt(ctx, account, t)
}

func (s *faultyOrg) History(ctx context.Context, account org.AccountID) ([]org.Change, error) {
	if err := s.f.hit("org", false); err != nil {
		return nil, err
	}
	return s.s.History(ctx, account)
}

func (s *faultyOrg) OrganizationChanges(ctx context.Context, id org.ID) ([]org.Change, error) {
	if err := s.f.hit("org", false); err != nil {
		return nil, err
	}
	return s.s.OrganizationChanges(ctx, id)
}

type faultyAgreements struct {
	s agreement.Store
	f *faults
}

func (s *faultyAgreements) InsertAgreement(ctx context.Context, a agreement.Agreement) (agreement.Agreement, error) {
	if err := s.f.hit("agreement", true); err != nil {
		return agreement.Agreement{}, err
	}
	return s.s.InsertAgreement(ctx, a)
}

func (s *faultyAgreements) UpdateAgreement(ctx context.Context, a agreement.Agreement) (agreement.Agreement, error) {
	if err := s.f.hit("agreement", true); err != nil {
		return agreement.Agreement{}, err
	}
	return s.s.UpdateAgreement(ctx, a)
}

func (s *faultyAgreements) Agreement(ctx context.Context, id agreement.ID) (agreement.Agreement, error) {
	if err := s.f.hit("agreement", false); err != nil {
		return agreement.Agreement{}, err
	}
	return s.s.Agreement(ctx, id)
}

func (s *faultyAgreements) Agreements(ctx context.Context, after agreement.ID, limit int) ([]agreement.Agreement, error) {
	if err := s.f.hit("agreement", false); err != nil {
		return nil, err
	}
	return s.s.Agreements(ctx, after, limit)
}

func (s *faultyAgreements) AgreementsOfKind(ctx context.Context, k agreement.Kind) ([]agreement.Agreement, error) {
	if err := s.f.hit("agreement", false); err != nil {
		return nil, err
	}
	return s.s.AgreementsOfKind(ctx, k)
}

func (s *faultyAgreements) InsertCustomerAgreement(ctx context.Context, c agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	if err := s.f.hit("agreement", true); err != nil {
		if s.f.late {
			_, _ = s.s.InsertCustomerAgreement(ctx, c)
		}
		return agreement.CustomerAgreement{}, err
	}
	return s.s.InsertCustomerAgreement(ctx, c)
}

func (s *faultyAgreements) UpdateCustomerAgreement(ctx context.Context, c agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	if err := s.f.hit("agreement", true); err != nil {
		if s.f.late {
			_, _ = s.s.UpdateCustomerAgreement(ctx, c)
		}
		return agreement.CustomerAgreement{}, err
	}
	return s.s.UpdateCustomerAgreement(ctx, c)
}

func (s *faultyAgreements) CustomerAgreement(ctx context.Context, id agreement.CustomerAgreementID) (agreement.CustomerAgreement, error) {
	if err := s.f.hit("agreement", false); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	return s.s.CustomerAgreement(ctx, id)
}

func (s *faultyAgreements) LatestCustomerAgreement(ctx context.Context, key agreement.Key) (agreement.CustomerAgreement, error) {
	if err := s.f.hit("agreement", false); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	return s.s.LatestCustomerAgreement(ctx, key)
}

func (s *faultyAgreements) CustomerAgreementAt(ctx context.Context, key agreement.Key, t time.Time) (agreement.CustomerAgreement, error) {
	if err := s.f.hit("agreement", false); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	return s.s.CustomerAgreementAt(ctx, key, t)
}

func (s *faultyAgreements) ActiveCustomerAgreements(ctx context.Context, af agreement.ActiveFilter, after string, limit int) ([]agreement.CustomerAgreement, error) {
	if err := s.f.hit("agreement", false); err != nil {
		return nil, err
	}
	return s.s.ActiveCustomerAgreements(ctx, af, after, limit)
}

func (s *faultyAgreements) PutNDA(ctx context.Context, n agreement.NDAAcceptance) (agreement.NDAAcceptance, error) {
	if err := s.f.hit("agreement", true); err != nil {
		return agreement.NDAAcceptance{}, err
	}
	return s.s.PutNDA(ctx, n)
}

func (s *faultyAgreements) NDA(ctx context.Context, account org.AccountID, id agreement.ID, rev agreement.RevisionID) (agreement.NDAAcceptance, error) {
	if err := s.f.hit("agreement", false); err != nil {
		return agreement.NDAAcceptance{}, err
	}
	return s.s.NDA(ctx, account, id, rev)
}

func (s *faultyAgreements) PutOutsideNDA(ctx context.Context, n agreement.OutsideNDA) error {
	if err := s.f.hit("agreement", true); err != nil {
		return err
	}
	return s.s.PutOutsideNDA(ctx, n)
}

func (s *faultyAgreements) OutsideNDAs(ctx context.Context, account org.AccountID) ([]agreement.OutsideNDA, error) {
	if err := s.f.hit("agreement", false); err != nil {
		return nil, err
	}
	return s.s.OutsideNDAs(ctx, account)
}

func (s *faultyAgreements) InsertToken(ctx context.Context, t agreement.Token) error {
	if err := s.f.hit("agreement", true); err != nil {
		return err
	}
	return s.s.InsertToken(ctx, t)
}

func (s *faultyAgreements) Token(ctx context.Context, value string) (agreement.Token, error) {
	if err := s.f.hit("agreement", false); err != nil {
		return agreement.Token{}, err
	}
	return s.s.Token(ctx, value)
}

func (s *faultyAgreements) DeleteExpiredTokens(ctx context.Context, now time.Time) (int, error) {
	if err := s.f.hit("agreement", true); err != nil {
		return 0, err
	}
	return s.s.DeleteExpiredTokens(ctx, now)
}

func (s *faultyAgreements) InsertDesignation(ctx context.Context, d agreement.Designation) (agreement.Designation, error) {
	if err := s.f.hit("agreement", true); err != nil {
		return agreement.Designation{}, err
	}
	return s.s.InsertDesignation(ctx, d)
}

func (s *faultyAgreements) UpdateDesignation(ctx context.Context, d agreement.Designation) (agreement.Designation, error) {
	if err := s.f.hit("agreement", true); err != nil {
		return agreement.Designation{}, err
	}
	return s.s.UpdateDesignation(ctx, d)
}

func (s *faultyAgreements) LatestDesignation(ctx context.Context, account org.AccountID) (agreement.Designation, error) {
	if err := s.f.hit("agreement", false); err != nil {
		return agreement.Designation{}, err
	}
	return s.s.LatestDesignation(ctx, account)
}

func (s *faultyAgreements) DesignationAt(ctx context.Context, account org.AccountID, t time.Time) (agreement.Designation, error) {
	if err := s.f.hit("agreement", false); err != nil {
		return agreement.Designation{}, err
	}
	return s.s.DesignationAt(ctx, account, t)
}

type faultyReports struct {
	s report.Store
	f *faults
}

func (s *faultyReports) PutReport(ctx context.Context, r report.Report) (report.Report, error) {
	if err := s.f.hit("report", true); err != nil {
		if s.f.late {
			_, _ = s.s.PutReport(ctx, r)
		}
		return report.Report{}, err
	}
	return s.s.PutReport(ctx, r)
}

func (s *faultyReports) Report(ctx context.Context, id string, v int64) (report.Report, error) {
	if err := s.f.hit("report", false); err != nil {
		return report.Report{}, err
	}
	return s.s.Report(ctx, id, v)
}

func (s *faultyReports) Versions(ctx context.Context, id string) ([]report.Report, error) {
	if err := s.f.hit("report", false); err != nil {
		return nil, err
	}
	return s.s.Versions(ctx, id)
}

func (s *faultyReports) Scan(ctx context.Context, after report.Ref, limit int) ([]report.Report, error) {
	if err := s.f.hit("report", false); err != nil {
		return nil, err
	}
	return s.s.Scan(ctx, after, limit)
}

func (s *faultyReports) Generation(ctx context.Context) (uint64, error) {
	if err := s.f.hit("report", false); err != nil {
		return 0, err
	}
	return s.s.Generation(ctx)
}

func (s *faultyReports) PutToken(ctx context.Context, t report.TermToken) error {
	if err := s.f.hit("report", true); err != nil {
		return err
	}
	return s.s.PutToken(ctx, t)
}

func (s *faultyReports) Token(ctx context.Context, value string) (report.TermToken, error) {
	if err := s.f.hit("report", false); err != nil {
		return report.TermToken{}, err
	}
	return s.s.Token(ctx, value)
}

func (s *faultyReports) DeleteExpiredTokens(ctx context.Context, now time.Time) (int, error) {
	if err := s.f.hit("report", true); err != nil {
		return 0, err
	}
	return s.s.DeleteExpiredTokens(ctx, now)
}

func (s *faultyReports) AddAcceptance(ctx context.Context, a report.Acceptance) error {
	if err := s.f.hit("report", true); err != nil {
		return err
	}
	return s.s.AddAcceptance(ctx, a)
}

func (s *faultyReports) Acceptances(ctx context.Context, account aws.AccountID) ([]report.Acceptance, error) {
	if err := s.f.hit("report", false); err != nil {
		return nil, err
	}
	return s.s.Acceptances(ctx, account)
}

func (s *faultyReports) PutAccess(ctx context.Context, a report.Access) (report.Access, error) {
	if err := s.f.hit("report", true); err != nil {
		return report.Access{}, err
	}
	return s.s.PutAccess(ctx, a)
}

func (s *faultyReports) Access(ctx context.Context, account aws.AccountID, id string) (report.Access, error) {
	if err := s.f.hit("report", false); err != nil {
		return report.Access{}, err
	}
	return s.s.Access(ctx, account, id)
}

type faultyAudit struct {
	s audit.Store
	f *faults
}

func (s *faultyAudit) Append(ctx context.Context, rec audit.Record) error {
	if err := s.f.hit("audit", true); err != nil {
		return err
	}
	return s.s.Append(ctx, rec)
}

func (s *faultyAudit) Len(ctx context.Context) (uint64, error) {
	if err := s.f.hit("audit", false); err != nil {
		return 0, err
	}
	return s.s.Len(ctx)
}

func (s *faultyAudit) Read(ctx context.Context, from uint64, limit int) ([]audit.Record, error) {
	if err := s.f.hit("audit", false); err != nil {
		return nil, err
	}
	return s.s.Read(ctx, from, limit)
}

type faultySettings struct {
	s notify.Store
	f *faults
}

func (s *faultySettings) Get(ctx context.Context, account aws.AccountID) (notify.Settings, error) {
	if err := s.f.hit("settings", false); err != nil {
		return notify.Settings{}, err
	}
	return s.s.Get(ctx, account)
}

func (s *faultySettings) Put(ctx context.Context, st notify.Settings) (notify.Settings, error) {
	if err := s.f.hit("settings", true); err != nil {
		return notify.Settings{}, err
	}
	return s.s.Put(ctx, st)
}

func (s *faultySettings) Subscribed(ctx context.Context, fn func(notify.Settings) bool) error {
	if err := s.f.hit("settings", false); err != nil {
		return err
	}
	return s.s.Subscribed(ctx, fn)
}

type faultyOutbox struct {
	o notify.Outbox
	f *faults
}

func (o *faultyOutbox) Put(ctx context.Context, p notify.Pending) (notify.Pending, error) {
	if err := o.f.hit("outbox", true); err != nil {
		return notify.Pending{}, err
	}
	return o.o.Put(ctx, p)
}

func (o *faultyOutbox) Delete(ctx context.Context, id string) error {
	if err := o.f.hit("outbox", true); err != nil {
		return err
	}
	return o.o.Delete(ctx, id)
}

func (o *faultyOutbox) Pending(ctx context.Context, after string, limit int) ([]notify.Pending, error) {
	if err := o.f.hit("outbox", false); err != nil {
		return nil, err
	}
	return o.o.Pending(ctx, after, limit)
}

type faultyInquiries struct {
	s inquiry.Store
	f *faults
}

func (s *faultyInquiries) Insert(ctx context.Context, in inquiry.Inquiry, qs []inquiry.Query) (inquiry.Inquiry, error) {
	if err := s.f.hit("inquiry", true); err != nil {
		return inquiry.Inquiry{}, err
	}
	return s.s.Insert(ctx, in, qs)
}

func (s *faultyInquiries) Get(ctx context.Context, account aws.AccountID, id inquiry.ID) (inquiry.Inquiry, error) {
	if err := s.f.hit("inquiry", false); err != nil {
		return inquiry.Inquiry{}, err
	}
	return s.s.Get(ctx, account, id)
}

func (s *faultyInquiries) ByClientToken(ctx context.Context, account aws.AccountID, token string) (inquiry.Inquiry, error) {
	if err := s.f.hit("inquiry", false); err != nil {
		return inquiry.Inquiry{}, err
	}
	return s.s.ByClientToken(ctx, account, token)
}

func (s *faultyInquiries) List(ctx context.Context, account aws.AccountID, after string, limit int) ([]inquiry.Inquiry, string, error) {
	if err := s.f.hit("inquiry", false); err != nil {
		return nil, "", err
	}
	return s.s.List(ctx, account, after, limit)
}

func (s *faultyInquiries) Update(ctx context.Context, in inquiry.Inquiry, qs []inquiry.Query) (inquiry.Inquiry, error) {
	if err := s.f.hit("inquiry", true); err != nil {
		return inquiry.Inquiry{}, err
	}
	return s.s.Update(ctx, in, qs)
}

func (s *faultyInquiries) Queries(ctx context.Context, account aws.AccountID, id inquiry.ID, after, limit int) ([]inquiry.Query, int, error) {
	if err := s.f.hit("inquiry", false); err != nil {
		return nil, 0, err
	}
	return s.s.Queries(ctx, account, id, after, limit)
}

func (s *faultyInquiries) Due(ctx context.Context, at time.Time, limit int) ([]inquiry.Inquiry, error) {
	if err := s.f.hit("inquiry", false); err != nil {
		return nil, err
	}
	return s.s.Due(ctx, at, limit)
}

func (s *faultyInquiries) PutFeedback(ctx context.Context, fb inquiry.Feedback) (inquiry.Feedback, error) {
	if err := s.f.hit("inquiry", true); err != nil {
		return inquiry.Feedback{}, err
	}
	return s.s.PutFeedback(ctx, fb)
}

func (s *faultyInquiries) FeedbackByClientToken(ctx context.Context, account aws.AccountID, token string) (inquiry.Feedback, error) {
	if err := s.f.hit("inquiry", false); err != nil {
		return inquiry.Feedback{}, err
	}
	return s.s.FeedbackByClientToken(ctx, account, token)
}

func (s *faultyInquiries) Feedback(ctx context.Context, account aws.AccountID, id inquiry.ID) ([]inquiry.Feedback, error) {
	if err := s.f.hit("inquiry", false); err != nil {
		return nil, err
	}
	return s.s.Feedback(ctx, account, id)
}
