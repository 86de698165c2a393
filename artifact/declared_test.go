package artifact_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
)

// The service's table of declared errors is AWS's: testdata holds a copy of
// each operation's errors from AWS's service model and, for the seven
// agreement operations the model lacks, from the API Reference (issue 13,
// item 2).
func TestDeclaredErrorsAreAWSs(t *testing.T) {
	raw, err := os.ReadFile("testdata/declared-errors.json")
	require.NoError(t, err)
	var model struct {
		About      string              `json:"about"`
		Operations map[string][]string `json:"operations"`
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&model))
	for _, list := range model.Operations {
		sort.Strings(list)
	}
	require.Empty(t, cmp.Diff(model.Operations, artifact.DeclaredErrors()))
	for _, op := range []string{"ListAgreements", "GetNdaForAgreement", "AcceptNdaForAgreement", "GetAgreement",
		"AcceptAgreement", "GetCustomerAgreement", "TerminateAgreement"} {
		require.NotContains(t, model.Operations[op], "ConflictException", "%s declares no conflict", op)
	}
}

// operation is one AWS operation of the service, driven for the property
// tests: prepare readies a world in which the call succeeds and returns
// the call.
type operation struct {
	op      string
	prepare func(t *testing.T, w *world) func() error
}

// world is a Service on stores that fail on purpose, with an organization
// (mgmt, member; all features, trusted access), the agreement catalog,
// an EXPLICIT SOC 2 report and an approval-gated one.
type world struct {
	*fixture
	faults *faults
	stores []artifact.Option // the stores, for another service over them
	root   *artifact.Caller  // member's root user
	mgmt   *artifact.Caller  // the management account's root user
	gated  report.Report
}

func newWorld(t *testing.T) *world {
	t.Helper()
	fs := &faults{}
	stores := faultyOptions(fs)
	w := &world{faults: fs, stores: stores, fixture: newFixture(t, append(stores, artifact.WithRand(rand.NewChaCha8([32]byte{5})))...)}
	w.root, w.mgmt = root(t, member), root(t, mgmt)
	_, err := w.svc.EnableTrustedAccess(bg, w.mgmt)
	require.NoError(t, err)
	w.gated = w.publish(t, report.Report{ID: "report-GatedReport00001", Name: "Gated", Series: "SOC", Category: "Certifications and Attestations",
		PeriodStart: report.D(2025, 1, 1), PeriodEnd: report.D(2025, 12, 31), AcceptanceType: report.Passthrough, NeedsApproval: true})
	return w
}

// another returns a second service over the world's stores, on its clock,
// as another process over one database would be.
func (w *world) another(t *testing.T, opts ...artifact.Option) *artifact.Service {
	t.Helper()
	svc, err := artifact.New(append(append([]artifact.Option{artifact.WithClock(w.clock.Now)}, w.stores...), opts...)...)
	require.NoError(t, err)
	return svc
}

