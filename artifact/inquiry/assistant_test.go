package inquiry_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/artifact/inquiry/memstore"
)

func TestCreateText(t *testing.T) {
	ctx := context.Background()
	a, _, _ := newAssistant(t, inquiry.WithAnswerer(echo))
	in, replay, err := a.Create(ctx, account, inquiry.CreateInput{Name: "Q", Query: "Do you have a SOC 2 report?", Tags: inquiry.Tags{"team": "grc"}})
	require.NoError(t, err)
	require.False(t, replay)
	require.True(t, in.ID.IsValid())
	require.Equal(t, "arn:aws:artifact:us-east-1:111122223333:compliance-inquiry/"+string(in.ID), in.ARN)
	require.Equal(t, inquiry.Processing, in.Status)
	require.Equal(t, inquiry.MsgInProgress, in.StatusMessage)
	require.Equal(t, inquiry.Text, in.InputSource)
	require.Equal(t, inquiry.AIOnly, in.SupportMode, "AI_ONLY is the default")
	require.Equal(t, start, in.CreatedAt)
	require.Equal(t, 1, in.QueryCount)
	require.Equal(t, inquiry.Tags{"team": "grc"}, in.Tags)
	qs := allQueries(t, a, in.ID)
	require.Equal(t, []inquiry.Query{{Identifier: 1, Query: "Do you have a SOC 2 report?", Status: inquiry.QueryProcessing,
		StatusMessage: inquiry.QueryMsgInProgress, CreatedAt: start}}, qs)
}

func TestCreateValidation(t *testing.T) {
	ctx := context.Background()
	a, _, st := newAssistant(t)
	file := func(content string, sections ...string) *inquiry.FileContent {
		return &inquiry.FileContent{Content: []byte(content), Sections: sections}
	}
	cases := []struct {
		name  string
		in    inquiry.CreateInput
		field string
		says  string
	}{
		{"no name", inquiry.CreateInput{Query: "q"}, "name", ""},
		{"no content", inquiry.CreateInput{Name: "n"}, "inquiryContent", ""},
		{"both contents", inquiry.CreateInput{Name: "n", Query: "q", File: file("Question\nq\n")}, "inquiryContent", ""},
		{"query too long", inquiry.CreateInput{Name: "n", Query: strings.Repeat("é", 2049)}, "inquiryContent.query", ""},
		{"query with <", inquiry.CreateInput{Name: "n", Query: "is 1 < 2?"}, "inquiryContent.query", ""},
		{"file without content", inquiry.CreateInput{Name: "n", File: &inquiry.FileContent{}}, "inquiryContent.fileContent.content", ""},
		{"file too large", inquiry.CreateInput{Name: "n", File: file(strings.Repeat("x", 5<<20+1))}, "inquiryContent.fileContent.content", ""},
		{"31 sections", inquiry.CreateInput{Name: "n", File: file("a", strings.Split(strings.Repeat("s,", 31)[:61], ",")...)}, "inquiryContent.fileContent.fileSections", ""},
		{"section with a dot", inquiry.CreateInput{Name: "n", File: file("a", "Sheet.1")}, "inquiryContent.fileContent.fileSections", ""},
		{"empty section", inquiry.CreateInput{Name: "n", File: file("a", "")}, "inquiryContent.fileContent.fileSections", ""},
		{"bad token", inquiry.CreateInput{Name: "n", Query: "q", ClientToken: "a b"}, "clientToken", ""},
		// Characters outside a pattern are refused for them, not for the
		// bytes they take.
		{"non-ASCII token", inquiry.CreateInput{Name: "n", Query: "q", ClientToken: strings.Repeat("ü", 100)}, "clientToken", "outside ASCII"},
		{"non-ASCII section", inquiry.CreateInput{Name: "n", File: file("a", strings.Repeat("é", 200))}, "inquiryContent.fileContent.fileSections", "outside ASCII"},
		{"long token", inquiry.CreateInput{Name: "n", Query: "q", ClientToken: strings.Repeat("t", 129)}, "clientToken", ""},
		{"unknown mode", inquiry.CreateInput{Name: "n", Query: "q", SupportMode: "HUMAN_ONLY"}, "supportMode", ""},
		{"full support for text", inquiry.CreateInput{Name: "n", Query: "q", SupportMode: inquiry.FullSupport}, "supportMode", ""},
		{"reserved tag", inquiry.CreateInput{Name: "n", Query: "q", Tags: inquiry.Tags{"AWS:team": "x"}}, "tags", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := a.Create(ctx, account, c.in)
			var ve *inquiry.ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, inquiry.ErrInvalid)
			require.Equal(t, c.field, ve.Fields[0].Name, err.Error())
			require.Contains(t, ve.Fields[0].Message, c.says)
		})
	}
	list, _, err := st.List(ctx, account, "", 100)
	require.NoError(t, err)
	require.Empty(t, list, "a refused request stores nothing")
	_, _, err = a.Create(ctx, "12345", inquiry.CreateInput{Name: "n", Query: "q"})
	require.ErrorIs(t, err, inquiry.ErrInvalid)
}

