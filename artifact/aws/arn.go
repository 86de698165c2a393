package aws

import "strings"

// An ARN is an Amazon Resource Name split into its six components:
// arn:Partition:Service:Region:Account:Resource.
type ARN struct {
	// Partition is the partition, such as "aws" or "aws-cn" (see Partitions).
	Partition string
	// Service is the service namespace, such as "artifact" or "iam".
	Service string
	// Region is the region, such as "us-east-1", or empty for a resource
	// that has none.
	Region string
	// Account is a 12-digit account id, "aws" for an AWS-managed resource
	// (arn:aws:iam::aws:policy/...), or empty.
	Account string
	// Resource is everything after the fifth colon, such as
	// "report/report-abcdefghij123456:3"; it may hold colons.
	Resource string
}

// String returns the ARN in its text form.
func (a ARN) String() string {
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.Account + ":" + a.Resource
}

// ParseARN parses an ARN. It requires the six components, a known
// partition, a service name of lower-case letters, digits and hyphens, a
// region of that partition (or none), an account of twelve digits (or
// none, or "aws" for AWS-managed resources) and a resource without control
// characters. The error is a *ParseError whose Field names the component
// at fault.
func ParseARN(s string) (ARN, error) {
	a, ok := splitARN(s)
	if !ok {
		return ARN{}, arnError("arn", s, "arn", "want arn:partition:service:region:account:resource")
	}
	if err := a.validate(); err != nil {
		return ARN{}, err.complete("arn", s)
	}
	return a, nil
}

// Validate checks a as ParseARN checks what it parses.
func (a ARN) Validate() error {
	if err := a.validate(); err != nil {
		return err.complete("arn", a.String())
	}
	return nil
}

func (a ARN) validate() *ParseError {
	if err := checkPartition(a.Partition); err != nil {
		return err
	}
	if a.Service == "" || strings.Trim(a.Service, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		return &ParseError{Field: "service", Reason: "want a service name of lower-case letters, digits and hyphens"}
	}
	if a.Region != "" {
		if err := checkRegion(a.Partition, a.Region); err != nil {
			return err
		}
	}
	if a.Account != "" && a.Account != "aws" && !AccountID(a.Account).IsValid() {
		return &ParseError{Field: "account", Reason: "want a 12-digit account id, got " + Quote(a.Account)}
	}
	if a.Resource == "" {
		return &ParseError{Field: "resource", Reason: "resource is empty"}
	}
	if hasControl(a.Resource) {
		return &ParseError{Field: "resource", Reason: "resource contains a control character"}
	}
	return nil
}

// splitARN splits s into its six components; the resource may hold
// colons.
func splitARN(s string) (ARN, bool) {
	rest, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return ARN{}, false
	}
	var parts [4]string
	for i := range parts {
		j := strings.IndexByte(rest, ':')
		if j < 0 {
			return ARN{}, false
		}
		parts[i], rest = rest[:j], rest[j+1:]
	}
	return ARN{Partition: parts[0], Service: parts[1], Region: parts[2], Account: parts[3], Resource: rest}, true
}

// complete fills in what e reports on and returns it.
func (e *ParseError) complete(what, input string) *ParseError {
	e.What, e.Input = what, input
	return e
}

// arnError returns a *ParseError about input, an ARN of kind what.
func arnError(what, input, field, reason string) *ParseError {
	return &ParseError{What: what, Input: input, Field: field, Reason: reason}
}

// hasControl reports whether s holds an ASCII control character.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}
