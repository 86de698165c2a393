package report_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/report"
	"github.com/artifactkit/artifactkit/report/memstore"
)

// The format of testdata/reports.json (../shared/conformance/scenarios/README.md).
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
	PeriodStart   report.Date           `json:"period_start"`
	PeriodEnd     report.Date           `json:"period_end"`
	AsOf          report.Date           `json:"as_of"`
	PublishedAt   time.Time             `json:"published_at"`
	State         report.PublishedState `json:"state"`
	Acceptance    report.AcceptanceType `json:"acceptance"`
	NeedsApproval bool                  `json:"needs_approval"`
}

type scenarioCheck struct {
	Op            string          `json:"op"`
	Series        string          `json:"series"`
	Window        report.Window   `json:"window"`
	At            time.Time       `json:"at"`
	Account       aws.AccountID   `json:"account"`
	Ref           string          `json:"ref"`
	AcceptedTerms bool            `json:"accepted_terms"`
	Approved      bool            `json:"approved"`
	Expect        json.RawMessage `json:"expect"`
}

type bestExpect struct {
	Ref                 *string         `json:"ref"`
	UncoveredBeforeDays int             `json:"uncovered_before_days"`
	GapAfterDays        int             `json:"gap_after_days"`
	GapClass            report.GapClass `json:"gap_class"`
	Stale               bool            `json:"stale"`
}

type chainExpect struct {
	Refs  []string `json:"refs"`
	Holes []struct {
		Start report.Date `json:"start"`
		End   report.Date `json:"end"`
	} `json:"holes"`
}

type releaseExpect struct {
	PeriodEnd   report.Date `json:"period_end"`
	ReleaseFrom report.Date `json:"release_from"`
	ReleaseTo   report.Date `json:"release_to"`
}

// loadScenarios reads testdata/reports.json, or the file REPORT_SCENARIOS
// names.
func loadScenarios(t *testing.T) []scenario {
	t.Helper()
	path := "testdata/reports.json"
	if alt := os.Getenv("REPORT_SCENARIOS"); alt != "" {
		path = alt
	}
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	var all []scenario
	require.NoError(t, dec.Decode(&all), "decoding %s", path)
	require.NotEmpty(t, all, "no scenarios in %s", path)
	return all
}

// TestScenarios runs every scenario of reports.json (R1-R4, N2) through
// the public API, one subtest per scenario.
func TestScenarios(t *testing.T) {
	for _, sc := range loadScenarios(t) {
		t.Run(sc.Name, func(t *testing.T) { runScenario(t, sc) })
	}
}

// world is one scenario's catalog, with a clock the runner moves.
type world struct {
	ctx  context.Context
	now  time.Time
	cat  *report.Catalog
	refs map[string]report.Ref
	reps map[string]scenarioReport
}

