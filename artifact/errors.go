package artifact

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
)

// APIError is implemented by the seven error types of the AWS Artifact API
// (AccessDeniedException, ConflictException, InternalServerException,
// ResourceNotFoundException, ServiceQuotaExceededException,
// ThrottlingException, ValidationException). Every error the Service
// returns is one of them; match a type with errors.As and the domain cause
// beneath it (agreement.ErrNDARequired, ...) with errors.Is.
type APIError interface {
	error
	// ErrorCode returns the AWS error type name, e.g.
	// "AccessDeniedException".
	ErrorCode() string
	// HTTPStatusCode returns the status AWS answers with.
	HTTPStatusCode() int
}

// AccessDeniedException is returned when the caller's policies do not allow
// the call (HTTP 403). Its message reads like CloudTrail's ("User: <arn> is
// not authorized to perform: <action> on resource: <arn>"), and Console
// says which permission was missing in the console's words (G4).
type AccessDeniedException struct {
	// Message says what was denied (AWS member message).
	Message string
	// Principal, Action and Resource are what was evaluated: the caller's
	// ARN, the IAM action (e.g. "artifact:AcceptAgreement") and the
	// resource ARN ("*" for actions on no resource).
	Principal string
	// Action is the IAM action evaluated.
	Action string
	// Resource is the resource ARN evaluated, "*" for none.
	Resource string
	// ExplicitDeny is set when a Deny statement decided, not the absence
	// of an Allow.
	ExplicitDeny bool
	// Console is the console's troubleshooting message for the missing
	// permission, e.g. "You don't have the permissions to accept the
	// agreement. Attach artifact:AcceptAgreement to your IAM identity."
	Console string
	// Explanation lists the statements that matched, one per line, as
	// the policy package names them (e.g. "scp0.Statement[1] Deny").
	Explanation string
	// Err is the domain cause of a denial that is not a policy's (a
	// report that needs AWS's approval, a member acting for its
	// organization), matchable with errors.Is; nil for a policy denial.
	Err error
}

// Error implements error.
func (e *AccessDeniedException) Error() string { return "AccessDeniedException: " + e.Message }

// Unwrap returns the domain cause, if any.
func (e *AccessDeniedException) Unwrap() error { return e.Err }

// ErrorCode implements APIError.
func (e *AccessDeniedException) ErrorCode() string { return "AccessDeniedException" }

// HTTPStatusCode implements APIError.
func (e *AccessDeniedException) HTTPStatusCode() int { return 403 }

// newAccessDenied builds the denial of action on resource for principal.
func newAccessDenied(principal, action, resource string, explicit bool, explanation string) *AccessDeniedException {
	msg := fmt.Sprintf("User: %s is not authorized to perform: %s on resource: %s", principal, action, resource)
	if explicit {
		msg += " with an explicit deny"
	}
	return &AccessDeniedException{
		Message: msg, Principal: principal, Action: action, Resource: resource,
		ExplicitDeny: explicit, Console: consoleMessage(action), Explanation: explanation,
	}
}

// consoleMessage words a missing permission as the console's
// troubleshooting table does (G4), naming the permission to attach.
func consoleMessage(action string) string {
	var what string
	switch strings.ToLower(action) {
	case "artifact:acceptagreement":
		what = "You don't have the permissions to accept the agreement"
	case "artifact:terminateagreement":
		what = "You don't have the permissions to terminate the agreement"
	case "artifact:getagreement", "artifact:getcustomeragreement", "artifact:getndaforagreement",
		"artifact:acceptndaforagreement", "artifact:downloadagreement":
		what = "You don't have the permissions to download the agreement"
	case "artifact:getreport", "artifact:gettermforreport", "artifact:getreportmetadata", "artifact:get":
		what = "You don't have the permissions to download this report"
	case "artifact:listreports", "artifact:listreportversions":
		what = "You don't have the permissions to list reports"
	case "artifact:listagreements", "artifact:listcustomeragreements":
		what = "You don't have the permissions to list agreements"
	case "artifact:getaccountsettings", "artifact:putaccountsettings":
		what = "You don't have the permissions to manage notification settings"
	case "organizations:describeorganization":
		what = "You don't have the permissions to retrieve information about your AWS account's organization"
	case "organizations:enableawsserviceaccess", "organizations:listawsserviceaccessfororganization",
		"iam:createservicelinkedrole":
		what = "Before you can manage agreements for your organization, you need permissions that let AWS Artifact access organization information in AWS Organizations"
	default:
		what = "You don't have the permissions to perform this action"
	}
	return what + ". Contact your account administrator to attach the following permission to your IAM user: " + action
}

