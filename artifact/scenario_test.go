package artifact_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

// The service corpus of ../shared/conformance/scenarios (service.json),
// copied into testdata. Its README is the contract; SERVICE_SCENARIOS names
// another file of the same format to run instead.

type serviceScenario struct {
	Name    string                    `json:"name"`
	Rules   []string                  `json:"rules"`
	Reports []scenarioReport          `json:"reports"`
	Callers map[string]scenarioCaller `json:"callers"`
	Steps   []serviceStep             `json:"steps"`
	// ProcessingSeconds and ReviewSeconds configure the compliance
	// inquiry Assistant (inquiries.json; see testdata/inquiries.md).
	ProcessingSeconds int `json:"processing_seconds"`
	ReviewSeconds     int `json:"review_seconds"`
}

type scenarioReport struct {
	Ref         string    `json:"ref"`
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Series      string    `json:"series"`
	Category    string    `json:"category"`
	Version     int64     `json:"version"`
	State       string    `json:"state"`
	Acceptance  string    `json:"acceptance"`
	PeriodStart string    `json:"period_start"`
	PeriodEnd   string    `json:"period_end"`
	PublishedAt time.Time `json:"published_at"`
	Absent      bool      `json:"absent"`
}

type scenarioCaller struct {
	Principal string                     `json:"principal"`
	Policies  []json.RawMessage          `json:"policies"`
	SCPs      []json.RawMessage          `json:"scps"`
	Context   map[string]json.RawMessage `json:"context"`
}

type serviceStep struct {
	Op   string `json:"op"`
	As   string `json:"as"`
	Args struct {
		Report    string `json:"report"`
		Agreement string `json:"agreement"`
		Scope     string `json:"scope"`
		Status    string `json:"status"`
		inquiryArgs
	} `json:"args"`
	Expect json.RawMessage `json:"expect"`
}

type serviceExpect struct {
	Error    string   `json:"error"`
	Action   string   `json:"action"`
	Resource string   `json:"resource"`
	Refs     []string `json:"refs"`
	// ResourceType is the resourceType of a ResourceNotFoundException or
	// ConflictException (inquiries.json).
	ResourceType string `json:"resourceType"`
}

// The world every service scenario shares: account 111122223333, a member
// of an organization managed by another account.
const (
	scenarioAccount    = org.AccountID("111122223333")
	scenarioManagement = org.AccountID("999988887777")
	scenarioOrg        = org.ID("o-scenarioorg01")
	// noCustomerAgreement names a customer agreement when the account has
	// none of the step's agreement and scope.
	noCustomerAgreement = agreement.CustomerAgreementID("customer-agreement-0000000000000000")
)

var scenarioAgreements = map[string]agreement.Spec{
	"BAA":          {ID: "agreement-baa0000000000001", Name: "AWS Business Associate Addendum", Kind: agreement.KindBAA, Type: agreement.TypeDefault, Subjects: []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization}},
	"ANDB":         {ID: "agreement-andb000000000001", Name: "AWS Australian Notifiable Data Breach Addendum", Kind: agreement.KindAddendum, Type: agreement.TypeDefault, Subjects: []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization}},
	"NZNDB":        {ID: "agreement-nzndb00000000001", Name: "AWS New Zealand Notifiable Data Breach Addendum", Kind: agreement.KindAddendum, Type: agreement.TypeDefault, Subjects: []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization}},
	"ACCOUNT-ONLY": {ID: "agreement-acctonly00000001", Name: "A custom agreement", Kind: agreement.KindCustom, Type: agreement.TypeCustom, Subjects: []agreement.Scope{agreement.ScopeAccount}},
}

