package artifact

import (
	"encoding/json"

	"github.com/artifactkit/artifactkit/artifact/inquiry"
)

// AWS's JSON shapes of the compliance inquiry and tagging operations (see
// json.go and the package documentation, "AWS's JSON").

// inquirySummaryWire is AWS's InquirySummary. The members the model
// requires are always written.
type inquirySummaryWire struct {
	ARN           string   `json:"arn"`
	Name          string   `json:"name"`
	ID            string   `json:"id"`
	Status        string   `json:"status"`
	StatusMessage string   `json:"statusMessage"`
	InputSource   string   `json:"inputSource"`
	CreatedAt     wireTime `json:"createdAt"`
}

func (s *InquirySummary) wire() inquirySummaryWire {
	return inquirySummaryWire{ARN: s.ARN, Name: s.Name, ID: string(s.ID), Status: string(s.Status),
		StatusMessage: string(s.StatusMessage), InputSource: string(s.InputSource), CreatedAt: wireTime{s.CreatedAt}}
}

func (w *inquirySummaryWire) summary() InquirySummary {
	return InquirySummary{ARN: w.ARN, Name: w.Name, ID: inquiry.ID(w.ID), Status: inquiry.Status(w.Status),
		StatusMessage: inquiry.StatusMessage(w.StatusMessage), InputSource: inquiry.InputSource(w.InputSource), CreatedAt: w.CreatedAt.t}
}

// inquiryDetailWire is AWS's InquiryDetail: InquirySummary's members with
// updatedAt and supportMode.
type inquiryDetailWire struct {
	inquirySummaryWire
	UpdatedAt   wireTime `json:"updatedAt,omitzero"`
	SupportMode string   `json:"supportMode,omitempty"`
}

func (d *InquiryDetail) wire() inquiryDetailWire {
	s := InquirySummary{ARN: d.ARN, Name: d.Name, ID: d.ID, Status: d.Status, StatusMessage: d.StatusMessage,
		InputSource: d.InputSource, CreatedAt: d.CreatedAt}
	return inquiryDetailWire{s.wire(), wireTime{d.UpdatedAt}, string(d.SupportMode)}
}

func (w *inquiryDetailWire) detail() InquiryDetail {
	s := w.summary()
	return InquiryDetail{ARN: s.ARN, Name: s.Name, ID: s.ID, Status: s.Status, StatusMessage: s.StatusMessage,
		InputSource: s.InputSource, CreatedAt: s.CreatedAt, UpdatedAt: w.UpdatedAt.t, SupportMode: inquiry.SupportMode(w.SupportMode)}
}

// querySummaryWire is AWS's QuerySummary.
type querySummaryWire struct {
	QueryIdentifier         int                   `json:"queryIdentifier"`
	Query                   string                `json:"query"`
	Response                string                `json:"response,omitempty"`
	ReviewType              string                `json:"reviewType,omitempty"`
	Citations               []citationWire        `json:"citations,omitempty"`
	Status                  string                `json:"status"`
	StatusMessage           string                `json:"statusMessage"`
	CreatedAt               wireTime              `json:"createdAt"`
	UpdatedResponseVersions []responseVersionWire `json:"updatedResponseVersions,omitempty"`
}

type citationWire struct {
	SourceLabel   string `json:"sourceLabel,omitempty"`
	SourceContent string `json:"sourceContent,omitempty"`
	SourceLink    string `json:"sourceLink,omitempty"`
}

type responseVersionWire struct {
	ResponseText string   `json:"responseText"`
	Timestamp    wireTime `json:"timestamp"`
}

func (q *QuerySummary) wire() querySummaryWire {
	w := querySummaryWire{QueryIdentifier: q.QueryIdentifier, Query: q.Query, Response: q.Response, ReviewType: string(q.ReviewType),
		Status: string(q.Status), StatusMessage: string(q.StatusMessage), CreatedAt: wireTime{q.CreatedAt}}
	for _, c := range q.Citations {
		w.Citations = append(w.Citations, citationWire{c.SourceLabel, c.SourceContent, c.SourceLink})
	}
	for _, v := range q.UpdatedResponseVersions {
		w.UpdatedResponseVersions = append(w.UpdatedResponseVersions, responseVersionWire{v.ResponseText, wireTime{v.Timestamp}})
	}
	return w
}

