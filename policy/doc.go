// Package policy parses and evaluates AWS IAM policy documents for
// artifact:* actions with the same answer as AWS: identity policies, the
// organization's service control policies (SCPs) and permissions
// boundaries.
//
// # Parsing
//
// [Parse] reads a policy document as IAM's evaluation reads it: Version,
// Id, Statement as one object or an array, Sid, Effect, Action/NotAction,
// Resource/NotResource, Principal/NotPrincipal (resource policies only)
// and Condition. Wherever AWS allows a string or an array, the [Document]
// remembers which it was and [Document.MarshalJSON] writes it back the
// same way. An invalid document yields a [*ParseError] naming the JSON
// path, for example "Statement[1].Condition.StringEquals"; every such
// error matches [ErrInvalidPolicy] with errors.Is. Parsing accepts any
// service's actions and any resource string; knowing Artifact's own
// vocabulary is the job of [Validate], which returns findings, never
// errors.
//
// Where IAM refuses to store a document that evaluation would still read,
// Parse reads it and Validate reports it, as IAM Access Analyzer would
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html):
//   - an empty Statement list: the document allows nothing
//     (MISSING_STATEMENT);
//   - an empty Action or Resource list matches nothing, an empty
//     NotAction or NotResource list excludes nothing (MISSING_ACTION,
//     MISSING_RESOURCE);
//   - an action outside the grammar's "*" or <service>:<action>, whose
//     service prefix is letters, digits and hyphens without wildcards
//     ("*:Get*", "GetReport", "artifact:Get:Report"), is matched as a
//     pattern like any other (MALFORMED_ACTION);
//   - a Sid other than letters and digits, and duplicate Sids
//     (INVALID_SID, DUPLICATE_SID).
//
// The grammar is https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html;
// actions and their prefixes are described in
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html.
// Parse is linear in the size of the document, however many names an
// object has.
//
// # Evaluation
//
// [Compile] turns the policies that apply to one principal (a [Set]) into
// an [Evaluator]: parse once, evaluate many. Compile checks the documents
// with Parse's rules but does not parse them again, and
// [Evaluator.ExemptFromSCPs] derives the evaluator of the same principal
// in the organization's management account without compiling anything.
// [Evaluator.Decide] answers a [Request] with a [Decision] and allocates
// nothing; [Evaluator.Explain] also lists every statement that matched.
// [Evaluator.ConditionKeys] lists the condition keys the policies refer
// to, in conditions and policy variables: a service that adds keys only
// some policies test (a resource's tags) adds only those.
// The logic is AWS's
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// an explicit Deny anywhere wins; otherwise the identity policies must
// allow, every SCP level must allow (unless the account is exempt, as the
// management account is), and the permissions boundary, if any, must
// allow; otherwise the request is implicitly denied.
//
// Matching follows IAM: action names are case-insensitive, resources and
// condition values case-sensitive unless an operator says otherwise, "*"
// and "?" are wildcards, ARNs are compared component by component, and a
// request on no resource (resource "*") is matched only by a policy
// resource of "*". Conditions support every operator of the IAM reference,
// including ...IfExists, ForAnyValue: and ForAllValues:, and policy
// variables (${aws:username}, ${aws:PrincipalTag/team}, ${*}, ${?}, ${$},
// defaults such as ${aws:username, 'anonymous'}) in policies of Version
// 2012-10-17.
//
// # A request's condition keys
//
// A request's condition keys are held by a [Context], built per request
// from [Pair]s with [ContextOf]:
//
//	current, epoch := times.At(now) // a TimeKeys shared by all requests
//	req := policy.Request{
//		Principal: principal,
//		Action:    "artifact:GetReport",
//		Resource:  reportARN,
//		Context: policy.ContextOf(
//			policy.NewPair("aws:SourceIp", clientIP),
//			policy.NewPair("aws:SecureTransport", "true"),
//			policy.NewPair("aws:RequestedRegion", region),
//			current, epoch,
//		),
//	}
//	if d := evaluators[principal].Decide(&req); d != policy.Allow {
//		return deny(d, evaluators[principal].Explain(&req)) // explain on demand
//	}
//
// That is the fast way: NewPair does no work, a Context holds up to
// eight keys in itself, and ContextOf only copies the pairs into it: no
// key is hashed or lower-cased (a lookup compares the key's length and
// last bytes, then its spelling, before folding case), and a value is
// read as a number, date, address or boolean only if a condition looks
// its key up. [TimeKeys] formats the time keys once a second. So the
// context costs a few times the decision, and with the Request on the
// stack the whole call allocates nothing (a key that is not ASCII is read
// when it is added, which allocates). A value shared by many requests is
// best made once by [SharedPair].
//
// A service that holds keys of its own for each caller (aws:PrincipalArn,
// aws:PrincipalAccount, the caller's tags) builds that context once, with
// [ContextOf] or [NewContext], and points each request at it as its
// [Request.Base]: the request's Context then holds only the request's own
// keys, which replace the Base's keys of the same name, and nothing of the
// Base is copied or read again:
//
//	req := policy.Request{
//		Principal: caller.ARN,
//		Action:    action,
//		Resource:  resource,
//		Base:      &caller.Keys, // built once per caller, shared
//		Context:   policy.ContextOf(policy.NewPair("aws:SourceIp", clientIP), current, epoch),
//	}
//
// [Context.Extend] instead copies a base context into a new one with the
// request's keys added. [NewContext], which reads a map, sorts it and
// allocates for each key, is for tests and tools.
//
// # Artifact's vocabulary
//
// [LookupAction] and [Actions] describe the artifact:* actions of the
// Service Authorization Reference, including the legacy artifact:Get and
// artifact:DownloadAgreement (rule G6). Artifact's ARNs, their parsers and
// builders are package github.com/artifactkit/artifactkit/artifact/aws's,
// the vocabulary every package shares.
//
// # Where AWS documents nothing
//
// The package then chooses, and says so:
//   - Parse refuses duplicate JSON names, empty lists of condition values
//     and of principals, empty Resource strings and condition keys without
//     a service prefix; it accepts operator names and the
//     ForAnyValue:/ForAllValues: qualifiers in any ASCII case.
//   - An action with a wildcard in its service prefix ("*:GetReport")
//     matches as a pattern over the whole "service:action" name.
//   - A condition value that is not of its operator's type (a number, a
//     date, a CIDR block, true/false, base64) matches nothing, so a
//     negated operator holds; Validate reports it.
//   - Without a qualifier, an operator on a multivalued key holds when
//     some value matches; a negated one when none does. A key present with
//     an empty list is an empty set.
//   - A string of digits is a date in seconds since the epoch; '?' is one
//     Unicode character; action names, operator names and Bool values
//     fold ASCII case only.
//   - A Resource that is not a six-component ARN is matched as a whole; an
//     Arn condition value must have six components (or be "*").
//   - Substituted variable values are literal text; a variable naming a
//     multivalued key has no value.
//   - An SCP level without policies allows nothing; a permissions boundary
//     binds the root user too. Resource policies are parsed, not
//     evaluated. Condition keys come from the Context only (nothing is
//     derived from Request.Principal).
//
// # Concurrency
//
// Documents are plain values: do not modify one while another goroutine
// reads it. An [Evaluator] is immutable once compiled and safe for
// concurrent use, as is a [Context] that is no longer being modified, a
// [Pair], and a [TimeKeys].
//
// # Rules
//
// Rule ids such as G6 or G7 are those of the project's rulebook, RULES.md at
// the root of the repository, which states each rule and cites AWS's
// public documentation for it; "FAQ Agreements 5" or "BAA FAQ 12" is a
// question of the AWS Artifact FAQs (https://aws.amazon.com/artifact/faq/),
// numbered within its section as RULES.md says.
package policy
