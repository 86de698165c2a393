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
// The questions of auditors and GRC platforms go to read-only views of the
// stores: Service.Agreements (coverage, HIPAA Accounts), Service.Reports
// (best report for a window, gaps, scope), Service.Organizations,
// Service.Audit and Service.Inquiries (compliance inquiries as stored, their
// feedback). They change nothing: every change goes through an operation,
// authorized, audited and announced.
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
// as cheap for an inquiry of fifty tags as for one of one. These keys, and
// the report keys below, are the service's alone: a caller's context never
// supplies them (see Identity.Context and ServiceKey).
//
// Actions on a report carry artifact:ReportSeries and artifact:ReportCategory
// from the report, and only those do (G7); a report the service does not
// have is authorized on its ARN without them. Accepting at organization scope
// also needs organizations:DescribeOrganization and
// organizations:ListAWSServiceAccessForOrganization, and reading an
// organization agreement organizations:DescribeOrganization
// (https://docs.aws.amazon.com/artifact/latest/ug/manageorgagreement.html).
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
// Each AWS operation answers only the error types AWS declares for it: the
// errors of each operation in AWS's service model and, for the seven
// agreement operations the model lacks, in the API Reference
// (https://docs.aws.amazon.com/artifact/latest/APIReference/API_Operations.html).
// So ListCustomerAgreements never answers ResourceNotFoundException, and no
// agreement operation answers ConflictException. ResourceNotFoundException
// and ConflictException always name the resource: its id as the caller
// named it and its type, one of report, agreement, customer-agreement and
// compliance-inquiry (the ResourceType constants); an Organizations
// resource is not one of them. An InternalServerException has the same
// message whatever failed, so that nothing of a store's error (a host, a
// password) reaches the caller or the audit trail; the failure stays
// matchable beneath it. Where AWS names no error type for a rule, the
// service chooses the closest:
//
//	cause                                                    AWS error type
//	policy denial                                            AccessDeniedException (CloudTrail's message, the console's words in Console, G4)
//	report.ErrApprovalRequired (R2)                          AccessDeniedException ("You need additional approval from AWS ...")
//	agreement.ErrNotManagementAccount (A2)                   AccessDeniedException
//	report.ErrNotFound, report.ErrNotPublished               ResourceNotFoundException (report)
//	agreement.ErrAgreementNotFound                           ResourceNotFoundException (agreement)
//	agreement.ErrCustomerAgreementNotFound                   ResourceNotFoundException (customer-agreement)
//	a refused token (agreement or report TokenError, T1)     ValidationException, reason invalidToken
//	a nextToken not minted for this call and account         ValidationException, reason invalidToken
//	a missing termToken, report.ErrTermsNotAccepted (N2)     ValidationException, reason fieldValidationFailed (field termToken)
//	a field outside AWS's shape (length, pattern, minimum)   ValidationException, reason fieldValidationFailed, with the fields
//	a malformed request (*aws.ValidationError, from any package)  ValidationException, reason fieldValidationFailed, with its fields
//	a malformed id (*aws.ParseError, aws.ErrInvalidInput)    ValidationException, reason fieldValidationFailed
//	org.ErrNotFound (an unknown organization)                ValidationException, reason fieldValidationFailed (field organizationId)
//	agreement.ErrNDARequired (N1)                            ValidationException, reason other
//	agreement.ErrScopeNotOffered                             ValidationException, reason other
//	org.ErrNotInOrganization (A6)                            ValidationException, reason other ("your account isn't in an organization")
//	org.ErrAllFeaturesRequired (A4)                          ValidationException, reason other ("your organization must be enabled for all features")
//	agreement.ErrTrustedAccessRequired (A5)                  ValidationException, reason other
//	agreement.ErrOfflineNotSupported, ErrNotDesignated (H6)  ValidationException, reason other
//	org.ErrAlreadyInOrganization, ErrManagementCannotLeave   ValidationException, reason other
//	report.ErrAccessState, report.ErrIntegrity               ValidationException, reason other
//	agreement.ErrAlreadyActive, ErrNotActive                 ValidationException, reason other (see below)
//	agreement.ErrAlreadyDesignated, org.ErrExists            ValidationException, reason other
//	contention that outlasts the retries (ErrConflict)       ConflictException where the operation declares it and
//	                                                         names a resource; otherwise InternalServerException
//	a store failure, anything else                           InternalServerException
//
// The agreement operations declare no ConflictException, so accepting an
// agreement that is already active for the account (or organization) and
// scope, and terminating a customer agreement that is no longer active,
// answer a ValidationException with reason other whose cause is
// agreement.ErrAlreadyActive or agreement.ErrNotActive: the request is
// well formed, and the agreement's state refuses it. AWS documents neither
// case; a ValidationException is what AWS answers for the other
// agreement-state rules (the NDA first, organization scope by the
// management account).
//
// A version of a report that is not available to customers (UNPUBLISHED,
// deleted, or published at a later instant) does not exist for them: the
// report operations neither list it nor describe it, and answer
// ResourceNotFoundException for it in the words of an unknown version,
// without saying whether or when it will be published. A report with no
// available version is an unknown report. Its ARN is authorized without
// report condition keys, as a version the service does not have.
//
// The nine compliance inquiry and tagging operations answer only the error
// types AWS's model declares for each (CreateComplianceInquiry has no
// ResourceNotFoundException; only it and PutComplianceInquiryFeedback
// have a ConflictException); any other becomes an InternalServerException,
// whose message is fixed:
//
//	cause                                                    AWS error type
//	a malformed request (inquiry.ValidationError)            ValidationException, reason fieldValidationFailed, with the fields
//	inquiry.ErrNotReady (export before COMPLETED, ...)       ValidationException, reason other
//	a resourceArn of a report, agreement or customer agreement  ValidationException, fieldValidationFailed (field resourceArn)
//	inquiry.ErrNotFound, another account's or region's inquiry  ResourceNotFoundException (resource type compliance-inquiry)
//	inquiry.ErrTokenReused, inquiry.ErrStaleResponse         ConflictException (compliance-inquiry)
//
// A failed call changes nothing; its audit record is still written. A call
// whose change was stored succeeds, and its notifications are delivered,
// whatever fails afterwards: its events are derived, and its
// notifications recorded in the outbox, before the change is made (see
// Notifications); when only its audit record cannot be written, it
// returns its output together with an InternalServerException.
//
// # Lists
//
// List operations take maxResults from 1 to 300 (DefaultMaxResults when 0)
// and return an opaque nextToken: the key of the last item, authenticated
// for the operation and the account, so that a forged token, or one of
// another account or operation, is refused. Lists are in key order, so
// paging while others insert neither skips nor repeats an item.
//
// # AWS's JSON
//
// The inputs, outputs and errors of the operations marshal to and from the
// JSON of AWS's service model (restJson1, 2018-05-10), so that a saved
// `aws artifact list-reports` or `get-report-metadata` output loads into
// ListReportsOutput or GetReportMetadataOutput, and what the library
// answers can be written as AWS writes it:
//
//	Go                                  AWS's JSON
//	ListReportsOutput, ...VersionsOutput {"reports": [ReportSummary], "nextToken"}
//	GetReportMetadataOutput             {"reportDetails": ReportDetail}
//	report.Report fields                id, name, description, arn, version, state, uploadState, series,
//	                                    category, companyName, productName, statusMessage, acceptanceType;
//	                                    ReportDetail adds termArn, sequenceNumber, createdAt, lastModifiedAt, deletedAt
//	report.Report.PeriodStart, PeriodEnd periodStart, periodEnd: the date's midnight UTC ("2025-09-30T00:00:00Z");
//	                                    read back as the UTC date of the instant
//	time.Time fields                    ISO 8601 date-times in UTC with the fractions they have
//	ListAgreementsOutput                {"agreements": [AgreementSummary of the current revision], "nextToken"}
//	agreement.CustomerAgreement         CustomerAgreementSummary (awsAccountId is Account); TerminateAgreement
//	                                    answers the shorter TerminateCustomerAgreementSummary
//	InquirySummary, InquiryDetail       InquirySummary (Create, List), InquiryDetail (GetComplianceInquiryMetadata):
//	                                    the model's members, and no more
//	QuerySummary                        QuerySummary, with its citations and updatedResponseVersions
//	the other outputs and the inputs    their AWS members by AWS's names (termToken, documentPresignedUrl, ...);
//	                                    an inquiry file's content is base64, as a blob is
//	the seven error types               their body members (message, resourceId, reason, fieldList, ...)
//
// Empty members are left out, except those the model requires (the lists
// of ListReportVersions and ListCustomerAgreements, an error's message,
// resourceId and resourceType). What AWS's shapes do not carry is not
// written and reads back as zero: a report's family, type, Trust Services
// categories, scope, digest, approval and publication instant; an
// output's token expiry, events and the agreement records beside the
// tokens; AcceptAgreementInput.Scope (AWS's request names none); an
// error's Go cause and retryAfterSeconds (a header member). Reading is
// lenient where AWS may move on: timestamps with any UTC offset, without
// one (UTC), as dates or as epoch seconds, and enum values the library does
// not know are kept as they are; the agreement id, organization id and
// scope of a customer agreement come from its ARNs. Marshal, unmarshal
// and marshal again gives the same JSON.
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
// is stored its events go to the subscriber, to each account that is
// SUBSCRIBED and whose configuration chooses them: a new report version
// (once it is available), a report update, an agreement status change, an
// account losing coverage (A10).
//
// # Notifications: the outbox and Deliver
//
// A change's notifications are recorded in the outbox (WithOutbox; in
// memory by default, the database's with the SQL stores) before the change
// is stored: a change whose notifications cannot be recorded is not made.
// Once it is stored, the call delivers them itself and deletes the entry.
// What it cannot deliver stays in the outbox with how far delivery went,
// and Deliver, which the host runs from a loop of its own, delivers it:
// notifications whose recipients' settings could not be read, those of a
// call that ended, or whose store failed, after its change was recorded
// (Deliver asks agreement.Registry.Stored, or report.Catalog.Stored,
// whether the change went through, a minute after the entry was
// recorded), the members of a large organization, and the deliveries the
// subscriber failed. A subscriber's Notify that returns an error did not
// deliver: delivery of that entry stops there, the call succeeds all the
// same (its change is stored), and the entry waits in the outbox with its
// progress at the failed delivery; each Deliver makes it again, with the
// same notify.Delivery.ID, and then the rest, returning the subscriber's
// error, wrapped with the entry's id, until it succeeds. A subscriber
// that forwards to a queue or a webhook so needs no durable queue of its
// own; one that can never deliver something records that and returns
// nil. A change the domain refused (a conflict, invalid
// input) stored nothing: its entry is deleted at once. Delivers that
// overlap, in one process or several, deliver an entry once: each claims
// an entry for a minute before it delivers it, and the others leave it
// alone. A service without a subscriber delivers nothing and leaves the
// entries to those that have one.
// Accepting or terminating an organization agreement answers two events
// whatever the organization's size (the change, and one organization-wide
// coverage event that Agreements().Expand expands into the members'); the
// call notifies at most WithInlineDeliveries members itself
// (DefaultInlineDeliveries) and leaves the rest to Deliver, so that the
// call's time and output do not grow with the organization. Delivery is
// at least once: every notify.Delivery carries an ID that is the same when
// it is delivered again. A report version is announced only while it is
// available (S2): an update of a version that is not available announces
// nothing, and a version published to become available later is
// announced by Deliver once the service's clock reaches that instant,
// after Deliver read it again (one unpublished meanwhile is not
// announced, one moved later waits for its new instant).
//
// # Compliance inquiries
//
// Package inquiry holds the rules; the service authorizes and records. An
// inquiry is answered when its processing is due (WithInquiryOptions:
// inquiry.WithProcessingTime; at the first read by default) and it is read,
// or when AdvanceComplianceInquiries or ProcessComplianceInquiry is called:
// never on a goroutine. The default answerer is inquiry.NewKnowledgeAnswerer
// over the service's report catalog, HIPAA Eligible Services, agreement
// catalog and organizations. ExportComplianceInquiry hands the Presigner a
// Document of kind DocComplianceInquiry carrying the CSV it wrote in Body.
// A host's answerer or scanner that fails fails the inquiry (or the query)
// with AWS's internal-error message; its error never reaches the caller or
// the audit trail, only the host (inquiry.WithFailureHandler). The
// operations answer AWS's shapes (InquirySummary, InquiryDetail,
// QuerySummary) with their members alone: what the service keeps beside
// them (the account, a failure's reason, the schedule, the client token)
// is read through Inquiries, the host's view.
// Where AWS is silent the service chooses, and says so:
//
//   - CreateComplianceInquiry is authorized on the account's
//     compliance-inquiry/* ARN (the inquiry has no id yet); its audit record
//     then names the inquiry created.
//   - ListComplianceInquiries lists every inquiry of the account, oldest
//     first, whatever their tags (IAM does not filter lists).
//   - A resourceArn of another partition, region or account is an inquiry
//     that does not exist (ResourceNotFoundException), after authorization.
//
// # Decisions where AWS is silent
//
//   - Agreement operations declare no ConflictException: accepting what is
//     active, or terminating what is not, is a ValidationException with
//     reason other (see Errors).
//   - An organization is not one of Artifact's resource types: an unknown
//     or existing organization is a ValidationException, never a
//     ResourceNotFoundException or ConflictException naming it.
//   - A nextToken is authenticated with the page key; WithPageKey refuses
//     a key shorter than MinPageKeyLen (16 bytes).
//   - An audit record keeps at most audit.MaxParams parameters and
//     audit.MaxFieldLen bytes of each string, cut and marked, so that no
//     caller makes the trail keep a request of any size.
//   - A notification configuration names at most MaxNotificationFilters
//     categories and as many series, each in the shape of AWS's
//     ReportCategory and ReportSeries.
//   - Expired tokens are purged by the calls that issue tokens, at most
//     once a token lifetime; PurgeExpiredTokens purges on demand.
//   - Notifications are delivered at least once, with an ID that repeats
//     (notify.Delivery.ID); exactly once would need the outbox and every
//     store in one transaction, which the store interfaces do not span.
//   - Gaining coverage is not notified (AWS notifies agreement status
//     changes; losing coverage is the library's addition, A10).
//
// # Concurrency
//
// A Service and a Caller are safe for concurrent use. The service keeps no
// state of its own beyond its stores, so several Services may share stores
// (give them one page key with WithPageKey).
//
// # Rules
//
// Rule ids such as G4 or T1 are those of the project's rulebook, RULES.md at
// the root of the repository, which states each rule and cites AWS's
// public documentation for it; "FAQ Agreements 5" or "BAA FAQ 12" is a
// question of the AWS Artifact FAQs (https://aws.amazon.com/artifact/faq/),
// numbered within its section as RULES.md says.
package artifact
