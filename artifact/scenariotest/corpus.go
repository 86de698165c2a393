package scenariotest

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	agreementkit "github.com/artifactkit/artifactkit/agreement/scenariotest"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

// Corpus is the kit's own corpus, testdata/service.json: what Run runs
// when it is given no path.
//
//go:embed testdata/service.json
var Corpus []byte

// InquiryCorpus is the kit's own compliance inquiry corpus,
// testdata/inquiries.json: what RunInquiries runs when it is given no
// path.
//
//go:embed testdata/inquiries.json
var InquiryCorpus []byte

// The world every scenario shares: account 111122223333, a member of an
// organization managed by another account.
const (
	account    = org.AccountID("111122223333")
	management = org.AccountID("999988887777")
	orgID      = org.ID("o-scenarioorg01")
)

// The agreement catalog of the scenarios, by name.
var catalog = map[string]agreement.Spec{
	"BAA":          {ID: "agreement-baa0000000000001", Name: "AWS Business Associate Addendum", Kind: agreement.KindBAA, Type: agreement.TypeDefault, Subjects: bothScopes},
	"ANDB":         {ID: "agreement-andb000000000001", Name: "AWS Australian Notifiable Data Breach Addendum", Kind: agreement.KindAddendum, Type: agreement.TypeDefault, Subjects: bothScopes},
	"NZNDB":        {ID: "agreement-nzndb00000000001", Name: "AWS New Zealand Notifiable Data Breach Addendum", Kind: agreement.KindAddendum, Type: agreement.TypeDefault, Subjects: bothScopes},
	"ACCOUNT-ONLY": {ID: "agreement-acctonly00000001", Name: "A custom agreement", Kind: agreement.KindCustom, Type: agreement.TypeCustom, Subjects: []agreement.Scope{agreement.ScopeAccount}},
}

var bothScopes = []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization}

// scenario is one scenario of the corpus.
type scenario struct {
	Name    string            `json:"name"`
	Rules   []string          `json:"rules"`
	Reports []reportVersion   `json:"reports"`
	Callers map[string]caller `json:"callers"`
	Steps   []step            `json:"steps"`
	// ProcessingSeconds and ReviewSeconds configure the compliance
	// inquiry Assistant (inquiries.json).
	ProcessingSeconds int `json:"processing_seconds"`
	ReviewSeconds     int `json:"review_seconds"`

	// Set by validation.
	refs     map[string]*reportVersion
	identity map[string]identity
}

// reportVersion is a report version of a scenario, or, with Absent, one
// the service does not have.
type reportVersion struct {
	Ref         string     `json:"ref"`
	ID          string     `json:"id"`
	Name        *string    `json:"name"`
	Series      *string    `json:"series"`
	Category    *string    `json:"category"`
	Version     int64      `json:"version"`
	State       *string    `json:"state"`
	Acceptance  *string    `json:"acceptance"`
	PeriodStart *string    `json:"period_start"`
	PeriodEnd   *string    `json:"period_end"`
	PublishedAt *time.Time `json:"published_at"`
	Absent      bool       `json:"absent"`

	// Set by validation, for a version that is not absent.
	report report.Report
}

// caller is a caller of a scenario, as the corpus names it.
type caller struct {
	Principal string                     `json:"principal"`
	Policies  []json.RawMessage          `json:"policies"`
	SCPs      []json.RawMessage          `json:"scps"`
	Context   map[string]json.RawMessage `json:"context"`
}

// identity is a caller's policies, parsed.
type identity struct {
	principal string
	policies  []*policy.Document
	scps      []*policy.Document
	context   map[string][]string
}

// step is one call of a scenario.
type step struct {
	Op     string                     `json:"op"`
	As     string                     `json:"as"`
	Args   map[string]json.RawMessage `json:"args"`
	Expect json.RawMessage            `json:"expect"`

	// Set by validation.
	args  map[string]string
	iargs inquiryArgs // the arguments of an inquiry step
	want  expect
}

