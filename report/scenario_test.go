package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/report"
	"github.com/artifactkit/artifactkit/report/memstore"
)

// The report scenarios (R1-R4, N2): testdata/reports.json, in the format
// RULES.md describes (section "The scenario corpora"). REPORT_SCENARIOS
// names another file of the format to run instead. The corpus is decoded
// strictly and checked before any scenario runs.

type scenario struct {
	Name    string           `json:"name"`
	Rules   []string         `json:"rules"`
	Reports []scenarioReport `json:"reports"`
	Checks  []scenarioCheck  `json:"checks"`
}

type scenarioReport struct {
	Ref           string                `json:"ref"`
	Series        string                `json:"series"`
	Category      string                `json:"category"`
	Type          report.Type           `json:"type"`
	Version       int64                 `json:"version"`
	PeriodStart   *report.Date          `json:"period_start"`
	PeriodEnd     *report.Date          `json:"period_end"`
	AsOf          *report.Date          `json:"as_of"`
	PublishedAt   time.Time             `json:"published_at"`
	State         report.PublishedState `json:"state"`
	Acceptance    report.AcceptanceType `json:"acceptance"`
	NeedsApproval bool                  `json:"needs_approval"`
}

// window is an audit window as the format spells it.
type window struct {
	Start report.Date `json:"start"`
	End   report.Date `json:"end"`
}

type scenarioCheck struct {
	Op            string          `json:"op"`
	Series        *string         `json:"series"`
	Window        *window         `json:"window"`
	At            *time.Time      `json:"at"`
	Account       *aws.AccountID  `json:"account"`
	Ref           *string         `json:"ref"`
	AcceptedTerms *bool           `json:"accepted_terms"`
	Approved      *bool           `json:"approved"`
	Expect        json.RawMessage `json:"expect"`
}

type bestExpect struct {
	Ref                 *string          `json:"ref"`
	UncoveredBeforeDays *int             `json:"uncovered_before_days"`
	GapAfterDays        *int             `json:"gap_after_days"`
	GapClass            *report.GapClass `json:"gap_class"`
	Stale               *bool            `json:"stale"`
}

type chainExpect struct {
	Refs  []string `json:"refs"`
	Holes []window `json:"holes"`
}

type releaseExpect struct {
	PeriodEnd   report.Date `json:"period_end"`
	ReleaseFrom report.Date `json:"release_from"`
	ReleaseTo   report.Date `json:"release_to"`
}

// checkArgs are the arguments each check takes, all required.
var checkArgs = map[string][]string{
	"best_report":    {"series", "window", "at"},
	"covering_chain": {"series", "window", "at"},
	"next_release":   {"series", "at"},
	"download":       {"account", "ref", "accepted_terms", "approved", "at"},
}

// downloadCodes are the answers of a download check.
var downloadCodes = []string{"ok", "terms_not_accepted", "approval_required", "not_published"}

// decodeStrict decodes data into v refusing unknown fields and anything
// after the value.
func decodeStrict(data []byte, v any) error {
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

// loadScenarios decodes and checks a corpus.
func loadScenarios(data []byte) ([]scenario, error) {
	var all []scenario
	if err := decodeStrict(data, &all); err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, errors.New("the corpus holds no scenario")
	}
	names := map[string]bool{}
	for i, sc := range all {
		if err := sc.check(); err != nil {
			return nil, fmt.Errorf("scenario %d (%q): %w", i, sc.Name, err)
		}
		if names[sc.Name] {
			return nil, fmt.Errorf("scenario %d: the name %q is taken", i, sc.Name)
		}
		names[sc.Name] = true
	}
	return all, nil
}

func (sc scenario) check() error {
	if sc.Name == "" {
		return errors.New("no name")
	}
	refs := map[string]bool{}
	for i, r := range sc.Reports {
		if err := r.check(); err != nil {
			return fmt.Errorf("report %d (%q): %w", i, r.Ref, err)
		}
		if refs[r.Ref] {
			return fmt.Errorf("report %d: the ref %q is taken", i, r.Ref)
		}
		refs[r.Ref] = true
	}
	if len(sc.Checks) == 0 {
		return errors.New("no checks")
	}
	for i, c := range sc.Checks {
		if err := c.check(refs); err != nil {
			return fmt.Errorf("check %d (%s): %w", i, c.Op, err)
		}
	}
	return nil
}

