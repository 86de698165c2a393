package artifact_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/org"
)

// ask creates a TEXT inquiry as c.
func (f *fixture) ask(t testing.TB, c *artifact.Caller, query string, tags inquiry.Tags) artifact.InquirySummary {
	t.Helper()
	out, err := f.svc.CreateComplianceInquiry(bg, c, artifact.CreateComplianceInquiryInput{Name: "Vendor review",
		InquiryContent: artifact.InquiryContent{Query: query}, Tags: tags})
	require.NoError(t, err)
	return out.ComplianceInquirySummary
}

// upload creates a FILE inquiry as c.
func (f *fixture) upload(t testing.TB, c *artifact.Caller, file string, mode inquiry.SupportMode) artifact.InquirySummary {
	t.Helper()
	out, err := f.svc.CreateComplianceInquiry(bg, c, artifact.CreateComplianceInquiryInput{Name: "Questionnaire",
		InquiryContent: artifact.InquiryContent{FileContent: &artifact.InquiryFileContent{Content: []byte(file)}}, SupportMode: mode})
	require.NoError(t, err)
	return out.ComplianceInquirySummary
}

func lastRecord(t testing.TB, svc *artifact.Service) audit.Record {
	t.Helper()
	recs, err := svc.Audit().Query(bg, audit.Filter{})
	require.NoError(t, err)
	return recs[len(recs)-1]
}

func paramOf(r audit.Record, name string) (string, bool) {
	for _, p := range r.Params {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// The lifecycle of a TEXT inquiry through the service: created
// PROCESSING (202), answered from the catalog when read.
func TestQ1_CreateComplianceInquiry(t *testing.T) {
	f := newFixture(t, artifact.WithInquiryOptions(inquiry.WithProcessingTime(time.Minute)))
	c := root(t, member)
	out, err := f.svc.CreateComplianceInquiry(bg, c, artifact.CreateComplianceInquiryInput{Name: "Vendor review",
		InquiryContent: artifact.InquiryContent{Query: "Do you have a SOC 2 report?"}, ClientToken: "tok-1", Tags: inquiry.Tags{"team": "grc"}})
	require.NoError(t, err)
	in := out.ComplianceInquirySummary
	require.Equal(t, inquiry.Processing, in.Status)
	require.Equal(t, inquiry.MsgInProgress, in.StatusMessage)
	require.Equal(t, inquiry.Text, in.InputSource)
	require.Equal(t, "arn:aws:artifact:us-east-1:222222222222:compliance-inquiry/"+string(in.ID), in.ARN)
	require.Equal(t, inquiry.Tags{"team": "grc"}, out.Tags)

	rec := lastRecord(t, f.svc)
	require.Equal(t, "CreateComplianceInquiry", rec.EventName)
	require.Equal(t, "artifact:CreateComplianceInquiry", rec.Action)
	require.Equal(t, in.ARN, rec.Resource, "the record names the inquiry created")
	name, _ := paramOf(rec, "name")
	require.Equal(t, "HIDDEN_DUE_TO_SECURITY_REASONS", name, "name is sensitive in AWS's model")
	content, _ := paramOf(rec, "inquiryContent")
	require.Equal(t, "HIDDEN_DUE_TO_SECURITY_REASONS", content)
	tags, _ := paramOf(rec, "tags")
	require.Equal(t, `{"team":"grc"}`, tags)

	got, err := f.svc.GetComplianceInquiryMetadata(bg, c, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: in.ID})
	require.NoError(t, err)
	require.Equal(t, inquiry.Processing, got.ComplianceInquiryDetail.Status, "not due for a minute")
	require.Equal(t, inquiry.Tags{"team": "grc"}, got.Tags)
	f.clock.Advance(time.Minute)
	got, err = f.svc.GetComplianceInquiryMetadata(bg, c, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: in.ID})
	require.NoError(t, err)
	d := got.ComplianceInquiryDetail
	require.Equal(t, inquiry.Completed, d.Status)
	require.Equal(t, inquiry.MsgComplete, d.StatusMessage)
	require.Equal(t, inquiry.AIOnly, d.SupportMode)
	require.Equal(t, f.clock.Now(), d.UpdatedAt)

	qs, err := f.svc.ListComplianceInquiryQueries(bg, c, artifact.ListComplianceInquiryQueriesInput{ComplianceInquiryID: in.ID})
	require.NoError(t, err)
	require.Len(t, qs.Queries, 1)
	q := qs.Queries[0]
	require.Equal(t, 1, q.QueryIdentifier)
	require.Equal(t, inquiry.QueryCompleted, q.Status)
	require.Equal(t, inquiry.ReviewAI, q.ReviewType)
	require.Contains(t, q.Response, "SOC 2 Type 2 Report")
	require.Equal(t, f.soc2.ARN, q.Citations[0].SourceLink, "cites the report version")
}