// The lifecycle of a TEXT inquiry: PROCESSING, then COMPLETED when its
// processing is due and it is read.
func TestQ1_LifecycleText(t *testing.T) {
	ctx := context.Background()
	a, clk, _ := newAssistant(t, inquiry.WithAnswerer(echo), inquiry.WithProcessingTime(time.Minute))
	in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "Q", Query: "Is S3 in scope?"})
	require.NoError(t, err)
	clk.Advance(59 * time.Second)
	got, err := a.Get(ctx, account, in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.Processing, got.Status, "not due yet")
	clk.Advance(time.Second)
	got, err = a.Get(ctx, account, in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.Completed, got.Status)
	require.Equal(t, inquiry.MsgComplete, got.StatusMessage)
	require.Equal(t, start.Add(time.Minute), got.UpdatedAt)
	require.True(t, got.Due.IsZero())
	q := allQueries(t, a, in.ID)[0]
	require.Equal(t, inquiry.QueryCompleted, q.Status)
	require.Equal(t, inquiry.QueryMsgComplete, q.StatusMessage)
	require.Equal(t, "Answer to: Is S3 in scope?", q.Response)
	require.Equal(t, inquiry.ReviewAI, q.ReviewType)
	require.Equal(t, []inquiry.ResponseVersion{{ResponseText: q.Response, Timestamp: start.Add(time.Minute)}}, q.UpdatedResponseVersions)
	require.Equal(t, 1, q.Revision())
}

func TestQ1_LifecycleFile(t *testing.T) {
	ctx := context.Background()
	a, _, _ := newAssistant(t, inquiry.WithAnswerer(echo))
	in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "Vendor", File: &inquiry.FileContent{Content: []byte(csvFile)}})
	require.NoError(t, err)
	require.Equal(t, inquiry.File, in.InputSource)
	require.Equal(t, 3, in.QueryCount)
	require.Equal(t, "csv", in.File.Format)
	require.EqualValues(t, len(csvFile), in.File.Size)
	qs := allQueries(t, a, in.ID)
	require.Len(t, qs, 3)
	for i, q := range qs {
		require.Equal(t, i+1, q.Identifier)
		require.Equal(t, "Question", q.Section)
		require.Equal(t, i+2, q.Row)
		require.Equal(t, inquiry.QueryProcessing, q.Status)
	}
	got, err := a.Get(ctx, account, in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.Completed, got.Status)
	for _, q := range allQueries(t, a, in.ID) {
		require.Equal(t, inquiry.QueryCompleted, q.Status)
		require.Equal(t, "https://example.invalid/Question", q.Citations[0].SourceLink)
	}
}

// A question AWS's model cannot carry fails as restricted content; the
// inquiry completes with the message that some queries failed.
func TestQ1_LifecycleCompletedWithErrors(t *testing.T) {
	ctx := context.Background()
	a, _, _ := newAssistant(t, inquiry.WithAnswerer(echo))
	long := strings.Repeat("why ", 600)
	file := "Question\nIs 1 < 2?\n" + long + "\nIs S3 encrypted?\n"
	in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "Vendor", File: &inquiry.FileContent{Content: []byte(file)}})
	require.NoError(t, err)
	qs := allQueries(t, a, in.ID)
	require.Equal(t, "Is 1 ‹ 2?", qs[0].Query)
	require.Equal(t, inquiry.QueryFailed, qs[0].Status)
	require.Equal(t, inquiry.QueryMsgRestricted, qs[0].StatusMessage)
	require.Equal(t, 2048, len([]rune(qs[1].Query)))
	require.Equal(t, inquiry.QueryFailed, qs[1].Status)
	got, err := a.Get(ctx, account, in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.Completed, got.Status)
	require.Equal(t, inquiry.MsgCompleteWithErrors, got.StatusMessage)
	qs = allQueries(t, a, in.ID)
	require.Equal(t, inquiry.QueryCompleted, qs[2].Status)
	require.Empty(t, qs[0].Response, "a failed query has no response")
}

