package agreement_test

import (
	"bytes"
	"context"
	"encoding/json"
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

// The scenario corpus of ../shared/conformance/scenarios (agreements.json),
// copied into testdata. Its README is the contract; AGREEMENT_SCENARIOS
// names another file of the same format to run instead.

type scenario struct {
	Name  string   `json:"name"`
	Rules []string `json:"rules"`
	Steps []step   `json:"steps"`
}

type step struct {
	Op            string          `json:"op"`
	At            *time.Time      `json:"at"`
	Account       string          `json:"account"`
	Org           string          `json:"org"`
	Management    string          `json:"management"`
	FeatureSet    string          `json:"feature_set"`
	Agreement     string          `json:"agreement"`
	Scope         string          `json:"scope"`
	AsOf          *time.Time      `json:"as_of"`
	Expect        json.RawMessage `json:"expect"`
	EventsInclude []wantEvent     `json:"events_include"`
}

type wantEvent struct {
	Kind      string `json:"kind"`
	Account   string `json:"account"`
	Agreement string `json:"agreement"`
}

// The catalog every scenario starts with.
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

func agreementID(t *testing.T, name string) agreement.ID {
	t.Helper()
	for _, c := range catalog {
		if c.name == name {
			return c.spec.ID
		}
	}
	t.Fatalf("unknown agreement %q", name)
	return ""
}

func TestScenarios(t *testing.T) {
	path := "testdata/agreements.json"
	if p := os.Getenv("AGREEMENT_SCENARIOS"); p != "" {
		path = p
	}
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var scenarios []scenario
	require.NoError(t, dec.Decode(&scenarios), "decoding %s", path)
	require.NotEmpty(t, scenarios)
	for _, s := range scenarios {
		t.Run(s.Name, func(t *testing.T) {
			w := newWorld(t)
			for i, st := range s.Steps {
				w.step(t, i, st)
			}
		})
	}
}

// world is one scenario's library, driven only through the public API.
type world struct {
	ctx   context.Context
	clock *stepClock
	dir   *org.Directory
	reg   *agreement.Registry
	// getToken: the account's get-agreement token from its latest
	// accept_nda of an agreement.
	getToken map[[2]string]string
	// pending: the account's latest get_agreement of an agreement made
	// since its last successful accept_agreement of it.
	pending  map[[2]string]agreement.View
	accounts map[string]bool
	revs     int
}

type stepClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func newWorld(t *testing.T) *world {
	ctx := context.Background()
	clk := &stepClock{now: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)}
	dir := org.NewDirectory(orgmem.New(), org.WithClock(clk.Now))
	// Scenarios span months between reading an agreement and accepting
	// it; token expiry is pinned by unit tests, not here.
	reg := agreement.New(agmem.New(), dir, agreement.WithTokenLifetime(5*365*24*time.Hour))
	for _, c := range catalog {
		_, err := reg.Define(ctx, c.spec)
		require.NoError(t, err)
	}
	clk.now = time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC)
	return &world{
		ctx: ctx, clock: clk, dir: dir, reg: reg,
		getToken: map[[2]string]string{},
		pending:  map[[2]string]agreement.View{},
		accounts: map[string]bool{},
	}
}

func (w *world) step(t *testing.T, i int, st step) {
	t.Helper()
	if st.At != nil {
		require.False(t, st.At.Before(w.clock.now), "step %d: time goes back", i)
		w.clock.now = st.At.UTC()
	} else {
		w.clock.now = w.clock.now.Add(time.Second)
	}
	for _, a := range []string{st.Account, st.Management} {
		if a != "" {
			w.accounts[a] = true
		}
	}
	where := fmt.Sprintf("step %d (%s at %s)", i, st.Op, w.clock.now.Format(time.RFC3339))
	if strings.HasPrefix(st.Op, "check_") {
		w.check(t, where, st)
		return
	}
	want := "ok"
	if st.Expect != nil {
		require.NoError(t, json.Unmarshal(st.Expect, &want), where)
	}
	before := w.fingerprint(t)
	events, err := w.act(t, st)
	got := code(err)
	require.Equal(t, want, got, "%s: error %v", where, err)
	if want != "ok" {
		require.Equal(t, before, w.fingerprint(t), "%s: a failed step changed something", where)
	}
	for _, e := range st.EventsInclude {
		ok := slices.ContainsFunc(events, func(ev agreement.Event) bool {
			return eventName(ev.Kind) == e.Kind && string(ev.Account) == e.Account && ev.Agreement == agreementID(t, e.Agreement)
		})
		require.True(t, ok, "%s: no %s event for %s and %s among %+v", where, e.Kind, e.Account, e.Agreement, events)
	}
}

func (w *world) act(t *testing.T, st step) ([]agreement.Event, error) {
	ctx, reg := w.ctx, w.reg
	acct := org.AccountID(st.Account)
	oid := org.ID(st.Org)
	var id agreement.ID
	if st.Agreement != "" {
		id = agreementID(t, st.Agreement)
	}
	k := [2]string{st.Account, st.Agreement}
	var err error
	var ev []agreement.Event
	switch st.Op {
	case "create_organization":
		_, err = w.dir.Create(ctx, oid, org.AccountID(st.Management), org.FeatureSet(st.FeatureSet))
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
				AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteToken: v.ExecuteToken,
				Scope: agreement.Scope(st.Scope),
			})
		}
		if err == nil {
			delete(w.pending, k)
		}
	case "terminate_agreement":
		var c agreement.CustomerAgreement
		if c, err = reg.Lookup(ctx, acct, id, agreement.Scope(st.Scope)); err == nil {
			var v agreement.CustomerAgreementView
			if v, err = reg.GetCustomerAgreement(ctx, acct, c.ID); err == nil {
				_, ev, err = reg.Terminate(ctx, acct, c.ID, v.TerminateToken)
			}
		}
	case "aws_terminate":
		var c agreement.CustomerAgreement
		if c, err = reg.Lookup(ctx, acct, id, agreement.Scope(st.Scope)); err == nil {
			_, ev, err = reg.AWSTerminate(ctx, c.ID)
		}
	case "publish_revision":
		w.revs++
		_, err = reg.PublishRevision(ctx, id, agreement.RevisionSpec{Document: []byte(fmt.Sprintf("%s revision %d", st.Agreement, w.revs+1))})
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
		t.Fatalf("unknown op %q", st.Op)
	}
	return ev, err
}

