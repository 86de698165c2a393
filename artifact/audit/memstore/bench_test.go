package memstore

import (
	"context"
	"testing"
	"time"

	"github.com/artifactkit/artifactkit/artifact/audit"
)

// BenchmarkAppend measures keeping one record of a GetReport call, as the
// artifact service appends one per call.
func BenchmarkAppend(b *testing.B) {
	s := New()
	rec := audit.Record{Entry: audit.Entry{EventName: "GetReport", Principal: "arn:aws:iam::111122223333:user/auditor",
		Account: "111122223333", Resource: "arn:aws:artifact:us-east-1::report/report-jRVRFP8HxUN5zpPh:1",
		Action: "artifact:GetReport", Decision: audit.Allowed,
		Params: []audit.Param{{Name: "reportId", Value: "report-jRVRFP8HxUN5zpPh"}, {Name: "reportVersion", Value: "1"},
			{Name: "termToken", Value: "HIDDEN_DUE_TO_SECURITY_REASONS"}},
		Time: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}}
	b.ReportAllocs()
	for b.Loop() {
		rec.Seq++
		rec.Prev, rec.Hash = rec.Hash, audit.Hash{byte(rec.Seq)}
		if err := s.Append(context.Background(), rec); err != nil {
			b.Fatal(err)
		}
	}
}
