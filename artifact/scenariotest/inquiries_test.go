package scenariotest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// create is a step creating inquiry q as root.
const create = `{"op": "CreateComplianceInquiry", "as": "root", "args": {"ref": "q", "name": "n", "query": "Do you have a SOC 2 report?"}, "expect": "ok"}`

// Inquiry corpora that break the format fail before any scenario runs.
func TestMalformedInquiryCorporaFail(t *testing.T) {
	tests := []struct {
		name, steps, want string
	}{
		{"an unknown argument", `{"op": "CreateComplianceInquiry", "as": "root", "args": {"title": "n"}, "expect": "ok"}`, `unknown field "title"`},
		{"an argument of another op", `{"op": "GetComplianceInquiryMetadata", "as": "root", "args": {"inquiry_id": "compliance-inquiry-0000000000000000", "tags": {}}, "expect": "ok"}`, `argument "tags" is not one of`},
		{"an argument of the wrong type", `{"op": "CreateComplianceInquiry", "as": "root", "args": {"name": "n", "tags": ["team"]}, "expect": "ok"}`, "args"},
		{"an inquiry no step created", `{"op": "GetComplianceInquiryMetadata", "as": "root", "args": {"inquiry": "q"}, "expect": "ok"}`, `inquiry "q" is created by no step before`},
		{"an inquiry whose creation fails", `{"op": "CreateComplianceInquiry", "as": "root", "args": {"ref": "q", "name": "n"}, "expect": {"error": "ValidationException"}},
			{"op": "GetComplianceInquiryMetadata", "as": "root", "args": {"inquiry": "q"}, "expect": "ok"}`, `inquiry "q" is created by no step before`},
		{"a ref taken", create + "," + create, `the ref "q" is taken`},
		{"an inquiry named twice", create + `,{"op": "GetComplianceInquiryMetadata", "as": "root", "args": {"inquiry": "q", "inquiry_id": "compliance-inquiry-0000000000000000"}, "expect": "ok"}`, "name the inquiry once"},
		{"an inquiry named not at all", `{"op": "ListTagsForResource", "as": "root", "args": {}, "expect": "ok"}`, "name the inquiry once"},
		{"an unknown ref in an ARN", `{"op": "ListTagsForResource", "as": "root", "args": {"resourceArn": "${x}"}, "expect": "ok"}`, `resourceArn names inquiry "x"`},
		{"an unknown ref in a denial", `{"op": "ListComplianceInquiries", "as": "nobody", "args": {}, "expect": {"error": "AccessDeniedException", "action": "artifact:ListComplianceInquiries", "resource": "${x}"}}`, `resource names inquiry "x"`},
		{"a caller for the service's step", `{"op": "advance", "as": "root", "args": {"seconds": 1}, "expect": "ok"}`, "no caller"},
		{"an advance of no time", `{"op": "advance", "args": {"seconds": 0}, "expect": "ok"}`, `"seconds" must be at least 1`},
		{"an answer the op does not give", create + `,{"op": "ListTagsForResource", "as": "root", "args": {"inquiry": "q"}, "expect": {"status": "COMPLETED"}}`, `ListTagsForResource answers no "status"`},
		{"an answer with an error", create + `,{"op": "GetComplianceInquiryMetadata", "as": "root", "args": {"inquiry": "q"}, "expect": {"error": "ValidationException", "status": "COMPLETED"}}`, "together with an error"},
		{"a resourceType without its error", create + `,{"op": "GetComplianceInquiryMetadata", "as": "root", "args": {"inquiry": "q"}, "expect": {"error": "ValidationException", "resourceType": "compliance-inquiry"}}`, `"resourceType" goes with`},
		{"an unknown expect field", create + `,{"op": "GetComplianceInquiryMetadata", "as": "root", "args": {"inquiry": "q"}, "expect": {"state": "COMPLETED"}}`, `unknown field "state"`},
		{"same_as an unknown inquiry", `{"op": "CreateComplianceInquiry", "as": "root", "args": {"name": "n", "query": "q"}, "expect": {"same_as": "p"}}`, `same_as "p"`},
		{"a negative processing time", "", "must not be negative"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			corpus := steps(tc.steps)
			if tc.steps == "" {
				corpus = strings.Replace(steps(create), `"steps"`, `"processing_seconds": -1, "steps"`, 1)
			}
			_, err := load([]byte(corpus))
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
		})
	}
	t.Run("RunInquiries without a path runs the kit's corpus", func(t *testing.T) {
		t.Setenv(EnvInquiryCorpus, "")
		scs, source := loadFile(t, "", EnvInquiryCorpus, InquiryCorpus)
		require.Equal(t, "the kit's corpus", source)
		require.GreaterOrEqual(t, len(scs), 20)
	})
}

// A service that answers an inquiry step wrong fails its scenario.
func TestWrongInquiryAnswersFail(t *testing.T) {
	tests := []struct {
		name, steps, want string
	}{
		{"another status", `{"op": "GetComplianceInquiryMetadata", "as": "root", "args": {"inquiry": "q"}, "expect": {"status": "FAILED"}}`, "status"},
		{"another status message", `{"op": "GetComplianceInquiryMetadata", "as": "root", "args": {"inquiry": "q"}, "expect": {"statusMessage": "Done."}}`, "statusMessage"},
		{"other tags", `{"op": "ListTagsForResource", "as": "root", "args": {"inquiry": "q"}, "expect": {"tags": {"team": "grc"}}}`, "tags"},
		{"another listing", `{"op": "ListComplianceInquiries", "as": "root", "args": {}, "expect": {"inquiries": []}}`, "the inquiries listed"},
		{"another query", `{"op": "ListComplianceInquiryQueries", "as": "root", "args": {"inquiry": "q"}, "expect": {"queries": [{"id": 1, "reviewType": "HUMAN"}]}}`, "query 1"},
		{"other citations", `{"op": "ListComplianceInquiryQueries", "as": "root", "args": {"inquiry": "q"}, "expect": {"queries": [{"id": 1, "citations": []}]}}`, "citations"},
		{"another denial resource", `{"op": "GetComplianceInquiryMetadata", "as": "nobody", "args": {"inquiry": "q"}, "expect": {"error": "AccessDeniedException", "action": "artifact:GetComplianceInquiryMetadata", "resource": "*"}}`, "the resource the denial names"},
		{"another resource type", `{"op": "GetComplianceInquiryMetadata", "as": "root", "args": {"inquiry_id": "compliance-inquiry-0000000000000000"}, "expect": {"error": "ResourceNotFoundException", "resourceType": "report"}}`, "resourceType"},
		{"another export", `{"op": "ExportComplianceInquiry", "as": "root", "args": {"inquiry": "q"}, "expect": {"exported": [2]}}`, "the queries exported"},
		{"other changes", `{"op": "process", "args": {}, "expect": {"changed": 3}}`, "the inquiries moved on"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			scs, err := load([]byte(steps(create + "," + tc.steps)))
			require.NoError(t, err)
			r := record(t, func(tb testing.TB) { runScenario(tb, scs[0], nil) })
			require.True(t, r.Failed(), "the runner lets a wrong answer pass")
			require.Contains(t, strings.Join(r.msgs, "\n"), tc.want)
		})
	}
}
