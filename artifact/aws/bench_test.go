package aws_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// The parsers run on every request that names a resource; they allocate
// nothing but the error of a refused input.

func BenchmarkParseAccountID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := aws.ParseAccountID("111122223333"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseARN(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := aws.ParseARN("arn:aws:iam::111122223333:role/Auditor"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseReportARN(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := aws.ParseReportARN("arn:aws:artifact:us-east-1::report/report-abcdef0123456789:12"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCustomerAgreementARN(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := aws.ParseCustomerAgreementARN("arn:aws:artifact::111122223333:customer-agreement/customer-agreement-abcdef0123456789"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseReportPackageARN(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := aws.ParseReportPackageARN("arn:aws:artifact:::report-package/Certifications and Attestations/SOC/SOC 2"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReportARNString(b *testing.B) {
	a := aws.ReportARN{Partition: "aws", Region: "us-east-1", ReportID: "report-abcdef0123456789", Version: 12}
	b.ReportAllocs()
	for b.Loop() {
		_ = a.String()
	}
}

func BenchmarkParseDigest(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := aws.ParseDigest("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); err != nil {
			b.Fatal(err)
		}
	}
}
