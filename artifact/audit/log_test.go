package audit_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/audit/memstore"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func entry(i int, principal, resource string) audit.Entry {
	return audit.Entry{
		EventName: "GetReport", Principal: principal, Account: "111122223333",
		Resource: resource, Action: "artifact:GetReport", Decision: audit.Allowed,
		Params: []audit.Param{{Name: "reportId", Value: fmt.Sprint("report-", i)}},
		Time:   t0.Add(time.Duration(i) * time.Minute),
	}
}

// filled returns a log with n records over a store the test can tamper with.
func filled(t *testing.T, n int) (*audit.Log, *memstore.Store) {
	t.Helper()
	s := memstore.New()
	l := audit.NewLog(s)
	for i := 1; i <= n; i++ {
		_, err := l.Append(context.Background(), entry(i, "arn:aws:iam::111122223333:user/alice", "arn:r"))
		require.NoError(t, err)
	}
	return l, s
}

// G5, R6: every record is chained; Verify finds any record changed,
// removed, inserted or reordered, and says where.
func TestVerifyFindsTampering(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		tamper  func([]audit.Record) []audit.Record
		wantSeq uint64
	}{
		{"intact", func(r []audit.Record) []audit.Record { return r }, 0},
		{"changed field", func(r []audit.Record) []audit.Record { r[2].Principal = "mallory"; return r }, 3},
		{"changed decision", func(r []audit.Record) []audit.Record { r[0].Decision = audit.Denied; return r }, 1},
		{"changed param", func(r []audit.Record) []audit.Record { r[4].Params[0].Value = "x"; return r }, 5},
		{"changed and rehashed", func(r []audit.Record) []audit.Record {
			r[1].Principal = "mallory"
			r[1].Hash = audit.Hash{1} // a forger cannot recompute without breaking the link
			return r
		}, 2},
		{"removed middle", func(r []audit.Record) []audit.Record { return append(r[:2], r[3:]...) }, 3},
		{"removed last", func(r []audit.Record) []audit.Record { return r[:len(r)-1] }, 5},
		{"removed first", func(r []audit.Record) []audit.Record { return r[1:] }, 1},
		{"inserted", func(r []audit.Record) []audit.Record {
			extra := r[1]
			return append(r[:2], append([]audit.Record{extra}, r[2:]...)...)
		}, 3},
		{"reordered", func(r []audit.Record) []audit.Record { r[1], r[2] = r[2], r[1]; return r }, 2},
		{"renumbered after removal", func(r []audit.Record) []audit.Record {
			r = append(r[:2], r[3:]...)
			for i := range r {
				r[i].Seq = uint64(i + 1)
			}
			return r
		}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, s := filled(t, 5)
			s.Tamper(tc.tamper)
			err := l.Verify(ctx)
			if tc.wantSeq == 0 {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, audit.ErrTampered)
			var ce *audit.ChainError
			require.True(t, errors.As(err, &ce))
			require.Equal(t, tc.wantSeq, ce.Seq, ce.Reason)
		})
	}
}

func TestVerifyByAFreshLogOverAnIntactStore(t *testing.T) {
	_, s := filled(t, 3)
	fresh := audit.NewLog(s)
	require.NoError(t, fresh.Verify(context.Background()))
	// A fresh log continues the chain where the store ends.
	_, err := fresh.Append(context.Background(), entry(4, "root", "*"))
	require.NoError(t, err)
	seq, _, err := fresh.Head(context.Background())
	require.NoError(t, err)
	require.EqualValues(t, 4, seq)
	require.NoError(t, fresh.Verify(context.Background()))
}

func TestAppendChainsRecords(t *testing.T) {
	ctx := context.Background()
	l := audit.NewLog(memstore.New())
	r1, err := l.Append(ctx, entry(1, "root", "*"))
	require.NoError(t, err)
	r2, err := l.Append(ctx, entry(2, "root", "*"))
	require.NoError(t, err)
	require.EqualValues(t, 1, r1.Seq)
	require.EqualValues(t, 2, r2.Seq)
	require.Equal(t, audit.Hash{}, r1.Prev)
	require.Equal(t, r1.Hash, r2.Prev)
	require.NotEqual(t, r1.Hash, r2.Hash)
	require.Len(t, r1.Hash.String(), 64)

	_, err = l.Append(ctx, audit.Entry{EventName: "GetReport"})
	require.Error(t, err, "a record without a decision is refused")
}

func TestAppendCopiesParams(t *testing.T) {
	ctx := context.Background()
	l := audit.NewLog(memstore.New())
	e := entry(1, "root", "*")
	_, err := l.Append(ctx, e)
	require.NoError(t, err)
	e.Params[0].Value = "changed"
	require.NoError(t, l.Verify(ctx))
}

// failing is a store whose every call fails.
type failing struct{ audit.Store }

var errDown = errors.New("store down")