// operations are the AWS operations of the service, each in a world where
// it succeeds.
func operations() []operation {
	return []operation{
		{"ListReports", func(t *testing.T, w *world) func() error {
			first, err := w.svc.ListReports(bg, w.root, artifact.ListReportsInput{MaxResults: 1})
			require.NoError(t, err)
			return func() error {
				_, err := w.svc.ListReports(bg, w.root, artifact.ListReportsInput{MaxResults: 1, NextToken: first.NextToken})
				return err
			}
		}},
		{"ListReportVersions", func(t *testing.T, w *world) func() error {
			return func() error {
				_, err := w.svc.ListReportVersions(bg, w.root, artifact.ListReportVersionsInput{ReportID: w.soc2.ID})
				return err
			}
		}},
		{"GetReportMetadata", func(t *testing.T, w *world) func() error {
			return func() error {
				_, err := w.svc.GetReportMetadata(bg, w.root, artifact.GetReportMetadataInput{ReportID: w.soc2.ID, ReportVersion: new(int64(1))})
				return err
			}
		}},
		{"GetTermForReport", func(t *testing.T, w *world) func() error {
			return func() error {
				_, err := w.svc.GetTermForReport(bg, w.root, artifact.GetTermForReportInput{ReportID: w.soc2.ID})
				return err
			}
		}},
		{"GetReport", func(t *testing.T, w *world) func() error {
			term, err := w.svc.GetTermForReport(bg, w.root, artifact.GetTermForReportInput{ReportID: w.soc2.ID})
			require.NoError(t, err)
			return func() error {
				_, err := w.svc.GetReport(bg, w.root, artifact.GetReportInput{ReportID: w.soc2.ID, TermToken: term.TermToken})
				return err
			}
		}},
		{"ListAgreements", func(t *testing.T, w *world) func() error {
			return func() error {
				_, err := w.svc.ListAgreements(bg, w.root, artifact.ListAgreementsInput{})
				return err
			}
		}},
		{"GetNdaForAgreement", func(t *testing.T, w *world) func() error {
			return func() error {
				_, err := w.svc.GetNdaForAgreement(bg, w.root, artifact.GetNdaForAgreementInput{AgreementID: baa})
				return err
			}
		}},
		{"AcceptNdaForAgreement", func(t *testing.T, w *world) func() error {
			n, err := w.svc.GetNdaForAgreement(bg, w.root, artifact.GetNdaForAgreementInput{AgreementID: baa})
			require.NoError(t, err)
			return func() error {
				_, err := w.svc.AcceptNdaForAgreement(bg, w.root, artifact.AcceptNdaForAgreementInput{AgreementID: baa,
					AgreementRevisionID: n.AgreementRevisionID, NdaToken: n.AcceptNdaForAgreementToken})
				return err
			}
		}},
		{"GetAgreement", func(t *testing.T, w *world) func() error {
			n, err := w.svc.GetNdaForAgreement(bg, w.root, artifact.GetNdaForAgreementInput{AgreementID: baa})
			require.NoError(t, err)
			a, err := w.svc.AcceptNdaForAgreement(bg, w.root, artifact.AcceptNdaForAgreementInput{AgreementID: baa,
				AgreementRevisionID: n.AgreementRevisionID, NdaToken: n.AcceptNdaForAgreementToken})
			require.NoError(t, err)
			return func() error {
				_, err := w.svc.GetAgreement(bg, w.root, artifact.GetAgreementInput{AgreementID: baa, NdaToken: a.GetAgreementToken})
				return err
			}
		}},
		{"AcceptAgreement", func(t *testing.T, w *world) func() error {
			v := w.read(t, w.root, baa)
			return func() error {
				_, err := w.svc.AcceptAgreement(bg, w.root, artifact.AcceptAgreementInput{AgreementID: baa, AgreementRevisionID: v.AgreementRevisionID,
					AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteAgreementToken: v.ExecuteAgreementToken})
				return err
			}
		}},
		{"AcceptAgreement", func(t *testing.T, w *world) func() error { // organization scope
			v := w.read(t, w.mgmt, baa)
			return func() error {
				_, err := w.svc.AcceptAgreement(bg, w.mgmt, artifact.AcceptAgreementInput{AgreementID: baa, AgreementRevisionID: v.AgreementRevisionID,
					AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteAgreementToken: v.ExecuteAgreementToken, Scope: agreement.ScopeOrganization})
				return err
			}
		}},
		{"ListCustomerAgreements", func(t *testing.T, w *world) func() error {
			_, err := w.acceptAs(t, w.root, baa, agreement.ScopeAccount)
			require.NoError(t, err)
			return func() error {
				_, err := w.svc.ListCustomerAgreements(bg, w.root, artifact.ListCustomerAgreementsInput{})
				return err
			}
		}},
		{"GetCustomerAgreement", func(t *testing.T, w *world) func() error {
			out, err := w.acceptAs(t, w.root, baa, agreement.ScopeAccount)
			require.NoError(t, err)
			return func() error {
				_, err := w.svc.GetCustomerAgreement(bg, w.root, artifact.GetCustomerAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID})
				return err
			}
		}},
		{"TerminateAgreement", func(t *testing.T, w *world) func() error {
			out, err := w.acceptAs(t, w.root, baa, agreement.ScopeAccount)
			require.NoError(t, err)
			got, err := w.svc.GetCustomerAgreement(bg, w.root, artifact.GetCustomerAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID})
			require.NoError(t, err)
			return func() error {
				_, err := w.svc.TerminateAgreement(bg, w.root, artifact.TerminateAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID,
					TerminateAgreementToken: got.TerminateAgreementToken})
				return err
			}
		}},
		{"TerminateAgreement", func(t *testing.T, w *world) func() error { // organization scope
			out, err := w.acceptAs(t, w.mgmt, baa, agreement.ScopeOrganization)
			require.NoError(t, err)
			got, err := w.svc.GetCustomerAgreement(bg, w.mgmt, artifact.GetCustomerAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID})
			require.NoError(t, err)
			return func() error {
				_, err := w.svc.TerminateAgreement(bg, w.mgmt, artifact.TerminateAgreementInput{CustomerAgreementID: out.CustomerAgreement.ID,
					TerminateAgreementToken: got.TerminateAgreementToken})
				return err
			}
		}},
		{"CreateComplianceInquiry", func(t *testing.T, w *world) func() error {
			return func() error {
				_, err := w.svc.CreateComplianceInquiry(bg, w.root, artifact.CreateComplianceInquiryInput{Name: "n", ClientToken: "tok",
					InquiryContent: artifact.InquiryContent{FileContent: &artifact.InquiryFileContent{Content: []byte("Question\nDo you have a SOC 2 report?\n")}},
					Tags:           inquiry.Tags{"team": "grc"}})
				return err
			}
		}},
		{"GetComplianceInquiryMetadata", func(t *testing.T, w *world) func() error {
			in := w.ask(t, w.root, "Do you have a SOC 2 report?", inquiry.Tags{"team": "grc"})
			return func() error {
				_, err := w.svc.GetComplianceInquiryMetadata(bg, w.root, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: in.ID})
				return err
			}
		}},
		{"ListComplianceInquiries", func(t *testing.T, w *world) func() error {
			w.ask(t, w.root, "q1", nil)
			w.ask(t, w.root, "q2", nil)
			first, err := w.svc.ListComplianceInquiries(bg, w.root, artifact.ListComplianceInquiriesInput{MaxResults: 1})
			require.NoError(t, err)
			return func() error {
				_, err := w.svc.ListComplianceInquiries(bg, w.root, artifact.ListComplianceInquiriesInput{MaxResults: 1, NextToken: first.NextToken})
				return err
			}
		}},
		{"ListComplianceInquiryQueries", func(t *testing.T, w *world) func() error {
			in := w.ask(t, w.root, "Do you have a SOC 2 report?", nil)
			return func() error {
				_, err := w.svc.ListComplianceInquiryQueries(bg, w.root, artifact.ListComplianceInquiryQueriesInput{ComplianceInquiryID: in.ID})
				return err
			}
		}},
		{"ExportComplianceInquiry", func(t *testing.T, w *world) func() error {
			in := w.ask(t, w.root, "Do you have a SOC 2 report?", nil)
			return func() error {
				_, err := w.svc.ExportComplianceInquiry(bg, w.root, artifact.ExportComplianceInquiryInput{ComplianceInquiryID: in.ID, IncludeCitations: true})
				return err
			}
		}},
		{"PutComplianceInquiryFeedback", func(t *testing.T, w *world) func() error {
			in := w.ask(t, w.root, "Do you have a SOC 2 report?", nil)
			return func() error {
				_, err := w.svc.PutComplianceInquiryFeedback(bg, w.root, artifact.PutComplianceInquiryFeedbackInput{ComplianceInquiryID: in.ID,
					QueryIdentifier: 1, Rating: inquiry.ThumbsUp, ClientToken: "fb"})
				return err
			}
		}},
		{"TagResource", func(t *testing.T, w *world) func() error {
			in := w.ask(t, w.root, "q", inquiry.Tags{"team": "grc"})
			return func() error {
				_, err := w.svc.TagResource(bg, w.root, artifact.TagResourceInput{ResourceARN: in.ARN, Tags: inquiry.Tags{"stage": "draft"}})
				return err
			}
		}},
		{"UntagResource", func(t *testing.T, w *world) func() error {
			in := w.ask(t, w.root, "q", inquiry.Tags{"team": "grc"})
			return func() error {
				_, err := w.svc.UntagResource(bg, w.root, artifact.UntagResourceInput{ResourceARN: in.ARN, TagKeys: []string{"team"}})
				return err
			}
		}},
		{"ListTagsForResource", func(t *testing.T, w *world) func() error {
			in := w.ask(t, w.root, "q", inquiry.Tags{"team": "grc"})
			return func() error {
				_, err := w.svc.ListTagsForResource(bg, w.root, artifact.ListTagsForResourceInput{ResourceARN: in.ARN})
				return err
			}
		}},
		{"GetAccountSettings", func(t *testing.T, w *world) func() error {
			return func() error {
				_, err := w.svc.GetAccountSettings(bg, w.root)
				return err
			}
		}},
		{"PutAccountSettings", func(t *testing.T, w *world) func() error {
			return func() error {
				_, err := w.svc.PutAccountSettings(bg, w.root, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Subscribed})
				return err
			}
		}},
	}
}

