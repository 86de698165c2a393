package artifact_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
)

var (
	inquirySummaryMembers = []string{"arn", "name", "id", "status", "statusMessage", "inputSource", "createdAt"}
	inquiryDetailMembers  = append(append([]string(nil), inquirySummaryMembers...), "updatedAt", "supportMode")
	querySummaryMembers   = []string{"queryIdentifier", "query", "response", "reviewType", "citations", "status",
		"statusMessage", "createdAt", "updatedResponseVersions"}
)

// The compliance inquiry and tagging shapes marshal with AWS's members and
// round-trip.
func TestJSON_ComplianceInquiries(t *testing.T) {
	w := artifacttest.New(t)
	c := w.Root(artifacttest.ClinicalAccount)
	svc := w.Service

	created, err := svc.CreateComplianceInquiry(bg, c, artifact.CreateComplianceInquiryInput{Name: "Vendor review",
		InquiryContent: artifact.InquiryContent{Query: "Do you have a SOC 2 report?"}, Tags: inquiry.Tags{"team": "grc"}})
	require.NoError(t, err)
	b, back := roundTrip(t, *created)
	var raw struct {
		Summary json.RawMessage   `json:"complianceInquirySummary"`
		Tags    map[string]string `json:"tags"`
	}
	require.NoError(t, json.Unmarshal(b, &raw))
	require.ElementsMatch(t, inquirySummaryMembers, keysOf(t, raw.Summary), "InquirySummary's members, all required")
	require.Equal(t, map[string]string{"team": "grc"}, raw.Tags)
	in := created.ComplianceInquirySummary
	require.Equal(t, in.ID, back.ComplianceInquirySummary.ID)
	require.True(t, in.CreatedAt.Equal(back.ComplianceInquirySummary.CreatedAt))

	meta, err := svc.GetComplianceInquiryMetadata(bg, c, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: in.ID})
	require.NoError(t, err)
	b, _ = roundTrip(t, *meta)
	var detail struct {
		Detail json.RawMessage `json:"complianceInquiryDetail"`
	}
	require.NoError(t, json.Unmarshal(b, &detail))
	require.ElementsMatch(t, inquiryDetailMembers, keysOf(t, detail.Detail))

	list, err := svc.ListComplianceInquiries(bg, c, artifact.ListComplianceInquiriesInput{})
	require.NoError(t, err)
	_, listBack := roundTrip(t, *list)
	require.Len(t, listBack.ComplianceInquiries, 1)

	queries, err := svc.ListComplianceInquiryQueries(bg, c, artifact.ListComplianceInquiryQueriesInput{ComplianceInquiryID: in.ID})
	require.NoError(t, err)
	b, qBack := roundTrip(t, *queries)
	var qs struct {
		Queries []json.RawMessage `json:"queries"`
	}
	require.NoError(t, json.Unmarshal(b, &qs))
	requireMembers(t, qs.Queries[0], querySummaryMembers)
	q, got := queries.Queries[0], qBack.Queries[0]
	require.Equal(t, q.QueryIdentifier, got.QueryIdentifier)
	require.Equal(t, q.Citations, got.Citations)
	require.Equal(t, q.Response, got.Response)
	require.Len(t, got.UpdatedResponseVersions, len(q.UpdatedResponseVersions))

	export, err := svc.ExportComplianceInquiry(bg, c, artifact.ExportComplianceInquiryInput{ComplianceInquiryID: in.ID})
	require.NoError(t, err)
	b, _ = roundTrip(t, *export)
	require.ElementsMatch(t, []string{"documentPresignedUrl", "tags"}, keysOf(t, b))

	rated, err := svc.PutComplianceInquiryFeedback(bg, c, artifact.PutComplianceInquiryFeedbackInput{ComplianceInquiryID: in.ID,
		QueryIdentifier: 1, Rating: inquiry.ThumbsUp})
	require.NoError(t, err)
	b, ratedBack := roundTrip(t, *rated)
	require.Equal(t, []string{"submittedAt"}, keysOf(t, b))
	require.True(t, rated.SubmittedAt.Equal(ratedBack.SubmittedAt))

	tags, err := svc.ListTagsForResource(bg, c, artifact.ListTagsForResourceInput{ResourceARN: in.ARN})
	require.NoError(t, err)
	b, _ = roundTrip(t, *tags)
	require.JSONEq(t, `{"tags":{"team":"grc"}}`, string(b))
	b, err = json.Marshal(artifact.ListTagsForResourceOutput{})
	require.NoError(t, err)
	require.JSONEq(t, `{"tags":{}}`, string(b), "no tags is an empty map, not none")
}

