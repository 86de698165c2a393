package memstore_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"time"

	"github.com/artifactkit/artifactkit/report"
	"github.com/artifactkit/artifactkit/report/memstore"
)

// The in-memory store behind a Catalog: the default and the test fixture.
func Example() {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	cat, _ := report.New(memstore.New(), report.WithClock(func() time.Time { return now }))
	r, _ := cat.Put(ctx, report.Report{ID: "report-jRVRFP8HxUN5zpPh", Name: "SOC 2 Type 2 Report", Series: "SOC", Family: "SOC 2",
		Category: "Certifications and Attestations", PeriodStart: report.D(2024, 10, 1), PeriodEnd: report.D(2025, 9, 30),
		AcceptanceType: report.Explicit, Document: report.Document{SHA256: sha256.Sum256([]byte("SOC 2"))}})
	got, _ := cat.Get(ctx, r.ID, 0)
	fmt.Println(got.ARN)
	// Output: arn:aws:artifact:us-east-1::report/report-jRVRFP8HxUN5zpPh:1
}
