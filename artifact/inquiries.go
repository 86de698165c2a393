package artifact

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
)

// The compliance inquiry operations: CreateComplianceInquiry,
// GetComplianceInquiryMetadata, ListComplianceInquiries,
// ListComplianceInquiryQueries, ExportComplianceInquiry and
// PutComplianceInquiryFeedback, and the administrative side of their
// processing and human review.

// CreateComplianceInquiryInput is the request of CreateComplianceInquiry.
type CreateComplianceInquiryInput struct {
	// Name is the inquiry's title; required.
	Name string
	// InquiryContent is a single query or a questionnaire file; exactly
	// one is set.
	InquiryContent InquiryContent
	// ClientToken makes the request idempotent: a retry with the same
	// token and request returns the same inquiry; the same token with a
	// different request is a ConflictException.
	ClientToken string
	// SupportMode is AI_ONLY (the default) or FULL_SUPPORT (files only).
	SupportMode inquiry.SupportMode
	// Tags are the inquiry's tags.
	Tags inquiry.Tags
}

// InquiryContent is AWS's InquiryContent union.
type InquiryContent struct {
	// Query is a single question.
	Query string
	// FileContent is a questionnaire file.
	FileContent *InquiryFileContent
}

// InquiryFileContent is AWS's InquiryFileContent.
type InquiryFileContent struct {
	// FileSections are the sections (CSV columns) to process; empty for
	// the column headed "Question".
	FileSections []string
	// Content is the file (CSV; see inquiry.ReadQuestionnaire).
	Content []byte
}

// CreateComplianceInquiryOutput is the answer of CreateComplianceInquiry
// (AWS: HTTP 202).
type CreateComplianceInquiryOutput struct {
	// ComplianceInquirySummary is the inquiry as created: PROCESSING,
	// whatever its processing will find.
	ComplianceInquirySummary InquirySummary
	// Tags are the inquiry's tags, as the request set them.
	Tags inquiry.Tags
}

// InquirySummary is AWS's InquirySummary: what CreateComplianceInquiry and
// ListComplianceInquiries answer of a compliance inquiry, and no more.
type InquirySummary struct {
	// ARN is the inquiry's ARN,
	// arn:<partition>:artifact:<region>:<account>:compliance-inquiry/<id>.
	ARN string
	// Name is the inquiry's title.
	Name string
	// ID is the inquiry's id.
	ID inquiry.ID
	// Status is PROCESSING, HUMAN_REVIEW, COMPLETED or FAILED.
	Status inquiry.Status
	// StatusMessage is AWS's sentence for the status.
	StatusMessage inquiry.StatusMessage
	// InputSource says whether the inquiry was created from a query
	// (TEXT) or a questionnaire file (FILE).
	InputSource inquiry.InputSource
	// CreatedAt is when the inquiry was created.
	CreatedAt time.Time
}

// InquiryDetail is AWS's InquiryDetail: what GetComplianceInquiryMetadata
// answers of a compliance inquiry, the members of InquirySummary with
// UpdatedAt and SupportMode.
type InquiryDetail struct {
	// ARN is the inquiry's ARN,
	// arn:<partition>:artifact:<region>:<account>:compliance-inquiry/<id>.
	ARN string
	// Name is the inquiry's title.
	Name string
	// ID is the inquiry's id.
	ID inquiry.ID
	// Status is PROCESSING, HUMAN_REVIEW, COMPLETED or FAILED.
	Status inquiry.Status
	// StatusMessage is AWS's sentence for the status.
	StatusMessage inquiry.StatusMessage
	// InputSource says whether the inquiry was created from a query
	// (TEXT) or a questionnaire file (FILE).
	InputSource inquiry.InputSource
	// CreatedAt is when the inquiry was created.
	CreatedAt time.Time
	// UpdatedAt is when its status or answers last changed.
	UpdatedAt time.Time
	// SupportMode is AI_ONLY or FULL_SUPPORT.
	SupportMode inquiry.SupportMode
}