// An inquiry FAILS with AWS's message and a fixed Reason. A host
// component's error (the scanner's, the answerer's) never reaches the
// inquiry's strings: the host alone gets it, through the failure handler,
// matchable with errors.Is.
func TestQ1_LifecycleFailed(t *testing.T) {
	ctx := context.Background()
	scannerDown := errors.New("dial tcp 10.0.0.7:3310: connection refused")
	modelDown := errors.New("model unavailable: password authentication failed for user admin")
	boom := inquiry.AnswererFunc(func(context.Context, inquiry.Batch) ([]inquiry.Answer, error) {
		return nil, modelDown
	})
	cases := []struct {
		name     string
		opts     []inquiry.Option
		content  string
		sections []string
		msg      inquiry.StatusMessage
		reason   string
		// cause is the host's error the failure handler gets; nil when
		// no host component failed.
		cause error
	}{
		{name: "unreadable file", content: "PK\x03\x04 a workbook", msg: inquiry.MsgInternalError, reason: "questionnaire (zip) cannot be read"},
		{name: "no questions", content: "\n\n", msg: inquiry.MsgInternalError, reason: "no questions"},
		{name: "unknown section", content: "Question\nq?\n", sections: []string{"Controls"}, msg: inquiry.MsgInternalError, reason: "no column"},
		{name: "malware", content: "Question\n" + `X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*` + "\n",
			msg: inquiry.MsgMalware, reason: "the malware scan flagged the file"},
		{name: "scan fails", opts: []inquiry.Option{inquiry.WithScanner(inquiry.ScannerFunc(func(context.Context, []byte) (bool, error) {
			return false, scannerDown
		}))}, content: "Question\nq?\n", msg: inquiry.MsgInternalError, reason: "the malware scan failed", cause: scannerDown},
		{name: "answerer fails", opts: []inquiry.Option{inquiry.WithAnswerer(boom)}, content: "Question\nq?\n",
			msg: inquiry.MsgInternalError, reason: "the answerer failed", cause: modelDown},
		{name: "answerer miscounts", opts: []inquiry.Option{inquiry.WithAnswerer(inquiry.AnswererFunc(func(context.Context, inquiry.Batch) ([]inquiry.Answer, error) {
			return nil, nil
		}))}, content: "Question\nq?\n", msg: inquiry.MsgInternalError, reason: "the answerer gave 0 answers to 1 questions"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var told []*inquiry.FailureError
			opts := append([]inquiry.Option{inquiry.WithFailureHandler(func(_ context.Context, f *inquiry.FailureError) { told = append(told, f) })}, c.opts...)
			a, _, _ := newAssistant(t, opts...)
			in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "Vendor", File: &inquiry.FileContent{Content: []byte(c.content), Sections: c.sections}})
			require.NoError(t, err)
			require.Equal(t, inquiry.Processing, in.Status, "failure shows when processing comes")
			got, err := a.Get(ctx, account, in.ID)
			require.NoError(t, err)
			require.Equal(t, inquiry.Failed, got.Status)
			require.Equal(t, c.msg, got.StatusMessage)
			require.Contains(t, got.Reason, c.reason)
			for _, q := range allQueries(t, a, in.ID) {
				require.Equal(t, inquiry.QueryFailed, q.Status)
				require.Equal(t, inquiry.QueryMsgInternalError, q.StatusMessage)
				require.Equal(t, got.Reason, q.Reason)
			}
			if c.cause == nil {
				return
			}
			require.NotContains(t, got.Reason, c.cause.Error(), "the host's error text stays the host's")
			require.Len(t, told, 1, "the host is told once")
			require.ErrorIs(t, told[0], c.cause)
			require.Equal(t, in.ID, told[0].Inquiry)
			require.Equal(t, account, told[0].Account)
			require.Zero(t, told[0].Query)
			require.Equal(t, c.reason, told[0].Reason)
		})
	}
}

// Per-answer outcomes: restricted, failed, invalid, pending.
func TestAnswerOutcomes(t *testing.T) {
	ctx := context.Background()
	calls := 0
	ans := inquiry.AnswererFunc(func(_ context.Context, b inquiry.Batch) ([]inquiry.Answer, error) {
		calls++
		out := make([]inquiry.Answer, len(b.Questions))
		for i, q := range b.Questions {
			switch {
			case strings.HasPrefix(q.Text, "restricted"):
				out[i] = inquiry.Answer{Restricted: true}
			case strings.HasPrefix(q.Text, "error"):
				out[i] = inquiry.Answer{Err: errors.New("no idea")}
			case strings.HasPrefix(q.Text, "invalid"):
				out[i] = inquiry.Answer{Response: "a <b> tag"}
			case strings.HasPrefix(q.Text, "bad citation"):
				out[i] = inquiry.Answer{Response: "ok", Citations: []inquiry.Citation{{SourceLabel: "a/b"}}}
			case strings.HasPrefix(q.Text, "pending") && calls == 1:
				out[i] = inquiry.Answer{Pending: true}
			default:
				out[i] = inquiry.Answer{Response: "fine", ReviewType: inquiry.ReviewHuman}
			}
		}
		return out, nil
	})
	var told []*inquiry.FailureError
	a, clk, _ := newAssistant(t, inquiry.WithAnswerer(ans), inquiry.WithPollInterval(time.Minute),
		inquiry.WithFailureHandler(func(_ context.Context, f *inquiry.FailureError) { told = append(told, f) }))
	file := "Question\nrestricted?\nerror?\ninvalid?\nbad citation?\npending?\nfine?\n"
	in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "n", File: &inquiry.FileContent{Content: []byte(file)}})
	require.NoError(t, err)
	got, err := a.Get(ctx, account, in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.Processing, got.Status, "a pending answer keeps the inquiry processing")
	require.Equal(t, start.Add(time.Minute), got.Due)
	qs := allQueries(t, a, in.ID)
	want := []struct {
		status inquiry.QueryStatus
		msg    inquiry.QueryStatusMessage
	}{
		{inquiry.QueryFailed, inquiry.QueryMsgRestricted},
		{inquiry.QueryFailed, inquiry.QueryMsgInternalError},
		{inquiry.QueryFailed, inquiry.QueryMsgInternalError},
		{inquiry.QueryFailed, inquiry.QueryMsgInternalError},
		{inquiry.QueryProcessing, inquiry.QueryMsgInProgress},
		{inquiry.QueryCompleted, inquiry.QueryMsgComplete},
	}
	for i, w := range want {
		require.Equal(t, w.status, qs[i].Status, "query %d", i+1)
		require.Equal(t, w.msg, qs[i].StatusMessage, "query %d", i+1)
	}
	require.Equal(t, inquiry.ReviewHuman, qs[5].ReviewType, "the answerer says who answered")
	require.Equal(t, "the answerer failed on this query", qs[1].Reason, "a fixed reason, not the answerer's words")
	require.Len(t, told, 1, "the answerer's error for one query reaches the host")
	require.Equal(t, 2, told[0].Query)
	require.EqualError(t, told[0].Err, "no idea")
	// Reading again before the poll interval asks nothing.
	_, err = a.Get(ctx, account, in.ID)
	require.NoError(t, err)
	require.Equal(t, 1, calls)
	clk.Advance(time.Minute)
	got, err = a.Get(ctx, account, in.ID)
	require.NoError(t, err)
	require.Equal(t, 2, calls)
	require.Equal(t, inquiry.Completed, got.Status)
	require.Equal(t, inquiry.MsgCompleteWithErrors, got.StatusMessage)
}

