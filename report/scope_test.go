package report_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/report"
)

// R5: each report version states the services and regions in scope; scope
// changes between versions; a service used but not in scope needs
// compensating controls.
func TestR5_ScopePerVersion(t *testing.T) {
	cat, _ := newCatalog(t)
	v1 := soc2(report.D(2023, 10, 1), report.D(2024, 9, 30))
	v1.Scope = report.MustScope([]string{"Amazon EC2", "Amazon S3", "AWS Lambda"}, []string{"us-east-1", "eu-west-1"})
	r1 := put(t, cat, v1)
	v2 := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	v2.Scope = report.MustScope([]string{"Amazon EC2", "Amazon S3", "Amazon Bedrock"}, []string{"us-east-1", "eu-west-1", "eu-central-1"})
	r2 := put(t, cat, v2)

	for _, tc := range []struct {
		ref     report.Ref
		service string
		region  string
		want    bool
	}{
		{r1.Ref(), "Amazon S3", "eu-west-1", true},
		{r1.Ref(), "Amazon S3", "eu-central-1", false}, // not yet covered
		{r2.Ref(), "Amazon S3", "eu-central-1", true},  // scoped in at the next cycle
		{r1.Ref(), "AWS Lambda", "us-east-1", true},
		{r2.Ref(), "AWS Lambda", "us-east-1", false}, // dropped
		{r2.Ref(), "Amazon Bedrock", "us-east-1", true},
		{r2.Ref(), "amazon s3", "us-east-1", false}, // names match exactly
	} {
		got, err := cat.InScope(ctx, tc.ref.ID, tc.ref.Version, tc.service, tc.region)
		require.NoError(t, err)
		require.Equal(t, tc.want, got, "%v %s in %s", tc.ref, tc.service, tc.region)
	}
	latest, err := cat.InScope(ctx, r2.ID, 0, "Amazon Bedrock", "eu-central-1")
	require.NoError(t, err)
	require.True(t, latest)

	d, err := cat.DiffScope(ctx, r1.Ref(), r2.Ref())
	require.NoError(t, err)
	diff(t, report.ScopeDiff{AddedServices: []string{"Amazon Bedrock"}, RemovedServices: []string{"AWS Lambda"},
		AddedRegions: []string{"eu-central-1"}}, d)
	require.False(t, d.IsZero())
	require.True(t, report.DiffScope(v1.Scope, v1.Scope).IsZero())

	out, err := cat.OutOfScope(ctx, r2.ID, r2.Version, []report.Use{
		{Service: "Amazon EC2", Region: "us-east-1"},
		{Service: "AWS Lambda", Region: "us-east-1"},
		{Service: "Amazon S3", Region: "ap-south-1"},
		{Service: "AWS Lambda", Region: "us-east-1"},
	})
	require.NoError(t, err)
	diff(t, []report.Use{{Service: "AWS Lambda", Region: "us-east-1"}, {Service: "Amazon S3", Region: "ap-south-1"}}, out)

	_, err = cat.InScope(ctx, r1.ID, 9, "Amazon S3", "us-east-1")
	require.ErrorIs(t, err, report.ErrNotFound)
	_, err = cat.OutOfScope(ctx, "x", 1, nil)
	require.ErrorIs(t, err, report.ErrInvalid)
	_, err = cat.DiffScope(ctx, r1.Ref(), report.Ref{ID: r1.ID, Version: 5})
	require.ErrorIs(t, err, report.ErrNotFound)
	_, err = cat.DiffScope(ctx, report.Ref{}, r1.Ref())
	require.ErrorIs(t, err, report.ErrInvalid)
}

func TestScopeValue(t *testing.T) {
	var zero report.Scope
	require.True(t, zero.IsZero())
	require.False(t, zero.Contains("Amazon S3", "us-east-1"), "the zero scope has nothing in scope")
	require.Nil(t, zero.Services())

	global := report.MustScope([]string{"AWS IAM", "AWS IAM"}, nil)
	require.True(t, global.Contains("AWS IAM", "any-region-1"), "no region limit stated")
	require.Equal(t, []string{"AWS IAM"}, global.Services())
	require.Nil(t, global.Regions())

	s := report.MustScope([]string{"Amazon S3", "Amazon EC2"}, []string{"us-east-1", "eu-west-1"})
	require.Equal(t, []string{"Amazon EC2", "Amazon S3"}, s.Services())
	require.Equal(t, []string{"eu-west-1", "us-east-1"}, s.Regions())
	require.True(t, s.Equal(report.MustScope([]string{"Amazon EC2", "Amazon S3"}, []string{"eu-west-1", "us-east-1"})))
	require.False(t, s.Equal(global))

	_, err := report.NewScope([]string{"", "<b>"}, []string{"Ireland", "us-east-1"})
	require.Equal(t, []string{"scope.services", "scope.services", "scope.regions"}, fields(t, err))
	require.Panics(t, func() { report.MustScope(nil, []string{"nowhere"}) })
}