func (r scenarioReport) check() error {
	switch {
	case r.Ref == "":
		return errors.New("no ref")
	case r.Series == "" || r.Category == "":
		return errors.New("series and category are required")
	case r.Version < 1:
		return fmt.Errorf("version %d is not at least 1", r.Version)
	case r.PublishedAt.IsZero():
		return errors.New("published_at missing")
	case !r.Type.IsValid():
		return errors.New("type missing")
	case !r.State.IsValid():
		return errors.New("state missing")
	case !r.Acceptance.IsValid():
		return fmt.Errorf("acceptance %q is not EXPLICIT or PASSTHROUGH", r.Acceptance)
	case r.Type == report.Type2 && (r.PeriodStart == nil || r.PeriodEnd == nil || r.AsOf != nil):
		return errors.New("a TYPE2 version has period_start and period_end, and no as_of")
	case r.Type == report.Type1 && (r.AsOf == nil || r.PeriodStart != nil || r.PeriodEnd != nil):
		return errors.New("a TYPE1 version has as_of, and no period")
	}
	return nil
}

func (c scenarioCheck) check(refs map[string]bool) error {
	args, ok := checkArgs[c.Op]
	if !ok {
		return fmt.Errorf("unknown op %q", c.Op)
	}
	given := map[string]bool{"series": c.Series != nil, "window": c.Window != nil, "at": c.At != nil, "account": c.Account != nil,
		"ref": c.Ref != nil, "accepted_terms": c.AcceptedTerms != nil, "approved": c.Approved != nil}
	for name, ok := range given {
		if ok != contains(args, name) {
			if ok {
				return fmt.Errorf("argument %q is not one of this op's", name)
			}
			return fmt.Errorf("argument %q missing", name)
		}
	}
	if c.Window != nil {
		if err := (report.Window{Start: c.Window.Start, End: c.Window.End}).Validate(); err != nil {
			return err
		}
	}
	if c.Ref != nil && !refs[*c.Ref] {
		return fmt.Errorf("report %q is none of the scenario's", *c.Ref)
	}
	if c.Expect == nil {
		return errors.New("expect missing")
	}
	switch c.Op {
	case "best_report":
		var want bestExpect
		if err := decodeStrict(c.Expect, &want); err != nil {
			return fmt.Errorf("expect: %w", err)
		}
		all := want.UncoveredBeforeDays != nil && want.GapAfterDays != nil && want.GapClass != nil && want.Stale != nil
		none := want.UncoveredBeforeDays == nil && want.GapAfterDays == nil && want.GapClass == nil && want.Stale == nil
		switch {
		case want.Ref == nil && !none:
			return errors.New(`expect: with "ref" null, nothing else is compared`)
		case want.Ref != nil && !all:
			return errors.New("expect: ref, uncovered_before_days, gap_after_days, gap_class and stale are all required")
		case want.Ref != nil && !refs[*want.Ref]:
			return fmt.Errorf("expect: report %q is none of the scenario's", *want.Ref)
		}
	case "covering_chain":
		var want chainExpect
		if err := decodeStrict(c.Expect, &want); err != nil {
			return fmt.Errorf("expect: %w", err)
		}
		if want.Refs == nil || want.Holes == nil {
			return errors.New("expect: refs and holes are required")
		}
		for _, ref := range want.Refs {
			if !refs[ref] {
				return fmt.Errorf("expect: report %q is none of the scenario's", ref)
			}
		}
	case "next_release":
		var want releaseExpect
		if err := decodeStrict(c.Expect, &want); err != nil {
			return fmt.Errorf("expect: %w", err)
		}
	case "download":
		var want string
		if err := decodeStrict(c.Expect, &want); err != nil {
			return fmt.Errorf("expect: %w", err)
		}
		if !contains(downloadCodes, want) {
			return fmt.Errorf("expect: unknown answer %q", want)
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

// TestScenarios runs every scenario of reports.json (R1-R4, N2) through
// the public API, one subtest per scenario.
func TestScenarios(t *testing.T) {
	path := "testdata/reports.json"
	if alt := os.Getenv("REPORT_SCENARIOS"); alt != "" {
		path = alt
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	all, err := loadScenarios(data)
	require.NoError(t, err, "%s does not follow the report scenario format", path)
	for _, sc := range all {
		t.Run(sc.Name, func(t *testing.T) { runScenario(t, sc) })
	}
}

// world is one scenario's catalog, with a clock the runner moves.
type world struct {
	ctx  context.Context
	mu   sync.Mutex
	now  time.Time
	cat  *report.Catalog
	refs map[string]report.Ref
	reps map[string]scenarioReport
}

func (w *world) clock() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now
}

func (w *world) set(t time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.now = t
}

func runScenario(tb testing.TB, sc scenario) {
	tb.Helper()
	w := &world{ctx: context.Background(), refs: map[string]report.Ref{}, reps: map[string]scenarioReport{}}
	cat, err := report.New(memstore.New(), report.WithClock(w.clock))
	require.NoError(tb, err)
	w.cat = cat

	// Versions of one family, type and period are versions of one report,
	// unless the report has that version already (an unpublished and a
	// published version of one period may share a number): then they
	// start another.
	type group struct {
		id       string
		versions map[int64]bool
	}
	groups := map[string][]*group{}
	for _, sr := range sc.Reports {
		r := report.Report{
			Name:           sr.Ref,
			Category:       sr.Category,
			Series:         awsSeries(sr.Series),
			Family:         sr.Series,
			Type:           sr.Type,
			Version:        sr.Version,
			State:          sr.State,
			AcceptanceType: sr.Acceptance,
			NeedsApproval:  sr.NeedsApproval,
			PublishedAt:    sr.PublishedAt,
			Document:       report.Document{SHA256: digestOf(sr.Ref)},
		}
		if sr.Type == report.Type1 {
			r.PeriodStart, r.PeriodEnd = *sr.AsOf, *sr.AsOf
		} else {
			r.PeriodStart, r.PeriodEnd = *sr.PeriodStart, *sr.PeriodEnd
		}
		key := fmt.Sprint(r.Family, r.Type, r.PeriodStart, r.PeriodEnd)
		var g *group
		for _, cand := range groups[key] {
			if !cand.versions[sr.Version] {
				g = cand
				break
			}
		}
		if g == nil {
			g = &group{versions: map[int64]bool{}}
			groups[key] = append(groups[key], g)
		}
		r.ID = g.id
		w.set(sr.PublishedAt.Add(-24 * time.Hour))
		got, err := cat.Put(w.ctx, r)
		require.NoError(tb, err, "put %s", sr.Ref)
		g.id = got.ID
		g.versions[sr.Version] = true
		require.Equal(tb, sr.Version, got.Version, "put %s", sr.Ref)
		w.refs[sr.Ref] = got.Ref()
		w.reps[sr.Ref] = sr
	}
	for i, c := range sc.Checks {
		w.set(*c.At)
		w.check(tb, fmt.Sprintf("check %d (%s at %s)", i, c.Op, c.At.Format(time.RFC3339)), c)
	}
}

// awsSeries maps a family to AWS's ReportSeries.
func awsSeries(family string) string {
	for _, s := range []string{"SOC", "ISO", "PCI"} {
		if strings.HasPrefix(family, s) {
			return s
		}
	}
	return family
}

func (w *world) refName(r report.Report) string {
	for name, ref := range w.refs {
		if ref == r.Ref() {
			return name
		}
	}
	return "?" + r.ID
}

func (w *world) check(tb testing.TB, where string, c scenarioCheck) {
	tb.Helper()
	switch c.Op {
	case "best_report":
		var want bestExpect
		require.NoError(tb, decodeStrict(c.Expect, &want), where)
		cov, ok, err := w.cat.BestReport(w.ctx, *c.Series, report.Window(*c.Window), *c.At)
		require.NoError(tb, err, where)
		if want.Ref == nil {
			require.False(tb, ok, "%s: want no report, got %s", where, w.refName(cov.Report))
			return
		}
		require.True(tb, ok, "%s: want %s, got none", where, *want.Ref)
		got := bestExpect{Ref: ptr(w.refName(cov.Report)), UncoveredBeforeDays: &cov.UncoveredBeforeDays,
			GapAfterDays: &cov.GapAfterDays, GapClass: &cov.Gap, Stale: &cov.Stale}
		diffAt(tb, where, want, got)
	case "covering_chain":
		var want chainExpect
		require.NoError(tb, decodeStrict(c.Expect, &want), where)
		ch, err := w.cat.CoveringChain(w.ctx, *c.Series, report.Window(*c.Window), *c.At)
		require.NoError(tb, err, where)
		got := chainExpect{Refs: []string{}, Holes: []window{}}
		for _, r := range ch.Reports {
			got.Refs = append(got.Refs, w.refName(r))
		}
		for _, h := range ch.Holes {
			got.Holes = append(got.Holes, window(h))
		}
		diffAt(tb, where, want, got)
	case "next_release":
		var want releaseExpect
		require.NoError(tb, decodeStrict(c.Expect, &want), where)
		rel, err := w.cat.NextRelease(*c.Series, *c.At)
		require.NoError(tb, err, where)
		diffAt(tb, where, want, releaseExpect{rel.PeriodEnd, rel.Window.Start, rel.Window.End})
	case "download":
		var want string
		require.NoError(tb, decodeStrict(c.Expect, &want), where)
		diffAt(tb, where, want, w.download(tb, where, c))
	default:
		tb.Fatalf("%s: op %q has no runner", where, c.Op)
	}
}

// download sets the account's approval as the check says, fetches a term
// token when the account accepts the terms, and downloads.
func (w *world) download(tb testing.TB, where string, c scenarioCheck) string {
	tb.Helper()
	ref := w.refs[*c.Ref]
	account := *c.Account
	access, err := w.cat.Access(w.ctx, account, ref.ID)
	require.NoError(tb, err, where)
	switch {
	case *c.Approved && access.State != report.AccessApproved:
		_, err := w.cat.RequestAccess(w.ctx, account, ref.ID)
		require.NoError(tb, err, where)
		_, err = w.cat.Approve(w.ctx, account, ref.ID)
		require.NoError(tb, err, where)
	case !*c.Approved && access.State == report.AccessApproved:
		_, err := w.cat.Revoke(w.ctx, account, ref.ID)
		require.NoError(tb, err, where)
	}
	token := ""
	if *c.AcceptedTerms {
		tok, err := w.cat.TermToken(w.ctx, account, ref.ID, ref.Version)
		if err == nil {
			token = tok.Value
		} else {
			require.ErrorIs(tb, err, report.ErrNotPublished, "%s: only an unreadable version has no terms to show", where)
		}
	}
	got, err := w.cat.Download(w.ctx, account, ref.ID, ref.Version, token)
	switch {
	case err == nil:
		require.Equal(tb, ref, got.Ref(), where)
		require.NoError(tb, got.Verify(strings.NewReader(*c.Ref)), "%s: the document downloaded is the one published (R6)", where)
		if token != "" && w.reps[*c.Ref].Acceptance == report.Explicit {
			acc, err := w.cat.Acceptances(w.ctx, account)
			require.NoError(tb, err, where)
			require.Contains(tb, acc, report.Acceptance{Account: account, ReportID: ref.ID, Version: ref.Version,
				TermARN: got.TermARN, Token: token, At: *c.At}, "%s: N2, the acceptance is recorded", where)
		}
		return "ok"
	case errors.Is(err, report.ErrNotPublished):
		return "not_published"
	case errors.Is(err, report.ErrApprovalRequired):
		return "approval_required"
	case errors.Is(err, report.ErrTermsNotAccepted):
		return "terms_not_accepted"
	}
	tb.Fatalf("%s: download: unexpected error %v", where, err)
	return ""
}

func digestOf(s string) report.Digest {
	d, _, _ := report.DigestOf(strings.NewReader(s))
	return d
}

func ptr[T any](v T) *T { return &v }

func diff(tb testing.TB, want, got any) {
	tb.Helper()
	if d := cmp.Diff(want, got); d != "" {
		tb.Fatalf("(-want +got):\n%s", d)
	}
}

// diffAt is diff for a check, saying which.
func diffAt(tb testing.TB, where string, want, got any) {
	tb.Helper()
	if d := cmp.Diff(want, got); d != "" {
		tb.Fatalf("%s: (-want +got):\n%s", where, d)
	}
}

// recorder is a testing.TB that records failures instead of failing the
// test: the runner's verdict on a corpus that must fail.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	failed bool
	msgs   []string
}

func (r *recorder) Helper()                         {}
func (r *recorder) Log(args ...any)                 {}
func (r *recorder) Logf(format string, args ...any) {}
func (r *recorder) Error(args ...any)               { r.fail(fmt.Sprint(args...)) }
func (r *recorder) Errorf(format string, args ...any) {
	r.fail(fmt.Sprintf(format, args...))
}
func (r *recorder) Fail()             { r.fail("") }
func (r *recorder) FailNow()          { r.fail(""); runtime.Goexit() }
func (r *recorder) Fatal(args ...any) { r.Error(args...); runtime.Goexit() }
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

func (r *recorder) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}

func (r *recorder) fail(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed = true
	if msg != "" {
		r.msgs = append(r.msgs, msg)
	}
}

// record runs f with a recorder on a goroutine of its own, so that a
// FailNow ends f alone.
func record(t *testing.T, f func(tb testing.TB)) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r
}

