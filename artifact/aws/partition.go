package aws

import "strings"

// A partition is a group of AWS regions with its own ARNs: "aws", "aws-cn",
// "aws-us-gov", ... Its regions' names start with its prefix, and its
// global services (Artifact among them) answer in its implicit global
// region (AWS's partitions.json).
type partition struct {
	name, regionPrefix, globalRegion string
}

// partitions are the AWS partitions, "aws" first.
var partitions = [...]partition{
	{"aws", "", "us-east-1"},
	{"aws-cn", "cn-", "cn-northwest-1"},
	{"aws-us-gov", "us-gov-", "us-gov-west-1"},
	{"aws-iso", "us-iso-", "us-iso-east-1"},
	{"aws-iso-b", "us-isob-", "us-isob-east-1"},
	{"aws-iso-e", "eu-isoe-", "eu-isoe-west-1"},
	{"aws-iso-f", "us-isof-", "us-isof-south-1"},
	{"aws-eusc", "eusc-", "eusc-de-east-1"},
}

// Partitions returns the AWS partitions an ARN may name, "aws" first.
func Partitions() []string {
	out := make([]string, len(partitions))
	for i, p := range partitions {
		out[i] = p.name
	}
	return out
}

// lookupPartition returns the partition named p.
func lookupPartition(p string) (*partition, bool) {
	for i := range partitions {
		if partitions[i].name == p {
			return &partitions[i], true
		}
	}
	return nil, false
}

// IsPartition reports whether p is an AWS partition.
func IsPartition(p string) bool {
	_, ok := lookupPartition(p)
	return ok
}

// GlobalRegion returns the region that AWS's global services, Artifact
// among them, answer in for partition p: us-east-1 in aws, us-gov-west-1
// in aws-us-gov, cn-northwest-1 in aws-cn, and so on (the partition's
// implicit global region). It returns "" for an unknown partition.
func GlobalRegion(p string) string {
	if q, ok := lookupPartition(p); ok {
		return q.globalRegion
	}
	return ""
}

// PartitionOf returns the partition whose region r is, by the prefix of
// its name (cn- is aws-cn's, us-gov- aws-us-gov's, ...; a region of none
// of theirs is aws's), and false when r is not a well-formed region name:
// a word of two to four lower-case letters, one or more lower-case words,
// and a number of one or two digits, joined by hyphens (us-east-1,
// us-gov-west-1, eusc-de-east-1).
func PartitionOf(r string) (string, bool) {
	if !regionShape(r) {
		return "", false
	}
	for _, p := range partitions[1:] {
		if strings.HasPrefix(r, p.regionPrefix) {
			return p.name, true
		}
	}
	return partitions[0].name, true
}

// ValidateRegion checks that region is a well-formed region name of
// partition p (see PartitionOf), such as us-east-1 in aws or us-gov-west-1
// in aws-us-gov. The error is a *ParseError.
func ValidateRegion(p, region string) error {
	if err := checkRegion(p, region); err != nil {
		return &ParseError{What: "region", Input: region, Reason: err.Reason}
	}
	return nil
}

// checkRegion is ValidateRegion with a *ParseError whose Field is
// "partition" or "region", for the ARN parsers to complete.
func checkRegion(p, region string) *ParseError {
	if err := checkPartition(p); err != nil {
		return err
	}
	switch q, ok := PartitionOf(region); {
	case !ok:
		return &ParseError{Field: "region", Reason: "malformed region " + Quote(region)}
	case q != p:
		return &ParseError{Field: "region", Reason: "region " + Quote(region) + " is not in partition " + p}
	}
	return nil
}

// checkPartition checks that p is an AWS partition.
func checkPartition(p string) *ParseError {
	if !IsPartition(p) {
		return &ParseError{Field: "partition", Reason: "unknown partition " + Quote(p)}
	}
	return nil
}

// regionShape reports whether r looks like a region name: two to four
// lower-case letters, one or more hyphenated lower-case words, and a
// number of one or two digits (us-east-1, us-gov-west-1).
func regionShape(r string) bool {
	first := strings.IndexByte(r, '-')
	last := strings.LastIndexByte(r, '-')
	if first < 2 || first > 4 || last <= first+1 || r[last-1] == '-' {
		return false
	}
	if n := len(r) - last - 1; n < 1 || n > 2 || !digits(r[last+1:]) {
		return false
	}
	// The words between: lower-case letters, single hyphens.
	prev := byte('-')
	for i := 0; i < last; i++ {
		c := r[i]
		switch {
		case c == '-':
			if prev == '-' {
				return false
			}
		case c < 'a' || c > 'z':
			return false
		}
		prev = c
	}
	return true
}
