package report_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/report"
	"github.com/artifactkit/artifactkit/report/memstore"
)

// errBoom is a store's own failure.
var errBoom = errors.New("connection reset by peer")

// failingPuts is a Store whose PutReport runs before first, then fails
// with err (the write stored when stored is set, as a database's whose
// answer was lost), until err is nil.
type failingPuts struct {
	report.Store
	before func()
	err    error
	stored bool
}

func (s *failingPuts) PutReport(ctx context.Context, r report.Report) (report.Report, error) {
	if f := s.before; f != nil {
		s.before = nil
		f()
	}
	if s.err == nil {
		return s.Store.PutReport(ctx, r)
	}
	if s.stored {
		_, _ = s.Store.PutReport(ctx, r)
	}
	return report.Report{}, s.err
}

// written is what a BeforeStore hook saw of a write: the fields that name
// it.
type written struct {
	ID       string
	Version  int64
	Seq      int64
	Previous int64 // the previous record's sequence number; 0 for a Put
}

// seeWrites returns a BeforeStore hook that appends what it sees to got,
// and fails with err.
func seeWrites(got *[]written, err error) report.BeforeStore {
	return func(_ context.Context, w report.Write) error {
		*got = append(*got, written{w.Report.ID, w.Report.Version, w.Report.SequenceNumber, w.Previous.SequenceNumber})
		return err
	}
}

// A BeforeStore hook sees every write of Put and Update before it is
// stored (the version number Put assigns on each attempt, the record an
// Update replaces); its error fails the write, which stores nothing.
func TestBeforeStoreSeesEachWrite(t *testing.T) {
	errHook := errors.New("the outbox is down")
	// putNext puts the next version of v1's report; update changes v1's
	// description.
	putNext := func(cat *report.Catalog, v1 report.Report, hook report.BeforeStore) (report.Report, error) {
		r := soc2(report.D(2025, 1, 1), report.D(2025, 12, 31))
		r.ID = v1.ID
		return cat.Put(ctx, r, hook)
	}
	update := func(cat *report.Catalog, v1 report.Report, hook report.BeforeStore) (report.Report, error) {
		v1.Description = "updated"
		return cat.Update(ctx, v1, hook)
	}
	tests := []struct {
		name    string
		hookErr error
		// write makes the write, on a catalog whose store holds version
		// 1 of report-SeesEachWrite001 and runs race before its next
		// PutReport.
		write func(cat *report.Catalog, v1 report.Report, hook report.BeforeStore) (report.Report, error)
		race  func(cat *report.Catalog, v1 report.Report)
		want  []written
		// stored is the number of versions stored after the write.
		stored int
	}{{
		name:   "Put takes the next version",
		write:  putNext,
		want:   []written{{"report-SeesEachWrite001", 2, 0, 0}},
		stored: 2,
	}, {
		name:  "Put retried after a concurrent one takes the version after",
		write: putNext,
		race: func(cat *report.Catalog, v1 report.Report) {
			r := soc2(report.D(2025, 1, 1), report.D(2025, 12, 31))
			r.ID, r.Version = v1.ID, 2
			_, err := cat.Put(ctx, r)
			require.NoError(t, err)
		},
		want:   []written{{"report-SeesEachWrite001", 2, 0, 0}, {"report-SeesEachWrite001", 3, 0, 0}},
		stored: 3,
	}, {
		name:   "Update sees the record it replaces",
		write:  update,
		want:   []written{{"report-SeesEachWrite001", 1, 1, 1}},
		stored: 1,
	}, {
		name:    "a failing hook fails Put",
		hookErr: errHook,
		write:   putNext,
		want:    []written{{"report-SeesEachWrite001", 2, 0, 0}},
		stored:  1,
	}, {
		name:    "a failing hook fails Update",
		hookErr: errHook,
		write:   update,
		want:    []written{{"report-SeesEachWrite001", 1, 1, 1}},
		stored:  1,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &failingPuts{Store: memstore.New()}
			cat, err := report.New(st, report.WithClock(func() time.Time { return t0 }))
			require.NoError(t, err)
			r := soc2(report.D(2024, 1, 1), report.D(2024, 12, 31))
			r.ID = "report-SeesEachWrite001"
			v1 := put(t, cat, r)
			if tt.race != nil {
				st.before = func() { tt.race(cat, v1) }
			}
			var got []written
			out, err := tt.write(cat, v1, seeWrites(&got, tt.hookErr))
			require.Empty(t, cmp.Diff(tt.want, got))
			if tt.hookErr != nil {
				require.ErrorIs(t, err, tt.hookErr)
			} else {
				require.NoError(t, err)
				require.Equal(t, got[len(got)-1].Version, out.Version, "the last write seen is the one stored")
			}
			versions, err := st.Versions(ctx, r.ID)
			require.NoError(t, err)
			require.Len(t, versions, tt.stored)
			if tt.hookErr != nil {
				cur, err := cat.Get(ctx, v1.ID, 1)
				require.NoError(t, err)
				require.Empty(t, cmp.Diff(v1, cur), "nothing stored")
			}
		})
	}
}

