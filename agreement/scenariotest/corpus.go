package scenariotest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/org"
)

// Corpus is the kit's own corpus, testdata/agreements.json: what Run runs
// when it is given no path.
//
//go:embed testdata/agreements.json
var Corpus []byte

// scenario is one scenario of the corpus.
type scenario struct {
	Name  string   `json:"name"`
	Rules []string `json:"rules"`
	Steps []step   `json:"steps"`
}

// step is one action or check. The pointers tell an argument given from
// one left out.
type step struct {
	Op            string          `json:"op"`
	At            *time.Time      `json:"at"`
	Account       *string         `json:"account"`
	Org           *string         `json:"org"`
	Management    *string         `json:"management"`
	FeatureSet    *string         `json:"feature_set"`
	Agreement     *string         `json:"agreement"`
	Scope         *string         `json:"scope"`
	AsOf          *time.Time      `json:"as_of"`
	Expect        json.RawMessage `json:"expect"`
	EventsInclude []wantEvent     `json:"events_include"`

	// Set by validation: the step's instant, and its decoded expect.
	at        time.Time
	wantCode  string  // an action's expected code
	wantScope string  // check_coverage
	wantBool  bool    // check_hipaa
	wantState string  // check_state
	wantOrg   *string // check_organization
}

type wantEvent struct {
	Kind      string `json:"kind"`
	Account   string `json:"account"`
	Agreement string `json:"agreement"`
}

// firstInstant is the instant of a first step without at.
var firstInstant = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// The agreement catalog every scenario starts with, at revision 1.
var catalog = []struct {
	name string
	spec agreement.Spec
}{
	{"BAA", agreement.Spec{ID: "agreement-baa0000000000001", Name: "AWS Business Associate Addendum", Kind: agreement.KindBAA, Type: agreement.TypeDefault, Subjects: bothScopes}},
	{"ANDB", agreement.Spec{ID: "agreement-andb000000000001", Name: "AWS Australian Notifiable Data Breach Addendum", Kind: agreement.KindAddendum, Type: agreement.TypeDefault, Subjects: bothScopes}},
	{"NZNDB", agreement.Spec{ID: "agreement-nzndb00000000001", Name: "AWS New Zealand Notifiable Data Breach Addendum", Kind: agreement.KindAddendum, Type: agreement.TypeDefault, Subjects: bothScopes}},
	{"ACCOUNT-ONLY", agreement.Spec{ID: "agreement-acctonly00000001", Name: "A custom agreement", Kind: agreement.KindCustom, Type: agreement.TypeCustom, Subjects: []agreement.Scope{agreement.ScopeAccount}}},
}

var bothScopes = []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization}

// agreementID returns the id of a catalog agreement by name.
func agreementID(name string) (agreement.ID, bool) {
	for _, c := range catalog {
		if c.name == name {
			return c.spec.ID, true
		}
	}
	return "", false
}

// arguments says which arguments each op takes: required ones, and
// optional ones after a "?".
var arguments = map[string][]string{
	"create_organization":        {"org", "management", "feature_set"},
	"enable_all_features":        {"org"},
	"enable_trusted_access":      {"org"},
	"disable_trusted_access":     {"org"},
	"join":                       {"account", "org"},
	"leave":                      {"account"},
	"remove":                     {"account"},
	"accept_nda":                 {"account", "agreement"},
	"get_agreement":              {"account", "agreement"},
	"accept_agreement":           {"account", "agreement", "scope"},
	"terminate_agreement":        {"account", "agreement", "scope"},
	"aws_terminate":              {"account", "agreement", "scope"},
	"publish_revision":           {"agreement"},
	"aws_designate_offline":      {"account"},
	"designate_offline":          {"account"},
	"remove_offline_designation": {"account"},
	"terminate_offline_baa":      {"account"},
	"download_offline_baa":       {"account"},
	"check_coverage":             {"account", "agreement", "?as_of"},
	"check_hipaa":                {"account", "?as_of"},
	"check_state":                {"account", "agreement", "scope"},
	"check_organization":         {"account", "?as_of"},
}

