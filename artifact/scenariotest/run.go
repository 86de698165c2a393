package scenariotest

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/artifact/notify"
	notifymem "github.com/artifactkit/artifactkit/artifact/notify/memstore"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

// Stores are the stores of the Service a scenario runs on. A nil store is
// a fresh in-memory one.
type Stores struct {
	// Org keeps the organizations and the accounts' membership histories.
	Org org.Store
	// Agreement keeps the agreements, customer agreements, NDAs, tokens and designations.
	Agreement agreement.Store
	// Report keeps the reports and the accounts' term tokens, acceptances and access.
	Report report.Store
	// Audit keeps the service's audit trail.
	Audit audit.Store
	// Settings keeps the accounts' settings; the runner reads it too.
	Settings notify.Store
	// Inquiry keeps the compliance inquiries.
	Inquiry inquiry.Store
}

// EnvCorpus is the environment variable that names a corpus to run instead
// of the one Run is given.
const EnvCorpus = "SERVICE_SCENARIOS"

// Run runs every scenario of the corpus at path (empty: the kit's own,
// Corpus) as a subtest of t, each on a Service over the fresh stores
// newStores returns (nil: in memory). The file EnvCorpus names, when set,
// is run instead. A corpus that does not decode strictly, or breaks the
// format, fails t before any scenario runs.
func Run(t *testing.T, path string, newStores func(testing.TB) Stores) {
	t.Helper()
	scenarios, source := loadFor(t, path)
	for _, sc := range scenarios {
		t.Run(sc.Name, func(t *testing.T) { runScenario(t, sc, newStores) })
	}
	t.Logf("%d scenarios of %s", len(scenarios), source)
}

// loadFor reads and checks the corpus Run is to run, failing tb when it
// cannot.
func loadFor(tb testing.TB, path string) ([]*scenario, string) {
	tb.Helper()
	return loadFile(tb, path, EnvCorpus, Corpus)
}

// loadFile reads and checks the corpus at path, or at the file the
// environment variable env names when it is set, or else embedded (nil:
// a path is required).
func loadFile(tb testing.TB, path, env string, embedded []byte) ([]*scenario, string) {
	tb.Helper()
	data, source := embedded, "the kit's corpus"
	if e := os.Getenv(env); e != "" {
		path = e
	}
	if path == "" && embedded == nil {
		require.FailNow(tb, "no corpus: give a path or set "+env)
	}
	if path != "" {
		var err error
		data, err = os.ReadFile(path)
		require.NoError(tb, err, "reading the scenarios")
		source = path
	}
	scenarios, err := load(data)
	require.NoError(tb, err, "%s does not follow the scenario format", source)
	return scenarios, source
}

// run is one scenario in progress: its service, and the tokens the
// account received, the latest of each kind, as AWS's tokens flow.
type run struct {
	ctx      context.Context
	tb       testing.TB
	svc      *artifact.Service
	sc       *scenario
	settings notify.Store
	clock    *clock
	// inquiries are the compliance inquiries the steps created, by ref.
	inquiries map[string]artifact.InquirySummary

	term         map[string]string // report ref -> term token
	nda          map[agreement.ID]*artifact.GetNdaForAgreementOutput
	getAgreement map[agreement.ID]string
	view         map[agreement.ID]*artifact.GetAgreementOutput
	terminate    map[agreement.CustomerAgreementID]string
}

// clock is the scenario's clock: a second passes before each step.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) tick() { c.advance(time.Second) }

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func runScenario(tb testing.TB, sc *scenario, newStores func(testing.TB) Stores) {
	tb.Helper()
	var stores Stores
	if newStores != nil {
		stores = newStores(tb)
	}
	// artifact.New keeps a nil store in memory; the settings store is made
	// here because the runner reads it (the service has no view of it).
	if stores.Settings == nil {
		stores.Settings = notifymem.New()
	}
	ctx := context.Background()
	clk := &clock{now: sc.clockStart()}
	svc, err := artifact.New(artifact.WithClock(clk.Now), artifact.WithRand(rand.NewChaCha8([32]byte{7})),
		artifact.WithOrgStore(stores.Org), artifact.WithAgreementStore(stores.Agreement), artifact.WithReportStore(stores.Report),
		artifact.WithAuditStore(stores.Audit), artifact.WithSettingsStore(stores.Settings), artifact.WithInquiryStore(stores.Inquiry),
		artifact.WithInquiryOptions(inquiry.WithProcessingTime(time.Duration(sc.ProcessingSeconds)*time.Second),
			inquiry.WithReviewTime(time.Duration(sc.ReviewSeconds)*time.Second)))
	require.NoError(tb, err)

	// The world: the organization, the agreement catalog, the reports.
	_, err = svc.CreateOrganization(ctx, orgID, management, org.AllFeatures)
	require.NoError(tb, err)
	_, _, err = svc.JoinOrganization(ctx, account, orgID)
	require.NoError(tb, err)
	names := make([]string, 0, len(catalog))
	for name := range catalog {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		_, err := svc.DefineAgreement(ctx, catalog[name])
		require.NoError(tb, err, "defining %s", name)
	}
	refOf := map[report.Ref]string{}
	for _, v := range sc.Reports {
		refOf[report.Ref{ID: v.ID, Version: v.Version}] = v.Ref
		if v.Absent {
			continue
		}
		r := v.report
		r.Document = report.Document{SHA256: sha256.Sum256([]byte(r.ID + r.Name))}
		_, err := svc.PublishReport(ctx, r)
		require.NoError(tb, err, "publishing %s", v.Ref)
	}
	callers := map[string]*artifact.Caller{}
	for name, id := range sc.identity {
		in := artifact.Identity{Account: account, Principal: id.principal, Policies: id.policies, Context: id.context}
		if len(id.scps) > 0 {
			in.SCPs = [][]*policy.Document{id.scps}
		}
		c, err := artifact.NewCaller(in)
		require.NoError(tb, err, "caller %s", name)
		callers[name] = c
	}

	r := &run{ctx: ctx, tb: tb, svc: svc, sc: sc, settings: stores.Settings, clock: clk, inquiries: map[string]artifact.InquirySummary{},
		term: map[string]string{}, nda: map[agreement.ID]*artifact.GetNdaForAgreementOutput{},
		getAgreement: map[agreement.ID]string{}, view: map[agreement.ID]*artifact.GetAgreementOutput{},
		terminate: map[agreement.CustomerAgreementID]string{}}
	for i := range sc.Steps {
		clk.tick()
		r.step(tb, i, &sc.Steps[i], callers[sc.Steps[i].As], refOf)
	}
	require.NoError(tb, svc.Audit().Verify(ctx), "the audit trail verifies")
}

