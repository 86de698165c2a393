package artifact_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
)

// The compliance inquiry corpus, testdata/inquiries.json, in the format of
// service.json extended for the nine inquiry and tagging operations
// (testdata/inquiries.md). INQUIRY_SCENARIOS names another file of the
// same format to run instead. Its scenarios run through the service
// runner: same world, same callers, same checks (one audit record per
// call, the error types, the denial's action and resource).

// inquiryArgs are the arguments of the inquiry steps.
type inquiryArgs struct {
	// Ref names the inquiry a CreateComplianceInquiry creates, for the
	// steps after it; Inquiry names one created before, InquiryID an
	// inquiry by its id (one that does not exist, or is malformed).
	Ref       string `json:"ref"`
	Inquiry   string `json:"inquiry"`
	InquiryID string `json:"inquiry_id"`
	// ResourceARN names the resource of a tagging step by ARN; "${ref}"
	// in it is the ARN of inquiry ref.
	ResourceARN string `json:"resourceArn"`

	Name             string            `json:"name"`
	Query            string            `json:"query"`
	File             *string           `json:"file"`
	Sections         []string          `json:"sections"`
	SupportMode      string            `json:"supportMode"`
	Tags             map[string]string `json:"tags"`
	TagKeys          []string          `json:"tagKeys"`
	ClientToken      string            `json:"clientToken"`
	QueryIdentifier  int               `json:"queryIdentifier"`
	QueryIdentifiers []int             `json:"queryIdentifiers"`
	IncludeCitations bool              `json:"includeCitations"`
	Rating           string            `json:"rating"`
	RevisionID       int               `json:"responseRevisionId"`
	ReasonCodes      []string          `json:"reasonCodes"`
	Comment          string            `json:"comment"`
	// Seconds is how far an "advance" step moves the clock; Response is a
	// reviewer's answer ("review").
	Seconds  int    `json:"seconds"`
	Response string `json:"response"`
}

// inquiryExpect is what a successful inquiry step must answer; fields left
// out are not compared.
type inquiryExpect struct {
	Status        string            `json:"status"`
	StatusMessage string            `json:"statusMessage"`
	InputSource   string            `json:"inputSource"`
	SupportMode   string            `json:"supportMode"`
	Tags          map[string]string `json:"tags"`
	// SameAs: the inquiry answered is the one created as that ref.
	SameAs    string        `json:"same_as"`
	Inquiries []string      `json:"inquiries"`
	Queries   []queryExpect `json:"queries"`
	Exported  []int         `json:"exported"`
	Changed   *int          `json:"changed"`
	Contains  []string      `json:"document_contains"`
}

type queryExpect struct {
	ID               int      `json:"id"`
	Status           string   `json:"status"`
	StatusMessage    string   `json:"statusMessage"`
	ReviewType       string   `json:"reviewType"`
	Section          string   `json:"section"`
	ResponseContains string   `json:"response_contains"`
	Citations        []string `json:"citations"`
	Revisions        int      `json:"revisions"`
}

// isServiceStep reports whether op is taken by the service's own side (no
// caller): the clock, the processing schedule, AWS's human reviewers.
func isServiceStep(op string) bool {
	switch op {
	case "advance", "process", "review", "complete_review":
		return true
	}
	return false
}

// expand replaces "${ref}" in s by the ARN of inquiry ref.
func (tk *tokens) expand(s string) string {
	for ref, in := range tk.inquiries {
		s = strings.ReplaceAll(s, "${"+ref+"}", in.ARN)
	}
	return s
}

// inquiryID returns the id a step names.
func (tk *tokens) inquiryID(t *testing.T, a inquiryArgs) inquiry.ID {
	t.Helper()
	if a.InquiryID != "" {
		return inquiry.ID(a.InquiryID)
	}
	in, ok := tk.inquiries[a.Inquiry]
	require.True(t, ok, "unknown inquiry ref %q", a.Inquiry)
	return in.ID
}

