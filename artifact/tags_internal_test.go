package artifact

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/policy"
)

// The tag keys a caller's requests carry are those its compiled policies
// refer to, as package policy reads them: in a condition or a policy
// variable, of every layer, in any letter case; not a string that only
// looks like one (a 2008 document's literal ${...}).
func TestNamesTagKeys(t *testing.T) {
	doc := func(version, statement string) *policy.Document {
		return policy.MustParse([]byte(`{"Version":"`+version+`","Statement":[`+statement+`]}`), policy.Identity)
	}
	cases := []struct {
		name string
		set  policy.Set
		want *namedTagKeys
	}{
		{"none", policy.Set{Identity: []*policy.Document{doc("2012-10-17", `{"Effect":"Allow","Action":"*","Resource":"*"}`)}}, nil},
		{"conditions and variables", policy.Set{Identity: []*policy.Document{doc("2012-10-17", `{"Effect":"Allow","Action":"*",
			"Resource":"arn:aws:artifact:*:*:compliance-inquiry/${aws:ResourceTag/Prefix}*",
			"Condition":{"StringEquals":{"AWS:RESOURCETAG/Team":"${aws:RequestTag/owner}"},"ForAnyValue:StringEquals":{"aws:TagKeys":"x"}}}`)}},
			&namedTagKeys{resource: map[string]bool{"prefix": true, "team": true}, request: map[string]bool{"owner": true}, keys: true}},
		{"the boundary", policy.Set{Identity: []*policy.Document{doc("2012-10-17", `{"Effect":"Allow","Action":"*","Resource":"*"}`)},
			Boundary: doc("2012-10-17", `{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:ResourceTag/team":"grc"}}}`)},
			&namedTagKeys{resource: map[string]bool{"team": true}, request: map[string]bool{}}},
		{"a 2008 literal is no variable", policy.Set{Identity: []*policy.Document{doc("2008-10-17", `{"Effect":"Allow","Action":"*",
			"Resource":"arn:aws:s3:::${aws:ResourceTag/team}"}`)}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := policy.Compile(c.set)
			require.NoError(t, err)
			require.Equal(t, c.want, namesTagKeys(e))
		})
	}
}