// FULL_SUPPORT: PROCESSING, HUMAN_REVIEW with drafts pending review, a
// reviewer's edit, then COMPLETED.
func TestQ1_LifecycleHumanReview(t *testing.T) {
	ctx := context.Background()
	a, clk, _ := newAssistant(t, inquiry.WithAnswerer(echo))
	in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "Vendor", SupportMode: inquiry.FullSupport,
		File: &inquiry.FileContent{Content: []byte(csvFile)}})
	require.NoError(t, err)
	require.Equal(t, inquiry.FullSupport, in.SupportMode)
	got, err := a.Get(ctx, account, in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.HumanReview, got.Status)
	require.Equal(t, inquiry.MsgHumanReview, got.StatusMessage)
	require.True(t, got.Due.IsZero(), "without a review time the review waits for a reviewer")
	for _, q := range allQueries(t, a, in.ID) {
		require.Equal(t, inquiry.QueryProcessing, q.Status)
		require.Equal(t, inquiry.QueryMsgPendingReview, q.StatusMessage)
		require.Equal(t, inquiry.ReviewAI, q.ReviewType)
		require.NotEmpty(t, q.Response, "the draft is visible")
	}
	clk.Advance(time.Hour)
	cite := []inquiry.Citation{{SourceLabel: "Encryption whitepaper", SourceLink: "https://example.invalid/enc"}}
	q, err := a.Review(ctx, account, in.ID, 2, inquiry.Revision{Response: "Yes, with AWS KMS.", Citations: cite})
	require.NoError(t, err)
	require.Equal(t, inquiry.QueryCompleted, q.Status)
	require.Equal(t, inquiry.ReviewHuman, q.ReviewType)
	require.Equal(t, 2, q.Revision())
	require.Equal(t, cite, q.Citations)
	require.Equal(t, []inquiry.ResponseVersion{
		{ResponseText: "Answer to: Is data encrypted at rest?", Timestamp: start},
		{ResponseText: "Yes, with AWS KMS.", Timestamp: start.Add(time.Hour)},
	}, q.UpdatedResponseVersions)
	got, err = a.Get(ctx, account, in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.HumanReview, got.Status, "one review does not end the review")

	_, err = a.Review(ctx, account, in.ID, 9, inquiry.Revision{Response: "x"})
	require.ErrorIs(t, err, inquiry.ErrInvalid)
	_, err = a.Review(ctx, account, in.ID, 1, inquiry.Revision{Response: "<b>"})
	require.ErrorIs(t, err, inquiry.ErrInvalid)

	done, err := a.CompleteReview(ctx, account, in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.Completed, done.Status)
	require.Equal(t, inquiry.MsgComplete, done.StatusMessage)
	for _, q := range allQueries(t, a, in.ID) {
		require.Equal(t, inquiry.QueryCompleted, q.Status)
		require.Equal(t, inquiry.ReviewHuman, q.ReviewType, "a human approved every draft")
	}
	_, err = a.CompleteReview(ctx, account, in.ID)
	require.ErrorIs(t, err, inquiry.ErrNotReady)
	var se *inquiry.StateError
	require.ErrorAs(t, err, &se)
	require.Equal(t, inquiry.Completed, se.Status)
	_, err = a.Review(ctx, account, in.ID, 1, inquiry.Revision{Response: "late"})
	require.ErrorIs(t, err, inquiry.ErrNotReady)
}