// QuerySummary is AWS's QuerySummary: what ListComplianceInquiryQueries
// answers of one query of an inquiry.
type QuerySummary struct {
	// QueryIdentifier is the query's number within its inquiry, from 1.
	QueryIdentifier int
	// Query is the question.
	Query string
	// Response is the current answer; empty until there is one.
	Response string
	// ReviewType says who produced the current response (AI or HUMAN);
	// empty until there is one.
	ReviewType inquiry.ReviewType
	// Citations support the response.
	Citations []Citation
	// Status is PROCESSING, COMPLETED or FAILED.
	Status inquiry.QueryStatus
	// StatusMessage is AWS's sentence for the status.
	StatusMessage inquiry.QueryStatusMessage
	// CreatedAt is when the query was created.
	CreatedAt time.Time
	// UpdatedResponseVersions are the versions the response has had,
	// oldest first; the current response is the last, and its revision
	// (PutComplianceInquiryFeedback's responseRevisionId) is their number.
	UpdatedResponseVersions []ResponseVersion
}

// Citation is AWS's Citation: a source that supports a response (its
// sourceLabel, sourceContent and sourceLink).
type Citation = inquiry.Citation

// ResponseVersion is AWS's ResponseVersion: a response as it was at one
// instant (its responseText and timestamp).
type ResponseVersion = inquiry.ResponseVersion

// summaryOfInquiry maps an inquiry onto AWS's InquirySummary.
func summaryOfInquiry(in *inquiry.Inquiry) InquirySummary {
	return InquirySummary{ARN: in.ARN, Name: in.Name, ID: in.ID, Status: in.Status, StatusMessage: in.StatusMessage,
		InputSource: in.InputSource, CreatedAt: in.CreatedAt}
}

// detailOfInquiry maps an inquiry onto AWS's InquiryDetail.
func detailOfInquiry(in *inquiry.Inquiry) InquiryDetail {
	return InquiryDetail{ARN: in.ARN, Name: in.Name, ID: in.ID, Status: in.Status, StatusMessage: in.StatusMessage,
		InputSource: in.InputSource, CreatedAt: in.CreatedAt, UpdatedAt: in.UpdatedAt, SupportMode: in.SupportMode}
}

// summaryOfQuery maps a query onto AWS's QuerySummary.
func summaryOfQuery(q *inquiry.Query) QuerySummary {
	return QuerySummary{QueryIdentifier: q.Identifier, Query: q.Query, Response: q.Response, ReviewType: q.ReviewType,
		Citations: slices.Clone(q.Citations), Status: q.Status, StatusMessage: q.StatusMessage, CreatedAt: q.CreatedAt,
		UpdatedResponseVersions: slices.Clone(q.UpdatedResponseVersions)}
}

// CreateComplianceInquiry creates a compliance inquiry for the caller's
// account (artifact:CreateComplianceInquiry on
// arn:<partition>:artifact:<region>:<account>:compliance-inquiry/*, with
// aws:RequestTag/${TagKey} and aws:TagKeys). It returns it PROCESSING; its
// questions are answered when its processing is due.
func (s *Service) CreateComplianceInquiry(ctx context.Context, c *Caller, in CreateComplianceInquiryInput) (*CreateComplianceInquiryOutput, error) {
	k := s.begin(c, "CreateComplianceInquiry", secret("name", in.Name), secret("inquiryContent", contentParam(in.InquiryContent)))
	if in.ClientToken != "" {
		k.params.add(param("clientToken", in.ClientToken))
	}
	if in.SupportMode != "" {
		k.params.add(param("supportMode", string(in.SupportMode)))
	}
	if in.Tags != nil {
		k.params.add(tagsParam("tags", in.Tags))
	}
	out, err := s.createInquiry(ctx, &k, in)
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return out, k.end(ctx, nil)
}

// contentParam is what the audit record holds of inquiryContent (hidden
// when set, as CloudTrail hides sensitive members).
func contentParam(c InquiryContent) string {
	if c.Query == "" && c.FileContent == nil {
		return ""
	}
	return "set"
}

