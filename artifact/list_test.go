package artifact_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/report"
	reportmem "github.com/artifactkit/artifactkit/report/memstore"
)

// Lists page with maxResults 1-300 and an opaque nextToken; paging while
// others publish neither skips nor repeats a report present throughout.
func TestListReportsPaging(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	for i := range 8 {
		f.publish(t, report.Report{ID: fmt.Sprintf("report-Iso27001Aws%05d", i*2), Name: "ISO 27001", Series: "ISO",
			Category: "Certifications and Attestations", PeriodStart: report.D(2025, 1, 1), PeriodEnd: report.D(2025, 12, 31),
			AcceptanceType: report.Passthrough})
	}
	seen := map[string]int{}
	in := artifact.ListReportsInput{MaxResults: 3}
	for page := 0; ; page++ {
		out, err := f.svc.ListReports(bg, c, in)
		require.NoError(t, err)
		require.LessOrEqual(t, len(out.Reports), 3)
		for _, r := range out.Reports {
			seen[r.ID]++
		}
		// Someone publishes between pages, before and after the cursor.
		f.publish(t, report.Report{ID: fmt.Sprintf("report-Iso27001Aws%05d", page*2+1), Name: "ISO 27001", Series: "ISO",
			Category: "Certifications and Attestations", PeriodStart: report.D(2025, 1, 1), PeriodEnd: report.D(2025, 12, 31),
			AcceptanceType: report.Passthrough})
		if out.NextToken == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	for i := range 8 {
		require.Equal(t, 1, seen[fmt.Sprintf("report-Iso27001Aws%05d", i*2)], "present throughout: listed exactly once")
	}
	for id, n := range seen {
		require.Equal(t, 1, n, "%s repeated", id)
	}
	require.Equal(t, 1, seen[f.soc2.ID])
}

func TestListTokensAreRefused(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	first, err := f.svc.ListReports(bg, c, artifact.ListReportsInput{MaxResults: 1})
	require.NoError(t, err)
	require.NotEmpty(t, first.NextToken)
	tests := []struct {
		name string
		call func() error
	}{
		{"maxResults 0 is the default", nil},
		{"maxResults 301", func() error {
			_, err := f.svc.ListReports(bg, c, artifact.ListReportsInput{MaxResults: 301})
			return err
		}},
		{"maxResults -1", func() error {
			_, err := f.svc.ListAgreements(bg, c, artifact.ListAgreementsInput{MaxResults: -1})
			return err
		}},
		{"forged", func() error {
			_, err := f.svc.ListReports(bg, c, artifact.ListReportsInput{NextToken: "cmVwb3J0LXg.AAAA"})
			return err
		}},
		{"another account's", func() error {
			_, err := f.svc.ListReports(bg, root(t, mgmt), artifact.ListReportsInput{NextToken: first.NextToken})
			return err
		}},
		{"another operation's", func() error {
			_, err := f.svc.ListCustomerAgreements(bg, c, artifact.ListCustomerAgreementsInput{NextToken: first.NextToken})
			return err
		}},
		{"another service's", func() error {
			other := newFixture(t, artifact.WithRand(rand.NewChaCha8([32]byte{9})))
			_, err := other.svc.ListReports(bg, c, artifact.ListReportsInput{NextToken: first.NextToken})
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.call == nil {
				out, err := f.svc.ListReports(bg, c, artifact.ListReportsInput{})
				require.NoError(t, err)
				require.Len(t, out.Reports, 2)
				require.Empty(t, out.NextToken)
				return
			}
			var ve *artifact.ValidationException
			require.True(t, errors.As(tc.call(), &ve))
		})
	}
	// Services sharing stores and a page key continue each other's lists.
	store := reportmem.New()
	var tokens []string
	for _, seed := range []byte{1, 2} {
		svc, err := artifact.New(artifact.WithReportStore(store), artifact.WithPageKey([]byte("a shared page key")),
			artifact.WithRand(rand.NewChaCha8([32]byte{seed})), artifact.WithClock(f.clock.Now))
		require.NoError(t, err)
		if seed == 1 {
			for _, r := range []report.Report{f.soc2, f.pci} {
				r.ARN, r.SequenceNumber = "", 0
				_, err := svc.PublishReport(bg, r)
				require.NoError(t, err)
			}
		}
		in := artifact.ListReportsInput{MaxResults: 1}
		if len(tokens) > 0 {
			in.NextToken = tokens[0]
		}
		out, err := svc.ListReports(bg, c, in)
		require.NoError(t, err)
		tokens = append(tokens, out.NextToken)
	}
}

func TestListReportVersionsAndAgreements(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	f.publish(t, report.Report{ID: f.soc2.ID, Name: "SOC 2 Type 2 Report", Series: "SOC", Family: "SOC 2",
		Category: "Certifications and Attestations", PeriodStart: report.D(2025, 4, 1), PeriodEnd: report.D(2026, 3, 31), AcceptanceType: report.Explicit})
	var versions []int64
	in := artifact.ListReportVersionsInput{ReportID: f.soc2.ID, MaxResults: 1}
	for {
		out, err := f.svc.ListReportVersions(bg, c, in)
		require.NoError(t, err)
		for _, r := range out.Reports {
			versions = append(versions, r.Version)
		}
		if out.NextToken == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	require.Equal(t, []int64{1, 2}, versions)
	_, err := f.svc.ListReportVersions(bg, c, artifact.ListReportVersionsInput{ReportID: "bad"})
	var ve *artifact.ValidationException
	require.True(t, errors.As(err, &ve))

	latest, err := f.svc.GetReportMetadata(bg, c, artifact.GetReportMetadataInput{ReportID: f.soc2.ID})
	require.NoError(t, err)
	require.Equal(t, int64(2), latest.ReportDetails.Version, "no version means the latest")

	agreements, err := f.svc.ListAgreements(bg, c, artifact.ListAgreementsInput{MaxResults: 2})
	require.NoError(t, err)
	require.Len(t, agreements.Agreements, 2)
	rest, err := f.svc.ListAgreements(bg, c, artifact.ListAgreementsInput{NextToken: agreements.NextToken})
	require.NoError(t, err)
	require.Len(t, rest.Agreements, 2)
	require.Empty(t, rest.NextToken)
}
