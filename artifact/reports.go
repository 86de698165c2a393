package artifact

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/report"
)

// The report operations: ListReports, ListReportVersions,
// GetReportMetadata, GetTermForReport and GetReport.

// ListReportsInput is the request of ListReports.
type ListReportsInput struct {
	// MaxResults is the page size, 1 to 300; 0 means DefaultMaxResults.
	MaxResults int
	// NextToken continues a listing; empty for the first page.
	NextToken string
}

// ListReportsOutput is the answer of ListReports: each published report
// once, at its latest published version, ordered by id.
type ListReportsOutput struct {
	// Reports are the page's reports (AWS member reports).
	Reports []report.Report
	// NextToken continues the listing (AWS member nextToken); empty after
	// the last page. Only this operation, for this account, accepts it.
	NextToken string
}

// ListReports lists the published reports (artifact:ListReports on "*").
// Under the legacy model it lists the reports whose report package the
// caller may artifact:Get.
func (s *Service) ListReports(ctx context.Context, c *Caller, in ListReportsInput) (*ListReportsOutput, error) {
	k := s.begin(c, "ListReports")
	k.params.page(in.MaxResults, in.NextToken)
	out, err := s.listReports(ctx, &k, in)
	return out, k.end(ctx, err)
}

func (s *Service) listReports(ctx context.Context, k *call, in ListReportsInput) (*ListReportsOutput, error) {
	legacy := k.c != nil && k.c.model == Legacy
	if legacy {
		// Each report is authorized on its package below; the record names
		// the action.
		k.action, k.resource = "artifact:Get", "*"
	} else if err := k.authorize(ctx, "artifact:ListReports", "*", nil); err != nil {
		return nil, err
	}
	account := k.c.account
	limit, after, err := s.pages.page("ListReports", account, in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	list, resume, err := collect(limit, after,
		func(after string, limit int) ([]report.Report, string, error) {
			return s.cat.List(ctx, report.Filter{}, report.Page{After: after, Limit: limit})
		},
		func(r report.Report) string { return r.ID },
		func(r report.Report) bool {
			return !legacy || k.allows(ctx, "artifact:Get", s.packageARN(r.ID, &r), nil)
		})
	if err != nil {
		return nil, err
	}
	return &ListReportsOutput{Reports: list, NextToken: s.pages.next("ListReports", account, resume)}, nil
}

// ListReportVersionsInput is the request of ListReportVersions.
type ListReportVersionsInput struct {
	// ReportID is the report's id (AWS member reportId), such as
	// "report-abcdefghij123456".
	ReportID string
	// MaxResults is the page size, 1 to 300; 0 means DefaultMaxResults (AWS
	// member maxResults).
	MaxResults int
	// NextToken continues a listing; empty for the first page (AWS member
	// nextToken).
	NextToken string
}

// ListReportVersionsOutput is the answer of ListReportVersions: the
// available versions of one report (published, and not deleted) by
// ascending version.
type ListReportVersionsOutput struct {
	// Reports are the page's versions (AWS member reports).
	Reports []report.Report
	// NextToken continues the listing (AWS member nextToken); empty after
	// the last page. Only this operation on this report, for this account,
	// accepts it.
	NextToken string
}

// ListReportVersions lists the available versions of a report, as AWS
// does (artifact:ListReportVersions on "*"; legacy: artifact:Get on its
// package). A version not available to customers (unpublished, deleted,
// or published in the future) is not listed; a report with no available
// version is as unknown as one that does not exist
// (ResourceNotFoundException).
func (s *Service) ListReportVersions(ctx context.Context, c *Caller, in ListReportVersionsInput) (*ListReportVersionsOutput, error) {
	k := s.begin(c, "ListReportVersions", param("reportId", in.ReportID))
	k.about(ResourceTypeReport, in.ReportID)
	k.params.page(in.MaxResults, in.NextToken)
	out, err := s.listReportVersions(ctx, &k, in)
	return out, k.end(ctx, err)
}

func (s *Service) listReportVersions(ctx context.Context, k *call, in ListReportVersionsInput) (*ListReportVersionsOutput, error) {
	if err := report.ValidateID(in.ReportID); err != nil {
		return nil, err
	}
	if k.c != nil && k.c.model == Legacy {
		r, err := s.cat.Get(ctx, in.ReportID, 0)
		known := &r
		if err != nil {
			known = nil
		}
		if aerr := k.authorize(ctx, "artifact:Get", s.packageARN(in.ReportID, known), nil); aerr != nil {
			return nil, aerr
		}
		if err != nil {
			return nil, s.reportLookupError(in.ReportID, 0, err)
		}
	} else if err := k.authorize(ctx, "artifact:ListReportVersions", "*", nil); err != nil {
		return nil, err
	}
	op := "ListReportVersions/" + in.ReportID
	limit, after, err := s.pages.page(op, k.c.account, in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	versions, next, err := collect(limit, after,
		func(after string, limit int) ([]report.Report, string, error) {
			return s.cat.ListVersions(ctx, in.ReportID, report.Page{After: after, Limit: limit})
		},
		func(r report.Report) string { return strconv.FormatInt(r.Version, 10) },
		func(r report.Report) bool { return r.Available(k.now) })
	if err != nil {
		return nil, s.reportLookupError(in.ReportID, 0, err)
	}
	if len(versions) == 0 && after == "" {
		// Nothing available: for a customer, the report does not exist.
		return nil, reportNotFound(in.ReportID, 0, report.ErrNotPublished)
	}
	return &ListReportVersionsOutput{Reports: versions, NextToken: s.pages.next(op, k.c.account, next)}, nil
}

// GetReportMetadataInput is the request of GetReportMetadata.
type GetReportMetadataInput struct {
	// ReportID is the report's id (AWS member reportId), such as
	// "report-abcdefghij123456".
	ReportID string
	// ReportVersion is the version, at least 1 (AWS's VersionAttribute);
	// nil means the latest available one. Write new(int64(3)) for version
	// 3.
	ReportVersion *int64
}

// GetReportMetadataOutput is the answer of GetReportMetadata.
type GetReportMetadataOutput struct {
	// ReportDetails is the version's metadata (AWS member reportDetails).
	ReportDetails report.Report
}

// GetReportMetadata returns an available report version's metadata
// (artifact:GetReportMetadata on the version's ARN).
func (s *Service) GetReportMetadata(ctx context.Context, c *Caller, in GetReportMetadataInput) (*GetReportMetadataOutput, error) {
	k := s.begin(c, "GetReportMetadata")
	k.about(ResourceTypeReport, in.ReportID)
	k.params.report(in.ReportID, in.ReportVersion)
	out := new(GetReportMetadataOutput)
	if err := s.authorizeReport(ctx, &k, "artifact:GetReportMetadata", in.ReportID, in.ReportVersion, &out.ReportDetails); err != nil {
		return nil, k.end(ctx, err)
	}
	return out, k.end(ctx, nil)
}

// GetTermForReportInput is the request of GetTermForReport.
type GetTermForReportInput struct {
	// ReportID is the report's id (AWS member reportId).
	ReportID string
	// ReportVersion is the version, at least 1; nil means the latest
	// available one.
	ReportVersion *int64
}

// GetTermForReportOutput is the answer of GetTermForReport: the terms to
// read and the token that GetReport needs (N2).
type GetTermForReportOutput struct {
	// DocumentPresignedURL is where the terms are downloaded from (AWS
	// member documentPresignedUrl).
	DocumentPresignedURL string
	// TermToken is the token GetReport needs (AWS member termToken),
	// "term-token-" and 24 letters or digits.
	TermToken string
	// Expires is when the token stops opening the report.
	Expires time.Time
}

// GetTermForReport returns a report version's terms and a term token
// bound to the caller's account and that version (artifact:GetTermForReport
// on the version's ARN). A denied call issues no token.
func (s *Service) GetTermForReport(ctx context.Context, c *Caller, in GetTermForReportInput) (*GetTermForReportOutput, error) {
	k := s.begin(c, "GetTermForReport")
	k.about(ResourceTypeReport, in.ReportID)
	k.params.report(in.ReportID, in.ReportVersion)
	out, err := s.getTermForReport(ctx, &k, in)
	return out, k.end(ctx, err)
}

func (s *Service) getTermForReport(ctx context.Context, k *call, in GetTermForReportInput) (*GetTermForReportOutput, error) {
	var r report.Report
	if err := s.authorizeReport(ctx, k, "artifact:GetTermForReport", in.ReportID, in.ReportVersion, &r); err != nil {
		return nil, err
	}
	tok, err := s.cat.TermToken(ctx, k.c.account, r.ID, r.Version)
	if err != nil {
		return nil, s.reportLookupError(in.ReportID, versionOf(in.ReportVersion), err)
	}
	url, err := s.presign.Presign(ctx, Document{Kind: DocTerm, ID: r.ID, Version: strconv.FormatInt(r.Version, 10), Account: k.c.account})
	if err != nil {
		return nil, err
	}
	return &GetTermForReportOutput{DocumentPresignedURL: url, TermToken: tok.Value, Expires: tok.ExpiresAt}, nil
}

// GetReportInput is the request of GetReport.
type GetReportInput struct {
	// ReportID is the report's id (AWS member reportId).
	ReportID string
	// ReportVersion is the version, at least 1; nil means the latest
	// available one.
	ReportVersion *int64
	// TermToken is the token GetTermForReport issued for this version to
	// the caller's account; required, as in AWS's API.
	TermToken string
}

// GetReportOutput is the answer of GetReport.
type GetReportOutput struct {
	// DocumentPresignedURL is where the report is downloaded from (AWS
	// member documentPresignedUrl).
	DocumentPresignedURL string
	// Report names the version downloaded (the latest, when the request
	// named none) and Document its file, with its SHA-256 (R6), against
	// which the bytes downloaded can be verified.
	Report report.Ref
	// Document is the version's file; AWS's response has no such member.
	Document report.Document
}

// GetReport downloads a report version (artifact:GetReport on the
// version's ARN). After authorization come the report's gates: it must be
// published, approved for the account when it needs approval (R2), and the
// term token must be the account's for this version (N2); presenting it
// accepts EXPLICIT terms. Downloads are not limited in number (G2).
func (s *Service) GetReport(ctx context.Context, c *Caller, in GetReportInput) (*GetReportOutput, error) {
	k := s.begin(c, "GetReport")
	k.about(ResourceTypeReport, in.ReportID)
	k.params.report(in.ReportID, in.ReportVersion)
	k.params.add(secret("termToken", in.TermToken))
	out, err := s.getReport(ctx, &k, in)
	return out, k.end(ctx, err)
}

func (s *Service) getReport(ctx context.Context, k *call, in GetReportInput) (*GetReportOutput, error) {
	var r report.Report
	if err := s.authorizeReport(ctx, k, "artifact:GetReport", in.ReportID, in.ReportVersion, &r); err != nil {
		return nil, err
	}
	if in.TermToken == "" {
		return nil, &ValidationException{
			Message:   "missing termToken: call GetTermForReport for this report version first",
			Reason:    ReasonFieldValidationFailed,
			FieldList: []ValidationExceptionField{{Name: "termToken", Message: "required"}},
			Err:       report.ErrTermsNotAccepted,
		}
	}
	if !isShortString(in.TermToken) {
		// Outside the model's shape: a malformed field, not a token
		// refused.
		return nil, invalidField("termToken", "must be 1 to 256 letters, digits, hyphens, underscores or spaces", report.ErrInvalid)
	}
	if err := s.cat.DownloadVersion(ctx, k.c.account, &r, in.TermToken); err != nil {
		return nil, s.reportLookupError(in.ReportID, versionOf(in.ReportVersion), err)
	}
	url, err := s.presign.Presign(ctx, Document{Kind: DocReport, ID: r.ID, Version: strconv.FormatInt(r.Version, 10),
		SHA256: r.Document.SHA256, Account: k.c.account})
	if err != nil {
		return nil, err
	}
	return &GetReportOutput{DocumentPresignedURL: url, Report: r.Ref(), Document: r.Document}, nil
}

// authorizeReport authorizes action on version v of report id (nil: the
// latest available) and reads the version into *r. The order is AWS's: a
// malformed id or version, then authorization, then an unknown version.
// A version that is not available (unpublished, deleted, published in the
// future) is unknown: the call is authorized on its ARN without report
// condition keys, as for a version the service does not have, and answers
// ResourceNotFoundException. A denial names the ARN of the version asked
// for (without a version when none was), so that it says nothing of what
// exists; the decision is made on the version resolved, with its condition
// keys.
func (s *Service) authorizeReport(ctx context.Context, k *call, action, id string, version *int64, r *report.Report) error {
	if version != nil && *version < 1 {
		return invalidField("reportVersion", "must be at least 1; omit it for the latest version", report.ErrInvalid)
	}
	v := versionOf(version)
	var lookupErr error
	*r, lookupErr = s.cat.Get(ctx, id, v)
	if errors.Is(lookupErr, report.ErrInvalid) {
		return lookupErr
	}
	if lookupErr == nil && !r.Available(k.now) {
		lookupErr = report.ErrNotPublished
	}
	known := r
	if lookupErr != nil {
		known = nil
	}
	var err error
	switch {
	case k.c != nil && k.c.model == Legacy:
		err = k.authorize(ctx, "artifact:Get", s.packageARN(id, known), nil)
	case known != nil && v != 0:
		err = k.authorize(ctx, action, r.ARN, s.keys.report(r))
	case known != nil:
		err = k.authorizeAs(ctx, action, r.ARN, s.reportARN(id, 0), s.keys.report(r))
	default:
		err = k.authorize(ctx, action, s.reportARN(id, v), nil)
	}
	if err != nil {
		return err
	}
	if lookupErr != nil {
		*r = report.Report{}
		return s.reportLookupError(id, v, lookupErr)
	}
	return nil
}

// versionOf is the version a request names; 0 for none, the latest.
func versionOf(v *int64) int64 {
	if v == nil {
		return 0
	}
	return *v
}

// reportLookupError answers a failed lookup of version v of report id: a
// version unknown or not available is a ResourceNotFoundException that
// reads alike for both, and reveals neither whether nor when an
// unavailable version will be published; other errors pass.
func (s *Service) reportLookupError(id string, v int64, err error) error {
	if errors.Is(err, report.ErrNotFound) || errors.Is(err, report.ErrNotPublished) {
		return reportNotFound(id, v, err)
	}
	return err
}

// reportARN is the ARN of version v of report id; for version 0 (the
// latest) the version is left out.
func (s *Service) reportARN(id string, v int64) string {
	return aws.ReportARN{Partition: s.partition, Region: s.region, ReportID: id, Version: v}.String()
}

// packageARN is the legacy report-package ARN of a report (G6):
// report-package/<category>/<series>/<name>. A report the service does not
// know, or whose category or series holds a "/", is named by its id.
func (s *Service) packageARN(id string, r *report.Report) string {
	if r != nil {
		if a, err := aws.NewReportPackageARN(s.partition, r.Category, r.Series, r.Name); err == nil {
			return a.String()
		}
	}
	return aws.ReportPackageARN{Partition: s.partition, Package: id}.String()
}

// isShortString reports whether s has the shape of AWS's
// ShortStringAttribute: 1 to 256 characters of [a-zA-Z0-9_\-\s].
func isShortString(s string) bool {
	if len(s) < 1 || len(s) > 256 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '_', c == '-', c == ' ', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
		default:
			return false
		}
	}
	return true
}