// R5: programs limited to regions (WP): Cyber Essentials Plus in EU
// (Ireland), IRAP in Sydney, ITAR and FIPS 140-2 endpoints in GovCloud
// (US). A version of such a program cannot state other regions in scope.
func TestR5_ProgramRegionLimits(t *testing.T) {
	programs := map[string]report.Program{}
	for _, p := range report.Programs() {
		programs[p.Name] = p
	}
	for name, regions := range map[string][]string{
		"Cyber Essentials Plus": {"eu-west-1"},
		"IRAP":                  {"ap-southeast-2"},
		"ITAR":                  {"us-gov-west-1", "us-gov-east-1"},
		"FIPS 140-2":            {"us-gov-west-1", "us-gov-east-1"},
	} {
		p, ok := programs[name]
		require.True(t, ok, name)
		require.Equal(t, regions, p.Regions, name)
		require.NotEmpty(t, p.Note, name)
		require.True(t, p.Allows(regions[0]))
		require.False(t, p.Allows("us-east-1"), name)
	}
	for _, name := range []string{"SOC 1", "SOC 2", "SOC 3", "PCI DSS", "ISO 27001", "ISO 27017", "ISO 27018", "ISO 9001", "HIPAA", "FedRAMP", "CJIS"} {
		_, ok := programs[name]
		require.True(t, ok, "%s is a program of the whitepaper", name)
	}
	require.True(t, programs["SOC 2"].Allows("ap-south-1"), "SOC is not limited to regions")

	cat, _ := newCatalog(t)
	irap := soc2(report.D(2024, 7, 1), report.D(2025, 6, 30))
	irap.Family, irap.Series, irap.TrustCategories = "IRAP", "IRAP", nil
	irap.Scope = report.MustScope([]string{"Amazon EC2"}, []string{"ap-southeast-2", "ap-southeast-4"})
	_, err := cat.Put(ctx, irap)
	require.Equal(t, []string{"scope.regions"}, fields(t, err))
	require.Contains(t, err.Error(), "IRAP does not cover ap-southeast-4")
	irap.Scope = report.MustScope([]string{"Amazon EC2"}, nil)
	_, err = cat.Put(ctx, irap)
	require.Equal(t, []string{"scope.regions"}, fields(t, err), "a region-limited program names its regions")
	irap.Scope = report.MustScope([]string{"Amazon EC2"}, []string{"ap-southeast-2"})
	r := put(t, cat, irap)
	in, err := cat.InScope(ctx, r.ID, 1, "Amazon EC2", "ap-southeast-2")
	require.NoError(t, err)
	require.True(t, in)

	cep := soc2(report.D(2024, 7, 1), report.D(2025, 6, 30))
	cep.Family, cep.Series, cep.TrustCategories = "Cyber Essentials Plus", "Cyber Essentials", nil
	cep.Scope = report.MustScope([]string{"Amazon EC2"}, []string{"eu-west-2"})
	_, err = cat.Put(ctx, cep)
	require.Equal(t, []string{"scope.regions"}, fields(t, err))

	p, ok := cat.Program("SOC 2 European Sovereign Cloud")
	require.True(t, ok)
	require.Equal(t, "SOC 2", p.Name)
	_, ok = cat.Program("Made-up Program")
	require.False(t, ok)

	// The programs are configurable.
	custom, _ := newCatalog(t, report.WithPrograms([]report.Program{{Name: "IRAP"}}))
	irap.Scope = report.MustScope([]string{"Amazon EC2"}, []string{"ap-southeast-4"})
	put(t, custom, irap)
}