func (failing) Append(context.Context, audit.Record) error { return errDown }
func (failing) Len(context.Context) (uint64, error)        { return 0, errDown }
func (failing) Read(context.Context, uint64, int) ([]audit.Record, error) {
	return nil, errDown
}

func TestStoreErrorsSurface(t *testing.T) {
	ctx := context.Background()
	l := audit.NewLog(failing{})
	_, err := l.Append(ctx, entry(1, "root", "*"))
	require.ErrorIs(t, err, errDown)
	require.ErrorIs(t, l.Verify(ctx), errDown)
	_, err = l.Query(ctx, audit.Filter{})
	require.ErrorIs(t, err, errDown)
	_, _, err = l.Head(ctx)
	require.ErrorIs(t, err, errDown)
}

func TestQuery(t *testing.T) {
	ctx := context.Background()
	l := audit.NewLog(memstore.New())
	alice, bob := "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/bob"
	for i, p := range []string{alice, bob, alice, bob, alice} {
		res := "arn:r1"
		if i%2 == 1 {
			res = "arn:r2"
		}
		_, err := l.Append(ctx, entry(i, p, res))
		require.NoError(t, err)
	}
	seqs := func(f audit.Filter) []uint64 {
		recs, err := l.Query(ctx, f)
		require.NoError(t, err)
		var out []uint64
		for _, r := range recs {
			out = append(out, r.Seq)
		}
		return out
	}
	tests := []struct {
		name string
		f    audit.Filter
		want []uint64
	}{
		{"all", audit.Filter{}, []uint64{1, 2, 3, 4, 5}},
		{"principal", audit.Filter{Principal: alice}, []uint64{1, 3, 5}},
		{"resource", audit.Filter{Resource: "arn:r2"}, []uint64{2, 4}},
		{"time range", audit.Filter{From: t0.Add(time.Minute), To: t0.Add(3 * time.Minute)}, []uint64{2, 3}},
		{"combined", audit.Filter{Principal: alice, From: t0.Add(time.Minute)}, []uint64{3, 5}},
		{"event and account", audit.Filter{EventName: "GetReport", Account: "111122223333"}, []uint64{1, 2, 3, 4, 5}},
		{"nothing", audit.Filter{EventName: "AcceptAgreement"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, seqs(tc.f)); d != "" {
				t.Fatalf("(-want +got):\n%s", d)
			}
		})
	}
}

// Whoever calls, a record stays small: a 10 MB parameter, a long message
// and too many parameters are cut, saying so (issue 13, item 13).
func TestAppendBoundsRecords(t *testing.T) {
	log := audit.NewLog(memstore.New())
	huge := strings.Repeat("é", 5<<20) // 10 MB
	var params []audit.Param
	for i := range 40 {
		params = append(params, audit.Param{Name: fmt.Sprintf("p%d", i), Value: "v"})
	}
	params[0].Value = huge
	rec, err := log.Append(context.Background(), audit.Entry{EventName: "GetReport", Principal: "arn:aws:iam::111122223333:user/x",
		Decision: audit.Denied, ErrorMessage: huge, Params: params, Time: time.Unix(0, 0)})
	require.NoError(t, err)
	require.Len(t, rec.Params, audit.MaxParams)
	require.LessOrEqual(t, len(rec.Params[0].Value), audit.MaxFieldLen)
	require.True(t, utf8.ValidString(rec.Params[0].Value), "cut at a character boundary")
	require.True(t, strings.HasSuffix(rec.Params[0].Value, audit.TruncatedMark+"10485760)"), rec.Params[0].Value[len(rec.Params[0].Value)-40:])
	require.LessOrEqual(t, len(rec.ErrorMessage), audit.MaxFieldLen)
	require.Equal(t, audit.Param{Name: audit.TruncatedParams, Value: "9"}, rec.Params[audit.MaxParams-1], "40 given, 31 kept, 9 left out")
	require.Equal(t, "p30", rec.Params[audit.MaxParams-2].Name)
	require.Equal(t, huge, params[0].Value, "the caller's entry is not changed")
	got, err := log.Query(context.Background(), audit.Filter{})
	require.NoError(t, err)
	require.Equal(t, rec.Params, got[0].Params, "the store keeps the bounded record")
	require.NoError(t, log.Verify(context.Background()))

	// A record within the bounds is kept as it is.
	small := []audit.Param{{Name: "reportId", Value: strings.Repeat("r", audit.MaxFieldLen)}}
	rec, err = log.Append(context.Background(), audit.Entry{EventName: "GetReport", Decision: audit.Allowed, Params: small})
	require.NoError(t, err)
	require.Equal(t, small, rec.Params)
}

// A nil Store is a programming error (CONTRIBUTING.md).
func TestNewLogNeedsAStore(t *testing.T) {
	require.Panics(t, func() { audit.NewLog(nil) })
}
