package artifact

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/policy"
)

// The lifecycle of a call. Every operation runs as one: begin (or
// internal, for the service's own side) starts it with its request
// parameters; authorize decides it against the caller's policies; the
// operation does its work and announces what changed (events.go); end
// records it in the audit trail whatever the outcome (G5) and turns its
// error into AWS's.

// call is one operation in progress.
type call struct {
	s      *Service
	c      *Caller
	op     string // the operation, as CloudTrail names the event
	now    time.Time
	params params
	// action and resource are those of the first authorization, which the
	// audit record names.
	action, resource string
	denied           bool
	internal         bool
	// tags are the tag condition keys of an action on a compliance
	// inquiry (aws:ResourceTag/..., aws:RequestTag/..., aws:TagKeys).
	tags tagContext
	// subject is the resource the call is about, which its errors name.
	subject resource
}

// begin starts operation op for caller c with request parameters ps.
func (s *Service) begin(c *Caller, op string, ps ...audit.Param) call {
	k := call{s: s, c: c, op: op, now: s.now()}
	k.params.add(ps...)
	return k
}

// params are the request parameters of a call, the first few kept
// without an allocation: the audit trail copies them.
type params struct {
	n    int
	buf  [4]audit.Param
	more []audit.Param // all of them, once there are more than fit in buf
}

// add appends ps.
func (p *params) add(ps ...audit.Param) {
	if p.more == nil && p.n+len(ps) <= len(p.buf) {
		p.n += copy(p.buf[p.n:], ps)
		return
	}
	if p.more == nil {
		p.more = append(make([]audit.Param, 0, p.n+len(ps)), p.buf[:p.n]...)
	}
	p.more = append(p.more, ps...)
}

// about records that the call is about resource id of type typ.
func (k *call) about(typ, id string) { k.subject = resource{typ: typ, id: id} }

// report appends the parameters naming version v of report id (none for
// the version when v is nil, the latest).
func (p *params) report(id string, v *int64) {
	p.add(param("reportId", id))
	if v != nil {
		p.add(param("reportVersion", strconv.FormatInt(*v, 10)))
	}
}

// page appends the parameters of a List call.
func (p *params) page(maxResults int, nextToken string) {
	if maxResults != 0 {
		p.add(param("maxResults", strconv.Itoa(maxResults)))
	}
	if nextToken != "" {
		p.add(param("nextToken", nextToken))
	}
}

// list returns the parameters; it shares p's memory.
func (p *params) list() []audit.Param {
	if p.more != nil {
		return p.more
	}
	return p.buf[:p.n]
}

// auditParams is a shorthand for the parameters of an internal call.
func auditParams(kv ...string) []audit.Param {
	ps := make([]audit.Param, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		ps = append(ps, param(kv[i], kv[i+1]))
	}
	return ps
}

// hidden is what CloudTrail shows for a token in requestParameters.
const hidden = "HIDDEN_DUE_TO_SECURITY_REASONS"

// param returns a request parameter for the audit record; tokens are
// recorded as CloudTrail records them, hidden.
func param(name, value string) audit.Param { return audit.Param{Name: name, Value: value} }

// secret returns a token parameter, hidden unless empty.
func secret(name, value string) audit.Param {
	if value != "" {
		value = hidden
	}
	return audit.Param{Name: name, Value: value}
}

// errNoCaller is the cause of a call without a caller.
var errNoCaller = errors.New("no caller")

// authorize checks that the caller may perform action on resource, with
// extra condition keys (nil for none). It returns nil or an
// *AccessDeniedException, and a *ValidationException for a call without a
// caller.
func (k *call) authorize(ctx context.Context, action, resource string, extra *extraKeys) error {
	return k.authorizeAs(ctx, action, resource, resource, extra)
}

// authorizeAs is authorize evaluating resource but naming named in a denial
// and in its audit record, for a resource the caller named less precisely
// than the service resolved it (the latest version of a report): a denial
// then says nothing the caller did not say.
func (k *call) authorizeAs(ctx context.Context, action, resource, named string, extra *extraKeys) error {
	if k.action == "" {
		k.action, k.resource = action, resource
	}
	if err := k.needCaller(); err != nil {
		return err
	}
	var req policy.Request
	eval := k.request(ctx, action, resource, extra, &req)
	d := eval.Decide(&req)
	if d == policy.Allow {
		return nil
	}
	k.denied = true
	// The audit record names the permission that was missing.
	k.action, k.resource = action, named
	return newAccessDenied(k.c.principal, action, named, d == policy.ExplicitDeny, eval.Explain(&req).String())
}