// codes are the error codes of the format, in the order the first that
// applies is expected, with the errors that answer them.
var codes = []struct {
	name string
	err  error
}{
	{"nda_required", agreement.ErrNDARequired},
	{"invalid_token", agreement.ErrInvalidToken},
	{"scope_not_offered", agreement.ErrScopeNotOffered},
	{"not_in_organization", org.ErrNotInOrganization},
	{"not_management_account", agreement.ErrNotManagementAccount},
	{"all_features_required", agreement.ErrAllFeaturesRequired},
	{"trusted_access_required", agreement.ErrTrustedAccessRequired},
	{"already_active", agreement.ErrAlreadyActive},
	{"not_active", agreement.ErrNotActive},
	{"already_in_organization", org.ErrAlreadyInOrganization},
	{"management_cannot_leave", org.ErrManagementCannotLeave},
	{"offline_not_supported", agreement.ErrOfflineNotSupported},
	{"not_designated", agreement.ErrNotDesignated},
}

// eventKinds are the event kinds of events_include.
var eventKinds = map[string]agreement.EventKind{
	"agreement_accepted":   agreement.EventAccepted,
	"agreement_terminated": agreement.EventTerminated,
	"coverage_gained":      agreement.EventCoverageGained,
	"coverage_lost":        agreement.EventCoverageLost,
}

// load decodes and checks a corpus. Every defect is an error naming the
// scenario and step.
func load(data []byte) ([]scenario, error) {
	var raw []json.RawMessage
	if err := DecodeStrict(data, &raw); err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, errors.New("the corpus holds no scenario")
	}
	out := make([]scenario, len(raw))
	names := map[string]bool{}
	for i, r := range raw {
		sc := &out[i]
		if err := DecodeStrict(r, sc); err != nil {
			return nil, fmt.Errorf("scenario %d: %w", i, err)
		}
		if err := sc.check(); err != nil {
			return nil, fmt.Errorf("scenario %d (%q): %w", i, sc.Name, err)
		}
		if names[sc.Name] {
			return nil, fmt.Errorf("scenario %d: the name %q is taken", i, sc.Name)
		}
		names[sc.Name] = true
	}
	return out, nil
}

// DecodeStrict decodes the JSON value data into v as every scenario kit
// reads its corpus: a field v does not define, or anything after the
// value, is an error.
func DecodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the value")
	}
	return nil
}

// check validates a decoded scenario and dates its steps.
func (sc *scenario) check() error {
	if sc.Name == "" {
		return errors.New("no name")
	}
	if len(sc.Steps) == 0 {
		return errors.New("no steps")
	}
	var prev time.Time
	for i := range sc.Steps {
		st := &sc.Steps[i]
		switch {
		case st.At != nil:
			st.at = st.At.UTC()
			if i > 0 && st.at.Before(prev) {
				return fmt.Errorf("step %d (%s): at %s goes back before %s", i, st.Op, st.at.Format(time.RFC3339), prev.Format(time.RFC3339))
			}
		case i == 0:
			st.at = firstInstant
		default:
			st.at = prev.Add(time.Second)
		}
		prev = st.at
		if err := st.check(); err != nil {
			return fmt.Errorf("step %d (%s): %w", i, st.Op, err)
		}
	}
	return nil
}