// requireDeclared fails unless err is nil or an error of a type op
// declares, reached without the service's safety net.
func requireDeclared(t *testing.T, op string, err error, what string) {
	t.Helper()
	if err == nil {
		return
	}
	var api artifact.APIError
	require.True(t, errors.As(err, &api), "%s: %s: %v is not an APIError", op, what, err)
	require.Contains(t, artifact.DeclaredErrors()[op], api.ErrorCode(), "%s: %s: %v", op, what, err)
	require.False(t, errors.Is(err, artifact.ErrUndeclared), "%s: %s: %v", op, what, err)
	switch e := err.(type) {
	case *artifact.ResourceNotFoundException:
		require.Contains(t, []string{artifact.ResourceTypeReport, artifact.ResourceTypeAgreement, artifact.ResourceTypeCustomerAgreement,
			artifact.ResourceTypeComplianceInquiry}, e.ResourceType, "%s: %s: %v", op, what, err)
		require.NotEmpty(t, e.ResourceID, "%s: %s: %v", op, what, err)
	case *artifact.ConflictException:
		require.NotEmpty(t, e.ResourceType, "%s: %s: %v", op, what, err)
		require.NotEmpty(t, e.ResourceID, "%s: %s: %v", op, what, err)
	case *artifact.InternalServerException:
		if e.Err != nil {
			require.NotContains(t, e.Message, e.Err.Error(), "%s: %s: item 9, the cause stays out of the message", op, what)
		}
	}
}

