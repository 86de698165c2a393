package policy

import (
	"fmt"
	"sort"
	"strings"
)

// A Request is one call to evaluate: who, which action, on what, in which
// context.
type Request struct {
	// Principal is the caller's ARN. Evaluation does not read it; it is
	// there for messages and audit. Condition keys such as aws:username
	// or aws:PrincipalArn come from Context only.
	Principal string
	// Action is the IAM action, e.g. "artifact:GetReport"; any case.
	Action string
	// Resource is the resource ARN, or "*" for actions on no resource
	// (ListReports, ListAgreements, GetAccountSettings, ...).
	Resource string
	// Context holds the request's condition keys.
	Context Context
}

// request is a Request prepared once for matching every statement.
type request struct {
	action string
	target target
	ctx    *Context
}

// Decide evaluates r and returns the decision. It allocates nothing. A nil
// Evaluator or Request is an implicit deny.
func (e *Evaluator) Decide(r *Request) Decision {
	if e == nil || r == nil {
		return ImplicitDeny
	}
	q := request{action: r.Action, target: makeTarget(r.Resource), ctx: &r.Context}
	if e.identity.denies(&q) {
		return ExplicitDeny
	}
	for i := range e.scps {
		if e.scps[i].denies(&q) {
			return ExplicitDeny
		}
	}
	if e.boundary != nil && e.boundary.denies(&q) {
		return ExplicitDeny
	}
	if !e.root && !e.identity.allows(&q) {
		return ImplicitDeny
	}
	for i := range e.scps {
		if !e.scps[i].allows(&q) {
			return ImplicitDeny
		}
	}
	if e.boundary != nil && !e.boundary.allows(&q) {
		return ImplicitDeny
	}
	return Allow
}

func (l *layer) denies(q *request) bool {
	for i := 0; i < l.nDeny; i++ {
		if l.stmts[i].applies(q) {
			return true
		}
	}
	return false
}

func (l *layer) allows(q *request) bool {
	for i := l.nDeny; i < len(l.stmts); i++ {
		if l.stmts[i].applies(q) {
			return true
		}
	}
	return false
}

// applies reports whether the statement applies to the request: its
// action, resource and conditions all match.
func (s *stmt) applies(q *request) bool {
	matched := false
	for i := range s.actions {
		if s.actions[i].match(q.action, nil) {
			matched = true
			break
		}
	}
	if matched == s.notAction {
		return false
	}
	matched = false
	for _, r := range s.resources {
		if r.match(&q.target, q.ctx) {
			matched = true
			break
		}
	}
	if matched == s.notResource {
		return false
	}
	for i := range s.conds {
		if !s.conds[i].eval(q.ctx) {
			return false
		}
	}
	return true
}

// A Match names a statement that applied to a request.
type Match struct {
	// Layer is the layer of the statement's policy.
	Layer Layer
	// Level is the organization level of an SCP (0 = the root); 0 for
	// other layers.
	Level int
	// Policy is the index of the policy in its layer (in its level, for
	// SCPs) and PolicyID its Id element.
	Policy   int
	PolicyID string
	// Statement is the index of the statement in its policy and Sid its
	// Sid element.
	Statement int
	Sid       string
	// Effect is the statement's effect.
	Effect Effect
}

// String names the statement by position and, when it has one, by Sid:
// "policy0.Statement[1]" or "policy0.Statement[0](ReadReports)".
func (m Match) String() string {
	if m.Sid != "" {
		return m.Position() + "(" + m.Sid + ")"
	}
	return m.Position()
}

// Position names the statement by position: "policy0.Statement[1]" for an
// identity policy, "scp0.Statement[0]" for an SCP of the first level
// ("level2.scp0.Statement[0]" deeper down), "boundary.Statement[0]" for
// the permissions boundary.
func (m Match) Position() string {
	switch m.Layer {
	case LayerSCP:
		if m.Level > 0 {
			return fmt.Sprintf("level%d.scp%d.Statement[%d]", m.Level, m.Policy, m.Statement)
		}
		return fmt.Sprintf("scp%d.Statement[%d]", m.Policy, m.Statement)
	case LayerBoundary:
		return fmt.Sprintf("boundary.Statement[%d]", m.Statement)
	}
	return fmt.Sprintf("policy%d.Statement[%d]", m.Policy, m.Statement)
}

// An Explanation is a decision with the statements behind it.
type Explanation struct {
	// Decision is what Decide returns for the same request.
	Decision Decision
	// Matches lists every statement that applied to the request, Allow
	// and Deny, in layer order (identity, SCP levels, boundary) and
	// document order within a layer.
	Matches []Match
	// Missing is, for an implicit deny, the first layer that did not
	// allow the request; empty otherwise.
	Missing Layer
}

// Explain evaluates r like Decide and also reports every statement that
// applied. It allocates; use Decide on hot paths.
func (e *Evaluator) Explain(r *Request) Explanation {
	if e == nil || r == nil {
		return Explanation{Missing: LayerIdentity}
	}
	q := request{action: r.Action, target: makeTarget(r.Resource), ctx: &r.Context}
	var x Explanation
	denied := false
	missing := Layer("")
	visit := func(l *layer, name Layer, implicitAllow bool) {
		allowed := implicitAllow
		for i := range l.stmts {
			s := &l.stmts[i]
			if !s.applies(&q) {
				continue
			}
			x.Matches = append(x.Matches, s.where)
			if s.deny {
				denied = true
			} else {
				allowed = true
			}
		}
		if !allowed && missing == "" {
			missing = name
		}
	}
	visit(&e.identity, LayerIdentity, e.root)
	for i := range e.scps {
		visit(&e.scps[i], LayerSCP, false)
	}
	if e.boundary != nil {
		visit(e.boundary, LayerBoundary, false)
	}
	sort.SliceStable(x.Matches, func(i, j int) bool {
		a, b := x.Matches[i], x.Matches[j]
		if la, lb := layerRank(a.Layer), layerRank(b.Layer); la != lb {
			return la < lb
		}
		if a.Level != b.Level {
			return a.Level < b.Level
		}
		if a.Policy != b.Policy {
			return a.Policy < b.Policy
		}
		return a.Statement < b.Statement
	})
	switch {
	case denied:
		x.Decision = ExplicitDeny
	case missing != "":
		x.Decision, x.Missing = ImplicitDeny, missing
	default:
		x.Decision = Allow
	}
	return x
}

func layerRank(l Layer) int {
	switch l {
	case LayerSCP:
		return 1
	case LayerBoundary:
		return 2
	}
	return 0
}

// String writes the decision on the first line, then one line per
// matching statement with its effect, e.g. "scp0.Statement[1] Deny".
func (x Explanation) String() string {
	var b strings.Builder
	b.WriteString(x.Decision.String())
	if x.Missing != "" {
		fmt.Fprintf(&b, " (no statement of the %s layer allows the request)", x.Missing)
	}
	for _, m := range x.Matches {
		fmt.Fprintf(&b, "\n%s %s", m, m.Effect)
	}
	return b.String()
}

// Of returns the matches of one layer and effect.
func (x Explanation) Of(l Layer, e Effect) []Match {
	var out []Match
	for _, m := range x.Matches {
		if m.Layer == l && m.Effect == e {
			out = append(out, m)
		}
	}
	return out
}
