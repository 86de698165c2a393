// Package aws is the vocabulary of AWS identifiers that every other package
// of artifactkit shares: account ids, partitions and regions, Amazon
// Resource Names (the generic ARN and the ARNs of AWS Artifact's
// resources), SHA-256 document digests, the ParseError that reports
// input which is none of these, and the ValidationError that lists the
// invalid fields of a request (AWS's ValidationExceptionField).
//
// It is a leaf: it imports nothing of the module, and it is the one package
// every other package may import. Its types are values with useful zero
// values (the zero AccountID is no account, the zero Digest no digest), its
// functions keep no state, and everything in it is safe for concurrent use.
//
// # Parsing and building
//
// Each identifier has a parser that checks it strictly against AWS's
// shape and returns a *ParseError (wrapping ErrInvalidInput) naming what is
// wrong, and a String method that writes it in AWS's form. The ARN types
// are built as struct literals; String writes them without checking (fast,
// for values the caller already trusts) and Validate checks them:
//
//	arn := aws.ReportARN{Partition: "aws", Region: "us-east-1", ReportID: "report-abcdef0123456789", Version: 1}
//	if err := arn.Validate(); err != nil { ... }
//	s := arn.String() // arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1
//
// Parsing what String wrote gives the value back: every parser accepts
// exactly the canonical form.
package aws
