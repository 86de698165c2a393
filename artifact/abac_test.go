package artifact_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/policy"
)

// Attribute-based access control on compliance inquiries: the tag
// condition keys each action carries, as the Service Authorization
// Reference lists them (aws:ResourceTag/${TagKey} for every action on a
// compliance-inquiry; aws:RequestTag/${TagKey} and aws:TagKeys for
// CreateComplianceInquiry and TagResource; aws:TagKeys for UntagResource).

// inquiryReads are the actions on an existing inquiry that read or rate
// it, each run by the helper below.
var inquiryReads = []string{
	"artifact:GetComplianceInquiryMetadata", "artifact:ListComplianceInquiryQueries",
	"artifact:ExportComplianceInquiry", "artifact:PutComplianceInquiryFeedback", "artifact:ListTagsForResource",
}

// tryRead runs action on in as c and returns its error.
func (f *fixture) tryRead(c *artifact.Caller, action string, in artifact.InquirySummary) error {
	var err error
	switch action {
	case "artifact:GetComplianceInquiryMetadata":
		_, err = f.svc.GetComplianceInquiryMetadata(bg, c, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: in.ID})
	case "artifact:ListComplianceInquiryQueries":
		_, err = f.svc.ListComplianceInquiryQueries(bg, c, artifact.ListComplianceInquiryQueriesInput{ComplianceInquiryID: in.ID})
	case "artifact:ExportComplianceInquiry":
		_, err = f.svc.ExportComplianceInquiry(bg, c, artifact.ExportComplianceInquiryInput{ComplianceInquiryID: in.ID})
	case "artifact:PutComplianceInquiryFeedback":
		_, err = f.svc.PutComplianceInquiryFeedback(bg, c, artifact.PutComplianceInquiryFeedbackInput{ComplianceInquiryID: in.ID, QueryIdentifier: 1, Rating: inquiry.ThumbsUp})
	case "artifact:ListTagsForResource":
		_, err = f.svc.ListTagsForResource(bg, c, artifact.ListTagsForResourceInput{ResourceARN: in.ARN})
	}
	return err
}

// denied asserts that err is an AccessDeniedException naming action.
func denied(t *testing.T, err error, action string) {
	t.Helper()
	var ad *artifact.AccessDeniedException
	require.ErrorAs(t, err, &ad, action)
	require.Equal(t, action, ad.Action)
}

func create(f *fixture, c *artifact.Caller, tags inquiry.Tags) (artifact.InquirySummary, error) {
	out, err := f.svc.CreateComplianceInquiry(bg, c, artifact.CreateComplianceInquiryInput{Name: "Vendor review",
		InquiryContent: artifact.InquiryContent{Query: "Do you have a SOC 2 report?"}, Tags: tags})
	if err != nil {
		return artifact.InquirySummary{}, err
	}
	return out.ComplianceInquirySummary, nil
}