// Stored tells a host whether a write it recorded (what its BeforeStore
// hook saw) was stored, when its outcome was lost.
func TestStored(t *testing.T) {
	tests := []struct {
		name string
		// write makes a write whose hook records seen; it may fail.
		write func(t *testing.T, cat *report.Catalog, st *failingPuts, clk *clock, hook report.BeforeStore)
		want  bool
	}{{
		name: "a Put stored",
		write: func(t *testing.T, cat *report.Catalog, _ *failingPuts, _ *clock, hook report.BeforeStore) {
			_, err := cat.Put(ctx, soc2(report.D(2025, 1, 1), report.D(2025, 12, 31)), hook)
			require.NoError(t, err)
		},
		want: true,
	}, {
		name: "a Put whose store failed",
		write: func(t *testing.T, cat *report.Catalog, st *failingPuts, _ *clock, hook report.BeforeStore) {
			st.err = errBoom
			_, err := cat.Put(ctx, soc2(report.D(2025, 1, 1), report.D(2025, 12, 31)), hook)
			require.ErrorIs(t, err, errBoom)
		},
		want: false,
	}, {
		name: "a Put stored whose answer was lost",
		write: func(t *testing.T, cat *report.Catalog, st *failingPuts, _ *clock, hook report.BeforeStore) {
			st.err, st.stored = errBoom, true
			_, err := cat.Put(ctx, soc2(report.D(2025, 1, 1), report.D(2025, 12, 31)), hook)
			require.ErrorIs(t, err, errBoom)
		},
		want: true,
	}, {
		name: "a Put that failed, then another Put of the version number",
		write: func(t *testing.T, cat *report.Catalog, st *failingPuts, clk *clock, hook report.BeforeStore) {
			r := soc2(report.D(2025, 1, 1), report.D(2025, 12, 31))
			r.ID = "report-StoredOrNot00001"
			st.err = errBoom
			_, err := cat.Put(ctx, r, hook)
			require.ErrorIs(t, err, errBoom)
			st.err = nil
			clk.Advance(time.Second)
			put(t, cat, r)
		},
		want: false,
	}, {
		name: "an Update stored, then updated again",
		write: func(t *testing.T, cat *report.Catalog, _ *failingPuts, clk *clock, hook report.BeforeStore) {
			v := put(t, cat, soc2(report.D(2025, 1, 1), report.D(2025, 12, 31)))
			clk.Advance(time.Second)
			v.Description = "one"
			v, err := cat.Update(ctx, v, hook)
			require.NoError(t, err)
			clk.Advance(time.Second)
			v.Description = "two"
			_, err = cat.Update(ctx, v)
			require.NoError(t, err)
		},
		want: true,
	}, {
		name: "an Update that failed, then another at its sequence number",
		write: func(t *testing.T, cat *report.Catalog, st *failingPuts, clk *clock, hook report.BeforeStore) {
			v := put(t, cat, soc2(report.D(2025, 1, 1), report.D(2025, 12, 31)))
			clk.Advance(time.Second)
			one := v
			one.Description = "one"
			st.err = errBoom
			_, err := cat.Update(ctx, one, hook)
			require.ErrorIs(t, err, errBoom)
			st.err = nil
			clk.Advance(time.Second)
			v.Description = "two"
			_, err = cat.Update(ctx, v)
			require.NoError(t, err)
		},
		want: false,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &clock{t: t0}
			st := &failingPuts{Store: memstore.New()}
			cat, err := report.New(st, report.WithClock(clk.Now))
			require.NoError(t, err)
			var seen report.Report
			tt.write(t, cat, st, clk, func(_ context.Context, w report.Write) error {
				seen = w.Report
				return nil
			})
			got, err := cat.Stored(ctx, seen)
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}