// ConflictException is returned when a change collides with another (HTTP
// 409) in an operation that declares it: a write that kept meeting
// concurrent writes. The agreement operations declare none.
type ConflictException struct {
	// Message says what collided (AWS member message).
	Message string
	// ResourceID and ResourceType name the resource the call was about
	// (its id, and one of the ResourceType constants); both are always
	// set, as AWS's model requires.
	ResourceID string
	// ResourceType is one of the ResourceType constants (AWS member
	// resourceType).
	ResourceType string
	// Err is the domain cause, matchable with errors.Is.
	Err error
}

// Error implements error.
func (e *ConflictException) Error() string { return "ConflictException: " + e.Message }

// Unwrap returns the domain cause.
func (e *ConflictException) Unwrap() error { return e.Err }

// ErrorCode implements APIError.
func (e *ConflictException) ErrorCode() string { return "ConflictException" }

// HTTPStatusCode implements APIError.
func (e *ConflictException) HTTPStatusCode() int { return 409 }

// InternalServerException is returned when a store fails (HTTP 500); the
// call may be retried. Its Message is one of two fixed sentences (the call
// failed; or its change was made but could not be recorded in the audit
// trail), so that nothing of the failure (a store's error may name a host
// or hold a password) reaches the caller or the audit trail.
type InternalServerException struct {
	// Message says that the call failed (or that its change could not be
	// audited), never how (AWS member message).
	Message string
	// RetryAfterSeconds is when to retry, in seconds; 0 says nothing. AWS
	// sends it in the Retry-After header (member retryAfterSeconds).
	RetryAfterSeconds int32
	// Err is the underlying failure, matchable with errors.Is and
	// errors.As; it is never part of Message.
	Err error
}

// Error implements error.
func (e *InternalServerException) Error() string { return "InternalServerException: " + e.Message }

// Unwrap returns the underlying failure.
func (e *InternalServerException) Unwrap() error { return e.Err }

// ErrorCode implements APIError.
func (e *InternalServerException) ErrorCode() string { return "InternalServerException" }

// HTTPStatusCode implements APIError.
func (e *InternalServerException) HTTPStatusCode() int { return 500 }

// ResourceNotFoundException is returned for an unknown report, report
// version, agreement or customer agreement (HTTP 404). A report version
// that is not available to customers (unpublished, deleted, or published
// in the future) is unknown too.
type ResourceNotFoundException struct {
	// Message says what was not found (AWS member message).
	Message string
	// ResourceID is the id the caller named (a report, agreement or
	// customer agreement id) and ResourceType its type, one of the
	// ResourceType constants; both are always set, as AWS's model
	// requires.
	ResourceID string
	// ResourceType is one of the ResourceType constants (AWS member
	// resourceType).
	ResourceType string
	// Err is the domain cause, matchable with errors.Is.
	Err error
}

// Error implements error.
func (e *ResourceNotFoundException) Error() string { return "ResourceNotFoundException: " + e.Message }

// Unwrap returns the domain cause.
func (e *ResourceNotFoundException) Unwrap() error { return e.Err }

// ErrorCode implements APIError.
func (e *ResourceNotFoundException) ErrorCode() string { return "ResourceNotFoundException" }

// HTTPStatusCode implements APIError.
func (e *ResourceNotFoundException) HTTPStatusCode() int { return 404 }

// ServiceQuotaExceededException is returned when a quota would be exceeded
// (HTTP 402, as AWS answers).
type ServiceQuotaExceededException struct {
	// Message says which quota (AWS member message).
	Message string
	// ResourceID is the affected resource's id (AWS member resourceId).
	ResourceID string
	// ResourceType is the affected resource's type (AWS member resourceType).
	ResourceType string
	// ServiceCode is the affected service's code (AWS member serviceCode).
	ServiceCode string
	// QuotaCode is the affected quota's code (AWS member quotaCode).
	QuotaCode string
	// Err is the domain cause, matchable with errors.Is.
	Err error
}

// Error implements error.
func (e *ServiceQuotaExceededException) Error() string {
	return "ServiceQuotaExceededException: " + e.Message
}

// Unwrap returns the domain cause.
func (e *ServiceQuotaExceededException) Unwrap() error { return e.Err }

// ErrorCode implements APIError.
func (e *ServiceQuotaExceededException) ErrorCode() string { return "ServiceQuotaExceededException" }

// HTTPStatusCode implements APIError.
func (e *ServiceQuotaExceededException) HTTPStatusCode() int { return 402 }

// ThrottlingException is returned when calls come too fast (HTTP 429).
type ThrottlingException struct {
	// Message says why (AWS member message).
	Message string
	// ServiceCode is the affected service's code (AWS member serviceCode).
	ServiceCode string
	// QuotaCode is the affected quota's code (AWS member quotaCode).
	QuotaCode string
	// RetryAfterSeconds is when to retry, in seconds; 0 says nothing. AWS
	// sends it in the Retry-After header (member retryAfterSeconds).
	RetryAfterSeconds int32
}

// Error implements error.
func (e *ThrottlingException) Error() string { return "ThrottlingException: " + e.Message }

// ErrorCode implements APIError.
func (e *ThrottlingException) ErrorCode() string { return "ThrottlingException" }

// HTTPStatusCode implements APIError.
func (e *ThrottlingException) HTTPStatusCode() int { return 429 }

// ValidationExceptionReason is why a request failed validation, with AWS's
// camelCase values.
type ValidationExceptionReason string

// The validation reasons.
const (
	ReasonUnknownOperation      ValidationExceptionReason = "unknownOperation"
	ReasonCannotParse           ValidationExceptionReason = "cannotParse"
	ReasonFieldValidationFailed ValidationExceptionReason = "fieldValidationFailed"
	ReasonInvalidToken          ValidationExceptionReason = "invalidToken"
	ReasonOther                 ValidationExceptionReason = "other"
)

// IsValid reports whether r is one of AWS's values.
func (r ValidationExceptionReason) IsValid() bool {
	switch r {
	case ReasonUnknownOperation, ReasonCannotParse, ReasonFieldValidationFailed, ReasonInvalidToken, ReasonOther:
		return true
	}
	return false
}

// ValidationExceptionField names a field that failed validation and why.
type ValidationExceptionField struct {
	// Name is the field's AWS member name, such as "maxResults".
	Name string
	// Message says why the field failed, such as "must be between 1 and 300".
	Message string
}

// ValidationException is returned for a request AWS would refuse as
// invalid (HTTP 400): a malformed field, a missing or stale token, an NDA
// not accepted, or a rule of the domain the request breaks.
type ValidationException struct {
	// Message says what is wrong (AWS member message).
	Message string
	// Reason classifies the failure (AWS member reason).
	Reason ValidationExceptionReason
	// FieldList names the fields that failed, when the failure is theirs
	// (AWS member fieldList).
	FieldList []ValidationExceptionField
	// Err is the domain cause, matchable with errors.Is.
	Err error
}

// Error implements error.
func (e *ValidationException) Error() string { return "ValidationException: " + e.Message }

// Unwrap returns the domain cause.
func (e *ValidationException) Unwrap() error { return e.Err }

