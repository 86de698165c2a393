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
	// Base, when not nil, holds condition keys that many requests share
	// (a caller's own keys, built once): the request has Base's keys
	// that Context does not name. Evaluation only reads Base, so
	// requests on many goroutines may share it while it is not changed.
	// It spares each request a copy of keys it does not own.
	Base *Context
}

// request is a Request prepared once for matching every statement, with a
// memo of the patterns and conditions already evaluated (the first 64 of
// each table).
type request struct {
	action   string
	actionID int
	target   target
	// v holds the Request's Context and Base, for policy variables;
	// entries are the Context's pairs, which keySlot indexes with the
	// Base's.
	v       vars
	entries []Pair
	// parsed holds, by key slot, the values of raw pairs, read when a
	// condition first looks their key up (bit slot of parsedDone); nil
	// when the request has no raw pairs.
	parsed     *[maxKeySlots]ctxValue
	parsedDone uint16
	actDone    uint64
	actVal     uint64
	resDone    uint64
	resVal     uint64
	condDone   uint64
	condVal    uint64
	// keySlot caches where the request holds the first condition keys:
	// 0 not looked up yet, -1 absent, k+1 at pair k of the Context, and
	// baseSlot|k+1 at pair k of the Base.
	keySlot [maxKeySlots]int16
}

// maxKeySlots is the number of condition keys whose lookups are cached
// per request.
const maxKeySlots = 16

// baseSlot flags in request.keySlot a pair of the Base; pair indices
// below baseSlot-1 are cached.
const baseSlot = 1 << 14

// unparsed reports whether r holds values to read when a condition looks
// their key up, for which its evaluation needs scratch space.
func (r *Request) unparsed() bool {
	return r.Context.raw || r.Base != nil && r.Base.raw
}

// prepare fills the zero request q for r, in place: the request is large
// and copying it would cost more than matching a simple policy. The caller
// sets q.v, q.entries and, when r.unparsed(), q.parsed itself, so
// that r and the scratch space do not escape.
func (e *Evaluator) prepare(q *request, r *Request, id int) {
	q.action = r.Action
	q.actionID = id
	q.target.s = r.Resource
	q.target.star = r.Resource == "*"
	if e.split {
		q.target.comp, q.target.res, q.target.arn = splitARN(r.Resource)
	}
}

// Decide evaluates r and returns the decision. It allocates nothing. A nil
// Evaluator or Request, or an Evaluator not built by Compile, is an
// implicit deny.
func (e *Evaluator) Decide(r *Request) Decision {
	if e == nil || r == nil || len(e.layers) == 0 {
		return ImplicitDeny
	}
	id := actionID(r.Action)
	if r.unparsed() && (id < 0 || e.testsKeys[id]) {
		return e.decideReading(r, id)
	}
	var q request
	q.v, q.entries = vars{&r.Context, r.Base}, r.Context.list()
	e.prepare(&q, r, id)
	for i := range e.layers {
		if e.layerDenies(&e.layers[i], &q) {
			return ExplicitDeny
		}
	}
	for i := range e.layers {
		l := &e.layers[i]
		if l.name == LayerIdentity && e.root {
			continue
		}
		if !e.layerAllows(l, &q) {
			return ImplicitDeny
		}
	}
	return Allow
}

// decideReading is Decide for a request with values to read when their
// keys are looked up, with the scratch space they are read into. (In
// Decide itself, that space would be cleared for every request. Decide
// does without it when no statement it tests for the action has
// conditions: no key is then looked up.)
func (e *Evaluator) decideReading(r *Request, id int) Decision {
	var parsed [maxKeySlots]ctxValue
	var q request
	q.v, q.entries, q.parsed = vars{&r.Context, r.Base}, r.Context.list(), &parsed
	e.prepare(&q, r, id)
	return e.decide(&q)
}

// decide decides the prepared request q, as Decide does.
func (e *Evaluator) decide(q *request) Decision {
	for i := range e.layers {
		if e.layerDenies(&e.layers[i], q) {
			return ExplicitDeny
		}
	}
	for i := range e.layers {
		l := &e.layers[i]
		if l.name == LayerIdentity && e.root {
			continue
		}
		if !e.layerAllows(l, q) {
			return ImplicitDeny
		}
	}
	return Allow
}

// layerDenies reports whether a Deny statement of l applies to the
// request.
func (e *Evaluator) layerDenies(l *layer, q *request) bool {
	if q.actionID >= 0 {
		c := &l.byAction[q.actionID]
		for _, s := range c.stmts[:c.nDeny] {
			if e.rest(s, q) {
				return true
			}
		}
		return false
	}
	for i := 0; i < l.nDeny; i++ {
		if e.applies(&l.stmts[i], q) {
			return true
		}
	}
	return false
}