// The report versions the runner tests share.
const (
	soc2v1 = `{"ref": "soc2-v1", "series": "SOC 2", "category": "Certifications and Attestations", "type": "TYPE2", "version": 1,
		"period_start": "2024-10-01", "period_end": "2025-09-30", "published_at": "2025-11-14T18:00:00Z", "state": "PUBLISHED",
		"acceptance": "EXPLICIT", "needs_approval": false}`
	withdrawn = `{"ref": "soc2-withdrawn", "series": "SOC 2", "category": "Certifications and Attestations", "type": "TYPE2", "version": 1,
		"period_start": "2024-10-01", "period_end": "2025-09-30", "published_at": "2025-11-01T18:00:00Z", "state": "UNPUBLISHED",
		"acceptance": "EXPLICIT", "needs_approval": false}`
	bestSOC2 = `{"op": "best_report", "series": "SOC 2", "window": {"start": "2025-01-01", "end": "2025-12-31"}, "at": "2026-03-01T09:00:00Z",
		"expect": {"ref": "soc2-v1", "uncovered_before_days": 0, "gap_after_days": 92, "gap_class": "letter", "stale": false}}`
)

func reportScenario(reports, checks string) string {
	return `[{"name": "s", "rules": ["R4"], "reports": [` + reports + `], "checks": [` + checks + `]}]`
}

