package policy

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Policy language versions.
const (
	// Version20121017 is the current policy language; it supports policy
	// variables.
	Version20121017 = "2012-10-17"
	// Version20081017 is the original policy language, assumed when a
	// document has no Version; policy variables in it are literal text.
	Version20081017 = "2008-10-17"
)

// A Document is a parsed IAM policy document.
//
// Documents are plain values; build them with [Parse] (which validates) or
// by hand. Compiling a document copies what it needs, so a Document may be
// changed after [Compile] without affecting the Evaluator.
type Document struct {
	// Kind is the kind the document was parsed as.
	Kind Kind
	// Version is the Version element, or "" when the document has none
	// (IAM then applies the 2008-10-17 language).
	Version string
	// ID is the Id element, or "".
	ID string
	// Statement holds the statements in document order.
	Statement []Statement
	// StatementArray records that Statement was written as a JSON array;
	// otherwise a single statement is written as an object.
	StatementArray bool
}

// A Statement is one statement of a policy document. Exactly one of Action
// and NotAction, and exactly one of Resource and NotResource, is present
// (its Values not nil). A present list may be empty, as Parse reads
// "Action": []: an empty Action or Resource matches nothing, an empty
// NotAction or NotResource excludes nothing.
type Statement struct {
	// Sid is the statement's optional identifier.
	Sid string
	// Effect is EffectAllow or EffectDeny.
	Effect Effect
	// Principal and NotPrincipal are set only in resource policies.
	Principal *Principal
	// NotPrincipal holds the principals the statement does not apply to,
	// or is nil; like Principal, it is set only in resource policies.
	NotPrincipal *Principal
	// Action and NotAction hold action patterns such as "artifact:Get*".
	Action List
	// NotAction is the NotAction element: actions the statement does not
	// apply to; its Values are nil when absent.
	NotAction List
	// Resource and NotResource hold resource patterns such as
	// "arn:aws:artifact:::agreement/*" or "*".
	Resource List
	// NotResource is the NotResource element: resources the statement does
	// not apply to; its Values are nil when absent.
	NotResource List
	// Condition holds the condition block, one entry per operator and key,
	// in document order.
	Condition []Condition
}

// A List is a policy element that may be written as one string or as an
// array of strings.
type List struct {
	// Values holds the strings in order.
	Values []string
	// Array records that the element was written as a JSON array. A List
	// with exactly one value and Array false is written as a string.
	Array bool
}

// Strings returns a List of the given values, written as an array when
// there is more than one.
func Strings(values ...string) List { return List{Values: values, Array: len(values) != 1} }

// A Principal is the Principal or NotPrincipal element of a resource
// policy: either the string "*" or an object mapping principal types to
// identifiers.
type Principal struct {
	// Wildcard is true for the string form "*".
	Wildcard bool
	// Entries holds the object form in document order.
	Entries []PrincipalEntry
}

// A PrincipalEntry is one principal type of a Principal object.
type PrincipalEntry struct {
	// Type is "AWS", "Service", "Federated" or "CanonicalUser".
	Type string
	// IDs holds the principals of that type.
	IDs List
}

// A Condition is one operator/key pair of a condition block with its
// values: several values are ORed, several conditions ANDed.
type Condition struct {
	// Operator is the operator as written, e.g. "StringEquals" or
	// "ForAnyValue:StringLikeIfExists".
	Operator string
	// Key is the condition key as written, e.g. "aws:SourceIp".
	Key string
	// Values holds the values as text.
	Values []string
	// Array records that the values were written as a JSON array.
	Array bool
	// literal marks values written as bare JSON numbers or booleans.
	literal []bool
}

// MustParse is like [Parse] but panics if the document is invalid. It is
// meant for tests and examples with constant policies.
func MustParse(data []byte, kind Kind) *Document {
	d, err := Parse(data, kind)
	if err != nil {
		panic(err)
	}
	return d
}

// Parse parses an IAM policy document of the given kind, as IAM's
// evaluation reads it. It refuses what evaluation cannot read (malformed
// JSON, elements of the wrong type, unknown or duplicate elements, a
// missing or misspelt Effect, Action and NotAction both or neither, an
// unknown condition operator, a Principal outside resource policies ...),
// returning a [*ParseError] that names the JSON path and the reason. It
// reads what IAM refuses to store but evaluation would read (an empty
// Statement, Action or Resource list, a malformed action such as
// "*:GetReport"), which [Validate] reports; see the package documentation.
func Parse(data []byte, kind Kind) (*Document, error) {
	if !kind.IsValid() {
		return nil, &ParseError{Reason: fmt.Sprintf("unknown policy kind %d", int(kind))}
	}
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		reason := "malformed json"
		if err != nil {
			reason += ": " + err.Error()
		}
		return nil, &ParseError{Reason: reason}
	}
	ms, err := objectMembers(data, "")
	if err != nil {
		return nil, err
	}
	d := &Document{Kind: kind}
	sawStatement := false
	for _, m := range ms {
		switch m.key {
		case "Version":
			v, err := parseString(m.raw, "Version")
			if err != nil {
				return nil, err
			}
			if v != Version20121017 && v != Version20081017 {
				return nil, &ParseError{Path: "Version", Reason: fmt.Sprintf("version %s is not %s or %s", quote(v), Version20121017, Version20081017)}
			}
			d.Version = v
		case "Id":
			v, err := parseString(m.raw, "Id")
			if err != nil {
				return nil, err
			}
			d.ID = v
		case "Statement":
			sawStatement = true
			if err := d.parseStatements(m.raw); err != nil {
				return nil, err
			}
		default:
			return nil, &ParseError{Path: m.key, Reason: "unknown element"}
		}
	}
	if !sawStatement {
		return nil, &ParseError{Path: "Statement", Reason: "statement is required"}
	}
	return d, nil
}