func (w *querySummaryWire) query() QuerySummary {
	q := QuerySummary{QueryIdentifier: w.QueryIdentifier, Query: w.Query, Response: w.Response, ReviewType: inquiry.ReviewType(w.ReviewType),
		Status: inquiry.QueryStatus(w.Status), StatusMessage: inquiry.QueryStatusMessage(w.StatusMessage), CreatedAt: w.CreatedAt.t}
	for _, c := range w.Citations {
		q.Citations = append(q.Citations, Citation{SourceLabel: c.SourceLabel, SourceContent: c.SourceContent, SourceLink: c.SourceLink})
	}
	for _, v := range w.UpdatedResponseVersions {
		q.UpdatedResponseVersions = append(q.UpdatedResponseVersions, ResponseVersion{ResponseText: v.ResponseText, Timestamp: v.Timestamp.t})
	}
	return q
}

// tagsOf returns the tags as read: nil for none, as the service keeps them.
func tagsOf(t map[string]string) inquiry.Tags {
	if len(t) == 0 {
		return nil
	}
	return t
}

type createInquiryWire struct {
	Summary inquirySummaryWire `json:"complianceInquirySummary"`
	Tags    map[string]string  `json:"tags,omitempty"`
}

// MarshalJSON encodes the output as AWS's CreateComplianceInquiryResponse:
// "complianceInquirySummary" (InquirySummary) and "tags".
func (o CreateComplianceInquiryOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(createInquiryWire{o.ComplianceInquirySummary.wire(), o.Tags})
}

// UnmarshalJSON decodes AWS's CreateComplianceInquiryResponse.
func (o *CreateComplianceInquiryOutput) UnmarshalJSON(b []byte) error {
	var w createInquiryWire
	if err := unmarshalInto(b, &w, "CreateComplianceInquiry output"); err != nil {
		return err
	}
	*o = CreateComplianceInquiryOutput{ComplianceInquirySummary: w.Summary.summary(), Tags: tagsOf(w.Tags)}
	return nil
}

type getInquiryWire struct {
	Detail inquiryDetailWire `json:"complianceInquiryDetail"`
	Tags   map[string]string `json:"tags,omitempty"`
}

// MarshalJSON encodes the output as AWS's
// GetComplianceInquiryMetadataResponse: "complianceInquiryDetail"
// (InquiryDetail) and "tags".
func (o GetComplianceInquiryMetadataOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(getInquiryWire{o.ComplianceInquiryDetail.wire(), o.Tags})
}

// UnmarshalJSON decodes AWS's GetComplianceInquiryMetadataResponse.
func (o *GetComplianceInquiryMetadataOutput) UnmarshalJSON(b []byte) error {
	var w getInquiryWire
	if err := unmarshalInto(b, &w, "GetComplianceInquiryMetadata output"); err != nil {
		return err
	}
	*o = GetComplianceInquiryMetadataOutput{ComplianceInquiryDetail: w.Detail.detail(), Tags: tagsOf(w.Tags)}
	return nil
}

type listInquiriesWire struct {
	Inquiries []inquirySummaryWire `json:"complianceInquiries"`
	NextToken string               `json:"nextToken,omitempty"`
}