// A questionnaire file, answered, then exported behind a presigned URL;
// the presigner is handed the document the service wrote.
func TestQ7_ExportComplianceInquiry(t *testing.T) {
	var got artifact.Document
	presign := artifact.PresignerFunc(func(_ context.Context, d artifact.Document) (string, error) {
		got = d
		return "https://documents.example/" + d.ID + "/" + d.Version, nil
	})
	f := newFixture(t, artifact.WithPresigner(presign), artifact.WithInquiryOptions(inquiry.WithProcessingTime(time.Hour)))
	c := root(t, member)
	in := f.upload(t, c, "Question\nDo you have a PCI report?\nIs S3 HIPAA eligible?\n", "")

	_, err := f.svc.ExportComplianceInquiry(bg, c, artifact.ExportComplianceInquiryInput{ComplianceInquiryID: in.ID})
	var ve *artifact.ValidationException
	require.ErrorAs(t, err, &ve, "an inquiry still processing is not exported")
	require.Equal(t, artifact.ReasonOther, ve.Reason)
	require.ErrorIs(t, err, inquiry.ErrNotReady)

	_, err = f.svc.ProcessComplianceInquiry(bg, aws.AccountID(member), in.ID)
	require.NoError(t, err)
	out, err := f.svc.ExportComplianceInquiry(bg, c, artifact.ExportComplianceInquiryInput{ComplianceInquiryID: in.ID,
		QueryIdentifiers: []int{2}, IncludeCitations: true})
	require.NoError(t, err)
	require.Equal(t, artifact.DocComplianceInquiry, got.Kind)
	require.Equal(t, string(in.ID), got.ID)
	require.Equal(t, out.Document.Content, got.Body)
	require.Equal(t, "text/csv", got.MediaType)
	require.Equal(t, got.SHA256, out.Document.SHA256)
	require.Equal(t, "https://documents.example/"+string(in.ID)+"/"+got.Version, out.DocumentPresignedURL)
	require.Equal(t, []int{2}, out.Document.Queries)
	require.Contains(t, string(got.Body), "Amazon S3 is a HIPAA Eligible Service")
	require.Contains(t, string(got.Body), inquiry.HIPAAReference)

	_, err = f.svc.ExportComplianceInquiry(bg, c, artifact.ExportComplianceInquiryInput{ComplianceInquiryID: in.ID, QueryIdentifiers: []int{3}})
	require.ErrorAs(t, err, &ve)
	require.Equal(t, artifact.ReasonFieldValidationFailed, ve.Reason)
	require.Equal(t, "queryIdentifiers", ve.FieldList[0].Name)
}

// FULL_SUPPORT through the service: HUMAN_REVIEW until AWS's experts (the
// administrative side) review and complete it.
func TestQ1_ComplianceInquiryHumanReview(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	in := f.upload(t, c, "Question\nIs data encrypted at rest?\nDo you have a SOC 2 report?\n", inquiry.FullSupport)
	got, err := f.svc.GetComplianceInquiryMetadata(bg, c, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: in.ID})
	require.NoError(t, err)
	require.Equal(t, inquiry.HumanReview, got.ComplianceInquiryDetail.Status)
	require.Equal(t, inquiry.MsgHumanReview, got.ComplianceInquiryDetail.StatusMessage)
	require.Equal(t, inquiry.FullSupport, got.ComplianceInquiryDetail.SupportMode)

	q, err := f.svc.ReviewComplianceInquiryQuery(bg, aws.AccountID(member), in.ID, 1, inquiry.Revision{Response: "Yes: AWS KMS encrypts every volume."})
	require.NoError(t, err)
	require.Equal(t, inquiry.ReviewHuman, q.ReviewType)
	done, err := f.svc.CompleteComplianceInquiryReview(bg, aws.AccountID(member), in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.Completed, done.Status)
	rec := lastRecord(t, f.svc)
	require.Equal(t, "CompleteComplianceInquiryReview", rec.EventName)
	require.Equal(t, artifact.ServicePrincipal, rec.Principal)
	require.Equal(t, in.ARN, rec.Resource)

	_, err = f.svc.CompleteComplianceInquiryReview(bg, aws.AccountID(member), in.ID)
	var ve *artifact.ValidationException
	require.ErrorAs(t, err, &ve)
	_, err = f.svc.ReviewComplianceInquiryQuery(bg, aws.AccountID(loner), in.ID, 1, inquiry.Revision{Response: "x"})
	var nf *artifact.ResourceNotFoundException
	require.ErrorAs(t, err, &nf)
}

// The read side shows inquiries as stored, processing none.
func TestInquiriesView(t *testing.T) {
	f := newFixture(t, artifact.WithInquiryOptions(inquiry.WithProcessingTime(time.Minute)))
	c := root(t, member)
	in := f.ask(t, c, "Do you have a SOC 2 report?", inquiry.Tags{"team": "grc"})
	f.clock.Advance(time.Hour)
	before, err := f.svc.Audit().Query(bg, audit.Filter{})
	require.NoError(t, err)
	v := f.svc.Inquiries()
	got, err := v.Get(bg, member, in.ID)
	require.NoError(t, err)
	require.Equal(t, inquiry.Processing, got.Status, "due, but the view processes nothing")
	list, next, err := v.List(bg, member, "", 10)
	require.NoError(t, err)
	require.Empty(t, next)
	require.Len(t, list, 1)
	require.Equal(t, inquiry.Processing, list[0].Status)
	qs, _, err := v.Queries(bg, member, in.ID, 0, 10)
	require.NoError(t, err)
	require.Equal(t, inquiry.QueryProcessing, qs[0].Status)
	_, err = v.Get(bg, loner, in.ID)
	require.ErrorIs(t, err, inquiry.ErrNotFound)
	after, err := f.svc.Audit().Query(bg, audit.Filter{})
	require.NoError(t, err)
	require.Len(t, after, len(before), "the view leaves no audit record")
	got.Tags["team"] = "changed"
	again, err := v.Get(bg, member, in.ID)
	require.NoError(t, err)
	require.Equal(t, "grc", again.Tags["team"])
}

