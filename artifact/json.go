package artifact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
)

// AWS's JSON shapes. The inputs, outputs and errors of the operations
// marshal to and unmarshal from the JSON of AWS's service model
// (restJson1, API version 2018-05-10): AWS's member names, timestamps as
// ISO 8601 date-times, empty members left out. The output of
// `aws artifact list-reports` or `get-report-metadata`, saved, loads into
// ListReportsOutput or GetReportMetadataOutput. The package documentation
// ("AWS's JSON") describes the mapping.

// wireTime is a TimestampAttribute: an instant, on the wire an ISO 8601
// date-time in UTC with the fractional seconds it has
// ("2022-04-01T20:32:04Z").
type wireTime struct{ t time.Time }

func (w wireTime) IsZero() bool { return w.t.IsZero() }

func (w wireTime) MarshalJSON() ([]byte, error) {
	if y := w.t.UTC().Year(); y < 1 || y > 9999 {
		return nil, fmt.Errorf("artifact: timestamp %v is outside the years 1 to 9999", w.t)
	}
	b := make([]byte, 0, 32)
	b = append(b, '"')
	b = w.t.UTC().AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

func (w *wireTime) UnmarshalJSON(b []byte) error {
	t, err := parseTimestamp(b)
	if err != nil {
		return err
	}
	w.t = t
	return nil
}

// parseTimestamp reads a timestamp as the AWS SDKs do: an ISO 8601
// date-time string with any UTC offset (RFC 3339, as AWS sends and the CLI
// prints), a date-time without an offset (read as UTC), a date alone
// (midnight UTC), or a number of seconds since the Unix epoch. null is the
// zero time.
func parseTimestamp(b []byte) (time.Time, error) {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return time.Time{}, nil
	}
	if len(b) > 0 && b[0] != '"' {
		f, err := strconv.ParseFloat(string(b), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e12 {
			return time.Time{}, fmt.Errorf("artifact: timestamp %s is neither an ISO 8601 date-time nor seconds since the epoch", b)
		}
		sec, frac := math.Modf(f)
		return inRange(time.Unix(int64(sec), int64(math.Round(frac*1e9))).UTC(), b)
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return time.Time{}, fmt.Errorf("artifact: timestamp: %w", err)
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return inRange(t.UTC(), b)
		}
	}
	return time.Time{}, fmt.Errorf("artifact: timestamp %q is not an ISO 8601 date-time", s)
}

// inRange returns t when it lies in the years 1 to 9999, which ISO 8601
// date-times and civil dates can write.
func inRange(t time.Time, b []byte) (time.Time, error) {
	if y := t.Year(); y < 1 || y > 9999 {
		return time.Time{}, fmt.Errorf("artifact: timestamp %s is outside the years 1 to 9999", b)
	}
	return t, nil
}

// wireDate is a report period's date: AWS sends a TimestampAttribute, the
// library keeps a civil date. A date goes out as its midnight UTC
// ("2025-09-30T00:00:00Z"), and an instant comes in as its UTC date.
type wireDate struct{ d report.Date }

func (w wireDate) IsZero() bool { return w.d.IsZero() }

func (w wireDate) MarshalJSON() ([]byte, error) {
	if !w.d.IsValid() {
		return nil, fmt.Errorf("artifact: %v is not a date of the calendar", w.d)
	}
	return wireTime{w.d.Start()}.MarshalJSON()
}

func (w *wireDate) UnmarshalJSON(b []byte) error {
	t, err := parseTimestamp(b)
	if err != nil {
		return err
	}
	w.d = report.Date{}
	if !t.IsZero() {
		w.d = report.DateOf(t.UTC())
	}
	return nil
}

// reportSummary is AWS's ReportSummary, members in the model's order.
type reportSummary struct {
	ID             string   `json:"id,omitempty"`
	Name           string   `json:"name,omitempty"`
	State          string   `json:"state,omitempty"`
	ARN            string   `json:"arn,omitempty"`
	Version        int64    `json:"version,omitempty"`
	UploadState    string   `json:"uploadState,omitempty"`
	Description    string   `json:"description,omitempty"`
	PeriodStart    wireDate `json:"periodStart,omitzero"`
	PeriodEnd      wireDate `json:"periodEnd,omitzero"`
	Series         string   `json:"series,omitempty"`
	Category       string   `json:"category,omitempty"`
	CompanyName    string   `json:"companyName,omitempty"`
	ProductName    string   `json:"productName,omitempty"`
	StatusMessage  string   `json:"statusMessage,omitempty"`
	AcceptanceType string   `json:"acceptanceType,omitempty"`
}

// reportDetail is AWS's ReportDetail, members in the model's order. It
// reads a ReportSummary too.
type reportDetail struct {
	ID             string   `json:"id,omitempty"`
	Name           string   `json:"name,omitempty"`
	Description    string   `json:"description,omitempty"`
	PeriodStart    wireDate `json:"periodStart,omitzero"`
	PeriodEnd      wireDate `json:"periodEnd,omitzero"`
	CreatedAt      wireTime `json:"createdAt,omitzero"`
	LastModifiedAt wireTime `json:"lastModifiedAt,omitzero"`
	DeletedAt      wireTime `json:"deletedAt,omitzero"`
	State          string   `json:"state,omitempty"`
	ARN            string   `json:"arn,omitempty"`
	Series         string   `json:"series,omitempty"`
	Category       string   `json:"category,omitempty"`
	CompanyName    string   `json:"companyName,omitempty"`
	ProductName    string   `json:"productName,omitempty"`
	TermARN        string   `json:"termArn,omitempty"`
	Version        int64    `json:"version,omitempty"`
	AcceptanceType string   `json:"acceptanceType,omitempty"`
	SequenceNumber int64    `json:"sequenceNumber,omitempty"`
	UploadState    string   `json:"uploadState,omitempty"`
	StatusMessage  string   `json:"statusMessage,omitempty"`
}