func (w *world) check(t *testing.T, where string, st step) {
	t.Helper()
	at := w.clock.now
	if st.AsOf != nil {
		at = st.AsOf.UTC()
	}
	acct := org.AccountID(st.Account)
	switch st.Op {
	case "check_coverage":
		var want struct {
			Scope string `json:"scope"`
		}
		require.NoError(t, json.Unmarshal(st.Expect, &want), where)
		c, err := w.reg.Coverage(w.ctx, acct, agreementID(t, st.Agreement), at)
		require.NoError(t, err, where)
		require.Equal(t, want.Scope, string(c.Basis), "%s: %s", where, c.Reason)
		require.NotEmpty(t, c.Reason)
	case "check_hipaa":
		var want bool
		require.NoError(t, json.Unmarshal(st.Expect, &want), where)
		s, err := w.reg.IsHIPAA(w.ctx, acct, at)
		require.NoError(t, err, where)
		require.Equal(t, want, s.HIPAA, "%s: %s", where, s.Reason)
	case "check_state":
		var want string
		require.NoError(t, json.Unmarshal(st.Expect, &want), where)
		require.Equal(t, want, w.state(t, acct, agreementID(t, st.Agreement), agreement.Scope(st.Scope)), where)
	case "check_organization":
		var want *string
		require.NoError(t, json.Unmarshal(st.Expect, &want), where)
		m, err := w.dir.OrganizationOf(w.ctx, acct, at)
		require.NoError(t, err, where)
		if want == nil {
			require.False(t, m.InOrganization(), "%s: in %s", where, m.Org)
		} else {
			require.Equal(t, *want, string(m.Org), where)
		}
	default:
		t.Fatalf("unknown check %q", st.Op)
	}
}

func (w *world) state(t *testing.T, acct org.AccountID, id agreement.ID, scope agreement.Scope) string {
	c, err := w.reg.Lookup(w.ctx, acct, id, scope)
	if errors.Is(err, agreement.ErrCustomerAgreementNotFound) {
		return "NONE"
	}
	require.NoError(t, err)
	return string(c.State)
}

// fingerprint is what the scenario's accounts can observe now, so that a
// failed step can be shown to change nothing.
func (w *world) fingerprint(t *testing.T) string {
	var b strings.Builder
	accts := make([]string, 0, len(w.accounts))
	for a := range w.accounts {
		accts = append(accts, a)
	}
	slices.Sort(accts)
	for _, a := range accts {
		acct := org.AccountID(a)
		m, err := w.dir.OrganizationOf(w.ctx, acct, w.clock.now)
		require.NoError(t, err)
		fmt.Fprintf(&b, "%s in %q;", a, m.Org)
		for _, c := range catalog {
			cov, err := w.reg.Coverage(w.ctx, acct, c.spec.ID, w.clock.now)
			require.NoError(t, err)
			fmt.Fprintf(&b, " %s %s %s %s;", c.name, cov.Basis,
				w.state(t, acct, c.spec.ID, agreement.ScopeAccount), w.state(t, acct, c.spec.ID, agreement.ScopeOrganization))
		}
		h, err := w.reg.IsHIPAA(w.ctx, acct, w.clock.now)
		require.NoError(t, err)
		fmt.Fprintf(&b, " hipaa %v\n", h.HIPAA)
	}
	return b.String()
}

// code names err as the scenarios do.
func code(err error) string {
	if err == nil {
		return "ok"
	}
	for _, c := range []struct {
		err  error
		name string
	}{
		{agreement.ErrNDARequired, "nda_required"},
		{agreement.ErrInvalidToken, "invalid_token"},
		{agreement.ErrScopeNotOffered, "scope_not_offered"},
		{org.ErrNotInOrganization, "not_in_organization"},
		{agreement.ErrNotManagementAccount, "not_management_account"},
		{agreement.ErrAllFeaturesRequired, "all_features_required"},
		{agreement.ErrTrustedAccessRequired, "trusted_access_required"},
		{agreement.ErrAlreadyActive, "already_active"},
		{agreement.ErrNotActive, "not_active"},
		{org.ErrAlreadyInOrganization, "already_in_organization"},
		{org.ErrManagementCannotLeave, "management_cannot_leave"},
		{agreement.ErrOfflineNotSupported, "offline_not_supported"},
		{agreement.ErrNotDesignated, "not_designated"},
	} {
		if errors.Is(err, c.err) {
			return c.name
		}
	}
	return "unexpected error: " + err.Error()
}

func eventName(k agreement.EventKind) string {
	return map[agreement.EventKind]string{
		agreement.EventAccepted:       "agreement_accepted",
		agreement.EventTerminated:     "agreement_terminated",
		agreement.EventCoverageGained: "coverage_gained",
		agreement.EventCoverageLost:   "coverage_lost",
	}[k]
}
