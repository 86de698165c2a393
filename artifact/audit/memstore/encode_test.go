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

// Bytes the store did not write are refused, never a panic; what decodes
// is a record the store keeps as it is.
func FuzzDecode(f *testing.F) {
	seed := New()
	f.Add(seed.encode(nil, &audit.Record{Seq: 3, Prev: audit.Hash{9}, Entry: audit.Entry{EventName: "ListReports",
		ErrorMessage: strings.Repeat("m", maxInternLen+1), Params: []audit.Param{{Name: "a", Value: "b"}}}}, 1))
	f.Add([]byte{})
	f.Add(make([]byte, 90))
	strs := seed.strs
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := decode(b, 1, audit.Hash{}, strs)
		if err != nil {
			return
		}
		s := New()
		s.Tamper(func([]audit.Record) []audit.Record { return []audit.Record{r} })
		got, err := s.Read(context.Background(), 1, 1)
		require.NoError(t, err)
		require.Empty(t, cmp.Diff([]audit.Record{r}, got))
	})
}

func TestDecodeRefusesCorruptBytes(t *testing.T) {
	s := New()
	good := s.encode(nil, &audit.Record{Seq: 1, Entry: audit.Entry{EventName: "GetReport"}}, 1)
	for _, b := range [][]byte{good[:len(good)-1], append(append([]byte{}, good...), 0), good[:10], {0x80}} {
		_, err := decode(b, 1, audit.Hash{}, s.strs)
		require.ErrorIs(t, err, errCorrupt)
	}
}

// Records that break the chain (as Tamper makes them) are kept as they are,
// and strings repeated or not, short or long, come back as they went in.
func TestKeepsWhatItIsGiven(t *testing.T) {
	s := New()
	long := strings.Repeat("l", maxInternLen+1)
	recs := []audit.Record{
		{Seq: 1, Hash: audit.Hash{1}, Entry: audit.Entry{Principal: "p", ErrorMessage: long}},
		{Seq: 2, Prev: audit.Hash{1}, Hash: audit.Hash{2}, Entry: audit.Entry{Principal: "p", Resource: "r",
			Params: []audit.Param{{Name: "a", Value: "1"}, {Name: "b", Value: "2"}, {Name: "c", Value: "3"}, {Name: "d", Value: "4"}, {Name: "e", Value: "5"}}}},
		{Seq: 3, Prev: audit.Hash{2}, Hash: audit.Hash{3}, Entry: audit.Entry{Principal: "q", Resource: "r", ErrorMessage: long}},
	}
	for _, r := range recs {
		require.NoError(t, s.Append(context.Background(), r))
	}
	got, err := s.Read(context.Background(), 1, 10)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(recs, got))
	s.Tamper(func(rs []audit.Record) []audit.Record {
		return []audit.Record{rs[1], {Seq: 9, Prev: audit.Hash{7}, Hash: audit.Hash{3}}, rs[0]}
	})
	got, err = s.Read(context.Background(), 1, 10)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff([]audit.Record{recs[1], {Seq: 9, Prev: audit.Hash{7}, Hash: audit.Hash{3}}, recs[0]}, got))
}
