package artifact

import (
	"maps"
	"strings"
	"sync/atomic"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/policy"
)

// PermissionModel is the set of IAM actions an account's calls are
// authorized with (rule G6).
type PermissionModel int

const (
	// FineGrained is today's model, and the default: one action per
	// operation (artifact:GetReport, artifact:AcceptAgreement, ...),
	// report actions on report ARNs with the artifact:ReportSeries and
	// artifact:ReportCategory condition keys.
	FineGrained PermissionModel = iota
	// Legacy is the model AWS deprecated in 2025: reports need
	// artifact:Get on arn:aws:artifact:::report-package/<category>/<series>/<name>,
	// reading an agreement needs artifact:DownloadAgreement, and accepting
	// one needs artifact:DownloadAgreement as well as
	// artifact:AcceptAgreement.
	Legacy
)

// String returns "fine-grained" or "legacy".
func (m PermissionModel) String() string {
	if m == Legacy {
		return "legacy"
	}
	return "fine-grained"
}

// Identity describes who calls the service: a principal of an account with
// the policies that apply to it, for NewCaller.
type Identity struct {
	// Account is the caller's 12-digit account id.
	Account org.AccountID
	// Principal is "root" (or empty) for the account's root user, or the
	// ARN of an IAM user or role of Account (an assumed-role session ARN
	// is accepted too).
	Principal string
	// Policies are the principal's identity policies (kind
	// policy.Identity): inline and managed, its own and its groups'.
	// The root user needs none (rule G1).
	Policies []*policy.Document
	// SCPs are the organization's service control policies that apply
	// to the account, one slice per level, the root first (see
	// policy.Set.SCPs). The service does not apply them to a principal of
	// its organization's management account, as AWS does not.
	SCPs [][]*policy.Document
	// Boundary is the principal's permissions boundary, or nil.
	Boundary *policy.Document
	// Context holds the request's global condition keys: MFA
	// (aws:MultiFactorAuthPresent), source IP (aws:SourceIp),
	// principal tags (aws:PrincipalTag/...), and so on. The service adds
	// aws:PrincipalArn, aws:PrincipalAccount, aws:RequestedRegion,
	// aws:CurrentTime and aws:EpochTime when they are absent.
	//
	// The keys that describe the resource acted on and what the request
	// sets are the service's alone, as they are AWS's: aws:ResourceTag/...,
	// aws:RequestTag/... and aws:TagKeys (from the compliance inquiry and
	// the request, Q5) and artifact:ReportSeries and
	// artifact:ReportCategory (from the report, G7). Context never
	// supplies them: NewCaller, WithContext and WithRequestKeys drop them
	// (in any letter case), so that a caller cannot claim a tag its
	// inquiry does not have, or a report series it does not act on.
	Context map[string][]string
	// Model is the permission model the account's calls are authorized
	// with; FineGrained unless the account stayed on the legacy one (G6).
	Model PermissionModel
	// Partition is the AWS partition of the root user's ARN
	// (arn:<partition>:iam::<account>:root); "aws" when empty.
	Partition string
}

// A Caller is an Identity compiled for authorization: parse once, call
// many times. It is immutable and safe for concurrent use; WithContext
// derives a caller for a request whose condition keys differ.
type Caller struct {
	account   org.AccountID
	principal string // ARN; arn:<partition>:iam::<account>:root for the root user
	root      bool
	model     PermissionModel
	eval      *policy.Evaluator
	// exempt is eval without the SCPs, for a principal of the management
	// account; nil when there are no SCPs.
	exempt *policy.Evaluator
	// ctx holds the request's keys with the principal's own added; it is
	// not changed once the caller is made.
	ctx *policy.Context
	// own holds the keys of one request (WithRequestKeys), which replace
	// ctx's and the service's keys of the same names.
	own policy.Context
	// hasTime and hasRegion record whether the caller supplied
	// aws:CurrentTime / aws:EpochTime and aws:RequestedRegion.
	hasTime, hasRegion bool
	// tagKeys are the tag condition keys the caller's policies name
	// (aws:ResourceTag/..., aws:RequestTag/..., aws:TagKeys): the only
	// ones of a compliance inquiry's tags that can change a decision, and
	// the only ones added to its requests. Nil when they name none.
	tagKeys *namedTagKeys
	// region is the region the caller's requests name.
	region string
	// last remembers the caller's latest request context, which its next
	// request reuses when it has the same keys (same second, same report
	// keys): an auditor's GetTermForReport and GetReport, a burst of calls.
	last *atomic.Pointer[lastRequest]
}

