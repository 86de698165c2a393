package report_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/report"
	"github.com/artifactkit/artifactkit/report/memstore"
)

// clock is a settable clock, safe for concurrent use.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var (
	ctx = context.Background()
	t0  = time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
)

const (
	acct  = "111122223333"
	other = "444455556666"
)

// newCatalog returns a catalog over a fresh memstore with a clock at t0.
func newCatalog(t testing.TB, opts ...report.Option) (*report.Catalog, *clock) {
	t.Helper()
	clk := &clock{t: t0}
	cat, err := report.New(memstore.New(), append([]report.Option{report.WithClock(clk.Now)}, opts...)...)
	require.NoError(t, err)
	return cat, clk
}

// soc2 returns a valid SOC 2 Type II version for period start..end.
func soc2(start, end report.Date) report.Report {
	return report.Report{
		Name:            "SOC 2 Type II " + end.String(),
		Category:        "Certifications and Attestations",
		Series:          "SOC",
		Family:          "SOC 2",
		Type:            report.Type2,
		PeriodStart:     start,
		PeriodEnd:       end,
		AcceptanceType:  report.Explicit,
		TrustCategories: []report.TrustCategory{report.Security, report.Availability, report.Confidentiality, report.Privacy},
		Document:        report.Document{SHA256: digestOf("soc2 " + end.String()), Size: int64(len("soc2 " + end.String()))},
	}
}

// put stores r and fails the test on error.
func put(t testing.TB, cat *report.Catalog, r report.Report) report.Report {
	t.Helper()
	got, err := cat.Put(ctx, r)
	require.NoError(t, err)
	return got
}

// fields returns the field names of a validation error.
func fields(t *testing.T, err error) []string {
	t.Helper()
	ve, ok := err.(*report.ValidationError)
	require.True(t, ok, "want *ValidationError, got %T: %v", err, err)
	require.ErrorIs(t, err, report.ErrInvalid)
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Name)
	}
	return out
}

// seqReader is a deterministic source of randomness.
type seqReader struct{ n byte }

func (r *seqReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.n
		r.n = (r.n + 37) % 248
	}
	return len(p), nil
}

func docFor(s string) (report.Document, *strings.Reader) {
	return report.Document{SHA256: digestOf(s), Size: int64(len(s))}, strings.NewReader(s)
}