// Advance moves every due inquiry on, for every account.
func TestAdvanceComplianceInquiries(t *testing.T) {
	f := newFixture(t, artifact.WithInquiryOptions(inquiry.WithProcessingTime(time.Hour)))
	a := f.ask(t, root(t, member), "Do you have a SOC 2 report?", nil)
	b := f.ask(t, root(t, loner), "Are you PCI compliant?", nil)
	f.clock.Advance(time.Hour)
	n, err := f.svc.AdvanceComplianceInquiries(bg)
	require.NoError(t, err)
	require.Equal(t, 2, n)
	require.Equal(t, "AdvanceComplianceInquiries", lastRecord(t, f.svc).EventName)
	for _, x := range []struct {
		acct org.AccountID
		id   inquiry.ID
	}{{member, a.ID}, {loner, b.ID}} {
		got, err := f.svc.GetComplianceInquiryMetadata(bg, root(t, x.acct), artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: x.id})
		require.NoError(t, err)
		require.Equal(t, inquiry.Completed, got.ComplianceInquiryDetail.Status)
	}
}

// Lists page as every List does: maxResults 1..300, opaque tokens bound
// to the operation and the account.
func TestQ1_ListComplianceInquiries(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	var want []inquiry.ID
	for i := 0; i < 5; i++ {
		want = append(want, f.ask(t, c, fmt.Sprint("question ", i), nil).ID)
		f.clock.Advance(time.Second)
	}
	f.ask(t, root(t, loner), "not mine", nil)
	var got []inquiry.ID
	in := artifact.ListComplianceInquiriesInput{MaxResults: 2}
	for pages := 1; ; pages++ {
		out, err := f.svc.ListComplianceInquiries(bg, c, in)
		require.NoError(t, err)
		for _, x := range out.ComplianceInquiries {
			got = append(got, x.ID)
			require.Equal(t, inquiry.Completed, x.Status, "listing moves due inquiries on")
		}
		if out.NextToken == "" {
			require.Equal(t, 3, pages)
			break
		}
		in.NextToken = out.NextToken
		if pages == 1 {
			_, err := f.svc.ListComplianceInquiries(bg, root(t, loner), in)
			var ve *artifact.ValidationException
			require.ErrorAs(t, err, &ve, "another account's token is refused")
			require.Equal(t, artifact.ReasonInvalidToken, ve.Reason)
			_, err = f.svc.ListComplianceInquiryQueries(bg, c, artifact.ListComplianceInquiryQueriesInput{ComplianceInquiryID: want[0], NextToken: in.NextToken})
			require.ErrorAs(t, err, &ve, "another operation's token is refused")
		}
	}
	require.Equal(t, want, got, "oldest first, the account's own only")
	for _, bad := range []int{-1, 301} {
		_, err := f.svc.ListComplianceInquiries(bg, c, artifact.ListComplianceInquiriesInput{MaxResults: bad})
		var ve *artifact.ValidationException
		require.ErrorAs(t, err, &ve)
		require.Equal(t, "maxResults", ve.FieldList[0].Name)
	}
}

func TestQ2_ListComplianceInquiryQueriesPages(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	var file strings.Builder
	file.WriteString("Question\n")
	for i := 1; i <= 7; i++ {
		fmt.Fprintf(&file, "Question number %d?\n", i)
	}
	in := f.upload(t, c, file.String(), "")
	var ids []int
	req := artifact.ListComplianceInquiryQueriesInput{ComplianceInquiryID: in.ID, MaxResults: 3}
	for {
		out, err := f.svc.ListComplianceInquiryQueries(bg, c, req)
		require.NoError(t, err)
		for _, q := range out.Queries {
			ids = append(ids, q.QueryIdentifier)
			require.Equal(t, inquiry.QueryCompleted, q.Status)
		}
		if out.NextToken == "" {
			break
		}
		req.NextToken = out.NextToken
	}
	require.Equal(t, []int{1, 2, 3, 4, 5, 6, 7}, ids)
}

// Idempotency: a repeated clientToken with the same request returns the
// same inquiry (and feedback); with a different one it is AWS's
// ConflictException.
func TestQ3_ComplianceInquiryIdempotency(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	req := artifact.CreateComplianceInquiryInput{Name: "n", InquiryContent: artifact.InquiryContent{Query: "Do you have a SOC 2 report?"}, ClientToken: "create-1"}
	first, err := f.svc.CreateComplianceInquiry(bg, c, req)
	require.NoError(t, err)
	again, err := f.svc.CreateComplianceInquiry(bg, c, req)
	require.NoError(t, err)
	require.Equal(t, first.ComplianceInquirySummary.ID, again.ComplianceInquirySummary.ID)
	req.Name = "another name"
	_, err = f.svc.CreateComplianceInquiry(bg, c, req)
	var ce *artifact.ConflictException
	require.ErrorAs(t, err, &ce)
	require.Equal(t, string(first.ComplianceInquirySummary.ID), ce.ResourceID)
	require.Equal(t, "compliance-inquiry", ce.ResourceType)
	require.ErrorIs(t, err, inquiry.ErrTokenReused)

	fb := artifact.PutComplianceInquiryFeedbackInput{ComplianceInquiryID: first.ComplianceInquirySummary.ID, QueryIdentifier: 1,
		Rating: inquiry.ThumbsUp, ClientToken: "fb-1"}
	put, err := f.svc.PutComplianceInquiryFeedback(bg, c, fb)
	require.NoError(t, err)
	f.clock.Advance(time.Minute)
	put2, err := f.svc.PutComplianceInquiryFeedback(bg, c, fb)
	require.NoError(t, err)
	require.Equal(t, put.SubmittedAt, put2.SubmittedAt)
	fb.Rating = inquiry.ThumbsDown
	_, err = f.svc.PutComplianceInquiryFeedback(bg, c, fb)
	require.ErrorAs(t, err, &ce)
	require.Equal(t, string(first.ComplianceInquirySummary.ID), ce.ResourceID)
}

