package endpoint_test

import (
	"encoding/base64"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The compliance inquiry operations over HTTP: created (202), read,
// listed page by page, queried, exported and rated, in AWS's shapes.
func TestComplianceInquiryOperations(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.as("clinical-root")

	created := requireOK(t, c.call("CreateComplianceInquiry", map[string]any{
		"name":           "Vendor review",
		"inquiryContent": map[string]any{"query": "Do you have a SOC 2 report?"},
		"clientToken":    "tok-1",
		"tags":           map[string]string{"team": "grc"},
	}), 202)
	summary := created["complianceInquirySummary"].(map[string]any)
	require.ElementsMatch(t, []string{"arn", "name", "id", "status", "statusMessage", "inputSource", "createdAt"}, keys(summary))
	require.Equal(t, "PROCESSING", summary["status"])
	require.Equal(t, map[string]any{"team": "grc"}, created["tags"])
	id := summary["id"].(string)

	f.world.Clock.Advance(time.Second) // so that the listing's order is the creations'
	file := "Question\nDo you have a PCI report?\nIs S3 HIPAA eligible?\n"
	requireOK(t, c.call("CreateComplianceInquiry", map[string]any{
		"name":           "Questionnaire",
		"inquiryContent": map[string]any{"fileContent": map[string]any{"content": base64.StdEncoding.EncodeToString([]byte(file))}},
	}), 202)

	meta := requireOK(t, c.call("GetComplianceInquiryMetadata", map[string]any{"complianceInquiryId": id}), 200)
	detail := meta["complianceInquiryDetail"].(map[string]any)
	require.Equal(t, "COMPLETED", detail["status"], "processed at the first look")
	require.Contains(t, detail, "updatedAt")
	require.Equal(t, "AI_ONLY", detail["supportMode"])

	var listed []string
	token := ""
	for {
		in := map[string]any{"maxResults": 1}
		if token != "" {
			in["nextToken"] = token
		}
		page := requireOK(t, c.call("ListComplianceInquiries", in), 200)
		for _, it := range page["complianceInquiries"].([]any) {
			listed = append(listed, it.(map[string]any)["id"].(string))
		}
		next, _ := page["nextToken"].(string)
		if next == "" {
			break
		}
		token = next
	}
	require.Len(t, listed, 2)
	require.Equal(t, id, listed[0], "oldest first")

	queries := requireOK(t, c.call("ListComplianceInquiryQueries", map[string]any{"complianceInquiryId": id}), 200)
	q := queries["queries"].([]any)[0].(map[string]any)
	require.Equal(t, float64(1), q["queryIdentifier"])
	require.Equal(t, "COMPLETED", q["status"])
	require.NotEmpty(t, q["citations"])
	version := q["updatedResponseVersions"].([]any)[0].(map[string]any)
	require.ElementsMatch(t, []string{"responseText", "timestamp"}, keys(version))

	export := requireOK(t, c.call("ExportComplianceInquiry", map[string]any{"complianceInquiryId": id, "includeCitations": true}), 200)
	require.NotEmpty(t, export["documentPresignedUrl"])
	require.Equal(t, map[string]any{"team": "grc"}, export["tags"])

	rated := requireOK(t, c.call("PutComplianceInquiryFeedback", map[string]any{"complianceInquiryId": id, "queryIdentifier": 1,
		"rating": "THUMBS_UP"}), 200)
	require.Contains(t, rated, "submittedAt")

	body := requireError(t, c.call("GetComplianceInquiryMetadata", map[string]any{"complianceInquiryId": "compliance-inquiry-zzzzzzzzzzzzzzzz"}),
		404, "ResourceNotFoundException")
	require.Equal(t, "compliance-inquiry", body["resourceType"])
}

// The tagging operations: the resource's ARN in the path (escaped as the
// SDKs escape a label), tags in the body, tag keys in the query string,
// 204 and no body for TagResource and UntagResource.
func TestTaggingOperations(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.as("clinical-root")
	created := requireOK(t, c.call("CreateComplianceInquiry", map[string]any{
		"name": "Tagged", "inquiryContent": map[string]any{"query": "Is S3 HIPAA eligible?"}}), 202)
	arn := created["complianceInquirySummary"].(map[string]any)["arn"].(string)

	require.Equal(t, map[string]any{"tags": map[string]any{}}, requireOK(t, c.call("ListTagsForResource", map[string]any{"resourceArn": arn}), 200))

	res := c.call("TagResource", map[string]any{"resourceArn": arn, "tags": map[string]string{"team": "grc", "stage": "draft"}})
	require.Equal(t, 204, res.status, string(res.body))
	require.Empty(t, res.body)
	require.NotEmpty(t, res.header.Get("X-Amzn-Requestid"))
	require.Equal(t, map[string]any{"tags": map[string]any{"team": "grc", "stage": "draft"}},
		requireOK(t, c.call("ListTagsForResource", map[string]any{"resourceArn": arn}), 200))

	// The label escaped as botocore escapes it (every reserved character).
	escaped := "/tags/" + url.QueryEscape(arn)
	requireOK(t, c.do("GET", escaped, nil, nil), 200)

	res = c.call("UntagResource", map[string]any{"resourceArn": arn, "tagKeys": []string{"stage", "absent"}})
	require.Equal(t, 204, res.status, string(res.body))
	require.Equal(t, map[string]any{"tags": map[string]any{"team": "grc"}},
		requireOK(t, c.call("ListTagsForResource", map[string]any{"resourceArn": arn}), 200))

	body := requireError(t, c.call("ListTagsForResource", map[string]any{"resourceArn": "arn:aws:artifact:us-east-1:111122223333:compliance-inquiry/compliance-inquiry-zzzzzzzzzzzzzzzz"}),
		404, "ResourceNotFoundException")
	require.Equal(t, "compliance-inquiry", body["resourceType"])
	requireError(t, c.call("ListTagsForResource", map[string]any{"resourceArn": "not-an-arn"}), 400, "ValidationException")
	requireError(t, c.do("GET", "/tags/", nil, nil), 400, "ValidationException")

	// tags is a required member of TagResource: a body without it is
	// refused, one with an empty map adds nothing.
	body = requireError(t, c.call("TagResource", map[string]any{"resourceArn": arn}), 400, "ValidationException")
	require.Equal(t, "fieldValidationFailed", body["reason"])
	require.Equal(t, "tags", body["fieldList"].([]any)[0].(map[string]any)["name"])
	res = c.call("TagResource", map[string]any{"resourceArn": arn, "tags": map[string]string{}})
	require.Equal(t, 204, res.status, string(res.body))
}
