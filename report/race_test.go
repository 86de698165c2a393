package report_test

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/report"
	"github.com/artifactkit/artifactkit/report/memstore"
)

// losingStore loses the next race of each kind of write once: it answers
// ErrConflict without storing, as if another writer got there first.
type losingStore struct {
	report.Store
	reports, tokens, access int
}

func (s *losingStore) PutReport(c context.Context, r report.Report) (report.Report, error) {
	if s.reports > 0 {
		s.reports--
		return report.Report{}, fmt.Errorf("lost: %w", report.ErrConflict)
	}
	return s.Store.PutReport(c, r)
}

func (s *losingStore) PutToken(c context.Context, t report.TermToken) error {
	if s.tokens > 0 {
		s.tokens--
		return fmt.Errorf("lost: %w", report.ErrConflict)
	}
	return s.Store.PutToken(c, t)
}

func (s *losingStore) PutAccess(c context.Context, a report.Access) (report.Access, error) {
	if s.access > 0 {
		s.access--
		return report.Access{}, fmt.Errorf("lost: %w", report.ErrConflict)
	}
	return s.Store.PutAccess(c, a)
}

// Writes the catalog can redo (a fresh id, the next version, a
// read-modify-write, a fresh token) are retried after a lost race; writes
// it cannot redo return ErrConflict; retries are bounded.
func TestRetriesAfterLostRaces(t *testing.T) {
	s := &losingStore{Store: memstore.New()}
	cat, err := report.New(s, report.WithClock(func() time.Time { return t0 }))
	require.NoError(t, err)

	s.reports = 2
	r := put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	s.reports = 1
	_, err = cat.Unpublish(ctx, r.ID, 1)
	require.NoError(t, err)
	s.reports = 1
	_, err = cat.Publish(ctx, r.ID, 1)
	require.NoError(t, err)
	s.tokens = 1
	tok, err := cat.TermToken(ctx, acct, r.ID, 1)
	require.NoError(t, err)
	s.access = 1
	_, err = cat.RequestAccess(ctx, acct, r.ID)
	require.NoError(t, err)

	s.reports = 1
	fixed := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	fixed.ID, fixed.Version = r.ID, 7
	_, err = cat.Put(ctx, fixed)
	require.ErrorIs(t, err, report.ErrConflict, "an explicit version cannot be redone")
	s.reports = 1
	cur, err := cat.Get(ctx, r.ID, 1)
	require.NoError(t, err)
	cur.Name = "x"
	_, err = cat.Update(ctx, cur)
	require.ErrorIs(t, err, report.ErrConflict, "an update by the caller is not redone")

	s.reports, s.tokens, s.access = 100, 100, 100
	_, err = cat.Put(ctx, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	require.ErrorIs(t, err, report.ErrConflict)
	_, err = cat.Unpublish(ctx, r.ID, 1)
	require.ErrorIs(t, err, report.ErrConflict)
	_, err = cat.TermToken(ctx, acct, r.ID, 1)
	require.ErrorIs(t, err, report.ErrConflict)
	_, err = cat.Approve(ctx, acct, r.ID)
	require.ErrorIs(t, err, report.ErrConflict)

	got, err := cat.Download(ctx, acct, r.ID, 1, tok.Value)
	require.NoError(t, err)
	require.Equal(t, report.Published, got.State, "the failed unpublish changed nothing")
	a, err := cat.Access(ctx, acct, r.ID)
	require.NoError(t, err)
	require.Equal(t, report.AccessPending, a.State, "the failed approval changed nothing")
}

// A source of randomness that fails makes ids and tokens fail, and
// nothing is stored.
func TestRandomnessFailure(t *testing.T) {
	cat, _ := newCatalog(t, report.WithRand(failingReader{}))
	_, err := cat.Put(ctx, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	r := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	r.ID = "report-abcdef0123456789"
	_, err = cat.Put(ctx, r)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF, "new terms need an id too")
	r.TermARN = "arn:aws:artifact:us-east-1::term/term-abcdef0123456789:1"
	r = put(t, cat, r)
	_, err = cat.TermToken(ctx, acct, r.ID, 1)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	list, _, err := cat.List(ctx, report.Filter{}, report.Page{})
	require.NoError(t, err)
	require.Len(t, list, 1)

	_, err = cat.Download(ctx, "12345678901x", r.ID, 1, "")
	require.Equal(t, []string{"account"}, fields(t, err))
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }
