// Package artifact is the AWS Artifact service as a library: every portal
// operation authorized by package policy, gated by packages agreement and
// report, recorded in a hash-chained audit trail and announced to
// subscribers.
//
// It is the only package that composes the others; nothing but examples and
// users import it.
//
// # A service and its callers
//
// New returns a working Service on in-memory stores; options plug in other
// stores (WithOrgStore, WithAgreementStore, WithReportStore, WithAuditStore,
// WithSettingsStore, WithInquiryStore), a clock (WithClock), a source of
// randomness (WithRand), a subscriber (WithSubscriber), a presigner for
// document URLs (WithPresigner) and the compliance inquiry Assistant's
// answerer, scanner, limits and schedule (WithInquiryOptions). A Caller is a principal of an account (its root user, an
// IAM user or a role) with its identity policies, its organization's SCPs,
// its permissions boundary and the request's condition keys, compiled once
// by NewCaller and reused for every call.
//
// # Operations
//
// The methods are AWS's operations, with AWS's names and fields:
//
//	ListReports, ListReportVersions, GetReportMetadata, GetTermForReport, GetReport
//	ListAgreements, GetNdaForAgreement, AcceptNdaForAgreement, GetAgreement, AcceptAgreement
//	ListCustomerAgreements, GetCustomerAgreement, TerminateAgreement
//	GetAccountSettings, PutAccountSettings
//	CreateComplianceInquiry, GetComplianceInquiryMetadata, ListComplianceInquiries,
//	ListComplianceInquiryQueries, ExportComplianceInquiry, PutComplianceInquiryFeedback
//	TagResource, UntagResource, ListTagsForResource
//
// plus the notification configuration AWS keeps in AWS User Notifications
// (PutNotificationConfiguration, GetNotificationConfiguration), the console's
// set-up of organization agreements (EnableTrustedAccess), a customer's
// request for access to a report that needs approval (RequestReportAccess),
// and the administrative side a platform needs, which takes no caller:
// PublishReport, UpdateReport, DecideReportAccess, DefineAgreement,
// PublishAgreementRevision, AWSTerminateAgreement, RecordOfflineBAA,
// RemoveOfflineDesignation, and the membership changes of AWS Organizations
// (CreateOrganization, EnableAllFeatures, CreateAccount, JoinOrganization,
// LeaveOrganization, RemoveAccount, MoveAccount), which change coverage,
// and the compliance inquiries' processing and human review
// (AdvanceComplianceInquiries, ProcessComplianceInquiry,
// ReviewComplianceInquiryQuery, CompleteComplianceInquiryReview).
// The questions of auditors and GRC platforms go to the domain packages
// directly: Service.Agreements (coverage, HIPAA Accounts), Service.Reports
// (best report for a window, gaps, scope), Service.Organizations,
// Service.Inquiries (compliance inquiries as stored, their feedback).
//
// # Authorization (G1-G7)
//
// Each call is authorized before anything else, so that a denied call says
// nothing of what exists: then comes an unknown resource
// (ResourceNotFoundException), then the tokens and gates
// (ValidationException). The request names the operation's action, its
// resource ARN and its condition keys:
//
//	operation               fine-grained action (resource)                      legacy model (G6)
//	ListReports             artifact:ListReports (*)                            lists the reports whose package allows artifact:Get
//	ListReportVersions      artifact:ListReportVersions (*)                     artifact:Get (report package)
//	GetReportMetadata       artifact:GetReportMetadata (report version ARN)     artifact:Get (report package)
//	GetTermForReport        artifact:GetTermForReport (report version ARN)      artifact:Get (report package)
//	GetReport               artifact:GetReport (report version ARN)             artifact:Get (report package)
//	ListAgreements          artifact:ListAgreements (*)                         artifact:DownloadAgreement (*)
//	GetNdaForAgreement      artifact:GetNdaForAgreement (agreement ARN)         artifact:DownloadAgreement (agreement ARN)
//	AcceptNdaForAgreement   artifact:AcceptNdaForAgreement (agreement ARN)      artifact:DownloadAgreement (agreement ARN)
//	GetAgreement            artifact:GetAgreement (agreement ARN)               artifact:DownloadAgreement (agreement ARN)
//	AcceptAgreement         artifact:AcceptAgreement (agreement ARN)            and artifact:DownloadAgreement
//	ListCustomerAgreements  artifact:ListCustomerAgreements (*)                 artifact:DownloadAgreement (*)
//	GetCustomerAgreement    artifact:GetCustomerAgreement (customer agreement)  artifact:DownloadAgreement (customer agreement)
//	TerminateAgreement      artifact:TerminateAgreement (customer agreement)    the same
//	GetAccountSettings      artifact:GetAccountSettings (*)                     the same
//	PutAccountSettings      artifact:PutAccountSettings (*)                     the same
//
//	operation                     action (resource)                                 tag condition keys
//	CreateComplianceInquiry       artifact:CreateComplianceInquiry (…:compliance-inquiry/*)  aws:RequestTag/${TagKey}, aws:TagKeys
//	GetComplianceInquiryMetadata  artifact:GetComplianceInquiryMetadata (inquiry ARN)        aws:ResourceTag/${TagKey}
//	ListComplianceInquiries       artifact:ListComplianceInquiries (*)                       none
//	ListComplianceInquiryQueries  artifact:ListComplianceInquiryQueries (inquiry ARN)        aws:ResourceTag/${TagKey}
//	ExportComplianceInquiry       artifact:ExportComplianceInquiry (inquiry ARN)             aws:ResourceTag/${TagKey}
//	PutComplianceInquiryFeedback  artifact:PutComplianceInquiryFeedback (inquiry ARN)        aws:ResourceTag/${TagKey}
//	TagResource                   artifact:TagResource (inquiry ARN)                         aws:ResourceTag/${TagKey}, aws:RequestTag/${TagKey}, aws:TagKeys
//	UntagResource                 artifact:UntagResource (inquiry ARN)                       aws:ResourceTag/${TagKey}, aws:TagKeys
//	ListTagsForResource           artifact:ListTagsForResource (inquiry ARN)                 aws:ResourceTag/${TagKey}
//
// The legacy model has no compliance inquiry actions: they are authorized
// with their fine-grained actions under either model.
// The tag keys are those the Service Authorization Reference lists for each
// action. An inquiry ARN is
// arn:<partition>:artifact:<region>:<account>:compliance-inquiry/<id>;
// aws:ResourceTag/<key> holds the inquiry's tags (none for an inquiry that
// does not exist, and none at creation: a new inquiry has no tags yet),
// aws:RequestTag/<key> the tags a request sets, aws:TagKeys the keys it
// names (present and empty for a creation without tags). Tag keys that
// differ only in letter case are one condition key with each value, as
// condition key names ignore case. A request carries only the tag keys
// its caller's policies name (condition key names are literal in IAM, so
// no other tag can change a decision), which keeps tag-based access control
// as cheap for an inquiry of fifty tags as for one of one.
//
// Actions on a report carry artifact:ReportSeries and artifact:ReportCategory
// from the report, and only those do (G7); a report the service does not
// have is authorized on its ARN without them. Accepting at organization scope
// also needs organizations:DescribeOrganization and
// organizations:ListAWSServiceAccessForOrganization, and reading an
// organization agreement organizations:DescribeOrganization (api.md §8).
// EnableTrustedAccess needs organizations:EnableAWSServiceAccess for
// aws-artifact-account-sync.amazonaws.com and, while Artifact's
// service-linked role is missing, iam:CreateServiceLinkedRole. The service
// adds aws:PrincipalArn, aws:PrincipalAccount, aws:RequestedRegion (its
// region), aws:CurrentTime and aws:EpochTime (its clock) when the caller's
// context lacks them. SCPs do not limit principals of the organization's
// management account.
//
// # Errors
//
// Every error is one of AWS's seven error types (APIError), matchable with
// errors.As; the domain cause beneath it stays matchable with errors.Is.
// Where AWS names no error type for a rule, the service chooses the closest:
//
//	cause                                                    AWS error type
//	policy denial                                            AccessDeniedException (CloudTrail's message, the console's words in Console, G4)
//	report.ErrApprovalRequired (R2)                          AccessDeniedException ("You need additional approval from AWS ...")
//	agreement.ErrNotManagementAccount (A2)                   AccessDeniedException
//	report.ErrNotFound, report.ErrNotPublished               ResourceNotFoundException (resource type report)
//	agreement.ErrAgreementNotFound                           ResourceNotFoundException (agreement)
//	agreement.ErrCustomerAgreementNotFound                   ResourceNotFoundException (customer-agreement)
//	org.ErrNotFound                                          ResourceNotFoundException (organization)
//	a refused token (agreement or report TokenError, T1)     ValidationException, reason invalidToken
//	a missing termToken, report.ErrTermsNotAccepted (N2)     ValidationException, reason fieldValidationFailed (field termToken)
//	malformed input (report.ErrInvalid, org.ErrInvalidInput) ValidationException, reason fieldValidationFailed, with the fields
//	a malformed or foreign nextToken                         ValidationException, reason invalidToken
//	agreement.ErrNDARequired (N1)                            ValidationException, reason other
//	agreement.ErrScopeNotOffered                             ValidationException, reason other
//	org.ErrNotInOrganization (A6)                            ValidationException, reason other ("your account isn't in an organization")
//	org.ErrAllFeaturesRequired (A4)                          ValidationException, reason other ("your organization must be enabled for all features")
//	agreement.ErrTrustedAccessRequired (A5)                  ValidationException, reason other
//	agreement.ErrOfflineNotSupported, ErrNotDesignated (H6)  ValidationException, reason other
//	org.ErrAlreadyInOrganization, ErrManagementCannotLeave   ValidationException, reason other
//	report.ErrAccessState, report.ErrIntegrity               ValidationException, reason other
//	agreement.ErrAlreadyActive, ErrNotActive                 ConflictException
//	agreement.ErrAlreadyDesignated, org.ErrExists            ConflictException
//	a conflict that persists after retries (ErrConflict)     ConflictException
//	a store failure, anything else                           InternalServerException
//
// The nine compliance inquiry and tagging operations answer only the error
// types AWS's model declares for each (CreateComplianceInquiry has no
// ResourceNotFoundException; only it and PutComplianceInquiryFeedback
// have a ConflictException); any other becomes an InternalServerException,
// whose message is fixed:
//
//	cause                                                    AWS error type
//	inquiry.ErrInvalid (a malformed field)                   ValidationException, reason fieldValidationFailed, with the fields
//	inquiry.ErrNotReady (export before COMPLETED, ...)       ValidationException, reason other
//	a resourceArn of a report, agreement or customer agreement  ValidationException, fieldValidationFailed (field resourceArn)
//	inquiry.ErrNotFound, another account's or region's inquiry  ResourceNotFoundException (resource type compliance-inquiry)
//	inquiry.ErrTokenReused, inquiry.ErrStaleResponse         ConflictException (compliance-inquiry)
//
// A failed call changes nothing; its audit record is still written.
//
// # Lists
//
// List operations take maxResults from 1 to 300 (DefaultMaxResults when 0)
// and return an opaque nextToken: the key of the last item, authenticated
// for the operation and the account, so that a forged token, or one of
// another account or operation, is refused. Lists are in key order, so
// paging while others insert neither skips nor repeats an item.
//
// # Audit and notifications (G5, S1, S2)
//
// Every call, allowed or denied, appends one record to the audit trail
// (Service.Audit): the event name as CloudTrail names it, the principal, the
// account, the resource, the action, the decision, the error code, the
// request parameters (tokens and the members AWS's model marks sensitive,
// such as an inquiry's name and content and a feedback comment, hidden as
// CloudTrail hides them) and the time.
// The administrative side is recorded under ServicePrincipal. After a change
// is stored its events go to the subscriber, once per account that is
// SUBSCRIBED and whose configuration chooses them: a new report version, a
// report update, an agreement status change, an account losing coverage
// (A10). Delivery is synchronous and best effort.
//
// # Compliance inquiries
//
// Package inquiry holds the rules; the service authorizes and records. An
// inquiry is answered when its processing is due (WithInquiryOptions:
// inquiry.WithProcessingTime; at the first read by default) and it is read,
// or when AdvanceComplianceInquiries or ProcessComplianceInquiry is called:
// never on a goroutine. The default answerer is inquiry.NewKnowledgeAnswerer
// over the service's report catalog, HIPAA Eligible Services, agreement
// catalog and organizations. ExportComplianceInquiry hands the Presigner a Document of kind
// DocComplianceInquiry carrying the CSV it wrote in Body. Where AWS is
// silent the service chooses, and says so:
//
//   - CreateComplianceInquiry is authorized on the account's
//     compliance-inquiry/* ARN (the inquiry has no id yet); its audit record
//     then names the inquiry created.
//   - ListComplianceInquiries lists every inquiry of the account, oldest
//     first, whatever their tags (IAM does not filter lists).
//   - A resourceArn of another partition, region or account is an inquiry
//     that does not exist (ResourceNotFoundException), after authorization.
//
// # Concurrency
//
// A Service and a Caller are safe for concurrent use. The service keeps no
// state of its own beyond its stores, so several Services may share stores
// (give them one page key with WithPageKey).
package artifact