// Corpora that break the format fail before any scenario runs, saying why
// (issue 13, item 15).
func TestMalformedReportCorporaFail(t *testing.T) {
	tests := []struct {
		name, corpus, want string
	}{
		{"not JSON", `[{`, "unexpected EOF"},
		{"no scenario", `[]`, "no scenario"},
		{"data after the corpus", reportScenario(soc2v1, bestSOC2) + `,`, "data after"},
		{"unknown scenario field", `[{"name": "s", "rules": [], "reports": [], "checks": [], "setup": {}}]`, `unknown field "setup"`},
		{"unknown report field", reportScenario(strings.Replace(soc2v1, `"version"`, `"revision": 1, "version"`, 1), bestSOC2), `unknown field "revision"`},
		{"unknown check field", reportScenario(soc2v1, strings.Replace(bestSOC2, `"at"`, `"as_of": "2026-01-01", "at"`, 1)), `unknown field "as_of"`},
		{"unknown expect field", reportScenario(soc2v1, strings.Replace(bestSOC2, `"stale": false`, `"stale": false, "letter": true`, 1)), `unknown field "letter"`},
		{"unknown op", reportScenario(soc2v1, `{"op": "best", "series": "SOC 2", "at": "2026-03-01T09:00:00Z", "expect": {}}`), `unknown op "best"`},
		{"unknown ref", reportScenario(soc2v1, `{"op": "download", "account": "111122223333", "ref": "soc3", "accepted_terms": true, "approved": false, "at": "2026-03-01T09:00:00Z", "expect": "ok"}`), `report "soc3" is none`},
		{"unknown ref expected", reportScenario(soc2v1, strings.Replace(bestSOC2, `"ref": "soc2-v1"`, `"ref": "soc2-v2"`, 1)), `report "soc2-v2" is none`},
		{"unknown answer", reportScenario(soc2v1, `{"op": "download", "account": "111122223333", "ref": "soc2-v1", "accepted_terms": true, "approved": false, "at": "2026-03-01T09:00:00Z", "expect": "denied"}`), `unknown answer "denied"`},
		{"a missing argument", reportScenario(soc2v1, `{"op": "next_release", "at": "2026-03-01T09:00:00Z", "expect": {"period_end": "2026-03-31", "release_from": "2026-05-12", "release_to": "2026-05-19"}}`), `argument "series" missing`},
		{"an argument the op does not take", reportScenario(soc2v1, `{"op": "next_release", "series": "SOC 2", "ref": "soc2-v1", "at": "2026-03-01T09:00:00Z", "expect": {"period_end": "2026-03-31", "release_from": "2026-05-12", "release_to": "2026-05-19"}}`), `argument "ref" is not one of this op's`},
		{"a best report half given", reportScenario(soc2v1, `{"op": "best_report", "series": "SOC 2", "window": {"start": "2025-01-01", "end": "2025-12-31"}, "at": "2026-03-01T09:00:00Z", "expect": {"ref": "soc2-v1"}}`), "all required"},
		{"no report, and more", reportScenario(soc2v1, `{"op": "best_report", "series": "SOC 2", "window": {"start": "2025-01-01", "end": "2025-12-31"}, "at": "2026-03-01T09:00:00Z", "expect": {"ref": null, "stale": false}}`), "nothing else"},
		{"an unknown gap class", reportScenario(soc2v1, strings.Replace(bestSOC2, `"letter"`, `"bridge"`, 1)), "bridge"},
		{"an unknown type", reportScenario(strings.Replace(soc2v1, `"TYPE2"`, `"TYPE3"`, 1), bestSOC2), "TYPE3"},
		{"a TYPE1 with a period", reportScenario(strings.Replace(soc2v1, `"TYPE2"`, `"TYPE1"`, 1), bestSOC2), "a TYPE1 version has as_of"},
		{"an unknown acceptance", reportScenario(strings.Replace(soc2v1, `"EXPLICIT"`, `"CLICK"`, 1), bestSOC2), `"CLICK"`},
		{"a window backwards", reportScenario(soc2v1, strings.Replace(bestSOC2, `"end": "2025-12-31"`, `"end": "2024-12-31"`, 1)), "window"},
		{"two versions of one ref", reportScenario(soc2v1+", "+soc2v1, bestSOC2), `the ref "soc2-v1" is taken`},
		{"no checks", reportScenario(soc2v1, ``), "no checks"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadScenarios([]byte(tc.corpus))
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
		})
	}
}