// Q3: two requests that differ are never taken for a retry of each other,
// however their fields line up: each pair below shares a client token,
// and the second is a ConflictException.
func TestQ3_ClientTokenTellsRequestsApart(t *testing.T) {
	csv := []byte("Q,tags,team\nIs data encrypted at rest?,x,y\n")
	file := func(sections ...string) artifact.InquiryContent {
		return artifact.InquiryContent{FileContent: &artifact.InquiryFileContent{Content: csv, FileSections: sections}}
	}
	cases := []struct {
		name  string
		first artifact.CreateComplianceInquiryInput
		then  artifact.CreateComplianceInquiryInput
	}{
		{"sections that read like tags",
			artifact.CreateComplianceInquiryInput{Name: "n", InquiryContent: file("Q", "tags", "team")},
			artifact.CreateComplianceInquiryInput{Name: "n", InquiryContent: file("Q"), Tags: inquiry.Tags{"team": "tags"}}},
		{"a tag key that runs into its value",
			artifact.CreateComplianceInquiryInput{Name: "n", InquiryContent: file("Q"), Tags: inquiry.Tags{"ab": "c"}},
			artifact.CreateComplianceInquiryInput{Name: "n", InquiryContent: file("Q"), Tags: inquiry.Tags{"a": "bc"}}},
		{"fewer sections",
			artifact.CreateComplianceInquiryInput{Name: "n", InquiryContent: file("Q", "tags")},
			artifact.CreateComplianceInquiryInput{Name: "n", InquiryContent: file("Q")}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			c := root(t, member)
			tc.first.ClientToken, tc.then.ClientToken = "tok-1", "tok-1"
			_, err := f.svc.CreateComplianceInquiry(bg, c, tc.first)
			require.NoError(t, err)
			_, err = f.svc.CreateComplianceInquiry(bg, c, tc.then)
			var ce *artifact.ConflictException
			require.ErrorAs(t, err, &ce, "a different request under the same clientToken was replayed")
			require.ErrorIs(t, err, inquiry.ErrTokenReused)
		})
	}
}

func TestQ6_PutComplianceInquiryFeedback(t *testing.T) {
	f := newFixture(t)
	c := caller(t, member, "arn:aws:iam::222222222222:user/reviewer", nil, allowAll)
	in := f.upload(t, c, "Question\nIs data encrypted?\n", inquiry.FullSupport)
	_, err := f.svc.GetComplianceInquiryMetadata(bg, c, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: in.ID})
	require.NoError(t, err)
	_, err = f.svc.ReviewComplianceInquiryQuery(bg, aws.AccountID(member), in.ID, 1, inquiry.Revision{Response: "Yes."})
	require.NoError(t, err)
	_, err = f.svc.PutComplianceInquiryFeedback(bg, c, artifact.PutComplianceInquiryFeedbackInput{ComplianceInquiryID: in.ID,
		QueryIdentifier: 1, ResponseRevisionID: 1, Rating: inquiry.ThumbsDown})
	var ce *artifact.ConflictException
	require.ErrorAs(t, err, &ce, "the response was revised since")
	require.ErrorIs(t, err, inquiry.ErrStaleResponse)
	out, err := f.svc.PutComplianceInquiryFeedback(bg, c, artifact.PutComplianceInquiryFeedbackInput{ComplianceInquiryID: in.ID,
		QueryIdentifier: 1, ResponseRevisionID: 2, Rating: inquiry.ThumbsDown,
		ReasonCodes: []inquiry.ReasonCode{inquiry.ReasonPartialResponse}, Comment: "Which regions?"})
	require.NoError(t, err)
	require.Equal(t, f.clock.Now(), out.SubmittedAt)
	rec := lastRecord(t, f.svc)
	comment, _ := paramOf(rec, "comment")
	require.Equal(t, "HIDDEN_DUE_TO_SECURITY_REASONS", comment)
	fs, err := f.svc.Inquiries().Feedback(bg, member, in.ID)
	require.NoError(t, err)
	require.Len(t, fs, 1)
	require.Equal(t, "arn:aws:iam::222222222222:user/reviewer", fs[0].Principal)
	require.Equal(t, 2, fs[0].ResponseRevision)

	_, err = f.svc.PutComplianceInquiryFeedback(bg, c, artifact.PutComplianceInquiryFeedbackInput{ComplianceInquiryID: in.ID, Rating: "MEH"})
	var ve *artifact.ValidationException
	require.ErrorAs(t, err, &ve)
	require.Equal(t, "rating", ve.FieldList[0].Name)
}

