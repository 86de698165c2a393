package inquiry

import (
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Inquiry is one compliance inquiry: AWS's InquiryDetail (of which
// InquirySummary is a part) with its tags, plus what the library keeps to
// run it (the questionnaire's digest, the client token, the next step's
// instant, the reason of a failure).
//
// Inquiry values are plain data. The Assistant and its Store copy them in
// and out: changing an Inquiry you passed in or got back changes nothing
// stored.
type Inquiry struct {
	// ID is "compliance-inquiry-" and 16 letters or digits.
	ID ID
	// ARN is arn:<partition>:artifact:<region>:<account>:compliance-inquiry/<id>.
	ARN string
	// Account is the account that created it; only it sees the inquiry.
	Account aws.AccountID
	// Name is the inquiry's title.
	Name string
	// Status is AWS's InquiryStatus.
	Status Status
	// StatusMessage is AWS's sentence for the status.
	StatusMessage StatusMessage
	// InputSource says whether it was created from a query or a file.
	InputSource InputSource
	// SupportMode is AI_ONLY or FULL_SUPPORT.
	SupportMode SupportMode
	// CreatedAt is when the inquiry was created.
	CreatedAt time.Time
	// UpdatedAt is when its status or answers last changed (tagging does
	// not change it).
	UpdatedAt time.Time
	// Tags are the inquiry's tags.
	Tags Tags

	// FileSections are the sections (columns or sheets) of the file the
	// request asked to process; empty for all, and for TEXT inquiries.
	FileSections []string
	// File describes the questionnaire of a FILE inquiry; its contents
	// are not kept, only the questions read from them.
	File FileInfo
	// QueryCount counts the inquiry's queries.
	QueryCount int
	// Reason says, for an inquiry that FAILED, what went wrong (AWS's
	// StatusMessage says it only in general terms); for one still
	// PROCESSING, what it will fail with. Empty otherwise. It is the
	// package's own words, one of a fixed set when a host component (the
	// Answerer, the Scanner) failed, never that component's error text
	// (see WithFailureHandler). AWS's outputs do not carry it.
	Reason string
	// Fault is the message the inquiry will fail with when its processing
	// comes (a file that cannot be read, malware); empty when none.
	Fault StatusMessage
	// ClientToken is the idempotency token it was created with, if any.
	ClientToken string
	// RequestDigest is the SHA-256 of the request it was created by, to
	// tell a retry from a different request under the same token.
	RequestDigest aws.Digest
	// Due is when the inquiry's next processing step is due (answering
	// its queries, asking again for pending answers, completing its human
	// review); zero when nothing will happen on its own.
	Due time.Time
	// Seq counts the writes of the record from 1 (optimistic locking).
	Seq uint64
}

// FileInfo describes a questionnaire file.
type FileInfo struct {
	// Format is the format it was read as ("csv"), or what it was
	// recognized as when it could not be read ("xlsx", "zip", "ole",
	// "pdf", ...; see ReadQuestionnaire).
	Format string
	// Size is its length in bytes.
	Size int64
	// SHA256 is its digest.
	SHA256 aws.Digest
}

// Clone returns a copy of in that shares no memory with it.
func (in Inquiry) Clone() Inquiry {
	in.Tags = in.Tags.Clone()
	in.FileSections = slices.Clone(in.FileSections)
	return in
}

// ListKey is the key that orders an account's inquiries for listing:
// creation instant, then id. Stores order List by it and continue after
// it.
func (in Inquiry) ListKey() string { return ListKey(in.CreatedAt, in.ID) }

// ListKey returns the listing key of an inquiry created at t with id: the
// creation instant in nanoseconds, zero-padded so that keys sort as
// instants do, then the id.
func ListKey(t time.Time, id ID) string {
	n := t.UnixNano()
	if n < 0 {
		n = 0
	}
	s := strconv.FormatInt(n, 10)
	const width = 20
	b := make([]byte, 0, width+1+len(id))
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	b = append(b, s...)
	b = append(b, '/')
	b = append(b, id...)
	return string(b)
}

// Query is one question of an inquiry: AWS's QuerySummary, plus where in
// the file it came from.
type Query struct {
	// Identifier is AWS's queryIdentifier: the query's number within its
	// inquiry, from 1.
	Identifier int
	// Query is the question.
	Query string
	// Response is the current answer; empty until there is one.
	Response string
	// ReviewType says who produced the current response; empty until
	// there is one.
	ReviewType ReviewType
	// Citations support the response.
	Citations []Citation
	// Status is AWS's QueryStatus.
	Status QueryStatus
	// StatusMessage is AWS's sentence for the status.
	StatusMessage QueryStatusMessage
	// CreatedAt is when the query was created.
	CreatedAt time.Time
	// UpdatedResponseVersions are the versions the response has had,
	// oldest first: the first answer, then each edit of a human review.
	// The current response is the last; its revision (what feedback's
	// responseRevisionId names) is the list's length.
	UpdatedResponseVersions []ResponseVersion
	// Section is the section (column) of the file the question came
	// from; empty for a TEXT inquiry.
	Section string
	// Row is the line of the file its row starts on, from 1; 0 for a TEXT
	// inquiry.
	Row int
	// Reason says why a FAILED query failed, in the package's own words
	// as Inquiry.Reason does; empty otherwise.
	Reason string
}

// Revision returns the revision of the query's current response: the
// number of versions it has had, 0 before the first.
func (q Query) Revision() int { return len(q.UpdatedResponseVersions) }

// Clone returns a copy of q that shares no memory with it.
func (q Query) Clone() Query {
	q.Citations = slices.Clone(q.Citations)
	q.UpdatedResponseVersions = slices.Clone(q.UpdatedResponseVersions)
	return q
}

// Citation is AWS's Citation: a source that supports a response.
type Citation struct {
	// SourceLabel names the source (ShortString: 1 to 256 letters,
	// digits, white space, _ and -).
	SourceLabel string
	// SourceContent is what the source says (up to 2048 characters,
	// without < or >).
	SourceContent string
	// SourceLink locates the source, e.g. a report version's ARN (up to
	// 2048 characters, without < or >).
	SourceLink string
}

// ResponseVersion is AWS's ResponseVersion: a response as it was at one
// instant.
type ResponseVersion struct {
	// ResponseText is the response as it was.
	ResponseText string
	// Timestamp is when it became the response.
	Timestamp time.Time
}

// Feedback is one principal's rating of a query's response, or of the
// whole inquiry (AWS's PutComplianceInquiryFeedback). A principal has one
// feedback per query; a new one replaces it.
type Feedback struct {
	// Account is the account of the inquiry rated.
	Account aws.AccountID
	// Inquiry is the id of the inquiry rated.
	Inquiry ID
	// QueryIdentifier is the query rated; 0 rates the inquiry as a whole.
	QueryIdentifier int
	// Principal is who rated it (an ARN).
	Principal string
	// Rating is THUMBS_UP or THUMBS_DOWN.
	Rating Rating
	// ReasonCodes say why, without repeats.
	ReasonCodes []ReasonCode
	// Comment is the principal's comment; empty for none.
	Comment string
	// ResponseRevision is the revision of the response rated (see
	// Query.Revision); 0 for the inquiry as a whole.
	ResponseRevision int
	// ClientToken is the idempotency token it was put with, if any.
	ClientToken string
	// RequestDigest is the SHA-256 of the request it was put by.
	RequestDigest aws.Digest
	// SubmittedAt is AWS's submittedAt.
	SubmittedAt time.Time
}

// Clone returns a copy of f that shares no memory with it.
func (f Feedback) Clone() Feedback {
	f.ReasonCodes = slices.Clone(f.ReasonCodes)
	return f
}

// Limits of AWS's string shapes.
const (
	// MaxLongString is the longest LongStringAttribute: a query, a
	// response, a citation's content or link.
	MaxLongString = 2048
	// MaxShortString is the longest ShortStringAttribute: a file section,
	// a citation's label.
	MaxShortString = 256
	// MaxFileSections is the most sections a request names.
	MaxFileSections = 30
	// MaxClientToken is the longest client token.
	MaxClientToken = 128
	// MaxComment is the longest feedback comment.
	MaxComment = 1000
)

// runeLen is the length of s in characters, as AWS's length constraints
// count them.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// checkLongString returns why s is not a LongStringAttribute (1 to 2048
// characters, no < or >), or "".
func checkLongString(s string) string {
	switch {
	case s == "":
		return "is empty"
	case !utf8.ValidString(s):
		return "is not valid UTF-8"
	case runeLen(s) > MaxLongString:
		return "is longer than 2048 characters"
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '<' || s[i] == '>' {
			return "holds < or >"
		}
	}
	return ""
}

// checkShortString returns why s is not a ShortStringAttribute (1 to 256
// letters, digits, white space, _ and -), or "".
func checkShortString(s string) string {
	return checkPattern(s, MaxShortString, func(c byte) bool {
		return isAlnum(c) || c == '_' || c == '-' || isSpace(c)
	}, "ASCII letters, digits, white space, _ and -")
}

// isSpace reports whether c is white space as the \s of AWS's patterns
// is: they are Java regular expressions, whose \s matches the six ASCII
// spaces (space, \t, \n, \v, \f, \r) and no other character, as their
// [a-zA-Z0-9] match only ASCII letters and digits. So a character outside
// ASCII is outside every pattern of the package.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// checkClientToken returns why s is not an IdempotentClientToken (1 to 128
// word characters or -), or "".
func checkClientToken(s string) string {
	return checkPattern(s, MaxClientToken, func(c byte) bool {
		return isAlnum(c) || c == '_' || c == '-'
	}, "ASCII letters, digits, _ and -")
}

// checkComment returns why s is not a FeedbackCommentAttribute (1 to 1000
// of letters, digits, white space and . , ; : ! ? ' - ( ) / @ # & + =),
// or "".
func checkComment(s string) string {
	return checkPattern(s, MaxComment, func(c byte) bool {
		if isAlnum(c) || isSpace(c) {
			return true
		}
		switch c {
		case '.', ',', ';', ':', '!', '?', '\'', '-', '(', ')', '/', '@', '#', '&', '+', '=':
			return true
		}
		return false
	}, "ASCII letters, digits, white space and . , ; : ! ? ' - ( ) / @ # & + =")
}

// checkPattern returns why s is not 1 to max characters that ok accepts
// (set names them), or "". The characters are checked first: every
// character ok accepts is ASCII, so once they pass, a length in bytes is a
// length in characters, and a string of other characters is refused for
// them, whatever its length.
func checkPattern(s string, max int, ok func(byte) bool, set string) string {
	if s == "" {
		return "is empty"
	}
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return "holds a character outside " + set
		}
	}
	if len(s) > max {
		return "is longer than " + strconv.Itoa(max) + " characters"
	}
	return ""
}

// validCitation returns why c is not a Citation AWS's model can carry, or
// "".
func validCitation(c Citation) string {
	if c.SourceLabel != "" {
		if msg := checkShortString(c.SourceLabel); msg != "" {
			return "sourceLabel " + msg
		}
	}
	if c.SourceContent != "" {
		if msg := checkLongString(c.SourceContent); msg != "" {
			return "sourceContent " + msg
		}
	}
	if c.SourceLink != "" {
		if msg := checkLongString(c.SourceLink); msg != "" {
			return "sourceLink " + msg
		}
	}
	return ""
}