// expect is a step's expected answer: success, perhaps with the reports
// listed, or an error of a type, with the action and resource a denial
// names.
type expect struct {
	Error    string    `json:"error"`
	Action   *string   `json:"action"`
	Resource *string   `json:"resource"`
	Refs     *[]string `json:"refs"`
	// ResourceType is the resourceType a ResourceNotFoundException or a
	// ConflictException names (inquiries.json), which must then name a
	// resourceId too.
	ResourceType *string `json:"resourceType"`
	// The answers of the inquiry operations.
	inquiryExpect
}

// errorTypes are the error types an expect may name.
var errorTypes = map[string]bool{
	"AccessDeniedException":     true,
	"ValidationException":       true,
	"ResourceNotFoundException": true,
	"ConflictException":         true,
}

// argChecks validate an argument's value, by argument name.
var argChecks = map[string]func(sc *scenario, v string) error{
	"report": func(sc *scenario, v string) error {
		if sc.refs[v] == nil {
			return fmt.Errorf("report %q is none of the scenario's", v)
		}
		return nil
	},
	"agreement": func(sc *scenario, v string) error {
		if _, ok := catalog[v]; !ok {
			return fmt.Errorf("agreement %q is not in the catalog", v)
		}
		return nil
	},
	"scope": func(sc *scenario, v string) error {
		if v != string(agreement.ScopeAccount) {
			return fmt.Errorf("scope %q: the service scenarios use ACCOUNT scope only", v)
		}
		return nil
	},
	"status": func(sc *scenario, v string) error {
		if v != "SUBSCRIBED" && v != "NOT_SUBSCRIBED" {
			return fmt.Errorf("status %q is not SUBSCRIBED or NOT_SUBSCRIBED", v)
		}
		return nil
	},
}

// load decodes and checks a corpus. Every defect is an error naming the
// scenario and what is wrong.
func load(data []byte) ([]*scenario, error) {
	var raw []json.RawMessage
	if err := agreementkit.DecodeStrict(data, &raw); err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, errors.New("the corpus holds no scenario")
	}
	out := make([]*scenario, len(raw))
	names := map[string]bool{}
	for i, r := range raw {
		sc := new(scenario)
		if err := agreementkit.DecodeStrict(r, sc); err != nil {
			return nil, fmt.Errorf("scenario %d: %w", i, err)
		}
		if err := sc.check(); err != nil {
			return nil, fmt.Errorf("scenario %d (%q): %w", i, sc.Name, err)
		}
		if names[sc.Name] {
			return nil, fmt.Errorf("scenario %d: the name %q is taken", i, sc.Name)
		}
		names[sc.Name] = true
		out[i] = sc
	}
	return out, nil
}

func (sc *scenario) check() error {
	if sc.Name == "" {
		return errors.New("no name")
	}
	if sc.Callers == nil || sc.Reports == nil || sc.Steps == nil {
		return errors.New("reports, callers and steps are all required")
	}
	if len(sc.Steps) == 0 {
		return errors.New("no steps")
	}
	sc.refs = map[string]*reportVersion{}
	versions := map[report.Ref]bool{}
	for i := range sc.Reports {
		r := &sc.Reports[i]
		if err := r.check(); err != nil {
			return fmt.Errorf("report %d (%q): %w", i, r.Ref, err)
		}
		if sc.refs[r.Ref] != nil {
			return fmt.Errorf("report %d: the ref %q is taken", i, r.Ref)
		}
		ref := report.Ref{ID: r.ID, Version: r.Version}
		if versions[ref] {
			return fmt.Errorf("report %d (%q): %s version %d is given twice", i, r.Ref, r.ID, r.Version)
		}
		versions[ref] = true
		sc.refs[r.Ref] = r
	}
	sc.identity = map[string]identity{}
	names := make([]string, 0, len(sc.Callers))
	for name := range sc.Callers {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		id, err := sc.Callers[name].check()
		if err != nil {
			return fmt.Errorf("caller %q: %w", name, err)
		}
		sc.identity[name] = id
	}
	if sc.ProcessingSeconds < 0 || sc.ReviewSeconds < 0 {
		return errors.New("processing_seconds and review_seconds must not be negative")
	}
	inquiries := map[string]bool{} // the inquiries created so far, by ref
	for i := range sc.Steps {
		if err := sc.Steps[i].check(sc, inquiries); err != nil {
			return fmt.Errorf("step %d (%s as %s): %w", i, sc.Steps[i].Op, sc.Steps[i].As, err)
		}
	}
	return nil
}

