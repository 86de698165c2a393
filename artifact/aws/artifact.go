package aws

import (
	"strconv"
	"strings"
)

// The ARNs of AWS Artifact's resources (the Service Authorization
// Reference's resource types, and the terms of a report). Each has its own
// type; String writes it, Validate checks it, and its parser accepts
// exactly what String writes for a valid value.

// AgreementARN is the ARN of an agreement:
// arn:${Partition}:artifact:::agreement/${AgreementId}.
type AgreementARN struct {
	// Partition is the partition, such as "aws" (see Partitions).
	Partition string
	// AgreementID is "agreement-" and 16 letters or digits.
	AgreementID string
}

// CustomerAgreementARN is the ARN of an account's customer agreement (an
// accepted agreement):
// arn:${Partition}:artifact::${Account}:customer-agreement/${CustomerAgreementId}.
type CustomerAgreementARN struct {
	// Partition is the partition, such as "aws" (see Partitions).
	Partition string
	// Account is the account that accepted the agreement.
	Account AccountID
	// CustomerAgreementID is "customer-agreement-" and 16 letters or
	// digits.
	CustomerAgreementID string
}

// ReportARN is the ARN of one version of a report:
// arn:${Partition}:artifact:${Region}::report/${ReportId}:${Version}.
type ReportARN struct {
	// Partition is the partition, such as "aws" (see Partitions).
	Partition string
	// Region is a region of Partition, such as "us-east-1"; it must not
	// be empty.
	Region string
	// ReportID is "report-" and 16 letters or digits.
	ReportID string
	// Version is the report version, at least 1. String leaves out a
	// Version of 0 (…:report/${ReportId}), as a request for the latest
	// version names the report; such an ARN neither validates nor parses.
	Version int64
}

// TermARN is the ARN of one version of a report's terms:
// arn:${Partition}:artifact:${Region}::term/${TermId}:${Version}.
type TermARN struct {
	// Partition is the partition, such as "aws" (see Partitions).
	Partition string
	// Region is a region of Partition, such as "us-east-1"; it must not
	// be empty.
	Region string
	// TermID is "term-" and 16 letters or digits.
	TermID string
	// Version is the version of the terms, at least 1.
	Version int64
}

// ComplianceInquiryARN is the ARN of a compliance inquiry:
// arn:${Partition}:artifact:${Region}:${Account}:compliance-inquiry/${ComplianceInquiryId}.
type ComplianceInquiryARN struct {
	// Partition is the partition, such as "aws" (see Partitions).
	Partition string
	// Region is a region of Partition, such as "us-east-1"; it must not
	// be empty.
	Region string
	// Account is the account that owns the inquiry.
	Account AccountID
	// ComplianceInquiryID is "compliance-inquiry-" and 16 letters or
	// digits.
	ComplianceInquiryID string
}

// ReportPackageARN is the ARN of a legacy report package, which the
// deprecated artifact:Get action acts on (rule G6):
// arn:${Partition}:artifact:::report-package/${Package}, where Package is
// a report's category, series and name joined by "/"
// ("Certifications and Attestations/SOC/SOC 2"; see NewReportPackageARN).
type ReportPackageARN struct {
	// Partition is the partition, such as "aws" (see Partitions).
	Partition string
	// Package is the package's path: not empty, without control
	// characters.
	Package string
}

// NewReportPackageARN returns the ARN of the report package of a report
// of that category, series and name in partition p. Category and series
// must be neither empty nor hold a "/"; name must not be empty (it may be
// "*" in a policy). The error is a *ParseError.
func NewReportPackageARN(p, category, series, name string) (ReportPackageARN, error) {
	for _, part := range [...]struct{ field, v string }{{"category", category}, {"series", series}} {
		if part.v == "" || strings.Contains(part.v, "/") || hasControl(part.v) {
			return ReportPackageARN{}, &ParseError{What: "report package " + part.field, Input: part.v,
				Reason: `want a report package ` + part.field + ` without "/"`}
		}
	}
	if name == "" {
		return ReportPackageARN{}, &ParseError{What: "report package name", Reason: "report package name is empty"}
	}
	a := ReportPackageARN{Partition: p, Package: category + "/" + series + "/" + name}
	if err := a.Validate(); err != nil {
		return ReportPackageARN{}, err
	}
	return a, nil
}

// kind describes the ARN format of one Artifact resource type.
type kind struct {
	what      string // how errors name it: "report arn"
	typ       string // the resource type: "report"
	prefix    string // the id's prefix; "" for the report package's path
	region    bool   // a region is required (else forbidden)
	account   bool   // an account is required (else forbidden)
	versioned bool   // the resource ends in :version
}