func TestInquiryScenarios(t *testing.T) {
	path := os.Getenv("INQUIRY_SCENARIOS")
	if path == "" {
		path = "testdata/inquiries.json"
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var all []serviceScenario
	require.NoError(t, json.Unmarshal(data, &all))
	require.NotEmpty(t, all)
	for _, sc := range all {
		t.Run(sc.Name, func(t *testing.T) { runServiceScenario(t, sc) })
	}
}

// runInquiryStep performs st when it is an inquiry step, checks what it
// answered against st.Expect when it succeeded, and reports whether it
// was one.
func runInquiryStep(ctx context.Context, t *testing.T, svc *artifact.Service, c *artifact.Caller, st serviceStep, tk *tokens) (bool, error) {
	t.Helper()
	a := st.Args.inquiryArgs
	var want inquiryExpect
	if len(st.Expect) > 0 && string(st.Expect) != `"ok"` {
		require.NoError(t, json.Unmarshal(st.Expect, &want))
	}
	check := func(err error, in *inquiry.Inquiry, tags inquiry.Tags) (bool, error) {
		if err != nil || in == nil {
			return true, err
		}
		if want.Status != "" {
			require.Equal(t, want.Status, string(in.Status), "%s: status (%s)", st.Op, in.Reason)
		}
		if want.StatusMessage != "" {
			require.Equal(t, want.StatusMessage, string(in.StatusMessage), "%s: statusMessage", st.Op)
		}
		if want.InputSource != "" {
			require.Equal(t, want.InputSource, string(in.InputSource))
		}
		if want.SupportMode != "" {
			require.Equal(t, want.SupportMode, string(in.SupportMode))
		}
		if want.Tags != nil {
			require.Empty(t, cmp.Diff(want.Tags, map[string]string(tags.Clone()), cmpEmptyMaps), "%s: tags", st.Op)
		}
		if want.SameAs != "" {
			require.Equal(t, tk.inquiries[want.SameAs].ID, in.ID, "%s: same inquiry as %s", st.Op, want.SameAs)
		}
		return true, nil
	}
	account := aws.AccountID(scenarioAccount)
	switch st.Op {
	case "CreateComplianceInquiry":
		in := artifact.CreateComplianceInquiryInput{Name: a.Name, ClientToken: a.ClientToken,
			SupportMode: inquiry.SupportMode(a.SupportMode), Tags: a.Tags}
		in.InquiryContent.Query = a.Query
		if a.File != nil {
			in.InquiryContent.FileContent = &artifact.InquiryFileContent{Content: []byte(*a.File), FileSections: a.Sections}
		}
		out, err := svc.CreateComplianceInquiry(ctx, c, in)
		if err != nil {
			return true, err
		}
		if a.Ref != "" {
			tk.inquiries[a.Ref] = out.ComplianceInquirySummary
		}
		return check(nil, &out.ComplianceInquirySummary, out.Tags)
	case "GetComplianceInquiryMetadata":
		out, err := svc.GetComplianceInquiryMetadata(ctx, c, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: tk.inquiryID(t, a)})
		if err != nil {
			return true, err
		}
		return check(nil, &out.ComplianceInquiryDetail, out.Tags)
	case "ListComplianceInquiries":
		var got []string
		in := artifact.ListComplianceInquiriesInput{MaxResults: 1}
		for {
			out, err := svc.ListComplianceInquiries(ctx, c, in)
			if err != nil {
				return true, err
			}
			for _, x := range out.ComplianceInquiries {
				got = append(got, tk.refOf(x.ID))
			}
			if out.NextToken == "" {
				break
			}
			in.NextToken = out.NextToken
			tk.calls++
		}
		if want.Inquiries != nil {
			require.Empty(t, cmp.Diff(want.Inquiries, got, cmpEmptySlices), "ListComplianceInquiries: oldest first")
		}
		return true, nil
	case "ListComplianceInquiryQueries":
		var got []inquiry.Query
		in := artifact.ListComplianceInquiryQueriesInput{ComplianceInquiryID: tk.inquiryID(t, a), MaxResults: 2}
		for {
			out, err := svc.ListComplianceInquiryQueries(ctx, c, in)
			if err != nil {
				return true, err
			}
			got = append(got, out.Queries...)
			if out.NextToken == "" {
				break
			}
			in.NextToken = out.NextToken
			tk.calls++
		}
		if want.Queries != nil {
			require.Len(t, got, len(want.Queries), "ListComplianceInquiryQueries")
			for i, w := range want.Queries {
				checkQuery(t, w, got[i])
			}
		}
		return true, nil
	case "ExportComplianceInquiry":
		out, err := svc.ExportComplianceInquiry(ctx, c, artifact.ExportComplianceInquiryInput{ComplianceInquiryID: tk.inquiryID(t, a),
			QueryIdentifiers: a.QueryIdentifiers, IncludeCitations: a.IncludeCitations})
		if err != nil {
			return true, err
		}
		require.NotEmpty(t, out.DocumentPresignedURL)
		if want.Exported != nil {
			require.Equal(t, want.Exported, out.Document.Queries)
		}
		for _, s := range want.Contains {
			require.Contains(t, string(out.Document.Content), s)
		}
		return check(nil, nil, nil)
	case "PutComplianceInquiryFeedback":
		codes := make([]inquiry.ReasonCode, len(a.ReasonCodes))
		for i, r := range a.ReasonCodes {
			codes[i] = inquiry.ReasonCode(r)
		}
		_, err := svc.PutComplianceInquiryFeedback(ctx, c, artifact.PutComplianceInquiryFeedbackInput{ComplianceInquiryID: tk.inquiryID(t, a),
			QueryIdentifier: a.QueryIdentifier, Rating: inquiry.Rating(a.Rating), ResponseRevisionID: a.RevisionID,
			ReasonCodes: codes, Comment: a.Comment, ClientToken: a.ClientToken})
		return true, err
	case "TagResource":
		_, err := svc.TagResource(ctx, c, artifact.TagResourceInput{ResourceARN: tk.resourceARN(t, a), Tags: a.Tags})
		return true, err
	case "UntagResource":
		_, err := svc.UntagResource(ctx, c, artifact.UntagResourceInput{ResourceARN: tk.resourceARN(t, a), TagKeys: a.TagKeys})
		return true, err
	case "ListTagsForResource":
		out, err := svc.ListTagsForResource(ctx, c, artifact.ListTagsForResourceInput{ResourceARN: tk.resourceARN(t, a)})
		if err != nil {
			return true, err
		}
		if want.Tags != nil {
			require.Empty(t, cmp.Diff(want.Tags, map[string]string(out.Tags), cmpEmptyMaps), "ListTagsForResource")
		}
		return true, nil
	case "advance":
		require.Positive(t, a.Seconds, "advance: seconds")
		tk.clock.Advance(time.Duration(a.Seconds) * time.Second)
		tk.calls = 0
		return true, nil
	case "process":
		n, err := svc.AdvanceComplianceInquiries(ctx)
		if err == nil && want.Changed != nil {
			require.Equal(t, *want.Changed, n, "process: inquiries changed")
		}
		return true, err
	case "review":
		_, err := svc.ReviewComplianceInquiryQuery(ctx, account, tk.inquiryID(t, a), a.QueryIdentifier, inquiry.Revision{Response: a.Response})
		return true, err
	case "complete_review":
		in, err := svc.CompleteComplianceInquiryReview(ctx, account, tk.inquiryID(t, a))
		if err != nil {
			return true, err
		}
		return check(nil, &in, in.Tags)
	}
	return false, nil
}