// With a review time, the review completes on the clock.
func TestQ1_LifecycleReviewTime(t *testing.T) {
	ctx := context.Background()
	a, clk, _ := newAssistant(t, inquiry.WithAnswerer(echo), inquiry.WithReviewTime(24*time.Hour))
	in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "Vendor", SupportMode: inquiry.FullSupport,
		File: &inquiry.FileContent{Content: []byte(csvFile)}})
	require.NoError(t, err)
	got, err := a.Get(ctx, account, in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.HumanReview, got.Status)
	require.Equal(t, start.Add(24*time.Hour), got.Due)
	clk.Advance(24 * time.Hour)
	n, err := a.Advance(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	got, err = a.Peek(ctx, account, in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.Completed, got.Status)
}

// Process answers at once, whatever the processing time; Advance takes
// every step due.
func TestProcessAndAdvance(t *testing.T) {
	ctx := context.Background()
	a, clk, _ := newAssistant(t, inquiry.WithAnswerer(echo), inquiry.WithProcessingTime(time.Hour))
	one, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "one", Query: "q1"})
	require.NoError(t, err)
	two, _, err := a.Create(ctx, other, inquiry.CreateInput{Name: "two", Query: "q2"})
	require.NoError(t, err)
	got, err := a.Process(ctx, account, one.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.Completed, got.Status)
	again, err := a.Process(ctx, account, one.ID)
	require.NoError(t, err)
	require.Equal(t, got.Seq, again.Seq, "processing a finished inquiry changes nothing")
	n, err := a.Advance(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "nothing due yet")
	clk.Advance(time.Hour)
	n, err = a.Advance(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	got, err = a.Peek(ctx, other, two.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.Completed, got.Status)
	_, err = a.Process(ctx, account, "nope")
	require.ErrorIs(t, err, inquiry.ErrInvalid)
	_, err = a.Process(ctx, account, two.ID)
	require.ErrorIs(t, err, inquiry.ErrNotFound, "another account's inquiry is not found")
}

// A cancelled context while answering leaves the inquiry as it was.
func TestAnsweringCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ans := inquiry.AnswererFunc(func(context.Context, inquiry.Batch) ([]inquiry.Answer, error) {
		cancel()
		return nil, context.Canceled
	})
	a, _, _ := newAssistant(t, inquiry.WithAnswerer(ans))
	in, _, err := a.Create(context.Background(), account, inquiry.CreateInput{Name: "n", Query: "q"})
	require.NoError(t, err)
	_, err = a.Get(ctx, account, in.ID)
	require.ErrorIs(t, err, context.Canceled)
	got, err := a.Peek(context.Background(), account, in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.Processing, got.Status)
	require.EqualValues(t, 1, got.Seq)
}

func TestQ3_IdempotentCreate(t *testing.T) {
	ctx := context.Background()
	a, clk, _ := newAssistant(t)
	req := inquiry.CreateInput{Name: "n", Query: "q", ClientToken: "tok-1", Tags: inquiry.Tags{"a": "1"}}
	first, replay, err := a.Create(ctx, account, req)
	require.NoError(t, err)
	require.False(t, replay)
	clk.Advance(time.Minute)
	_, err = a.Get(ctx, account, first.ID)
	require.NoError(t, err)
	again, replay, err := a.Create(ctx, account, req)
	require.NoError(t, err)
	require.True(t, replay)
	require.Equal(t, first.ID, again.ID, "the same request returns the same inquiry")
	require.Equal(t, inquiry.Completed, again.Status, "as it stands now")

	for _, change := range []func(*inquiry.CreateInput){
		func(in *inquiry.CreateInput) { in.Name = "m" },
		func(in *inquiry.CreateInput) { in.Query = "r" },
		func(in *inquiry.CreateInput) { in.Tags = inquiry.Tags{"a": "2"} },
		func(in *inquiry.CreateInput) { in.Tags = nil },
		func(in *inquiry.CreateInput) { in.Query, in.File = "", &inquiry.FileContent{Content: []byte("q")} },
	} {
		diff := req
		change(&diff)
		_, _, err = a.Create(ctx, account, diff)
		require.ErrorIs(t, err, inquiry.ErrTokenReused)
	}
	// The token is the account's: another account creates its own.
	mine, replay, err := a.Create(ctx, other, req)
	require.NoError(t, err)
	require.False(t, replay)
	require.NotEqual(t, first.ID, mine.ID)
	// An explicit AI_ONLY is the same request as the default.
	req2 := req
	req2.SupportMode = inquiry.AIOnly
	_, replay, err = a.Create(ctx, account, req2)
	require.NoError(t, err)
	require.True(t, replay)
}

// Concurrent creates with one token make one inquiry.
func TestQ3_IdempotentCreateConcurrent(t *testing.T) {
	ctx := context.Background()
	a, _, st := newAssistant(t)
	var wg sync.WaitGroup
	ids := make([]inquiry.ID, 16)
	for i := range ids {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "n", Query: "q", ClientToken: "same"})
			if err != nil {
				t.Error(err)
				return
			}
			ids[i] = in.ID
		}(i)
	}
	wg.Wait()
	for _, id := range ids {
		require.Equal(t, ids[0], id)
	}
	list, _, err := st.List(ctx, account, "", 100)
	require.NoError(t, err)
	require.Len(t, list, 1)
}