func (d *Document) parseStatements(raw json.RawMessage) error {
	switch jsonType(raw) {
	case "object":
		s, err := parseStatement(raw, "Statement[0]", d.Kind)
		if err != nil {
			return err
		}
		d.Statement = []Statement{s}
		return nil
	case "array":
		elems, err := arrayElems(raw, "Statement")
		if err != nil {
			return err
		}
		// An empty list is read as evaluation reads it: a document with
		// no statements, which allows and denies nothing. IAM refuses to
		// store it; Validate reports it (MISSING_STATEMENT).
		d.StatementArray = true
		d.Statement = make([]Statement, 0, len(elems))
		for i, e := range elems {
			s, err := parseStatement(e, fmt.Sprintf("Statement[%d]", i), d.Kind)
			if err != nil {
				return err
			}
			d.Statement = append(d.Statement, s)
		}
		return nil
	default:
		return typeError("Statement", raw, "object or array")
	}
}

func parseStatement(raw json.RawMessage, path string, kind Kind) (Statement, error) {
	var s Statement
	ms, err := objectMembers(raw, path)
	if err != nil {
		return s, err
	}
	sawEffect := false
	for _, m := range ms {
		p := join(path, m.key)
		switch m.key {
		case "Sid":
			if s.Sid, err = parseString(m.raw, p); err != nil {
				return s, err
			}
		case "Effect":
			sawEffect = true
			v, err := parseString(m.raw, p)
			if err != nil {
				return s, err
			}
			s.Effect = Effect(v)
			if !s.Effect.IsValid() {
				return s, &ParseError{Path: p, Reason: `effect must be exactly "Allow" or "Deny"`}
			}
		case "Principal", "NotPrincipal":
			if kind != Resource {
				return s, &ParseError{Path: p, Reason: fmt.Sprintf("%s is not allowed in %s policies", strings.ToLower(m.key[:1])+m.key[1:], kind)}
			}
			pr, err := parsePrincipal(m.raw, p)
			if err != nil {
				return s, err
			}
			if m.key == "Principal" {
				s.Principal = pr
			} else {
				s.NotPrincipal = pr
			}
		case "Action", "NotAction":
			// Any string is an action pattern: evaluation matches it
			// against "service:action" whatever its shape. Validate
			// reports the lists and patterns IAM refuses to store.
			l, err := parseList(m.raw, p, true)
			if err != nil {
				return s, err
			}
			if m.key == "Action" {
				s.Action = l
			} else {
				s.NotAction = l
			}
		case "Resource", "NotResource":
			l, err := parseList(m.raw, p, true)
			if err != nil {
				return s, err
			}
			for i, r := range l.Values {
				if r == "" {
					return s, &ParseError{Path: listPath(p, l, i), Reason: "resource is empty"}
				}
			}
			if m.key == "Resource" {
				s.Resource = l
			} else {
				s.NotResource = l
			}
		case "Condition":
			if s.Condition, err = parseConditionBlock(m.raw, p); err != nil {
				return s, err
			}
		default:
			return s, &ParseError{Path: p, Reason: "unknown element"}
		}
	}
	if !sawEffect {
		return s, &ParseError{Path: path, Reason: `effect must be present and exactly "Allow" or "Deny"`}
	}
	if err := exactlyOne(path, "Action", "NotAction", s.Action, s.NotAction); err != nil {
		return s, err
	}
	if err := exactlyOne(path, "Resource", "NotResource", s.Resource, s.NotResource); err != nil {
		return s, err
	}
	if kind == Resource && (s.Principal == nil) == (s.NotPrincipal == nil) {
		if s.Principal == nil {
			return s, &ParseError{Path: path, Reason: "a resource policy statement needs Principal or NotPrincipal"}
		}
		return s, &ParseError{Path: path, Reason: "only one of Principal or NotPrincipal is allowed, found both"}
	}
	return s, nil
}

func exactlyOne(path, a, b string, la, lb List) error {
	switch {
	case la.Values != nil && lb.Values != nil:
		return &ParseError{Path: path, Reason: fmt.Sprintf("only one of %s or %s is allowed, found both", a, b)}
	case la.Values == nil && lb.Values == nil:
		return &ParseError{Path: path, Reason: fmt.Sprintf("%s or %s is required", a, b)}
	}
	return nil
}

