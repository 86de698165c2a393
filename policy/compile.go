package policy

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// A Set holds the policies that apply to one principal.
type Set struct {
	// Identity holds the principal's identity policies (Kind Identity):
	// inline and managed, of the user or role and of its groups.
	Identity []*Document
	// SCPs holds the service control policies (Kind ServiceControl) that
	// apply to the principal's account, one slice per level of the
	// organization, the root first and the account itself last. A nil or
	// empty SCPs means the account is not limited by SCPs. At every level
	// some SCP must allow the request; a level with no SCPs allows nothing.
	SCPs [][]*Document
	// Boundary is the principal's permissions boundary (Kind Identity),
	// or nil.
	Boundary *Document
	// Root marks the account's root user: it needs no identity policy to
	// be allowed (rule G1), but SCPs still limit it and explicit denies
	// still apply.
	Root bool
	// SCPExempt marks a principal of the organization's management
	// account, which SCPs do not limit.
	SCPExempt bool
}

// An Evaluator decides requests for one principal. It is built by
// [Compile], immutable, and safe for concurrent use.
//
// Its compiled form is built for Decide: action patterns are lower-cased,
// ARN patterns with literal leading components become a single prefix
// test, condition values are parsed (numbers, dates, CIDR blocks), equal
// patterns and conditions are shared so that one request evaluates each
// only once, and for every action of the catalog the statements whose
// Action or NotAction covers it are listed in advance, less those that
// repeat an earlier statement's effect, resource and conditions. A
// statement tests its cheap conditions first; Bool and IPv4 IpAddress
// conditions become word tests, all decided together when a request
// first looks their key up, and StringEquals without variables becomes
// plain string comparison.
type Evaluator struct {
	acts   []glob  // distinct action patterns
	ress   []*rpat // distinct resource patterns
	conds  []cond  // distinct conditions
	layers []layer // identity, then SCP levels, then the boundary
	root   bool
	split  bool // some resource pattern compares ARN components
	// byKey holds, for each of the first maxKeySlots condition keys, the
	// conditions on that key that are among the first 64 and have word
	// tests: when a request looks the key up and finds one value, they
	// are all decided at once (see Evaluator.resolve).
	byKey [maxKeySlots]keyGroup
	// testsKeys says, for each catalog action, whether a statement Decide
	// tests for it has conditions, and so may look the request's keys up.
	testsKeys [catalogSize]bool
	// refs are the condition keys the policies refer to, lower-cased and
	// sorted (ConditionKeys).
	refs []string
}

// A keyGroup is a set of conditions on one key decided by word tests.
type keyGroup struct {
	conds uint64    // a bit per condition (its index in Evaluator.conds)
	neg   uint64    // the bits of the negated ones (NotIpAddress)
	tests []keyTest // the word tests of all of them
}

// A keyTest is one word test of a condition of a keyGroup.
type keyTest struct {
	wordTest
	bit uint64 // the condition's bit
}

// A layer is one set of statements that must allow a request: the
// identity policies, one SCP level or the boundary. Deny statements come
// first so that Decide can stop at the first matching one.
type layer struct {
	name  Layer
	stmts []stmt
	nDeny int
	// byAction lists, for each catalog action, the statements whose
	// action element covers it, in order (denies first), for Decide.
	byAction [catalogSize]candidates
}

// candidates are the statements of a layer that Decide tests for one
// action: stmts[:nDeny] are denies, the rest allows. A statement is left
// out when an earlier one of the same effect has the same resource
// element and the same conditions: for this action it applies exactly
// when that one does, so it cannot change the decision. (Explain walks
// every statement and still reports both.)
type candidates struct {
	stmts []*stmt
	nDeny int
}

// A stmt is a compiled statement; its patterns and conditions are indices
// into the Evaluator's tables.
type stmt struct {
	deny        bool
	notAction   bool
	notResource bool
	acts        []uint16
	ress        []uint16
	conds       []uint16
	// resMask and condMask have a bit per resource pattern and per
	// condition when all of them are among the first 64 of their table,
	// so that a request whose memo already decides them skips the loop;
	// 0 otherwise.
	resMask  uint64
	condMask uint64
	where    *Match
}

// maxTable bounds the tables of distinct patterns and conditions.
const maxTable = 1 << 16

