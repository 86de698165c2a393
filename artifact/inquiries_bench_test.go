package artifact_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/policy"
)

// BenchmarkGetComplianceInquiryMetadata measures the cost of tag-based
// access control on a GetComplianceInquiryMetadata call, end to end on the
// in-memory stores with a trail that keeps nothing. The baseline is an
// untagged inquiry under an Allow without conditions; "plain" adds the
// inquiry's tags as aws:ResourceTag keys under the same policy (the cost
// of the mechanism); "team-policy" evaluates them under the team policy
// of the tests (aws:ResourceTag/team against ${aws:PrincipalTag/team},
// five statements): what an ABAC deployment pays.
func BenchmarkGetComplianceInquiryMetadata(b *testing.B) {
	plain := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"artifact:GetComplianceInquiryMetadata","Resource":"*"}]}`
	b.Run("untagged", func(b *testing.B) { benchGetInquiry(b, plain, 0) })
	b.Run("tags=1/plain", func(b *testing.B) { benchGetInquiry(b, plain, 1) })
	b.Run("tags=10/plain", func(b *testing.B) { benchGetInquiry(b, plain, 10) })
	b.Run("tags=1/team-policy", func(b *testing.B) { benchGetInquiry(b, teamPolicy, 1) })
	b.Run("tags=10/team-policy", func(b *testing.B) { benchGetInquiry(b, teamPolicy, 10) })
}

func benchGetInquiry(b *testing.B, doc string, tags int) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	svc, err := artifact.New(artifact.WithClock(func() time.Time { return now }), artifact.WithRand(rand.NewChaCha8([32]byte{1})),
		artifact.WithAuditStore(&discard{}))
	require.NoError(b, err)
	c, err := artifact.NewCaller(artifact.Identity{Account: "111122223333", Principal: "arn:aws:iam::111122223333:role/alice",
		Policies: []*policy.Document{policy.MustParse([]byte(doc), policy.Identity)},
		Context:  map[string][]string{"aws:PrincipalTag/team": {"grc"}}})
	require.NoError(b, err)
	admin, err := artifact.NewCaller(artifact.Identity{Account: "111122223333", Principal: "root"})
	require.NoError(b, err)
	var t inquiry.Tags
	if tags > 0 {
		t = inquiry.Tags{"team": "grc"}
		for i := 1; i < tags; i++ {
			t[fmt.Sprint("key", i)] = fmt.Sprint("value", i)
		}
	}
	out, err := svc.CreateComplianceInquiry(ctx, admin, artifact.CreateComplianceInquiryInput{Name: "n",
		InquiryContent: artifact.InquiryContent{Query: "Do you have a SOC 2 report?"}, Tags: t})
	require.NoError(b, err)
	in := artifact.GetComplianceInquiryMetadataInput{ComplianceInquiryID: out.ComplianceInquirySummary.ID}
	_, err = svc.GetComplianceInquiryMetadata(ctx, c, in) // processed once, outside the loop
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.GetComplianceInquiryMetadata(ctx, c, in); err != nil {
			b.Fatal(err)
		}
	}
}
