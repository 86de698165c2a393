package inquiry

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// An Answerer answers the questions of compliance inquiries. The host
// plugs in its own (an AI service, a human review queue, a knowledge base)
// with WithAnswerer; the default, NewKnowledgeAnswerer, answers from what
// the library knows.
//
// Answer is called with the questions of one inquiry still waiting for an
// answer, and returns one Answer per question, in the same order. It is
// called when the inquiry's processing is due (see the package
// documentation), never from a goroutine of the package's own. An error
// fails the whole inquiry with MsgInternalError; a context error leaves it
// as it was, to be processed again. Answer may be called again with the
// same questions when a concurrent write to the inquiry wins the race to
// store its answers.
type Answerer interface {
	// Answer returns one Answer per question of b, in order, or an error.
	Answer(ctx context.Context, b Batch) ([]Answer, error)
}

// AnswererFunc adapts a function to an Answerer.
type AnswererFunc func(ctx context.Context, b Batch) ([]Answer, error)

// Answer calls f.
func (f AnswererFunc) Answer(ctx context.Context, b Batch) ([]Answer, error) { return f(ctx, b) }

// Batch is the questions of one inquiry that wait for an answer.
type Batch struct {
	// Account is the account that asked.
	Account aws.AccountID
	// Inquiry is the inquiry's id.
	Inquiry ID
	// Name is the inquiry's title.
	Name string
	// SupportMode says whether the answers will be reviewed by humans.
	SupportMode SupportMode
	// At is the instant of the processing: what the answers are as of.
	At time.Time
	// Questions are the questions, by identifier.
	Questions []Question
}

// Question is one question to answer.
type Question struct {
	// Identifier is the query's identifier within its inquiry.
	Identifier int
	// Text is the question.
	Text string
	// Section is the section of the file it came from; empty for a TEXT
	// inquiry.
	Section string
}

// Answer is an Answerer's answer to one question.
type Answer struct {
	// Response is the answer: 1 to 2048 characters without < or >.
	Response string
	// Citations support it (see Citation for their limits).
	Citations []Citation
	// ReviewType says who answered; AI when empty.
	ReviewType ReviewType
	// Pending says the answer is not ready yet (a human review queue):
	// the query stays PROCESSING and is asked again after the
	// Assistant's poll interval. The other fields are ignored.
	Pending bool
	// Restricted says the question holds restricted or unsupported
	// content: the query FAILS with QueryMsgRestricted.
	Restricted bool
	// Err fails the query alone with QueryMsgInternalError.
	Err error
}

// A Scanner checks an uploaded questionnaire for malware before it is
// read. The host plugs in its own with WithScanner; the default,
// EICARScanner, flags the EICAR anti-virus test file.
type Scanner interface {
	// Scan reports whether content holds malware. An error fails the
	// inquiry with MsgInternalError.
	Scan(ctx context.Context, content []byte) (malware bool, err error)
}

// ScannerFunc adapts a function to a Scanner.
type ScannerFunc func(ctx context.Context, content []byte) (bool, error)

// Scan calls f.
func (f ScannerFunc) Scan(ctx context.Context, content []byte) (bool, error) { return f(ctx, content) }

// eicar is the EICAR anti-virus test string, which every scanner flags.
const eicar = `X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`

// EICARScanner returns the default Scanner: it flags a file that holds the
// EICAR anti-virus test string, as every real scanner does, so that tests
// can produce AWS's malware answer; it finds nothing else.
func EICARScanner() Scanner {
	return ScannerFunc(func(_ context.Context, content []byte) (bool, error) {
		return bytes.Contains(content, []byte(eicar)), nil
	})
}

// The fixed reasons an inquiry or a query records for a failure of a host
// component: they say which component failed, never its error's text.
const (
	reasonScanFailed     = "the malware scan failed"
	reasonMalware        = "the malware scan flagged the file"
	reasonAnswererFailed = "the answerer failed"
	reasonAnswerFailed   = "the answerer failed on this query"
	reasonRestricted     = "the answerer found restricted or unsupported content"
)

// FailureError is a failure of a host component (the Answerer, the
// Scanner) that made an inquiry, or one of its queries, FAIL. The inquiry
// or query records only Reason; the component's error stays here, for
// the host alone (WithFailureHandler), matchable with errors.Is and
// errors.As through Unwrap.
type FailureError struct {
	// Account is the account of the inquiry that failed.
	Account aws.AccountID
	// Inquiry is the id of the inquiry that failed.
	Inquiry ID
	// Query is the query that failed; 0 when the inquiry as a whole did.
	Query int
	// Reason is the fixed reason the inquiry or query records.
	Reason string
	// Err is the component's error.
	Err error
}

// Error says which inquiry (and query) failed, why, and the component's
// error.
func (e *FailureError) Error() string {
	if e.Query > 0 {
		return fmt.Sprintf("inquiry: compliance inquiry %s, query %d: %s: %v", e.Inquiry, e.Query, e.Reason, e.Err)
	}
	return fmt.Sprintf("inquiry: compliance inquiry %s: %s: %v", e.Inquiry, e.Reason, e.Err)
}

// Unwrap returns the component's error.
func (e *FailureError) Unwrap() error { return e.Err }

// report tells the failure handler of failures of inquiry in, once it is
// stored.
func (a *Assistant) report(ctx context.Context, in Inquiry, failures ...*FailureError) {
	if a.failed == nil {
		return
	}
	for _, f := range failures {
		f.Account, f.Inquiry = in.Account, in.ID
		a.failed(ctx, f)
	}
}