func summaryOf(r *report.Report) reportSummary {
	return reportSummary{
		ID: r.ID, Name: r.Name, State: string(r.State), ARN: r.ARN, Version: r.Version, UploadState: string(r.UploadState),
		Description: r.Description, PeriodStart: wireDate{r.PeriodStart}, PeriodEnd: wireDate{r.PeriodEnd},
		Series: r.Series, Category: r.Category, CompanyName: r.CompanyName, ProductName: r.ProductName,
		StatusMessage: r.StatusMessage, AcceptanceType: string(r.AcceptanceType),
	}
}

func detailOf(r *report.Report) reportDetail {
	return reportDetail{
		ID: r.ID, Name: r.Name, Description: r.Description, PeriodStart: wireDate{r.PeriodStart}, PeriodEnd: wireDate{r.PeriodEnd},
		CreatedAt: wireTime{r.CreatedAt}, LastModifiedAt: wireTime{r.LastModifiedAt}, DeletedAt: wireTime{r.DeletedAt},
		State: string(r.State), ARN: r.ARN, Series: r.Series, Category: r.Category, CompanyName: r.CompanyName,
		ProductName: r.ProductName, TermARN: r.TermARN, Version: r.Version, AcceptanceType: string(r.AcceptanceType),
		SequenceNumber: r.SequenceNumber, UploadState: string(r.UploadState), StatusMessage: r.StatusMessage,
	}
}

func (w *reportDetail) report() report.Report {
	return report.Report{
		ID: w.ID, Version: w.Version, ARN: w.ARN, Name: w.Name, Description: w.Description, Category: w.Category,
		Series: w.Series, CompanyName: w.CompanyName, ProductName: w.ProductName,
		PeriodStart: w.PeriodStart.d, PeriodEnd: w.PeriodEnd.d, State: report.PublishedState(w.State),
		UploadState: report.UploadState(w.UploadState), StatusMessage: w.StatusMessage,
		AcceptanceType: report.AcceptanceType(w.AcceptanceType), TermARN: w.TermARN,
		CreatedAt: w.CreatedAt.t, LastModifiedAt: w.LastModifiedAt.t, DeletedAt: w.DeletedAt.t, SequenceNumber: w.SequenceNumber,
	}
}

func summariesOf(rs []report.Report) []reportSummary {
	out := make([]reportSummary, len(rs))
	for i := range rs {
		out[i] = summaryOf(&rs[i])
	}
	return out
}

func reportsOf(ws []reportDetail) []report.Report {
	if ws == nil {
		return nil
	}
	out := make([]report.Report, len(ws))
	for i := range ws {
		out[i] = ws[i].report()
	}
	return out
}

// agreementSummary is AWS's AgreementSummary (API reference).
type agreementSummary struct {
	ID              string   `json:"id,omitempty"`
	ARN             string   `json:"arn,omitempty"`
	Name            string   `json:"name,omitempty"`
	Description     string   `json:"description,omitempty"`
	RevisionID      string   `json:"revisionId,omitempty"`
	Subjects        []string `json:"subjects,omitempty"`
	AcceptanceTerms []string `json:"acceptanceTerms,omitempty"`
	TerminateTerms  []string `json:"terminateTerms,omitempty"`
}

func agreementSummaryOf(a *agreement.Agreement) agreementSummary {
	cur := a.Current()
	w := agreementSummary{ID: string(a.ID), ARN: a.ARN, Name: a.Name, Description: a.Description, RevisionID: string(cur.ID),
		AcceptanceTerms: cur.AcceptanceTerms, TerminateTerms: cur.TerminateTerms}
	for _, s := range a.Subjects {
		w.Subjects = append(w.Subjects, string(s))
	}
	return w
}

func (w *agreementSummary) agreement() agreement.Agreement {
	a := agreement.Agreement{ID: agreement.ID(w.ID), ARN: w.ARN, Name: w.Name, Description: w.Description}
	for _, s := range w.Subjects {
		a.Subjects = append(a.Subjects, agreement.Scope(s))
	}
	if w.RevisionID != "" || w.AcceptanceTerms != nil || w.TerminateTerms != nil {
		a.Revisions = []agreement.Revision{{ID: agreement.RevisionID(w.RevisionID), AcceptanceTerms: w.AcceptanceTerms, TerminateTerms: w.TerminateTerms}}
	}
	return a
}

// customerAgreementSummary is AWS's CustomerAgreementSummary, members in
// the model's order. It reads a TerminateCustomerAgreementSummary too.
type customerAgreementSummary struct {
	Name            string   `json:"name,omitempty"`
	ARN             string   `json:"arn,omitempty"`
	ID              string   `json:"id,omitempty"`
	AgreementARN    string   `json:"agreementArn,omitempty"`
	AWSAccountID    string   `json:"awsAccountId,omitempty"`
	OrganizationARN string   `json:"organizationArn,omitempty"`
	EffectiveStart  wireTime `json:"effectiveStart,omitzero"`
	EffectiveEnd    wireTime `json:"effectiveEnd,omitzero"`
	State           string   `json:"state,omitempty"`
	Description     string   `json:"description,omitempty"`
	AcceptanceTerms []string `json:"acceptanceTerms,omitempty"`
	TerminateTerms  []string `json:"terminateTerms,omitempty"`
	Type            string   `json:"type,omitempty"`
}

