// Package endpoint serves an artifact.Service as AWS Artifact's HTTP API,
// so that the AWS CLI, boto3 and every AWS SDK talk to it as to AWS:
//
//	aws artifact list-reports --endpoint-url http://127.0.0.1:8080
//
// A Handler speaks the restJson1 protocol of AWS's service model
// (artifact 2018-05-10) and authenticates every request with Signature
// Version 4 against a table of Credentials, each an access key standing
// for an artifact.Caller. It is an adapter: the rules, the errors and the
// audit trail are the service's.
//
// # Operations
//
// The route table (Operations) holds the seventeen operations of AWS's
// model (reports, account settings, customer agreements, compliance
// inquiries, tagging) and the seven agreement operations of AWS's API
// reference that the model lacks:
//
//	GET  /v1/report/list                       ListReports             maxResults, nextToken in the query
//	GET  /v1/report/listVersions               ListReportVersions      reportId, maxResults, nextToken
//	GET  /v1/report/getMetadata                GetReportMetadata       reportId, reportVersion
//	GET  /v1/report/getTermForReport           GetTermForReport        reportId, reportVersion
//	GET  /v1/report/get                        GetReport               reportId, reportVersion, termToken
//	GET  /v1/account-settings/get              GetAccountSettings
//	PUT  /v1/account-settings/put              PutAccountSettings      notificationSubscriptionStatus in the body
//	GET  /v1/customer-agreement/list           ListCustomerAgreements  maxResults, nextToken
//	GET  /v1/agreement/list                    ListAgreements          maxResults, nextToken
//	GET  /v1/agreement/getNdaForAgreement      GetNdaForAgreement      agreementId
//	POST /v1/agreement/acceptNdaForAgreement   AcceptNdaForAgreement   agreementId, agreementRevisionId, ndaToken in the body
//	GET  /v1/agreement/get                     GetAgreement            agreementId, ndaToken
//	POST /v1/agreement/accept                  AcceptAgreement         agreementId, agreementRevisionId, acceptanceTermsToken, executeAgreementToken
//	GET  /v1/customer-agreement/get            GetCustomerAgreement    customerAgreementId
//	POST /v1/customer-agreement/terminate      TerminateAgreement      customerAgreementId, terminateAgreementToken
//	POST /v1/compliance-inquiry/create         CreateComplianceInquiry name, inquiryContent, clientToken, supportMode, tags (202)
//	GET  /v1/compliance-inquiry/getMetadata    GetComplianceInquiryMetadata  complianceInquiryId
//	GET  /v1/compliance-inquiry/list           ListComplianceInquiries       maxResults, nextToken
//	GET  /v1/compliance-inquiry/listQueries    ListComplianceInquiryQueries  complianceInquiryId, maxResults, nextToken
//	POST /v1/compliance-inquiry/export         ExportComplianceInquiry       complianceInquiryId, queryIdentifiers, includeCitations
//	PUT  /v1/compliance-inquiry/putFeedback    PutComplianceInquiryFeedback  complianceInquiryId, queryIdentifier, rating, ...
//	GET    /tags/{resourceArn}                 ListTagsForResource
//	POST   /tags/{resourceArn}                 TagResource             tags in the body (204)
//	DELETE /tags/{resourceArn}                 UntagResource           tagKeys in the query, repeated (204)
//
// Every success has the model's status (200, 202 for
// CreateComplianceInquiry, 204 and no body for TagResource and
// UntagResource) and a JSON body in AWS's shapes (the JSON of package
// artifact's outputs: AWS's member names, timestamps as ISO 8601
// date-times). Each answer carries an x-amzn-RequestId. A path label
// ({resourceArn}) is read escaped, as the SDKs escape it.
//
// # Authentication
//
// A request is signed with Signature Version 4 in its Authorization header
// or, presigned, in its query string (X-Amz-Expires up to seven days). The
// handler verifies it as AWS does: it rebuilds the canonical request from
// what the client signed (the method, the path as sent, the query, exactly
// the headers SignedHeaders lists, whichever they are, and the payload's
// hash), computes the signature with the key derived for the credential's
// scope (kept per access key, day and region, as the AWS SDKs keep theirs)
// and compares it with the client's in constant time. A client may sign
// headers the AWS SDK for Go does not (Content-Length, User-Agent,
// X-Amzn-Trace-Id, Expect, Transfer-Encoding), and may date its request
// with the Date header instead of X-Amz-Date (an HTTP date or ISO 8601
// basic format; X-Amz-Date takes precedence when both are sent). The AWS
// SDK for Go's signer, botocore's, and AWS's own SigV4 test suite are
// what the tests hold the verifier to. The credential scope must name
// service "artifact" and the service's region, and the request's time
// must lie within WithMaxSkew (five minutes) of the service's clock. The
// failures are answered as AWS's front end answers them (botocore raises
// them as ClientError with these codes):
//
//	no signature                                403 MissingAuthenticationTokenException
//	a malformed Authorization, X-Amz-Date (or
//	Date) or presigned query, host not signed   400 IncompleteSignatureException
//	an unknown access key or session token      403 UnrecognizedClientException
//	a wrong region, service or date in the
//	scope, a time outside the skew, an
//	expired presigned request, a signature
//	that differs                                403 InvalidSignatureException
//
// The endpoint compiles nothing per request: each credential's Caller is
// compiled once, and the keys AWS takes from the request are added to it
// (artifact.Caller.WithRequestKeys): aws:SourceIp (the peer's address; a
// proxy's X-Forwarded-For is not trusted), aws:SecureTransport (whether
// the connection is TLS), aws:RequestedRegion (the service's region, which
// the scope names) and aws:CurrentTime and aws:EpochTime (the service's
// clock). They replace the Caller's own values of those keys.
//
// # Errors
//
// An operation's error is answered as restJson1 encodes it and botocore,
// boto3 and the SDKs read it: the status AWS's model gives the error type
// (ServiceQuotaExceededException is 402), the type's name in the
// x-amzn-ErrorType header and in the body's "__type", the type's members
// in the body ("message", "resourceId", "resourceType", "reason",
// "fieldList", ...) and retryAfterSeconds in Retry-After. An error that is
// not one of the service's seven is an InternalServerException whose
// message says nothing of it.
//
// # Decisions where AWS is silent
//
// A request that reaches no operation (an unknown path, a method the path
// does not take) is a ValidationException with reason unknownOperation,
// the model's reason for it; a query member that is not a number where
// the model wants one, a member given twice, a body that is not a JSON
// object or a member of the wrong JSON type is reason cannotParse, with
// the member in fieldList; a number outside the model's range (maxResults
// outside 1 to 300, a reportVersion below 1) is fieldValidationFailed.
// Authentication comes first: an unsigned request learns nothing, not even
// whether its path exists. A body larger than WithMaxBodyBytes (1 MiB) is
// refused with 413 and no body before it is read, as AWS's front end
// refuses one over its limit. Members AWS does not define are ignored.
// Members the model puts in the query string are read only there. The
// organization scope of AcceptAgreement is not on the wire, as AWS's
// request names none: accepting for an organization stays a Go call.
//
// No secret, signature or token is written to the RequestLog (which holds
// no query string) or reaches the audit trail, where the service hides
// tokens as CloudTrail does. A Credential prints without its secret.
package endpoint