// check validates a report version and builds the version it publishes.
func (r *reportVersion) check() error {
	if r.Ref == "" {
		return errors.New("no ref")
	}
	if err := report.ValidateID(r.ID); err != nil {
		return fmt.Errorf("id %q is not report- and 16 letters or digits", r.ID)
	}
	if r.Version < 1 {
		return fmt.Errorf("version %d is not at least 1", r.Version)
	}
	fields := []struct {
		name  string
		given bool
	}{{"name", r.Name != nil}, {"series", r.Series != nil}, {"category", r.Category != nil}, {"state", r.State != nil},
		{"acceptance", r.Acceptance != nil}, {"period_start", r.PeriodStart != nil}, {"period_end", r.PeriodEnd != nil},
		{"published_at", r.PublishedAt != nil}}
	for _, f := range fields {
		switch {
		case r.Absent && f.given:
			return fmt.Errorf("an absent version has no %s", f.name)
		case !r.Absent && !f.given:
			return fmt.Errorf("%s missing", f.name)
		}
	}
	if r.Absent {
		return nil
	}
	start, err := report.ParseDate(*r.PeriodStart)
	if err != nil {
		return fmt.Errorf("period_start: %w", err)
	}
	end, err := report.ParseDate(*r.PeriodEnd)
	if err != nil {
		return fmt.Errorf("period_end: %w", err)
	}
	state, acceptance := report.PublishedState(*r.State), report.AcceptanceType(*r.Acceptance)
	if !state.IsValid() {
		return fmt.Errorf("state %q is not PUBLISHED or UNPUBLISHED", *r.State)
	}
	if !acceptance.IsValid() {
		return fmt.Errorf("acceptance %q is not EXPLICIT or PASSTHROUGH", *r.Acceptance)
	}
	r.report = report.Report{
		ID: r.ID, Version: r.Version, Name: *r.Name, Series: *r.Series, Category: *r.Category,
		PeriodStart: start, PeriodEnd: end, State: state, AcceptanceType: acceptance, PublishedAt: r.PublishedAt.UTC(),
	}
	return nil
}

// check parses a caller's policies and context.
func (c caller) check() (identity, error) {
	id := identity{principal: c.Principal, context: map[string][]string{}}
	if c.Principal == "" {
		return id, errors.New("no principal")
	}
	if c.Policies == nil || c.SCPs == nil || c.Context == nil {
		return id, errors.New("principal, policies, scps and context are all required")
	}
	for i, raw := range c.Policies {
		d, err := policy.Parse(raw, policy.Identity)
		if err != nil {
			return id, fmt.Errorf("policy %d: %w", i, err)
		}
		id.policies = append(id.policies, d)
	}
	for i, raw := range c.SCPs {
		d, err := policy.Parse(raw, policy.ServiceControl)
		if err != nil {
			return id, fmt.Errorf("scp %d: %w", i, err)
		}
		id.scps = append(id.scps, d)
	}
	for k, v := range c.Context {
		var one string
		if err := json.Unmarshal(v, &one); err == nil {
			id.context[k] = []string{one}
			continue
		}
		var many []string
		if err := agreementkit.DecodeStrict(v, &many); err != nil {
			return id, fmt.Errorf("context key %s: a string or an array of strings", k)
		}
		id.context[k] = many
	}
	return id, nil
}