func TestJSON_ComplianceInquiryInputs(t *testing.T) {
	file := artifact.CreateComplianceInquiryInput{Name: "Questionnaire", ClientToken: "tok", SupportMode: inquiry.FullSupport,
		InquiryContent: artifact.InquiryContent{FileContent: &artifact.InquiryFileContent{FileSections: []string{"Question"}, Content: []byte("Question\nWhy?\n")}},
		Tags:           inquiry.Tags{"a": "b"}}
	b, err := json.Marshal(file)
	require.NoError(t, err)
	require.JSONEq(t, `{"name":"Questionnaire","clientToken":"tok","supportMode":"FULL_SUPPORT","tags":{"a":"b"},
		"inquiryContent":{"fileContent":{"fileSections":["Question"],"content":"UXVlc3Rpb24KV2h5Pwo="}}}`, string(b),
		"the file is a blob: base64")
	var back artifact.CreateComplianceInquiryInput
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, file, back)

	for _, tc := range []struct {
		in   any
		back any
		want string
	}{
		{artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: "compliance-inquiry-a"}, new(artifact.GetComplianceInquiryMetadataInput),
			`{"complianceInquiryId":"compliance-inquiry-a"}`},
		{artifact.ListComplianceInquiriesInput{MaxResults: 3}, new(artifact.ListComplianceInquiriesInput), `{"maxResults":3}`},
		{artifact.ListComplianceInquiryQueriesInput{ComplianceInquiryID: "compliance-inquiry-a", NextToken: "n"}, new(artifact.ListComplianceInquiryQueriesInput),
			`{"complianceInquiryId":"compliance-inquiry-a","nextToken":"n"}`},
		{artifact.ExportComplianceInquiryInput{ComplianceInquiryID: "compliance-inquiry-a", QueryIdentifiers: []int{1, 3}, IncludeCitations: true},
			new(artifact.ExportComplianceInquiryInput), `{"complianceInquiryId":"compliance-inquiry-a","queryIdentifiers":[1,3],"includeCitations":true}`},
		{artifact.PutComplianceInquiryFeedbackInput{ComplianceInquiryID: "compliance-inquiry-a", QueryIdentifier: 2, Rating: inquiry.ThumbsDown,
			ResponseRevisionID: 1, ReasonCodes: []inquiry.ReasonCode{inquiry.ReasonPartialResponse}, Comment: "c", ClientToken: "t"},
			new(artifact.PutComplianceInquiryFeedbackInput),
			`{"complianceInquiryId":"compliance-inquiry-a","queryIdentifier":2,"rating":"THUMBS_DOWN","responseRevisionId":1,"reasonCodes":["PARTIAL_RESPONSE"],"comment":"c","clientToken":"t"}`},
		{artifact.TagResourceInput{ResourceARN: "arn", Tags: inquiry.Tags{"k": "v"}}, new(artifact.TagResourceInput), `{"resourceArn":"arn","tags":{"k":"v"}}`},
		// A tags member that is empty is kept apart from one that is
		// missing (TagResource refuses that).
		{artifact.TagResourceInput{ResourceARN: "arn", Tags: inquiry.Tags{}}, new(artifact.TagResourceInput), `{"resourceArn":"arn","tags":{}}`},
		{artifact.TagResourceInput{ResourceARN: "arn"}, new(artifact.TagResourceInput), `{"resourceArn":"arn"}`},
		{artifact.UntagResourceInput{ResourceARN: "arn", TagKeys: []string{"k"}}, new(artifact.UntagResourceInput), `{"resourceArn":"arn","tagKeys":["k"]}`},
	} {
		b, err := json.Marshal(tc.in)
		require.NoError(t, err)
		require.JSONEq(t, tc.want, string(b), "%T", tc.in)
		require.NoError(t, json.Unmarshal(b, tc.back))
		again, err := json.Marshal(tc.back)
		require.NoError(t, err)
		require.JSONEq(t, tc.want, string(again), "%T", tc.in)
	}

	var meta artifact.GetComplianceInquiryMetadataOutput
	require.NoError(t, json.Unmarshal([]byte(`{"complianceInquiryDetail":{"arn":"arn:aws:artifact:us-east-1:111122223333:compliance-inquiry/compliance-inquiry-abcdefghijklmnop",
		"id":"compliance-inquiry-abcdefghijklmnop","status":"COMPLETED","createdAt":"2026-03-01T09:00:00Z","updatedAt":"2026-03-01T09:05:00.5Z"}}`), &meta))
	require.Equal(t, inquiry.ID("compliance-inquiry-abcdefghijklmnop"), meta.ComplianceInquiryDetail.ID)
	require.Equal(t, time.Date(2026, 3, 1, 9, 5, 0, 500_000_000, time.UTC), meta.ComplianceInquiryDetail.UpdatedAt)
}

// The outputs' inquiry shapes hold exactly the members of AWS's model
// (InquirySummary, InquiryDetail, QuerySummary, Citation, ResponseVersion):
// nothing the service keeps for itself (an account, a client token, a
// failure's reason, a schedule) reaches a caller through them.
func TestInquiryShapesAreAWSs(t *testing.T) {
	cases := []struct {
		shape   any
		members []string
	}{
		{artifact.InquirySummary{}, inquirySummaryMembers},
		{artifact.InquiryDetail{}, inquiryDetailMembers},
		{artifact.QuerySummary{}, querySummaryMembers},
		{artifact.Citation{}, []string{"sourceLabel", "sourceContent", "sourceLink"}},
		{artifact.ResponseVersion{}, []string{"responseText", "timestamp"}},
	}
	for _, c := range cases {
		typ := reflect.TypeOf(c.shape)
		t.Run(typ.Name(), func(t *testing.T) {
			var got []string
			for f := range typ.Fields() {
				got = append(got, memberName(f.Name))
			}
			require.ElementsMatch(t, c.members, got)
		})
	}
}

// memberName is the model's member name of a Go field: ARN is arn, ID id,
// and any other name starts lower-case.
func memberName(field string) string {
	switch field {
	case "ARN":
		return "arn"
	case "ID":
		return "id"
	}
	return strings.ToLower(field[:1]) + field[1:]
}
