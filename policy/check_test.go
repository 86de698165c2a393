package policy

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// parseAgrees reports whether d.check() and Parse of d written as JSON
// agree: both accept d, or both refuse it at the same path.
func checkAgainstParse(t *testing.T, d *Document, samePath bool) {
	t.Helper()
	checkErr := d.check()
	var parseErr error
	if data, err := d.MarshalJSON(); err != nil {
		parseErr = &ParseError{Reason: err.Error()}
	} else {
		_, parseErr = Parse(data, d.Kind)
	}
	require.Equal(t, parseErr == nil, checkErr == nil, "check: %v; Parse: %v", checkErr, parseErr)
	if checkErr == nil {
		return
	}
	require.True(t, errors.Is(checkErr, ErrInvalidPolicy))
	var ce, pe *ParseError
	require.True(t, errors.As(checkErr, &ce))
	if samePath && errors.As(parseErr, &pe) && pe.Path != "" {
		require.Equal(t, pe.Path, ce.Path, "check: %v; Parse: %v", checkErr, parseErr)
	}
}

// Compile checks a document with Parse's rules without parsing it again:
// it refuses exactly what Parse would refuse of the document written as
// JSON (issue 13, item 10).
func TestCheckAgreesWithParse(t *testing.T) {
	stmt := func(f func(*Statement)) *Document {
		s := Statement{Effect: EffectAllow, Action: Strings("artifact:GetReport"), Resource: Strings("*")}
		f(&s)
		return &Document{Kind: Identity, Version: Version20121017, Statement: []Statement{s}}
	}
	cond := func(op, key string, values ...string) func(*Statement) {
		return func(s *Statement) {
			s.Condition = append(s.Condition, Condition{Operator: op, Key: key, Values: values})
		}
	}
	tests := []struct {
		name  string
		doc   *Document
		valid bool
	}{
		{"plain", stmt(func(*Statement) {}), true},
		{"no statements", &Document{Kind: Identity}, true},
		{"empty lists", stmt(func(s *Statement) {
			s.Action, s.Resource = List{Values: []string{}}, List{Values: []string{}, Array: true}
		}), true},
		{"not-action and not-resource", stmt(func(s *Statement) {
			s.Action, s.NotAction, s.Resource, s.NotResource = List{}, Strings("s3:*"), List{}, Strings("*")
		}), true},
		{"conditions", stmt(func(s *Statement) {
			cond("StringEquals", "aws:x", "a")(s)
			cond("stringequals", "aws:x", "b")(s)
			cond("StringEquals", "aws:X", "c")(s)
			cond("Bool", "aws:x", "true")(s)
		}), true},
		{"unknown kind", &Document{Kind: Kind(7)}, false},
		{"bad version", &Document{Kind: Identity, Version: "2012-10-18"}, false},
		{"no effect", stmt(func(s *Statement) { s.Effect = "" }), false},
		{"lower-case effect", stmt(func(s *Statement) { s.Effect = "allow" }), false},
		{"no action", stmt(func(s *Statement) { s.Action = List{} }), false},
		{"action and not-action", stmt(func(s *Statement) { s.NotAction = Strings("s3:*") }), false},
		{"no resource", stmt(func(s *Statement) { s.Resource = List{} }), false},
		{"resource and not-resource", stmt(func(s *Statement) { s.NotResource = Strings("*") }), false},
		{"empty resource", stmt(func(s *Statement) { s.Resource = Strings("*", "") }), false},
		{"principal in an identity policy", stmt(func(s *Statement) { s.Principal = &Principal{Wildcard: true} }), false},
		{"unknown operator", stmt(cond("StringEqualz", "aws:x", "a")), false},
		{"null if exists", stmt(cond("NullIfExists", "aws:x", "true")), false},
		{"key without service", stmt(cond("StringEquals", "username", "a")), false},
		{"condition without values", stmt(cond("StringEquals", "aws:x")), false},
		{"duplicate condition", stmt(func(s *Statement) {
			cond("StringEquals", "aws:x", "a")(s)
			cond("Bool", "aws:y", "true")(s)
			cond("StringEquals", "aws:x", "b")(s)
		}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.valid, tt.doc.check() == nil, "%v", tt.doc.check())
			checkAgainstParse(t, tt.doc, true)
		})
	}

	// Resource policies: principals.
	res := func(p, np *Principal) *Document {
		return &Document{Kind: Resource, Statement: []Statement{{Effect: EffectAllow, Principal: p, NotPrincipal: np, Action: Strings("*"), Resource: Strings("*")}}}
	}
	for name, d := range map[string]*Document{
		"wildcard":           res(&Principal{Wildcard: true}, nil),
		"wildcard entries":   res(&Principal{Wildcard: true, Entries: []PrincipalEntry{{Type: "User"}}}, nil),
		"entries":            res(nil, &Principal{Entries: []PrincipalEntry{{Type: "AWS", IDs: Strings("a", "b")}, {Type: "Service", IDs: Strings("s")}}}),
		"no principal":       res(nil, nil),
		"both":               res(&Principal{Wildcard: true}, &Principal{Wildcard: true}),
		"empty principal":    res(&Principal{}, nil),
		"unknown type":       res(&Principal{Entries: []PrincipalEntry{{Type: "User", IDs: Strings("a")}}}, nil),
		"duplicate type":     res(&Principal{Entries: []PrincipalEntry{{Type: "AWS", IDs: Strings("a")}, {Type: "AWS", IDs: Strings("b")}}}, nil),
		"no principal ids":   res(&Principal{Entries: []PrincipalEntry{{Type: "AWS"}}}, nil),
		"empty principal id": res(&Principal{Entries: []PrincipalEntry{{Type: "AWS", IDs: Strings("")}}}, nil),
	} {
		t.Run("resource policy "+name, func(t *testing.T) { checkAgainstParse(t, d, true) })
	}

	// A policy is JSON text: check refuses strings that are not UTF-8,
	// which Parse never returns.
	for name, d := range map[string]*Document{
		"id":        {Kind: Identity, ID: "\xff"},
		"sid":       stmt(func(s *Statement) { s.Sid = "\xff" }),
		"action":    stmt(func(s *Statement) { s.Action = Strings("artifact:\xff") }),
		"resource":  stmt(func(s *Statement) { s.Resource = Strings("arn:\xff") }),
		"key":       stmt(cond("StringEquals", "aws:\xff", "a")),
		"value":     stmt(cond("StringEquals", "aws:x", "\xff")),
		"principal": {Kind: Resource, Statement: []Statement{{Effect: EffectAllow, Principal: &Principal{Entries: []PrincipalEntry{{Type: "AWS", IDs: Strings("\xff")}}}, Action: Strings("*"), Resource: Strings("*")}}},
	} {
		t.Run("not utf-8 "+name, func(t *testing.T) {
			err := d.check()
			require.ErrorIs(t, err, ErrInvalidPolicy)
			require.ErrorContains(t, err, "utf-8")
		})
	}
}