var (
	cmpEmptyMaps   = cmp.Transformer("emptyMap", func(m map[string]string) map[string]string { return mapOrEmpty(m) })
	cmpEmptySlices = cmp.Transformer("emptySlice", func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	})
)

func mapOrEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// refOf returns the ref of the inquiry id, or the id itself.
func (tk *tokens) refOf(id inquiry.ID) string {
	for ref, in := range tk.inquiries {
		if in.ID == id {
			return ref
		}
	}
	return string(id)
}

// resourceARN returns the ARN a tagging step names.
func (tk *tokens) resourceARN(t *testing.T, a inquiryArgs) string {
	t.Helper()
	if a.ResourceARN != "" {
		return tk.expand(a.ResourceARN)
	}
	in, ok := tk.inquiries[a.Inquiry]
	require.True(t, ok, "unknown inquiry ref %q", a.Inquiry)
	return in.ARN
}

func checkQuery(t *testing.T, w queryExpect, q inquiry.Query) {
	t.Helper()
	require.Equal(t, w.ID, q.Identifier)
	if w.Status != "" {
		require.Equal(t, w.Status, string(q.Status), "query %d (%s)", q.Identifier, q.Reason)
	}
	if w.StatusMessage != "" {
		require.Equal(t, w.StatusMessage, string(q.StatusMessage), "query %d", q.Identifier)
	}
	if w.ReviewType != "" {
		require.Equal(t, w.ReviewType, string(q.ReviewType), "query %d", q.Identifier)
	}
	if w.Section != "" {
		require.Equal(t, w.Section, q.Section, "query %d", q.Identifier)
	}
	if w.ResponseContains != "" {
		require.Contains(t, q.Response, w.ResponseContains, "query %d", q.Identifier)
	}
	if w.Citations != nil {
		var links []string
		for _, c := range q.Citations {
			links = append(links, c.SourceLink)
		}
		require.Empty(t, cmp.Diff(w.Citations, links, cmpEmptySlices), "query %d citations", q.Identifier)
	}
	if w.Revisions != 0 {
		require.Equal(t, w.Revisions, q.Revision(), "query %d revisions", q.Identifier)
	}
}
