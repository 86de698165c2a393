package sqlstore_test

import (
	"context"
	"crypto/sha256"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/internal/dbtest"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

// eachBench runs f per backend; benchmark databases live in files and
// schemas of their own.
func eachBench(b *testing.B, f func(b *testing.B, db *sqlstore.DB)) {
	for _, be := range dbtest.Backends() {
		b.Run(be.Name, func(b *testing.B) { f(b, be.Open(b)) })
	}
}

// BenchmarkGetReport: GetReport end to end (authorization, the terms gate,
// the audit append) on a database. Goals: 100 µs on SQLite, 1 ms on
// PostgreSQL.
//
// The variants tell the cost of waiting for the disk from the rest: SQLite
// with synchronous FULL (every commit flushed) and PostgreSQL with the
// session's synchronous_commit off (the server does not wait for its WAL
// flush before acknowledging).
func BenchmarkGetReport(b *testing.B) {
	variants := append(dbtest.Backends(), dbtest.Backend{Name: "sqlite-full", Open: dbtest.SQLiteFull},
		dbtest.Backend{Name: "postgres-async-commit", Open: dbtest.PostgresAsyncCommit})
	for _, v := range variants {
		b.Run(v.Name, func(b *testing.B) { benchGetReport(b, v.Open(b)) })
	}
}

func benchGetReport(b *testing.B, db *sqlstore.DB) {
	{
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		svc, err := artifact.New(append(db.ServiceOptions(), artifact.WithClock(func() time.Time { return now }),
			artifact.WithRand(rand.NewChaCha8([32]byte{1})), artifact.WithTokenLifetime(24*time.Hour))...)
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
			{"Effect":"Allow","Action":["artifact:GetReport","artifact:GetTermForReport"],"Resource":"*",
			 "Condition":{"StringEquals":{"artifact:ReportSeries":["SOC","PCI","ISO"]}}}]}`), policy.Identity)},
		})
		require.NoError(b, err)
		term, err := svc.GetTermForReport(ctx, c, artifact.GetTermForReportInput{ReportID: r.ID, ReportVersion: &r.Version})
		require.NoError(b, err)
		in := artifact.GetReportInput{ReportID: r.ID, ReportVersion: &r.Version, TermToken: term.TermToken}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := svc.GetReport(ctx, c, in); err != nil {
				b.Fatal(err)
			}
		}
	}
}