func (s *Service) createInquiry(ctx context.Context, k *call, in CreateComplianceInquiryInput) (*CreateComplianceInquiryOutput, error) {
	req := inquiry.CreateInput{Name: in.Name, Query: in.InquiryContent.Query, ClientToken: in.ClientToken,
		SupportMode: in.SupportMode, Tags: in.Tags}
	if f := in.InquiryContent.FileContent; f != nil {
		req.File = &inquiry.FileContent{Sections: f.FileSections, Content: f.Content}
	}
	if err := req.Validate(s.inq.Limits()); err != nil {
		return nil, err
	}
	if err := k.needCaller(); err != nil {
		return nil, err
	}
	account := k.c.account
	k.tags = tagContext{request: in.Tags, keys: in.Tags.Keys(), hasKeys: true, set: true}
	if err := k.authorize(ctx, "artifact:CreateComplianceInquiry", s.inquiryARN(account, "*"), nil); err != nil {
		return nil, err
	}
	got, _, err := s.inq.Create(ctx, account, req)
	if err != nil {
		return nil, err
	}
	k.resource = got.ARN
	return &CreateComplianceInquiryOutput{ComplianceInquirySummary: summaryOfInquiry(&got), Tags: got.Tags}, nil
}

// inquiryARN is the ARN of the account's inquiry id ("*" for all).
func (s *Service) inquiryARN(account aws.AccountID, id string) string {
	return aws.ComplianceInquiryARN{Partition: s.partition, Region: s.region, Account: account, ComplianceInquiryID: id}.String()
}

// GetComplianceInquiryMetadataInput is the request of
// GetComplianceInquiryMetadata.
type GetComplianceInquiryMetadataInput struct {
	// ComplianceInquiryID is the inquiry's id; required.
	ComplianceInquiryID inquiry.ID
}

// GetComplianceInquiryMetadataOutput is the answer of
// GetComplianceInquiryMetadata.
type GetComplianceInquiryMetadataOutput struct {
	// ComplianceInquiryDetail is the inquiry, processed up to the
	// service's clock.
	ComplianceInquiryDetail InquiryDetail
	// Tags are the inquiry's tags.
	Tags inquiry.Tags
}

// GetComplianceInquiryMetadata returns a compliance inquiry of the
// caller's account, processed up to the service's clock
// (artifact:GetComplianceInquiryMetadata on its ARN, with
// aws:ResourceTag/${TagKey}).
func (s *Service) GetComplianceInquiryMetadata(ctx context.Context, c *Caller, in GetComplianceInquiryMetadataInput) (*GetComplianceInquiryMetadataOutput, error) {
	k := s.begin(c, "GetComplianceInquiryMetadata", param("complianceInquiryId", string(in.ComplianceInquiryID)))
	k.about(ResourceTypeComplianceInquiry, string(in.ComplianceInquiryID))
	got, err := s.authorizeInquiry(ctx, &k, "artifact:GetComplianceInquiryMetadata", in.ComplianceInquiryID)
	if err == nil {
		got, err = s.inq.Settle(ctx, got)
	}
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return &GetComplianceInquiryMetadataOutput{ComplianceInquiryDetail: detailOfInquiry(&got), Tags: got.Tags}, k.end(ctx, nil)
}

// authorizeInquiry authorizes action on the caller's inquiry id, with its
// tags as aws:ResourceTag keys, and returns it as stored. The order is
// AWS's: a malformed id, then authorization (on the inquiry's ARN, without
// tags when it does not exist), then an unknown inquiry.
func (s *Service) authorizeInquiry(ctx context.Context, k *call, action string, id inquiry.ID) (inquiry.Inquiry, error) {
	if _, err := inquiry.ParseID(string(id)); err != nil {
		return inquiry.Inquiry{}, err
	}
	if err := k.needCaller(); err != nil {
		return inquiry.Inquiry{}, err
	}
	account := k.c.account
	got, lookupErr := s.inq.Peek(ctx, account, id)
	k.tags = tagContext{set: true}
	if lookupErr == nil {
		k.tags.resource = s.tagKeys.of(&got)
	}
	if err := k.authorize(ctx, action, s.inquiryARN(account, string(id)), nil); err != nil {
		return inquiry.Inquiry{}, err
	}
	return got, lookupErr
}