// ErrorCode implements APIError.
func (e *ValidationException) ErrorCode() string { return "ValidationException" }

// HTTPStatusCode implements APIError.
func (e *ValidationException) HTTPStatusCode() int { return 400 }

// invalidField returns a ValidationException for one bad field.
func invalidField(name, msg string, cause error) *ValidationException {
	return &ValidationException{
		Message:   fmt.Sprintf("invalid %s: %s", name, msg),
		Reason:    ReasonFieldValidationFailed,
		FieldList: []ValidationExceptionField{{Name: name, Message: msg}},
		Err:       cause,
	}
}

// The resource types of Artifact's errors (resourceType of
// ResourceNotFoundException and ConflictException): the resource types of
// AWS Artifact's IAM actions. An Organizations resource is not one of them.
const (
	ResourceTypeReport            = "report"
	ResourceTypeAgreement         = "agreement"
	ResourceTypeCustomerAgreement = "customer-agreement"
	ResourceTypeComplianceInquiry = "compliance-inquiry"
)

// internalMessage is the message of every InternalServerException: the
// failure's own text (a store's error may hold a DSN, a host name, a
// password) reaches neither the caller nor the audit trail; it stays
// matchable beneath, with errors.Is and errors.As.
const internalMessage = "an internal error occurred; the call may be retried"

// errUndeclared marks an error an operation would have answered with a type
// AWS does not declare for it; the service answers InternalServerException
// instead. No path of the service reaches it (TestEveryErrorIsDeclared).
var errUndeclared = errors.New("an error type the operation does not declare")

// internalError returns the InternalServerException of cause.
func internalError(cause error) *InternalServerException {
	return &InternalServerException{Message: internalMessage, Err: cause}
}

// resource is what an operation is about: a resource type of Artifact and
// the id the caller named. Errors that name a resource name this one unless
// their cause names a more precise one.
type resource struct {
	typ, id string
}

// apiError maps a domain error to the AWS error type that answers it for
// the call's operation, and makes sure the operation declares that type
// (declaredErrors). The whole mapping is the table in the package
// documentation.
func (k *call) apiError(err error) error {
	var api APIError
	if !errors.As(err, &api) {
		err = k.mapError(err)
		api = err.(APIError)
	}
	if !declares(k.op, api) {
		return internalError(fmt.Errorf("%w: %s answered %s: %w", errUndeclared, k.op, api.ErrorCode(), err))
	}
	return err
}

