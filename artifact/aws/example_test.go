package aws_test

import (
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

func ExampleParseAccountID() {
	a, err := aws.ParseAccountID("111122223333")
	fmt.Println(a, err)
	_, err = aws.ParseAccountID("1111-2222-3333")
	fmt.Println(err)
	fmt.Println(errors.Is(err, aws.ErrInvalidInput))
	// Output:
	// 111122223333 <nil>
	// invalid account id "1111-2222-3333": want 12 digits
	// true
}

func ExampleParseReportARN() {
	a, err := aws.ParseReportARN("arn:aws:artifact:us-east-1::report/report-abcdef0123456789:3")
	fmt.Println(a.Partition, a.Region, a.ReportID, a.Version, err)
	_, err = aws.ParseReportARN("arn:aws:artifact:::report/report-abcdef0123456789:3")
	fmt.Println(err)
	// Output:
	// aws us-east-1 report-abcdef0123456789 3 <nil>
	// invalid report arn "arn:aws:artifact:::report/report-abcdef0123456789:3": region: report arns need a region
}

func ExampleReportARN() {
	a := aws.ReportARN{Partition: "aws-us-gov", Region: aws.GlobalRegion("aws-us-gov"), ReportID: "report-abcdef0123456789", Version: 1}
	fmt.Println(a, a.Validate())
	a.Version = 0 // the latest version, as a request names it
	fmt.Println(a)
	// Output:
	// arn:aws-us-gov:artifact:us-gov-west-1::report/report-abcdef0123456789:1 <nil>
	// arn:aws-us-gov:artifact:us-gov-west-1::report/report-abcdef0123456789
}

func ExampleCustomerAgreementARN() {
	a := aws.CustomerAgreementARN{Partition: "aws", Account: "111122223333", CustomerAgreementID: "customer-agreement-abcdef0123456789"}
	fmt.Println(a)
	// Output:
	// arn:aws:artifact::111122223333:customer-agreement/customer-agreement-abcdef0123456789
}

func ExampleNewReportPackageARN() {
	a, err := aws.NewReportPackageARN("aws", "Certifications and Attestations", "SOC", "*")
	fmt.Println(a, err)
	_, err = aws.NewReportPackageARN("aws", "Certifications/Attestations", "SOC", "*")
	fmt.Println(err)
	// Output:
	// arn:aws:artifact:::report-package/Certifications and Attestations/SOC/* <nil>
	// invalid report package category "Certifications/Attestations": want a report package category without "/"
}

func ExampleParseARN() {
	a, err := aws.ParseARN("arn:aws:iam::111122223333:role/Auditor")
	fmt.Println(a.Service, a.Account, a.Resource, err)
	_, err = aws.ParseARN("arn:aws:iam::1234:role/Auditor")
	var pe *aws.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Field)
	}
	// Output:
	// iam 111122223333 role/Auditor <nil>
	// account
}

func ExampleValidateRegion() {
	fmt.Println(aws.ValidateRegion("aws", "eu-west-1"))
	fmt.Println(aws.ValidateRegion("aws", "us-gov-west-1"))
	// Output:
	// <nil>
	// invalid region "us-gov-west-1": region "us-gov-west-1" is not in partition aws
}

func ExampleDigest() {
	d := aws.Digest(sha256.Sum256([]byte("abc")))
	fmt.Println(d)
	back, err := aws.ParseDigest(d.String())
	fmt.Println(back == d, err)
	// Output:
	// ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
	// true <nil>
}

func ExamplePartitionOf() {
	for _, region := range []string{"eu-west-1", "us-gov-west-1", "cn-north-1", "global"} {
		if p, ok := aws.PartitionOf(region); ok {
			fmt.Println(region, "is in", p, "whose global region is", aws.GlobalRegion(p))
		} else {
			fmt.Println(region, "is not a region")
		}
	}
	// Output:
	// eu-west-1 is in aws whose global region is us-east-1
	// us-gov-west-1 is in aws-us-gov whose global region is us-gov-west-1
	// cn-north-1 is in aws-cn whose global region is cn-northwest-1
	// global is not a region
}

func ExampleValidationError() {
	validate := func(name string, maxResults int) error {
		var v aws.ValidationError
		if name == "" {
			v.Add("name", "is required")
		}
		if maxResults < 1 || maxResults > 300 {
			v.Add("maxResults", "%d is not between 1 and 300", maxResults)
		}
		return v.Err()
	}
	fmt.Println(validate("n", 10))
	err := validate("", 0)
	fmt.Println(err)
	var ve *aws.ValidationError
	fmt.Println(errors.As(err, &ve), len(ve.Fields), errors.Is(err, aws.ErrInvalidInput))
	// Output:
	// <nil>
	// invalid input: name: is required; maxResults: 0 is not between 1 and 300
	// true 2 true
}