// The order of every inquiry operation: a malformed id, then
// authorization, then an unknown (or another account's) inquiry.
func TestComplianceInquiryErrorOrder(t *testing.T) {
	f := newFixture(t)
	mine := f.ask(t, root(t, member), "q", nil)
	nobody := caller(t, member, "arn:aws:iam::222222222222:user/nobody", nil)
	admin := caller(t, member, "arn:aws:iam::222222222222:user/admin", nil, allowAll)
	theirs := f.ask(t, root(t, loner), "q", nil)
	unknown := inquiry.ID("compliance-inquiry-0000000000000000")

	var ve *artifact.ValidationException
	_, err := f.svc.GetComplianceInquiryMetadata(bg, nobody, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: "compliance-inquiry-x"})
	require.ErrorAs(t, err, &ve, "a malformed id is refused before authorization")
	require.Equal(t, "complianceInquiryId", ve.FieldList[0].Name)

	var ad *artifact.AccessDeniedException
	_, err = f.svc.GetComplianceInquiryMetadata(bg, nobody, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: unknown})
	require.ErrorAs(t, err, &ad, "a denied call says nothing of what exists")
	require.Equal(t, "artifact:GetComplianceInquiryMetadata", ad.Action)
	require.Equal(t, "arn:aws:artifact:us-east-1:222222222222:compliance-inquiry/"+string(unknown), ad.Resource)
	require.Equal(t, audit.Denied, lastRecord(t, f.svc).Decision)

	var nf *artifact.ResourceNotFoundException
	for _, id := range []inquiry.ID{unknown, theirs.ID} {
		_, err = f.svc.GetComplianceInquiryMetadata(bg, admin, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: id})
		require.ErrorAs(t, err, &nf)
		require.Equal(t, string(id), nf.ResourceID)
		require.Equal(t, "compliance-inquiry", nf.ResourceType)
	}
	_, err = f.svc.GetComplianceInquiryMetadata(bg, admin, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: mine.ID})
	require.NoError(t, err)

	_, err = f.svc.GetComplianceInquiryMetadata(bg, nil, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: mine.ID})
	require.ErrorAs(t, err, &ve, "a call without a caller")
	_, err = f.svc.CreateComplianceInquiry(bg, nil, artifact.CreateComplianceInquiryInput{Name: "n", InquiryContent: artifact.InquiryContent{Query: "q"}})
	require.ErrorAs(t, err, &ve)

	// A malformed create is refused before authorization too.
	_, err = f.svc.CreateComplianceInquiry(bg, nobody, artifact.CreateComplianceInquiryInput{Name: "n"})
	require.ErrorAs(t, err, &ve)
	require.Equal(t, "inquiryContent", ve.FieldList[0].Name)
	_, err = f.svc.CreateComplianceInquiry(bg, nobody, artifact.CreateComplianceInquiryInput{Name: "n", InquiryContent: artifact.InquiryContent{Query: "q"}})
	require.ErrorAs(t, err, &ad)
	require.Equal(t, "arn:aws:artifact:us-east-1:222222222222:compliance-inquiry/*", ad.Resource)
}

// File limits through the service: a file too large is refused at once;
// one that cannot be read fails the inquiry with AWS's message.
func TestQ8_ComplianceInquiryFileLimits(t *testing.T) {
	f := newFixture(t, artifact.WithInquiryOptions(inquiry.WithLimits(inquiry.Limits{MaxFileBytes: 1024, MaxRows: 3, MaxCellBytes: 64})))
	c := root(t, member)
	_, err := f.svc.CreateComplianceInquiry(bg, c, artifact.CreateComplianceInquiryInput{Name: "n",
		InquiryContent: artifact.InquiryContent{FileContent: &artifact.InquiryFileContent{Content: make([]byte, 1025)}}})
	var ve *artifact.ValidationException
	require.ErrorAs(t, err, &ve)
	require.Equal(t, "inquiryContent.fileContent.content", ve.FieldList[0].Name)
	for _, file := range []string{"Question\na\nb\nc\n", "Question\n" + strings.Repeat("x", 65) + "\n", "PK\x03\x04xlsx"} {
		in := f.upload(t, c, file, "")
		got, err := f.svc.GetComplianceInquiryMetadata(bg, c, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: in.ID})
		require.NoError(t, err)
		require.Equal(t, inquiry.Failed, got.ComplianceInquiryDetail.Status)
		require.Equal(t, inquiry.MsgInternalError, got.ComplianceInquiryDetail.StatusMessage)
	}
}

