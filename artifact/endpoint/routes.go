package endpoint

import (
	"context"
	"net/http"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
)

// The route table: one entry per operation, with its method, path and
// success status from AWS's model (botocore artifact 2018-05-10
// service-2.json of 2026: the reports, settings, customer agreements,
// compliance inquiries and tagging; the seven agreement operations from
// the API reference),
// and how the request becomes a call of the service. Members of a GET
// travel in the query string, members of a POST or PUT in the JSON body,
// as restJson1 places members the model binds nowhere else.

// operation is one entry of the route table.
type operation struct {
	name   string
	method string
	path   string
	status int
	serve  func(*request) (any, error)
}

// op makes an entry of an operation answering status with the output of
// serve.
func op[Out any](name, method, path string, status int, serve func(*request) (*Out, error)) operation {
	return operation{name: name, method: method, path: path, status: status, serve: func(r *request) (any, error) {
		out, err := serve(r)
		if err != nil {
			return nil, err
		}
		return out, nil
	}}
}

// call calls the service's operation f with in, unless a member could not
// be read.
func call[In, Out any](r *request, in In, f func(*artifact.Service, context.Context, *artifact.Caller, In) (*Out, error)) (*Out, error) {
	if err := r.err(); err != nil {
		return nil, err
	}
	return f(r.svc, r.ctx, r.caller, in)
}

// body decodes the request's JSON body into a new In and calls f with it.
func body[In any, PIn interface {
	*In
	UnmarshalJSON([]byte) error
}, Out any](r *request, f func(*artifact.Service, context.Context, *artifact.Caller, In) (*Out, error)) (*Out, error) {
	var in In
	r.decode(PIn(&in))
	return call(r, in, f)
}

const (
	get  = http.MethodGet
	post = http.MethodPost
	put  = http.MethodPut
	del  = http.MethodDelete
)

