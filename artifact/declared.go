package artifact

// The error types AWS declares for each operation of the AWS Artifact API:
// an operation answers only these. The sets are copied
// from AWS's service model (the "errors" of each operation in
// botocore/data/artifact/2018-05-10/service-2.json, model of 2026-07-24)
// and, for the seven agreement operations that model lacks, from the API
// Reference (https://docs.aws.amazon.com/artifact/latest/APIReference/API_Operations.html),
// which declares no ConflictException for any of them. The test
// TestDeclaredErrorsAreAWSs holds this table to testdata/declared-errors.json,
// a copy of those sources.

// errorSet is a set of AWS error types.
type errorSet uint8

// The seven error types, one bit each.
const (
	accessDenied errorSet = 1 << iota
	conflict
	internalServer
	resourceNotFound
	serviceQuotaExceeded
	throttling
	validation
)

// Three sets that recur in AWS's model, under names of this project's own
// (the labels of its notes on AWS's API, not AWS's): e7 every type, e6 all
// but ConflictException, e4 the four every operation may answer.
const (
	e4 = accessDenied | internalServer | throttling | validation
	e6 = e4 | resourceNotFound | serviceQuotaExceeded
	e7 = e6 | conflict
)

// declaredErrors are the error types each AWS operation declares, by the
// operation's name (the audit trail's event name). Operations of the
// service that are not AWS Artifact's (the notification configuration of
// AWS User Notifications, the administrative side) are not listed and may
// answer any of the seven.
var declaredErrors = map[string]errorSet{
	// Account settings.
	"GetAccountSettings": e7,
	"PutAccountSettings": e7,
	// Reports.
	"ListReports":        e6,
	"ListReportVersions": e6,
	"GetReportMetadata":  e6,
	"GetTermForReport":   e7,
	"GetReport":          e7,
	// Agreements: the model has ListCustomerAgreements; the API Reference
	// the other seven.
	"ListCustomerAgreements": e4,
	"ListAgreements":         e6,
	"GetNdaForAgreement":     e6,
	"AcceptNdaForAgreement":  e6,
	"GetAgreement":           e6,
	"AcceptAgreement":        e6,
	"GetCustomerAgreement":   e6,
	"TerminateAgreement":     e6,
	// Compliance inquiries and their tags.
	"CreateComplianceInquiry":      e4 | conflict,
	"ExportComplianceInquiry":      e4 | resourceNotFound,
	"GetComplianceInquiryMetadata": e4 | resourceNotFound,
	"ListComplianceInquiries":      e4 | resourceNotFound,
	"ListComplianceInquiryQueries": e4 | resourceNotFound,
	"PutComplianceInquiryFeedback": e4 | resourceNotFound | conflict,
	"ListTagsForResource":          e4 | resourceNotFound,
	"TagResource":                  e4 | resourceNotFound,
	"UntagResource":                e4 | resourceNotFound,
}

// errorTypeOf returns the bit of an APIError's type.
func errorTypeOf(e APIError) errorSet {
	switch e.(type) {
	case *AccessDeniedException:
		return accessDenied
	case *ConflictException:
		return conflict
	case *InternalServerException:
		return internalServer
	case *ResourceNotFoundException:
		return resourceNotFound
	case *ServiceQuotaExceededException:
		return serviceQuotaExceeded
	case *ThrottlingException:
		return throttling
	case *ValidationException:
		return validation
	}
	return 0
}

// declares reports whether operation op may answer an error of e's type:
// always for an operation that is not AWS's.
func declares(op string, e APIError) bool {
	set, ok := declaredErrors[op]
	return !ok || set&errorTypeOf(e) != 0
}