// aws:ResourceTag/${TagKey}: an Allow on the tag opens the inquiries that
// carry it, for every action on an inquiry, and no other.
func TestQ5_ResourceTagAllows(t *testing.T) {
	f := newFixture(t)
	admin := root(t, member)
	grc := f.ask(t, admin, "Do you have a SOC 2 report?", inquiry.Tags{"team": "grc"})
	grcUpper := f.ask(t, admin, "Do you have a SOC 2 report?", inquiry.Tags{"Team": "grc"})
	ops := f.ask(t, admin, "Do you have a SOC 2 report?", inquiry.Tags{"team": "ops"})
	untagged := f.ask(t, admin, "Do you have a SOC 2 report?", nil)
	c := caller(t, member, "arn:aws:iam::222222222222:user/grc", nil, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Action":["artifact:GetComplianceInquiryMetadata","artifact:ListComplianceInquiryQueries","artifact:ExportComplianceInquiry",
		"artifact:PutComplianceInquiryFeedback","artifact:ListTagsForResource"],
		"Resource":"arn:aws:artifact:us-east-1:222222222222:compliance-inquiry/*",
		"Condition":{"StringEquals":{"aws:ResourceTag/team":"grc"}}}]}`)
	for _, action := range inquiryReads {
		require.NoError(t, f.tryRead(c, action, grc), action)
		require.NoError(t, f.tryRead(c, action, grcUpper), "%s: condition key names ignore case", action)
		denied(t, f.tryRead(c, action, ops), action)
		denied(t, f.tryRead(c, action, untagged), action)
	}
	// Retagging the inquiry moves it out of reach at once.
	_, err := f.svc.TagResource(bg, admin, artifact.TagResourceInput{ResourceARN: grc.ARN, Tags: inquiry.Tags{"team": "ops"}})
	require.NoError(t, err)
	denied(t, f.tryRead(c, "artifact:GetComplianceInquiryMetadata", grc), "artifact:GetComplianceInquiryMetadata")
}

// An explicit Deny on a resource tag wins over an administrator's Allow.
func TestQ5_ResourceTagDenies(t *testing.T) {
	f := newFixture(t)
	restricted := f.ask(t, root(t, member), "q", inquiry.Tags{"classification": "restricted"})
	open := f.ask(t, root(t, member), "q", inquiry.Tags{"classification": "internal"})
	c := caller(t, member, "arn:aws:iam::222222222222:user/analyst", nil, allowAll, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny",
		"Action":"artifact:*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/classification":"restricted"}}}]}`)
	for _, action := range inquiryReads {
		require.NoError(t, f.tryRead(c, action, open), action)
		err := f.tryRead(c, action, restricted)
		denied(t, err, action)
		var ad *artifact.AccessDeniedException
		require.ErrorAs(t, err, &ad)
		require.True(t, ad.ExplicitDeny)
	}
	_, err := f.svc.TagResource(bg, c, artifact.TagResourceInput{ResourceARN: restricted.ARN, Tags: inquiry.Tags{"classification": "internal"}})
	denied(t, err, "artifact:TagResource")
	_, err = f.svc.UntagResource(bg, c, artifact.UntagResourceInput{ResourceARN: restricted.ARN, TagKeys: []string{"classification"}})
	denied(t, err, "artifact:UntagResource")
	out, err := f.svc.ListComplianceInquiries(bg, c, artifact.ListComplianceInquiriesInput{})
	require.NoError(t, err, "ListComplianceInquiries acts on no resource: resource tags do not apply")
	require.Len(t, out.ComplianceInquiries, 2, "and lists are not filtered by tags")
}

// aws:RequestTag/${TagKey} on CreateComplianceInquiry and TagResource.
func TestQ5_RequestTags(t *testing.T) {
	f := newFixture(t)
	c := caller(t, member, "arn:aws:iam::222222222222:user/grc", nil, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Action":["artifact:CreateComplianceInquiry","artifact:TagResource"],"Resource":"*",
		"Condition":{"StringEquals":{"aws:RequestTag/team":"grc"}}}]}`)
	in, err := create(f, c, inquiry.Tags{"team": "grc", "project": "x"})
	require.NoError(t, err)
	_, err = create(f, c, inquiry.Tags{"team": "ops"})
	denied(t, err, "artifact:CreateComplianceInquiry")
	_, err = create(f, c, nil)
	denied(t, err, "artifact:CreateComplianceInquiry")
	_, err = f.svc.TagResource(bg, c, artifact.TagResourceInput{ResourceARN: in.ARN, Tags: inquiry.Tags{"team": "grc", "stage": "draft"}})
	require.NoError(t, err)
	_, err = f.svc.TagResource(bg, c, artifact.TagResourceInput{ResourceARN: in.ARN, Tags: inquiry.Tags{"team": "ops"}})
	denied(t, err, "artifact:TagResource")

	// aws:ResourceTag is absent when an inquiry is created: it has no tags
	// yet, whatever the request sets.
	c2 := caller(t, member, "arn:aws:iam::222222222222:user/strict", nil, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Action":"artifact:CreateComplianceInquiry","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"grc"}}}]}`)
	_, err = create(f, c2, inquiry.Tags{"team": "grc"})
	denied(t, err, "artifact:CreateComplianceInquiry")
	// aws:RequestTag is absent from the actions that set no tags.
	c3 := caller(t, member, "arn:aws:iam::222222222222:user/reader", nil, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Action":"artifact:GetComplianceInquiryMetadata","Resource":"*","Condition":{"Null":{"aws:RequestTag/team":"true","aws:TagKeys":"true"}}}]}`)
	_, err = f.svc.GetComplianceInquiryMetadata(bg, c3, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: in.ID})
	require.NoError(t, err)
}