var operations = []operation{
	// Reports.
	op("ListReports", get, "/v1/report/list", http.StatusOK, func(r *request) (*artifact.ListReportsOutput, error) {
		return call(r, artifact.ListReportsInput{MaxResults: r.maxResults(), NextToken: r.str("nextToken")}, (*artifact.Service).ListReports)
	}),
	op("ListReportVersions", get, "/v1/report/listVersions", http.StatusOK, func(r *request) (*artifact.ListReportVersionsOutput, error) {
		return call(r, artifact.ListReportVersionsInput{ReportID: r.str("reportId"), MaxResults: r.maxResults(), NextToken: r.str("nextToken")},
			(*artifact.Service).ListReportVersions)
	}),
	op("GetReportMetadata", get, "/v1/report/getMetadata", http.StatusOK, func(r *request) (*artifact.GetReportMetadataOutput, error) {
		return call(r, artifact.GetReportMetadataInput{ReportID: r.str("reportId"), ReportVersion: r.version("reportVersion")},
			(*artifact.Service).GetReportMetadata)
	}),
	op("GetTermForReport", get, "/v1/report/getTermForReport", http.StatusOK, func(r *request) (*artifact.GetTermForReportOutput, error) {
		return call(r, artifact.GetTermForReportInput{ReportID: r.str("reportId"), ReportVersion: r.version("reportVersion")},
			(*artifact.Service).GetTermForReport)
	}),
	op("GetReport", get, "/v1/report/get", http.StatusOK, func(r *request) (*artifact.GetReportOutput, error) {
		return call(r, artifact.GetReportInput{ReportID: r.str("reportId"), ReportVersion: r.version("reportVersion"), TermToken: r.str("termToken")},
			(*artifact.Service).GetReport)
	}),

	// Account settings.
	op("GetAccountSettings", get, "/v1/account-settings/get", http.StatusOK, func(r *request) (*artifact.GetAccountSettingsOutput, error) {
		return r.svc.GetAccountSettings(r.ctx, r.caller)
	}),
	op("PutAccountSettings", put, "/v1/account-settings/put", http.StatusOK, func(r *request) (*artifact.PutAccountSettingsOutput, error) {
		return body(r, (*artifact.Service).PutAccountSettings)
	}),

	// Customer agreements.
	op("ListCustomerAgreements", get, "/v1/customer-agreement/list", http.StatusOK, func(r *request) (*artifact.ListCustomerAgreementsOutput, error) {
		return call(r, artifact.ListCustomerAgreementsInput{MaxResults: r.maxResults(), NextToken: r.str("nextToken")},
			(*artifact.Service).ListCustomerAgreements)
	}),

	// The agreement operations of the API reference, which the SDK's model
	// does not have (api.md §1b).
	op("ListAgreements", get, "/v1/agreement/list", http.StatusOK, func(r *request) (*artifact.ListAgreementsOutput, error) {
		return call(r, artifact.ListAgreementsInput{MaxResults: r.maxResults(), NextToken: r.str("nextToken")}, (*artifact.Service).ListAgreements)
	}),
	op("GetNdaForAgreement", get, "/v1/agreement/getNdaForAgreement", http.StatusOK, func(r *request) (*artifact.GetNdaForAgreementOutput, error) {
		return call(r, artifact.GetNdaForAgreementInput{AgreementID: agreement.ID(r.str("agreementId"))}, (*artifact.Service).GetNdaForAgreement)
	}),
	op("AcceptNdaForAgreement", post, "/v1/agreement/acceptNdaForAgreement", http.StatusOK, func(r *request) (*artifact.AcceptNdaForAgreementOutput, error) {
		return body(r, (*artifact.Service).AcceptNdaForAgreement)
	}),
	op("GetAgreement", get, "/v1/agreement/get", http.StatusOK, func(r *request) (*artifact.GetAgreementOutput, error) {
		return call(r, artifact.GetAgreementInput{AgreementID: agreement.ID(r.str("agreementId")), NdaToken: r.str("ndaToken")},
			(*artifact.Service).GetAgreement)
	}),
	op("AcceptAgreement", post, "/v1/agreement/accept", http.StatusOK, func(r *request) (*artifact.AcceptAgreementOutput, error) {
		return body(r, (*artifact.Service).AcceptAgreement)
	}),
	op("GetCustomerAgreement", get, "/v1/customer-agreement/get", http.StatusOK, func(r *request) (*artifact.GetCustomerAgreementOutput, error) {
		return call(r, artifact.GetCustomerAgreementInput{CustomerAgreementID: agreement.CustomerAgreementID(r.str("customerAgreementId"))},
			(*artifact.Service).GetCustomerAgreement)
	}),
	op("TerminateAgreement", post, "/v1/customer-agreement/terminate", http.StatusOK, func(r *request) (*artifact.TerminateAgreementOutput, error) {
		return body(r, (*artifact.Service).TerminateAgreement)
	}),

	// Compliance inquiries.
	op("CreateComplianceInquiry", post, "/v1/compliance-inquiry/create", http.StatusAccepted, func(r *request) (*artifact.CreateComplianceInquiryOutput, error) {
		return body(r, (*artifact.Service).CreateComplianceInquiry)
	}),
	op("GetComplianceInquiryMetadata", get, "/v1/compliance-inquiry/getMetadata", http.StatusOK, func(r *request) (*artifact.GetComplianceInquiryMetadataOutput, error) {
		return call(r, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: inquiry.ID(r.str("complianceInquiryId"))},
			(*artifact.Service).GetComplianceInquiryMetadata)
	}),
	op("ListComplianceInquiries", get, "/v1/compliance-inquiry/list", http.StatusOK, func(r *request) (*artifact.ListComplianceInquiriesOutput, error) {
		return call(r, artifact.ListComplianceInquiriesInput{MaxResults: r.maxResults(), NextToken: r.str("nextToken")},
			(*artifact.Service).ListComplianceInquiries)
	}),
	op("ListComplianceInquiryQueries", get, "/v1/compliance-inquiry/listQueries", http.StatusOK, func(r *request) (*artifact.ListComplianceInquiryQueriesOutput, error) {
		return call(r, artifact.ListComplianceInquiryQueriesInput{ComplianceInquiryID: inquiry.ID(r.str("complianceInquiryId")),
			MaxResults: r.maxResults(), NextToken: r.str("nextToken")}, (*artifact.Service).ListComplianceInquiryQueries)
	}),
	op("ExportComplianceInquiry", post, "/v1/compliance-inquiry/export", http.StatusOK, func(r *request) (*artifact.ExportComplianceInquiryOutput, error) {
		return body(r, (*artifact.Service).ExportComplianceInquiry)
	}),
	op("PutComplianceInquiryFeedback", put, "/v1/compliance-inquiry/putFeedback", http.StatusOK, func(r *request) (*artifact.PutComplianceInquiryFeedbackOutput, error) {
		return body(r, (*artifact.Service).PutComplianceInquiryFeedback)
	}),

	// Tagging: the resource's ARN is the path's label.
	op("ListTagsForResource", get, "/tags/{resourceArn}", http.StatusOK, func(r *request) (*artifact.ListTagsForResourceOutput, error) {
		return call(r, artifact.ListTagsForResourceInput{ResourceARN: r.label}, (*artifact.Service).ListTagsForResource)
	}),
	op("TagResource", post, "/tags/{resourceArn}", http.StatusNoContent, func(r *request) (*artifact.TagResourceOutput, error) {
		var in artifact.TagResourceInput
		r.decode(&in)
		in.ResourceARN = r.label
		return call(r, in, (*artifact.Service).TagResource)
	}),
	op("UntagResource", del, "/tags/{resourceArn}", http.StatusNoContent, func(r *request) (*artifact.UntagResourceOutput, error) {
		return call(r, artifact.UntagResourceInput{ResourceARN: r.label, TagKeys: r.query.all("tagKeys")}, (*artifact.Service).UntagResource)
	}),
}