func loadServiceScenarios(t *testing.T) []serviceScenario {
	t.Helper()
	path := os.Getenv("SERVICE_SCENARIOS")
	if path == "" {
		path = "testdata/service.json"
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var out []serviceScenario
	require.NoError(t, json.Unmarshal(data, &out))
	require.NotEmpty(t, out)
	return out
}

// TestServiceScenarios drives the service through every scenario of the
// corpus, one subtest each (G1-G7, N1, N2, T1, A12, R1, S1).
func TestServiceScenarios(t *testing.T) {
	for _, sc := range loadServiceScenarios(t) {
		t.Run(sc.Name, func(t *testing.T) { runServiceScenario(t, sc) })
	}
}

// tokens holds what an account received, as AWS's tokens flow: the latest
// of each kind (README, service.json).
type tokens struct {
	term      map[string]string // report ref -> term token
	nda       map[agreement.ID]*artifact.GetNdaForAgreementOutput
	getAgr    map[agreement.ID]string
	view      map[agreement.ID]*artifact.GetAgreementOutput
	terminate map[agreement.CustomerAgreementID]string
	// calls counts the calls of the step (ListReports pages).
	calls int
	// inquiries are the compliance inquiries created, by the step's ref.
	inquiries map[string]inquiry.Inquiry
	clock     *artifacttest.Clock
}

func runServiceScenario(t *testing.T, sc serviceScenario) {
	ctx := context.Background()
	clock := artifacttest.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	svc, err := artifact.New(artifact.WithClock(clock.Now), artifact.WithRand(rand.NewChaCha8([32]byte{7})),
		artifact.WithInquiryOptions(inquiry.WithProcessingTime(time.Duration(sc.ProcessingSeconds)*time.Second),
			inquiry.WithReviewTime(time.Duration(sc.ReviewSeconds)*time.Second)))
	require.NoError(t, err)

	// The world: the organization, the agreement catalog, the reports.
	_, err = svc.CreateOrganization(ctx, scenarioOrg, scenarioManagement, org.AllFeatures)
	require.NoError(t, err)
	_, _, err = svc.JoinOrganization(ctx, scenarioAccount, scenarioOrg)
	require.NoError(t, err)
	for _, spec := range scenarioAgreements {
		_, err := svc.DefineAgreement(ctx, spec)
		require.NoError(t, err)
	}
	refs := map[string]scenarioReport{}
	refOf := map[report.Ref]string{}
	for _, r := range sc.Reports {
		refs[r.Ref] = r
		refOf[report.Ref{ID: r.ID, Version: r.Version}] = r.Ref
		if r.Absent {
			continue
		}
		_, err := svc.PublishReport(ctx, scenarioVersion(t, r))
		require.NoError(t, err, r.Ref)
	}
	callers := map[string]*artifact.Caller{}
	for name, c := range sc.Callers {
		callers[name] = scenarioCallerOf(t, c)
	}

	tk := tokens{term: map[string]string{}, nda: map[agreement.ID]*artifact.GetNdaForAgreementOutput{},
		getAgr: map[agreement.ID]string{}, view: map[agreement.ID]*artifact.GetAgreementOutput{},
		terminate: map[agreement.CustomerAgreementID]string{}, inquiries: map[string]inquiry.Inquiry{}}

	for i, st := range sc.Steps {
		clock.Advance(time.Second)
		c := callers[st.As]
		require.True(t, c != nil || isServiceStep(st.Op), "step %d: unknown caller %q", i, st.As)
		tk.clock = clock
		before := trailLen(t, svc)
		tk.calls = 1
		listed, err := runServiceStep(ctx, t, svc, c, st, refs, &tk)

		var want serviceExpect
		if string(st.Expect) != `"ok"` {
			require.NoError(t, json.Unmarshal(st.Expect, &want), "step %d", i)
		}
		where := func() string { return st.Op + " as " + st.As }
		switch {
		case want.Error != "":
			require.Error(t, err, "step %d %s: want %s", i, where(), want.Error)
			var api artifact.APIError
			require.True(t, errors.As(err, &api), "step %d: %v is not an APIError", i, err)
			require.Equal(t, want.Error, api.ErrorCode(), "step %d %s: %v", i, where(), err)
			if want.Error == "AccessDeniedException" {
				var ad *artifact.AccessDeniedException
				require.True(t, errors.As(err, &ad))
				require.Equal(t, want.Action, ad.Action, "step %d %s: action", i, where())
				if want.Resource != "" {
					require.Equal(t, tk.expand(want.Resource), ad.Resource, "step %d %s: resource", i, where())
				}
			}
			if want.ResourceType != "" {
				var (
					nf *artifact.ResourceNotFoundException
					ce *artifact.ConflictException
				)
				switch {
				case errors.As(err, &nf):
					require.Equal(t, want.ResourceType, nf.ResourceType, "step %d %s: resourceType", i, where())
					require.NotEmpty(t, nf.ResourceID, "step %d %s: resourceId", i, where())
				case errors.As(err, &ce):
					require.Equal(t, want.ResourceType, ce.ResourceType, "step %d %s: resourceType", i, where())
					require.NotEmpty(t, ce.ResourceID, "step %d %s: resourceId", i, where())
				}
			}
		default:
			require.NoError(t, err, "step %d %s", i, where())
			if want.Refs != nil {
				var got []string
				for _, r := range listed {
					got = append(got, refOf[r.Ref()])
				}
				sort.Strings(got)
				sort.Strings(want.Refs)
				if got == nil {
					got = []string{}
				}
				require.Empty(t, cmp.Diff(want.Refs, got), "step %d %s: listed reports", i, where())
			}
		}
		// G5: every call, allowed or denied, leaves exactly one record
		// (ListReports pages, one call a page).
		require.Equal(t, before+tk.calls, trailLen(t, svc), "step %d %s: audit records", i, where())
	}
	require.NoError(t, svc.Audit().Verify(ctx))
}

// runServiceStep performs one step, keeping the tokens it returns.
func runServiceStep(ctx context.Context, t *testing.T, svc *artifact.Service, c *artifact.Caller, st serviceStep,
	refs map[string]scenarioReport, tk *tokens) ([]report.Report, error) {
	t.Helper()
	if done, err := runInquiryStep(ctx, t, svc, c, st, tk); done {
		return nil, err
	}
	rep := refs[st.Args.Report]
	agr := scenarioAgreements[st.Args.Agreement].ID
	scope := agreement.Scope(st.Args.Scope)
	switch st.Op {
	case "ListReports":
		var all []report.Report
		in := artifact.ListReportsInput{MaxResults: 1}
		for {
			out, err := svc.ListReports(ctx, c, in)
			if err != nil {
				return nil, err
			}
			all = append(all, out.Reports...)
			if out.NextToken == "" {
				return all, nil
			}
			in.NextToken = out.NextToken
			tk.calls++
		}
	case "GetReportMetadata":
		_, err := svc.GetReportMetadata(ctx, c, artifact.GetReportMetadataInput{ReportID: rep.ID, ReportVersion: rep.Version})
		return nil, err
	case "GetTermForReport":
		out, err := svc.GetTermForReport(ctx, c, artifact.GetTermForReportInput{ReportID: rep.ID, ReportVersion: rep.Version})
		if err == nil {
			tk.term[rep.Ref] = out.TermToken
		}
		return nil, err
	case "GetReport":
		_, err := svc.GetReport(ctx, c, artifact.GetReportInput{ReportID: rep.ID, ReportVersion: rep.Version, TermToken: tk.term[rep.Ref]})
		return nil, err
	case "ListAgreements":
		_, err := svc.ListAgreements(ctx, c, artifact.ListAgreementsInput{})
		return nil, err
	case "GetNdaForAgreement":
		out, err := svc.GetNdaForAgreement(ctx, c, artifact.GetNdaForAgreementInput{AgreementID: agr})
		if err == nil {
			tk.nda[agr] = out
		}
		return nil, err
	case "AcceptNdaForAgreement":
		in := artifact.AcceptNdaForAgreementInput{AgreementID: agr}
		if n := tk.nda[agr]; n != nil {
			in.AgreementRevisionID, in.NdaToken = n.AgreementRevisionID, n.AcceptNdaForAgreementToken
		}
		out, err := svc.AcceptNdaForAgreement(ctx, c, in)
		if err == nil {
			tk.getAgr[agr] = out.GetAgreementToken
		}
		return nil, err
	case "GetAgreement":
		out, err := svc.GetAgreement(ctx, c, artifact.GetAgreementInput{AgreementID: agr, NdaToken: tk.getAgr[agr]})
		if err == nil {
			tk.view[agr] = out
		}
		return nil, err
	case "AcceptAgreement":
		in := artifact.AcceptAgreementInput{AgreementID: agr, Scope: scope}
		if v := tk.view[agr]; v != nil {
			in.AgreementRevisionID, in.AcceptanceTermsToken, in.ExecuteAgreementToken = v.AgreementRevisionID, v.AcceptanceTermsToken, v.ExecuteAgreementToken
		}
		_, err := svc.AcceptAgreement(ctx, c, in)
		return nil, err
	case "ListCustomerAgreements":
		_, err := svc.ListCustomerAgreements(ctx, c, artifact.ListCustomerAgreementsInput{})
		return nil, err
	case "GetCustomerAgreement":
		id := customerAgreementOf(ctx, t, svc, agr, scope)
		out, err := svc.GetCustomerAgreement(ctx, c, artifact.GetCustomerAgreementInput{CustomerAgreementID: id})
		if err == nil {
			tk.terminate[id] = out.TerminateAgreementToken
		}
		return nil, err
	case "TerminateAgreement":
		id := customerAgreementOf(ctx, t, svc, agr, scope)
		_, err := svc.TerminateAgreement(ctx, c, artifact.TerminateAgreementInput{CustomerAgreementID: id, TerminateAgreementToken: tk.terminate[id]})
		return nil, err
	case "GetAccountSettings":
		_, err := svc.GetAccountSettings(ctx, c)
		return nil, err
	case "PutAccountSettings":
		_, err := svc.PutAccountSettings(ctx, c, artifact.PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Status(st.Args.Status)})
		return nil, err
	}
	t.Fatalf("unknown op %q", st.Op)
	return nil, nil
}