// aws:TagKeys with ForAllValues (every key of the request among those
// listed; true for a request of no tags) and ForAnyValue (some key
// listed).
func TestQ5_TagKeys(t *testing.T) {
	f := newFixture(t)
	allOf := caller(t, member, "arn:aws:iam::222222222222:user/all", nil, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Action":["artifact:CreateComplianceInquiry","artifact:TagResource","artifact:UntagResource"],"Resource":"*",
		"Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team","project"]}}}]}`)
	anyOf := caller(t, member, "arn:aws:iam::222222222222:user/any", nil, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Action":["artifact:CreateComplianceInquiry","artifact:TagResource","artifact:UntagResource"],"Resource":"*",
		"Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}}}]}`)
	cases := []struct {
		tags       inquiry.Tags
		all, anyOK bool
	}{
		{nil, true, false},
		{inquiry.Tags{"team": "grc"}, true, true},
		{inquiry.Tags{"team": "grc", "project": "x"}, true, true},
		{inquiry.Tags{"team": "grc", "secret": "x"}, false, true},
		{inquiry.Tags{"project": "x"}, true, false},
	}
	for _, c := range cases {
		_, err := create(f, allOf, c.tags)
		if c.all {
			require.NoError(t, err, "ForAllValues %v", c.tags)
		} else {
			denied(t, err, "artifact:CreateComplianceInquiry")
		}
		_, err = create(f, anyOf, c.tags)
		if c.anyOK {
			require.NoError(t, err, "ForAnyValue %v", c.tags)
		} else {
			denied(t, err, "artifact:CreateComplianceInquiry")
		}
	}
	in := f.ask(t, root(t, member), "q", inquiry.Tags{"team": "grc", "secret": "s"})
	_, err := f.svc.UntagResource(bg, allOf, artifact.UntagResourceInput{ResourceARN: in.ARN, TagKeys: []string{"secret"}})
	denied(t, err, "artifact:UntagResource")
	_, err = f.svc.UntagResource(bg, allOf, artifact.UntagResourceInput{ResourceARN: in.ARN, TagKeys: []string{"project"}})
	require.NoError(t, err)
	_, err = f.svc.UntagResource(bg, anyOf, artifact.UntagResourceInput{ResourceARN: in.ARN, TagKeys: []string{"team", "secret"}})
	require.NoError(t, err)

	// A Deny on a key keeps that tag in place.
	keep := caller(t, member, "arn:aws:iam::222222222222:user/keep", nil, allowAll, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny",
		"Action":"artifact:UntagResource","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["owner"]}}}]}`)
	owned := f.ask(t, root(t, member), "q", inquiry.Tags{"owner": "alice", "stage": "draft"})
	_, err = f.svc.UntagResource(bg, keep, artifact.UntagResourceInput{ResourceARN: owned.ARN, TagKeys: []string{"stage", "owner"}})
	denied(t, err, "artifact:UntagResource")
	_, err = f.svc.UntagResource(bg, keep, artifact.UntagResourceInput{ResourceARN: owned.ARN, TagKeys: []string{"stage"}})
	require.NoError(t, err)
}

