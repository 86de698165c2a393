package inquiry

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Assistant runs compliance inquiries: it creates them, answers their
// questions through its Answerer when their processing is due, keeps their
// tags and feedback, and exports their answers. It is safe for concurrent
// use; its state lives in its Store, and a failed operation changes
// nothing. Build one with New.
type Assistant struct {
	store     Store
	now       func() time.Time
	rand      io.Reader // safe for concurrent use (aws.SerialReader)
	partition string
	region    string
	limits    Limits
	answerer  Answerer
	scanner   Scanner
	// failed is told each failure a host component caused; nil for none.
	failed func(context.Context, *FailureError)
	// processing is how long after its creation an inquiry's questions
	// are answered; review how long after its answers a FULL_SUPPORT
	// inquiry's human review completes on its own (0: only when
	// CompleteReview is called); poll how long before pending answers
	// are asked for again.
	processing, review, poll time.Duration
}

// An Option configures an Assistant.
type Option func(*Assistant)

// WithClock sets the clock inquiries are dated and processed by (default
// time.Now; nil keeps it).
func WithClock(now func() time.Time) Option {
	return func(a *Assistant) {
		if now != nil {
			a.now = now
		}
	}
}

// WithRand sets the source of randomness for inquiry ids (default
// crypto/rand.Reader; nil keeps it). Reads are serialized
// (aws.SerialReader), once for a reader that already is.
func WithRand(r io.Reader) Option {
	return func(a *Assistant) {
		if r != nil {
			a.rand = r
		}
	}
}

// WithPartition sets the AWS partition of inquiry ARNs (default "aws"; ""
// keeps it).
func WithPartition(p string) Option {
	return func(a *Assistant) {
		if p != "" {
			a.partition = p
		}
	}
}

// WithRegion sets the region of inquiry ARNs (default "us-east-1"; ""
// keeps it).
func WithRegion(r string) Option {
	return func(a *Assistant) {
		if r != "" {
			a.region = r
		}
	}
}

// WithLimits sets the limits on questionnaire files (default
// DefaultLimits; zero fields keep their defaults).
func WithLimits(l Limits) Option { return func(a *Assistant) { a.limits = l.withDefaults() } }

// WithAnswerer sets who answers the questions (default: an Answerer that
// answers that nothing is known, which the artifact service replaces with
// NewKnowledgeAnswerer over its catalogs; nil keeps it).
func WithAnswerer(ans Answerer) Option {
	return func(a *Assistant) {
		if ans != nil {
			a.answerer = ans
		}
	}
}

// WithScanner sets the malware scanner of uploaded files (default
// EICARScanner; nil keeps it).
func WithScanner(s Scanner) Option {
	return func(a *Assistant) {
		if s != nil {
			a.scanner = s
		}
	}
}

// WithFailureHandler sets a function told of every failure of a host
// component (the Answerer, the Scanner) that made an inquiry or one of its
// queries FAIL, once the failure is stored (default none; nil keeps it).
// The inquiry and query record only a fixed Reason, which says which
// component failed and never its error's text, so that nothing of the
// host (an address, a credential) reaches the account that asked; the
// handler gets the error itself, as a *FailureError, to log it or match
// it with errors.Is and errors.As. It is called on the goroutine that
// took the processing step, and must not call back into the Assistant for
// the same inquiry.
func WithFailureHandler(h func(context.Context, *FailureError)) Option {
	return func(a *Assistant) {
		if h != nil {
			a.failed = h
		}
	}
}

// WithProcessingTime sets how long after its creation an inquiry's
// processing is due (default 0: at the first look after its creation).
// Processing happens when it is due and the inquiry is read, or when
// Advance or Process is called; never on a timer. A negative duration is
// an error of New.
func WithProcessingTime(d time.Duration) Option { return func(a *Assistant) { a.processing = d } }

// WithReviewTime sets how long a FULL_SUPPORT inquiry stays in
// HUMAN_REVIEW before its review completes on its own, with the answers
// as they stand (default 0: the review completes only when CompleteReview
// is called). A negative duration is an error of New.
func WithReviewTime(d time.Duration) Option { return func(a *Assistant) { a.review = d } }

