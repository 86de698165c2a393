package inquiry

import (
	"slices"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// InputSource is AWS's InputSource: what an inquiry was created from.
type InputSource string

// The input sources, with AWS's values.
const (
	// Text: a single query (inquiryContent.query).
	Text InputSource = "TEXT"
	// File: a questionnaire file (inquiryContent.fileContent).
	File InputSource = "FILE"
)

// IsValid reports whether s is TEXT or FILE.
func (s InputSource) IsValid() bool { return s == Text || s == File }

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (s InputSource) MarshalText() ([]byte, error) { return aws.MarshalEnum(s, "inputSource") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (s *InputSource) UnmarshalText(b []byte) error { return aws.UnmarshalEnum(s, b, "inputSource") }

// Status is AWS's InquiryStatus.
type Status string

// The inquiry statuses, with AWS's values. An inquiry starts PROCESSING
// and ends COMPLETED or FAILED; with FULL_SUPPORT it passes through
// HUMAN_REVIEW after its queries are answered.
const (
	Processing  Status = "PROCESSING"
	HumanReview Status = "HUMAN_REVIEW"
	Completed   Status = "COMPLETED"
	Failed      Status = "FAILED"
)

// IsValid reports whether s is one of AWS's inquiry statuses.
func (s Status) IsValid() bool {
	return s == Processing || s == HumanReview || s == Completed || s == Failed
}

// Done reports whether s is final: COMPLETED or FAILED.
func (s Status) Done() bool { return s == Completed || s == Failed }

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (s Status) MarshalText() ([]byte, error) { return aws.MarshalEnum(s, "status") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (s *Status) UnmarshalText(b []byte) error { return aws.UnmarshalEnum(s, b, "status") }

// StatusMessage is AWS's InquiryStatusMessage: an enumeration whose values
// are English sentences.
type StatusMessage string

// The inquiry status messages, AWS's exact sentences.
const (
	// MsgInProgress goes with PROCESSING.
	MsgInProgress StatusMessage = "Compliance inquiry processing is in-progress."
	// MsgHumanReview goes with HUMAN_REVIEW.
	MsgHumanReview StatusMessage = "Human review is in progress."
	// MsgComplete goes with COMPLETED when every query was answered.
	MsgComplete StatusMessage = "Compliance inquiry processing is complete."
	// MsgCompleteWithErrors goes with COMPLETED when one or more queries
	// failed.
	MsgCompleteWithErrors StatusMessage = "Compliance inquiry processing is complete. One or more queries encountered errors during processing."
	// MsgMalware goes with FAILED when the file's scan found malware.
	MsgMalware StatusMessage = "Malware was detected on the file. Provide a new file and try again."
	// MsgInternalError goes with FAILED for every other failure: a file
	// that cannot be read, an answerer that fails.
	MsgInternalError StatusMessage = "An internal error occurred while processing the inquiry. Try again at a later time."
)

var statusMessages = []StatusMessage{MsgComplete, MsgMalware, MsgInProgress, MsgInternalError, MsgHumanReview, MsgCompleteWithErrors}

// StatusMessages returns AWS's inquiry status messages, in the model's
// order.
func StatusMessages() []StatusMessage { return slices.Clone(statusMessages) }

// IsValid reports whether m is one of AWS's sentences.
func (m StatusMessage) IsValid() bool { return slices.Contains(statusMessages, m) }

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (m StatusMessage) MarshalText() ([]byte, error) { return aws.MarshalEnum(m, "statusMessage") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (m *StatusMessage) UnmarshalText(b []byte) error {
	return aws.UnmarshalEnum(m, b, "statusMessage")
}

// SupportMode is AWS's InquirySupportMode.
type SupportMode string

// The support modes, with AWS's values.
const (
	// AIOnly: answers are AI-generated (the default).
	AIOnly SupportMode = "AI_ONLY"
	// FullSupport: answers are reviewed by human experts before the
	// inquiry completes. Only for FILE inquiries.
	FullSupport SupportMode = "FULL_SUPPORT"
)

// IsValid reports whether m is AI_ONLY or FULL_SUPPORT.
func (m SupportMode) IsValid() bool { return m == AIOnly || m == FullSupport }

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (m SupportMode) MarshalText() ([]byte, error) { return aws.MarshalEnum(m, "supportMode") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (m *SupportMode) UnmarshalText(b []byte) error { return aws.UnmarshalEnum(m, b, "supportMode") }

// QueryStatus is AWS's QueryStatus.
type QueryStatus string

// The query statuses, with AWS's values.
const (
	QueryProcessing QueryStatus = "PROCESSING"
	QueryCompleted  QueryStatus = "COMPLETED"
	QueryFailed     QueryStatus = "FAILED"
)

// IsValid reports whether s is one of AWS's query statuses.
func (s QueryStatus) IsValid() bool {
	return s == QueryProcessing || s == QueryCompleted || s == QueryFailed
}

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (s QueryStatus) MarshalText() ([]byte, error) { return aws.MarshalEnum(s, "queryStatus") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (s *QueryStatus) UnmarshalText(b []byte) error { return aws.UnmarshalEnum(s, b, "queryStatus") }

// QueryStatusMessage is AWS's QueryStatusMessage: English sentences.
type QueryStatusMessage string

// The query status messages, AWS's exact sentences.
const (
	// QueryMsgComplete goes with COMPLETED.
	QueryMsgComplete QueryStatusMessage = "Query processing is complete."
	// QueryMsgInProgress goes with PROCESSING while the query is answered.
	QueryMsgInProgress QueryStatusMessage = "Query processing is in-progress."
	// QueryMsgPendingReview goes with PROCESSING once the query has a
	// draft answer waiting for human review (FULL_SUPPORT).
	QueryMsgPendingReview QueryStatusMessage = "Query is pending human review."
	// QueryMsgInternalError goes with FAILED when answering failed.
	QueryMsgInternalError QueryStatusMessage = "An internal error occurred while processing the query. Try again at a later time."
	// QueryMsgRestricted goes with FAILED when the question cannot be
	// answered: it holds restricted or unsupported content.
	QueryMsgRestricted QueryStatusMessage = "Query contains restricted or unsupported content."
)

var queryStatusMessages = []QueryStatusMessage{QueryMsgComplete, QueryMsgInProgress, QueryMsgInternalError, QueryMsgPendingReview, QueryMsgRestricted}

// QueryStatusMessages returns AWS's query status messages, in the model's
// order.
func QueryStatusMessages() []QueryStatusMessage { return slices.Clone(queryStatusMessages) }

// IsValid reports whether m is one of AWS's sentences.
func (m QueryStatusMessage) IsValid() bool { return slices.Contains(queryStatusMessages, m) }

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (m QueryStatusMessage) MarshalText() ([]byte, error) {
	return aws.MarshalEnum(m, "queryStatusMessage")
}

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (m *QueryStatusMessage) UnmarshalText(b []byte) error {
	return aws.UnmarshalEnum(m, b, "queryStatusMessage")
}

// ReviewType is AWS's ReviewType: who produced a query's current response.
type ReviewType string

// The review types, with AWS's values.
const (
	ReviewAI    ReviewType = "AI"
	ReviewHuman ReviewType = "HUMAN"
)

// IsValid reports whether t is AI or HUMAN.
func (t ReviewType) IsValid() bool { return t == ReviewAI || t == ReviewHuman }

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (t ReviewType) MarshalText() ([]byte, error) { return aws.MarshalEnum(t, "reviewType") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (t *ReviewType) UnmarshalText(b []byte) error { return aws.UnmarshalEnum(t, b, "reviewType") }

// Rating is AWS's FeedbackRating.
type Rating string

// The ratings, with AWS's values.
const (
	ThumbsUp   Rating = "THUMBS_UP"
	ThumbsDown Rating = "THUMBS_DOWN"
)

// IsValid reports whether r is THUMBS_UP or THUMBS_DOWN.
func (r Rating) IsValid() bool { return r == ThumbsUp || r == ThumbsDown }

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (r Rating) MarshalText() ([]byte, error) { return aws.MarshalEnum(r, "rating") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (r *Rating) UnmarshalText(b []byte) error { return aws.UnmarshalEnum(r, b, "rating") }

// ReasonCode is AWS's FeedbackReasonCode: why a response was rated so.
type ReasonCode string

// The reason codes, with AWS's values.
const (
	ReasonOther              ReasonCode = "OTHER"
	ReasonPartialResponse    ReasonCode = "PARTIAL_RESPONSE"
	ReasonIrrelevantResponse ReasonCode = "IRRELEVANT_RESPONSE"
)

// IsValid reports whether c is one of AWS's reason codes.
func (c ReasonCode) IsValid() bool {
	return c == ReasonOther || c == ReasonPartialResponse || c == ReasonIrrelevantResponse
}

// MarshalText implements encoding.TextMarshaler; it refuses unknown values.
func (c ReasonCode) MarshalText() ([]byte, error) { return aws.MarshalEnum(c, "reasonCode") }

// UnmarshalText implements encoding.TextUnmarshaler; it refuses unknown values.
func (c *ReasonCode) UnmarshalText(b []byte) error { return aws.UnmarshalEnum(c, b, "reasonCode") }