// terminateSummary is AWS's TerminateCustomerAgreementSummary (API
// reference), members in alphabetical order as the reference lists them.
type terminateSummary struct {
	AgreementARN   string   `json:"agreementArn,omitempty"`
	ARN            string   `json:"arn,omitempty"`
	EffectiveEnd   wireTime `json:"effectiveEnd,omitzero"`
	EffectiveStart wireTime `json:"effectiveStart,omitzero"`
	ID             string   `json:"id,omitempty"`
	Name           string   `json:"name,omitempty"`
	State          string   `json:"state,omitempty"`
}

func customerAgreementSummaryOf(c *agreement.CustomerAgreement) customerAgreementSummary {
	return customerAgreementSummary{
		Name: c.Name, ARN: c.ARN, ID: string(c.ID), AgreementARN: c.AgreementARN, AWSAccountID: string(c.Account),
		OrganizationARN: c.OrganizationARN, EffectiveStart: wireTime{c.EffectiveStart}, EffectiveEnd: wireTime{c.EffectiveEnd},
		State: string(c.State), Description: c.Description, AcceptanceTerms: c.AcceptanceTerms, TerminateTerms: c.TerminateTerms,
		Type: string(c.Type),
	}
}

// customerAgreement returns the customer agreement the summary describes.
// What the wire leaves out is derived where AWS's identifiers say it: the
// agreement's id from its ARN, the organization's id and the scope from the
// organization's ARN.
func (w *customerAgreementSummary) customerAgreement() agreement.CustomerAgreement {
	c := agreement.CustomerAgreement{
		ID: agreement.CustomerAgreementID(w.ID), ARN: w.ARN, Name: w.Name, Description: w.Description,
		Agreement: agreement.ID(lastSegment(w.AgreementARN, "agreement/")), AgreementARN: w.AgreementARN,
		Type: agreement.Type(w.Type), Scope: agreement.ScopeAccount, Account: org.AccountID(w.AWSAccountID),
		OrganizationARN: w.OrganizationARN, State: agreement.State(w.State),
		EffectiveStart: w.EffectiveStart.t, EffectiveEnd: w.EffectiveEnd.t,
		AcceptanceTerms: w.AcceptanceTerms, TerminateTerms: w.TerminateTerms,
	}
	if w.OrganizationARN != "" {
		c.Scope = agreement.ScopeOrganization
		c.Organization = org.ID(lastSegment(w.OrganizationARN, "organization/"))
	}
	return c
}

// lastSegment returns what follows marker in an ARN, "" when it has none.
func lastSegment(arn, marker string) string {
	if i := strings.LastIndex(arn, marker); i >= 0 {
		return arn[i+len(marker):]
	}
	return ""
}

// unmarshalInto decodes b into the wire value v, naming what in errors.
func unmarshalInto(b []byte, v any, what string) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("artifact: decoding %s: %w", what, err)
	}
	return nil
}

// The report operations.

type listReportsWire struct {
	Reports   []reportSummary `json:"reports"`
	NextToken string          `json:"nextToken,omitempty"`
}

type listReportsReadWire struct {
	Reports   []reportDetail `json:"reports"`
	NextToken string         `json:"nextToken,omitempty"`
}

// MarshalJSON encodes the output as AWS's ListReportsResponse: "reports"
// (ReportSummary) and "nextToken".
func (o ListReportsOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(listReportsWire{Reports: summariesOf(o.Reports), NextToken: o.NextToken})
}

// UnmarshalJSON decodes AWS's ListReportsResponse.
func (o *ListReportsOutput) UnmarshalJSON(b []byte) error {
	var w listReportsReadWire
	if err := unmarshalInto(b, &w, "ListReports output"); err != nil {
		return err
	}
	*o = ListReportsOutput{Reports: reportsOf(w.Reports), NextToken: w.NextToken}
	return nil
}

// MarshalJSON encodes the output as AWS's ListReportVersionsResponse:
// "reports" (ReportSummary) and "nextToken".
func (o ListReportVersionsOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(listReportsWire{Reports: summariesOf(o.Reports), NextToken: o.NextToken})
}

// UnmarshalJSON decodes AWS's ListReportVersionsResponse.
func (o *ListReportVersionsOutput) UnmarshalJSON(b []byte) error {
	var w listReportsReadWire
	if err := unmarshalInto(b, &w, "ListReportVersions output"); err != nil {
		return err
	}
	*o = ListReportVersionsOutput{Reports: reportsOf(w.Reports), NextToken: w.NextToken}
	return nil
}

// MarshalJSON encodes the output as AWS's GetReportMetadataResponse:
// "reportDetails" (ReportDetail).
func (o GetReportMetadataOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ReportDetails reportDetail `json:"reportDetails"`
	}{detailOf(&o.ReportDetails)})
}

// UnmarshalJSON decodes AWS's GetReportMetadataResponse.
func (o *GetReportMetadataOutput) UnmarshalJSON(b []byte) error {
	var w struct {
		ReportDetails reportDetail `json:"reportDetails"`
	}
	if err := unmarshalInto(b, &w, "GetReportMetadata output"); err != nil {
		return err
	}
	*o = GetReportMetadataOutput{ReportDetails: w.ReportDetails.report()}
	return nil
}

type termWire struct {
	DocumentPresignedURL string `json:"documentPresignedUrl,omitempty"`
	TermToken            string `json:"termToken,omitempty"`
}