// A catalog that answers wrong fails its scenario (issue 13, item 15), and
// the runner takes every input its format allows: an unpublished and a
// published version of one period may share a version number.
func TestReportRunnerVerdicts(t *testing.T) {
	wrong := map[string]string{
		"another best report": strings.Replace(bestSOC2, `"gap_after_days": 92`, `"gap_after_days": 91`, 1),
		"no best report":      `{"op": "best_report", "series": "SOC 2", "window": {"start": "2025-01-01", "end": "2025-12-31"}, "at": "2026-03-01T09:00:00Z", "expect": {"ref": null}}`,
		"another chain":       `{"op": "covering_chain", "series": "SOC 2", "window": {"start": "2025-01-01", "end": "2025-12-31"}, "at": "2026-03-01T09:00:00Z", "expect": {"refs": [], "holes": []}}`,
		"another release":     `{"op": "next_release", "series": "SOC 2", "at": "2026-03-01T09:00:00Z", "expect": {"period_end": "2026-09-30", "release_from": "2026-11-11", "release_to": "2026-11-18"}}`,
		"another download":    `{"op": "download", "account": "111122223333", "ref": "soc2-v1", "accepted_terms": false, "approved": false, "at": "2026-03-01T09:00:00Z", "expect": "ok"}`,
	}
	for name, check := range wrong {
		t.Run(name, func(t *testing.T) {
			scs, err := loadScenarios([]byte(reportScenario(soc2v1, check)))
			require.NoError(t, err)
			r := record(t, func(tb testing.TB) { runScenario(tb, scs[0]) })
			require.True(t, r.Failed(), "the runner lets a wrong answer pass")
		})
	}
	scs, err := loadScenarios([]byte(reportScenario(withdrawn+", "+soc2v1, bestSOC2+`,
		{"op": "download", "account": "111122223333", "ref": "soc2-withdrawn", "accepted_terms": true, "approved": false, "at": "2026-03-01T09:00:00Z", "expect": "not_published"},
		{"op": "download", "account": "111122223333", "ref": "soc2-v1", "accepted_terms": true, "approved": false, "at": "2026-03-01T09:00:00Z", "expect": "ok"}`)))
	require.NoError(t, err)
	r := record(t, func(tb testing.TB) { runScenario(tb, scs[0]) })
	require.False(t, r.Failed(), "an unpublished and a published version of one period: %v", r.msgs)
}