// check validates a step: its operation, caller, arguments and expect.
func (st *step) check(sc *scenario, inquiries map[string]bool) error {
	o, ok := ops[st.Op]
	if !ok {
		return fmt.Errorf("unknown op %q", st.Op)
	}
	if o.service {
		if st.As != "" {
			return fmt.Errorf("%s is taken by the service: no caller", st.Op)
		}
	} else if _, ok := sc.identity[st.As]; !ok {
		return fmt.Errorf("caller %q is none of the scenario's", st.As)
	}
	if st.Args == nil {
		return errors.New("args missing (use {} for none)")
	}
	st.args = map[string]string{}
	if o.inquiry {
		if err := st.checkInquiryStep(o, inquiries); err != nil {
			return err
		}
		for name, raw := range st.Args {
			st.args[name] = string(raw)
		}
		return st.checkExpect(sc, o, inquiries)
	}
	for name, raw := range st.Args {
		if !contains(o.args, name) {
			return fmt.Errorf("argument %q is not one of %s's", name, st.Op)
		}
		var v string
		if err := agreementkit.DecodeStrict(raw, &v); err != nil {
			return fmt.Errorf("argument %q: %w", name, err)
		}
		if check := argChecks[name]; check != nil {
			if err := check(sc, v); err != nil {
				return err
			}
		}
		st.args[name] = v
	}
	for _, name := range o.args {
		if _, ok := st.args[name]; !ok {
			return fmt.Errorf("argument %q missing", name)
		}
	}
	return st.checkExpect(sc, o, inquiries)
}

// checkExpect decodes and checks a step's expect.
func (st *step) checkExpect(sc *scenario, o op, inquiries map[string]bool) error {
	if st.Expect == nil {
		return errors.New("expect missing")
	}
	var ok2 string
	if err := json.Unmarshal(st.Expect, &ok2); err == nil {
		if ok2 != "ok" {
			return fmt.Errorf(`expect %q: a string expect is "ok"`, ok2)
		}
		return nil
	}
	if err := agreementkit.DecodeStrict(st.Expect, &st.want); err != nil {
		return fmt.Errorf("expect: %w", err)
	}
	w := st.want
	switch {
	case w.Error == "" && w.Refs == nil && len(w.fields()) == 0:
		return errors.New(`expect: neither "error" nor "refs" nor what an inquiry step answers`)
	case w.ResourceType != nil && w.Error != "ResourceNotFoundException" && w.Error != "ConflictException":
		return errors.New(`expect: "resourceType" goes with a ResourceNotFoundException or a ConflictException`)
	case w.Error != "" && w.Refs != nil:
		return errors.New(`expect: "error" and "refs" together`)
	case w.Refs != nil && !o.lists:
		return fmt.Errorf("expect: %s lists no reports", st.Op)
	case w.Error != "" && !errorTypes[w.Error]:
		return fmt.Errorf("expect: unknown error type %q", w.Error)
	case w.Error != "AccessDeniedException" && (w.Action != nil || w.Resource != nil):
		return errors.New(`expect: "action" and "resource" go with an AccessDeniedException`)
	case w.Error == "AccessDeniedException" && w.Action == nil:
		return errors.New(`expect: an AccessDeniedException names its "action"`)
	case w.Error == "AccessDeniedException" && o.namesResource && w.Resource == nil:
		return fmt.Errorf(`expect: a denial of %s names its "resource"`, st.Op)
	case w.Error == "AccessDeniedException" && !o.namesResource && !o.inquiry && w.Resource != nil:
		return fmt.Errorf(`expect: the format names no resource for a denial of %s`, st.Op)
	}
	if err := st.checkInquiryExpect(inquiries); err != nil {
		return err
	}
	if w.Resource != nil {
		for _, ref := range refsIn(*w.Resource) {
			if !inquiries[ref] {
				return fmt.Errorf("expect: resource names inquiry %q, created by no step before", ref)
			}
		}
	}
	if w.Refs != nil {
		for _, ref := range *w.Refs {
			if sc.refs[ref] == nil {
				return fmt.Errorf("expect: report %q is none of the scenario's", ref)
			}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// start is the instant the scenarios' clock starts at, unless a report is
// published later: then just after the last publication, so that every
// PUBLISHED report of the scenario is published when its steps run.
var start = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// clockStart returns the instant a scenario's steps start after.
func (sc *scenario) clockStart() time.Time {
	at := start
	for _, r := range sc.Reports {
		if r.PublishedAt != nil && !r.PublishedAt.Before(at) {
			at = r.PublishedAt.UTC().Truncate(time.Second).Add(time.Second)
		}
	}
	return at
}

// describe names a step for messages.
func (st *step) describe(i int) string {
	var args []string
	for k, v := range st.args {
		args = append(args, k+"="+v)
	}
	sort.Strings(args)
	return fmt.Sprintf("step %d: %s(%s) as %s", i, st.Op, strings.Join(args, ", "), st.As)
}
