package aws_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Every parser never panics, returns a *ParseError or a value, and accepts
// only what its String writes back unchanged (the canonical form).

var accountPattern = regexp.MustCompile(`^[0-9]{12}$`)

// FuzzParseAccountID: ParseAccountID accepts exactly 12 ASCII digits.
func FuzzParseAccountID(f *testing.F) {
	for _, s := range []string{"111122223333", "11112222333", "11112222333a", "", "١١١١٢٢٢٢٣٣٣٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := aws.ParseAccountID(s)
		checkParsed(t, s, err, func() string { return a.String() })
		if ok := err == nil; ok != accountPattern.MatchString(s) {
			t.Fatalf("ParseAccountID(%q) ok=%v, pattern says %v", s, ok, !ok)
		}
	})
}

// FuzzValidateRegion: a region accepted in one partition is accepted in
// no other.
func FuzzValidateRegion(f *testing.F) {
	for _, s := range []string{"us-east-1", "us-gov-west-1", "cn-north-1", "eusc-de-east-1", "us--1", "us-east-100"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, region string) {
		var in []string
		for _, p := range aws.Partitions() {
			err := aws.ValidateRegion(p, region)
			if err == nil {
				in = append(in, p)
				continue
			}
			var pe *aws.ParseError
			if !errors.As(err, &pe) || pe.Input != region {
				t.Fatalf("ValidateRegion(%q, %q) = %v", p, region, err)
			}
		}
		p, ok := aws.PartitionOf(region)
		switch {
		case len(in) > 1:
			t.Fatalf("region %q is in partitions %v", region, in)
		case ok != (len(in) == 1) || ok && p != in[0]:
			t.Fatalf("PartitionOf(%q) = %q, %v; ValidateRegion accepts it in %v", region, p, ok, in)
		}
	})
}

// FuzzParseARN: what ParseARN accepts round-trips.
func FuzzParseARN(f *testing.F) {
	for _, s := range []string{
		"arn:aws:artifact:::agreement/agreement-abcdef0123456789",
		"arn:aws:iam::aws:policy/AWSArtifactReportsReadOnlyAccess",
		"arn:aws-cn:s3:cn-north-1:111122223333:bucket/x",
		"arn:aws:sts::111122223333:assumed-role/r/s",
		"arn:::::",
		"arn:aws:artifact:us-east-1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := aws.ParseARN(s)
		checkParsed(t, s, err, func() string { return a.String() })
		if err == nil && a.Validate() != nil {
			t.Fatalf("ParseARN(%q) = %+v, which does not validate", s, a)
		}
	})
}

// artifactSeeds are inputs for the parsers of Artifact ARNs.
var artifactSeeds = []string{
	"arn:aws:artifact:::agreement/agreement-abcdef0123456789",
	"arn:aws:artifact::111111111111:customer-agreement/customer-agreement-abcdef0123456789",
	"arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1",
	"arn:aws-us-gov:artifact:us-gov-west-1::report/report-abcdef0123456789:99",
	"arn:aws:artifact:us-east-1::report/report-abcdef0123456789:*",
	"arn:aws:artifact:us-east-1::term/term-abcdef0123456789:1",
	"arn:aws:artifact:eu-west-1:111122223333:compliance-inquiry/compliance-inquiry-abcdef0123456789",
	"arn:aws:artifact:::report-package/Certifications and Attestations/SOC/*",
	"arn:aws:artifact:us-east-1::report/report-:1",
	"arn:::::",
}

// fuzzArtifact fuzzes the parser of one Artifact ARN type.
func fuzzArtifact(f *testing.F, what string) {
	for _, s := range artifactSeeds {
		f.Add(s)
	}
	parse := parsers[what]
	f.Fuzz(func(t *testing.T, s string) {
		a, err := parse(s)
		checkParsed(t, s, err, func() string { return a.String() })
		if err == nil && a.Validate() != nil {
			t.Fatalf("%s %q parsed to %+v, which does not validate", what, s, a)
		}
		var pe *aws.ParseError
		if err != nil && errors.As(err, &pe) && pe.What != what {
			t.Fatalf("%s %q: error about a %s", what, s, pe.What)
		}
	})
}

func FuzzParseAgreementARN(f *testing.F)         { fuzzArtifact(f, "agreement arn") }
func FuzzParseCustomerAgreementARN(f *testing.F) { fuzzArtifact(f, "customer agreement arn") }
func FuzzParseReportARN(f *testing.F)            { fuzzArtifact(f, "report arn") }
func FuzzParseTermARN(f *testing.F)              { fuzzArtifact(f, "term arn") }
func FuzzParseComplianceInquiryARN(f *testing.F) { fuzzArtifact(f, "compliance inquiry arn") }
func FuzzParseReportPackageARN(f *testing.F)     { fuzzArtifact(f, "report package arn") }

// FuzzNewReportPackageARN: a package built from its parts parses back.
func FuzzNewReportPackageARN(f *testing.F) {
	f.Add("Certifications and Attestations", "SOC", "SOC 2")
	f.Add("a/b", "", "*")
	f.Fuzz(func(t *testing.T, category, series, name string) {
		a, err := aws.NewReportPackageARN("aws", category, series, name)
		if err != nil {
			var pe *aws.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("NewReportPackageARN: %v is not a *ParseError", err)
			}
			return
		}
		back, err := aws.ParseReportPackageARN(a.String())
		if err != nil || back != a {
			t.Fatalf("NewReportPackageARN(%q, %q, %q) = %+v, parsed back as %+v, %v", category, series, name, a, back, err)
		}
	})
}

// FuzzParseDigest: ParseDigest accepts 64 hex digits only.
func FuzzParseDigest(f *testing.F) {
	f.Add("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
	f.Add("xyz")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := aws.ParseDigest(s)
		if err != nil {
			var pe *aws.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseDigest(%q): %v is not a *ParseError", s, err)
			}
			return
		}
		if !strings.EqualFold(d.String(), s) {
			t.Fatalf("ParseDigest(%q) = %s", s, d)
		}
	})
}

// checkParsed checks the outcome of parsing s: a *ParseError about s, or
// a value whose String is s.
func checkParsed(t *testing.T, s string, err error, str func() string) {
	t.Helper()
	if err != nil {
		var pe *aws.ParseError
		if !errors.As(err, &pe) || pe.Input != s || !errors.Is(err, aws.ErrInvalidInput) {
			t.Fatalf("parsing %q: %v is not a *ParseError about it", s, err)
		}
		return
	}
	if got := str(); got != s {
		t.Fatalf("parsed %q, which writes back as %q", s, got)
	}
}
