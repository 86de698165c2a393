package report

import (
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Ref names one version of a report.
type Ref struct {
	// ID is the report's id, such as "report-abcdefghij123456".
	ID string
	// Version is the version, from 1.
	Version int64
}

// Report is one version of a report: AWS's ReportDetail, plus what AWS
// leaves to the document's prose (family, type, Trust Services categories,
// scope, the document's digest).
//
// Report values are plain data. The Catalog and its Store copy them in and
// out: changing a Report you passed in or got back changes nothing stored.
type Report struct {
	// ID is the report's id, "report-" and 16 letters or digits. Every
	// version of a report shares it.
	ID string
	// Version counts the versions of the report from 1.
	Version int64
	// ARN is arn:<partition>:artifact:<region>::report/<id>:<version>; the
	// Catalog sets it.
	ARN string
	// Name is the report's title, e.g. "SOC 2 Type II Report (Oct 2024 - Sep 2025)".
	Name string
	// Description is free text.
	Description string
	// Category is AWS's ReportCategory, e.g. "Certifications and Attestations".
	Category string
	// Series is AWS's ReportSeries, e.g. "SOC", "PCI", "ISO".
	Series string
	// Family is the library's finer grouping that calendars and coverage
	// work on, e.g. "SOC 1", "SOC 2", "ISO 27001", "PCI DSS". Put takes
	// the Series when it is empty.
	Family string
	// Type is TYPE1 (as of a date) or TYPE2 (over a period); Put takes
	// TYPE2 when it is empty.
	Type Type
	// CompanyName and ProductName name a third party's report (AWS
	// Marketplace sellers); empty for AWS's own.
	CompanyName string
	// ProductName is the third party's product the report is about; empty
	// for AWS's own.
	ProductName string
	// PeriodStart and PeriodEnd are the period a TYPE2 report covers, both
	// inclusive. For a TYPE1 report both are its as-of date.
	PeriodStart Date
	// PeriodEnd is the period's last day; for a TYPE1 report, its as-of date.
	PeriodEnd Date
	// State is PUBLISHED or UNPUBLISHED.
	State PublishedState
	// UploadState is the state of the document's upload; only a COMPLETE
	// document can be downloaded.
	UploadState UploadState
	// StatusMessage is AWS's statusMessage, free text.
	StatusMessage string
	// AcceptanceType says whether the terms need a click-through (N2).
	AcceptanceType AcceptanceType
	// TermARN is the ARN of the version's terms; the Catalog fills it in
	// when empty.
	TermARN string
	// NeedsApproval says that only accounts whose access request AWS
	// approved may download the version (R2).
	NeedsApproval bool
	// TrustCategories are the Trust Services categories a SOC 2 (or SOC 3)
	// version examines (R7), in the AICPA's order. Empty for other families.
	TrustCategories []TrustCategory
	// Scope is the services and regions the version states in scope (R5).
	Scope Scope
	// Document is the version's file: its SHA-256 and size (R6).
	Document Document
	// PublishedAt is the instant the version becomes readable when its
	// State is PUBLISHED; it may lie in the future.
	PublishedAt time.Time
	// CreatedAt, LastModifiedAt and DeletedAt are AWS's timestamps; the
	// Catalog sets them. DeletedAt is zero unless the version was deleted.
	CreatedAt time.Time
	// LastModifiedAt is when the version was last written.
	LastModifiedAt time.Time
	// DeletedAt is when the version was deleted, zero unless it was.
	DeletedAt time.Time
	// SequenceNumber counts the writes of the version from 1 (optimistic
	// locking): an update must carry the number it read.
	SequenceNumber int64
}

// Ref returns the report's id and version.
func (r *Report) Ref() Ref { return Ref{r.ID, r.Version} }

// Period returns the period the version covers (a single day for TYPE1).
func (r *Report) Period() Window { return Window{r.PeriodStart, r.PeriodEnd} }

// Available reports whether the version can be read at instant at: it is
// PUBLISHED, published at or before at, not deleted, and its document is
// uploaded.
func (r *Report) Available(at time.Time) bool {
	return r.State == Published && !r.PublishedAt.After(at) && r.DeletedAt.IsZero() &&
		r.UploadState == UploadComplete
}

// Covers reports whether the version examines Trust Services category c (R7).
func (r *Report) Covers(c TrustCategory) bool { return slices.Contains(r.TrustCategories, c) }

// Verify reads a document from rd and reports whether it is this version's
// (R6); see Document.Verify.
func (r *Report) Verify(rd io.Reader) error {
	return r.Document.Verify(rd)
}

// Clone returns a copy of r that shares no memory with it.
func (r *Report) Clone() Report {
	c := *r
	c.TrustCategories = slices.Clone(r.TrustCategories)
	return c
}

// normalize fills in the defaults of a new version.
func (r *Report) normalize() {
	if r.Family == "" {
		r.Family = r.Series
	}
	if r.Type == "" {
		r.Type = Type2
	}
	if r.State == "" {
		r.State = Published
	}
	if r.UploadState == "" {
		r.UploadState = UploadComplete
	}
	if r.Type == Type1 && r.PeriodStart.IsZero() {
		r.PeriodStart = r.PeriodEnd
	}
	if len(r.TrustCategories) > 0 {
		r.TrustCategories = slices.Clone(r.TrustCategories)
		slices.SortFunc(r.TrustCategories, func(a, b TrustCategory) int { return a.rank() - b.rank() })
	} else {
		r.TrustCategories = nil
	}
}

// validate checks the fields a caller provides. It does not look at the
// fields the Catalog sets (ARN, timestamps, sequence number).
func (r *Report) validate() error {
	var fe aws.ValidationError
	if r.ID != "" && ValidateID(r.ID) != nil {
		fe.Add("reportId", "%q is not report- and 16 letters or digits", aws.Clip(r.ID))
	}
	if r.Version < 0 {
		fe.Add("version", "%d is negative", r.Version)
	}
	checkText(&fe, "name", r.Name, true, maxShortString)
	checkText(&fe, "description", r.Description, false, maxLongString)
	checkText(&fe, "category", r.Category, true, maxShortString)
	checkText(&fe, "series", r.Series, true, maxShortString)
	checkText(&fe, "family", r.Family, true, maxShortString)
	checkText(&fe, "companyName", r.CompanyName, false, maxShortString)
	checkText(&fe, "productName", r.ProductName, false, maxShortString)
	// statusMessage has no length or pattern in AWS's model: none here.
	switch r.Type {
	case Type2:
		if !r.PeriodStart.IsValid() {
			fe.Add("periodStart", "a TYPE2 report needs a valid period start")
		}
		if !r.PeriodEnd.IsValid() {
			fe.Add("periodEnd", "a TYPE2 report needs a valid period end")
		}
		if r.PeriodStart.IsValid() && r.PeriodEnd.IsValid() && r.PeriodEnd.Before(r.PeriodStart) {
			fe.Add("periodEnd", "%s is before the period start %s", r.PeriodEnd, r.PeriodStart)
		}
	case Type1:
		if !r.PeriodEnd.IsValid() {
			fe.Add("periodEnd", "a TYPE1 report needs its as-of date as period end")
		} else if r.PeriodStart != r.PeriodEnd {
			fe.Add("periodStart", "a TYPE1 report is as of one date; the period start must equal the period end")
		}
	default:
		fe.Add("type", "%q is not TYPE1 or TYPE2", string(r.Type))
	}
	if !r.State.IsValid() {
		fe.Add("state", "%q is not PUBLISHED or UNPUBLISHED", string(r.State))
	}
	if !r.UploadState.IsValid() {
		fe.Add("uploadState", "%q is not PROCESSING, COMPLETE, FAILED or FAULT", string(r.UploadState))
	}
	if !r.AcceptanceType.IsValid() {
		fe.Add("acceptanceType", "%q is not EXPLICIT or PASSTHROUGH", string(r.AcceptanceType))
	}
	if r.TermARN != "" {
		if _, err := ParseTermARN(r.TermARN); err != nil {
			fe.Add("termArn", "%q is not a term ARN", aws.Clip(r.TermARN))
		}
	}
	checkTrustCategories(&fe, r.Family, r.TrustCategories)
	if r.UploadState == UploadComplete && r.Document.SHA256.IsZero() {
		fe.Add("sha256", "a COMPLETE upload needs the document's SHA-256")
	}
	if r.Document.Size < 0 {
		fe.Add("size", "%d is negative", r.Document.Size)
	}
	return fe.Err()
}

// checkText checks a free-text field: length and AWS's ^[^<>]*$.
func checkText(fe *aws.ValidationError, field, s string, required bool, max int) {
	switch {
	case required && strings.TrimSpace(s) == "":
		fe.Add(field, "must not be empty")
	case utf8.RuneCountInString(s) > max:
		// AWS's lengths count characters, not bytes.
		fe.Add(field, "is %d characters, more than %d", utf8.RuneCountInString(s), max)
	case strings.ContainsAny(s, "<>"):
		fe.Add(field, "must not contain < or >")
	}
}

// hasTrustCategories reports whether a family states Trust Services
// categories: SOC 2 and SOC 3 and their variants ("SOC 2 European
// Sovereign Cloud").
func hasTrustCategories(family string) bool {
	return strings.HasPrefix(family, "SOC 2") || strings.HasPrefix(family, "SOC 3")
}

// checkTrustCategories checks R7: only SOC 2 and SOC 3 versions state
// categories, each at most once, and Security (the common criteria) is
// part of every SOC 2 examination.
func checkTrustCategories(fe *aws.ValidationError, family string, cats []TrustCategory) {
	if len(cats) == 0 {
		return
	}
	if !hasTrustCategories(family) {
		fe.Add("trustCategories", "only SOC 2 and SOC 3 reports state Trust Services categories, not %q", aws.Clip(family))
		return
	}
	seen := map[TrustCategory]bool{}
	for _, c := range cats {
		switch {
		case !c.IsValid():
			fe.Add("trustCategories", "%q is not a Trust Services category", string(c))
		case seen[c]:
			fe.Add("trustCategories", "%q is listed twice", string(c))
		}
		seen[c] = true
	}
	if !seen[Security] {
		fe.Add("trustCategories", "every SOC 2 examination includes Security (the common criteria)")
	}
}
