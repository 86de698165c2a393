package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
)

const (
	account = aws.AccountID("111122223333")
	other   = aws.AccountID("444455556666")
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// sample returns an inquiry of account created at t0 plus n seconds.
func sample(id string, acct aws.AccountID, n int) inquiry.Inquiry {
	at := t0.Add(time.Duration(n) * time.Second)
	iid := inquiry.ID("compliance-inquiry-" + id)
	return inquiry.Inquiry{
		ID: iid, ARN: aws.ComplianceInquiryARN{Partition: "aws", Region: "us-east-1", Account: acct, ComplianceInquiryID: string(iid)}.String(), Account: acct, Name: "Vendor review " + id,
		Status: inquiry.Processing, StatusMessage: inquiry.MsgInProgress, InputSource: inquiry.File,
		SupportMode: inquiry.AIOnly, CreatedAt: at, UpdatedAt: at, Tags: inquiry.Tags{"team": "grc"},
		FileSections: []string{"Question"}, QueryCount: 2, Due: at,
	}
}

// queries returns n PROCESSING queries.
func queries(n int) []inquiry.Query {
	out := make([]inquiry.Query, n)
	for i := range out {
		out[i] = inquiry.Query{Identifier: i + 1, Query: fmt.Sprintf("Question %d?", i+1), Status: inquiry.QueryProcessing,
			StatusMessage: inquiry.QueryMsgInProgress, CreatedAt: t0, Section: "Question", Row: i + 2}
	}
	return out
}

// Run checks that the stores newStore returns behave as inquiry.Store
// requires. newStore must return an empty store each time it is called.
func Run(t *testing.T, newStore func(t *testing.T) inquiry.Store) {
	t.Helper()
	ctx := context.Background()
	diff := func(t *testing.T, want, got any) {
		t.Helper()
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("(-want +got):\n%s", d)
		}
	}

	t.Run("InsertAndGet", func(t *testing.T) {
		s := newStore(t)
		in := sample("aaaaaaaaaaaaaaa1", account, 0)
		got, err := s.Insert(ctx, in, queries(2))
		require.NoError(t, err)
		in.Seq = 1
		diff(t, in, got)
		again, err := s.Get(ctx, account, in.ID)
		require.NoError(t, err)
		diff(t, in, again)
		qs, next, err := s.Queries(ctx, account, in.ID, 0, 0)
		require.NoError(t, err)
		diff(t, queries(2), qs)
		require.Zero(t, next)
	})

	t.Run("InsertTakenIDOrTokenIsErrExists", func(t *testing.T) {
		s := newStore(t)
		in := sample("aaaaaaaaaaaaaaa1", account, 0)
		in.ClientToken = "token-1"
		_, err := s.Insert(ctx, in, queries(1))
		require.NoError(t, err)
		_, err = s.Insert(ctx, in, queries(1))
		require.ErrorIs(t, err, inquiry.ErrExists)
		dup := sample("aaaaaaaaaaaaaaa2", account, 1)
		dup.ClientToken = "token-1"
		_, err = s.Insert(ctx, dup, queries(1))
		require.ErrorIs(t, err, inquiry.ErrExists, "a client token is the account's once")
		_, err = s.Get(ctx, account, dup.ID)
		require.ErrorIs(t, err, inquiry.ErrNotFound, "a refused insert stores nothing")
		elsewhere := sample("aaaaaaaaaaaaaaa3", other, 1)
		elsewhere.ClientToken = "token-1"
		_, err = s.Insert(ctx, elsewhere, queries(1))
		require.NoError(t, err, "another account may use the same token")
		got, err := s.ByClientToken(ctx, account, "token-1")
		require.NoError(t, err)
		require.Equal(t, in.ID, got.ID)
		_, err = s.ByClientToken(ctx, account, "token-2")
		require.ErrorIs(t, err, inquiry.ErrNotFound)
	})

	t.Run("AccountScoping", func(t *testing.T) {
		s := newStore(t)
		in := sample("aaaaaaaaaaaaaaa1", account, 0)
		_, err := s.Insert(ctx, in, queries(1))
		require.NoError(t, err)
		_, err = s.Get(ctx, other, in.ID)
		require.ErrorIs(t, err, inquiry.ErrNotFound)
		_, _, err = s.Queries(ctx, other, in.ID, 0, 0)
		require.ErrorIs(t, err, inquiry.ErrNotFound)
		list, _, err := s.List(ctx, other, "", 10)
		require.NoError(t, err)
		require.Empty(t, list)
		in.Account = other
		_, err = s.Update(ctx, in, nil)
		require.ErrorIs(t, err, inquiry.ErrNotFound)
		_, err = s.PutFeedback(ctx, inquiry.Feedback{Account: other, Inquiry: in.ID, Rating: inquiry.ThumbsUp})
		require.ErrorIs(t, err, inquiry.ErrNotFound)
	})

	t.Run("ListInKeyOrderAndPages", func(t *testing.T) {
		s := newStore(t)
		// Inserted out of order; listed by creation instant, then id.
		var want []inquiry.ID
		for _, c := range []struct {
			id string
			n  int
		}{{"ccccccccccccccc3", 30}, {"aaaaaaaaaaaaaaa1", 10}, {"bbbbbbbbbbbbbbb2", 10}, {"ddddddddddddddd4", 20}} {
			_, err := s.Insert(ctx, sample(c.id, account, c.n), queries(1))
			require.NoError(t, err)
		}
		want = []inquiry.ID{"compliance-inquiry-aaaaaaaaaaaaaaa1", "compliance-inquiry-bbbbbbbbbbbbbbb2",
			"compliance-inquiry-ddddddddddddddd4", "compliance-inquiry-ccccccccccccccc3"}
		var got []inquiry.ID
		after := ""
		for pages := 0; ; pages++ {
			require.Less(t, pages, 10)
			page, next, err := s.List(ctx, account, after, 3)
			require.NoError(t, err)
			require.LessOrEqual(t, len(page), 3)
			for _, in := range page {
				got = append(got, in.ID)
			}
			if next == "" {
				break
			}
			require.Equal(t, page[len(page)-1].ListKey(), next)
			after = next
		}
		diff(t, want, got)
		// A key past the end lists nothing.
		page, next, err := s.List(ctx, account, "99999999999999999999", 10)
		require.NoError(t, err)
		require.Empty(t, page)
		require.Empty(t, next)
	})

	t.Run("UpdateChecksSeqAndReplacesQueries", func(t *testing.T) {
		s := newStore(t)
		in, err := s.Insert(ctx, sample("aaaaaaaaaaaaaaa1", account, 0), queries(2))
		require.NoError(t, err)
		in.Status, in.StatusMessage, in.Due = inquiry.Completed, inquiry.MsgComplete, time.Time{}
		q := queries(2)[1]
		q.Status, q.StatusMessage, q.Response, q.ReviewType = inquiry.QueryCompleted, inquiry.QueryMsgComplete, "Yes.", inquiry.ReviewAI
		q.UpdatedResponseVersions = []inquiry.ResponseVersion{{ResponseText: "Yes.", Timestamp: t0}}
		q.Citations = []inquiry.Citation{{SourceLabel: "SOC 2", SourceLink: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1"}}
		got, err := s.Update(ctx, in, []inquiry.Query{q})
		require.NoError(t, err)
		require.EqualValues(t, 2, got.Seq)
		qs, _, err := s.Queries(ctx, account, in.ID, 0, 0)
		require.NoError(t, err)
		diff(t, []inquiry.Query{queries(2)[0], q}, qs)

		// A stale write changes nothing, queries included.
		stale := in
		stale.Name = "stale"
		q2 := q
		q2.Response = "No."
		_, err = s.Update(ctx, stale, []inquiry.Query{q2})
		require.ErrorIs(t, err, inquiry.ErrConflict)
		cur, err := s.Get(ctx, account, in.ID)
		require.NoError(t, err)
		require.Equal(t, in.Name, cur.Name)
		qs, _, err = s.Queries(ctx, account, in.ID, 1, 1)
		require.NoError(t, err)
		require.Equal(t, "Yes.", qs[0].Response)

		// An unknown query fails the whole write.
		cur.Name = "renamed"
		_, err = s.Update(ctx, cur, []inquiry.Query{{Identifier: 3}})
		require.ErrorIs(t, err, inquiry.ErrNotFound)
		again, err := s.Get(ctx, account, in.ID)
		require.NoError(t, err)
		require.Equal(t, cur.Seq, again.Seq)
		require.NotEqual(t, "renamed", again.Name)
	})

	t.Run("UpdateKeepsWhatNeverChanges", func(t *testing.T) {
		s := newStore(t)
		orig := sample("aaaaaaaaaaaaaaa1", account, 0)
		orig.ClientToken = "tok"
		in, err := s.Insert(ctx, orig, queries(1))
		require.NoError(t, err)
		in.CreatedAt, in.ClientToken = t0.Add(time.Hour), "other"
		got, err := s.Update(ctx, in, nil)
		require.NoError(t, err)
		require.Equal(t, orig.CreatedAt, got.CreatedAt)
		require.Equal(t, "tok", got.ClientToken)
	})

	t.Run("QueriesPage", func(t *testing.T) {
		s := newStore(t)
		in, err := s.Insert(ctx, sample("aaaaaaaaaaaaaaa1", account, 0), queries(5))
		require.NoError(t, err)
		var got []int
		after := 0
		for pages := 0; ; pages++ {
			require.Less(t, pages, 10)
			page, next, err := s.Queries(ctx, account, in.ID, after, 2)
			require.NoError(t, err)
			for _, q := range page {
				got = append(got, q.Identifier)
			}
			if next == 0 {
				break
			}
			after = next
		}
		diff(t, []int{1, 2, 3, 4, 5}, got)
	})

	t.Run("DueEarliestFirst", func(t *testing.T) {
		s := newStore(t)
		a := sample("aaaaaaaaaaaaaaa1", account, 20)
		b := sample("bbbbbbbbbbbbbbb2", other, 10)
		c := sample("ccccccccccccccc3", account, 30)
		d := sample("ddddddddddddddd4", account, 0)
		d.Due = time.Time{}
		for _, in := range []inquiry.Inquiry{a, b, c, d} {
			_, err := s.Insert(ctx, in, queries(1))
			require.NoError(t, err)
		}
		due, err := s.Due(ctx, t0.Add(25*time.Second), 10)
		require.NoError(t, err)
		var ids []inquiry.ID
		for _, in := range due {
			ids = append(ids, in.ID)
		}
		diff(t, []inquiry.ID{b.ID, a.ID}, ids)
		due, err = s.Due(ctx, t0.Add(time.Hour), 1)
		require.NoError(t, err)
		require.Len(t, due, 1)

		// An update that clears Due takes the inquiry out.
		cur, err := s.Get(ctx, other, b.ID)
		require.NoError(t, err)
		cur.Due = time.Time{}
		_, err = s.Update(ctx, cur, nil)
		require.NoError(t, err)
		due, err = s.Due(ctx, t0.Add(25*time.Second), 10)
		require.NoError(t, err)
		require.Len(t, due, 1)
		require.Equal(t, a.ID, due[0].ID)
	})

	t.Run("Feedback", func(t *testing.T) {
		s := newStore(t)
		in, err := s.Insert(ctx, sample("aaaaaaaaaaaaaaa1", account, 0), queries(2))
		require.NoError(t, err)
		f := inquiry.Feedback{Account: account, Inquiry: in.ID, QueryIdentifier: 2, Principal: "arn:aws:iam::111122223333:user/b",
			Rating: inquiry.ThumbsDown, ReasonCodes: []inquiry.ReasonCode{inquiry.ReasonPartialResponse}, ResponseRevision: 1,
			ClientToken: "fb-1", SubmittedAt: t0}
		got, err := s.PutFeedback(ctx, f)
		require.NoError(t, err)
		diff(t, f, got)
		_, err = s.PutFeedback(ctx, f)
		require.ErrorIs(t, err, inquiry.ErrExists, "a feedback client token is the account's once")

		// The same principal's new feedback on the query replaces it; the
		// token still finds the feedback as it was put.
		g := f
		g.Rating, g.ReasonCodes, g.ClientToken, g.SubmittedAt = inquiry.ThumbsUp, nil, "", t0.Add(time.Minute)
		_, err = s.PutFeedback(ctx, g)
		require.NoError(t, err)
		h := g
		h.QueryIdentifier, h.Principal = 1, "arn:aws:iam::111122223333:user/a"
		_, err = s.PutFeedback(ctx, h)
		require.NoError(t, err)
		whole := inquiry.Feedback{Account: account, Inquiry: in.ID, Principal: "arn:aws:iam::111122223333:user/a", Rating: inquiry.ThumbsUp, SubmittedAt: t0}
		_, err = s.PutFeedback(ctx, whole)
		require.NoError(t, err)
		list, err := s.Feedback(ctx, account, in.ID)
		require.NoError(t, err)
		diff(t, []inquiry.Feedback{whole, h, g}, list)
		byToken, err := s.FeedbackByClientToken(ctx, account, "fb-1")
		require.NoError(t, err)
		diff(t, f, byToken)
		_, err = s.FeedbackByClientToken(ctx, other, "fb-1")
		require.ErrorIs(t, err, inquiry.ErrNotFound)
		_, err = s.Feedback(ctx, other, in.ID)
		require.ErrorIs(t, err, inquiry.ErrNotFound)
	})

	t.Run("Isolation", func(t *testing.T) {
		s := newStore(t)
		in := sample("aaaaaaaaaaaaaaa1", account, 0)
		qs := queries(1)
		qs[0].Citations = []inquiry.Citation{{SourceLabel: "kept"}}
		got, err := s.Insert(ctx, in, qs)
		require.NoError(t, err)
		in.Tags["team"], in.FileSections[0] = "changed", "changed"
		qs[0].Citations[0].SourceLabel = "changed"
		got.Tags["team"], got.FileSections[0] = "changed", "changed"
		again, err := s.Get(ctx, account, in.ID)
		require.NoError(t, err)
		require.Equal(t, "grc", again.Tags["team"])
		require.Equal(t, "Question", again.FileSections[0])
		stored, _, err := s.Queries(ctx, account, in.ID, 0, 0)
		require.NoError(t, err)
		require.Equal(t, "kept", stored[0].Citations[0].SourceLabel)
		stored[0].Citations[0].SourceLabel = "changed"
		stored, _, err = s.Queries(ctx, account, in.ID, 0, 0)
		require.NoError(t, err)
		require.Equal(t, "kept", stored[0].Citations[0].SourceLabel)

		f := inquiry.Feedback{Account: account, Inquiry: in.ID, Principal: "p", Rating: inquiry.ThumbsDown, ReasonCodes: []inquiry.ReasonCode{inquiry.ReasonOther}}
		put, err := s.PutFeedback(ctx, f)
		require.NoError(t, err)
		f.ReasonCodes[0], put.ReasonCodes[0] = inquiry.ReasonPartialResponse, inquiry.ReasonPartialResponse
		list, err := s.Feedback(ctx, account, in.ID)
		require.NoError(t, err)
		require.Equal(t, inquiry.ReasonOther, list[0].ReasonCodes[0])
	})

	t.Run("ConcurrentUpdatesOneWins", func(t *testing.T) {
		s := newStore(t)
		in, err := s.Insert(ctx, sample("aaaaaaaaaaaaaaa1", account, 0), queries(1))
		require.NoError(t, err)
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				next := in
				next.Name = fmt.Sprint("writer ", i)
				if _, err := s.Update(ctx, next, nil); err == nil {
					mu.Lock()
					wins++
					mu.Unlock()
				} else if !errors.Is(err, inquiry.ErrConflict) {
					t.Errorf("update: %v", err)
				}
			}(i)
		}
		wg.Wait()
		require.Equal(t, 1, wins)
	})

	t.Run("ConcurrentTokenInsertsOneWins", func(t *testing.T) {
		s := newStore(t)
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				in := sample(fmt.Sprintf("concurrent%06d", i), account, i)
				in.ClientToken = "same-token"
				if _, err := s.Insert(ctx, in, queries(1)); err == nil {
					mu.Lock()
					wins++
					mu.Unlock()
				} else if !errors.Is(err, inquiry.ErrExists) {
					t.Errorf("insert: %v", err)
				}
			}(i)
		}
		wg.Wait()
		require.Equal(t, 1, wins)
	})

	t.Run("CancelledContext", func(t *testing.T) {
		s := newStore(t)
		in, err := s.Insert(ctx, sample("aaaaaaaaaaaaaaa1", account, 0), queries(1))
		require.NoError(t, err)
		cctx, cancel := context.WithCancel(ctx)
		cancel()

		// Every method fails with the context's error, and the writes
		// change nothing.
		_, err = s.Insert(cctx, sample("bbbbbbbbbbbbbbb2", account, 1), queries(1))
		require.ErrorIs(t, err, context.Canceled, "Insert honours a cancelled context")
		_, err = s.Get(ctx, account, "compliance-inquiry-bbbbbbbbbbbbbbb2")
		require.ErrorIs(t, err, inquiry.ErrNotFound, "a cancelled Insert stores nothing")

		changed := in
		changed.Name, changed.Status, changed.StatusMessage = "changed", inquiry.Completed, inquiry.MsgComplete
		q := queries(1)[0]
		q.Response, q.Status, q.StatusMessage = "changed", inquiry.QueryCompleted, inquiry.QueryMsgComplete
		_, err = s.Update(cctx, changed, []inquiry.Query{q})
		require.ErrorIs(t, err, context.Canceled, "Update honours a cancelled context")
		cur, err := s.Get(ctx, account, in.ID)
		require.NoError(t, err)
		diff(t, in, cur)
		qs, _, err := s.Queries(ctx, account, in.ID, 0, 0)
		require.NoError(t, err)
		diff(t, queries(1), qs)

		f := inquiry.Feedback{Account: account, Inquiry: in.ID, QueryIdentifier: 1, Principal: "p", Rating: inquiry.ThumbsUp,
			ClientToken: "fb-1", SubmittedAt: t0}
		_, err = s.PutFeedback(cctx, f)
		require.ErrorIs(t, err, context.Canceled, "PutFeedback honours a cancelled context")
		fs, err := s.Feedback(ctx, account, in.ID)
		require.NoError(t, err)
		require.Empty(t, fs, "a cancelled PutFeedback stores nothing")
		_, err = s.FeedbackByClientToken(ctx, account, "fb-1")
		require.ErrorIs(t, err, inquiry.ErrNotFound, "a cancelled PutFeedback takes no client token")

		_, err = s.Get(cctx, account, in.ID)
		require.ErrorIs(t, err, context.Canceled, "Get honours a cancelled context")
		_, _, err = s.List(cctx, account, "", 1)
		require.ErrorIs(t, err, context.Canceled, "List honours a cancelled context")
		_, _, err = s.Queries(cctx, account, in.ID, 0, 0)
		require.ErrorIs(t, err, context.Canceled, "Queries honours a cancelled context")
		_, err = s.Due(cctx, t0, 1)
		require.ErrorIs(t, err, context.Canceled, "Due honours a cancelled context")
		_, err = s.ByClientToken(cctx, account, "x")
		require.ErrorIs(t, err, context.Canceled, "ByClientToken honours a cancelled context")
		_, err = s.FeedbackByClientToken(cctx, account, "x")
		require.ErrorIs(t, err, context.Canceled, "FeedbackByClientToken honours a cancelled context")
		_, err = s.Feedback(cctx, account, in.ID)
		require.ErrorIs(t, err, context.Canceled, "Feedback honours a cancelled context")
	})
}