func listPath(p string, l List, i int) string {
	if !l.Array {
		return p
	}
	return fmt.Sprintf("%s[%d]", p, i)
}

func typeError(path string, raw []byte, allowed string) error {
	return &ParseError{Path: path, Reason: fmt.Sprintf("found data type %s, allowed type(s) are %s", jsonType(raw), allowed)}
}

func parseString(raw json.RawMessage, path string) (string, error) {
	if jsonType(raw) != "string" {
		return "", typeError(path, raw, "string")
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", &ParseError{Path: path, Reason: "malformed json: " + err.Error()}
	}
	return s, nil
}

// parseList parses a string or an array of strings, which must not be
// empty unless empty is true.
func parseList(raw json.RawMessage, path string, empty bool) (List, error) {
	switch jsonType(raw) {
	case "string":
		s, err := parseString(raw, path)
		if err != nil {
			return List{}, err
		}
		return List{Values: []string{s}}, nil
	case "array":
		elems, err := arrayElems(raw, path)
		if err != nil {
			return List{}, err
		}
		if len(elems) == 0 && !empty {
			return List{}, &ParseError{Path: path, Reason: "list is empty"}
		}
		l := List{Values: make([]string, 0, len(elems)), Array: true}
		for i, e := range elems {
			s, err := parseString(e, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return List{}, err
			}
			l.Values = append(l.Values, s)
		}
		return l, nil
	default:
		return List{}, typeError(path, raw, "string")
	}
}

var principalTypes = []string{"AWS", "Service", "Federated", "CanonicalUser"}

func parsePrincipal(raw json.RawMessage, path string) (*Principal, error) {
	switch jsonType(raw) {
	case "string":
		s, err := parseString(raw, path)
		if err != nil {
			return nil, err
		}
		if s != "*" {
			return nil, &ParseError{Path: path, Reason: `a principal string must be "*"; name principals in an object such as {"AWS": ...}`}
		}
		return &Principal{Wildcard: true}, nil
	case "object":
		ms, err := objectMembers(raw, path)
		if err != nil {
			return nil, err
		}
		if len(ms) == 0 {
			return nil, &ParseError{Path: path, Reason: "principal is empty"}
		}
		p := &Principal{}
		for _, m := range ms {
			known := false
			for _, t := range principalTypes {
				known = known || t == m.key
			}
			if !known {
				return nil, &ParseError{Path: join(path, m.key), Reason: "unknown principal type"}
			}
			l, err := parseList(m.raw, join(path, m.key), false)
			if err != nil {
				return nil, err
			}
			p.Entries = append(p.Entries, PrincipalEntry{Type: m.key, IDs: l})
		}
		return p, nil
	default:
		return nil, typeError(path, raw, "string or object")
	}
}

func parseConditionBlock(raw json.RawMessage, path string) ([]Condition, error) {
	ops, err := objectMembers(raw, path)
	if err != nil {
		return nil, err
	}
	var out []Condition
	for _, om := range ops {
		opPath := join(path, om.key)
		if _, ok := parseOperator(om.key); !ok {
			return nil, &ParseError{Path: opPath, Reason: fmt.Sprintf("unknown condition operator %s", quote(om.key))}
		}
		keys, err := objectMembers(om.raw, opPath)
		if err != nil {
			return nil, err
		}
		if len(keys) == 0 {
			return nil, &ParseError{Path: opPath, Reason: "condition operator has no keys"}
		}
		for _, km := range keys {
			keyPath := join(opPath, km.key)
			if strings.IndexByte(km.key, ':') <= 0 {
				return nil, &ParseError{Path: keyPath, Reason: fmt.Sprintf("condition key %s must be prefixed by a service, e.g. aws:SourceIp", quote(km.key))}
			}
			c := Condition{Operator: om.key, Key: km.key}
			if err := c.parseValues(km.raw, keyPath); err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	return out, nil
}

func (c *Condition) parseValues(raw json.RawMessage, path string) error {
	one := func(r json.RawMessage, p string) error {
		switch jsonType(r) {
		case "string":
			s, err := parseString(r, p)
			if err != nil {
				return err
			}
			c.Values = append(c.Values, s)
			c.literal = append(c.literal, false)
		case "number", "boolean":
			c.Values = append(c.Values, strings.TrimSpace(string(r)))
			c.literal = append(c.literal, true)
		default:
			return typeError(p, r, "string, number or boolean")
		}
		return nil
	}
	if jsonType(raw) != "array" {
		return one(raw, path)
	}
	elems, err := arrayElems(raw, path)
	if err != nil {
		return err
	}
	if len(elems) == 0 {
		return &ParseError{Path: path, Reason: "condition value list is empty"}
	}
	c.Array = true
	for i, e := range elems {
		if err := one(e, fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// variablesEnabled reports whether policy variables are substituted in d:
// only the 2012-10-17 language has them.
func (d *Document) variablesEnabled() bool { return d.Version == Version20121017 }
