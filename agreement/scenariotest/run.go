package scenariotest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	agmem "github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/org"
	orgmem "github.com/artifactkit/artifactkit/org/memstore"
)

// Stores are the stores a scenario runs on. A nil store is a fresh
// in-memory one.
type Stores struct {
	// Org keeps the organizations and the accounts' membership histories.
	Org org.Store
	// Agreement keeps the agreements, customer agreements, NDAs, tokens and designations.
	Agreement agreement.Store
}

// EnvCorpus is the environment variable that names a corpus to run instead
// of the one Run is given.
const EnvCorpus = "AGREEMENT_SCENARIOS"

// Run runs every scenario of the corpus at path (empty: the kit's own,
// Corpus) as a subtest of t, each on the fresh stores newStores returns
// (nil: in memory). The file EnvCorpus names, when set, is run instead. A
// corpus that does not decode strictly, or breaks the format, fails t
// before any scenario runs.
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
func loadFor(tb testing.TB, path string) ([]scenario, string) {
	tb.Helper()
	data, source := Corpus, "the kit's corpus"
	if env := os.Getenv(EnvCorpus); env != "" {
		path = env
	}
	if path != "" {
		var err error
		data, err = os.ReadFile(path)
		require.NoError(tb, err, "reading the agreement scenarios")
		source = path
	}
	scenarios, err := load(data)
	require.NoError(tb, err, "%s does not follow the agreement scenario format", source)
	return scenarios, source
}

// world is one scenario's library, driven only through its public API.
type world struct {
	ctx   context.Context
	clock *clock
	dir   *org.Directory
	reg   *agreement.Registry
	// getToken holds each account's get-agreement token of its latest
	// accept_nda of an agreement; pending its latest get_agreement of an
	// agreement made since its last successful accept_agreement of it.
	getToken map[[2]string]string
	pending  map[[2]string]agreement.View
	accounts map[string]bool
	revs     int
}

// clock is the scenario's clock, moved by the steps.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// tokenLifetime outlives every scenario: scenarios span months between
// reading an agreement and accepting it, and token expiry is pinned by
// package agreement's own tests.
const tokenLifetime = 10 * 365 * 24 * time.Hour

func runScenario(tb testing.TB, sc scenario, newStores func(testing.TB) Stores) {
	tb.Helper()
	var stores Stores
	if newStores != nil {
		stores = newStores(tb)
	}
	if stores.Org == nil {
		stores.Org = orgmem.New()
	}
	if stores.Agreement == nil {
		stores.Agreement = agmem.New()
	}
	ctx := context.Background()
	// The catalog exists a second before the first step, whenever that is.
	clk := &clock{now: sc.Steps[0].at.Add(-time.Second)}
	dir := org.NewDirectory(stores.Org, org.WithClock(clk.Now))
	reg := agreement.New(stores.Agreement, dir, agreement.WithTokenLifetime(tokenLifetime))
	for _, c := range catalog {
		_, err := reg.Define(ctx, c.spec)
		require.NoError(tb, err, "defining %s", c.name)
	}
	w := &world{ctx: ctx, clock: clk, dir: dir, reg: reg,
		getToken: map[[2]string]string{}, pending: map[[2]string]agreement.View{}, accounts: map[string]bool{}}
	for i, st := range sc.Steps {
		w.step(tb, i, st)
	}
}