// The failures a store returns: its own (I/O) and the sentinels of each
// package, and a cancelled context.
var storeErrors = []error{
	errors.New("dial tcp 10.0.0.7:5432: password authentication failed for user \"artifact\""),
	org.ErrConflict, org.ErrNotFound, org.ErrExists, org.ErrInvalidInput,
	report.ErrConflict, report.ErrNotFound, report.ErrInvalid,
	notify.ErrConflict, audit.ErrConflict, context.Canceled,
	inquiry.ErrConflict, inquiry.ErrNotFound, inquiry.ErrExists,
}

// Every AWS operation, whatever fails beneath it, answers only the error
// types AWS declares for it (issue 13, item 2): each store call it makes
// fails in turn (that call alone, and every call from it on) with every
// kind of store failure.
func TestEveryErrorIsDeclared(t *testing.T) {
	for i, o := range operations() {
		t.Run(fmt.Sprintf("%s/%d", o.op, i), func(t *testing.T) {
			w := newWorld(t)
			call := o.prepare(t, w)
			w.faults.arm(0, false, nil)
			require.NoError(t, call(), "the operation succeeds in its world")
			n := w.faults.disarm()
			require.Positive(t, n)
			for at := 1; at <= n; at++ {
				for _, once := range []bool{true, false} {
					for _, serr := range storeErrors {
						w := newWorld(t)
						call := o.prepare(t, w)
						w.faults.arm(at, once, serr)
						err := call()
						w.faults.disarm()
						requireDeclared(t, o.op, err, fmt.Sprintf("store call %d (once %v) failing with %v", at, once, serr))
						var ie *artifact.InternalServerException
						if errors.As(err, &ie) {
							require.NotContains(t, ie.Error(), "password", "item 9: the failure's text stays out of the message")
						}
					}
				}
			}
		})
	}
}

