package memstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/audit"
)

// Records come back exactly as they went in, whatever their fields.
func TestEncodingRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		rec  audit.Record
	}{
		{"zero", audit.Record{Seq: 1}},
		{"full", audit.Record{Seq: 1, Prev: audit.Hash{1}, Hash: audit.Hash{2}, Entry: audit.Entry{
			EventName: "GetReport", Principal: "arn:aws:iam::111122223333:user/a", Account: "111122223333",
			Resource: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1", Action: "artifact:GetReport",
			Decision: audit.Denied, ErrorCode: "AccessDeniedException", ErrorMessage: "no ✓",
			Params: []audit.Param{{Name: "reportId", Value: "report-abcdef0123456789"}, {Name: "", Value: ""}},
			Time:   time.Date(2026, 3, 1, 9, 0, 0, 123456789, time.UTC)}}},
		{"empty params", audit.Record{Seq: 1, Entry: audit.Entry{Params: []audit.Param{}}}},
		{"before the epoch", audit.Record{Seq: 1, Entry: audit.Entry{Time: time.Date(1969, 12, 31, 23, 59, 59, 5, time.UTC)}}},
		{"larger than a block", audit.Record{Seq: 1, Entry: audit.Entry{ErrorMessage: strings.Repeat("x", blockSize+10)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New()
			require.NoError(t, s.Append(context.Background(), tc.rec))
			got, err := s.Read(context.Background(), 1, 1)
			require.NoError(t, err)
			require.Len(t, got, 1)
			require.Empty(t, cmp.Diff(tc.rec, got[0]))
			require.Equal(t, tc.rec.Params == nil, got[0].Params == nil)
		})
	}
}

// Bytes the store did not write are refused, never a panic.
func FuzzDecode(f *testing.F) {
	f.Add(encode(nil, &audit.Record{Seq: 3, Entry: audit.Entry{EventName: "ListReports", Params: []audit.Param{{Name: "a", Value: "b"}}}}))
	f.Add([]byte{})
	f.Add(make([]byte, 90))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := decode(b)
		if err != nil {
			return
		}
		// What decodes encodes back to the same bytes.
		require.Equal(t, b, encode(nil, &r))
	})
}

func TestDecodeRefusesCorruptBytes(t *testing.T) {
	good := encode(nil, &audit.Record{Seq: 1, Entry: audit.Entry{EventName: "GetReport"}})
	for _, b := range [][]byte{good[:len(good)-1], append(append([]byte{}, good...), 0), good[:10]} {
		_, err := decode(b)
		require.ErrorIs(t, err, errCorrupt)
	}
}