// Concurrent readers of a due inquiry store one processing of it.
func TestConcurrentSettle(t *testing.T) {
	ctx := context.Background()
	a, _, _ := newAssistant(t, inquiry.WithAnswerer(echo))
	in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "n", File: &inquiry.FileContent{Content: []byte(csvFile)}})
	require.NoError(t, err)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := a.Get(ctx, account, in.ID)
			if err != nil {
				t.Error(err)
				return
			}
			if got.Status != inquiry.Completed {
				t.Errorf("status %s", got.Status)
			}
		}()
	}
	wg.Wait()
	for _, q := range allQueries(t, a, in.ID) {
		require.Len(t, q.UpdatedResponseVersions, 1, "answered once")
	}
}

func TestList(t *testing.T) {
	ctx := context.Background()
	a, clk, _ := newAssistant(t, inquiry.WithAnswerer(echo))
	var want []inquiry.ID
	for i := 0; i < 5; i++ {
		in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: fmt.Sprint("n", i), Query: "q"})
		require.NoError(t, err)
		want = append(want, in.ID)
		clk.Advance(time.Second)
	}
	var got []inquiry.ID
	after := ""
	for {
		page, next, err := a.List(ctx, account, after, 2)
		require.NoError(t, err)
		for _, in := range page {
			got = append(got, in.ID)
			require.Equal(t, inquiry.Completed, in.Status, "listing settles what is due")
		}
		if next == "" {
			break
		}
		after = next
	}
	require.Empty(t, cmp.Diff(want, got), "oldest first")
	_, _, err := a.List(ctx, account, "", 0)
	require.ErrorIs(t, err, inquiry.ErrInvalid)
	_, _, err = a.Queries(ctx, account, want[0], 0, 0)
	require.ErrorIs(t, err, inquiry.ErrInvalid)
}

func TestQ4_Tags(t *testing.T) {
	ctx := context.Background()
	a, _, _ := newAssistant(t)
	in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "n", Query: "q", Tags: inquiry.Tags{"team": "grc", "Team": "ops"}})
	require.NoError(t, err)
	require.Len(t, in.Tags, 2, "keys are case-sensitive")
	got, err := a.Tag(ctx, account, in.ID, inquiry.Tags{"team": "security", "env": ""})
	require.NoError(t, err)
	require.Equal(t, inquiry.Tags{"team": "security", "Team": "ops", "env": ""}, got.Tags)
	require.Equal(t, in.UpdatedAt, got.UpdatedAt, "tagging does not change updatedAt")
	same, err := a.Tag(ctx, account, in.ID, inquiry.Tags{"env": ""})
	require.NoError(t, err)
	require.Equal(t, got.Seq, same.Seq, "a tag already held writes nothing")
	got, err = a.Untag(ctx, account, in.ID, []string{"Team", "missing"})
	require.NoError(t, err)
	require.Equal(t, inquiry.Tags{"team": "security", "env": ""}, got.Tags)

	many := inquiry.Tags{}
	for i := 0; i < 49; i++ {
		many[fmt.Sprint("k", i)] = "v"
	}
	_, err = a.Tag(ctx, account, in.ID, many)
	require.ErrorIs(t, err, inquiry.ErrInvalid, "50 tags at most on the resource")
	cur, err := a.Peek(ctx, account, in.ID)
	require.NoError(t, err)
	require.Len(t, cur.Tags, 2, "a refused tagging changes nothing")
	delete(many, "k0")
	got, err = a.Tag(ctx, account, in.ID, many)
	require.NoError(t, err)
	require.Len(t, got.Tags, 50)

	_, err = a.Untag(ctx, account, in.ID, nil)
	require.ErrorIs(t, err, inquiry.ErrInvalid)
	_, err = a.Untag(ctx, account, in.ID, []string{"aws:cloudformation:stack-name"})
	require.ErrorIs(t, err, inquiry.ErrInvalid)
	_, err = a.Tag(ctx, other, in.ID, inquiry.Tags{"a": "b"})
	require.ErrorIs(t, err, inquiry.ErrNotFound)
}