// H7: a HIPAA Account may use any service, but PHI goes only into HIPAA
// Eligible Services; given the services an account uses for PHI, name
// those that are not eligible.
func TestH7_NotHIPAAEligible(t *testing.T) {
	def := report.DefaultHIPAAEligible()
	require.True(t, def.Eligible("Amazon S3"))
	require.True(t, def.Eligible("Amazon EC2"))
	require.False(t, def.Eligible("Amazon Lightsail"))
	require.Contains(t, def.Services(), "AWS KMS")
	require.Equal(t, []string{"Amazon Lightsail", "Amazon GameLift"},
		def.NotEligible([]string{"Amazon S3", "Amazon Lightsail", "Amazon DynamoDB", "Amazon GameLift", "Amazon Lightsail"}))
	require.Empty(t, def.NotEligible([]string{"Amazon RDS for MySQL", "Elastic Load Balancing"}))

	// The list is configurable: AWS's list grows.
	today := report.NewEligibility("Amazon S3", "AWS Lambda", "Amazon Bedrock")
	require.Equal(t, []string{"Amazon EC2"}, today.NotEligible([]string{"AWS Lambda", "Amazon EC2", "Amazon Bedrock"}))
	var none report.Eligibility
	require.Equal(t, []string{"Amazon S3"}, none.NotEligible([]string{"Amazon S3"}), "the zero list has nothing eligible")
}

// R7: SOC 2 reports state their Trust Services categories per version:
// AWS covers Security, Availability, Confidentiality and Privacy today, not
// Processing Integrity; older versions covered fewer (WP 2017: security
// and availability).
func TestR7_TrustCategoriesPerVersion(t *testing.T) {
	cat, _ := newCatalog(t)
	old := soc2(report.D(2016, 4, 1), report.D(2016, 9, 30))
	old.TrustCategories = []report.TrustCategory{report.Availability, report.Security}
	r2016 := put(t, cat, old)
	require.Equal(t, []report.TrustCategory{report.Security, report.Availability}, r2016.TrustCategories, "in the AICPA's order")
	r2025 := put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))

	for _, tc := range []struct {
		r    report.Report
		c    report.TrustCategory
		want bool
	}{
		{r2016, report.Security, true},
		{r2016, report.Availability, true},
		{r2016, report.Confidentiality, false},
		{r2016, report.Privacy, false},
		{r2025, report.Confidentiality, true},
		{r2025, report.Privacy, true},
		{r2025, report.ProcessingIntegrity, false},
	} {
		require.Equal(t, tc.want, tc.r.Covers(tc.c), "%s covers %s", tc.r.Name, tc.c)
	}

	for _, tc := range []struct {
		name   string
		family string
		cats   []report.TrustCategory
	}{
		{"only SOC 2 and SOC 3 state categories", "SOC 1", []report.TrustCategory{report.Security}},
		{"Security is always examined", "SOC 2", []report.TrustCategory{report.Availability}},
		{"no repeats", "SOC 2", []report.TrustCategory{report.Security, report.Security}},
		{"closed set", "SOC 2", []report.TrustCategory{report.Security, "Integrity"}},
	} {
		r := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
		r.Family, r.TrustCategories = tc.family, tc.cats
		_, err := cat.Put(ctx, r)
		require.Equal(t, []string{"trustCategories"}, fields(t, err), tc.name)
	}
	soc3 := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	soc3.Family, soc3.AcceptanceType = "SOC 3", report.Passthrough
	put(t, cat, soc3)
}

// A Report, scope included, survives JSON, so that a store may keep it so.
func TestReportJSONRoundTrip(t *testing.T) {
	cat, _ := newCatalog(t)
	in := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	in.Scope = report.MustScope([]string{"Amazon S3", "Amazon EC2"}, []string{"us-east-1"})
	r := put(t, cat, in)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	require.Contains(t, string(b), `"Scope":{"services":["Amazon EC2","Amazon S3"],"regions":["us-east-1"]}`)
	var back report.Report
	require.NoError(t, json.Unmarshal(b, &back))
	diff(t, r, back)

	var s report.Scope
	require.Error(t, json.Unmarshal([]byte(`{"regions":["Ireland"]}`), &s))
	require.Error(t, json.Unmarshal([]byte(`[]`), &s))
	require.NoError(t, json.Unmarshal([]byte(`{}`), &s))
	require.True(t, s.IsZero())
}