// MarshalJSON encodes the output as AWS's ListComplianceInquiriesResponse:
// "complianceInquiries" (InquirySummary) and "nextToken".
func (o ListComplianceInquiriesOutput) MarshalJSON() ([]byte, error) {
	w := listInquiriesWire{Inquiries: make([]inquirySummaryWire, len(o.ComplianceInquiries)), NextToken: o.NextToken}
	for i := range o.ComplianceInquiries {
		w.Inquiries[i] = o.ComplianceInquiries[i].wire()
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes AWS's ListComplianceInquiriesResponse.
func (o *ListComplianceInquiriesOutput) UnmarshalJSON(b []byte) error {
	var w listInquiriesWire
	if err := unmarshalInto(b, &w, "ListComplianceInquiries output"); err != nil {
		return err
	}
	*o = ListComplianceInquiriesOutput{NextToken: w.NextToken}
	if w.Inquiries != nil {
		o.ComplianceInquiries = make([]InquirySummary, len(w.Inquiries))
		for i := range w.Inquiries {
			o.ComplianceInquiries[i] = w.Inquiries[i].summary()
		}
	}
	return nil
}

type listQueriesWire struct {
	Queries   []querySummaryWire `json:"queries"`
	NextToken string             `json:"nextToken,omitempty"`
}

// MarshalJSON encodes the output as AWS's
// ListComplianceInquiryQueriesResponse: "queries" (QuerySummary) and
// "nextToken".
func (o ListComplianceInquiryQueriesOutput) MarshalJSON() ([]byte, error) {
	w := listQueriesWire{Queries: make([]querySummaryWire, len(o.Queries)), NextToken: o.NextToken}
	for i := range o.Queries {
		w.Queries[i] = o.Queries[i].wire()
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes AWS's ListComplianceInquiryQueriesResponse.
func (o *ListComplianceInquiryQueriesOutput) UnmarshalJSON(b []byte) error {
	var w listQueriesWire
	if err := unmarshalInto(b, &w, "ListComplianceInquiryQueries output"); err != nil {
		return err
	}
	*o = ListComplianceInquiryQueriesOutput{NextToken: w.NextToken}
	if w.Queries != nil {
		o.Queries = make([]QuerySummary, len(w.Queries))
		for i := range w.Queries {
			o.Queries[i] = w.Queries[i].query()
		}
	}
	return nil
}

type exportWire struct {
	URL  string            `json:"documentPresignedUrl,omitempty"`
	Tags map[string]string `json:"tags,omitempty"`
}

// MarshalJSON encodes the output as AWS's ExportComplianceInquiryResponse:
// "documentPresignedUrl" and "tags". The Document is not on the wire.
func (o ExportComplianceInquiryOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(exportWire{o.DocumentPresignedURL, o.Tags})
}

// UnmarshalJSON decodes AWS's ExportComplianceInquiryResponse.
func (o *ExportComplianceInquiryOutput) UnmarshalJSON(b []byte) error {
	var w exportWire
	if err := unmarshalInto(b, &w, "ExportComplianceInquiry output"); err != nil {
		return err
	}
	*o = ExportComplianceInquiryOutput{DocumentPresignedURL: w.URL, Tags: tagsOf(w.Tags)}
	return nil
}

type feedbackOutWire struct {
	SubmittedAt wireTime `json:"submittedAt"`
}

// MarshalJSON encodes the output as AWS's
// PutComplianceInquiryFeedbackResponse: "submittedAt".
func (o PutComplianceInquiryFeedbackOutput) MarshalJSON() ([]byte, error) {
	return json.Marshal(feedbackOutWire{wireTime{o.SubmittedAt}})
}

// UnmarshalJSON decodes AWS's PutComplianceInquiryFeedbackResponse.
func (o *PutComplianceInquiryFeedbackOutput) UnmarshalJSON(b []byte) error {
	var w feedbackOutWire
	if err := unmarshalInto(b, &w, "PutComplianceInquiryFeedback output"); err != nil {
		return err
	}
	*o = PutComplianceInquiryFeedbackOutput{SubmittedAt: w.SubmittedAt.t}
	return nil
}

type tagsWire struct {
	Tags map[string]string `json:"tags"`
}

// MarshalJSON encodes the output as AWS's ListTagsForResourceResponse:
// "tags", an empty object when the resource has none.
func (o ListTagsForResourceOutput) MarshalJSON() ([]byte, error) {
	tags := map[string]string(o.Tags)
	if tags == nil {
		tags = map[string]string{}
	}
	return json.Marshal(tagsWire{tags})
}

// UnmarshalJSON decodes AWS's ListTagsForResourceResponse.
func (o *ListTagsForResourceOutput) UnmarshalJSON(b []byte) error {
	var w tagsWire
	if err := unmarshalInto(b, &w, "ListTagsForResource output"); err != nil {
		return err
	}
	*o = ListTagsForResourceOutput{Tags: tagsOf(w.Tags)}
	return nil
}

// MarshalJSON encodes the output as AWS's TagResourceResponse: {}.
func (TagResourceOutput) MarshalJSON() ([]byte, error) { return []byte(`{}`), nil }

// MarshalJSON encodes the output as AWS's UntagResourceResponse: {}.
func (UntagResourceOutput) MarshalJSON() ([]byte, error) { return []byte(`{}`), nil }

// The inputs.

type fileContentWire struct {
	FileSections []string `json:"fileSections,omitempty"`
	Content      []byte   `json:"content"`
}

type inquiryContentWire struct {
	Query       string           `json:"query,omitempty"`
	FileContent *fileContentWire `json:"fileContent,omitempty"`
}

type createInquiryInWire struct {
	Name           string             `json:"name,omitempty"`
	InquiryContent inquiryContentWire `json:"inquiryContent"`
	ClientToken    string             `json:"clientToken,omitempty"`
	SupportMode    string             `json:"supportMode,omitempty"`
	Tags           map[string]string  `json:"tags,omitempty"`
}

// MarshalJSON encodes the input as AWS's CreateComplianceInquiryRequest:
// "inquiryContent" is the union of "query" and "fileContent", whose
// "content" is the file in base64.
func (in CreateComplianceInquiryInput) MarshalJSON() ([]byte, error) {
	w := createInquiryInWire{Name: in.Name, InquiryContent: inquiryContentWire{Query: in.InquiryContent.Query},
		ClientToken: in.ClientToken, SupportMode: string(in.SupportMode), Tags: in.Tags}
	if f := in.InquiryContent.FileContent; f != nil {
		w.InquiryContent.FileContent = &fileContentWire{FileSections: f.FileSections, Content: f.Content}
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes AWS's CreateComplianceInquiryRequest.
func (in *CreateComplianceInquiryInput) UnmarshalJSON(b []byte) error {
	var w createInquiryInWire
	if err := unmarshalInto(b, &w, "CreateComplianceInquiry input"); err != nil {
		return err
	}
	*in = CreateComplianceInquiryInput{Name: w.Name, InquiryContent: InquiryContent{Query: w.InquiryContent.Query},
		ClientToken: w.ClientToken, SupportMode: inquiry.SupportMode(w.SupportMode), Tags: tagsOf(w.Tags)}
	if f := w.InquiryContent.FileContent; f != nil {
		in.InquiryContent.FileContent = &InquiryFileContent{FileSections: f.FileSections, Content: f.Content}
	}
	return nil
}

type inquiryRefWire struct {
	ID               string `json:"complianceInquiryId,omitempty"`
	Max              int    `json:"maxResults,omitempty"`
	Next             string `json:"nextToken,omitempty"`
	QueryIdentifiers []int  `json:"queryIdentifiers,omitempty"`
	IncludeCitations bool   `json:"includeCitations,omitempty"`
}

// MarshalJSON encodes the input with AWS's member names.
func (in GetComplianceInquiryMetadataInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(inquiryRefWire{ID: string(in.ComplianceInquiryID)})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *GetComplianceInquiryMetadataInput) UnmarshalJSON(b []byte) error {
	var w inquiryRefWire
	if err := unmarshalInto(b, &w, "GetComplianceInquiryMetadata input"); err != nil {
		return err
	}
	*in = GetComplianceInquiryMetadataInput{ComplianceInquiryID: inquiry.ID(w.ID)}
	return nil
}

// MarshalJSON encodes the input with AWS's member names.
func (in ListComplianceInquiriesInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(pageWire{in.MaxResults, in.NextToken})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *ListComplianceInquiriesInput) UnmarshalJSON(b []byte) error {
	var w pageWire
	if err := unmarshalInto(b, &w, "ListComplianceInquiries input"); err != nil {
		return err
	}
	*in = ListComplianceInquiriesInput{MaxResults: w.Max, NextToken: w.Next}
	return nil
}

// MarshalJSON encodes the input with AWS's member names.
func (in ListComplianceInquiryQueriesInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(inquiryRefWire{ID: string(in.ComplianceInquiryID), Max: in.MaxResults, Next: in.NextToken})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *ListComplianceInquiryQueriesInput) UnmarshalJSON(b []byte) error {
	var w inquiryRefWire
	if err := unmarshalInto(b, &w, "ListComplianceInquiryQueries input"); err != nil {
		return err
	}
	*in = ListComplianceInquiryQueriesInput{ComplianceInquiryID: inquiry.ID(w.ID), MaxResults: w.Max, NextToken: w.Next}
	return nil
}

// MarshalJSON encodes the input as AWS's ExportComplianceInquiryRequest.
func (in ExportComplianceInquiryInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(inquiryRefWire{ID: string(in.ComplianceInquiryID), QueryIdentifiers: in.QueryIdentifiers, IncludeCitations: in.IncludeCitations})
}

// UnmarshalJSON decodes AWS's ExportComplianceInquiryRequest.
func (in *ExportComplianceInquiryInput) UnmarshalJSON(b []byte) error {
	var w inquiryRefWire
	if err := unmarshalInto(b, &w, "ExportComplianceInquiry input"); err != nil {
		return err
	}
	*in = ExportComplianceInquiryInput{ComplianceInquiryID: inquiry.ID(w.ID), QueryIdentifiers: w.QueryIdentifiers, IncludeCitations: w.IncludeCitations}
	return nil
}

type feedbackInWire struct {
	ID                 string   `json:"complianceInquiryId,omitempty"`
	QueryIdentifier    int      `json:"queryIdentifier,omitempty"`
	Rating             string   `json:"rating,omitempty"`
	ResponseRevisionID int      `json:"responseRevisionId,omitempty"`
	ReasonCodes        []string `json:"reasonCodes,omitempty"`
	Comment            string   `json:"comment,omitempty"`
	ClientToken        string   `json:"clientToken,omitempty"`
}

// MarshalJSON encodes the input as AWS's PutComplianceInquiryFeedbackRequest.
func (in PutComplianceInquiryFeedbackInput) MarshalJSON() ([]byte, error) {
	w := feedbackInWire{ID: string(in.ComplianceInquiryID), QueryIdentifier: in.QueryIdentifier, Rating: string(in.Rating),
		ResponseRevisionID: in.ResponseRevisionID, Comment: in.Comment, ClientToken: in.ClientToken}
	for _, r := range in.ReasonCodes {
		w.ReasonCodes = append(w.ReasonCodes, string(r))
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes AWS's PutComplianceInquiryFeedbackRequest.
func (in *PutComplianceInquiryFeedbackInput) UnmarshalJSON(b []byte) error {
	var w feedbackInWire
	if err := unmarshalInto(b, &w, "PutComplianceInquiryFeedback input"); err != nil {
		return err
	}
	*in = PutComplianceInquiryFeedbackInput{ComplianceInquiryID: inquiry.ID(w.ID), QueryIdentifier: w.QueryIdentifier,
		Rating: inquiry.Rating(w.Rating), ResponseRevisionID: w.ResponseRevisionID, Comment: w.Comment, ClientToken: w.ClientToken}
	for _, r := range w.ReasonCodes {
		in.ReasonCodes = append(in.ReasonCodes, inquiry.ReasonCode(r))
	}
	return nil
}

// tagResourceWire keeps the tags member as read: absent (or null) is a
// nil map, {} an empty one, which TagResource tells apart.
type tagResourceWire struct {
	ARN  string            `json:"resourceArn,omitempty"`
	Tags map[string]string `json:"tags,omitzero"`
}

// MarshalJSON encodes the input with AWS's member names (on the wire,
// resourceArn travels in the path and tags in the body).
func (in TagResourceInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(tagResourceWire{in.ResourceARN, in.Tags})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *TagResourceInput) UnmarshalJSON(b []byte) error {
	var w tagResourceWire
	if err := unmarshalInto(b, &w, "TagResource input"); err != nil {
		return err
	}
	*in = TagResourceInput{ResourceARN: w.ARN, Tags: w.Tags}
	return nil
}

type untagWire struct {
	ARN     string   `json:"resourceArn,omitempty"`
	TagKeys []string `json:"tagKeys"`
}

// MarshalJSON encodes the input with AWS's member names (on the wire,
// resourceArn travels in the path and tagKeys in the query string).
func (in UntagResourceInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(untagWire{in.ResourceARN, in.TagKeys})
}

// UnmarshalJSON decodes the input from AWS's member names.
func (in *UntagResourceInput) UnmarshalJSON(b []byte) error {
	var w untagWire
	if err := unmarshalInto(b, &w, "UntagResource input"); err != nil {
		return err
	}
	*in = UntagResourceInput{ResourceARN: w.ARN, TagKeys: w.TagKeys}
	return nil
}

// MarshalJSON encodes the input with AWS's member names.
func (in ListTagsForResourceInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ARN string `json:"resourceArn,omitempty"`
	}{in.ResourceARN})
}