func runScenario(t *testing.T, sc scenario) {
	w := &world{ctx: context.Background(), refs: map[string]report.Ref{}, reps: map[string]scenarioReport{}}
	cat, err := report.New(memstore.New(), report.WithClock(func() time.Time { return w.now }))
	require.NoError(t, err)
	w.cat = cat

	// Versions of one family, type and period are versions of one report.
	ids := map[string]string{}
	for _, sr := range sc.Reports {
		r := report.Report{
			Name:           sr.Ref,
			Category:       sr.Category,
			Series:         awsSeries(sr.Series),
			Family:         sr.Series,
			Type:           sr.Type,
			Version:        sr.Version,
			PeriodStart:    sr.PeriodStart,
			PeriodEnd:      sr.PeriodEnd,
			State:          sr.State,
			AcceptanceType: sr.Acceptance,
			NeedsApproval:  sr.NeedsApproval,
			PublishedAt:    sr.PublishedAt,
			Document:       report.Document{SHA256: digestOf(sr.Ref)},
		}
		if sr.Type == report.Type1 {
			r.PeriodStart, r.PeriodEnd = sr.AsOf, sr.AsOf
		}
		key := fmt.Sprint(r.Family, r.Type, r.PeriodStart, r.PeriodEnd)
		r.ID = ids[key]
		w.now = sr.PublishedAt.Add(-24 * time.Hour)
		got, err := cat.Put(w.ctx, r)
		require.NoError(t, err, "put %s", sr.Ref)
		ids[key] = got.ID
		require.Equal(t, sr.Version, got.Version, "put %s", sr.Ref)
		w.refs[sr.Ref] = got.Ref()
		w.reps[sr.Ref] = sr
	}
	for i, c := range sc.Checks {
		w.now = c.At
		t.Run(fmt.Sprintf("%d_%s", i, c.Op), func(t *testing.T) { w.check(t, c) })
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

func (w *world) check(t *testing.T, c scenarioCheck) {
	switch c.Op {
	case "best_report":
		var want bestExpect
		require.NoError(t, json.Unmarshal(c.Expect, &want))
		cov, ok, err := w.cat.BestReport(w.ctx, c.Series, c.Window, c.At)
		require.NoError(t, err)
		if want.Ref == nil {
			require.False(t, ok, "want no report, got %s", w.refName(cov.Report))
			return
		}
		require.True(t, ok, "want %s, got none", *want.Ref)
		got := bestExpect{Ref: ptr(w.refName(cov.Report)), UncoveredBeforeDays: cov.UncoveredBeforeDays,
			GapAfterDays: cov.GapAfterDays, GapClass: cov.Gap, Stale: cov.Stale}
		diff(t, want, got)
	case "covering_chain":
		var want chainExpect
		require.NoError(t, json.Unmarshal(c.Expect, &want))
		ch, err := w.cat.CoveringChain(w.ctx, c.Series, c.Window, c.At)
		require.NoError(t, err)
		got := chainExpect{Refs: []string{}}
		for _, r := range ch.Reports {
			got.Refs = append(got.Refs, w.refName(r))
		}
		for _, h := range ch.Holes {
			got.Holes = append(got.Holes, struct {
				Start report.Date `json:"start"`
				End   report.Date `json:"end"`
			}{h.Start, h.End})
		}
		if len(want.Holes) == 0 {
			want.Holes = nil
		}
		diff(t, want, got)
	case "next_release":
		var want releaseExpect
		require.NoError(t, json.Unmarshal(c.Expect, &want))
		rel, err := w.cat.NextRelease(c.Series, c.At)
		require.NoError(t, err)
		diff(t, want, releaseExpect{rel.PeriodEnd, rel.Window.Start, rel.Window.End})
	case "download":
		var want string
		require.NoError(t, json.Unmarshal(c.Expect, &want))
		diff(t, want, w.download(t, c))
	default:
		t.Fatalf("unknown op %q", c.Op)
	}
}

// download sets the account's approval as the check says, fetches a term
// token when the account accepts the terms, and downloads.
func (w *world) download(t *testing.T, c scenarioCheck) string {
	ref, ok := w.refs[c.Ref]
	require.True(t, ok, "unknown ref %q", c.Ref)
	access, err := w.cat.Access(w.ctx, c.Account, ref.ID)
	require.NoError(t, err)
	switch {
	case c.Approved && access.State != report.AccessApproved:
		_, err := w.cat.RequestAccess(w.ctx, c.Account, ref.ID)
		require.NoError(t, err)
		_, err = w.cat.Approve(w.ctx, c.Account, ref.ID)
		require.NoError(t, err)
	case !c.Approved && access.State == report.AccessApproved:
		_, err := w.cat.Revoke(w.ctx, c.Account, ref.ID)
		require.NoError(t, err)
	}
	token := ""
	if c.AcceptedTerms {
		tok, err := w.cat.TermToken(w.ctx, c.Account, ref.ID, ref.Version)
		if err == nil {
			token = tok.Value
		} else {
			require.ErrorIs(t, err, report.ErrNotPublished, "only an unreadable version has no terms to show")
		}
	}
	got, err := w.cat.Download(w.ctx, c.Account, ref.ID, ref.Version, token)
	switch {
	case err == nil:
		require.Equal(t, ref, got.Ref())
		require.NoError(t, got.Verify(strings.NewReader(c.Ref)), "the document downloaded is the one published (R6)")
		if token != "" && w.reps[c.Ref].Acceptance == report.Explicit {
			acc, err := w.cat.Acceptances(w.ctx, c.Account)
			require.NoError(t, err)
			require.Contains(t, acc, report.Acceptance{Account: c.Account, ReportID: ref.ID, Version: ref.Version,
				TermARN: got.TermARN, Token: token, At: c.At}, "N2: the acceptance is recorded")
		}
		return "ok"
	case errors.Is(err, report.ErrNotPublished):
		return "not_published"
	case errors.Is(err, report.ErrApprovalRequired):
		return "approval_required"
	case errors.Is(err, report.ErrTermsNotAccepted):
		return "terms_not_accepted"
	}
	t.Fatalf("download: unexpected error %v", err)
	return ""
}

func digestOf(s string) report.Digest {
	d, _, _ := report.DigestOf(strings.NewReader(s))
	return d
}

func ptr[T any](v T) *T { return &v }

func diff(t *testing.T, want, got any) {
	t.Helper()
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
}