// layerAllows reports whether an Allow statement of l applies to the
// request.
func (e *Evaluator) layerAllows(l *layer, q *request) bool {
	if q.actionID >= 0 {
		c := &l.byAction[q.actionID]
		for _, s := range c.stmts[c.nDeny:] {
			if e.rest(s, q) {
				return true
			}
		}
		return false
	}
	for i := l.nDeny; i < len(l.stmts); i++ {
		if e.applies(&l.stmts[i], q) {
			return true
		}
	}
	return false
}

// applies reports whether the statement applies to the request: its
// action, resource and conditions all match.
func (e *Evaluator) applies(s *stmt, q *request) bool {
	if q.actionID >= 0 {
		if !e.actionClause(s, catalog[q.actionID].Name) {
			return false
		}
		return e.rest(s, q)
	}
	matched := false
	for _, i := range s.acts {
		if e.action(i, q) {
			matched = true
			break
		}
	}
	if matched == s.notAction {
		return false
	}
	return e.rest(s, q)
}

// rest reports whether the statement's resource and conditions match; the
// action is known to match. The request's memo often decides the
// statement without a loop: its resource patterns are known, or one of
// its conditions is known to fail, or all are known to hold.
func (e *Evaluator) rest(s *stmt, q *request) bool {
	var matched bool
	if m := s.resMask; m != 0 && q.resDone&m == m {
		matched = q.resVal&m != 0
	} else {
		matched = e.resourceClause(s, q)
	}
	if matched == s.notResource {
		return false
	}
	if m := s.condMask; m != 0 {
		known := q.condDone & m
		if known&^q.condVal != 0 {
			return false // a condition already failed for this request
		}
		if known == m {
			return true
		}
	}
	// Test the conditions, cheapest first (s.conds is sorted by cost),
	// remembering the results of the first 64.
	for _, i := range s.conds {
		if i >= 64 {
			if !e.evalCond(i, q) {
				return false
			}
			continue
		}
		bit := uint64(1) << i
		if q.condDone&bit != 0 {
			if q.condVal&bit == 0 {
				return false
			}
			continue
		}
		q.condDone |= bit
		if !e.evalCond(i, q) {
			return false
		}
		q.condVal |= bit
	}
	return true
}

// resourceClause reports whether one of the statement's Resource or
// NotResource patterns matches the request's resource.
func (e *Evaluator) resourceClause(s *stmt, q *request) bool {
	for _, i := range s.ress {
		if e.resource(i, q) {
			return true
		}
	}
	return false
}

// evalCond evaluates condition i, looking its key up in the request at
// most once.
func (e *Evaluator) evalCond(i uint16, q *request) bool {
	c := &e.conds[i]
	var rv []ctxValue
	present := false
	if c.slot < maxKeySlots {
		if k := q.keySlot[c.slot]; k > 0 {
			// One value of the Context, read: the common case, inline.
			if k < baseSlot {
				if x := q.entries[k-1].e; x != nil && x.n == 1 {
					return c.evalValues(x.one[:], true, &q.v)
				}
			}
			rv, present = q.valuesAt(k, c.slot), true
		} else if k == 0 {
			rv, present = e.resolve(c, q)
		}
		return c.evalValues(rv, present, &q.v)
	}
	if x, _ := q.find(&c.key); x != nil {
		if x.e == nil {
			var v [1]ctxValue
			v[0].parse(x.s)
			return c.evalValues(v[:], true, &q.v)
		}
		rv, present = x.e.values(), true
	}
	return c.evalValues(rv, present, &q.v)
}

// find returns the pair of key k: the Context's or, when it has none, the
// Base's; nil when neither has one. code is its keySlot code, 0 when it is
// not cached.
func (q *request) find(k *lookupKey) (x *Pair, code int16) {
	if j := q.v.ctx.findKey(k); j >= 0 {
		if j < baseSlot-1 {
			code = int16(j + 1)
		}
		return &q.entries[j], code
	}
	if q.v.base != nil {
		if j := q.v.base.findKey(k); j >= 0 {
			if j < baseSlot-1 {
				code = int16(j+1) | baseSlot
			}
			return q.v.base.at(j), code
		}
	}
	return nil, 0
}