// ListComplianceInquiriesInput is the request of ListComplianceInquiries.
type ListComplianceInquiriesInput struct {
	// MaxResults is the most inquiries a page holds (1 to 300); 0 for the
	// service's default.
	MaxResults int
	// NextToken continues from the page that returned it; empty for the
	// first page.
	NextToken string
}

// ListComplianceInquiriesOutput is the answer of ListComplianceInquiries:
// the account's inquiries, oldest first.
type ListComplianceInquiriesOutput struct {
	// ComplianceInquiries are the page's inquiries, without their tags
	// (AWS's InquirySummary has none: a principal reads an inquiry's tags
	// with ListTagsForResource, which its tags may deny).
	ComplianceInquiries []InquirySummary
	// NextToken continues to the next page; empty after the last.
	NextToken string
}

// ListComplianceInquiries lists the caller's account's compliance
// inquiries, oldest first, each processed up to the service's clock
// (artifact:ListComplianceInquiries on "*"). Like every IAM list action it
// is not filtered by tags: a principal that may list sees every inquiry
// of its account.
func (s *Service) ListComplianceInquiries(ctx context.Context, c *Caller, in ListComplianceInquiriesInput) (*ListComplianceInquiriesOutput, error) {
	k := s.begin(c, "ListComplianceInquiries")
	k.params.page(in.MaxResults, in.NextToken)
	out, err := s.listInquiries(ctx, &k, in)
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return out, k.end(ctx, nil)
}