// Every error the nine operations answer is of a type AWS's model
// declares for the operation (ThrottlingException aside, which the
// service never answers).
func TestComplianceInquiryDeclaredErrors(t *testing.T) {
	declared := artifact.DeclaredErrors()
	f := newFixture(t, artifact.WithInquiryOptions(inquiry.WithProcessingTime(time.Hour)))
	admin := caller(t, member, "arn:aws:iam::222222222222:user/admin", nil, allowAll)
	nobody := caller(t, member, "arn:aws:iam::222222222222:user/nobody", nil)
	mine := f.ask(t, admin, "q", inquiry.Tags{"team": "grc"})
	arn := mine.ARN
	seen := map[string]map[string]bool{}
	note := func(op string, err error) {
		if err == nil {
			return
		}
		requireDeclared(t, op, err, "a refusal")
		var api artifact.APIError
		require.True(t, errors.As(err, &api), "%s: %v", op, err)
		require.Contains(t, declared[op], api.ErrorCode(), "%s answered %v", op, err)
		if seen[op] == nil {
			seen[op] = map[string]bool{}
		}
		seen[op][api.ErrorCode()] = true
	}
	ids := []inquiry.ID{"", "bad", mine.ID, "compliance-inquiry-0000000000000000"}
	arns := []string{"", "arn", arn, f.soc2.ARN, "arn:aws:artifact:::agreement/agreement-baa0000000000001",
		"arn:aws:artifact:eu-west-1:222222222222:compliance-inquiry/" + string(mine.ID), strings.Replace(arn, "222222222222", "333333333333", 1)}
	for _, c := range []*artifact.Caller{nil, nobody, admin} {
		for _, id := range ids {
			_, err := f.svc.GetComplianceInquiryMetadata(bg, c, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: id})
			note("GetComplianceInquiryMetadata", err)
			_, err = f.svc.ListComplianceInquiryQueries(bg, c, artifact.ListComplianceInquiryQueriesInput{ComplianceInquiryID: id, NextToken: "forged"})
			note("ListComplianceInquiryQueries", err)
			_, err = f.svc.ExportComplianceInquiry(bg, c, artifact.ExportComplianceInquiryInput{ComplianceInquiryID: id})
			note("ExportComplianceInquiry", err)
			for _, fb := range []artifact.PutComplianceInquiryFeedbackInput{
				{ComplianceInquiryID: id, Rating: inquiry.ThumbsUp}, {ComplianceInquiryID: id, QueryIdentifier: 1, Rating: inquiry.ThumbsUp, ResponseRevisionID: 3},
				{ComplianceInquiryID: id, QueryIdentifier: 9, Rating: inquiry.ThumbsUp},
			} {
				_, err = f.svc.PutComplianceInquiryFeedback(bg, c, fb)
				note("PutComplianceInquiryFeedback", err)
			}
		}
		for _, a := range arns {
			_, err := f.svc.TagResource(bg, c, artifact.TagResourceInput{ResourceARN: a, Tags: inquiry.Tags{"k": "v"}})
			note("TagResource", err)
			_, err = f.svc.TagResource(bg, c, artifact.TagResourceInput{ResourceARN: a, Tags: inquiry.Tags{"aws:k": "v"}})
			note("TagResource", err)
			_, err = f.svc.UntagResource(bg, c, artifact.UntagResourceInput{ResourceARN: a, TagKeys: []string{"k"}})
			note("UntagResource", err)
			_, err = f.svc.UntagResource(bg, c, artifact.UntagResourceInput{ResourceARN: a})
			note("UntagResource", err)
			_, err = f.svc.ListTagsForResource(bg, c, artifact.ListTagsForResourceInput{ResourceARN: a})
			note("ListTagsForResource", err)
		}
		_, err := f.svc.ListComplianceInquiries(bg, c, artifact.ListComplianceInquiriesInput{MaxResults: 301})
		note("ListComplianceInquiries", err)
		_, err = f.svc.ListComplianceInquiries(bg, c, artifact.ListComplianceInquiriesInput{})
		note("ListComplianceInquiries", err)
		for _, req := range []artifact.CreateComplianceInquiryInput{
			{}, {Name: "n", InquiryContent: artifact.InquiryContent{Query: "q"}, ClientToken: "t"},
			{Name: "other", InquiryContent: artifact.InquiryContent{Query: "q"}, ClientToken: "t"},
		} {
			_, err = f.svc.CreateComplianceInquiry(bg, c, req)
			note("CreateComplianceInquiry", err)
		}
	}
	// The test reached the errors it means to reach.
	require.True(t, seen["CreateComplianceInquiry"]["ConflictException"])
	require.True(t, seen["PutComplianceInquiryFeedback"]["ValidationException"])
	require.True(t, seen["TagResource"]["ResourceNotFoundException"])
	require.True(t, seen["ExportComplianceInquiry"]["ValidationException"])
	require.True(t, seen["GetComplianceInquiryMetadata"]["AccessDeniedException"])

	// A store that fails is an InternalServerException, with a fixed
	// message that says nothing of the store's error.
	broken := newFixture(t, artifact.WithInquiryStore(failingStore{}))
	_, err := broken.svc.GetComplianceInquiryMetadata(bg, admin, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: mine.ID})
	var ie *artifact.InternalServerException
	require.ErrorAs(t, err, &ie)
	require.NotContains(t, ie.Message, "secret")
	_, err = broken.svc.CreateComplianceInquiry(bg, admin, artifact.CreateComplianceInquiryInput{Name: "n", InquiryContent: artifact.InquiryContent{Query: "q"}})
	require.ErrorAs(t, err, &ie)
}

// failingStore is an inquiry.Store whose every call fails.
type failingStore struct{ inquiry.Store }

var errStoreDown = errors.New("dsn=postgres://user:secret@db: connection refused")

func (failingStore) Insert(context.Context, inquiry.Inquiry, []inquiry.Query) (inquiry.Inquiry, error) {
	return inquiry.Inquiry{}, errStoreDown
}
func (failingStore) Get(context.Context, aws.AccountID, inquiry.ID) (inquiry.Inquiry, error) {
	return inquiry.Inquiry{}, errStoreDown
}
func (failingStore) ByClientToken(context.Context, aws.AccountID, string) (inquiry.Inquiry, error) {
	return inquiry.Inquiry{}, errStoreDown
}