// teamPolicy is "only inquiries tagged team=${aws:PrincipalTag/team}":
// create and tag only for one's own team (with the team and project tags
// alone), read and rate only one's own team's inquiries, list all, and
// never remove the team tag.
const teamPolicy = `{"Version":"2012-10-17","Statement":[
 {"Sid":"CreateForOwnTeam","Effect":"Allow","Action":"artifact:CreateComplianceInquiry","Resource":"*",
  "Condition":{"StringEquals":{"aws:RequestTag/team":"${aws:PrincipalTag/team}"},
               "ForAllValues:StringEquals":{"aws:TagKeys":["team","project"]}}},
 {"Sid":"WorkOnOwnTeams","Effect":"Allow",
  "Action":["artifact:GetComplianceInquiryMetadata","artifact:ListComplianceInquiryQueries","artifact:ExportComplianceInquiry",
            "artifact:PutComplianceInquiryFeedback","artifact:ListTagsForResource","artifact:TagResource","artifact:UntagResource"],
  "Resource":"arn:aws:artifact:*:*:compliance-inquiry/*",
  "Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"},
               "StringEqualsIfExists":{"aws:RequestTag/team":"${aws:PrincipalTag/team}"}}},
 {"Sid":"ListAll","Effect":"Allow","Action":"artifact:ListComplianceInquiries","Resource":"*"},
 {"Sid":"KeepTheTeamTag","Effect":"Deny","Action":"artifact:UntagResource","Resource":"*",
  "Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}}}]}`

// The team policy end to end: two principals tagged with their teams.
func TestQ5_PrincipalTagTeam(t *testing.T) {
	f := newFixture(t)
	alice := caller(t, member, "arn:aws:iam::222222222222:role/alice", map[string][]string{"aws:PrincipalTag/team": {"grc"}}, teamPolicy)
	bob := caller(t, member, "arn:aws:iam::222222222222:role/bob", map[string][]string{"aws:PrincipalTag/team": {"ops"}}, teamPolicy)
	untagged := caller(t, member, "arn:aws:iam::222222222222:role/carol", nil, teamPolicy)

	mine, err := create(f, alice, inquiry.Tags{"team": "grc", "project": "vendor-x"})
	require.NoError(t, err)
	theirs, err := create(f, bob, inquiry.Tags{"team": "ops"})
	require.NoError(t, err)
	for _, tags := range []inquiry.Tags{{"team": "ops"}, nil, {"team": "grc", "secret": "x"}} {
		_, err = create(f, alice, tags)
		denied(t, err, "artifact:CreateComplianceInquiry")
	}
	_, err = create(f, untagged, inquiry.Tags{"team": ""})
	denied(t, err, "artifact:CreateComplianceInquiry")

	for _, action := range inquiryReads {
		require.NoError(t, f.tryRead(alice, action, mine), action)
		denied(t, f.tryRead(alice, action, theirs), action)
		require.NoError(t, f.tryRead(bob, action, theirs), action)
		denied(t, f.tryRead(untagged, action, mine), action)
	}
	out, err := f.svc.ListComplianceInquiries(bg, alice, artifact.ListComplianceInquiriesInput{})
	require.NoError(t, err)
	require.Len(t, out.ComplianceInquiries, 2)

	_, err = f.svc.TagResource(bg, alice, artifact.TagResourceInput{ResourceARN: mine.ARN, Tags: inquiry.Tags{"stage": "review"}})
	require.NoError(t, err)
	_, err = f.svc.TagResource(bg, alice, artifact.TagResourceInput{ResourceARN: mine.ARN, Tags: inquiry.Tags{"team": "ops"}})
	denied(t, err, "artifact:TagResource")
	_, err = f.svc.TagResource(bg, alice, artifact.TagResourceInput{ResourceARN: theirs.ARN, Tags: inquiry.Tags{"team": "grc"}})
	denied(t, err, "artifact:TagResource")
	_, err = f.svc.UntagResource(bg, alice, artifact.UntagResourceInput{ResourceARN: mine.ARN, TagKeys: []string{"stage"}})
	require.NoError(t, err)
	_, err = f.svc.UntagResource(bg, alice, artifact.UntagResourceInput{ResourceARN: mine.ARN, TagKeys: []string{"team"}})
	denied(t, err, "artifact:UntagResource")
	tags, err := f.svc.ListTagsForResource(bg, alice, artifact.ListTagsForResourceInput{ResourceARN: mine.ARN})
	require.NoError(t, err)
	require.Equal(t, inquiry.Tags{"team": "grc", "project": "vendor-x"}, tags.Tags)
}