func (s *Service) listInquiries(ctx context.Context, k *call, in ListComplianceInquiriesInput) (*ListComplianceInquiriesOutput, error) {
	if err := k.authorize(ctx, "artifact:ListComplianceInquiries", "*", nil); err != nil {
		return nil, err
	}
	account := k.c.account
	limit, after, err := s.pages.page("ListComplianceInquiries", account, in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	list, next, err := s.inq.List(ctx, account, after, limit)
	if err != nil {
		return nil, err
	}
	out := &ListComplianceInquiriesOutput{ComplianceInquiries: make([]InquirySummary, len(list)),
		NextToken: s.pages.next("ListComplianceInquiries", account, next)}
	for i := range list {
		out.ComplianceInquiries[i] = summaryOfInquiry(&list[i])
	}
	return out, nil
}

// ListComplianceInquiryQueriesInput is the request of
// ListComplianceInquiryQueries.
type ListComplianceInquiryQueriesInput struct {
	// ComplianceInquiryID is the inquiry's id; required.
	ComplianceInquiryID inquiry.ID
	// MaxResults is the most queries a page holds (1 to 300); 0 for the
	// service's default.
	MaxResults int
	// NextToken continues from the page that returned it; empty for the
	// first page.
	NextToken string
}

// ListComplianceInquiryQueriesOutput is the answer of
// ListComplianceInquiryQueries: the inquiry's queries by identifier.
type ListComplianceInquiryQueriesOutput struct {
	// Queries are the page's queries.
	Queries []QuerySummary
	// NextToken continues to the next page; empty after the last.
	NextToken string
}

// ListComplianceInquiryQueries lists the queries of a compliance inquiry
// of the caller's account, by identifier, processed up to the service's
// clock (artifact:ListComplianceInquiryQueries on its ARN, with
// aws:ResourceTag/${TagKey}).
func (s *Service) ListComplianceInquiryQueries(ctx context.Context, c *Caller, in ListComplianceInquiryQueriesInput) (*ListComplianceInquiryQueriesOutput, error) {
	k := s.begin(c, "ListComplianceInquiryQueries", param("complianceInquiryId", string(in.ComplianceInquiryID)))
	k.about(ResourceTypeComplianceInquiry, string(in.ComplianceInquiryID))
	k.params.page(in.MaxResults, in.NextToken)
	out, err := s.listQueries(ctx, &k, in)
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return out, k.end(ctx, nil)
}

func (s *Service) listQueries(ctx context.Context, k *call, in ListComplianceInquiryQueriesInput) (*ListComplianceInquiryQueriesOutput, error) {
	got, err := s.authorizeInquiry(ctx, k, "artifact:ListComplianceInquiryQueries", in.ComplianceInquiryID)
	if err != nil {
		return nil, err
	}
	account := k.c.account
	op := "ListComplianceInquiryQueries/" + string(in.ComplianceInquiryID)
	limit, after, err := s.pages.page(op, account, in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	n := 0
	if after != "" {
		if n, err = strconv.Atoi(after); err != nil || n < 1 {
			// A token this service minted whose resume point is not
			// one it writes: its own fault, not the caller's.
			return nil, internalError(errBadNextToken)
		}
	}
	if _, err := s.inq.Settle(ctx, got); err != nil {
		return nil, err
	}
	qs, next, err := s.inq.Queries(ctx, got.Account, got.ID, n, limit)
	if err != nil {
		return nil, err
	}
	resume := ""
	if next > 0 {
		resume = strconv.Itoa(next)
	}
	out := &ListComplianceInquiryQueriesOutput{Queries: make([]QuerySummary, len(qs)), NextToken: s.pages.next(op, account, resume)}
	for i := range qs {
		out.Queries[i] = summaryOfQuery(&qs[i])
	}
	return out, nil
}

// ExportComplianceInquiryInput is the request of ExportComplianceInquiry.
type ExportComplianceInquiryInput struct {
	// ComplianceInquiryID is the inquiry's id; required.
	ComplianceInquiryID inquiry.ID
	// QueryIdentifiers are the queries to export; empty for all.
	QueryIdentifiers []int
	// IncludeCitations adds the responses' citations.
	IncludeCitations bool
}

// ExportComplianceInquiryOutput is the answer of ExportComplianceInquiry.
type ExportComplianceInquiryOutput struct {
	// DocumentPresignedURL is where the export is downloaded from: the
	// service's Presigner is given the Document with its Body.
	DocumentPresignedURL string
	// Tags are the inquiry's tags.
	Tags inquiry.Tags
	// Document is the export itself (CSV), with its SHA-256: the
	// library's addition to AWS's members, for a host that serves or
	// verifies the file itself. It is not on the wire.
	Document inquiry.Document
}

// ExportComplianceInquiry exports the answers of a COMPLETED compliance
// inquiry of the caller's account, all of its queries or the chosen ones,
// with or without citations, as a CSV document behind a presigned URL
// (artifact:ExportComplianceInquiry on its ARN, with
// aws:ResourceTag/${TagKey}).
func (s *Service) ExportComplianceInquiry(ctx context.Context, c *Caller, in ExportComplianceInquiryInput) (*ExportComplianceInquiryOutput, error) {
	k := s.begin(c, "ExportComplianceInquiry", param("complianceInquiryId", string(in.ComplianceInquiryID)))
	k.about(ResourceTypeComplianceInquiry, string(in.ComplianceInquiryID))
	if len(in.QueryIdentifiers) > 0 {
		ids := make([]string, len(in.QueryIdentifiers))
		for i, n := range in.QueryIdentifiers {
			ids[i] = strconv.Itoa(n)
		}
		k.params.add(keysParam("queryIdentifiers", ids))
	}
	if in.IncludeCitations {
		k.params.add(param("includeCitations", "true"))
	}
	out, err := s.export(ctx, &k, in)
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return out, k.end(ctx, nil)
}

func (s *Service) export(ctx context.Context, k *call, in ExportComplianceInquiryInput) (*ExportComplianceInquiryOutput, error) {
	got, err := s.authorizeInquiry(ctx, k, "artifact:ExportComplianceInquiry", in.ComplianceInquiryID)
	if err != nil {
		return nil, err
	}
	doc, err := s.inq.Export(ctx, got.Account, got.ID, inquiry.ExportInput{QueryIdentifiers: in.QueryIdentifiers, IncludeCitations: in.IncludeCitations})
	if err != nil {
		return nil, err
	}
	digest := doc.SHA256
	url, err := s.presign.Presign(ctx, Document{Kind: DocComplianceInquiry, ID: string(got.ID), Version: digest.String()[:16],
		SHA256: digest, Account: k.c.account, Body: doc.Content, MediaType: doc.MediaType})
	if err != nil {
		return nil, err
	}
	return &ExportComplianceInquiryOutput{DocumentPresignedURL: url, Tags: got.Tags, Document: doc}, nil
}

// PutComplianceInquiryFeedbackInput is the request of
// PutComplianceInquiryFeedback.
type PutComplianceInquiryFeedbackInput struct {
	// ComplianceInquiryID is the inquiry's id; required.
	ComplianceInquiryID inquiry.ID
	// QueryIdentifier is the query whose response is rated; 0 leaves it
	// out, rating the inquiry as a whole.
	QueryIdentifier int
	// Rating is THUMBS_UP or THUMBS_DOWN; required.
	Rating inquiry.Rating
	// ResponseRevisionID is the revision of the response rated; when it
	// is no longer the current one the feedback is a ConflictException. 0
	// leaves it out (the current response).
	ResponseRevisionID int
	// ReasonCodes say why the response was rated so; repeats are dropped.
	ReasonCodes []inquiry.ReasonCode
	// Comment is 1 to 1000 characters of AWS's set; empty for none.
	Comment string
	// ClientToken makes the request idempotent: a retry with the same
	// token and request returns the feedback first put; the same token
	// with a different request is a ConflictException.
	ClientToken string
}

// PutComplianceInquiryFeedbackOutput is the answer of
// PutComplianceInquiryFeedback.
type PutComplianceInquiryFeedbackOutput struct {
	// SubmittedAt is when the feedback was put (for a retry, when it was
	// first put).
	SubmittedAt time.Time
}

// PutComplianceInquiryFeedback records the caller's rating of a query's
// response, or of the whole inquiry (artifact:PutComplianceInquiryFeedback
// on the inquiry's ARN, with aws:ResourceTag/${TagKey}). It is idempotent,
// as AWS's model marks it: a principal has one feedback per query, which a
// new one replaces, and a retry with the same clientToken and request
// returns the feedback first put.
func (s *Service) PutComplianceInquiryFeedback(ctx context.Context, c *Caller, in PutComplianceInquiryFeedbackInput) (*PutComplianceInquiryFeedbackOutput, error) {
	k := s.begin(c, "PutComplianceInquiryFeedback", param("complianceInquiryId", string(in.ComplianceInquiryID)))
	k.about(ResourceTypeComplianceInquiry, string(in.ComplianceInquiryID))
	if in.QueryIdentifier != 0 {
		k.params.add(param("queryIdentifier", strconv.Itoa(in.QueryIdentifier)))
	}
	k.params.add(param("rating", string(in.Rating)))
	if in.ResponseRevisionID != 0 {
		k.params.add(param("responseRevisionId", strconv.Itoa(in.ResponseRevisionID)))
	}
	if len(in.ReasonCodes) > 0 {
		codes := make([]string, len(in.ReasonCodes))
		for i, r := range in.ReasonCodes {
			codes[i] = string(r)
		}
		k.params.add(keysParam("reasonCodes", codes))
	}
	if in.Comment != "" {
		k.params.add(secret("comment", in.Comment))
	}
	if in.ClientToken != "" {
		k.params.add(param("clientToken", in.ClientToken))
	}
	out, err := s.putFeedback(ctx, &k, in)
	if err != nil {
		return nil, k.end(ctx, err)
	}
	return out, k.end(ctx, nil)
}

func (s *Service) putFeedback(ctx context.Context, k *call, in PutComplianceInquiryFeedbackInput) (*PutComplianceInquiryFeedbackOutput, error) {
	req := inquiry.FeedbackInput{Inquiry: in.ComplianceInquiryID, QueryIdentifier: in.QueryIdentifier, Rating: in.Rating,
		ResponseRevision: in.ResponseRevisionID, ReasonCodes: in.ReasonCodes, Comment: in.Comment, ClientToken: in.ClientToken}
	if err := req.Validate(); err != nil {
		return nil, err
	}
	got, err := s.authorizeInquiry(ctx, k, "artifact:PutComplianceInquiryFeedback", in.ComplianceInquiryID)
	if err != nil {
		return nil, err
	}
	req.Principal = k.c.principal
	f, err := s.inq.PutFeedback(ctx, got.Account, req)
	if err != nil {
		return nil, err
	}
	return &PutComplianceInquiryFeedbackOutput{SubmittedAt: f.SubmittedAt}, nil
}

// The administrative side of compliance inquiries: what AWS's service
// does behind the operations (processing on its schedule, its experts'
// human review). These calls need no caller and are recorded under
// ServicePrincipal.

// AdvanceComplianceInquiries takes every processing step due at the
// service's clock, of every account's inquiries (answering their
// questions, asking again for pending answers, completing human reviews
// whose time has come), and returns how many inquiries changed. A host
// calls it on its own schedule; reading an inquiry also moves it on.
func (s *Service) AdvanceComplianceInquiries(ctx context.Context) (int, error) {
	k := s.internal("AdvanceComplianceInquiries", "")
	n, err := s.inq.Advance(ctx)
	return n, k.end(ctx, err)
}

// ProcessComplianceInquiry answers the questions of an account's inquiry
// now, whether or not its processing is due, and returns it.
func (s *Service) ProcessComplianceInquiry(ctx context.Context, account aws.AccountID, id inquiry.ID) (inquiry.Inquiry, error) {
	k := s.internal("ProcessComplianceInquiry", s.inquiryARN(account, string(id)), auditParams("complianceInquiryId", string(id))...)
	k.about(ResourceTypeComplianceInquiry, string(id))
	got, err := s.inq.Process(ctx, account, id)
	return got, k.end(ctx, err)
}

// ReviewComplianceInquiryQuery records a human reviewer's answer to query
// n of an account's FULL_SUPPORT inquiry in HUMAN_REVIEW: a new version of
// its response, reviewed by a HUMAN (see inquiry.Assistant.Review).
func (s *Service) ReviewComplianceInquiryQuery(ctx context.Context, account aws.AccountID, id inquiry.ID, n int, r inquiry.Revision) (inquiry.Query, error) {
	k := s.internal("ReviewComplianceInquiryQuery", s.inquiryARN(account, string(id)),
		auditParams("complianceInquiryId", string(id), "queryIdentifier", strconv.Itoa(n))...)
	k.about(ResourceTypeComplianceInquiry, string(id))
	q, err := s.inq.Review(ctx, account, id, n, r)
	return q, k.end(ctx, err)
}

// CompleteComplianceInquiryReview completes the human review of an
// account's inquiry in HUMAN_REVIEW: the drafts not yet reviewed are
// approved as they stand, and the inquiry is COMPLETED.
func (s *Service) CompleteComplianceInquiryReview(ctx context.Context, account aws.AccountID, id inquiry.ID) (inquiry.Inquiry, error) {
	k := s.internal("CompleteComplianceInquiryReview", s.inquiryARN(account, string(id)), auditParams("complianceInquiryId", string(id))...)
	k.about(ResourceTypeComplianceInquiry, string(id))
	got, err := s.inq.CompleteReview(ctx, account, id)
	return got, k.end(ctx, err)
}
