// Package policy parses and evaluates AWS IAM policy documents for
// artifact:* actions with the same answer as AWS: identity policies, the
// organization's service control policies (SCPs) and permissions
// boundaries.
//
// # Parsing
//
// [Parse] reads a policy document as IAM does: Version, Id, Statement as
// one object or an array, Sid, Effect, Action/NotAction,
// Resource/NotResource, Principal/NotPrincipal (resource policies only) and
// Condition. Wherever AWS allows a string or an array, the [Document]
// remembers which it was and [Document.MarshalJSON] writes it back the same
// way. An invalid document yields a [*ParseError] naming the JSON path, for
// example "Statement[1].Condition.StringEquals"; every such error matches
// [ErrInvalidPolicy] with errors.Is. Parsing accepts any service's actions
// and any resource string; knowing Artifact's own vocabulary is the job of
// [Validate], which returns findings, never errors.
//
// # Evaluation
//
// [Compile] turns the policies that apply to one principal (a [Set]) into
// an [Evaluator]: parse once, evaluate many. [Evaluator.Decide] answers a
// [Request] with a [Decision] and allocates nothing; [Evaluator.Explain]
// also lists every statement that matched. The logic is AWS's: an explicit
// Deny anywhere wins; otherwise the identity policies must allow, every SCP
// level must allow (unless the account is exempt, as the management account
// is), and the permissions boundary, if any, must allow; otherwise the
// request is implicitly denied.
//
// Matching follows IAM: action names are case-insensitive, resources and
// condition values case-sensitive unless an operator says otherwise, "*"
// and "?" are wildcards, ARNs are compared component by component, and a
// request on no resource (resource "*") is matched only by a policy
// resource of "*". Conditions support every operator of the IAM reference,
// including ...IfExists, ForAnyValue: and ForAllValues:, and policy
// variables (${aws:username}, ${aws:PrincipalTag/team}, ${*}, ${?}, ${$},
// defaults such as ${aws:username, 'anonymous'}) in policies of Version
// 2012-10-17. The request's condition keys are held by a [Context], built
// once per request.
//
// # Artifact's vocabulary
//
// [LookupAction] and [Actions] describe the artifact:* actions of the
// Service Authorization Reference, including the legacy artifact:Get and
// artifact:DownloadAgreement (rule G6). [ParseARN], [ParseResourceARN] and
// the builders [AgreementARN], [CustomerAgreementARN], [ReportARN],
// [ReportPackageARN] and [ComplianceInquiryARN] handle Artifact's ARNs.
//
// # Concurrency
//
// Documents are plain values: do not modify one while another goroutine
// reads it. An [Evaluator] is immutable once compiled and safe for
// concurrent use, as is a [Context] that is no longer being modified.
package policy