// The tag keys reach every layer of policies: a permissions boundary that
// names a tag key sees the inquiry's tags even when the identity policy
// names none.
func TestQ5_BoundaryNamesTheTag(t *testing.T) {
	f := newFixture(t)
	grc := f.ask(t, root(t, member), "q", inquiry.Tags{"team": "grc"})
	ops := f.ask(t, root(t, member), "q", inquiry.Tags{"team": "ops"})
	id := artifact.Identity{Account: member, Principal: "arn:aws:iam::222222222222:role/bounded",
		Policies: []*policy.Document{policy.MustParse([]byte(allowAll), policy.Identity)},
		Boundary: policy.MustParse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"artifact:*","Resource":"*",
			"Condition":{"StringEqualsIfExists":{"aws:ResourceTag/team":"grc"}}}]}`), policy.Identity)}
	c, err := artifact.NewCaller(id)
	require.NoError(t, err)
	require.NoError(t, f.tryRead(c, "artifact:GetComplianceInquiryMetadata", grc))
	denied(t, f.tryRead(c, "artifact:GetComplianceInquiryMetadata", ops), "artifact:GetComplianceInquiryMetadata")
}

// A tag key named in a policy variable counts, in any letter case: the
// service adds exactly the tag keys a caller's policies name.
func TestQ5_TagKeyInAVariable(t *testing.T) {
	f := newFixture(t)
	owned := f.ask(t, root(t, member), "q", inquiry.Tags{"Owner": "alice", "team": "grc", "cost-center": "42"})
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"artifact:GetComplianceInquiryMetadata","Resource":"*",
		"Condition":{"StringEquals":{"aws:PrincipalTag/name":"${aws:ResourceTag/OWNER}"},"StringEqualsIgnoreCase":{"AWS:RESOURCETAG/TEAM":"GRC"}}}]}`
	alice := caller(t, member, "arn:aws:iam::222222222222:role/alice", map[string][]string{"aws:PrincipalTag/name": {"alice"}}, doc)
	bob := caller(t, member, "arn:aws:iam::222222222222:role/bob", map[string][]string{"aws:PrincipalTag/name": {"bob"}}, doc)
	require.NoError(t, f.tryRead(alice, "artifact:GetComplianceInquiryMetadata", owned))
	denied(t, f.tryRead(bob, "artifact:GetComplianceInquiryMetadata", owned), "artifact:GetComplianceInquiryMetadata")
}