func (w *world) step(tb testing.TB, i int, st step) {
	tb.Helper()
	w.clock.set(st.at)
	for _, a := range []*string{st.Account, st.Management} {
		if a != nil {
			w.accounts[*a] = true
		}
	}
	for _, e := range st.EventsInclude {
		w.accounts[e.Account] = true
	}
	where := fmt.Sprintf("step %d (%s at %s)", i, st.Op, st.at.Format(time.RFC3339))
	if strings.HasPrefix(st.Op, "check_") {
		w.check(tb, where, st)
		return
	}
	before := w.fingerprint(tb)
	events, err := w.act(st)
	got := code(err)
	require.Equal(tb, st.wantCode, got, "%s: error %v", where, err)
	if st.wantCode != "ok" {
		require.Equal(tb, before, w.fingerprint(tb), "%s: a failed step changed something", where)
	}
	// An organization agreement's coverage events stand for its members:
	// the step produced the events they expand into.
	var all []agreement.Event
	for _, e := range events {
		for x, err := range w.reg.Expand(w.ctx, e, "") {
			require.NoError(tb, err, "%s: expanding %s", where, e.Kind)
			all = append(all, x)
		}
	}
	events = all
	for _, e := range st.EventsInclude {
		id, _ := agreementID(e.Agreement)
		kind := eventKinds[e.Kind]
		ok := slices.ContainsFunc(events, func(ev agreement.Event) bool {
			return ev.Kind == kind && string(ev.Account) == e.Account && ev.Agreement == id
		})
		require.True(tb, ok, "%s: no %s event for %s and %s among %+v", where, e.Kind, e.Account, e.Agreement, events)
	}
}

// str returns the value of an argument validation found given.
func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func (w *world) act(st step) ([]agreement.Event, error) {
	ctx, reg := w.ctx, w.reg
	acct := org.AccountID(str(st.Account))
	oid := org.ID(str(st.Org))
	id, _ := agreementID(str(st.Agreement))
	scope := agreement.Scope(str(st.Scope))
	k := [2]string{str(st.Account), str(st.Agreement)}
	var err error
	var ev []agreement.Event
	switch st.Op {
	case "create_organization":
		_, err = w.dir.Create(ctx, oid, org.AccountID(str(st.Management)), org.FeatureSet(str(st.FeatureSet)))
	case "enable_all_features":
		_, err = w.dir.EnableAllFeatures(ctx, oid)
	case "enable_trusted_access":
		_, err = w.dir.EnableTrustedAccess(ctx, oid, org.ArtifactServicePrincipal)
	case "disable_trusted_access":
		_, err = w.dir.DisableTrustedAccess(ctx, oid, org.ArtifactServicePrincipal)
	case "join":
		_, ev, err = reg.Join(ctx, acct, oid)
	case "leave":
		_, ev, err = reg.Leave(ctx, acct)
	case "remove":
		_, ev, err = reg.Remove(ctx, acct)
	case "accept_nda":
		var nda agreement.NDA
		if nda, err = reg.GetNda(ctx, acct, id); err == nil {
			var tok string
			if tok, err = reg.AcceptNda(ctx, acct, id, nda.Revision, nda.Token); err == nil {
				w.getToken[k] = tok
			}
		}
	case "get_agreement":
		var v agreement.View
		if v, err = reg.Get(ctx, acct, id, w.getToken[k]); err == nil {
			w.pending[k] = v
		}
	case "accept_agreement":
		v, ok := w.pending[k]
		if !ok {
			v, err = reg.Get(ctx, acct, id, w.getToken[k])
		}
		if err == nil {
			_, ev, err = reg.Accept(ctx, agreement.AcceptInput{
				Account: acct, Agreement: id, Revision: v.Revision,
				AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteToken: v.ExecuteToken, Scope: scope,
			})
		}
		if err == nil {
			delete(w.pending, k)
		}
	case "terminate_agreement":
		var c agreement.CustomerAgreement
		if c, err = reg.Active(ctx, acct, id, scope); err == nil {
			var v agreement.CustomerAgreementView
			if v, err = reg.GetCustomerAgreement(ctx, acct, c.ID); err == nil {
				_, ev, err = reg.Terminate(ctx, acct, c.ID, v.TerminateToken)
			}
		}
	case "aws_terminate":
		var c agreement.CustomerAgreement
		if c, err = reg.Active(ctx, acct, id, scope); err == nil {
			_, ev, err = reg.AWSTerminate(ctx, c.ID)
		}
	case "publish_revision":
		w.revs++
		_, err = reg.PublishRevision(ctx, id, agreement.RevisionSpec{Document: fmt.Appendf(nil, "%s revision %d", str(st.Agreement), w.revs+1)})
	case "aws_designate_offline":
		_, ev, err = reg.AWSDesignateOffline(ctx, acct)
	case "remove_offline_designation":
		_, ev, err = reg.RemoveOfflineDesignation(ctx, acct)
	case "designate_offline":
		err = reg.DesignateOffline(ctx, acct)
	case "terminate_offline_baa":
		err = reg.TerminateOfflineBAA(ctx, acct)
	case "download_offline_baa":
		err = reg.DownloadOfflineBAA(ctx, acct)
	default:
		// Validation refuses an unknown op; this is the runner's own bug.
		err = fmt.Errorf("scenariotest: op %q has no action", st.Op)
	}
	return ev, err
}