func TestQ6_Feedback(t *testing.T) {
	ctx := context.Background()
	a, clk, _ := newAssistant(t, inquiry.WithAnswerer(echo))
	in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "n", SupportMode: inquiry.FullSupport,
		File: &inquiry.FileContent{Content: []byte("Question\nq1?\nq2?\n")}})
	require.NoError(t, err)
	const alice, bob = "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/bob"

	// Before any answer: nothing to rate.
	_, err = a.PutFeedback(ctx, account, inquiry.FeedbackInput{Inquiry: in.ID, QueryIdentifier: 1, Principal: alice, Rating: inquiry.ThumbsUp})
	// The read processes it first: the draft exists, so this rates it.
	require.NoError(t, err)
	_, err = a.PutFeedback(ctx, account, inquiry.FeedbackInput{Inquiry: in.ID, Principal: alice, Rating: inquiry.ThumbsUp})
	require.ErrorIs(t, err, inquiry.ErrNotReady, "the whole inquiry is rated once it is done")

	clk.Advance(time.Minute)
	_, err = a.Review(ctx, account, in.ID, 1, inquiry.Revision{Response: "Reviewed."})
	require.NoError(t, err)
	stale := inquiry.FeedbackInput{Inquiry: in.ID, QueryIdentifier: 1, Principal: bob, Rating: inquiry.ThumbsDown, ResponseRevision: 1}
	_, err = a.PutFeedback(ctx, account, stale)
	require.ErrorIs(t, err, inquiry.ErrStaleResponse)
	stale.ResponseRevision = 3
	_, err = a.PutFeedback(ctx, account, stale)
	require.ErrorIs(t, err, inquiry.ErrInvalid, "a revision that never existed")

	req := inquiry.FeedbackInput{Inquiry: in.ID, QueryIdentifier: 1, Principal: bob, Rating: inquiry.ThumbsDown, ResponseRevision: 2,
		ReasonCodes: []inquiry.ReasonCode{inquiry.ReasonPartialResponse, inquiry.ReasonPartialResponse, inquiry.ReasonOther},
		Comment:     "Missing the region list.", ClientToken: "fb-1"}
	f, err := a.PutFeedback(ctx, account, req)
	require.NoError(t, err)
	require.Equal(t, start.Add(time.Minute), f.SubmittedAt)
	require.Equal(t, 2, f.ResponseRevision)
	require.Equal(t, []inquiry.ReasonCode{inquiry.ReasonPartialResponse, inquiry.ReasonOther}, f.ReasonCodes)

	clk.Advance(time.Minute)
	again, err := a.PutFeedback(ctx, account, req)
	require.NoError(t, err)
	require.Equal(t, f.SubmittedAt, again.SubmittedAt, "a retry returns the feedback first put")
	changed := req
	changed.Rating = inquiry.ThumbsUp
	_, err = a.PutFeedback(ctx, account, changed)
	require.ErrorIs(t, err, inquiry.ErrTokenReused)

	_, err = a.CompleteReview(ctx, account, in.ID)
	require.NoError(t, err)
	_, err = a.PutFeedback(ctx, account, inquiry.FeedbackInput{Inquiry: in.ID, Principal: alice, Rating: inquiry.ThumbsUp})
	require.NoError(t, err)
	list, err := a.Feedback(ctx, account, in.ID)
	require.NoError(t, err)
	require.Len(t, list, 3)
	require.Equal(t, 0, list[0].QueryIdentifier)

	for _, bad := range []inquiry.FeedbackInput{
		{Inquiry: "x", Rating: inquiry.ThumbsUp},
		{Inquiry: in.ID},
		{Inquiry: in.ID, Rating: "MEH"},
		{Inquiry: in.ID, Rating: inquiry.ThumbsUp, QueryIdentifier: -1},
		{Inquiry: in.ID, Rating: inquiry.ThumbsUp, ResponseRevision: -1, QueryIdentifier: 1},
		{Inquiry: in.ID, Rating: inquiry.ThumbsUp, ResponseRevision: 1},
		{Inquiry: in.ID, Rating: inquiry.ThumbsUp, ReasonCodes: []inquiry.ReasonCode{"BORING"}},
		{Inquiry: in.ID, Rating: inquiry.ThumbsUp, Comment: "<script>"},
		{Inquiry: in.ID, Rating: inquiry.ThumbsUp, Comment: strings.Repeat("c", 1001)},
		{Inquiry: in.ID, Rating: inquiry.ThumbsUp, ClientToken: "no spaces"},
		{Inquiry: in.ID, Rating: inquiry.ThumbsUp, QueryIdentifier: 3},
	} {
		_, err := a.PutFeedback(ctx, account, bad)
		require.ErrorIs(t, err, inquiry.ErrInvalid, "%+v", bad)
	}
	_, err = a.PutFeedback(ctx, other, inquiry.FeedbackInput{Inquiry: in.ID, Rating: inquiry.ThumbsUp})
	require.ErrorIs(t, err, inquiry.ErrNotFound)
}

func TestQ6_FeedbackNeedsAResponse(t *testing.T) {
	ctx := context.Background()
	a, _, _ := newAssistant(t, inquiry.WithAnswerer(echo))
	in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "n", File: &inquiry.FileContent{Content: []byte("Question\nIs 1 < 2?\n")}})
	require.NoError(t, err)
	_, err = a.PutFeedback(ctx, account, inquiry.FeedbackInput{Inquiry: in.ID, QueryIdentifier: 1, Rating: inquiry.ThumbsDown})
	require.ErrorIs(t, err, inquiry.ErrNotReady, "a failed query has no response to rate")
}

