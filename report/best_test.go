package report_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/report"
	"github.com/artifactkit/artifactkit/report/memstore"
)

// bestStore is a report.BestStore over the in-memory store that answers
// from an Index of every version, counting its answers.
type bestStore struct {
	*memstore.Store
	asked int
}

func (s *bestStore) BestReport(ctx context.Context, family string, w report.Window, at time.Time) (report.Report, bool, error) {
	s.asked++
	var all []report.Report
	for after := (report.Ref{}); ; {
		batch, err := s.Scan(ctx, after, 100)
		if err != nil {
			return report.Report{}, false, err
		}
		all = append(all, batch...)
		if len(batch) < 100 {
			break
		}
		after = batch[len(batch)-1].Ref()
	}
	c, ok := report.NewIndex(all).Best(family, w, at, report.Thresholds{})
	return c.Report, ok, nil
}

// R4: a store that finds the best report itself answers BestReport, graded
// by the catalog's thresholds, as the catalog's own index does.
func TestR4_BestReportFromTheStore(t *testing.T) {
	bs := &bestStore{Store: memstore.New()}
	opts := []report.Option{report.WithClock(func() time.Time { return t0 }), report.WithThresholds(report.Thresholds{LetterMonths: 2})}
	withStore, err := report.New(bs, opts...)
	require.NoError(t, err)
	plain, err := report.New(bs.Store, opts...)
	require.NoError(t, err)
	for _, r := range benchVersions(300) {
		r.ID = ""
		put(t, plain, r)
	}
	for i, q := range benchQueries(300) {
		if i == 200 {
			break
		}
		want, wok, err := plain.BestReport(ctx, "SOC 2", q.w, q.at)
		require.NoError(t, err)
		got, gok, err := withStore.BestReport(ctx, "SOC 2", q.w, q.at)
		require.NoError(t, err)
		require.Equal(t, wok, gok)
		require.Empty(t, cmp.Diff(want, got), "window %v at %s", q.w, q.at)
	}
	require.Equal(t, 200, bs.asked)
	_, _, err = withStore.BestReport(ctx, "", report.Window{}, time.Time{})
	require.ErrorIs(t, err, report.ErrInvalid)
	_, ok, err := withStore.BestReport(ctx, "SOC 2", report.Window{Start: report.D(2026, 1, 1), End: report.D(2026, 2, 1)}, time.Time{})
	require.NoError(t, err)
	require.False(t, ok, "a window after every version, now")
}

// chainStore is a report.ChainStore over the in-memory store that finds
// the covering versions by reading every version, counting its answers.
type chainStore struct {
	*memstore.Store
	asked int
}

func (s *chainStore) CoveringVersions(ctx context.Context, family string, w report.Window, at time.Time) ([]report.Report, error) {
	s.asked++
	var out []report.Report
	for after := (report.Ref{}); ; {
		batch, err := s.Scan(ctx, after, 100)
		if err != nil {
			return nil, err
		}
		for _, r := range batch {
			if r.Family == family && r.Type == report.Type2 && r.State == report.Published && r.DeletedAt.IsZero() &&
				r.UploadState == report.UploadComplete && !r.PeriodEnd.Before(r.PeriodStart) && !r.PublishedAt.After(at) &&
				!r.PeriodEnd.Before(w.Start) && !r.PeriodStart.After(w.End) {
				out = append(out, r)
			}
		}
		if len(batch) < 100 {
			break
		}
		after = batch[len(batch)-1].Ref()
	}
	// In reverse, so that the walk does not depend on the order.
	slices.Reverse(out)
	return out, nil
}

// R4: a store that finds the covering versions itself answers
// CoveringChain as the catalog's own index does.
func TestR4_CoveringChainFromTheStore(t *testing.T) {
	cs := &chainStore{Store: memstore.New()}
	opts := []report.Option{report.WithClock(func() time.Time { return t0 })}
	withStore, err := report.New(cs, opts...)
	require.NoError(t, err)
	plain, err := report.New(cs.Store, opts...)
	require.NoError(t, err)
	for _, r := range benchVersions(300) {
		r.ID = ""
		put(t, plain, r)
	}
	for i, q := range benchQueries(300) {
		if i == 200 {
			break
		}
		// Windows of up to three years, so that chains hold several
		// versions and holes.
		q.w.End = q.w.End.AddDays(i * 5)
		want, err := plain.CoveringChain(ctx, "SOC 2", q.w, q.at)
		require.NoError(t, err)
		got, err := withStore.CoveringChain(ctx, "SOC 2", q.w, q.at)
		require.NoError(t, err)
		require.Empty(t, cmp.Diff(want, got), "window %v at %s", q.w, q.at)
	}
	require.Equal(t, 200, cs.asked)
	_, err = withStore.CoveringChain(ctx, "", report.Window{}, time.Time{})
	require.ErrorIs(t, err, report.ErrInvalid)
	require.Equal(t, 200, cs.asked, "an invalid question reaches no store")
}
