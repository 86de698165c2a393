package policy

import (
	"strconv"
	"strings"
)

// An ARN is an Amazon Resource Name split into its six components:
// arn:Partition:Service:Region:Account:Resource.
type ARN struct {
	Partition string
	Service   string
	Region    string
	Account   string
	Resource  string
}

// String returns the ARN in its text form.
func (a ARN) String() string {
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.Account + ":" + a.Resource
}

// Partitions lists the AWS partitions an ARN may name.
func Partitions() []string {
	return []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}
}

// regionPrefixes maps the partitions other than "aws" to the prefix of
// their regions' names.
var regionPrefixes = map[string]string{
	"aws-cn":     "cn-",
	"aws-us-gov": "us-gov-",
	"aws-iso":    "us-iso-",
	"aws-iso-b":  "us-isob-",
	"aws-iso-e":  "eu-isoe-",
	"aws-iso-f":  "us-isof-",
	"aws-eusc":   "eusc-",
}

// ParseARN parses an ARN. It requires the six components, a known
// partition, a service name, a region of that partition (or none), an
// account of twelve digits (or none, or "aws" for AWS-managed resources)
// and a resource.
func ParseARN(s string) (ARN, error) {
	parts, rest, ok := splitARN(s)
	if !ok {
		return ARN{}, &ARNError{ARN: s, Field: "arn", Reason: `want arn:partition:service:region:account:resource`}
	}
	a := ARN{Partition: parts[0], Service: parts[1], Region: parts[2], Account: parts[3], Resource: rest}
	if err := a.validate(); err != nil {
		err.ARN = s
		return ARN{}, err
	}
	return a, nil
}

func (a ARN) validate() *ARNError {
	if err := checkPartition(a.Partition); err != nil {
		return err
	}
	if a.Service == "" || strings.Trim(a.Service, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		return &ARNError{Field: "service", Reason: "want a service name of lower-case letters, digits and hyphens"}
	}
	if a.Region != "" {
		if err := checkRegion(a.Partition, a.Region); err != nil {
			return err
		}
	}
	if a.Account != "" && a.Account != "aws" {
		if err := checkAccount(a.Account); err != nil {
			return err
		}
	}
	if a.Resource == "" {
		return &ARNError{Field: "resource", Reason: "resource is empty"}
	}
	if hasControl(a.Resource) {
		return &ARNError{Field: "resource", Reason: "resource contains a control character"}
	}
	return nil
}

func checkPartition(p string) *ARNError {
	for _, q := range Partitions() {
		if p == q {
			return nil
		}
	}
	return &ARNError{Field: "partition", Reason: "unknown partition " + quote(p)}
}

// checkRegion checks that region is a well-formed region name of the
// partition, such as us-east-1 in aws or us-gov-west-1 in aws-us-gov.
func checkRegion(partition, region string) *ARNError {
	if !regionShape(region) {
		return &ARNError{Field: "region", Reason: "malformed region " + quote(region)}
	}
	want, special := regionPrefixes[partition]
	switch {
	case special && !strings.HasPrefix(region, want):
		return &ARNError{Field: "region", Reason: "region " + quote(region) + " is not in partition " + partition}
	case !special:
		for _, p := range regionPrefixes {
			if strings.HasPrefix(region, p) {
				return &ARNError{Field: "region", Reason: "region " + quote(region) + " is not in partition " + partition}
			}
		}
	}
	return nil
}

// regionShape reports whether r looks like a region name: two to four
// letters, one or more hyphenated words, a number (us-east-1).
func regionShape(r string) bool {
	words := strings.Split(r, "-")
	if len(words) < 3 {
		return false
	}
	if n := len(words[0]); n < 2 || n > 4 || !isLower(words[0]) {
		return false
	}
	for _, w := range words[1 : len(words)-1] {
		if w == "" || !isLower(w) {
			return false
		}
	}
	last := words[len(words)-1]
	return len(last) >= 1 && len(last) <= 2 && allDigits(last)
}

func isLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

