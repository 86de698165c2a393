package artifact_test

import (
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/policy"
)

// conditionPolicy allows artifact:ListReports under one condition.
func conditionPolicy(condition string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"artifact:ListReports","Resource":"*",
		"Condition":` + condition + `}]}`
}

// The keys a host takes from each request (aws:SourceIp, aws:SecureTransport,
// aws:RequestedRegion, aws:CurrentTime, aws:EpochTime) decide conditions
// without recompiling the caller's policies.
func TestWithRequestKeys(t *testing.T) {
	w := artifacttest.New(t)
	for _, tc := range []struct {
		name      string
		condition string
		pairs     []policy.Pair
		allowed   bool
	}{
		{"source ip inside", `{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, []policy.Pair{policy.NewPair("aws:SourceIp", "10.1.2.3")}, true},
		{"source ip outside", `{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, []policy.Pair{policy.NewPair("aws:SourceIp", "192.0.2.1")}, false},
		{"source ip absent", `{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, nil, false},
		{"ipv6 source", `{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}`, []policy.Pair{policy.NewPair("aws:SourceIp", "2001:db8::1")}, true},
		{"tls", `{"Bool":{"aws:SecureTransport":"true"}}`, []policy.Pair{policy.NewPair("aws:SecureTransport", "true")}, true},
		{"plain http", `{"Bool":{"aws:SecureTransport":"true"}}`, []policy.Pair{policy.NewPair("aws:SecureTransport", "false")}, false},
		// Without a requested region of its own, the service adds its own
		// (us-east-1); the request's replaces it.
		{"service region", `{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}`, nil, true},
		{"request region", `{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}`, []policy.Pair{policy.NewPair("aws:RequestedRegion", "eu-west-1")}, true},
		{"request region refused", `{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}`, []policy.Pair{policy.NewPair("aws:RequestedRegion", "eu-west-1")}, false},
		// The world's clock reads 2026-03-01T09:00:00Z; the request's time
		// replaces it.
		{"service time", `{"DateLessThan":{"aws:CurrentTime":"2026-06-01T00:00:00Z"}}`, nil, true},
		{"request time", `{"DateLessThan":{"aws:CurrentTime":"2026-06-01T00:00:00Z"}}`,
			[]policy.Pair{policy.NewPair("aws:CurrentTime", "2026-07-01T00:00:00Z"), policy.NewPair("aws:EpochTime", "1782864000")}, false},
		{"request epoch", `{"NumericLessThan":{"aws:EpochTime":"1780272000"}}`,
			[]policy.Pair{policy.NewPair("aws:CurrentTime", "2026-07-01T00:00:00Z"), policy.NewPair("aws:EpochTime", "1782864000")}, false},
		{"zero pair ignored", `{"Null":{"aws:SourceIp":"true"}}`, []policy.Pair{{}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base, err := artifacttest.NewCaller(artifacttest.ManagementAccount, "conditional", conditionPolicy(tc.condition))
			require.NoError(t, err)
			c := base.WithRequestKeys(tc.pairs...)
			_, err = w.Service.ListReports(bg, c, artifact.ListReportsInput{MaxResults: 1})
			if tc.allowed {
				require.NoError(t, err)
				return
			}
			var denied *artifact.AccessDeniedException
			require.True(t, errors.As(err, &denied), "%v", err)
		})
	}
}

// A request's keys replace the caller's own, and the caller it was derived
// from is unchanged: one compiled caller serves concurrent requests from
// different peers.
func TestWithRequestKeysLeavesTheCallerAlone(t *testing.T) {
	w := artifacttest.New(t)
	id := artifact.Identity{
		Account:   artifacttest.ManagementAccount,
		Principal: "arn:aws:iam::999988887777:user/office",
		Policies:  []*policy.Document{policy.MustParse([]byte(conditionPolicy(`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`)), policy.Identity)},
		Context:   map[string][]string{"aws:SourceIp": {"10.0.0.1"}},
	}
	office, err := artifact.NewCaller(id)
	require.NoError(t, err)

	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ip, allowed := "10.9.9.9", true
			if i%2 == 1 {
				ip, allowed = "198.51.100.7", false
			}
			for range 50 {
				_, err := w.Service.ListReports(bg, office.WithRequestKeys(policy.NewPair("aws:SourceIp", ip)), artifact.ListReportsInput{MaxResults: 1})
				if allowed {
					require.NoError(t, err)
				} else {
					require.Error(t, err)
				}
			}
		}()
	}
	wg.Wait()
	_, err = w.Service.ListReports(bg, office, artifact.ListReportsInput{MaxResults: 1})
	require.NoError(t, err, "the caller's own source ip still applies")
}

func BenchmarkWithRequestKeys(b *testing.B) {
	w := artifacttest.New(b)
	c := w.Caller(artifacttest.ReportsReader)
	secure := policy.NewPair("aws:SecureTransport", "false")
	region := policy.NewPair("aws:RequestedRegion", "us-east-1")
	ip := policy.NewPair("aws:SourceIp", "127.0.0.1")
	b.ReportAllocs()
	for b.Loop() {
		_ = c.WithRequestKeys(ip, secure, region)
	}
}