// mapError maps a domain error that is not yet an APIError.
func (k *call) mapError(err error) error {
	msg := err.Error()
	var (
		rte *report.TokenError
		ate *agreement.TokenError
		ve  *aws.ValidationError
	)
	if errors.As(err, &ve) {
		// Every package's malformed request (report's, inquiry's, ...).
		return &ValidationException{Message: msg, Reason: ReasonFieldValidationFailed, FieldList: fieldsOf(ve), Err: err}
	}
	if api, ok := k.inquiryError(msg, err); ok {
		return api
	}
	switch {
	case errors.As(err, &rte) || errors.As(err, &ate):
		return &ValidationException{Message: msg, Reason: ReasonInvalidToken, Err: err}
	case errors.Is(err, report.ErrNotFound), errors.Is(err, report.ErrNotPublished):
		id, v := k.subject.id, int64(0)
		var nf *report.NotFoundError
		if errors.As(err, &nf) {
			id, v = nf.ID, nf.Version
		}
		if id == "" {
			// Not found, but nothing the caller named: a store's failure.
			return internalError(err)
		}
		return reportNotFound(id, v, err)
	case errors.Is(err, agreement.ErrCustomerAgreementNotFound):
		id := k.subject.id
		if ae := agreementError(err); ae != nil && ae.CustomerAgreement != "" {
			id = string(ae.CustomerAgreement)
		}
		if id == "" {
			return internalError(err)
		}
		return &ResourceNotFoundException{Message: "customer agreement " + id + " not found",
			ResourceID: id, ResourceType: ResourceTypeCustomerAgreement, Err: err}
	case errors.Is(err, agreement.ErrAgreementNotFound):
		id := k.subject.id
		if ae := agreementError(err); ae != nil && ae.Agreement != "" {
			id = string(ae.Agreement)
		}
		if id == "" {
			return internalError(err)
		}
		return &ResourceNotFoundException{Message: "agreement " + id + " not found",
			ResourceID: id, ResourceType: ResourceTypeAgreement, Err: err}
	case errors.Is(err, org.ErrNotFound):
		// An organization is no resource of Artifact's: the request named
		// one that does not exist.
		return &ValidationException{Message: msg, Reason: ReasonFieldValidationFailed,
			FieldList: []ValidationExceptionField{{Name: "organizationId", Message: "no such organization"}}, Err: err}
	case errors.Is(err, report.ErrApprovalRequired):
		return &AccessDeniedException{Message: msg, Console: consoleApproval, Err: err}
	case errors.Is(err, agreement.ErrNotManagementAccount):
		return &AccessDeniedException{Message: msg, Console: "Only the management account of an organization can accept or terminate organization agreements.", Err: err}
	case errors.Is(err, report.ErrTermsNotAccepted):
		return &ValidationException{Message: msg, Reason: ReasonFieldValidationFailed,
			FieldList: []ValidationExceptionField{{Name: "termToken", Message: "accept the report's terms (GetTermForReport) first"}}, Err: err}
	case errors.Is(err, aws.ErrInvalidInput):
		// Malformed input that names no field of the request (an
		// *aws.ParseError of an id).
		return &ValidationException{Message: msg, Reason: ReasonFieldValidationFailed, Err: err}
	case errors.Is(err, agreement.ErrNDARequired),
		errors.Is(err, agreement.ErrScopeNotOffered),
		errors.Is(err, org.ErrNotInOrganization),
		errors.Is(err, org.ErrAllFeaturesRequired),
		errors.Is(err, agreement.ErrTrustedAccessRequired),
		errors.Is(err, agreement.ErrOfflineNotSupported),
		errors.Is(err, agreement.ErrNotDesignated),
		errors.Is(err, org.ErrAlreadyInOrganization),
		errors.Is(err, org.ErrManagementCannotLeave),
		errors.Is(err, report.ErrAccessState),
		errors.Is(err, report.ErrIntegrity),
		// The state of a customer agreement or a designation: AWS
		// declares no ConflictException for the agreement operations, so
		// accepting what is active, or terminating what is not, is a
		// request the state refuses.
		errors.Is(err, agreement.ErrAlreadyActive),
		errors.Is(err, agreement.ErrNotActive),
		errors.Is(err, agreement.ErrAlreadyDesignated):
		return &ValidationException{Message: msg, Reason: ReasonOther, Err: err}
	case errors.Is(err, org.ErrExists),
		errors.Is(err, org.ErrConflict),
		errors.Is(err, report.ErrConflict),
		errors.Is(err, notify.ErrConflict):
		return k.conflictError(msg, err)
	}
	return internalError(err)
}

// answered reports whether err is the domain's answer to a request (a
// conflict that outlasted the retries, invalid input, something not
// found, a state that refuses it): what mapError answers with an error
// other than InternalServerException, whatever the operation declares.
// The failure of a store, or the context's end, is no answer: a write it
// ended may have been made all the same.
func answered(err error) bool {
	var api APIError
	if !errors.As(err, &api) {
		// A subject, so that not found and conflicts read as such.
		k := call{subject: resource{typ: "-", id: "-"}}
		api = k.mapError(err).(APIError)
	}
	_, internal := api.(*InternalServerException)
	return !internal
}