// step runs one step and compares its answer with its expect.
func (r *run) step(tb testing.TB, i int, st *step, c *artifact.Caller, refOf map[report.Ref]string) {
	tb.Helper()
	where := st.describe(i)
	before := r.trailLen(tb)
	state := r.fingerprint(tb)
	res, err := ops[st.Op].call(r, c, st)
	want := st.want
	if want.Error != "" {
		require.Error(tb, err, "%s: want %s", where, want.Error)
		var api artifact.APIError
		require.True(tb, errors.As(err, &api), "%s: %v is not an APIError", where, err)
		require.Equal(tb, want.Error, api.ErrorCode(), "%s: %v", where, err)
		if want.Error == "AccessDeniedException" {
			var ad *artifact.AccessDeniedException
			require.True(tb, errors.As(err, &ad), where)
			require.Equal(tb, *want.Action, ad.Action, "%s: the action the denial names", where)
			if want.Resource != nil {
				require.Equal(tb, r.expand(*want.Resource), ad.Resource, "%s: the resource the denial names", where)
			}
		}
		if want.ResourceType != nil {
			var (
				nf *artifact.ResourceNotFoundException
				ce *artifact.ConflictException
			)
			switch {
			case errors.As(err, &nf):
				require.Equal(tb, *want.ResourceType, nf.ResourceType, "%s: resourceType", where)
				require.NotEmpty(tb, nf.ResourceID, "%s: resourceId", where)
			case errors.As(err, &ce):
				require.Equal(tb, *want.ResourceType, ce.ResourceType, "%s: resourceType", where)
				require.NotEmpty(tb, ce.ResourceID, "%s: resourceId", where)
			}
		}
		// A failed step changes nothing.
		require.Equal(tb, state, r.fingerprint(tb), "%s: a failed step changed something", where)
	} else {
		require.NoError(tb, err, where)
		if want.Refs != nil {
			got := []string{}
			for _, rep := range res.listed {
				name, ok := refOf[rep.Ref()]
				require.True(tb, ok, "%s: listed %s version %d, none of the scenario's", where, rep.ID, rep.Version)
				got = append(got, name)
			}
			wantRefs := slices.Clone(*want.Refs)
			sort.Strings(got)
			sort.Strings(wantRefs)
			require.Empty(tb, cmp.Diff(wantRefs, got), "%s: the reports listed (-want +got)", where)
		}
	}
	// G5: every call, allowed or denied, leaves exactly one record.
	require.Equal(tb, before+res.calls, r.trailLen(tb), "%s: audit records", where)
}

func (r *run) trailLen(tb testing.TB) int {
	tb.Helper()
	n, _, err := r.svc.Audit().Head(r.ctx)
	require.NoError(tb, err)
	return int(n)
}

// fingerprint is what the account can observe now of what its calls
// change, so that a failed step can be shown to change nothing: its
// customer agreements, NDAs and coverage of each agreement, the report
// terms it accepted and its access requests, its settings.
func (r *run) fingerprint(tb testing.TB) string {
	tb.Helper()
	var b strings.Builder
	names := make([]string, 0, len(catalog))
	for name := range catalog {
		names = append(names, name)
	}
	sort.Strings(names)
	ag := r.svc.Agreements()
	for _, name := range names {
		id := catalog[name].ID
		fmt.Fprintf(&b, "%s:", name)
		for _, scope := range bothScopes {
			ca, err := ag.Lookup(r.ctx, account, id, scope)
			switch {
			case errors.Is(err, agreement.ErrCustomerAgreementNotFound):
				b.WriteString(" none")
			case err != nil:
				require.NoError(tb, err)
			default:
				fmt.Fprintf(&b, " %s %s", ca.ID, ca.State)
			}
		}
		nda, err := ag.NDAStatus(r.ctx, account, id)
		require.NoError(tb, err)
		cov, err := ag.Coverage(r.ctx, account, id, r.svc.Now())
		require.NoError(tb, err)
		fmt.Fprintf(&b, " nda %v %s; %s\n", nda.Accepted, nda.Revision, cov.Basis)
	}
	acc, err := r.svc.Reports().Acceptances(r.ctx, account)
	require.NoError(tb, err)
	fmt.Fprintf(&b, "terms accepted: %v\n", acc)
	for _, v := range r.sc.Reports {
		if v.Absent {
			continue
		}
		a, err := r.svc.Reports().Access(r.ctx, account, v.ID)
		require.NoError(tb, err)
		fmt.Fprintf(&b, "access %s: %s\n", v.Ref, a.State)
	}
	st, err := r.settings.Get(r.ctx, account)
	require.NoError(tb, err)
	fmt.Fprintf(&b, "settings: %+v\n", st)
	b.WriteString(r.inquiryFingerprint(tb))
	return b.String()
}