func checkAccount(a string) *ARNError {
	if len(a) != 12 || !allDigits(a) {
		return &ARNError{Field: "account", Reason: "want a 12-digit account id, got " + quote(a)}
	}
	return nil
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}

// A ResourceARN is a parsed Artifact resource ARN.
type ResourceARN struct {
	// Type is the resource type.
	Type ResourceType
	// Partition is the ARN's partition, e.g. "aws".
	Partition string
	// Region is set for reports and compliance inquiries only.
	Region string
	// Account is set for customer agreements and compliance inquiries
	// only.
	Account string
	// ID is the resource id ("agreement-…", "customer-agreement-…",
	// "report-…", "compliance-inquiry-…") or, for a legacy report
	// package, its name ("Certifications and Attestations/SOC/…").
	ID string
	// Version is the report version (at least 1); 0 for other types.
	Version int64
}

// Resource id shapes of the Artifact API model.
var idPrefixes = map[ResourceType]string{
	TypeAgreement:         "agreement-",
	TypeCustomerAgreement: "customer-agreement-",
	TypeReport:            "report-",
	TypeComplianceInquiry: "compliance-inquiry-",
}

// String returns the resource's ARN in the format of its type.
func (r ResourceARN) String() string {
	a := ARN{Partition: r.Partition, Service: "artifact", Region: r.Region, Account: r.Account, Resource: string(r.Type) + "/" + r.ID}
	if r.Type == TypeReport {
		a.Resource += ":" + strconv.FormatInt(r.Version, 10)
	}
	return a.String()
}

// Validate checks the resource against the ARN format of its type: the
// partition, the presence or absence of region and account, the id's
// shape and, for reports, the version.
func (r ResourceARN) Validate() error {
	if err := r.validate(); err != nil {
		err.ARN = r.String()
		return err
	}
	return nil
}

func (r ResourceARN) validate() *ARNError {
	if !r.Type.IsValid() {
		return &ARNError{Field: "resource", Reason: "unknown artifact resource type " + quote(string(r.Type))}
	}
	if err := checkPartition(r.Partition); err != nil {
		return err
	}
	needRegion := r.Type == TypeReport || r.Type == TypeComplianceInquiry
	needAccount := r.Type == TypeCustomerAgreement || r.Type == TypeComplianceInquiry
	switch {
	case needRegion && r.Region == "":
		return &ARNError{Field: "region", Reason: string(r.Type) + " arns need a region"}
	case needRegion:
		if err := checkRegion(r.Partition, r.Region); err != nil {
			return err
		}
	case r.Region != "":
		return &ARNError{Field: "region", Reason: string(r.Type) + " arns have no region"}
	}
	switch {
	case needAccount && r.Account == "":
		return &ARNError{Field: "account", Reason: string(r.Type) + " arns need an account"}
	case needAccount:
		if err := checkAccount(r.Account); err != nil {
			return err
		}
	case r.Account != "":
		return &ARNError{Field: "account", Reason: string(r.Type) + " arns have no account"}
	}
	if r.Type == TypeReportPackage {
		if r.ID == "" || hasControl(r.ID) {
			return &ARNError{Field: "id", Reason: "want a report package name"}
		}
	} else if !validID(idPrefixes[r.Type], r.ID) {
		return &ARNError{Field: "id", Reason: "want " + idPrefixes[r.Type] + " and 16 letters or digits, got " + quote(r.ID)}
	}
	if r.Type == TypeReport && r.Version < 1 {
		return &ARNError{Field: "version", Reason: "a report version is at least 1"}
	}
	if r.Type != TypeReport && r.Version != 0 {
		return &ARNError{Field: "version", Reason: "only reports have versions"}
	}
	return nil
}