// valuesAt returns the values of the pair of keySlot code code, whose key
// has slot slot: those read already, or those read from its raw value,
// once per request.
func (q *request) valuesAt(code int16, slot int) []ctxValue {
	var x *Pair
	if code&baseSlot == 0 {
		x = &q.entries[code-1]
	} else {
		x = q.v.base.at(int(code&^baseSlot - 1))
	}
	if x.e != nil {
		return x.e.values()
	}
	if bit := uint16(1) << slot; q.parsedDone&bit == 0 {
		q.parsedDone |= bit
		q.parsed[slot].parse(x.s)
	}
	return q.parsed[slot : slot+1]
}

// resolve looks the key of condition c up in the request, remembers where
// it is in q.keySlot (c.slot < maxKeySlots) and returns its values.
//
// When the key has one value, it also decides the conditions of
// e.byKey[c.slot]: a word test each, cheaper than coming back for each
// later, so that statements with conditions on the key then often need
// no condition evaluation at all. (The caller is about to evaluate one of
// them, and gets the same answer.)
func (e *Evaluator) resolve(c *cond, q *request) ([]ctxValue, bool) {
	var x *Pair
	var code int16
	if j := q.v.ctx.findKey(&c.key); j >= 0 {
		x = &q.entries[j]
		if j < baseSlot-1 {
			code = int16(j + 1)
		}
	} else if q.v.base != nil {
		x, code = q.find(&c.key)
	}
	if x == nil {
		q.keySlot[c.slot] = -1
		return nil, false
	}
	var vs []ctxValue
	switch {
	case code != 0:
		q.keySlot[c.slot] = code
		if x.e != nil && x.e.n == 1 {
			vs = x.e.one[:]
		} else {
			vs = q.valuesAt(code, c.slot)
		}
	case x.e != nil:
		vs = x.e.values()
	default:
		// Past the cached pairs: read where it is kept for the slot.
		q.parsed[c.slot] = parseValue(x.s)
		vs = q.parsed[c.slot : c.slot+1]
	}
	if len(vs) == 1 {
		g := &e.byKey[c.slot]
		w := vs[0].word
		var hits uint64
		for _, t := range g.tests {
			if w&t.mask == t.want {
				hits |= t.bit
			}
		}
		q.condVal |= (hits ^ g.neg) & g.conds
		q.condDone |= g.conds
	}
	return vs, true
}

func (e *Evaluator) action(i uint16, q *request) bool {
	if i >= 64 {
		return e.acts[i].match(q.action, nil)
	}
	bit := uint64(1) << i
	if q.actDone&bit == 0 {
		q.actDone |= bit
		if e.acts[i].match(q.action, nil) {
			q.actVal |= bit
		}
	}
	return q.actVal&bit != 0
}

func (e *Evaluator) resource(i uint16, q *request) bool {
	if i >= 64 {
		return e.ress[i].match(&q.target, &q.v)
	}
	bit := uint64(1) << i
	if q.resDone&bit == 0 {
		q.resDone |= bit
		if e.ress[i].match(&q.target, &q.v) {
			q.resVal |= bit
		}
	}
	return q.resVal&bit != 0
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
	Policy int
	// PolicyID is the policy's Id element, or "" when it has none.
	PolicyID string
	// Statement is the index of the statement in its policy and Sid its
	// Sid element.
	Statement int
	// Sid is the statement's Sid element, or "" when it has none.
	Sid string
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
	if e == nil || r == nil || len(e.layers) == 0 {
		return Explanation{Missing: LayerIdentity}
	}
	var parsed [maxKeySlots]ctxValue
	var q request
	q.v, q.entries, q.parsed = vars{&r.Context, r.Base}, r.Context.list(), &parsed
	e.prepare(&q, r, actionID(r.Action))
	var x Explanation
	denied := false
	for i := range e.layers {
		l := &e.layers[i]
		allowed := l.name == LayerIdentity && e.root
		for j := range l.stmts {
			s := &l.stmts[j]
			if !e.applies(s, &q) {
				continue
			}
			x.Matches = append(x.Matches, *s.where)
			if s.deny {
				denied = true
			} else {
				allowed = true
			}
		}
		if !allowed && x.Missing == "" {
			x.Missing = l.name
		}
	}
	sort.SliceStable(x.Matches, func(i, j int) bool {
		a, b := x.Matches[i], x.Matches[j]
		if ra, rb := layerRank(a.Layer), layerRank(b.Layer); ra != rb {
			return ra < rb
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
		x.Decision, x.Missing = ExplicitDeny, ""
	case x.Missing != "":
		x.Decision = ImplicitDeny
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
