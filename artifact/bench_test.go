package artifact_test

import (
	"context"
	"crypto/sha256"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

// BenchmarkGetReport measures GetReport end to end on the in-memory stores:
// authorization with the report condition keys, the term gate (an EXPLICIT
// report, so the acceptance is recorded) and the audit append. Goal: at
// most 2 µs/op.
func BenchmarkGetReport(b *testing.B) {
	b.Run("memstore", func(b *testing.B) { benchGetReport(b, false) })
	// The same with a trail that keeps nothing, to tell the service's cost
	// from the in-memory trail's.
	b.Run("discarded-trail", func(b *testing.B) { benchGetReport(b, false, artifact.WithAuditStore(&discard{})) })
	// Callers on every core at once: throughput, with the audit trail's
	// appends serialized (ns/op is wall time over all calls).
	b.Run("parallel", func(b *testing.B) { benchGetReport(b, true) })
}

// discard is an audit.Store that numbers records and keeps none.
type discard struct{ n uint64 }

func (d *discard) Append(_ context.Context, rec audit.Record) error { d.n = rec.Seq; return nil }
func (d *discard) Len(context.Context) (uint64, error)              { return d.n, nil }
func (d *discard) Read(context.Context, uint64, int) ([]audit.Record, error) {
	return nil, nil
}

// benchGetReport downloads one SOC 2 report over and over, from one
// goroutine or, when parallel, from GOMAXPROCS goroutines.
func benchGetReport(b *testing.B, parallel bool, opts ...artifact.Option) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	svc, err := artifact.New(append([]artifact.Option{artifact.WithClock(func() time.Time { return now }),
		artifact.WithRand(rand.NewChaCha8([32]byte{1})), artifact.WithTokenLifetime(24 * time.Hour)}, opts...)...)
	require.NoError(b, err)
	r, err := svc.PublishReport(ctx, report.Report{
		ID: "report-jRVRFP8HxUN5zpPh", Name: "SOC 2 Type 2 Report", Series: "SOC", Family: "SOC 2",
		Category: "Certifications and Attestations", PeriodStart: report.D(2024, 10, 1), PeriodEnd: report.D(2025, 9, 30),
		AcceptanceType: report.Explicit, PublishedAt: now.Add(-time.Hour),
		Document: report.Document{SHA256: sha256.Sum256([]byte("soc2"))},
	})
	require.NoError(b, err)
	c, err := artifact.NewCaller(artifact.Identity{
		Account:   "111122223333",
		Principal: "arn:aws:iam::111122223333:user/auditor",
		Policies: []*policy.Document{policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":"artifact:ListReports","Resource":"*"},
			{"Effect":"Allow","Action":["artifact:GetReport","artifact:GetTermForReport"],"Resource":"*",
			 "Condition":{"StringEquals":{"artifact:ReportSeries":["SOC","PCI","ISO"],"artifact:ReportCategory":"Certifications and Attestations"}}}]}`), policy.Identity)},
		Context: map[string][]string{"aws:MultiFactorAuthPresent": {"true"}, "aws:SourceIp": {"203.0.113.7"}},
	})
	require.NoError(b, err)
	term, err := svc.GetTermForReport(ctx, c, artifact.GetTermForReportInput{ReportID: r.ID, ReportVersion: new(r.Version)})
	require.NoError(b, err)
	in := artifact.GetReportInput{ReportID: r.ID, ReportVersion: new(r.Version), TermToken: term.TermToken}
	b.ReportAllocs()
	b.ResetTimer()
	if parallel {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := svc.GetReport(ctx, c, in); err != nil {
					b.Error(err)
					return
				}
			}
		})
		return
	}
	for b.Loop() {
		if _, err := svc.GetReport(ctx, c, in); err != nil {
			b.Fatal(err)
		}
	}
}