// MarshalJSON encodes the output as AWS's GetTermForReportResponse:
// "documentPresignedUrl" and "termToken". Expires is not on the wire.
func (o GetTermForReportOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(termWire{o.DocumentPresignedURL, o.TermToken})
}

// UnmarshalJSON decodes AWS's GetTermForReportResponse.
func (o *GetTermForReportOutput) UnmarshalJSON(b []byte) error {
	var w termWire
	if err := unmarshalInto(b, &w, "GetTermForReport output"); err != nil {
		return err
	}
	*o = GetTermForReportOutput{DocumentPresignedURL: w.DocumentPresignedURL, TermToken: w.TermToken}
	return nil
}

type urlWire struct {
	DocumentPresignedURL string `json:"documentPresignedUrl,omitempty"`
}

// MarshalJSON encodes the output as AWS's GetReportResponse:
// "documentPresignedUrl". Report and Document are not on the wire.
func (o GetReportOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(urlWire{o.DocumentPresignedURL})
}

// UnmarshalJSON decodes AWS's GetReportResponse.
func (o *GetReportOutput) UnmarshalJSON(b []byte) error {
	var w urlWire
	if err := unmarshalInto(b, &w, "GetReport output"); err != nil {
		return err
	}
	*o = GetReportOutput{DocumentPresignedURL: w.DocumentPresignedURL}
	return nil
}

// The agreement operations.

type listAgreementsWire struct {
	Agreements []agreementSummary `json:"agreements"`
	NextToken  string             `json:"nextToken,omitempty"`
}

// MarshalJSON encodes the output as AWS's ListAgreements response:
// "agreements" (AgreementSummary of each agreement's current revision) and
// "nextToken".
func (o ListAgreementsOutput) MarshalJSON() ([]byte, error) {
	w := listAgreementsWire{Agreements: make([]agreementSummary, len(o.Agreements)), NextToken: o.NextToken}
	for i := range o.Agreements {
		w.Agreements[i] = agreementSummaryOf(&o.Agreements[i])
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes AWS's ListAgreements response. Each agreement has
// the one revision its summary names.
func (o *ListAgreementsOutput) UnmarshalJSON(b []byte) error {
	var w listAgreementsWire
	if err := unmarshalInto(b, &w, "ListAgreements output"); err != nil {
		return err
	}
	*o = ListAgreementsOutput{NextToken: w.NextToken}
	if w.Agreements != nil {
		o.Agreements = make([]agreement.Agreement, len(w.Agreements))
		for i := range w.Agreements {
			o.Agreements[i] = w.Agreements[i].agreement()
		}
	}
	return nil
}

type ndaWire struct {
	AcceptNdaForAgreementToken string `json:"acceptNdaForAgreementToken,omitempty"`
	AgreementRevisionID        string `json:"agreementRevisionId,omitempty"`
	DocumentPresignedURL       string `json:"documentPresignedUrl,omitempty"`
}

// MarshalJSON encodes the output as AWS's GetNdaForAgreement response.
// Expires is not on the wire.
func (o GetNdaForAgreementOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(ndaWire{o.AcceptNdaForAgreementToken, string(o.AgreementRevisionID), o.DocumentPresignedURL})
}

// UnmarshalJSON decodes AWS's GetNdaForAgreement response.
func (o *GetNdaForAgreementOutput) UnmarshalJSON(b []byte) error {
	var w ndaWire
	if err := unmarshalInto(b, &w, "GetNdaForAgreement output"); err != nil {
		return err
	}
	*o = GetNdaForAgreementOutput{AcceptNdaForAgreementToken: w.AcceptNdaForAgreementToken,
		AgreementRevisionID: agreement.RevisionID(w.AgreementRevisionID), DocumentPresignedURL: w.DocumentPresignedURL}
	return nil
}

type acceptNdaWire struct {
	Token string `json:"getAgreementToken,omitempty"`
}

// MarshalJSON encodes the output as AWS's AcceptNdaForAgreement response.
func (o AcceptNdaForAgreementOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(acceptNdaWire{o.GetAgreementToken})
}

// UnmarshalJSON decodes AWS's AcceptNdaForAgreement response.
func (o *AcceptNdaForAgreementOutput) UnmarshalJSON(b []byte) error {
	var w acceptNdaWire
	if err := unmarshalInto(b, &w, "AcceptNdaForAgreement output"); err != nil {
		return err
	}
	*o = AcceptNdaForAgreementOutput{GetAgreementToken: w.Token}
	return nil
}

type getAgreementWire struct {
	AcceptanceTerms       []string `json:"acceptanceTerms,omitempty"`
	AcceptanceTermsToken  string   `json:"acceptanceTermsToken,omitempty"`
	AgreementRevisionID   string   `json:"agreementRevisionId,omitempty"`
	DocumentPresignedURL  string   `json:"documentPresignedUrl,omitempty"`
	ExecuteAgreementToken string   `json:"executeAgreementToken,omitempty"`
}

// MarshalJSON encodes the output as AWS's GetAgreement response. Agreement
// and Expires are not on the wire.
func (o GetAgreementOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(getAgreementWire{o.AcceptanceTerms, o.AcceptanceTermsToken, string(o.AgreementRevisionID),
		o.DocumentPresignedURL, o.ExecuteAgreementToken})
}

// UnmarshalJSON decodes AWS's GetAgreement response.
func (o *GetAgreementOutput) UnmarshalJSON(b []byte) error {
	var w getAgreementWire
	if err := unmarshalInto(b, &w, "GetAgreement output"); err != nil {
		return err
	}
	*o = GetAgreementOutput{AcceptanceTerms: w.AcceptanceTerms, AcceptanceTermsToken: w.AcceptanceTermsToken,
		AgreementRevisionID: agreement.RevisionID(w.AgreementRevisionID), DocumentPresignedURL: w.DocumentPresignedURL,
		ExecuteAgreementToken: w.ExecuteAgreementToken}
	return nil
}

// MarshalJSON encodes the output as AWS's AcceptAgreement response:
// "customerAgreement" (CustomerAgreementSummary). Events are not on the
// wire.
func (o AcceptAgreementOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		CustomerAgreement customerAgreementSummary `json:"customerAgreement"`
	}{customerAgreementSummaryOf(&o.CustomerAgreement)})
}