// Q4: tags on a compliance inquiry: listed, added, removed. Tags on
// reports and agreements are refused, a choice of the library's where AWS
// is silent (only the compliance inquiry has tag condition keys).
func TestQ4_TagResource(t *testing.T) {
	f := newFixture(t)
	c := caller(t, member, "arn:aws:iam::222222222222:user/admin", nil, allowAll)
	in := f.ask(t, c, "q", inquiry.Tags{"team": "grc"})
	list := func() inquiry.Tags {
		out, err := f.svc.ListTagsForResource(bg, c, artifact.ListTagsForResourceInput{ResourceARN: in.ARN})
		require.NoError(t, err)
		return out.Tags
	}
	require.Equal(t, inquiry.Tags{"team": "grc"}, list())
	_, err := f.svc.TagResource(bg, c, artifact.TagResourceInput{ResourceARN: in.ARN, Tags: inquiry.Tags{"team": "security", "project": "vendor-x"}})
	require.NoError(t, err)
	require.Equal(t, inquiry.Tags{"team": "security", "project": "vendor-x"}, list())
	rec := lastRecord(t, f.svc)
	require.Equal(t, "ListTagsForResource", rec.EventName)
	_, err = f.svc.UntagResource(bg, c, artifact.UntagResourceInput{ResourceARN: in.ARN, TagKeys: []string{"project", "absent"}})
	require.NoError(t, err)
	require.Equal(t, inquiry.Tags{"team": "security"}, list())

	var ve *artifact.ValidationException
	for _, a := range []string{f.soc2.ARN, "arn:aws:artifact:::agreement/agreement-baa0000000000001",
		"arn:aws:artifact::222222222222:customer-agreement/customer-agreement-abcdef0123456789"} {
		_, err := f.svc.TagResource(bg, c, artifact.TagResourceInput{ResourceARN: a, Tags: inquiry.Tags{"k": "v"}})
		require.ErrorAs(t, err, &ve, a)
		require.Equal(t, "resourceArn", ve.FieldList[0].Name)
		require.Contains(t, ve.Message, "do not support tagging")
		_, err = f.svc.ListTagsForResource(bg, c, artifact.ListTagsForResourceInput{ResourceARN: a})
		require.ErrorAs(t, err, &ve)
	}
	for _, a := range []string{"not an arn", "arn:aws:s3:::bucket", "arn:aws:artifact:us-east-1:222222222222:compliance-inquiry/short"} {
		_, err := f.svc.TagResource(bg, c, artifact.TagResourceInput{ResourceARN: a, Tags: inquiry.Tags{"k": "v"}})
		require.ErrorAs(t, err, &ve, a)
	}
	var nf *artifact.ResourceNotFoundException
	for _, a := range []string{strings.Replace(in.ARN, "us-east-1", "eu-west-1", 1), strings.Replace(in.ARN, "222222222222", "333333333333", 1),
		"arn:aws-cn:artifact:cn-north-1:222222222222:compliance-inquiry/" + string(in.ID)} {
		_, err := f.svc.TagResource(bg, c, artifact.TagResourceInput{ResourceARN: a, Tags: inquiry.Tags{"k": "v"}})
		require.ErrorAs(t, err, &nf, a)
		require.Equal(t, string(in.ID), nf.ResourceID)
	}
	many := inquiry.Tags{}
	for i := 0; i < 50; i++ {
		many[fmt.Sprint("k", i)] = ""
	}
	_, err = f.svc.TagResource(bg, c, artifact.TagResourceInput{ResourceARN: in.ARN, Tags: many})
	require.ErrorAs(t, err, &ve, "51 tags on the resource")
	require.Equal(t, inquiry.Tags{"team": "security"}, list(), "a refused tagging changes nothing")
	_, err = f.svc.UntagResource(bg, c, artifact.UntagResourceInput{ResourceARN: in.ARN, TagKeys: []string{"aws:team"}})
	require.ErrorAs(t, err, &ve)
}

// Q4: TagResource's tags member is required, as AWS's model says: a
// request without it is refused, one with an empty map adds nothing.
func TestQ4_TagResourceRequiresTags(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	in := f.ask(t, c, "q", inquiry.Tags{"team": "grc"})
	cases := []struct {
		name string
		tags inquiry.Tags
		ok   bool
	}{
		{name: "missing", tags: nil},
		{name: "empty", tags: inquiry.Tags{}, ok: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.TagResource(bg, c, artifact.TagResourceInput{ResourceARN: in.ARN, Tags: tc.tags})
			if tc.ok {
				require.NoError(t, err)
			} else {
				var ve *artifact.ValidationException
				require.ErrorAs(t, err, &ve)
				require.Equal(t, artifact.ReasonFieldValidationFailed, ve.Reason)
				require.Equal(t, []artifact.ValidationExceptionField{{Name: "tags", Message: "is required"}}, ve.FieldList)
				require.ErrorIs(t, err, aws.ErrInvalidInput)
			}
			out, err := f.svc.ListTagsForResource(bg, c, artifact.ListTagsForResourceInput{ResourceARN: in.ARN})
			require.NoError(t, err)
			require.Equal(t, inquiry.Tags{"team": "grc"}, out.Tags, "the tags are as they were")
		})
	}
}

// Concurrent taggers of one inquiry each land.
func TestTagResourceConcurrent(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	in := f.ask(t, c, "q", nil)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, err := f.svc.TagResource(bg, c, artifact.TagResourceInput{ResourceARN: in.ARN, Tags: inquiry.Tags{fmt.Sprint("k", i): "v"}}); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	out, err := f.svc.ListTagsForResource(bg, c, artifact.ListTagsForResourceInput{ResourceARN: in.ARN})
	require.NoError(t, err)
	require.Len(t, out.Tags, 8)
}