// needCaller refuses a call without a caller.
func (k *call) needCaller() error {
	if k.c != nil {
		return nil
	}
	k.denied = true
	return &ValidationException{Message: "no caller: every call needs a Caller", Reason: ReasonOther, Err: errNoCaller}
}

// allows reports whether the call's caller may perform action on resource;
// unlike authorize, a refusal is not the call's denial.
func (k *call) allows(ctx context.Context, action, resource string, extra *extraKeys) bool {
	if k.c == nil {
		return false
	}
	var req policy.Request
	eval := k.request(ctx, action, resource, extra, &req)
	return eval.Decide(&req) == policy.Allow
}

// request returns the evaluator and fills in the request that decide
// whether the call's caller may perform action on resource: the caller's
// request context, shared as its Base, and in its Context the request's
// own keys (Caller.WithRequestKeys) and the call's tag keys. (A
// policy.Request holds its context inline: filled in place, it is not
// copied.)
func (k *call) request(ctx context.Context, action, resource string, extra *extraKeys, req *policy.Request) *policy.Evaluator {
	req.Principal, req.Action, req.Resource = k.c.principal, action, resource
	req.Base = k.c.requestContext(k.s.keys.at(k.now), k.s.keys.region, extra)
	if k.c.own.Len() > 0 {
		req.Context = k.c.own
	}
	if k.c.tagKeys != nil {
		req.Context = k.tags.extend(req.Context, k.c.tagKeys)
	}
	return k.s.evaluator(ctx, k.c, k.now)
}

// evaluator returns the evaluator for c's request at now: without the SCPs
// for a principal of its organization's management account, which SCPs do
// not limit.
func (s *Service) evaluator(ctx context.Context, c *Caller, now time.Time) *policy.Evaluator {
	if c.exempt == nil {
		return c.eval
	}
	m, err := s.dir.OrganizationOf(ctx, c.account, now)
	if err != nil || !m.InOrganization() {
		return c.eval
	}
	o, err := s.dir.Organization(ctx, m.Org)
	if err != nil || o.ManagementAccount != c.account {
		return c.eval
	}
	return c.exempt
}

// end records the call in the audit trail and returns err as an APIError
// (nil on success). A failure to record is an InternalServerException.
func (k *call) end(ctx context.Context, err error) error {
	if err != nil {
		err = k.apiError(err)
	}
	// The parameters go to the trail in a pooled buffer: through the audit
	// store they escape, and the call itself stays on the stack.
	buf, _ := k.s.params.Get().(*[]audit.Param)
	if buf == nil {
		buf = new([]audit.Param)
	}
	ps := append((*buf)[:0], k.params.list()...)
	e := audit.Entry{
		EventName: k.op,
		Principal: k.principalName(),
		Account:   k.account(),
		Resource:  k.resource,
		Action:    k.action,
		Decision:  audit.Allowed,
		Time:      k.now,
	}
	if len(ps) > 0 {
		e.Params = ps
	}
	if k.denied {
		e.Decision = audit.Denied
	}
	if err != nil {
		var api APIError
		if errors.As(err, &api) {
			e.ErrorCode = api.ErrorCode()
			e.ErrorMessage = err.Error()
		}
	}
	_, aerr := k.s.log.Append(ctx, e)
	clear(ps) // keep no caller's strings alive
	*buf = ps[:0]
	k.s.params.Put(buf)
	if aerr != nil && err == nil {
		return &InternalServerException{Message: "the call succeeded but could not be recorded in the audit trail", Err: aerr}
	}
	return err
}

func (k *call) principalName() string {
	if k.internal {
		return ServicePrincipal
	}
	if k.c == nil {
		return ""
	}
	return k.c.principal
}

func (k *call) account() aws.AccountID {
	if k.c == nil {
		return ""
	}
	return k.c.account
}

// internal starts an operation of the service's own side, which needs no
// authorization: AWS acting (publishing a report, recording an offline
// BAA), or the host acting as AWS Organizations. The audit trail names
// ServicePrincipal and the operation as the action.
func (s *Service) internal(op, resource string, ps ...audit.Param) call {
	k := call{s: s, op: op, now: s.now(), action: op, resource: resource, internal: true}
	k.params.add(ps...)
	return k
}
