package policy_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/policy"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		kind policy.Kind
		doc  string
		path string
	}{
		{"not json", policy.Identity, `{"Version":`, ""},
		{"not an object", policy.Identity, `[]`, ""},
		{"unknown kind", policy.Kind(9), `{"Statement":[]}`, ""},
		{"unknown top element", policy.Identity, `{"Version":"2012-10-17","Statment":[]}`, "Statment"},
		{"missing statement", policy.Identity, `{"Version":"2012-10-17"}`, "Statement"},
		{"statement is a string", policy.Identity, `{"Statement":"x"}`, "Statement"},
		{"bad version", policy.Identity, `{"Version":"2012-10-18","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, "Version"},
		{"version is a number", policy.Identity, `{"Version":2012,"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, "Version"},
		{"id is a number", policy.Identity, `{"Id":1,"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, "Id"},
		{"duplicate element", policy.Identity, `{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}}`, "Statement[0].Effect"},
		{"statement not object", policy.Identity, `{"Statement":[1]}`, "Statement[0]"},
		{"missing effect", policy.Identity, `{"Statement":[{"Action":"*","Resource":"*"}]}`, "Statement[0]"},
		{"lower-case effect", policy.Identity, `{"Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}`, "Statement[0].Effect"},
		{"effect not string", policy.Identity, `{"Statement":[{"Effect":true,"Action":"*","Resource":"*"}]}`, "Statement[0].Effect"},
		{"sid not string", policy.Identity, `{"Statement":[{"Sid":1,"Effect":"Allow","Action":"*","Resource":"*"}]}`, "Statement[0].Sid"},
		{"no action", policy.Identity, `{"Statement":[{"Effect":"Allow","Resource":"*"}]}`, "Statement[0]"},
		{"action and notaction", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","NotAction":"s3:*","Resource":"*"}]}`, "Statement[0]"},
		{"no resource", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*"}]}`, "Statement[0]"},
		{"resource and notresource", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}]}`, "Statement[0]"},
		{"action number", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":123,"Resource":"*"}]}`, "Statement[0].Action"},
		{"action object", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":{"a":1},"Resource":"*"}]}`, "Statement[0].Action"},
		{"action list with number", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":["s3:x",1],"Resource":"*"}]}`, "Statement[0].Action[1]"},
		{"empty resource", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":""}]}`, "Statement[0].Resource"},
		{"unknown statement element", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Conditions":{}}]}`, "Statement[0].Conditions"},
		{"principal in identity", policy.Identity, `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`, "Statement[0].Principal"},
		{"notprincipal in scp", policy.ServiceControl, `{"Statement":[{"Effect":"Allow","NotPrincipal":"*","Action":"*","Resource":"*"}]}`, "Statement[0].NotPrincipal"},
		{"resource policy without principal", policy.Resource, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, "Statement[0]"},
		{"principal and notprincipal", policy.Resource, `{"Statement":[{"Effect":"Allow","Principal":"*","NotPrincipal":"*","Action":"*","Resource":"*"}]}`, "Statement[0]"},
		{"principal string", policy.Resource, `{"Statement":[{"Effect":"Allow","Principal":"alice","Action":"*","Resource":"*"}]}`, "Statement[0].Principal"},
		{"principal type", policy.Resource, `{"Statement":[{"Effect":"Allow","Principal":{"User":"x"},"Action":"*","Resource":"*"}]}`, "Statement[0].Principal.User"},
		{"principal empty", policy.Resource, `{"Statement":[{"Effect":"Allow","Principal":{},"Action":"*","Resource":"*"}]}`, "Statement[0].Principal"},
		{"principal number", policy.Resource, `{"Statement":[{"Effect":"Allow","Principal":1,"Action":"*","Resource":"*"}]}`, "Statement[0].Principal"},
		{"principal ids", policy.Resource, `{"Statement":[{"Effect":"Allow","Principal":{"AWS":[1]},"Action":"*","Resource":"*"}]}`, "Statement[0].Principal.AWS[0]"},
		{"unknown operator", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualz":{"aws:x":"y"}}}]}`, "Statement[0].Condition.StringEqualz"},
		{"error in a later statement", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":["aws:x"]}}]}`, "Statement[1].Condition.StringEquals"},
		{"operator folds only ascii", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualſ":{"aws:x":"y"}}}]}`, "Statement[0].Condition.StringEqualſ"},
		{"qualifier folds only ascii", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAllValueſ:StringEquals":{"aws:x":"y"}}}]}`, "Statement[0].Condition.ForAllValueſ:StringEquals"},
		{"unknown qualifier", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForSomeValues:StringEquals":{"aws:x":"y"}}}]}`, "Statement[0].Condition.ForSomeValues:StringEquals"},
		{"null if exists", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NullIfExists":{"aws:x":"true"}}}]}`, "Statement[0].Condition.NullIfExists"},
		{"operator not object", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":"x"}}]}`, "Statement[0].Condition.StringEquals"},
		{"condition not object", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":[]}]}`, "Statement[0].Condition"},
		{"operator without keys", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{}}}]}`, "Statement[0].Condition.StringEquals"},
		{"key without service", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"username":"x"}}}]}`, "Statement[0].Condition.StringEquals.username"},
		{"value object", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:x":{}}}}]}`, "Statement[0].Condition.StringEquals.aws:x"},
		{"value null", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:x":[null]}}}]}`, "Statement[0].Condition.StringEquals.aws:x[0]"},
		{"empty values", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:x":[]}}}]}`, "Statement[0].Condition.StringEquals.aws:x"},
		{"duplicate among many names", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{` + manyKeys(20) + `,"aws:PrincipalTag/k3":"y"}}}]}`, "Statement[0].Condition.StringEquals.aws:PrincipalTag/k3"},
		{"duplicate operator", policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:x":"true"},"Bool":{"aws:y":"true"}}}]}`, "Statement[0].Condition.Bool"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := policy.Parse([]byte(tt.doc), tt.kind)
			require.Nil(t, d)
			require.Error(t, err)
			require.True(t, errors.Is(err, policy.ErrInvalidPolicy))
			var pe *policy.ParseError
			require.True(t, errors.As(err, &pe))
			require.Equal(t, tt.path, pe.Path, pe.Error())
			require.NotEmpty(t, pe.Reason)
		})
	}
}

func TestParseAcceptsWhatAWSAccepts(t *testing.T) {
	docs := []struct {
		kind policy.Kind
		doc  string
	}{
		// No Version: the 2008-10-17 language.
		{policy.Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`},
		// Any service, unknown actions, any resource string.
		{policy.Identity, `{"Version":"2008-10-17","Statement":[{"Effect":"Deny","NotAction":["s3:Get*","artifact:Foo"],"NotResource":"some:thing"}]}`},
		// Numbers and booleans as condition values; qualifiers in any case.
		{policy.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{
			"NumericLessThan":{"aws:MultiFactorAuthAge":3600},"bool":{"aws:SecureTransport":true},
			"forallvalues:stringlikeifexists":{"aws:TagKeys":["a*"]}}}]}`},
		// Resource policies name principals.
		{policy.Resource, `{"Version":"2012-10-17","Id":"bucket","Statement":[{"Sid":"1","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root"],"Service":"artifact.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`},
		{policy.Resource, `{"Statement":[{"Effect":"Deny","NotPrincipal":"*","Action":"s3:*","Resource":"*"}]}`},
	}
	for _, tt := range docs {
		d, err := policy.Parse([]byte(tt.doc), tt.kind)
		require.NoError(t, err, tt.doc)
		require.Equal(t, tt.kind, d.Kind)
	}
}

// Marshalling keeps each element's shape (string or array), and parsing
// the output gives the same document.
func TestMarshalRoundTrip(t *testing.T) {
	docs := []struct {
		kind policy.Kind
		in   string
	}{
		{policy.Identity, `{"Version":"2012-10-17","Id":"p1","Statement":[{"Sid":"A","Effect":"Allow","Action":"artifact:GetReport","Resource":["arn:aws:artifact:*::report/*"],"Condition":{"StringEquals":{"artifact:ReportSeries":["SOC","PCI"],"aws:RequestedRegion":"us-east-1"},"NumericLessThan":{"aws:MultiFactorAuthAge":3600},"Bool":{"aws:SecureTransport":true}}},{"Effect":"Deny","NotAction":["s3:*"],"NotResource":"*"}]}`},
		{policy.Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`},
		{policy.Resource, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root","Service":["a.amazonaws.com","b.amazonaws.com"]},"Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","NotPrincipal":"*","Action":"s3:*","Resource":"*"}]}`},
		{policy.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:x":"a\"b\\c\u0001\n\t\r<>&"}}}]}`},
	}
	for _, tt := range docs {
		d, err := policy.Parse([]byte(tt.in), tt.kind)
		require.NoError(t, err)
		out, err := d.MarshalJSON()
		require.NoError(t, err)
		require.JSONEq(t, tt.in, string(out))
		d2, err := policy.Parse(out, tt.kind)
		require.NoError(t, err)
		out2, err := d2.MarshalJSON()
		require.NoError(t, err)
		require.Equal(t, string(out), string(out2))
	}
}

func TestParseStructure(t *testing.T) {
	d := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Deny",
	  "Action":["artifact:Get*"],"Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":["a*","b"]}}}]}`), policy.Identity)
	want := policy.Statement{
		Sid:      "S",
		Effect:   policy.EffectDeny,
		Action:   policy.List{Values: []string{"artifact:Get*"}, Array: true},
		Resource: policy.List{Values: []string{"*"}},
		Condition: []policy.Condition{{
			Operator: "ForAnyValue:StringLike", Key: "aws:TagKeys", Values: []string{"a*", "b"}, Array: true,
		}},
	}
	require.Empty(t, cmp.Diff(want, d.Statement[0], cmp.AllowUnexported(policy.Condition{}), cmp.FilterPath(func(p cmp.Path) bool {
		return p.Last().String() == ".literal"
	}, cmp.Ignore())))
	require.True(t, d.StatementArray)
	require.Equal(t, "2012-10-17", d.Version)
}

func TestMustParsePanics(t *testing.T) {
	require.Panics(t, func() { policy.MustParse([]byte(`{}`), policy.Identity) })
}

func TestMarshalHandBuilt(t *testing.T) {
	d := &policy.Document{Version: policy.Version20121017, Statement: []policy.Statement{{
		Effect: policy.EffectAllow, Action: policy.Strings("artifact:GetReport", "artifact:ListReports"), Resource: policy.Strings("*"),
		Condition: []policy.Condition{
			{Operator: "Bool", Key: "aws:MultiFactorAuthPresent", Values: []string{"true"}},
			{Operator: "StringEquals", Key: "aws:RequestedRegion", Values: []string{"us-east-1"}},
			{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}},
		},
	}}}
	out, err := d.MarshalJSON()
	require.NoError(t, err)
	require.Equal(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["artifact:GetReport","artifact:ListReports"],"Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true","aws:SecureTransport":"true"},"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}}`, string(out))

	d.Statement[0].Effect = "allow"
	_, err = d.MarshalJSON()
	require.Error(t, err)

	var nilDoc *policy.Document
	out, err = nilDoc.MarshalJSON()
	require.NoError(t, err)
	require.Equal(t, "null", string(out))
}

func TestUnmarshalJSON(t *testing.T) {
	var holder struct {
		Policy policy.Document `json:"policy"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"policy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}}`), &holder))
	require.Equal(t, policy.Identity, holder.Policy.Kind)
	require.Equal(t, "s3:*", holder.Policy.Statement[0].Action.Values[0])

	scp := policy.Document{Kind: policy.ServiceControl}
	err := json.Unmarshal([]byte(`{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}`), &scp)
	require.True(t, errors.Is(err, policy.ErrInvalidPolicy))
	require.Nil(t, scp.Statement)
	require.Equal(t, policy.ServiceControl, scp.Kind)
}

// manyKeys returns n members "aws:PrincipalTag/k<i>":"v<i>" of a JSON
// object.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"aws:PrincipalTag/k%d":"v%d"`, i, i)
	}
	return b.String()
}

// Parsing is linear in the number of names of an object: a condition on
// 1,000 or 10,000 keys parses in ten times the time of one on 100 or
// 1,000 (issue 13, item 10; it was quadratic).
func BenchmarkParseLargeObject(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		doc := []byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{` + manyKeys(n) + `}}}}`)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				if _, err := policy.Parse(doc, policy.Identity); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Many names without a duplicate parse, in order.
func TestParseManyNames(t *testing.T) {
	d, err := policy.Parse([]byte(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{`+manyKeys(500)+`}}}}`), policy.Identity)
	require.NoError(t, err)
	require.Len(t, d.Statement[0].Condition, 500)
	for i, c := range d.Statement[0].Condition {
		require.Equal(t, fmt.Sprintf("aws:PrincipalTag/k%d", i), c.Key)
	}
}