// Q5, G7: the keys that describe the resource and what the request sets
// are the service's alone. A caller's context that claims them, through
// any of the three ways a caller gets its keys, is not believed: an
// untagged inquiry does not pass aws:ResourceTag/team=grc, a request
// without tags does not pass aws:RequestTag/team=grc, and ListReports
// (no report, no report keys) does not pass artifact:ReportSeries.
func TestQ5_CallerCannotSupplyServiceKeys(t *testing.T) {
	f := newFixture(t)
	untagged := f.ask(t, root(t, member), "Do you have a SOC 2 report?", nil)
	const principal = "arn:aws:iam::222222222222:user/grc"
	forgeries := []struct {
		name, action, key, value, policy string
		try                              func(c *artifact.Caller) error
	}{
		{name: "resource tag on an untagged inquiry", action: "artifact:GetComplianceInquiryMetadata", key: "aws:ResourceTag/team", value: "grc",
			try: func(c *artifact.Caller) error {
				_, err := f.svc.GetComplianceInquiryMetadata(bg, c, artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: untagged.ID})
				return err
			}},
		{name: "request tag on a request without tags", action: "artifact:CreateComplianceInquiry", key: "AWS:REQUESTTAG/team", value: "grc",
			try: func(c *artifact.Caller) error { _, err := create(f, c, nil); return err }},
		{name: "report series on ListReports", action: "artifact:ListReports", key: "artifact:ReportSeries", value: "SOC",
			try: func(c *artifact.Caller) error {
				_, err := f.svc.ListReports(bg, c, artifact.ListReportsInput{})
				return err
			}},
	}
	ways := []struct {
		name   string
		caller func(t *testing.T, key, value, doc string) *artifact.Caller
	}{
		{"Identity.Context", func(t *testing.T, key, value, doc string) *artifact.Caller {
			return caller(t, member, principal, map[string][]string{key: {value}}, doc)
		}},
		{"WithContext", func(t *testing.T, key, value, doc string) *artifact.Caller {
			return caller(t, member, principal, nil, doc).WithContext(map[string][]string{key: {value}, "aws:SourceIp": {"192.0.2.1"}})
		}},
		{"WithRequestKeys", func(t *testing.T, key, value, doc string) *artifact.Caller {
			return caller(t, member, principal, nil, doc).WithRequestKeys(policy.NewPair("aws:SourceIp", "192.0.2.1"), policy.NewPair(key, value))
		}},
	}
	for _, forged := range forgeries {
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"` + forged.action + `","Resource":"*",
			"Condition":{"StringEquals":{"` + forged.key + `":"` + forged.value + `"}}}]}`
		for _, way := range ways {
			t.Run(forged.name+"/"+way.name, func(t *testing.T) {
				c := way.caller(t, forged.key, forged.value, doc)
				denied(t, forged.try(c), forged.action)
			})
		}
	}
	for _, k := range []string{"aws:ResourceTag/x", "aws:requesttag/x", "AWS:TagKeys", "artifact:reportseries", "ARTIFACT:REPORTCATEGORY"} {
		require.True(t, artifact.ServiceKey(k), k)
	}
	for _, k := range []string{"aws:PrincipalTag/team", "aws:SourceIp", "aws:ResourceTag", "artifact:ReportSeriesX",
		"aws:RequestedRegion", "aws:TagKey", "aws:TagKeysX", "", "aws:"} {
		require.False(t, artifact.ServiceKey(k), k)
	}
}

// Q5: a CreateComplianceInquiry that sets no tags carries aws:TagKeys
// present and empty, the library's choice where AWS is silent (the
// request names its tags, none): a Null check finds the key, and
// ForAllValues holds of it while ForAnyValue does not. UntagResource always
// names keys; ListComplianceInquiries carries none.
func TestQ5_TagKeysPresentAndEmptyOnAnUntaggedCreate(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name, condition string
		allowed         bool
	}{
		{"Null false: the key is present", `{"Null":{"aws:TagKeys":"false"}}`, true},
		{"Null true: the key is absent", `{"Null":{"aws:TagKeys":"true"}}`, false},
		{"ForAllValues holds of no keys", `{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}`, true},
		{"ForAnyValue needs a key", `{"ForAnyValue:StringLike":{"aws:TagKeys":["*"]}}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := caller(t, member, "arn:aws:iam::222222222222:user/creator", nil, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
				"Action":"artifact:CreateComplianceInquiry","Resource":"*","Condition":`+tc.condition+`}]}`)
			_, err := create(f, c, nil)
			if tc.allowed {
				require.NoError(t, err)
			} else {
				denied(t, err, "artifact:CreateComplianceInquiry")
			}
		})
	}
}