// WithPollInterval sets how long an Answerer's pending answers wait before
// they are asked for again (default one minute; 0 keeps it). A negative
// duration is an error of New.
func WithPollInterval(d time.Duration) Option {
	return func(a *Assistant) {
		if d != 0 {
			a.poll = d
		}
	}
}

// New returns an Assistant keeping its inquiries in store. A nil store is
// a programming error: New panics. It fails with a *ValidationError for an
// option it cannot use (an unknown partition or region, a negative
// duration).
func New(store Store, opts ...Option) (*Assistant, error) {
	if store == nil {
		panic("inquiry: New with a nil Store")
	}
	a := &Assistant{store: store, now: time.Now, rand: rand.Reader, partition: "aws", region: "us-east-1",
		limits: DefaultLimits(), scanner: EICARScanner(), poll: time.Minute}
	a.answerer = AnswererFunc(unknownAnswers)
	for _, o := range opts {
		o(a)
	}
	a.rand = aws.SerialReader(a.rand)
	var fe aws.ValidationError
	if err := aws.ValidateRegion(a.partition, a.region); err != nil {
		fe.Add("options", "%v", err)
	}
	if a.processing < 0 || a.review < 0 || a.poll < 0 {
		fe.Add("options", "processing, review and poll times must not be negative")
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return a, nil
}

// unknownAnswers is the Answerer of an Assistant given none.
func unknownAnswers(_ context.Context, b Batch) ([]Answer, error) {
	out := make([]Answer, len(b.Questions))
	for i := range out {
		out[i] = Answer{Response: noAnswer}
	}
	return out, nil
}

// clock returns the clock's reading in UTC.
func (a *Assistant) clock() time.Time { return a.now().UTC() }

// Limits returns the Assistant's limits.
func (a *Assistant) Limits() Limits { return a.limits }

// ARN returns the ARN of the account's inquiry id.
func (a *Assistant) ARN(account aws.AccountID, id ID) string {
	return aws.ComplianceInquiryARN{Partition: a.partition, Region: a.region, Account: account, ComplianceInquiryID: string(id)}.String()
}

// CreateInput is a request to create an inquiry (AWS's
// CreateComplianceInquiry). Exactly one of Query and File is set (AWS's
// inquiryContent union).
type CreateInput struct {
	// Name is the inquiry's title; required.
	Name string
	// Query is a single question (inquiryContent.query): 1 to 2048
	// characters without < or >.
	Query string
	// File is a questionnaire (inquiryContent.fileContent).
	File *FileContent
	// ClientToken makes the request idempotent for the account: 1 to 128
	// letters, digits, _ and -; empty for none.
	ClientToken string
	// SupportMode is AI_ONLY (the default when empty) or FULL_SUPPORT,
	// which only a FILE inquiry may ask for.
	SupportMode SupportMode
	// Tags are the inquiry's tags.
	Tags Tags
}

// FileContent is AWS's InquiryFileContent.
type FileContent struct {
	// Sections are the sections (columns) to process: at most 30, each 1
	// to 256 letters, digits, white space, _ and -. Empty for the
	// default question column.
	Sections []string
	// Content is the file.
	Content []byte
}

// Validate checks the request's fields as AWS's model states them, within
// the limits lim (zero fields take their defaults): a *ValidationError
// naming each bad field, or nil. Create validates too; a service calls
// Validate first to refuse a malformed request before it authorizes it.
func (in *CreateInput) Validate(lim Limits) error {
	lim = lim.withDefaults()
	var fe aws.ValidationError
	if in.Name == "" {
		// AWS's InquiryName is a string with no other constraint: the
		// library invents none.
		fe.Add("name", "is required")
	}
	switch {
	case in.Query != "" && in.File != nil:
		fe.Add("inquiryContent", "set exactly one of query and fileContent, not both")
	case in.Query == "" && in.File == nil:
		fe.Add("inquiryContent", "set exactly one of query and fileContent")
	case in.File != nil:
		if in.File.Content == nil {
			fe.Add("inquiryContent.fileContent.content", "is required")
		}
		if len(in.File.Content) > lim.MaxFileBytes {
			fe.Add("inquiryContent.fileContent.content", "is larger than %d bytes", lim.MaxFileBytes)
		}
		if len(in.File.Sections) > MaxFileSections {
			fe.Add("inquiryContent.fileContent.fileSections", "%d sections; at most %d", len(in.File.Sections), MaxFileSections)
		}
		for _, s := range in.File.Sections {
			if msg := checkShortString(s); msg != "" {
				fe.Add("inquiryContent.fileContent.fileSections", "%q %s", aws.Clip(s), msg)
			}
		}
	default:
		if msg := checkLongString(in.Query); msg != "" {
			fe.Add("inquiryContent.query", "%s", msg)
		}
	}
	if in.ClientToken != "" {
		if msg := checkClientToken(in.ClientToken); msg != "" {
			fe.Add("clientToken", "%s", msg)
		}
	}
	switch {
	case in.SupportMode != "" && !in.SupportMode.IsValid():
		fe.Add("supportMode", "%q is not AI_ONLY or FULL_SUPPORT", aws.Clip(string(in.SupportMode)))
	case in.SupportMode == FullSupport && in.File == nil:
		fe.Add("supportMode", "FULL_SUPPORT is only supported for file content")
	}
	fe.Merge(ValidateTags("tags", in.Tags))
	return fe.Err()
}

// digest is the SHA-256 of the request, to tell a retry under a client
// token from a different request: its name, support mode, content (a
// query, or a file and its sections) and tags.
func (in *CreateInput) digest() aws.Digest {
	d := newRequestDigest()
	d.string(in.Name)
	d.string(string(in.supportMode()))
	if in.File != nil {
		d.string("file")
		d.bytes(in.File.Content)
		d.strings(in.File.Sections)
	} else {
		d.string("query")
		d.string(in.Query)
	}
	d.tags(in.Tags)
	return d.sum()
}

func (in *CreateInput) supportMode() SupportMode {
	if in.SupportMode == "" {
		return AIOnly
	}
	return in.SupportMode
}

// maxInsertAttempts bounds the retries of an insert whose random id is
// taken.
const maxInsertAttempts = 8

// Create creates an inquiry for account and returns it PROCESSING, with
// replay false. Its questions are answered when its processing is due (see
// WithProcessingTime). A FILE inquiry's file is scanned and read now; a
// file that is malware, or that cannot be read, makes the inquiry FAIL
// when its processing comes, with AWS's message for it (and Reason saying
// why).
//
// When in.ClientToken was used by the account before, Create returns the
// inquiry created then, as it stands now, with replay true, if the request
// is the same, and ErrTokenReused if it differs.
func (a *Assistant) Create(ctx context.Context, account aws.AccountID, in CreateInput) (_ Inquiry, replay bool, _ error) {
	if !account.IsValid() {
		return Inquiry{}, false, aws.InvalidField("account", "%q is not 12 digits", aws.Clip(string(account)))
	}
	if err := in.Validate(a.limits); err != nil {
		return Inquiry{}, false, err
	}
	digest := in.digest()
	if in.ClientToken != "" {
		prev, err := a.store.ByClientToken(ctx, account, in.ClientToken)
		if err == nil {
			return a.replay(ctx, prev, digest)
		}
		if !errors.Is(err, ErrNotFound) {
			return Inquiry{}, false, err
		}
	}
	now := a.clock()
	inq := Inquiry{
		Account: account, Name: in.Name, Status: Processing, StatusMessage: MsgInProgress,
		SupportMode: in.supportMode(), CreatedAt: now, UpdatedAt: now, Tags: in.Tags.Clone(),
		ClientToken: in.ClientToken, RequestDigest: digest, Due: now.Add(a.processing),
	}
	var (
		queries []Query
		failure *FailureError
	)
	if in.File == nil {
		inq.InputSource = Text
		queries = []Query{{Identifier: 1, Query: in.Query, Status: QueryProcessing, StatusMessage: QueryMsgInProgress, CreatedAt: now}}
	} else {
		inq.InputSource = File
		inq.FileSections = slices.Clone(in.File.Sections)
		var err error
		if queries, failure, err = a.readFile(ctx, &inq, in.File, now); err != nil {
			return Inquiry{}, false, err
		}
	}
	inq.QueryCount = len(queries)
	for attempt := 1; ; attempt++ {
		id, err := a.newID()
		if err != nil {
			return Inquiry{}, false, err
		}
		inq.ID = id
		inq.ARN = a.ARN(account, inq.ID)
		out, err := a.store.Insert(ctx, inq, queries)
		if err == nil {
			if failure != nil {
				a.report(ctx, out, failure)
			}
			return out, false, nil
		}
		if !errors.Is(err, ErrExists) || attempt == maxInsertAttempts {
			return Inquiry{}, false, err
		}
		if in.ClientToken != "" {
			// Another request with the same token won the race.
			if prev, err := a.store.ByClientToken(ctx, account, in.ClientToken); err == nil {
				return a.replay(ctx, prev, digest)
			}
		}
	}
}

// replay returns prev, as it stands now (processed up to the clock), when
// it was created by the request whose digest is d, and ErrTokenReused
// otherwise.
func (a *Assistant) replay(ctx context.Context, prev Inquiry, d aws.Digest) (Inquiry, bool, error) {
	if prev.RequestDigest != d {
		return Inquiry{}, false, &ReuseError{ID: prev.ID}
	}
	cur, err := a.Settle(ctx, prev)
	if err != nil {
		return Inquiry{}, false, err
	}
	return cur, true, nil
}

// readFile scans and reads a questionnaire into queries. A file that is
// malware or unreadable gives no queries and sets the inquiry's Fault; a
// scanner that fails does too, and returns its *FailureError (to report
// once the inquiry is stored). The error is ctx's.
func (a *Assistant) readFile(ctx context.Context, inq *Inquiry, f *FileContent, now time.Time) ([]Query, *FailureError, error) {
	inq.File = FileInfo{Format: sniffFormat(f.Content), Size: int64(len(f.Content)), SHA256: sha256.Sum256(f.Content)}
	malware, err := a.scanner.Scan(ctx, f.Content)
	switch {
	case ctx.Err() != nil:
		return nil, nil, ctx.Err()
	case err != nil:
		inq.Fault, inq.Reason = MsgInternalError, reasonScanFailed
		return nil, &FailureError{Reason: reasonScanFailed, Err: err}, nil
	case malware:
		inq.Fault, inq.Reason = MsgMalware, reasonMalware
		return nil, nil, nil
	}
	q, err := ReadQuestionnaire(f.Content, f.Sections, a.limits)
	if err != nil {
		// The reader's words, about the account's own file.
		inq.Fault, inq.Reason = MsgInternalError, err.Error()
		return nil, nil, nil
	}
	queries := make([]Query, len(q.Items))
	for i, it := range q.Items {
		queries[i] = Query{Identifier: i + 1, Query: it.Text, Status: QueryProcessing, StatusMessage: QueryMsgInProgress,
			CreatedAt: now, Section: it.Section, Row: it.Row}
		if msg := checkLongString(it.Text); msg != "" {
			// AWS's model cannot carry the question as it is: it is kept
			// within the model's shape, and fails as restricted content.
			queries[i].Query = carriable(it.Text)
			queries[i].Status, queries[i].StatusMessage = QueryFailed, QueryMsgRestricted
			queries[i].Reason = "the question " + msg
		}
	}
	return queries, nil, nil
}

// carriable returns s within the shape of a LongStringAttribute: at most
// 2048 characters, with < and > replaced by ‹ and ›.
func carriable(s string) string {
	out := make([]rune, 0, min(len(s), MaxLongString))
	for _, r := range s {
		if len(out) == MaxLongString {
			break
		}
		switch r {
		case '<':
			r = '‹'
		case '>':
			r = '›'
		}
		out = append(out, r)
	}
	return string(out)
}

// newID returns a new inquiry id (aws.NewID), drawn from the Assistant's
// source of randomness.
func (a *Assistant) newID() (ID, error) {
	id, err := aws.NewID(a.rand, idPrefix, idSuffixLen)
	if err != nil {
		return "", fmt.Errorf("inquiry: %w", err)
	}
	return ID(id), nil
}

// Peek returns the account's inquiry id as stored, without processing it.
// Authorization reads an inquiry's tags with Peek; reads that answer the
// caller use Get.
func (a *Assistant) Peek(ctx context.Context, account aws.AccountID, id ID) (Inquiry, error) {
	if _, err := ParseID(string(id)); err != nil {
		return Inquiry{}, err
	}
	return a.store.Get(ctx, account, id)
}

// Get returns the account's inquiry id, processed up to the clock's
// reading (see Settle).
func (a *Assistant) Get(ctx context.Context, account aws.AccountID, id ID) (Inquiry, error) {
	in, err := a.Peek(ctx, account, id)
	if err != nil {
		return Inquiry{}, err
	}
	return a.Settle(ctx, in)
}

// Settle brings in up to the clock's reading: when its next processing
// step is due, the step is taken and stored. It returns the inquiry as
// stored afterwards (in itself when nothing was due).
func (a *Assistant) Settle(ctx context.Context, in Inquiry) (Inquiry, error) {
	if in.Due.IsZero() || in.Due.After(a.clock()) {
		return in, nil
	}
	return a.advance(ctx, in.Account, in.ID, false)
}

// List returns up to limit (1 or more) of the account's inquiries after
// the listing key after ("" for the first page), oldest first, each
// processed up to the clock's reading, and the key to continue after (""
// after the last).
func (a *Assistant) List(ctx context.Context, account aws.AccountID, after string, limit int) ([]Inquiry, string, error) {
	if limit < 1 {
		return nil, "", aws.InvalidField("maxResults", "must be at least 1")
	}
	list, next, err := a.store.List(ctx, account, after, limit)
	if err != nil {
		return nil, "", err
	}
	for i := range list {
		if list[i], err = a.Settle(ctx, list[i]); err != nil {
			return nil, "", err
		}
	}
	return list, next, nil
}

// ListStored is List without processing: the account's inquiries as
// stored, for a reader that must change nothing.
func (a *Assistant) ListStored(ctx context.Context, account aws.AccountID, after string, limit int) ([]Inquiry, string, error) {
	if limit < 1 {
		return nil, "", aws.InvalidField("maxResults", "must be at least 1")
	}
	return a.store.List(ctx, account, after, limit)
}

// Queries returns up to limit of the queries of the account's inquiry id
// whose identifier is after after, by identifier, and the identifier to
// continue after (0 after the last). It does not process the inquiry:
// Settle it first.
func (a *Assistant) Queries(ctx context.Context, account aws.AccountID, id ID, after, limit int) ([]Query, int, error) {
	if limit < 1 {
		return nil, 0, aws.InvalidField("maxResults", "must be at least 1")
	}
	return a.store.Queries(ctx, account, id, after, limit)
}

// Advance takes every processing step due at the clock's reading, of
// every account's inquiries, and returns how many inquiries it changed.
// It is the explicit way to move processing on (a host's scheduler calls
// it); reads move it on for the inquiries they read.
func (a *Assistant) Advance(ctx context.Context) (int, error) {
	changed := 0
	seen := map[ID]bool{}
	for {
		due, err := a.store.Due(ctx, a.clock(), 64)
		if err != nil {
			return changed, err
		}
		progress := false
		for _, in := range due {
			if seen[in.ID] {
				continue
			}
			seen[in.ID] = true
			progress = true
			if _, err := a.advance(ctx, in.Account, in.ID, false); err != nil {
				return changed, err
			}
			changed++
		}
		if !progress {
			return changed, nil
		}
	}
}

// Process answers the questions of the account's inquiry id now, whether
// or not its processing is due, and returns it. An inquiry that is not
// PROCESSING is returned as it is.
func (a *Assistant) Process(ctx context.Context, account aws.AccountID, id ID) (Inquiry, error) {
	if _, err := ParseID(string(id)); err != nil {
		return Inquiry{}, err
	}
	return a.advance(ctx, account, id, true)
}

// maxUpdateAttempts bounds the retries of a write that keeps meeting
// concurrent writes.
const maxUpdateAttempts = 8

// advance takes the inquiry's due processing step (any PROCESSING step
// when force), retrying on a concurrent write.
func (a *Assistant) advance(ctx context.Context, account aws.AccountID, id ID, force bool) (Inquiry, error) {
	for attempt := 1; ; attempt++ {
		in, err := a.store.Get(ctx, account, id)
		if err != nil {
			return Inquiry{}, err
		}
		now := a.clock()
		due := !in.Due.IsZero() && !in.Due.After(now)
		if !due && !(force && in.Status == Processing) {
			return in, nil
		}
		next, queries, failures, err := a.step(ctx, in, now)
		if err != nil {
			return Inquiry{}, err
		}
		out, err := a.store.Update(ctx, next, queries)
		if err == nil {
			a.report(ctx, out, failures...)
			return out, nil
		}
		if !errors.Is(err, ErrConflict) || attempt == maxUpdateAttempts {
			return Inquiry{}, err
		}
	}
}

// step returns the inquiry and the queries changed by its next processing
// step at now, and the failures of host components it met (to report once
// the step is stored).
func (a *Assistant) step(ctx context.Context, in Inquiry, now time.Time) (Inquiry, []Query, []*FailureError, error) {
	in.UpdatedAt = now
	if in.Status == HumanReview {
		qs, _, err := a.store.Queries(ctx, in.Account, in.ID, 0, 0)
		if err != nil {
			return Inquiry{}, nil, nil, err
		}
		next, changed := finishReview(in, qs, now)
		return next, changed, nil, nil
	}
	if in.Status != Processing {
		in.Due = time.Time{}
		return in, nil, nil, nil
	}
	if in.Fault != "" {
		in.Status, in.StatusMessage, in.Fault, in.Due = Failed, in.Fault, "", time.Time{}
		return in, nil, nil, nil
	}
	qs, _, err := a.store.Queries(ctx, in.Account, in.ID, 0, 0)
	if err != nil {
		return Inquiry{}, nil, nil, err
	}
	var waiting []int // indexes into qs
	for i := range qs {
		if qs[i].Status == QueryProcessing && qs[i].Revision() == 0 {
			waiting = append(waiting, i)
		}
	}
	changed := map[int]bool{}
	var failures []*FailureError
	if len(waiting) > 0 {
		b := Batch{Account: in.Account, Inquiry: in.ID, Name: in.Name, SupportMode: in.SupportMode, At: now, Questions: make([]Question, len(waiting))}
		for j, i := range waiting {
			b.Questions[j] = Question{Identifier: qs[i].Identifier, Text: qs[i].Query, Section: qs[i].Section}
		}
		answers, err := a.answerer.Answer(ctx, b)
		if cerr := ctx.Err(); cerr != nil {
			return Inquiry{}, nil, nil, cerr
		}
		reason := reasonAnswererFailed
		if err == nil && len(answers) != len(waiting) {
			reason = fmt.Sprintf("the answerer gave %d answers to %d questions", len(answers), len(waiting))
			err = errors.New(reason)
		}
		if err != nil {
			in.Status, in.StatusMessage, in.Due, in.Reason = Failed, MsgInternalError, time.Time{}, reason
			for _, i := range waiting {
				qs[i].Status, qs[i].StatusMessage, qs[i].Reason = QueryFailed, QueryMsgInternalError, reason
				changed[i] = true
			}
			return in, pick(qs, changed), []*FailureError{{Reason: reason, Err: err}}, nil
		}
		for j, i := range waiting {
			if applyAnswer(&qs[i], answers[j], in.SupportMode, now) {
				changed[i] = true
				if e := answers[j].Err; e != nil && !answers[j].Pending && !answers[j].Restricted {
					failures = append(failures, &FailureError{Query: qs[i].Identifier, Reason: reasonAnswerFailed, Err: e})
				}
			}
		}
	}
	pending, review := false, false
	for i := range qs {
		if qs[i].Status != QueryProcessing {
			continue
		}
		if qs[i].Revision() == 0 {
			pending = true
		} else {
			review = true
		}
	}
	switch {
	case pending:
		in.Due = now.Add(a.poll)
	case review:
		in.Status, in.StatusMessage, in.Due = HumanReview, MsgHumanReview, time.Time{}
		if a.review > 0 {
			in.Due = now.Add(a.review)
		}
	default:
		complete(&in, qs)
	}
	return in, pick(qs, changed), failures, nil
}

// pick returns the queries whose indexes are marked, in order.
func pick(qs []Query, marked map[int]bool) []Query {
	var out []Query
	for i := range qs {
		if marked[i] {
			out = append(out, qs[i])
		}
	}
	return out
}

// applyAnswer records answer a on q at now, and reports whether q changed.
func applyAnswer(q *Query, a Answer, mode SupportMode, now time.Time) bool {
	switch {
	case a.Pending:
		return false
	case a.Restricted:
		q.Status, q.StatusMessage, q.Reason = QueryFailed, QueryMsgRestricted, reasonRestricted
		return true
	case a.Err != nil:
		q.Status, q.StatusMessage, q.Reason = QueryFailed, QueryMsgInternalError, reasonAnswerFailed
		return true
	}
	if msg := checkAnswer(a); msg != "" {
		q.Status, q.StatusMessage, q.Reason = QueryFailed, QueryMsgInternalError, "the answerer's answer "+msg
		return true
	}
	q.Response, q.Citations = a.Response, slices.Clone(a.Citations)
	q.ReviewType = a.ReviewType
	if q.ReviewType == "" {
		q.ReviewType = ReviewAI
	}
	q.UpdatedResponseVersions = append(q.UpdatedResponseVersions, ResponseVersion{ResponseText: a.Response, Timestamp: now})
	if mode == FullSupport {
		q.Status, q.StatusMessage = QueryProcessing, QueryMsgPendingReview
	} else {
		q.Status, q.StatusMessage = QueryCompleted, QueryMsgComplete
	}
	return true
}

// checkAnswer returns why AWS's model cannot carry answer a, or "".
func checkAnswer(a Answer) string {
	if msg := checkLongString(a.Response); msg != "" {
		return "response " + msg
	}
	if a.ReviewType != "" && !a.ReviewType.IsValid() {
		return "review type is not AI or HUMAN"
	}
	for _, c := range a.Citations {
		if msg := validCitation(c); msg != "" {
			return "citation " + msg
		}
	}
	return ""
}

// complete marks in COMPLETED, with the message saying whether a query
// failed.
func complete(in *Inquiry, qs []Query) {
	in.Status, in.StatusMessage, in.Due, in.Reason = Completed, MsgComplete, time.Time{}, ""
	for i := range qs {
		if qs[i].Status == QueryFailed {
			in.StatusMessage = MsgCompleteWithErrors
			return
		}
	}
}

// finishReview completes the human review of in: every query still
// pending review is approved as it stands, by a human. It returns the
// inquiry and the queries it changed.
func finishReview(in Inquiry, qs []Query, now time.Time) (Inquiry, []Query) {
	changed := map[int]bool{}
	for i := range qs {
		if qs[i].Status == QueryProcessing {
			qs[i].Status, qs[i].StatusMessage, qs[i].ReviewType = QueryCompleted, QueryMsgComplete, ReviewHuman
			changed[i] = true
		}
	}
	in.UpdatedAt = now
	complete(&in, qs)
	return in, pick(qs, changed)
}

// Revision is a human reviewer's answer to one query.
type Revision struct {
	// Response is the answer: 1 to 2048 characters without < or >.
	Response string
	// Citations replace the query's citations; nil keeps them.
	Citations []Citation
}

// Review records a human reviewer's answer to query n of the account's
// inquiry id, which must be in HUMAN_REVIEW: the answer becomes the
// query's response (a new entry of its UpdatedResponseVersions), reviewed
// by a HUMAN, and the query is COMPLETED. A query may be reviewed again
// while the inquiry is in review.
func (a *Assistant) Review(ctx context.Context, account aws.AccountID, id ID, n int, r Revision) (Query, error) {
	var fe aws.ValidationError
	if msg := checkLongString(r.Response); msg != "" {
		fe.Add("response", "%s", msg)
	}
	for _, c := range r.Citations {
		if msg := validCitation(c); msg != "" {
			fe.Add("citations", "%s", msg)
		}
	}
	if err := fe.Err(); err != nil {
		return Query{}, err
	}
	for attempt := 1; ; attempt++ {
		in, err := a.Get(ctx, account, id)
		if err != nil {
			return Query{}, err
		}
		if in.Status != HumanReview {
			return Query{}, &StateError{ID: id, Status: in.Status, Reason: "only an inquiry in HUMAN_REVIEW is reviewed"}
		}
		q, err := a.query(ctx, account, id, n)
		if err != nil {
			return Query{}, err
		}
		now := a.clock()
		q.Response, q.ReviewType, q.Reason = r.Response, ReviewHuman, ""
		if r.Citations != nil {
			q.Citations = slices.Clone(r.Citations)
		}
		q.UpdatedResponseVersions = append(q.UpdatedResponseVersions, ResponseVersion{ResponseText: r.Response, Timestamp: now})
		q.Status, q.StatusMessage = QueryCompleted, QueryMsgComplete
		in.UpdatedAt = now
		_, err = a.store.Update(ctx, in, []Query{q})
		if err == nil {
			return q.Clone(), nil
		}
		if !errors.Is(err, ErrConflict) || attempt == maxUpdateAttempts {
			return Query{}, err
		}
	}
}

// CompleteReview completes the human review of the account's inquiry id,
// which must be in HUMAN_REVIEW: every query not yet reviewed is approved
// as it stands (review type HUMAN), and the inquiry is COMPLETED.
func (a *Assistant) CompleteReview(ctx context.Context, account aws.AccountID, id ID) (Inquiry, error) {
	for attempt := 1; ; attempt++ {
		in, err := a.Get(ctx, account, id)
		if err != nil {
			return Inquiry{}, err
		}
		if in.Status != HumanReview {
			return Inquiry{}, &StateError{ID: id, Status: in.Status, Reason: "only an inquiry in HUMAN_REVIEW completes a review"}
		}
		qs, _, err := a.store.Queries(ctx, account, id, 0, 0)
		if err != nil {
			return Inquiry{}, err
		}
		next, changed := finishReview(in, qs, a.clock())
		out, err := a.store.Update(ctx, next, changed)
		if err == nil {
			return out, nil
		}
		if !errors.Is(err, ErrConflict) || attempt == maxUpdateAttempts {
			return Inquiry{}, err
		}
	}
}

// query returns query n of the inquiry, or a *ValidationError for field
// queryIdentifier when it has none.
func (a *Assistant) query(ctx context.Context, account aws.AccountID, id ID, n int) (Query, error) {
	if n < 1 {
		return Query{}, aws.InvalidField("queryIdentifier", "must be at least 1")
	}
	qs, _, err := a.store.Queries(ctx, account, id, n-1, 1)
	if err != nil {
		return Query{}, err
	}
	if len(qs) == 0 || qs[0].Identifier != n {
		return Query{}, aws.InvalidField("queryIdentifier", "the inquiry has no query %d", n)
	}
	return qs[0], nil
}

// Tag adds tags to the account's inquiry id, replacing the values of keys
// it has, and returns the inquiry. The inquiry may hold at most MaxTags
// tags afterwards.
func (a *Assistant) Tag(ctx context.Context, account aws.AccountID, id ID, tags Tags) (Inquiry, error) {
	if err := ValidateTags("tags", tags); err != nil {
		return Inquiry{}, err
	}
	return a.retag(ctx, account, id, func(t Tags) (Tags, error) { return t.merge(tags) })
}

// Untag removes the tags of keys from the account's inquiry id (keys it
// does not have are ignored) and returns the inquiry.
func (a *Assistant) Untag(ctx context.Context, account aws.AccountID, id ID, keys []string) (Inquiry, error) {
	if err := ValidateTagKeys("tagKeys", keys); err != nil {
		return Inquiry{}, err
	}
	return a.retag(ctx, account, id, func(t Tags) (Tags, error) { return t.without(keys), nil })
}

// retag changes the inquiry's tags with change, retrying on a concurrent
// write.
func (a *Assistant) retag(ctx context.Context, account aws.AccountID, id ID, change func(Tags) (Tags, error)) (Inquiry, error) {
	for attempt := 1; ; attempt++ {
		in, err := a.Peek(ctx, account, id)
		if err != nil {
			return Inquiry{}, err
		}
		tags, err := change(in.Tags)
		if err != nil {
			return Inquiry{}, err
		}
		if tags.Equal(in.Tags) {
			return in, nil
		}
		in.Tags = tags
		out, err := a.store.Update(ctx, in, nil)
		if err == nil {
			return out, nil
		}
		if !errors.Is(err, ErrConflict) || attempt == maxUpdateAttempts {
			return Inquiry{}, err
		}
	}
}