// Q1: a host component's error (the answerer's, the scanner's) fails the
// inquiry with AWS's message; its text reaches neither the caller, in any
// output, nor the audit trail. The host gets it through the failure
// handler, matchable with errors.Is.
func TestQ1_HostErrorTextNeverReachesTheCaller(t *testing.T) {
	secret := errors.New("dial tcp 10.0.0.7:5432: password authentication failed for user admin")
	const leak = "password"
	cases := []struct {
		name string
		opts []inquiry.Option
		file bool
		// query is the query the handler is told of; 0 for the inquiry.
		query int
	}{
		{name: "answerer fails the batch", opts: []inquiry.Option{inquiry.WithAnswerer(inquiry.AnswererFunc(func(context.Context, inquiry.Batch) ([]inquiry.Answer, error) {
			return nil, secret
		}))}},
		{name: "answerer fails one query", query: 1, opts: []inquiry.Option{inquiry.WithAnswerer(inquiry.AnswererFunc(func(_ context.Context, b inquiry.Batch) ([]inquiry.Answer, error) {
			return []inquiry.Answer{{Err: secret}}, nil
		}))}},
		{name: "scanner fails", file: true, opts: []inquiry.Option{inquiry.WithScanner(inquiry.ScannerFunc(func(context.Context, []byte) (bool, error) {
			return false, secret
		}))}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var told []*inquiry.FailureError
			opts := append([]inquiry.Option{inquiry.WithFailureHandler(func(_ context.Context, f *inquiry.FailureError) { told = append(told, f) })}, tc.opts...)
			f := newFixture(t, artifact.WithInquiryOptions(opts...))
			c := root(t, member)
			content := artifact.InquiryContent{Query: "Do you have a SOC 2 report?"}
			if tc.file {
				content = artifact.InquiryContent{FileContent: &artifact.InquiryFileContent{Content: []byte("Question\nDo you have a SOC 2 report?\n")}}
			}
			var outputs []any
			created, err := f.svc.CreateComplianceInquiry(bg, c, artifact.CreateComplianceInquiryInput{Name: "n", InquiryContent: content})
			require.NoError(t, err)
			id := created.ComplianceInquirySummary.ID
			meta, err := f.svc.GetComplianceInquiryMetadata(bg, c, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: id})
			require.NoError(t, err)
			list, err := f.svc.ListComplianceInquiries(bg, c, artifact.ListComplianceInquiriesInput{})
			require.NoError(t, err)
			qs, err := f.svc.ListComplianceInquiryQueries(bg, c, artifact.ListComplianceInquiryQueriesInput{ComplianceInquiryID: id})
			require.NoError(t, err)
			outputs = append(outputs, created, meta, list, qs)
			for _, out := range outputs {
				require.NotContains(t, fmt.Sprintf("%+v", out), leak, "%T", out)
			}
			recs, err := f.svc.Audit().Query(bg, audit.Filter{})
			require.NoError(t, err)
			require.NotContains(t, fmt.Sprintf("%+v", recs), leak, "the audit trail")

			require.Len(t, told, 1)
			require.ErrorIs(t, told[0], secret, "the host matches its own error")
			require.Equal(t, id, told[0].Inquiry)
			require.Equal(t, tc.query, told[0].Query)
		})
	}
}

// Q1: a file's verdict (malware, unreadable, a scan that failed) is
// decided when it is uploaded and revealed when its processing comes:
// CreateComplianceInquiry answers PROCESSING whatever it is, and nothing in
// its output tells them apart.
func TestQ1_CreateRevealsNoVerdictBeforeProcessing(t *testing.T) {
	eicar := `X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`
	cases := []struct {
		name string
		file string
		opts []inquiry.Option
		msg  inquiry.StatusMessage
	}{
		{name: "malware", file: "Question\n" + eicar + "\n", msg: inquiry.MsgMalware},
		{name: "unreadable", file: "%PDF-1.7 a questionnaire", msg: inquiry.MsgInternalError},
		{name: "scan fails", file: "Question\nq?\n", msg: inquiry.MsgInternalError,
			opts: []inquiry.Option{inquiry.WithScanner(inquiry.ScannerFunc(func(context.Context, []byte) (bool, error) {
				return false, errors.New("scanner down")
			}))}},
		{name: "readable", file: "Question\nDo you have a SOC 2 report?\n", msg: inquiry.MsgComplete},
	}
	var created []string
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, artifact.WithInquiryOptions(append(tc.opts, inquiry.WithProcessingTime(time.Hour))...))
			c := root(t, member)
			out, err := f.svc.CreateComplianceInquiry(bg, c, artifact.CreateComplianceInquiryInput{Name: "n",
				InquiryContent: artifact.InquiryContent{FileContent: &artifact.InquiryFileContent{Content: []byte(tc.file)}}})
			require.NoError(t, err)
			require.Equal(t, inquiry.Processing, out.ComplianceInquirySummary.Status)
			require.Equal(t, inquiry.MsgInProgress, out.ComplianceInquirySummary.StatusMessage)
			b, err := json.Marshal(out)
			require.NoError(t, err)
			id := string(out.ComplianceInquirySummary.ID)
			created = append(created, strings.NewReplacer(id, "ID", out.ComplianceInquirySummary.ARN, "ARN").Replace(string(b)))

			f.clock.Advance(time.Hour)
			got, err := f.svc.GetComplianceInquiryMetadata(bg, c, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: out.ComplianceInquirySummary.ID})
			require.NoError(t, err)
			require.Equal(t, tc.msg, got.ComplianceInquiryDetail.StatusMessage, "revealed when processing comes")
		})
	}
	for _, b := range created[1:] {
		require.Equal(t, created[0], b, "the outputs of Create differ only by the inquiry's id")
	}
}

// Q5: ListComplianceInquiries answers AWS's InquirySummary, which holds no
// tags: a principal allowed to list, and nothing else, learns no inquiry's
// tags (it would need ListTagsForResource, which the tags may deny).
func TestQ5_ListComplianceInquiriesShowsNoTags(t *testing.T) {
	f := newFixture(t)
	f.ask(t, root(t, member), "q", inquiry.Tags{"classification": "restricted", "owner": "alice"})
	lister := caller(t, member, "arn:aws:iam::222222222222:user/lister", nil,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"artifact:ListComplianceInquiries","Resource":"*"}]}`)
	out, err := f.svc.ListComplianceInquiries(bg, lister, artifact.ListComplianceInquiriesInput{})
	require.NoError(t, err)
	require.Len(t, out.ComplianceInquiries, 1)
	b, err := json.Marshal(out)
	require.NoError(t, err)
	for _, leak := range []string{"restricted", "alice", "classification", "tags"} {
		require.NotContains(t, string(b), leak)
	}
	_, err = f.svc.ListTagsForResource(bg, lister, artifact.ListTagsForResourceInput{ResourceARN: out.ComplianceInquiries[0].ARN})
	denied(t, err, "artifact:ListTagsForResource")
}