func (w *world) check(tb testing.TB, where string, st step) {
	tb.Helper()
	at := st.at
	if st.AsOf != nil {
		at = st.AsOf.UTC()
	}
	acct := org.AccountID(str(st.Account))
	id, _ := agreementID(str(st.Agreement))
	switch st.Op {
	case "check_coverage":
		c, err := w.reg.Coverage(w.ctx, acct, id, at)
		require.NoError(tb, err, where)
		require.Equal(tb, st.wantScope, string(c.Basis), "%s: %s", where, c.Reason)
		require.NotEmpty(tb, c.Reason, "%s: coverage says why", where)
	case "check_hipaa":
		s, err := w.reg.IsHIPAA(w.ctx, acct, at)
		require.NoError(tb, err, where)
		require.Equal(tb, st.wantBool, s.HIPAA, "%s: %s", where, s.Reason)
	case "check_state":
		require.Equal(tb, st.wantState, w.state(tb, acct, id, agreement.Scope(str(st.Scope))), where)
	case "check_organization":
		m, err := w.dir.OrganizationOf(w.ctx, acct, at)
		require.NoError(tb, err, where)
		if st.wantOrg == nil {
			require.False(tb, m.InOrganization(), "%s: in %s", where, m.Org)
		} else {
			require.Equal(tb, *st.wantOrg, string(m.Org), where)
		}
	default:
		tb.Fatalf("%s: check %q has no runner", where, st.Op)
	}
}

// state is the state of the latest customer agreement of account,
// agreement id and scope, or NONE.
func (w *world) state(tb testing.TB, acct org.AccountID, id agreement.ID, scope agreement.Scope) string {
	tb.Helper()
	c, err := w.reg.Lookup(w.ctx, acct, id, scope)
	if errors.Is(err, agreement.ErrCustomerAgreementNotFound) {
		return "NONE"
	}
	require.NoError(tb, err)
	return string(c.State)
}

// fingerprint is what the scenario's accounts can observe now, so that a
// failed step can be shown to change nothing: membership, coverage and
// customer agreements of every agreement at both scopes, NDAs, HIPAA.
func (w *world) fingerprint(tb testing.TB) string {
	tb.Helper()
	var b strings.Builder
	accts := make([]string, 0, len(w.accounts))
	for a := range w.accounts {
		accts = append(accts, a)
	}
	slices.Sort(accts)
	now := w.clock.Now()
	for _, a := range accts {
		acct := org.AccountID(a)
		m, err := w.dir.OrganizationOf(w.ctx, acct, now)
		require.NoError(tb, err)
		fmt.Fprintf(&b, "%s in %q;", a, m.Org)
		for _, c := range catalog {
			cov, err := w.reg.Coverage(w.ctx, acct, c.spec.ID, now)
			require.NoError(tb, err)
			nda, err := w.reg.NDAStatus(w.ctx, acct, c.spec.ID)
			require.NoError(tb, err)
			fmt.Fprintf(&b, " %s %s %s %s nda %+v;", c.name, cov.Basis,
				w.state(tb, acct, c.spec.ID, agreement.ScopeAccount), w.state(tb, acct, c.spec.ID, agreement.ScopeOrganization), nda)
		}
		h, err := w.reg.IsHIPAA(w.ctx, acct, now)
		require.NoError(tb, err)
		fmt.Fprintf(&b, " hipaa %v\n", h.HIPAA)
	}
	return b.String()
}

// code names err as the format does: the first code whose error err is,
// "ok" for none.
func code(err error) string {
	if err == nil {
		return "ok"
	}
	for _, c := range codes {
		if errors.Is(err, c.err) {
			return c.name
		}
	}
	return "unexpected error: " + err.Error()
}