// Every AWS operation, given what a caller may send it — no caller, a
// denial, malformed fields, unknown resources, tokens refused, states that
// refuse the change — answers only the error types AWS declares for it
// (issue 13, item 2).
func TestEveryRefusalIsDeclared(t *testing.T) {
	w := newWorld(t)
	denied := caller(t, member, "arn:aws:iam::222222222222:user/nobody", nil)
	legacy, err := artifact.NewCaller(artifact.Identity{Account: member, Model: artifact.Legacy,
		Principal: "arn:aws:iam::222222222222:user/legacy", Policies: nil})
	require.NoError(t, err)
	callers := map[string]*artifact.Caller{"no caller": nil, "denied": denied, "legacy denied": legacy, "root": w.root, "management": w.mgmt}
	ids := map[string]string{"malformed": "nope", "unknown report": "report-DoesNotExist0001", "unavailable": w.soc2.ID, "gated": w.gated.ID}
	agreements := map[string]agreement.ID{"malformed": "agreement-x", "unknown": "agreement-unknown000000001", "account only": "agreement-acctonly00000001", "baa": baa}
	tokens := map[string]string{"none": "", "malformed": "x<y>", "long": strings.Repeat("a", 300), "forged term": "term-token-abcdefghijklmnopqrstuvwx",
		"forged nda": "nda-token-abcdefghijklmnopqrstuvwx", "forged agreement": "agreement-token-abcdefghijklmnopqrstuvwx"}
	versions := map[string]*int64{"latest": nil, "zero": new(int64(0)), "one": new(int64(1)), "unpublished": new(int64(2)), "nine": new(int64(9))}
	pages := []struct {
		max  int
		next string
	}{{0, ""}, {301, ""}, {-1, ""}, {1, "forged.token"}, {1, strings.Repeat("a", 2049)}}
	// An account agreement the member accepted, and one it terminated.
	active, err := w.acceptAs(t, w.root, andb, agreement.ScopeAccount)
	require.NoError(t, err)
	ended, err := w.acceptAs(t, w.root, baa, agreement.ScopeAccount)
	require.NoError(t, err)
	got, err := w.svc.GetCustomerAgreement(bg, w.root, artifact.GetCustomerAgreementInput{CustomerAgreementID: ended.CustomerAgreement.ID})
	require.NoError(t, err)
	_, err = w.svc.TerminateAgreement(bg, w.root, artifact.TerminateAgreementInput{CustomerAgreementID: ended.CustomerAgreement.ID, TerminateAgreementToken: got.TerminateAgreementToken})
	require.NoError(t, err)
	customerAgreements := map[string]agreement.CustomerAgreementID{"malformed": "customer-agreement-x", "unknown": "customer-agreement-0000000000000000",
		"active": active.CustomerAgreement.ID, "ended": ended.CustomerAgreement.ID}
	w.publish(t, report.Report{ID: w.soc2.ID, Name: "SOC 2", Series: "SOC", Family: "SOC 2", Category: "Certifications and Attestations",
		PeriodStart: report.D(2025, 4, 1), PeriodEnd: report.D(2026, 3, 31), AcceptanceType: report.Explicit, State: report.Unpublished})

	n := 0
	check := func(op, what string, err error) {
		t.Helper()
		n++
		requireDeclared(t, op, err, what)
	}
	for cname, c := range callers {
		for _, p := range pages {
			what := fmt.Sprintf("%s, page %d %q", cname, p.max, p.next)
			_, err := w.svc.ListReports(bg, c, artifact.ListReportsInput{MaxResults: p.max, NextToken: p.next})
			check("ListReports", what, err)
			_, err = w.svc.ListAgreements(bg, c, artifact.ListAgreementsInput{MaxResults: p.max, NextToken: p.next})
			check("ListAgreements", what, err)
			_, err = w.svc.ListCustomerAgreements(bg, c, artifact.ListCustomerAgreementsInput{MaxResults: p.max, NextToken: p.next})
			check("ListCustomerAgreements", what, err)
			for iname, id := range ids {
				_, err = w.svc.ListReportVersions(bg, c, artifact.ListReportVersionsInput{ReportID: id, MaxResults: p.max, NextToken: p.next})
				check("ListReportVersions", what+", "+iname, err)
			}
		}
		for iname, id := range ids {
			for vname, v := range versions {
				what := fmt.Sprintf("%s, %s report, version %s", cname, iname, vname)
				_, err := w.svc.GetReportMetadata(bg, c, artifact.GetReportMetadataInput{ReportID: id, ReportVersion: v})
				check("GetReportMetadata", what, err)
				_, err = w.svc.GetTermForReport(bg, c, artifact.GetTermForReportInput{ReportID: id, ReportVersion: v})
				check("GetTermForReport", what, err)
				for tname, tok := range tokens {
					_, err = w.svc.GetReport(bg, c, artifact.GetReportInput{ReportID: id, ReportVersion: v, TermToken: tok})
					check("GetReport", what+", token "+tname, err)
				}
			}
		}
		for aname, id := range agreements {
			what := fmt.Sprintf("%s, %s agreement", cname, aname)
			_, err := w.svc.GetNdaForAgreement(bg, c, artifact.GetNdaForAgreementInput{AgreementID: id})
			check("GetNdaForAgreement", what, err)
			for tname, tok := range tokens {
				for _, rev := range []agreement.RevisionID{"", "bad", "00000000-0000-4000-8000-000000000000"} {
					what := fmt.Sprintf("%s, token %s, revision %q", what, tname, rev)
					_, err = w.svc.AcceptNdaForAgreement(bg, c, artifact.AcceptNdaForAgreementInput{AgreementID: id, AgreementRevisionID: rev, NdaToken: tok})
					check("AcceptNdaForAgreement", what, err)
					for _, scope := range []agreement.Scope{"", agreement.ScopeAccount, agreement.ScopeOrganization, "OU"} {
						_, err = w.svc.AcceptAgreement(bg, c, artifact.AcceptAgreementInput{AgreementID: id, AgreementRevisionID: rev,
							AcceptanceTermsToken: tok, ExecuteAgreementToken: tok, Scope: scope})
						check("AcceptAgreement", what+", scope "+string(scope), err)
					}
				}
				_, err = w.svc.GetAgreement(bg, c, artifact.GetAgreementInput{AgreementID: id, NdaToken: tok})
				check("GetAgreement", what+", token "+tname, err)
			}
		}
		for cname2, id := range customerAgreements {
			what := fmt.Sprintf("%s, %s customer agreement", cname, cname2)
			_, err := w.svc.GetCustomerAgreement(bg, c, artifact.GetCustomerAgreementInput{CustomerAgreementID: id})
			check("GetCustomerAgreement", what, err)
			for tname, tok := range tokens {
				_, err = w.svc.TerminateAgreement(bg, c, artifact.TerminateAgreementInput{CustomerAgreementID: id, TerminateAgreementToken: tok})
				check("TerminateAgreement", what+", token "+tname, err)
			}
		}
		_, err := w.svc.GetAccountSettings(bg, c)
		check("GetAccountSettings", cname, err)
		for _, st := range []notify.Status{"", notify.Subscribed, notify.NotSubscribed, "MAYBE"} {
			_, err = w.svc.PutAccountSettings(bg, c, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: st})
			check("PutAccountSettings", cname+", status "+string(st), err)
		}
	}

	// The states that refuse a change: an agreement already active, one
	// no longer active, a term token of another version, an approval
	// missing.
	_, err = w.acceptAs(t, w.root, andb, agreement.ScopeAccount)
	check("AcceptAgreement", "already active", err)
	require.ErrorIs(t, err, agreement.ErrAlreadyActive)
	_, err = w.svc.TerminateAgreement(bg, w.root, artifact.TerminateAgreementInput{CustomerAgreementID: ended.CustomerAgreement.ID,
		TerminateAgreementToken: got.TerminateAgreementToken})
	check("TerminateAgreement", "no longer active", err)
	require.ErrorIs(t, err, agreement.ErrNotActive)
	_, err = w.acceptAs(t, w.root, "agreement-acctonly00000001", agreement.ScopeOrganization)
	check("AcceptAgreement", "scope not offered", err)
	_, err = w.acceptAs(t, w.root, andb, agreement.ScopeOrganization)
	check("AcceptAgreement", "a member at organization scope", err)
	term, err := w.svc.GetTermForReport(bg, w.root, artifact.GetTermForReportInput{ReportID: w.pci.ID})
	require.NoError(t, err)
	_, err = w.svc.GetReport(bg, w.root, artifact.GetReportInput{ReportID: w.soc2.ID, TermToken: term.TermToken})
	check("GetReport", "another report's token", err)
	term, err = w.svc.GetTermForReport(bg, w.root, artifact.GetTermForReportInput{ReportID: w.gated.ID})
	require.NoError(t, err)
	_, err = w.svc.GetReport(bg, w.root, artifact.GetReportInput{ReportID: w.gated.ID, TermToken: term.TermToken})
	check("GetReport", "approval missing", err)
	require.ErrorIs(t, err, report.ErrApprovalRequired)
	require.Greater(t, n, 1000)
}