var (
	agreementKind         = kind{what: "agreement arn", typ: "agreement", prefix: "agreement-"}
	customerAgreementKind = kind{what: "customer agreement arn", typ: "customer-agreement", prefix: "customer-agreement-", account: true}
	reportKind            = kind{what: "report arn", typ: "report", prefix: "report-", region: true, versioned: true}
	termKind              = kind{what: "term arn", typ: "term", prefix: "term-", region: true, versioned: true}
	inquiryKind           = kind{what: "compliance inquiry arn", typ: "compliance-inquiry", prefix: "compliance-inquiry-", region: true, account: true}
	reportPackageKind     = kind{what: "report package arn", typ: "report-package"}
)

// fields are the variable parts of an Artifact ARN.
type fields struct {
	partition, region string
	account           AccountID
	id                string
	version           int64
}

// string writes f in k's format.
func (k *kind) string(f fields) string {
	var b strings.Builder
	b.Grow(len("arn::artifact:::/:") + len(f.partition) + len(f.region) + len(f.account) + len(k.typ) + len(f.id) + 19)
	b.WriteString("arn:")
	b.WriteString(f.partition)
	b.WriteString(":artifact:")
	b.WriteString(f.region)
	b.WriteByte(':')
	b.WriteString(string(f.account))
	b.WriteByte(':')
	b.WriteString(k.typ)
	b.WriteByte('/')
	b.WriteString(f.id)
	if k.versioned && f.version > 0 {
		var buf [20]byte
		b.WriteByte(':')
		b.Write(strconv.AppendInt(buf[:0], f.version, 10))
	}
	return b.String()
}

// validate checks f against k's format: the partition, the presence (and
// shape) or absence of region and account, the id's shape and the version.
func (k *kind) validate(f fields) *ParseError {
	if err := checkPartition(f.partition); err != nil {
		return err
	}
	switch {
	case k.region && f.region == "":
		return &ParseError{Field: "region", Reason: k.typ + " arns need a region"}
	case k.region:
		if err := checkRegion(f.partition, f.region); err != nil {
			return err
		}
	case f.region != "":
		return &ParseError{Field: "region", Reason: k.typ + " arns have no region"}
	}
	switch {
	case k.account && f.account == "":
		return &ParseError{Field: "account", Reason: k.typ + " arns need an account"}
	case k.account && !f.account.IsValid():
		return &ParseError{Field: "account", Reason: "want a 12-digit account id, got " + Quote(string(f.account))}
	case !k.account && f.account != "":
		return &ParseError{Field: "account", Reason: k.typ + " arns have no account"}
	}
	if k.prefix == "" {
		if f.id == "" || hasControl(f.id) {
			return &ParseError{Field: "id", Reason: "want a report package name"}
		}
	} else if !ValidID(k.prefix, f.id, 16) {
		return &ParseError{Field: "id", Reason: "want " + k.prefix + " and 16 letters or digits, got " + Quote(f.id)}
	}
	if k.versioned && f.version < 1 {
		return &ParseError{Field: "version", Reason: "a " + k.typ + " version is at least 1"}
	}
	return nil
}

// check validates f and, on failure, completes the error with the ARN.
func (k *kind) check(f fields) error {
	if err := k.validate(f); err != nil {
		return err.complete(k.what, k.string(f))
	}
	return nil
}

// parse parses s in k's format.
func (k *kind) parse(s string) (fields, error) {
	a, ok := splitARN(s)
	if !ok {
		return fields{}, arnError(k.what, s, "arn", "want arn:partition:artifact:region:account:"+k.typ+"/id")
	}
	if a.Service != "artifact" {
		return fields{}, arnError(k.what, s, "service", "not an artifact arn")
	}
	id, ok := strings.CutPrefix(a.Resource, k.typ+"/")
	if !ok {
		return fields{}, arnError(k.what, s, "resource", "want "+k.typ+"/id")
	}
	f := fields{partition: a.Partition, region: a.Region, account: AccountID(a.Account), id: id}
	if k.versioned {
		i := strings.LastIndexByte(id, ':')
		if i < 0 {
			return fields{}, arnError(k.what, s, "version", "a "+k.typ+" arn ends in :version")
		}
		v, ok := parseVersion(id[i+1:])
		if !ok {
			return fields{}, arnError(k.what, s, "version", "malformed version "+Quote(id[i+1:]))
		}
		f.id, f.version = id[:i], v
	}
	if err := k.validate(f); err != nil {
		return fields{}, err.complete(k.what, s)
	}
	return f, nil
}