// NewCaller compiles id. It fails with a *ValidationException when the
// account or principal is malformed or the principal is of another
// account, and when a policy is invalid or of the wrong kind.
func NewCaller(id Identity) (*Caller, error) {
	if !id.Account.IsValid() {
		return nil, invalidField("account", "must be 12 digits", aws.ErrInvalidInput)
	}
	c := &Caller{account: id.Account, model: id.Model}
	partition := id.Partition
	if partition == "" {
		partition = "aws"
	}
	if !aws.IsPartition(partition) {
		return nil, invalidField("partition", "unknown partition "+partition, aws.ErrInvalidInput)
	}
	switch id.Principal {
	case "", "root":
		c.root = true
		c.principal = aws.ARN{Partition: partition, Service: "iam", Account: string(id.Account), Resource: "root"}.String()
	default:
		a, err := aws.ParseARN(id.Principal)
		if err != nil {
			return nil, invalidField("principal", err.Error(), err)
		}
		if (a.Service != "iam" && a.Service != "sts") || a.Account != string(id.Account) || (id.Partition != "" && a.Partition != id.Partition) {
			return nil, invalidField("principal", "must be an IAM user or role of account "+string(id.Account), aws.ErrInvalidInput)
		}
		c.root = strings.HasSuffix(id.Principal, ":root")
		c.principal = id.Principal
	}
	if id.Model != FineGrained && id.Model != Legacy {
		return nil, invalidField("model", "unknown permission model", nil)
	}
	set := policy.Set{Identity: id.Policies, SCPs: id.SCPs, Boundary: id.Boundary, Root: c.root}
	var err error
	if c.eval, err = policy.Compile(set); err != nil {
		return nil, invalidField("policies", err.Error(), err)
	}
	if len(id.SCPs) > 0 {
		c.exempt = c.eval.ExemptFromSCPs()
	}
	c.tagKeys = namesTagKeys(c.eval)
	ctx := policy.NewContext(withoutServiceKeys(id.Context))
	c.ctx = &ctx
	c.addOwnKeys()
	c.last = new(atomic.Pointer[lastRequest])
	return c, nil
}

// addOwnKeys adds the principal's keys the caller did not supply and
// notes which request keys it did.
func (c *Caller) addOwnKeys() {
	if _, ok := c.ctx.Lookup("aws:PrincipalArn"); !ok {
		c.ctx.Set("aws:PrincipalArn", c.principal)
	}
	if _, ok := c.ctx.Lookup("aws:PrincipalAccount"); !ok {
		c.ctx.Set("aws:PrincipalAccount", c.account.String())
	}
	_, t1 := c.ctx.Lookup("aws:CurrentTime")
	_, t2 := c.ctx.Lookup("aws:EpochTime")
	c.hasTime = t1 || t2
	if r, ok := c.ctx.Lookup("aws:RequestedRegion"); ok {
		c.hasRegion = true
		if len(r) == 1 {
			c.region = r[0]
		}
	}
}

// WithContext returns a caller like c whose request carries the condition
// keys kv instead of c's (a new source IP, MFA present, ...). The compiled
// policies are shared. The keys that are the service's alone are dropped,
// as from Identity.Context.
func (c *Caller) WithContext(kv map[string][]string) *Caller {
	d := *c
	ctx := policy.NewContext(withoutServiceKeys(kv))
	d.ctx, d.own, d.region = &ctx, policy.Context{}, ""
	d.addOwnKeys()
	d.last = new(atomic.Pointer[lastRequest])
	return &d
}

// Account returns the caller's account id.
func (c *Caller) Account() org.AccountID { return c.account }

// Principal returns the caller's ARN; for the root user
// arn:<partition>:iam::<account>:root.
func (c *Caller) Principal() string { return c.principal }

// IsRoot reports whether the caller is the account's root user.
func (c *Caller) IsRoot() bool { return c.root }

// Model returns the permission model the caller is authorized with.
func (c *Caller) Model() PermissionModel { return c.model }

// String returns the caller's ARN.
func (c *Caller) String() string { return c.principal }

// ServiceKey reports whether the condition key k (in any letter case) is
// one that only the service supplies, from the resource acted on and the
// request: aws:ResourceTag/..., aws:RequestTag/..., aws:TagKeys,
// artifact:ReportSeries and artifact:ReportCategory. A caller's context
// never holds them (see Identity.Context).
func ServiceKey(k string) bool {
	if len(k) < len("aws:TagKeys") {
		return false
	}
	// The fifth letter tells the candidates apart cheaply, so that the
	// keys a host sets per request (aws:SourceIp, aws:CurrentTime, ...)
	// cost a comparison each.
	switch k[4] | 0x20 {
	case 'r':
		return hasPrefixFold(k, "aws:ResourceTag/") || hasPrefixFold(k, "aws:RequestTag/")
	case 't':
		return strings.EqualFold(k, "aws:TagKeys")
	case 'f':
		return strings.EqualFold(k, "artifact:ReportSeries") || strings.EqualFold(k, "artifact:ReportCategory")
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// withoutServiceKeys returns kv without the keys that are the service's
// (kv itself when it holds none).
func withoutServiceKeys(kv map[string][]string) map[string][]string {
	for k := range kv {
		if ServiceKey(k) {
			out := maps.Clone(kv)
			maps.DeleteFunc(out, func(k string, _ []string) bool { return ServiceKey(k) })
			return out
		}
	}
	return kv
}
