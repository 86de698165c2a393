package policy_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/policy"
)

const testReport = "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1"

// allowIf compiles one Allow statement on every action and resource with
// the given condition block (JSON), in a document of the given version.
func allowIf(t *testing.T, version, condition string) *policy.Evaluator {
	t.Helper()
	v := ""
	if version != "" {
		v = `"Version":"` + version + `",`
	}
	doc, err := policy.Parse([]byte(`{`+v+`"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":`+condition+`}]}`), policy.Identity)
	require.NoError(t, err)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc}})
	require.NoError(t, err)
	return e
}

// holds reports whether the condition block allows a GetReport request in
// context kv.
func holds(t *testing.T, condition string, kv map[string][]string) bool {
	t.Helper()
	e := allowIf(t, policy.Version20121017, condition)
	r := &policy.Request{Action: "artifact:GetReport", Resource: testReport, Context: policy.NewContext(kv)}
	d := e.Decide(r)
	require.Equal(t, d, e.Explain(r).Decision)
	return d == policy.Allow
}

func ctx(kv ...string) map[string][]string {
	m := map[string][]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = append(m[kv[i]], kv[i+1])
	}
	return m
}

func TestConditionOperators(t *testing.T) {
	tests := []struct {
		cond string
		kv   map[string][]string
		want bool
	}{
		// String operators: case-sensitive unless IgnoreCase; values OR.
		{`{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}`, ctx("aws:RequestedRegion", "us-east-1"), true},
		{`{"StringEquals":{"aws:RequestedRegion":"US-EAST-1"}}`, ctx("aws:RequestedRegion", "us-east-1"), false},
		{`{"StringEquals":{"aws:RequestedRegion":["eu-west-1","us-east-1"]}}`, ctx("aws:RequestedRegion", "us-east-1"), true},
		{`{"StringEquals":{"aws:RequestedRegion":"us-*"}}`, ctx("aws:RequestedRegion", "us-east-1"), false},
		{`{"StringEquals":{"AWS:requestedregion":"us-east-1"}}`, ctx("aws:RequestedRegion", "us-east-1"), true},
		{`{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","us-east-1"]}}`, ctx("aws:RequestedRegion", "us-east-1"), false},
		{`{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}`, ctx("aws:RequestedRegion", "us-east-1"), true},
		{`{"StringEqualsIgnoreCase":{"aws:RequestedRegion":"US-EAST-1"}}`, ctx("aws:RequestedRegion", "us-east-1"), true},
		{`{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"STRASSE"}}`, ctx("aws:PrincipalTag/team", "straße"), false},
		{`{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"ÄRZTE"}}`, ctx("aws:PrincipalTag/team", "ärzte"), true},
		{`{"StringNotEqualsIgnoreCase":{"aws:RequestedRegion":"US-EAST-1"}}`, ctx("aws:RequestedRegion", "us-east-1"), false},
		{`{"StringLike":{"aws:RequestedRegion":"us-*-?"}}`, ctx("aws:RequestedRegion", "us-east-1"), true},
		{`{"StringLike":{"aws:RequestedRegion":"US-*"}}`, ctx("aws:RequestedRegion", "us-east-1"), false},
		{`{"StringNotLike":{"aws:RequestedRegion":["eu-*","ap-*"]}}`, ctx("aws:RequestedRegion", "us-east-1"), true},
		{`{"StringNotLike":{"aws:RequestedRegion":["eu-*","us-*"]}}`, ctx("aws:RequestedRegion", "us-east-1"), false},
		// Numeric.
		{`{"NumericEquals":{"aws:MultiFactorAuthAge":"300"}}`, ctx("aws:MultiFactorAuthAge", "300.0"), true},
		{`{"NumericNotEquals":{"aws:MultiFactorAuthAge":"300"}}`, ctx("aws:MultiFactorAuthAge", "301"), true},
		{`{"NumericLessThan":{"aws:MultiFactorAuthAge":3600}}`, ctx("aws:MultiFactorAuthAge", "300"), true},
		{`{"NumericLessThan":{"aws:MultiFactorAuthAge":"300"}}`, ctx("aws:MultiFactorAuthAge", "300"), false},
		{`{"NumericLessThanEquals":{"aws:MultiFactorAuthAge":"300"}}`, ctx("aws:MultiFactorAuthAge", "300"), true},
		{`{"NumericGreaterThan":{"aws:MultiFactorAuthAge":"-1.5"}}`, ctx("aws:MultiFactorAuthAge", "0"), true},
		{`{"NumericGreaterThanEquals":{"aws:MultiFactorAuthAge":"1e3"}}`, ctx("aws:MultiFactorAuthAge", "999"), false},
		{`{"NumericEquals":{"aws:MultiFactorAuthAge":"abc"}}`, ctx("aws:MultiFactorAuthAge", "abc"), false},
		{`{"NumericEquals":{"aws:MultiFactorAuthAge":"NaN"}}`, ctx("aws:MultiFactorAuthAge", "NaN"), false},
		{`{"NumericLessThan":{"aws:MultiFactorAuthAge":"10"}}`, ctx("aws:MultiFactorAuthAge", "five"), false},
		// Dates: ISO 8601 and epoch seconds, compared as instants.
		{`{"DateGreaterThan":{"aws:CurrentTime":"2025-01-01T00:00:00Z"}}`, ctx("aws:CurrentTime", "2026-01-01T00:00:00Z"), true},
		{`{"DateLessThan":{"aws:CurrentTime":"2025-01-01"}}`, ctx("aws:CurrentTime", "2024-12-31T23:59:59.999Z"), true},
		{`{"DateEquals":{"aws:CurrentTime":"2025-01-01T01:00:00+01:00"}}`, ctx("aws:CurrentTime", "1735689600"), true},
		{`{"DateEquals":{"aws:EpochTime":"1735689600"}}`, ctx("aws:EpochTime", "2025-01-01T00:00Z"), true},
		{`{"DateNotEquals":{"aws:EpochTime":"1735689600"}}`, ctx("aws:EpochTime", "1735689601"), true},
		{`{"DateLessThanEquals":{"aws:CurrentTime":"2025-01"}}`, ctx("aws:CurrentTime", "2025-01-01T00:00:00Z"), true},
		{`{"DateGreaterThanEquals":{"aws:CurrentTime":"2025-01-01T00:00:00.5Z"}}`, ctx("aws:CurrentTime", "2025-01-01T00:00:00.499Z"), false},
		{`{"DateGreaterThanEquals":{"aws:CurrentTime":"2025-01-01T00:00:00-0130"}}`, ctx("aws:CurrentTime", "2025-01-01T01:30:00Z"), true},
		{`{"DateEquals":{"aws:CurrentTime":"2025-02-30"}}`, ctx("aws:CurrentTime", "2025-03-02"), false},
		{`{"DateLessThan":{"aws:CurrentTime":"soon"}}`, ctx("aws:CurrentTime", "2025-01-01"), false},
		{`{"DateLessThan":{"aws:CurrentTime":"2030-01-01"}}`, ctx("aws:CurrentTime", "yesterday"), false},
		// Bool, case-insensitive; anything else never matches.
		{`{"Bool":{"aws:SecureTransport":"true"}}`, ctx("aws:SecureTransport", "TRUE"), true},
		{`{"Bool":{"aws:SecureTransport":true}}`, ctx("aws:SecureTransport", "true"), true},
		{`{"Bool":{"aws:SecureTransport":"false"}}`, ctx("aws:SecureTransport", "true"), false},
		{`{"Bool":{"aws:SecureTransport":"yes"}}`, ctx("aws:SecureTransport", "yes"), false},
		{`{"Bool":{"aws:SecureTransport":"FaLsE"}}`, ctx("aws:SecureTransport", "false"), true},
		{`{"Bool":{"aws:SecureTransport":"false"}}`, ctx("aws:SecureTransport", "falſe"), false},
		{`{"Bool":{"aws:SecureTransport":["true","false"]}}`, ctx("aws:SecureTransport", "false"), true},
		// BinaryEquals compares base64.
		{`{"BinaryEquals":{"aws:x":"QmluYXJ5VmFsdWU="}}`, ctx("aws:x", "QmluYXJ5VmFsdWU="), true},
		{`{"BinaryEquals":{"aws:x":"QmluYXJ5VmFsdWU="}}`, ctx("aws:x", "QmluYXJ5VmFsdWU"), true},
		{`{"BinaryEquals":{"aws:x":"QmluYXJ5VmFsdWU="}}`, ctx("aws:x", "QmluYXJ5"), false},
		{`{"BinaryEquals":{"aws:x":"!!"}}`, ctx("aws:x", "!!"), false},
		// IP addresses: IPv4 and IPv6 CIDR blocks and single addresses.
		{`{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx("aws:SourceIp", "203.0.113.7"), true},
		{`{"IpAddress":{"aws:SourceIp":"203.0.113.7/24"}}`, ctx("aws:SourceIp", "203.0.113.200"), true},
		{`{"IpAddress":{"aws:SourceIp":"203.0.113.7"}}`, ctx("aws:SourceIp", "203.0.113.7"), true},
		{`{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx("aws:SourceIp", "::ffff:203.0.113.9"), true},
		{`{"IpAddress":{"aws:SourceIp":"::ffff:203.0.113.0/120"}}`, ctx("aws:SourceIp", "203.0.113.9"), true},
		{`{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}`, ctx("aws:SourceIp", "2001:DB8::1"), true},
		{`{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}`, ctx("aws:SourceIp", "203.0.113.7"), false},
		{`{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]}}`, ctx("aws:SourceIp", "2001:db8::1"), true},
		{`{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}`, ctx("aws:SourceIp", "10.0.0.1"), false},
		{`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ctx("aws:SourceIp", "not-an-ip"), false},
		{`{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ctx("aws:SourceIp", "203.0.113.7"), true},
		{`{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ctx("aws:SourceIp", "10.1.2.3"), false},
		{`{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]}}`, ctx("aws:SourceIp", "2001:db8::1"), false},
		{`{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]}}`, ctx("aws:SourceIp", "2001:db9::1"), true},
		{`{"NotIpAddress":{"aws:SourceIp":"2001:db8::/32"}}`, ctx("aws:SourceIp", "10.1.2.3"), true},
		{`{"IpAddress":{"aws:SourceIp":"::/0"}}`, ctx("aws:SourceIp", "10.1.2.3"), false},
		{`{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`, ctx("aws:SourceIp", "2001:db8::1"), false},
		{`{"IpAddress":{"aws:SourceIp":"2001:DB8:0:0::1/128"}}`, ctx("aws:SourceIp", "2001:db8::1"), true},
		// ARNs: component-wise, wildcards in ArnEquals too, case-sensitive.
		{`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Compliance*"}}`, ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/ComplianceAuditor"), true},
		{`{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/*"}}`, ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice"), true},
		{`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/alice"}}`, ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:user/Alice"), false},
		{`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam:*:user/alice"}}`, ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice"), false},
		{`{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::bucket*"}}`, ctx("aws:SourceArn", "arn:aws:s3:::bucket-1"), true},
		{`{"ArnLike":{"aws:SourceArn":"arn:aws:*"}}`, ctx("aws:SourceArn", "arn:aws:s3:::bucket-1"), false},
		{`{"ArnLike":{"aws:SourceArn":"*"}}`, ctx("aws:SourceArn", "arn:aws:s3:::bucket-1"), true},
		{`{"ArnLike":{"aws:SourceArn":"*"}}`, ctx("aws:SourceArn", "not-an-arn"), false},
		{`{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/alice"}}`, ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:user/bob"), true},
		{`{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::*:user/bob"}}`, ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:user/bob"), false},
		// Null tests presence.
		{`{"Null":{"aws:TokenIssueTime":"true"}}`, ctx(), true},
		{`{"Null":{"aws:TokenIssueTime":"true"}}`, ctx("aws:TokenIssueTime", "x"), false},
		{`{"Null":{"aws:TokenIssueTime":"false"}}`, ctx("aws:TokenIssueTime", "x"), true},
		{`{"Null":{"aws:TokenIssueTime":"maybe"}}`, ctx(), false},
		{`{"Null":{"aws:TagKeys":"false"}}`, map[string][]string{"aws:TagKeys": {}}, true},
		// Several keys AND, several operators AND.
		{`{"StringEquals":{"aws:RequestedRegion":"us-east-1","aws:PrincipalTag/team":"audit"}}`, ctx("aws:RequestedRegion", "us-east-1", "aws:PrincipalTag/team", "audit"), true},
		{`{"StringEquals":{"aws:RequestedRegion":"us-east-1","aws:PrincipalTag/team":"audit"}}`, ctx("aws:RequestedRegion", "us-east-1", "aws:PrincipalTag/team", "dev"), false},
		{`{"StringEquals":{"aws:RequestedRegion":"us-east-1"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, ctx("aws:RequestedRegion", "us-east-1", "aws:MultiFactorAuthPresent", "false"), false},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%d %s", i, tt.cond), func(t *testing.T) {
			require.Equal(t, tt.want, holds(t, tt.cond, tt.kv))
		})
	}
}

// Absent keys: a plain operator is false, a negated one true, ...IfExists
// true; ForAllValues true, ForAnyValue false; Null true for "true".
func TestConditionMissingKey(t *testing.T) {
	tests := []struct {
		op   string
		val  string
		want bool
	}{
		{"StringEquals", `"x"`, false},
		{"StringNotEquals", `"x"`, true},
		{"StringEqualsIgnoreCase", `"x"`, false},
		{"StringNotEqualsIgnoreCase", `"x"`, true},
		{"StringLike", `"*"`, false},
		{"StringNotLike", `"*"`, true},
		{"NumericEquals", `"1"`, false},
		{"NumericNotEquals", `"1"`, true},
		{"NumericLessThan", `"1"`, false},
		{"DateEquals", `"2025-01-01"`, false},
		{"DateNotEquals", `"2025-01-01"`, true},
		{"DateGreaterThan", `"2025-01-01"`, false},
		{"Bool", `"true"`, false},
		{"BinaryEquals", `"eA=="`, false},
		{"IpAddress", `"10.0.0.0/8"`, false},
		{"NotIpAddress", `"10.0.0.0/8"`, true},
		{"ArnEquals", `"arn:aws:iam::*:user/x"`, false},
		{"ArnLike", `"arn:aws:iam::*:user/x"`, false},
		{"ArnNotEquals", `"arn:aws:iam::*:user/x"`, true},
		{"ArnNotLike", `"arn:aws:iam::*:user/x"`, true},
		{"BoolIfExists", `"true"`, true},
		{"StringEqualsIfExists", `"x"`, true},
		{"NumericLessThanIfExists", `"1"`, true},
		{"IpAddressIfExists", `"10.0.0.0/8"`, true},
		{"ForAnyValue:StringEquals", `"x"`, false},
		{"ForAnyValue:StringNotEquals", `"x"`, false},
		{"ForAnyValue:StringEqualsIfExists", `"x"`, true},
		{"ForAllValues:StringEquals", `"x"`, true},
		{"ForAllValues:StringNotLike", `"x*"`, true},
		{"Null", `"true"`, true},
		{"Null", `"false"`, false},
		{"ForAnyValue:Null", `"true"`, true},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			require.Equal(t, tt.want, holds(t, `{"`+tt.op+`":{"aws:x":`+tt.val+`}}`, ctx()))
		})
	}
}

// ForAnyValue and ForAllValues over multivalued keys, including the AWS
// documentation's table for ForAllValues:StringNotLike, and a key present
// with an empty set of values.
func TestConditionSetOperators(t *testing.T) {
	tags := func(v ...string) map[string][]string { return map[string][]string{"aws:TagKeys": v} }
	tests := []struct {
		cond string
		kv   map[string][]string
		want bool
	}{
		{`{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, tags("env", "team"), true},
		{`{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, tags("env", "owner"), false},
		{`{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, tags(), true},
		{`{"ForAnyValue:StringEquals":{"aws:TagKeys":"env"}}`, tags("owner", "env"), true},
		{`{"ForAnyValue:StringEquals":{"aws:TagKeys":"env"}}`, tags("owner"), false},
		{`{"ForAnyValue:StringEquals":{"aws:TagKeys":"env"}}`, tags(), false},
		{`{"ForAnyValue:StringNotLikeIfExists":{"aws:TagKeys":"e*"}}`, tags(), false},
		{`{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, tags("key1:legal"), false},
		{`{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, tags("key2:audit"), true},
		{`{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, tags("key2:audit", "key1:x"), false},
		{`{"ForAnyValue:StringNotEquals":{"aws:TagKeys":"team"}}`, tags("team", "env"), true},
		{`{"ForAnyValue:StringNotEquals":{"aws:TagKeys":"team"}}`, tags("team", "team"), false},
		{`{"ForAllValues:StringLike":{"aws:CalledVia":"*.amazonaws.com"}}`, map[string][]string{"aws:CalledVia": {"athena.amazonaws.com", "cloudformation.amazonaws.com"}}, true},
		// Without a qualifier, a multivalued key matches when some value
		// does; a negated operator when none does.
		{`{"StringEquals":{"aws:TagKeys":"env"}}`, tags("owner", "env"), true},
		{`{"StringNotEquals":{"aws:TagKeys":"env"}}`, tags("owner", "env"), false},
		{`{"StringNotEquals":{"aws:TagKeys":"env"}}`, tags("owner", "team"), true},
		{`{"StringEquals":{"aws:TagKeys":"env"}}`, tags(), false},
		{`{"StringNotEquals":{"aws:TagKeys":"env"}}`, tags(), true},
		{`{"StringEqualsIfExists":{"aws:TagKeys":"env"}}`, tags(), false},
		// A single-valued key is a set of one.
		{`{"ForAnyValue:StringEquals":{"aws:RequestedRegion":"us-east-1"}}`, ctx("aws:RequestedRegion", "us-east-1"), true},
		{`{"ForAllValues:StringEquals":{"aws:RequestedRegion":"eu-west-1"}}`, ctx("aws:RequestedRegion", "us-east-1"), false},
		// Keys given in two spellings are one key.
		{`{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`, map[string][]string{"aws:TagKeys": {"a"}, "AWS:TAGKEYS": {"b"}}, true},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%d %s", i, tt.cond), func(t *testing.T) {
			require.Equal(t, tt.want, holds(t, tt.cond, tt.kv))
		})
	}
}

// Policy variables are substituted in Resource and in string and ARN
// condition values of 2012-10-17 documents, and are literal text before.
func TestPolicyVariables(t *testing.T) {
	tests := []struct {
		name     string
		version  string
		resource string
		cond     string
		kv       map[string][]string
		target   string
		want     policy.Decision
	}{
		{"resource", "2012-10-17", "arn:aws:artifact:*::report/${aws:username}-*", "", ctx("aws:username", "alice"), "arn:aws:artifact:us-east-1::report/alice-soc2:3", policy.Allow},
		{"resource other user", "2012-10-17", "arn:aws:artifact:*::report/${aws:username}-*", "", ctx("aws:username", "bob"), "arn:aws:artifact:us-east-1::report/alice-soc2:3", policy.ImplicitDeny},
		{"resource missing", "2012-10-17", "arn:aws:artifact:*::report/${aws:username}-*", "", ctx(), "arn:aws:artifact:us-east-1::report/alice-soc2:3", policy.ImplicitDeny},
		{"resource default", "2012-10-17", "arn:aws:artifact:*::report/${aws:username, 'alice'}-*", "", ctx(), "arn:aws:artifact:us-east-1::report/alice-soc2:3", policy.Allow},
		{"default quote", "2012-10-17", "arn:aws:artifact:*::report/${aws:username,'o''neil'}", "", ctx(), "arn:aws:artifact:us-east-1::report/o'neil", policy.Allow},
		{"key case", "2012-10-17", "arn:aws:artifact:*::report/${AWS:PrincipalTag/Team}", "", ctx("aws:principaltag/team", "audit"), "arn:aws:artifact:us-east-1::report/audit", policy.Allow},
		{"value is literal", "2012-10-17", "arn:aws:artifact:*::report/${aws:username}", "", ctx("aws:username", "*"), "arn:aws:artifact:us-east-1::report/alice", policy.ImplicitDeny},
		{"value is literal star", "2012-10-17", "arn:aws:artifact:*::report/${aws:username}", "", ctx("aws:username", "*"), "arn:aws:artifact:us-east-1::report/*", policy.Allow},
		{"multivalued key", "2012-10-17", "arn:aws:artifact:*::report/${aws:TagKeys}", "", map[string][]string{"aws:TagKeys": {"a", "b"}}, "arn:aws:artifact:us-east-1::report/a", policy.ImplicitDeny},
		{"special star", "2012-10-17", "arn:aws:artifact:*::report/a${*}b", "", ctx(), "arn:aws:artifact:us-east-1::report/a*b", policy.Allow},
		{"special star is literal", "2012-10-17", "arn:aws:artifact:*::report/a${*}b", "", ctx(), "arn:aws:artifact:us-east-1::report/axxb", policy.ImplicitDeny},
		{"special question", "2012-10-17", "arn:aws:artifact:*::report/a${?}", "", ctx(), "arn:aws:artifact:us-east-1::report/a?", policy.Allow},
		{"special dollar", "2012-10-17", "arn:aws:artifact:*::report/${$}{x}", "", ctx(), "arn:aws:artifact:us-east-1::report/${x}", policy.Allow},
		{"malformed variable is literal", "2012-10-17", "arn:aws:artifact:*::report/${aws:username", "", ctx("aws:username", "a"), "arn:aws:artifact:us-east-1::report/${aws:username", policy.Allow},
		{"old version literal", "2008-10-17", "arn:aws:artifact:*::report/${aws:username}", "", ctx("aws:username", "alice"), "arn:aws:artifact:us-east-1::report/alice", policy.ImplicitDeny},
		{"no version literal", "", "arn:aws:artifact:*::report/${aws:username}", "", ctx("aws:username", "alice"), "arn:aws:artifact:us-east-1::report/${aws:username}", policy.Allow},
		{"two variables", "2012-10-17", "arn:aws:artifact:*::report/${aws:PrincipalTag/a}-*-${aws:PrincipalTag/b}", "", ctx("aws:PrincipalTag/a", "x", "aws:PrincipalTag/b", "y"), "arn:aws:artifact:us-east-1::report/x-mid-y", policy.Allow},
		{"variable in middle chunk", "2012-10-17", "arn:aws:artifact:*::report/*-${aws:username}-*", "", ctx("aws:username", "al"), "arn:aws:artifact:us-east-1::report/x-al-y", policy.Allow},
		{"variable before ?", "2012-10-17", "arn:aws:artifact:*::report/*${aws:username}?", "", ctx("aws:username", "al"), "arn:aws:artifact:us-east-1::report/xxal9", policy.Allow},
		{"not in account component", "2012-10-17", "arn:aws:artifact::${aws:PrincipalAccount}:customer-agreement/*", "", ctx("aws:PrincipalAccount", "111122223333"), "arn:aws:artifact::111122223333:customer-agreement/x", policy.ImplicitDeny},
		{"condition", "2012-10-17", "*", `{"StringEquals":{"aws:PrincipalTag/owner":"${aws:username}"}}`, ctx("aws:username", "alice", "aws:PrincipalTag/owner", "alice"), testReport, policy.Allow},
		{"condition missing", "2012-10-17", "*", `{"StringEquals":{"aws:PrincipalTag/owner":"${aws:username}"}}`, ctx("aws:PrincipalTag/owner", "alice"), testReport, policy.ImplicitDeny},
		{"negated condition missing", "2012-10-17", "*", `{"StringNotEquals":{"aws:PrincipalTag/owner":"${aws:username}"}}`, ctx("aws:PrincipalTag/owner", "alice"), testReport, policy.Allow},
		{"ignore case", "2012-10-17", "*", `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/owner":"${aws:username}-X"}}`, ctx("aws:username", "ALICE", "aws:PrincipalTag/owner", "alice-x"), testReport, policy.Allow},
		{"ignore case longer", "2012-10-17", "*", `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/owner":"${aws:username}"}}`, ctx("aws:username", "ALICE", "aws:PrincipalTag/owner", "alice-x"), testReport, policy.ImplicitDeny},
		{"ignore case shorter", "2012-10-17", "*", `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/owner":"${aws:username}"}}`, ctx("aws:username", "ALICE", "aws:PrincipalTag/owner", "ali"), testReport, policy.ImplicitDeny},
		{"condition default", "2012-10-17", "*", `{"StringEquals":{"aws:PrincipalTag/owner":"${aws:username, 'anonymous'}"}}`, ctx("aws:PrincipalTag/owner", "anonymous"), testReport, policy.Allow},
		{"condition default unused", "2012-10-17", "*", `{"StringEquals":{"aws:PrincipalTag/owner":"${aws:username, 'anonymous'}"}}`, ctx("aws:username", "alice", "aws:PrincipalTag/owner", "anonymous"), testReport, policy.ImplicitDeny},
		{"condition special star", "2012-10-17", "*", `{"StringLike":{"aws:PrincipalTag/owner":"a${*}b*"}}`, ctx("aws:PrincipalTag/owner", "a*bxyz"), testReport, policy.Allow},
		{"condition special star is literal", "2012-10-17", "*", `{"StringLike":{"aws:PrincipalTag/owner":"a${*}b*"}}`, ctx("aws:PrincipalTag/owner", "axbxyz"), testReport, policy.ImplicitDeny},
		{"condition special question and dollar", "2012-10-17", "*", `{"StringEquals":{"aws:PrincipalTag/owner":"${?}${$}"}}`, ctx("aws:PrincipalTag/owner", "?$"), testReport, policy.Allow},
		{"like", "2012-10-17", "*", `{"StringLike":{"aws:PrincipalTag/owner":"${aws:username}*"}}`, ctx("aws:username", "al", "aws:PrincipalTag/owner", "alice"), testReport, policy.Allow},
		{"arn", "2012-10-17", "*", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/${aws:username}"}}`, ctx("aws:username", "alice", "aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice"), testReport, policy.Allow},
		{"numeric takes no variables", "2012-10-17", "*", `{"NumericEquals":{"aws:MultiFactorAuthAge":"${aws:x}"}}`, ctx("aws:x", "1", "aws:MultiFactorAuthAge", "1"), testReport, policy.ImplicitDeny},
		{"old version condition", "2008-10-17", "*", `{"StringEquals":{"aws:PrincipalTag/owner":"${aws:username}"}}`, ctx("aws:username", "alice", "aws:PrincipalTag/owner", "${aws:username}"), testReport, policy.Allow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := ""
			if tt.version != "" {
				v = `"Version":"` + tt.version + `",`
			}
			cond := ""
			if tt.cond != "" {
				cond = `,"Condition":` + tt.cond
			}
			res := strings.ReplaceAll(tt.resource, `"`, `\"`)
			doc, err := policy.Parse([]byte(`{`+v+`"Statement":[{"Effect":"Allow","Action":"artifact:*","Resource":"`+res+`"`+cond+`}]}`), policy.Identity)
			require.NoError(t, err)
			e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc}})
			require.NoError(t, err)
			r := &policy.Request{Action: "artifact:GetReport", Resource: tt.target, Context: policy.NewContext(tt.kv)}
			require.Equal(t, tt.want, e.Decide(r))
			require.Equal(t, tt.want, e.Explain(r).Decision)
		})
	}
}

// A variable with no value in NotResource matches no resource, so the
// NotResource excludes nothing (AWS: "will not match any resource").
func TestPolicyVariableInNotResource(t *testing.T) {
	doc := policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":"*","Resource":"*"},
	  {"Effect":"Deny","Action":"artifact:*","NotResource":"arn:aws:artifact:*::report/${aws:username}-*"}]}`), policy.Identity)
	e, err := policy.Compile(policy.Set{Identity: []*policy.Document{doc}})
	require.NoError(t, err)
	own := "arn:aws:artifact:us-east-1::report/alice-1:1"
	require.Equal(t, policy.Allow, e.Decide(&policy.Request{Action: "artifact:GetReport", Resource: own, Context: policy.NewContext(ctx("aws:username", "alice"))}))
	require.Equal(t, policy.ExplicitDeny, e.Decide(&policy.Request{Action: "artifact:GetReport", Resource: own}))
}