// customerAgreementOf returns the account's latest customer agreement of
// agreement id at scope, or noCustomerAgreement.
func customerAgreementOf(ctx context.Context, t *testing.T, svc *artifact.Service, id agreement.ID, scope agreement.Scope) agreement.CustomerAgreementID {
	t.Helper()
	ca, err := svc.Agreements().Lookup(ctx, scenarioAccount, id, scope)
	if errors.Is(err, agreement.ErrCustomerAgreementNotFound) {
		return noCustomerAgreement
	}
	require.NoError(t, err)
	return ca.ID
}

func scenarioVersion(t *testing.T, r scenarioReport) report.Report {
	t.Helper()
	start, err := report.ParseDate(r.PeriodStart)
	require.NoError(t, err)
	end, err := report.ParseDate(r.PeriodEnd)
	require.NoError(t, err)
	return report.Report{
		ID: r.ID, Version: r.Version, Name: r.Name, Series: r.Series, Category: r.Category,
		PeriodStart: start, PeriodEnd: end, State: report.PublishedState(r.State),
		AcceptanceType: report.AcceptanceType(r.Acceptance), PublishedAt: r.PublishedAt,
		Document: report.Document{SHA256: sha256.Sum256([]byte(r.ID + r.Name))},
	}
}

func scenarioCallerOf(t *testing.T, c scenarioCaller) *artifact.Caller {
	t.Helper()
	id := artifact.Identity{Account: scenarioAccount, Principal: c.Principal, Context: map[string][]string{}}
	for _, raw := range c.Policies {
		id.Policies = append(id.Policies, policy.MustParse(raw, policy.Identity))
	}
	if len(c.SCPs) > 0 {
		var level []*policy.Document
		for _, raw := range c.SCPs {
			level = append(level, policy.MustParse(raw, policy.ServiceControl))
		}
		id.SCPs = [][]*policy.Document{level}
	}
	for k, v := range c.Context {
		var one string
		if json.Unmarshal(v, &one) == nil {
			id.Context[k] = []string{one}
			continue
		}
		var many []string
		require.NoError(t, json.Unmarshal(v, &many))
		id.Context[k] = many
	}
	caller, err := artifact.NewCaller(id)
	require.NoError(t, err)
	return caller
}

func trailLen(t *testing.T, svc *artifact.Service) int {
	t.Helper()
	recs, err := svc.Audit().Query(context.Background(), audit.Filter{})
	require.NoError(t, err)
	return len(recs)
}