func TestQ7_Export(t *testing.T) {
	ctx := context.Background()
	ans := inquiry.AnswererFunc(func(_ context.Context, b inquiry.Batch) ([]inquiry.Answer, error) {
		out := make([]inquiry.Answer, len(b.Questions))
		for i := range out {
			out[i] = inquiry.Answer{Response: "=HYPERLINK(1)", Citations: []inquiry.Citation{{SourceLabel: "SOC 2", SourceContent: "Covers it.", SourceLink: "arn:x"}, {SourceLabel: "ISO"}}}
		}
		return out, nil
	})
	a, _, _ := newAssistant(t, inquiry.WithAnswerer(ans), inquiry.WithProcessingTime(time.Hour))
	in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "n", File: &inquiry.FileContent{Content: []byte("Question,Control\nq1?,c1\nq2?,c2\n"), Sections: []string{"Question", "Control"}}})
	require.NoError(t, err)
	_, err = a.Export(ctx, account, in.ID, inquiry.ExportInput{})
	require.ErrorIs(t, err, inquiry.ErrNotReady, "only a COMPLETED inquiry is exported")
	_, err = a.Process(ctx, account, in.ID)
	require.NoError(t, err)

	doc, err := a.Export(ctx, account, in.ID, inquiry.ExportInput{})
	require.NoError(t, err)
	require.Equal(t, "text/csv", doc.MediaType)
	require.Equal(t, []int{1, 2, 3, 4}, doc.Queries)
	require.Equal(t, "Query ID,Section,Question,Response,Review type,Status,Status message\n"+
		"1,Question,q1?,'=HYPERLINK(1),AI,COMPLETED,Query processing is complete.\n"+
		"2,Question,q2?,'=HYPERLINK(1),AI,COMPLETED,Query processing is complete.\n"+
		"3,Control,c1,'=HYPERLINK(1),AI,COMPLETED,Query processing is complete.\n"+
		"4,Control,c2,'=HYPERLINK(1),AI,COMPLETED,Query processing is complete.\n", string(doc.Content))

	doc, err = a.Export(ctx, account, in.ID, inquiry.ExportInput{QueryIdentifiers: []int{4, 2, 4}, IncludeCitations: true})
	require.NoError(t, err)
	require.Equal(t, []int{2, 4}, doc.Queries)
	require.True(t, doc.IncludeCitations)
	require.Contains(t, string(doc.Content), ",Citations\n")
	require.Contains(t, string(doc.Content), "\"SOC 2 | Covers it. | arn:x\nISO\"")

	_, err = a.Export(ctx, account, in.ID, inquiry.ExportInput{QueryIdentifiers: []int{0, 5}})
	var ve *inquiry.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Fields, 2)
	require.Equal(t, "queryIdentifiers", ve.Fields[0].Name)
}

func TestNewOptions(t *testing.T) {
	require.PanicsWithValue(t, "inquiry: New with a nil Store", func() { _, _ = inquiry.New(nil) })
	for _, o := range []inquiry.Option{
		inquiry.WithPartition("aws-mars"), inquiry.WithRegion("Mars East"), inquiry.WithProcessingTime(-1),
		inquiry.WithReviewTime(-1), inquiry.WithPollInterval(-1),
	} {
		_, err := inquiry.New(memstore.New(), o)
		require.ErrorIs(t, err, inquiry.ErrInvalid)
	}
	// Zero values keep the defaults.
	a, err := inquiry.New(memstore.New(), inquiry.WithClock(nil), inquiry.WithRand(nil), inquiry.WithAnswerer(nil),
		inquiry.WithScanner(nil), inquiry.WithPartition(""), inquiry.WithRegion(""), inquiry.WithPollInterval(0))
	require.NoError(t, err)
	require.Equal(t, "arn:aws:artifact:us-east-1:111122223333:compliance-inquiry/compliance-inquiry-abcdefghijklmnop",
		a.ARN(account, "compliance-inquiry-abcdefghijklmnop"))
	a, err = inquiry.New(memstore.New(), inquiry.WithLimits(inquiry.Limits{MaxQuestions: 2}), inquiry.WithPartition("aws-us-gov"), inquiry.WithRegion("us-gov-west-1"))
	require.NoError(t, err)
	require.Equal(t, 2, a.Limits().MaxQuestions)
	require.Equal(t, inquiry.DefaultLimits().MaxRows, a.Limits().MaxRows)
	require.Equal(t, "arn:aws-us-gov:artifact:us-gov-west-1:111122223333:compliance-inquiry/compliance-inquiry-abcdefghijklmnop",
		a.ARN(account, "compliance-inquiry-abcdefghijklmnop"))
}

// Without an Answerer the assistant answers that nothing is known.
func TestDefaultAnswerer(t *testing.T) {
	ctx := context.Background()
	a, _, _ := newAssistant(t)
	in, _, err := a.Create(ctx, account, inquiry.CreateInput{Name: "n", Query: "q"})
	require.NoError(t, err)
	_, err = a.Get(ctx, account, in.ID)
	require.NoError(t, err)
	q := allQueries(t, a, in.ID)[0]
	require.Equal(t, inquiry.QueryCompleted, q.Status)
	require.Contains(t, q.Response, "None of the sources")
}

// AWS's InquiryName is a string with no limit: the library invents none.
func TestCreateNameHasNoLimit(t *testing.T) {
	a, _, _ := newAssistant(t)
	name := strings.Repeat("Vendor review ", 1000)
	in, _, err := a.Create(context.Background(), account, inquiry.CreateInput{Name: name, Query: "q"})
	require.NoError(t, err)
	require.Equal(t, name, in.Name)
}