// Compile compiles the policies of s into an Evaluator. Each document is
// checked with [Parse]'s rules (it is not parsed again): a document Parse
// would refuse, including one with a string that is not valid UTF-8, is
// an error matching [ErrInvalidPolicy], and a nil document or one of the
// wrong kind for its layer an error matching [ErrInvalidSet]. Later
// changes to the documents do not affect the Evaluator.
func Compile(s Set) (*Evaluator, error) {
	c := compiler{e: &Evaluator{root: s.Root}, acts: map[string]uint16{}, ress: map[string]uint16{}, conds: map[string]uint16{},
		keys: map[string]int{}, refs: map[string]struct{}{}}
	if err := c.layer(s.Identity, LayerIdentity, 0, Identity); err != nil {
		return nil, err
	}
	if !s.SCPExempt {
		for level, docs := range s.SCPs {
			if err := c.layer(docs, LayerSCP, level, ServiceControl); err != nil {
				return nil, err
			}
		}
	}
	if s.Boundary != nil {
		if err := c.layer([]*Document{s.Boundary}, LayerBoundary, 0, Identity); err != nil {
			return nil, err
		}
	}
	if len(c.e.acts) >= maxTable || len(c.e.ress) >= maxTable || len(c.e.conds) >= maxTable {
		return nil, fmt.Errorf("%w: more than %d distinct patterns or conditions", ErrInvalidSet, maxTable-1)
	}
	c.e.refs = slices.Sorted(maps.Keys(c.refs))
	return c.e, nil
}

// ConditionKeys returns the condition keys the compiled policies refer
// to, lower-cased, sorted, each once: the key of every condition, and the
// key of every policy variable (${aws:PrincipalTag/team}) in a resource or
// a condition's value. Condition key names are literal in IAM (variables
// stand only for values), so no other key of a request can change a
// decision of e: a service that adds keys only some policies test (the
// tags of a resource, say) adds only those among these. An Evaluator of
// ExemptFromSCPs answers as the one it came from.
func (e *Evaluator) ConditionKeys() []string {
	if e == nil {
		return nil
	}
	return slices.Clone(e.refs)
}

// ExemptFromSCPs returns the Evaluator of the same Set with SCPExempt
// set: e without its SCP levels, for a principal of the organization's
// management account, which SCPs do not limit. It shares e's compiled
// policies, so a caller that needs both compiles once. It returns e when
// e has no SCP levels.
func (e *Evaluator) ExemptFromSCPs() *Evaluator {
	if e == nil {
		return nil
	}
	var layers []layer
	for i := range e.layers {
		if e.layers[i].name != LayerSCP {
			layers = append(layers, e.layers[i])
		}
	}
	if len(layers) == len(e.layers) {
		return e
	}
	x := *e
	x.layers = layers
	return &x
}

type compiler struct {
	e                 *Evaluator
	acts, ress, conds map[string]uint16
	keys              map[string]int
	refs              map[string]struct{} // the condition keys referred to
}

// refer records the condition keys of the policy variables of patterns.
func (c *compiler) refer(patterns ...*glob) {
	for _, g := range patterns {
		g.eachVariable(func(key string) { c.refs[key] = struct{}{} })
	}
}

func (c *compiler) layer(docs []*Document, name Layer, level int, kind Kind) error {
	var denies, allows []stmt
	for pi, d := range docs {
		where := fmt.Sprintf("%s layer, policy %d", name, pi)
		if name == LayerSCP {
			where = fmt.Sprintf("scp level %d, policy %d", level, pi)
		}
		if d == nil {
			return fmt.Errorf("%w: %s is nil", ErrInvalidSet, where)
		}
		if d.Kind != kind {
			return fmt.Errorf("%w: %s is a %s policy, want %s", ErrInvalidSet, where, d.Kind, kind)
		}
		// Check the document with Parse's rules, whether it was parsed
		// or built by hand, without writing and re-reading it.
		if err := d.check(); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		vars := d.variablesEnabled()
		for si, st := range d.Statement {
			s := c.stmt(st, vars)
			s.where = &Match{Layer: name, Level: level, Policy: pi, PolicyID: d.ID, Statement: si, Sid: st.Sid, Effect: st.Effect}
			if s.deny {
				denies = append(denies, s)
			} else {
				allows = append(allows, s)
			}
		}
	}
	l := layer{name: name, stmts: append(denies, allows...), nDeny: len(denies)}
	// Statements with the same effect, resource element and conditions
	// share a signature; for a given action only the first is a
	// candidate.
	sigs := make([]int, len(l.stmts))
	bySig := map[string]int{}
	for i := range l.stmts {
		sig := l.stmts[i].signature()
		id, ok := bySig[sig]
		if !ok {
			id = len(bySig)
			bySig[sig] = id
		}
		sigs[i] = id
	}
	seen := make([]int, len(bySig)) // the catalog action id + 1 that last saw a signature
	for id := range catalog {
		name := catalog[id].Name
		cs := &l.byAction[id]
		for i := range l.stmts {
			if !c.e.actionClause(&l.stmts[i], name) || seen[sigs[i]] == id+1 {
				continue
			}
			seen[sigs[i]] = id + 1
			cs.stmts = append(cs.stmts, &l.stmts[i])
			c.e.testsKeys[id] = c.e.testsKeys[id] || len(l.stmts[i].conds) > 0
			if i < l.nDeny {
				cs.nDeny++
			}
		}
	}
	c.e.layers = append(c.e.layers, l)
	return nil
}

