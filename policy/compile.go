package policy

import (
	"fmt"
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
type Evaluator struct {
	identity layer
	scps     []layer
	boundary *layer
	root     bool
}

// A layer is one set of statements that must allow a request: the
// identity policies, one SCP level or the boundary. Deny statements come
// first so that Decide can stop at the first matching one.
type layer struct {
	stmts []stmt
	nDeny int
}

// A stmt is a compiled statement.
type stmt struct {
	deny        bool
	notAction   bool
	actions     []glob
	notResource bool
	resources   []*rpat
	conds       []cond
	where       Match
}

// Compile compiles the policies of s into an Evaluator. Each document is
// checked as [Parse] would check it; an invalid document, a nil one or one
// of the wrong kind for its layer is an error matching [ErrInvalidSet] or
// [ErrInvalidPolicy]. Later changes to the documents do not affect the
// Evaluator.
func Compile(s Set) (*Evaluator, error) {
	e := &Evaluator{root: s.Root}
	var err error
	if e.identity, err = compileLayer(s.Identity, LayerIdentity, 0, Identity); err != nil {
		return nil, err
	}
	if !s.SCPExempt {
		for level, docs := range s.SCPs {
			l, err := compileLayer(docs, LayerSCP, level, ServiceControl)
			if err != nil {
				return nil, err
			}
			e.scps = append(e.scps, l)
		}
	}
	if s.Boundary != nil {
		l, err := compileLayer([]*Document{s.Boundary}, LayerBoundary, 0, Identity)
		if err != nil {
			return nil, err
		}
		e.boundary = &l
	}
	return e, nil
}

func compileLayer(docs []*Document, name Layer, level int, kind Kind) (layer, error) {
	var denies, allows []stmt
	for pi, d := range docs {
		where := fmt.Sprintf("%s layer, policy %d", name, pi)
		if name == LayerSCP {
			where = fmt.Sprintf("scp level %d, policy %d", level, pi)
		}
		if d == nil {
			return layer{}, fmt.Errorf("%w: %s is nil", ErrInvalidSet, where)
		}
		if d.Kind != kind {
			return layer{}, fmt.Errorf("%w: %s is a %s policy, want %s", ErrInvalidSet, where, d.Kind, kind)
		}
		// Check the document exactly as Parse would, whether it was
		// parsed or built by hand.
		data, err := d.MarshalJSON()
		if err != nil {
			return layer{}, fmt.Errorf("%s: %w", where, &ParseError{Reason: err.Error()})
		}
		checked, err := Parse(data, kind)
		if err != nil {
			return layer{}, fmt.Errorf("%s: %w", where, err)
		}
		vars := checked.variablesEnabled()
		for si, st := range checked.Statement {
			c := compileStmt(st, vars)
			c.where = Match{Layer: name, Level: level, Policy: pi, PolicyID: d.ID, Statement: si, Sid: st.Sid, Effect: st.Effect}
			if c.deny {
				denies = append(denies, c)
			} else {
				allows = append(allows, c)
			}
		}
	}
	return layer{stmts: append(denies, allows...), nDeny: len(denies)}, nil
}

func compileStmt(st Statement, vars bool) stmt {
	c := stmt{deny: st.Effect == EffectDeny}
	acts := st.Action.Values
	if st.NotAction.Values != nil {
		c.notAction, acts = true, st.NotAction.Values
	}
	for _, a := range acts {
		c.actions = append(c.actions, compileGlob(a, globOptions{wild: true, fold: true}))
	}
	res := st.Resource.Values
	if st.NotResource.Values != nil {
		c.notResource, res = true, st.NotResource.Values
	}
	for _, r := range res {
		c.resources = append(c.resources, compileResource(r, vars))
	}
	for _, cd := range st.Condition {
		if k, ok := compileCond(cd, vars); ok {
			c.conds = append(c.conds, k)
		}
	}
	return c
}
