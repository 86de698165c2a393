package audit_test

import (
	"context"
	"testing"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/audit/memstore"
)

// BenchmarkLogAppend measures what the log adds to every call of the
// artifact service: numbering a GetReport record and chaining it with
// SHA-256, over a store that keeps nothing ("chain") and over the
// in-memory store ("memstore").
func BenchmarkLogAppend(b *testing.B) {
	b.Run("chain", func(b *testing.B) { benchLogAppend(b, &discard{}) })
	b.Run("memstore", func(b *testing.B) { benchLogAppend(b, memstore.New()) })
}

func benchLogAppend(b *testing.B, s audit.Store) {
	l := audit.NewLog(s)
	e := audit.Entry{EventName: "GetReport", Principal: "arn:aws:iam::111122223333:user/auditor",
		Account: "111122223333", Resource: "arn:aws:artifact:us-east-1::report/report-jRVRFP8HxUN5zpPh:1",
		Action: "artifact:GetReport", Decision: audit.Allowed,
		Params: []audit.Param{{Name: "reportId", Value: "report-jRVRFP8HxUN5zpPh"}, {Name: "reportVersion", Value: "1"},
			{Name: "termToken", Value: "HIDDEN_DUE_TO_SECURITY_REASONS"}},
		Time: t0}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Append(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
}

// discard is a Store that numbers records and keeps none.
type discard struct{ n uint64 }

func (d *discard) Append(_ context.Context, rec audit.Record) error { d.n = rec.Seq; return nil }
func (d *discard) Len(context.Context) (uint64, error)              { return d.n, nil }
func (d *discard) Read(context.Context, uint64, int) ([]audit.Record, error) {
	return nil, nil
}