// UnmarshalJSON decodes AWS's AcceptAgreement response.
func (o *AcceptAgreementOutput) UnmarshalJSON(b []byte) error {
	var w struct {
		CustomerAgreement customerAgreementSummary `json:"customerAgreement"`
	}
	if err := unmarshalInto(b, &w, "AcceptAgreement output"); err != nil {
		return err
	}
	*o = AcceptAgreementOutput{CustomerAgreement: w.CustomerAgreement.customerAgreement()}
	return nil
}

type listCustomerAgreementsWire struct {
	CustomerAgreements []customerAgreementSummary `json:"customerAgreements"`
	NextToken          string                     `json:"nextToken,omitempty"`
}

// MarshalJSON encodes the output as AWS's ListCustomerAgreementsResponse:
// "customerAgreements" (CustomerAgreementSummary) and "nextToken".
func (o ListCustomerAgreementsOutput) MarshalJSON() ([]byte, error) {
	w := listCustomerAgreementsWire{CustomerAgreements: make([]customerAgreementSummary, len(o.CustomerAgreements)), NextToken: o.NextToken}
	for i := range o.CustomerAgreements {
		w.CustomerAgreements[i] = customerAgreementSummaryOf(&o.CustomerAgreements[i])
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes AWS's ListCustomerAgreementsResponse.
func (o *ListCustomerAgreementsOutput) UnmarshalJSON(b []byte) error {
	var w listCustomerAgreementsWire
	if err := unmarshalInto(b, &w, "ListCustomerAgreements output"); err != nil {
		return err
	}
	*o = ListCustomerAgreementsOutput{NextToken: w.NextToken}
	if w.CustomerAgreements != nil {
		o.CustomerAgreements = make([]agreement.CustomerAgreement, len(w.CustomerAgreements))
		for i := range w.CustomerAgreements {
			o.CustomerAgreements[i] = w.CustomerAgreements[i].customerAgreement()
		}
	}
	return nil
}

type getCustomerAgreementWire struct {
	DocumentPresignedURL    string   `json:"documentPresignedUrl,omitempty"`
	TerminateAgreementToken string   `json:"terminateAgreementToken,omitempty"`
	TerminateTerms          []string `json:"terminateTerms,omitempty"`
}

// MarshalJSON encodes the output as AWS's GetCustomerAgreement response.
// CustomerAgreement and Expires are not on the wire.
func (o GetCustomerAgreementOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(getCustomerAgreementWire{o.DocumentPresignedURL, o.TerminateAgreementToken, o.TerminateTerms})
}

// UnmarshalJSON decodes AWS's GetCustomerAgreement response.
func (o *GetCustomerAgreementOutput) UnmarshalJSON(b []byte) error {
	var w getCustomerAgreementWire
	if err := unmarshalInto(b, &w, "GetCustomerAgreement output"); err != nil {
		return err
	}
	*o = GetCustomerAgreementOutput{DocumentPresignedURL: w.DocumentPresignedURL, TerminateAgreementToken: w.TerminateAgreementToken,
		TerminateTerms: w.TerminateTerms}
	return nil
}

// MarshalJSON encodes the output as AWS's TerminateAgreement response:
// "customerAgreement" (TerminateCustomerAgreementSummary). Events are not
// on the wire.
func (o TerminateAgreementOutput) MarshalJSON() ([]byte, error) {
	c := &o.CustomerAgreement
	return json.Marshal(struct {
		CustomerAgreement terminateSummary `json:"customerAgreement"`
	}{terminateSummary{AgreementARN: c.AgreementARN, ARN: c.ARN, EffectiveEnd: wireTime{c.EffectiveEnd},
		EffectiveStart: wireTime{c.EffectiveStart}, ID: string(c.ID), Name: c.Name, State: string(c.State)}})
}

// UnmarshalJSON decodes AWS's TerminateAgreement response.
func (o *TerminateAgreementOutput) UnmarshalJSON(b []byte) error {
	var w struct {
		CustomerAgreement customerAgreementSummary `json:"customerAgreement"`
	}
	if err := unmarshalInto(b, &w, "TerminateAgreement output"); err != nil {
		return err
	}
	*o = TerminateAgreementOutput{CustomerAgreement: w.CustomerAgreement.customerAgreement()}
	return nil
}

// The account settings operations.

type settingsWire struct {
	NotificationSubscriptionStatus string `json:"notificationSubscriptionStatus,omitempty"`
}

// MarshalJSON encodes the settings as AWS's AccountSettings.
func (s AccountSettings) MarshalJSON() ([]byte, error) {
	return json.Marshal(settingsWire{string(s.NotificationSubscriptionStatus)})
}

// UnmarshalJSON decodes AWS's AccountSettings.
func (s *AccountSettings) UnmarshalJSON(b []byte) error {
	var w settingsWire
	if err := unmarshalInto(b, &w, "account settings"); err != nil {
		return err
	}
	*s = AccountSettings{NotificationSubscriptionStatus: notify.Status(w.NotificationSubscriptionStatus)}
	return nil
}

type accountSettingsWire struct {
	Settings AccountSettings `json:"accountSettings"`
}

// MarshalJSON encodes the output as AWS's GetAccountSettingsResponse.
func (o GetAccountSettingsOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(accountSettingsWire{o.AccountSettings})
}

// UnmarshalJSON decodes AWS's GetAccountSettingsResponse.
func (o *GetAccountSettingsOutput) UnmarshalJSON(b []byte) error {
	var w accountSettingsWire
	if err := unmarshalInto(b, &w, "GetAccountSettings output"); err != nil {
		return err
	}
	*o = GetAccountSettingsOutput{AccountSettings: w.Settings}
	return nil
}

// MarshalJSON encodes the output as AWS's PutAccountSettingsResponse.
func (o PutAccountSettingsOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(accountSettingsWire{o.AccountSettings})
}

// UnmarshalJSON decodes AWS's PutAccountSettingsResponse.
func (o *PutAccountSettingsOutput) UnmarshalJSON(b []byte) error {
	var w accountSettingsWire
	if err := unmarshalInto(b, &w, "PutAccountSettings output"); err != nil {
		return err
	}
	*o = PutAccountSettingsOutput{AccountSettings: w.Settings}
	return nil
}

// The inputs. Members a request carries in its query string go by the same
// names in JSON, as in `aws artifact ... --cli-input-json`.

type pageWire struct {
	Max  int    `json:"maxResults,omitempty"`
	Next string `json:"nextToken,omitempty"`
}

// MarshalJSON encodes the input with AWS's member names.
func (in ListReportsInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(pageWire{in.MaxResults, in.NextToken})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *ListReportsInput) UnmarshalJSON(b []byte) error {
	var w pageWire
	if err := unmarshalInto(b, &w, "ListReports input"); err != nil {
		return err
	}
	*in = ListReportsInput{MaxResults: w.Max, NextToken: w.Next}
	return nil
}

type listVersionsWire struct {
	Report string `json:"reportId,omitempty"`
	Max    int    `json:"maxResults,omitempty"`
	Next   string `json:"nextToken,omitempty"`
}

// MarshalJSON encodes the input with AWS's member names.
func (in ListReportVersionsInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(listVersionsWire{in.ReportID, in.MaxResults, in.NextToken})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *ListReportVersionsInput) UnmarshalJSON(b []byte) error {
	var w listVersionsWire
	if err := unmarshalInto(b, &w, "ListReportVersions input"); err != nil {
		return err
	}
	*in = ListReportVersionsInput{ReportID: w.Report, MaxResults: w.Max, NextToken: w.Next}
	return nil
}

type reportRefWire struct {
	Report  string `json:"reportId,omitempty"`
	Version *int64 `json:"reportVersion,omitempty"`
	Token   string `json:"termToken,omitempty"`
}

// MarshalJSON encodes the input with AWS's member names.
func (in GetReportMetadataInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(reportRefWire{Report: in.ReportID, Version: in.ReportVersion})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *GetReportMetadataInput) UnmarshalJSON(b []byte) error {
	var w reportRefWire
	if err := unmarshalInto(b, &w, "GetReportMetadata input"); err != nil {
		return err
	}
	*in = GetReportMetadataInput{ReportID: w.Report, ReportVersion: w.Version}
	return nil
}

// MarshalJSON encodes the input with AWS's member names.
func (in GetTermForReportInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(reportRefWire{Report: in.ReportID, Version: in.ReportVersion})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *GetTermForReportInput) UnmarshalJSON(b []byte) error {
	var w reportRefWire
	if err := unmarshalInto(b, &w, "GetTermForReport input"); err != nil {
		return err
	}
	*in = GetTermForReportInput{ReportID: w.Report, ReportVersion: w.Version}
	return nil
}

// MarshalJSON encodes the input with AWS's member names.
func (in GetReportInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(reportRefWire{in.ReportID, in.ReportVersion, in.TermToken})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *GetReportInput) UnmarshalJSON(b []byte) error {
	var w reportRefWire
	if err := unmarshalInto(b, &w, "GetReport input"); err != nil {
		return err
	}
	*in = GetReportInput{ReportID: w.Report, ReportVersion: w.Version, TermToken: w.Token}
	return nil
}

// MarshalJSON encodes the input with AWS's member names.
func (in ListAgreementsInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(pageWire{in.MaxResults, in.NextToken})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *ListAgreementsInput) UnmarshalJSON(b []byte) error {
	var w pageWire
	if err := unmarshalInto(b, &w, "ListAgreements input"); err != nil {
		return err
	}
	*in = ListAgreementsInput{MaxResults: w.Max, NextToken: w.Next}
	return nil
}

// agreementInputWire holds the members of the agreement operations'
// inputs; each input uses its own.
type agreementInputWire struct {
	AgreementID             string `json:"agreementId,omitempty"`
	AgreementRevisionID     string `json:"agreementRevisionId,omitempty"`
	CustomerAgreementID     string `json:"customerAgreementId,omitempty"`
	NdaToken                string `json:"ndaToken,omitempty"`
	AcceptanceTermsToken    string `json:"acceptanceTermsToken,omitempty"`
	ExecuteAgreementToken   string `json:"executeAgreementToken,omitempty"`
	TerminateAgreementToken string `json:"terminateAgreementToken,omitempty"`
}

func decodeAgreementInput(b []byte, what string) (agreementInputWire, error) {
	var w agreementInputWire
	err := unmarshalInto(b, &w, what)
	return w, err
}

// MarshalJSON encodes the input with AWS's member names.
func (in GetNdaForAgreementInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(agreementInputWire{AgreementID: string(in.AgreementID)})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *GetNdaForAgreementInput) UnmarshalJSON(b []byte) error {
	w, err := decodeAgreementInput(b, "GetNdaForAgreement input")
	if err == nil {
		*in = GetNdaForAgreementInput{AgreementID: agreement.ID(w.AgreementID)}
	}
	return err
}

// MarshalJSON encodes the input with AWS's member names.
func (in AcceptNdaForAgreementInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(agreementInputWire{AgreementID: string(in.AgreementID), AgreementRevisionID: string(in.AgreementRevisionID),
		NdaToken: in.NdaToken})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *AcceptNdaForAgreementInput) UnmarshalJSON(b []byte) error {
	w, err := decodeAgreementInput(b, "AcceptNdaForAgreement input")
	if err == nil {
		*in = AcceptNdaForAgreementInput{AgreementID: agreement.ID(w.AgreementID),
			AgreementRevisionID: agreement.RevisionID(w.AgreementRevisionID), NdaToken: w.NdaToken}
	}
	return err
}

// MarshalJSON encodes the input with AWS's member names.
func (in GetAgreementInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(agreementInputWire{AgreementID: string(in.AgreementID), NdaToken: in.NdaToken})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *GetAgreementInput) UnmarshalJSON(b []byte) error {
	w, err := decodeAgreementInput(b, "GetAgreement input")
	if err == nil {
		*in = GetAgreementInput{AgreementID: agreement.ID(w.AgreementID), NdaToken: w.NdaToken}
	}
	return err
}

// MarshalJSON encodes the input with AWS's member names. AWS's request
// names no scope: Scope is not on the wire.
func (in AcceptAgreementInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(agreementInputWire{AgreementID: string(in.AgreementID), AgreementRevisionID: string(in.AgreementRevisionID),
		AcceptanceTermsToken: in.AcceptanceTermsToken, ExecuteAgreementToken: in.ExecuteAgreementToken})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *AcceptAgreementInput) UnmarshalJSON(b []byte) error {
	w, err := decodeAgreementInput(b, "AcceptAgreement input")
	if err == nil {
		*in = AcceptAgreementInput{AgreementID: agreement.ID(w.AgreementID), AgreementRevisionID: agreement.RevisionID(w.AgreementRevisionID),
			AcceptanceTermsToken: w.AcceptanceTermsToken, ExecuteAgreementToken: w.ExecuteAgreementToken}
	}
	return err
}

// MarshalJSON encodes the input with AWS's member names.
func (in ListCustomerAgreementsInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(pageWire{in.MaxResults, in.NextToken})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *ListCustomerAgreementsInput) UnmarshalJSON(b []byte) error {
	var w pageWire
	if err := unmarshalInto(b, &w, "ListCustomerAgreements input"); err != nil {
		return err
	}
	*in = ListCustomerAgreementsInput{MaxResults: w.Max, NextToken: w.Next}
	return nil
}

// MarshalJSON encodes the input with AWS's member names.
func (in GetCustomerAgreementInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(agreementInputWire{CustomerAgreementID: string(in.CustomerAgreementID)})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *GetCustomerAgreementInput) UnmarshalJSON(b []byte) error {
	w, err := decodeAgreementInput(b, "GetCustomerAgreement input")
	if err == nil {
		*in = GetCustomerAgreementInput{CustomerAgreementID: agreement.CustomerAgreementID(w.CustomerAgreementID)}
	}
	return err
}

// MarshalJSON encodes the input with AWS's member names.
func (in TerminateAgreementInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(agreementInputWire{CustomerAgreementID: string(in.CustomerAgreementID), TerminateAgreementToken: in.TerminateAgreementToken})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *TerminateAgreementInput) UnmarshalJSON(b []byte) error {
	w, err := decodeAgreementInput(b, "TerminateAgreement input")
	if err == nil {
		*in = TerminateAgreementInput{CustomerAgreementID: agreement.CustomerAgreementID(w.CustomerAgreementID),
			TerminateAgreementToken: w.TerminateAgreementToken}
	}
	return err
}

// MarshalJSON encodes the input as AWS's PutAccountSettingsRequest.
func (in PutAccountSettingsInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(settingsWire{string(in.NotificationSubscriptionStatus)})
}

// UnmarshalJSON decodes AWS's PutAccountSettingsRequest.
func (in *PutAccountSettingsInput) UnmarshalJSON(b []byte) error {
	var w settingsWire
	if err := unmarshalInto(b, &w, "PutAccountSettings input"); err != nil {
		return err
	}
	*in = PutAccountSettingsInput{NotificationSubscriptionStatus: notify.Status(w.NotificationSubscriptionStatus)}
	return nil
}

// The errors: their body members. retryAfterSeconds travels in the
// Retry-After header, not in the body, and is not part of their JSON.

type errorWire struct {
	Message      string                     `json:"message"`
	ResourceID   *string                    `json:"resourceId,omitempty"`
	ResourceType *string                    `json:"resourceType,omitempty"`
	ServiceCode  *string                    `json:"serviceCode,omitempty"`
	QuotaCode    *string                    `json:"quotaCode,omitempty"`
	Reason       *string                    `json:"reason,omitempty"`
	FieldList    []ValidationExceptionField `json:"fieldList,omitempty"`
}

func decodeError(b []byte, what string) (errorWire, error) {
	var w errorWire
	err := unmarshalInto(b, &w, what)
	return w, err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// optional returns a pointer to s, or nil when it is empty: an optional
// member is left out when it has no value.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// MarshalJSON encodes the error's members: "message".
func (e *AccessDeniedException) MarshalJSON() ([]byte, error) {
	return json.Marshal(errorWire{Message: e.Message})
}

// UnmarshalJSON decodes the error's members.
func (e *AccessDeniedException) UnmarshalJSON(b []byte) error {
	w, err := decodeError(b, "AccessDeniedException")
	if err == nil {
		*e = AccessDeniedException{Message: w.Message}
	}
	return err
}

// MarshalJSON encodes the error's members: "message", "resourceId" and
// "resourceType" (all required by the model).
func (e *ConflictException) MarshalJSON() ([]byte, error) {
	return json.Marshal(errorWire{Message: e.Message, ResourceID: &e.ResourceID, ResourceType: &e.ResourceType})
}

// UnmarshalJSON decodes the error's members.
func (e *ConflictException) UnmarshalJSON(b []byte) error {
	w, err := decodeError(b, "ConflictException")
	if err == nil {
		*e = ConflictException{Message: w.Message, ResourceID: deref(w.ResourceID), ResourceType: deref(w.ResourceType)}
	}
	return err
}

// MarshalJSON encodes the error's body members: "message".
func (e *InternalServerException) MarshalJSON() ([]byte, error) {
	return json.Marshal(errorWire{Message: e.Message})
}

// UnmarshalJSON decodes the error's body members.
func (e *InternalServerException) UnmarshalJSON(b []byte) error {
	w, err := decodeError(b, "InternalServerException")
	if err == nil {
		*e = InternalServerException{Message: w.Message}
	}
	return err
}

// MarshalJSON encodes the error's members: "message", "resourceId" and
// "resourceType" (all required by the model).
func (e *ResourceNotFoundException) MarshalJSON() ([]byte, error) {
	return json.Marshal(errorWire{Message: e.Message, ResourceID: &e.ResourceID, ResourceType: &e.ResourceType})
}

// UnmarshalJSON decodes the error's members.
func (e *ResourceNotFoundException) UnmarshalJSON(b []byte) error {
	w, err := decodeError(b, "ResourceNotFoundException")
	if err == nil {
		*e = ResourceNotFoundException{Message: w.Message, ResourceID: deref(w.ResourceID), ResourceType: deref(w.ResourceType)}
	}
	return err
}

// MarshalJSON encodes the error's members: "message", "resourceId",
// "resourceType", "serviceCode" and "quotaCode" (all required by the
// model).
func (e *ServiceQuotaExceededException) MarshalJSON() ([]byte, error) {
	return json.Marshal(errorWire{Message: e.Message, ResourceID: &e.ResourceID, ResourceType: &e.ResourceType,
		ServiceCode: &e.ServiceCode, QuotaCode: &e.QuotaCode})
}

// UnmarshalJSON decodes the error's members.
func (e *ServiceQuotaExceededException) UnmarshalJSON(b []byte) error {
	w, err := decodeError(b, "ServiceQuotaExceededException")
	if err == nil {
		*e = ServiceQuotaExceededException{Message: w.Message, ResourceID: deref(w.ResourceID), ResourceType: deref(w.ResourceType),
			ServiceCode: deref(w.ServiceCode), QuotaCode: deref(w.QuotaCode)}
	}
	return err
}

// MarshalJSON encodes the error's body members: "message", and
// "serviceCode" and "quotaCode" when set.
func (e *ThrottlingException) MarshalJSON() ([]byte, error) {
	return json.Marshal(errorWire{Message: e.Message, ServiceCode: optional(e.ServiceCode), QuotaCode: optional(e.QuotaCode)})
}

// UnmarshalJSON decodes the error's body members.
func (e *ThrottlingException) UnmarshalJSON(b []byte) error {
	w, err := decodeError(b, "ThrottlingException")
	if err == nil {
		*e = ThrottlingException{Message: w.Message, ServiceCode: deref(w.ServiceCode), QuotaCode: deref(w.QuotaCode)}
	}
	return err
}

// MarshalJSON encodes the error's members: "message", "reason" (both
// required by the model) and "fieldList" when it names fields.
func (e *ValidationException) MarshalJSON() ([]byte, error) {
	reason := string(e.Reason)
	return json.Marshal(errorWire{Message: e.Message, Reason: &reason, FieldList: e.FieldList})
}

// UnmarshalJSON decodes the error's members.
func (e *ValidationException) UnmarshalJSON(b []byte) error {
	w, err := decodeError(b, "ValidationException")
	if err == nil {
		*e = ValidationException{Message: w.Message, Reason: ValidationExceptionReason(deref(w.Reason)), FieldList: w.FieldList}
	}
	return err
}

// MarshalJSON encodes the field as AWS's ValidationExceptionField: "name"
// and "message".
func (f ValidationExceptionField) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name    string `json:"name"`
		Message string `json:"message"`
	}{f.Name, f.Message})
}

// UnmarshalJSON decodes AWS's ValidationExceptionField.
func (f *ValidationExceptionField) UnmarshalJSON(b []byte) error {
	var w struct {
		Name    string `json:"name"`
		Message string `json:"message"`
	}
	if err := unmarshalInto(b, &w, "validation exception field"); err != nil {
		return err
	}
	*f = ValidationExceptionField{Name: w.Name, Message: w.Message}
	return nil
}