// parseVersion parses a version in canonical decimal: at least 1, no sign,
// no leading zero, at most 18 digits.
func parseVersion(s string) (int64, bool) {
	if s == "" || s[0] == '0' || len(s) > 18 || !digits(s) {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

// String returns the ARN in AWS's form.
func (a AgreementARN) String() string { return agreementKind.string(a.fields()) }

// Validate checks a against the format of agreement ARNs; the error is a
// *ParseError.
func (a AgreementARN) Validate() error { return agreementKind.check(a.fields()) }

func (a AgreementARN) fields() fields { return fields{partition: a.Partition, id: a.AgreementID} }

// ParseAgreementARN parses the ARN of an agreement. The error is a
// *ParseError whose Field names the component at fault.
func ParseAgreementARN(s string) (AgreementARN, error) {
	f, err := agreementKind.parse(s)
	if err != nil {
		return AgreementARN{}, err
	}
	return AgreementARN{Partition: f.partition, AgreementID: f.id}, nil
}

// String returns the ARN in AWS's form.
func (a CustomerAgreementARN) String() string { return customerAgreementKind.string(a.fields()) }

// Validate checks a against the format of customer agreement ARNs; the
// error is a *ParseError.
func (a CustomerAgreementARN) Validate() error { return customerAgreementKind.check(a.fields()) }

func (a CustomerAgreementARN) fields() fields {
	return fields{partition: a.Partition, account: a.Account, id: a.CustomerAgreementID}
}

// ParseCustomerAgreementARN parses the ARN of a customer agreement. The
// error is a *ParseError whose Field names the component at fault.
func ParseCustomerAgreementARN(s string) (CustomerAgreementARN, error) {
	f, err := customerAgreementKind.parse(s)
	if err != nil {
		return CustomerAgreementARN{}, err
	}
	return CustomerAgreementARN{Partition: f.partition, Account: f.account, CustomerAgreementID: f.id}, nil
}

// String returns the ARN in AWS's form; see Version for the zero one.
func (a ReportARN) String() string { return reportKind.string(a.fields()) }

// Validate checks a against the format of report ARNs; the error is a
// *ParseError.
func (a ReportARN) Validate() error { return reportKind.check(a.fields()) }

func (a ReportARN) fields() fields {
	return fields{partition: a.Partition, region: a.Region, id: a.ReportID, version: a.Version}
}

// ParseReportARN parses the ARN of a report version. It accepts exactly
// AWS's form with a concrete version (no wildcard, no account). The error
// is a *ParseError whose Field names the component at fault.
func ParseReportARN(s string) (ReportARN, error) {
	f, err := reportKind.parse(s)
	if err != nil {
		return ReportARN{}, err
	}
	return ReportARN{Partition: f.partition, Region: f.region, ReportID: f.id, Version: f.version}, nil
}

// String returns the ARN in AWS's form.
func (a TermARN) String() string { return termKind.string(a.fields()) }

// Validate checks a against the format of term ARNs; the error is a
// *ParseError.
func (a TermARN) Validate() error { return termKind.check(a.fields()) }

func (a TermARN) fields() fields {
	return fields{partition: a.Partition, region: a.Region, id: a.TermID, version: a.Version}
}

// ParseTermARN parses the ARN of a version of a report's terms. The error
// is a *ParseError whose Field names the component at fault.
func ParseTermARN(s string) (TermARN, error) {
	f, err := termKind.parse(s)
	if err != nil {
		return TermARN{}, err
	}
	return TermARN{Partition: f.partition, Region: f.region, TermID: f.id, Version: f.version}, nil
}

// String returns the ARN in AWS's form.
func (a ComplianceInquiryARN) String() string { return inquiryKind.string(a.fields()) }

// Validate checks a against the format of compliance inquiry ARNs; the
// error is a *ParseError.
func (a ComplianceInquiryARN) Validate() error { return inquiryKind.check(a.fields()) }

func (a ComplianceInquiryARN) fields() fields {
	return fields{partition: a.Partition, region: a.Region, account: a.Account, id: a.ComplianceInquiryID}
}

// ParseComplianceInquiryARN parses the ARN of a compliance inquiry. The
// error is a *ParseError whose Field names the component at fault.
func ParseComplianceInquiryARN(s string) (ComplianceInquiryARN, error) {
	f, err := inquiryKind.parse(s)
	if err != nil {
		return ComplianceInquiryARN{}, err
	}
	return ComplianceInquiryARN{Partition: f.partition, Region: f.region, Account: f.account, ComplianceInquiryID: f.id}, nil
}

// String returns the ARN in AWS's form.
func (a ReportPackageARN) String() string { return reportPackageKind.string(a.fields()) }

// Validate checks a against the format of report package ARNs; the error
// is a *ParseError.
func (a ReportPackageARN) Validate() error { return reportPackageKind.check(a.fields()) }

func (a ReportPackageARN) fields() fields { return fields{partition: a.Partition, id: a.Package} }

// ParseReportPackageARN parses the ARN of a legacy report package. The
// error is a *ParseError whose Field names the component at fault.
func ParseReportPackageARN(s string) (ReportPackageARN, error) {
	f, err := reportPackageKind.parse(s)
	if err != nil {
		return ReportPackageARN{}, err
	}
	return ReportPackageARN{Partition: f.partition, Package: f.id}, nil
}