// signature identifies the statement's effect, resource element and set
// of conditions (its patterns and conditions are interned, so equal
// elements have equal indices).
func (s *stmt) signature() string {
	ress := slices.Clone(s.ress)
	slices.Sort(ress)
	ress = slices.Compact(ress)
	conds := slices.Clone(s.conds)
	slices.Sort(conds)
	conds = slices.Compact(conds)
	return fmt.Sprintf("%t %t %v %v", s.deny, s.notResource, ress, conds)
}

func (c *compiler) stmt(st Statement, vars bool) stmt {
	s := stmt{deny: st.Effect == EffectDeny}
	acts := st.Action.Values
	if st.NotAction.Values != nil {
		s.notAction, acts = true, st.NotAction.Values
	}
	for _, a := range acts {
		s.acts = append(s.acts, c.intern(c.acts, strings.ToLower(a), func() {
			c.e.acts = append(c.e.acts, compileGlob(a, globOptions{wild: true, fold: true}))
		}))
	}
	res := st.Resource.Values
	if st.NotResource.Values != nil {
		s.notResource, res = true, st.NotResource.Values
	}
	for _, r := range res {
		s.ress = append(s.ress, c.intern(c.ress, fmt.Sprintf("%t\x00%s", vars, r), func() {
			p := compileResource(r, vars)
			c.refer(p.globs()...)
			c.e.split = c.e.split || p.arn
			c.e.ress = append(c.e.ress, p)
		}))
	}
	for _, cd := range st.Condition {
		op, _ := parseOperator(cd.Operator)
		key := fmt.Sprintf("%t\x00%d\x00%d\x00%t\x00%s\x00%q", vars, op.base, op.set, op.ifExists, strings.ToLower(cd.Key), cd.Values)
		s.conds = append(s.conds, c.intern(c.conds, key, func() {
			k, _ := compileCond(cd, vars)
			c.refs[k.key.lower] = struct{}{}
			for i := range k.vals {
				if v := &k.vals[i]; v.g != nil {
					c.refer(v.g)
				} else if v.r != nil {
					c.refer(v.r.globs()...)
				}
			}
			slot, ok := c.keys[k.key.lower]
			if !ok {
				slot = len(c.keys)
				c.keys[k.key.lower] = slot
			}
			k.slot = slot
			if n := len(c.e.conds); n < 64 && slot < maxKeySlots && k.fast == fastWords {
				g := &c.e.byKey[slot]
				g.conds |= 1 << n
				if k.neg {
					g.neg |= 1 << n
				}
				for _, t := range k.words {
					g.tests = append(g.tests, keyTest{wordTest: t, bit: 1 << n})
				}
			}
			c.e.conds = append(c.e.conds, k)
		}))
	}
	// The conditions of a statement are ANDed and have no side effects,
	// so they may be tested in any order: cheap ones first.
	sort.SliceStable(s.conds, func(a, b int) bool {
		return c.e.conds[s.conds[a]].cost < c.e.conds[s.conds[b]].cost
	})
	s.resMask = memoMask(s.ress)
	s.condMask = memoMask(s.conds)
	return s
}

// memoMask returns the memo bits of table indices idx, or 0 when one of
// them is beyond the first 64.
func memoMask(idx []uint16) uint64 {
	var m uint64
	for _, i := range idx {
		if i >= 64 {
			return 0
		}
		m |= 1 << i
	}
	return m
}

// intern returns the index of key in table, calling add to append a new
// entry when key is new.
func (c *compiler) intern(table map[string]uint16, key string, add func()) uint16 {
	if i, ok := table[key]; ok {
		return i
	}
	n := len(table)
	if n >= maxTable {
		return maxTable - 1 // Compile reports the overflow
	}
	table[key] = uint16(n)
	add()
	return uint16(n)
}

// actionClause reports whether the statement's Action or NotAction element
// covers action name.
func (e *Evaluator) actionClause(s *stmt, name string) bool {
	matched := false
	for _, i := range s.acts {
		if e.acts[i].match(name, nil) {
			matched = true
			break
		}
	}
	return matched != s.notAction
}