// check validates one step: its op, the arguments it takes, their values
// and its expect.
func (st *step) check() error {
	args, ok := arguments[st.Op]
	if !ok {
		return fmt.Errorf("unknown op %q", st.Op)
	}
	given := map[string]bool{
		"account": st.Account != nil, "org": st.Org != nil, "management": st.Management != nil,
		"feature_set": st.FeatureSet != nil, "agreement": st.Agreement != nil, "scope": st.Scope != nil, "as_of": st.AsOf != nil,
	}
	takes := map[string]bool{}
	for _, a := range args {
		name, optional := strings.CutPrefix(a, "?")
		takes[name] = true
		if !optional && !given[name] {
			return fmt.Errorf("argument %q missing", name)
		}
	}
	for name, ok := range given {
		if ok && !takes[name] {
			return fmt.Errorf("argument %q is not one of this op's", name)
		}
	}
	for _, a := range []*string{st.Account, st.Management} {
		if a != nil && !org.AccountID(*a).IsValid() {
			return fmt.Errorf("account %q is not 12 digits", *a)
		}
	}
	if st.Org != nil && !org.ID(*st.Org).IsValid() {
		return fmt.Errorf("organization %q is not o- and 10 to 32 lower-case letters or digits", *st.Org)
	}
	if st.FeatureSet != nil && !slices.Contains([]string{"ALL", "CONSOLIDATED_BILLING"}, *st.FeatureSet) {
		return fmt.Errorf("feature_set %q is not ALL or CONSOLIDATED_BILLING", *st.FeatureSet)
	}
	if st.Agreement != nil {
		if _, ok := agreementID(*st.Agreement); !ok {
			return fmt.Errorf("agreement %q is not in the catalog", *st.Agreement)
		}
	}
	if st.Scope != nil && *st.Scope != "ACCOUNT" && *st.Scope != "ORGANIZATION" {
		return fmt.Errorf("scope %q is not ACCOUNT or ORGANIZATION", *st.Scope)
	}
	if strings.HasPrefix(st.Op, "check_") {
		if st.EventsInclude != nil {
			return errors.New("a check has no events_include")
		}
		return st.checkExpect()
	}
	for _, e := range st.EventsInclude {
		if _, ok := eventKinds[e.Kind]; !ok {
			return fmt.Errorf("events_include: unknown kind %q", e.Kind)
		}
		if !org.AccountID(e.Account).IsValid() {
			return fmt.Errorf("events_include: account %q is not 12 digits", e.Account)
		}
		if _, ok := agreementID(e.Agreement); !ok {
			return fmt.Errorf("events_include: agreement %q is not in the catalog", e.Agreement)
		}
	}
	st.wantCode = "ok"
	if st.Expect != nil {
		if err := DecodeStrict(st.Expect, &st.wantCode); err != nil {
			return fmt.Errorf("expect: %w", err)
		}
	}
	if st.wantCode != "ok" && !slices.ContainsFunc(codes, func(c struct {
		name string
		err  error
	}) bool {
		return c.name == st.wantCode
	}) {
		return fmt.Errorf("expect: unknown error code %q", st.wantCode)
	}
	return nil
}

// checkExpect decodes a check's expect, which every check has.
func (st *step) checkExpect() error {
	if st.Expect == nil {
		return errors.New("a check needs its expect")
	}
	switch st.Op {
	case "check_coverage":
		var want struct {
			Scope *string `json:"scope"`
		}
		if err := DecodeStrict(st.Expect, &want); err != nil {
			return fmt.Errorf("expect: %w", err)
		}
		if want.Scope == nil || !slices.Contains([]string{"ACCOUNT", "ORGANIZATION", "OFFLINE", "NONE"}, *want.Scope) {
			return fmt.Errorf("expect: scope must be ACCOUNT, ORGANIZATION, OFFLINE or NONE")
		}
		st.wantScope = *want.Scope
	case "check_hipaa":
		if err := DecodeStrict(st.Expect, &st.wantBool); err != nil {
			return fmt.Errorf("expect: %w", err)
		}
	case "check_state":
		if err := DecodeStrict(st.Expect, &st.wantState); err != nil {
			return fmt.Errorf("expect: %w", err)
		}
		if !slices.Contains([]string{"ACTIVE", "CUSTOMER_TERMINATED", "AWS_TERMINATED", "NONE"}, st.wantState) {
			return fmt.Errorf("expect: state %q is not ACTIVE, CUSTOMER_TERMINATED, AWS_TERMINATED or NONE", st.wantState)
		}
	case "check_organization":
		if err := DecodeStrict(st.Expect, &st.wantOrg); err != nil {
			return fmt.Errorf("expect: %w", err)
		}
		if st.wantOrg != nil && !org.ID(*st.wantOrg).IsValid() {
			return fmt.Errorf("expect: organization %q is not an organization id", *st.wantOrg)
		}
	}
	return nil
}