// validID reports whether id is prefix followed by 16 ASCII letters or
// digits, the shape of the API model's ids.
func validID(prefix, id string) bool {
	rest, ok := strings.CutPrefix(id, prefix)
	if !ok || len(rest) != 16 {
		return false
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// ParseResourceARN parses an Artifact resource ARN of any type of the
// Service Authorization Reference
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsartifact.html#awsartifact-resources-for-iam-policies),
// strictly: the service must be artifact, region and
// account must be present exactly where the type has them, ids must have
// the API model's shape and a report ARN must name its version
// ("…:report/report-abcdef0123456789:1").
func ParseResourceARN(s string) (ResourceARN, error) {
	a, err := ParseARN(s)
	if err != nil {
		return ResourceARN{}, err
	}
	if a.Service != "artifact" {
		return ResourceARN{}, &ARNError{ARN: s, Field: "service", Reason: "not an artifact arn"}
	}
	typ, id, ok := strings.Cut(a.Resource, "/")
	if !ok {
		return ResourceARN{}, &ARNError{ARN: s, Field: "resource", Reason: "want type/id"}
	}
	r := ResourceARN{Type: ResourceType(typ), Partition: a.Partition, Region: a.Region, Account: a.Account, ID: id}
	if r.Type == TypeReport {
		i := strings.LastIndexByte(id, ':')
		if i < 0 {
			return ResourceARN{}, &ARNError{ARN: s, Field: "version", Reason: "a report arn ends in :version"}
		}
		v, err := strconv.ParseInt(id[i+1:], 10, 64)
		if err != nil || !allDigits(id[i+1:]) {
			return ResourceARN{}, &ARNError{ARN: s, Field: "version", Reason: "malformed version " + quote(id[i+1:])}
		}
		r.ID, r.Version = id[:i], v
	}
	if err := r.validate(); err != nil {
		err.ARN = s
		return ResourceARN{}, err
	}
	return r, nil
}

// build validates r and returns its ARN.
func build(r ResourceARN) (string, error) {
	if err := r.Validate(); err != nil {
		return "", err
	}
	return r.String(), nil
}

// AgreementARN returns the ARN of an agreement:
// arn:${Partition}:artifact:::agreement/${AgreementId}.
func AgreementARN(partition, agreementID string) (string, error) {
	return build(ResourceARN{Type: TypeAgreement, Partition: partition, ID: agreementID})
}

// CustomerAgreementARN returns the ARN of an account's customer agreement:
// arn:${Partition}:artifact::${Account}:customer-agreement/${Id}.
func CustomerAgreementARN(partition, account, customerAgreementID string) (string, error) {
	return build(ResourceARN{Type: TypeCustomerAgreement, Partition: partition, Account: account, ID: customerAgreementID})
}

// ReportARN returns the ARN of one version of a report:
// arn:${Partition}:artifact:${Region}::report/${ReportId}:${Version}.
func ReportARN(partition, region, reportID string, version int64) (string, error) {
	return build(ResourceARN{Type: TypeReport, Partition: partition, Region: region, ID: reportID, Version: version})
}

// ComplianceInquiryARN returns the ARN of a compliance inquiry:
// arn:${Partition}:artifact:${Region}:${Account}:compliance-inquiry/${Id}.
func ComplianceInquiryARN(partition, region, account, inquiryID string) (string, error) {
	return build(ResourceARN{Type: TypeComplianceInquiry, Partition: partition, Region: region, Account: account, ID: inquiryID})
}

// ReportPackageARN returns the ARN of a legacy report package (rule G6),
// whose name embeds the report's category and series:
// arn:${Partition}:artifact:::report-package/${Category}/${Series}/${Name}.
// Category and series may not contain "/".
func ReportPackageARN(partition, category, series, name string) (string, error) {
	for _, p := range []struct{ field, v string }{{"category", category}, {"series", series}} {
		if p.v == "" || strings.Contains(p.v, "/") || hasControl(p.v) {
			return "", &ARNError{Field: "id", Reason: "want a report package " + p.field + " without \"/\", got " + quote(p.v)}
		}
	}
	if name == "" {
		return "", &ARNError{Field: "id", Reason: "report package name is empty"}
	}
	return build(ResourceARN{Type: TypeReportPackage, Partition: partition, ID: category + "/" + series + "/" + name})
}