// conflictError answers a write that collided (a record that exists, or
// contention that outlasted the retries): a ConflictException on the
// call's resource where the operation declares one; otherwise contention
// is an internal failure that a retry resolves, and an existing record a
// request the state refuses.
func (k *call) conflictError(msg string, err error) error {
	set, awsOp := declaredErrors[k.op]
	if k.subject.typ != "" && (!awsOp || set&conflict != 0) {
		if awsOp {
			// To a customer, the service's own words: the cause is a
			// store's error, whose text stays beneath, as an internal
			// failure's does.
			msg = k.subject.typ + " " + k.subject.id + " was changed by another call; retry"
		}
		return &ConflictException{Message: msg, ResourceID: k.subject.id, ResourceType: k.subject.typ, Err: err}
	}
	if errors.Is(err, org.ErrExists) {
		return &ValidationException{Message: msg, Reason: ReasonOther, Err: err}
	}
	return internalError(err)
}

// reportNotFound is the ResourceNotFoundException of version v of report
// id (0: the report, or its latest version). An unknown version and one
// that is not available (unpublished, deleted, or published in the
// future) read alike, so that none is revealed.
func reportNotFound(id string, v int64, cause error) *ResourceNotFoundException {
	msg := "report " + id + " not found"
	if v > 0 {
		msg = "report " + id + " version " + strconv.FormatInt(v, 10) + " not found"
	}
	return &ResourceNotFoundException{Message: msg, ResourceID: id, ResourceType: ResourceTypeReport, Err: cause}
}

// agreementError returns the *agreement.Error in err's chain, or nil.
func agreementError(err error) *agreement.Error {
	var ae *agreement.Error
	if errors.As(err, &ae) {
		return ae
	}
	return nil
}

// consoleApproval is the console's message for a report that needs AWS's
// approval (FAQ Troubleshooting, R2).
const consoleApproval = "You need additional approval from AWS to access this report. " +
	"Please open a request for access using the AWS Account ID you are using to download the report."

// fieldsOf returns the invalid fields a validation error names, as AWS's
// ValidationExceptionFields.
func fieldsOf(ve *aws.ValidationError) []ValidationExceptionField {
	out := make([]ValidationExceptionField, len(ve.Fields))
	for i, f := range ve.Fields {
		out[i] = ValidationExceptionField{Name: f.Name, Message: f.Message}
	}
	return out
}

// inquiryError maps an error of package inquiry, and reports whether err
// is one (its malformed requests are every package's *aws.ValidationError,
// mapped before):
//
//	inquiry.ErrNotReady (export before COMPLETED)  ValidationException, other
//	inquiry.ErrNotFound                          ResourceNotFoundException (compliance-inquiry)
//	inquiry.ErrTokenReused, ErrStaleResponse     ConflictException (compliance-inquiry)
//	inquiry.ErrConflict                          as every conflict (conflictError)
func (k *call) inquiryError(msg string, err error) (error, bool) {
	var (
		nf *inquiry.NotFoundError
		re *inquiry.ReuseError
	)
	id := k.subject.id
	switch {
	case errors.Is(err, inquiry.ErrNotReady):
		return &ValidationException{Message: msg, Reason: ReasonOther, Err: err}, true
	case errors.Is(err, inquiry.ErrNotFound):
		if errors.As(err, &nf) {
			id = string(nf.ID)
		}
		if id == "" {
			return internalError(err), true
		}
		return &ResourceNotFoundException{Message: "compliance inquiry " + id + " not found",
			ResourceID: id, ResourceType: ResourceTypeComplianceInquiry, Err: err}, true
	case errors.Is(err, inquiry.ErrTokenReused), errors.Is(err, inquiry.ErrStaleResponse):
		if errors.As(err, &re) {
			id = string(re.ID)
		}
		if id == "" {
			return internalError(err), true
		}
		return &ConflictException{Message: msg, ResourceID: id, ResourceType: ResourceTypeComplianceInquiry, Err: err}, true
	case errors.Is(err, inquiry.ErrConflict), errors.Is(err, inquiry.ErrExists):
		return k.conflictError(msg, err), true
	}
	return nil, false
}
