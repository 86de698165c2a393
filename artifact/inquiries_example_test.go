package artifact_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/policy"
)

// A compliance analyst asks a question; the answer cites the report
// version it came from.
func ExampleService_CreateComplianceInquiry() {
	ctx := context.Background()
	svc := exampleService()
	analyst, _ := artifact.NewCaller(artifact.Identity{Account: "111122223333", Principal: "root"})

	out, err := svc.CreateComplianceInquiry(ctx, analyst, artifact.CreateComplianceInquiryInput{
		Name:           "Vendor review",
		InquiryContent: artifact.InquiryContent{Query: "Do you have a SOC 2 Type II report?"},
		Tags:           inquiry.Tags{"team": "grc"},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(out.ComplianceInquirySummary.Status)

	// Processing is due at once: the next read answers it.
	id := out.ComplianceInquirySummary.ID
	got, _ := svc.GetComplianceInquiryMetadata(ctx, analyst, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: id})
	fmt.Println(got.ComplianceInquiryDetail.StatusMessage)
	qs, _ := svc.ListComplianceInquiryQueries(ctx, analyst, artifact.ListComplianceInquiryQueriesInput{ComplianceInquiryID: id})
	fmt.Println(qs.Queries[0].Citations[0].SourceLink)
	// Output:
	// PROCESSING
	// Compliance inquiry processing is complete.
	// arn:aws:artifact:us-east-1::report/report-jRVRFP8HxUN5zpPh:1
}

// Attribute-based access control: a principal reads only the inquiries
// tagged with its own team.
func ExampleService_TagResource() {
	ctx := context.Background()
	svc := exampleService()
	root, _ := artifact.NewCaller(artifact.Identity{Account: "111122223333", Principal: "root"})
	alice, _ := artifact.NewCaller(artifact.Identity{
		Account:   "111122223333",
		Principal: "arn:aws:iam::111122223333:role/alice",
		Policies: []*policy.Document{policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
			"Action":"artifact:GetComplianceInquiryMetadata","Resource":"*",
			"Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}]}`), policy.Identity)},
		Context: map[string][]string{"aws:PrincipalTag/team": {"grc"}},
	})
	out, _ := svc.CreateComplianceInquiry(ctx, root, artifact.CreateComplianceInquiryInput{Name: "n",
		InquiryContent: artifact.InquiryContent{Query: "Are you PCI DSS compliant?"}, Tags: inquiry.Tags{"team": "ops"}})
	in := artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: out.ComplianceInquirySummary.ID}

	_, err := svc.GetComplianceInquiryMetadata(ctx, alice, in)
	var denied *artifact.AccessDeniedException
	fmt.Println(errors.As(err, &denied))

	_, _ = svc.TagResource(ctx, root, artifact.TagResourceInput{ResourceARN: out.ComplianceInquirySummary.ARN, Tags: inquiry.Tags{"team": "grc"}})
	_, err = svc.GetComplianceInquiryMetadata(ctx, alice, in)
	fmt.Println(err)
	// Output:
	// true
	// <nil>
}
