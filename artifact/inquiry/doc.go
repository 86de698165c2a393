// Package inquiry models AWS Artifact's compliance inquiries: a customer
// asks a compliance question, or uploads a security questionnaire, and gets
// answers with citations. It holds the inquiries, their queries, statuses
// (with AWS's exact status messages), feedback, exports and tags, and the
// pluggable Answerer that answers them.
//
// Package artifact serves the nine AWS operations on top of it
// (CreateComplianceInquiry, GetComplianceInquiryMetadata,
// ListComplianceInquiries, ListComplianceInquiryQueries,
// ExportComplianceInquiry, PutComplianceInquiryFeedback, TagResource,
// UntagResource, ListTagsForResource), authorized and audited; this package
// applies the rules, and does no authorization of its own.
//
// # The lifecycle
//
// An Assistant creates an inquiry from a text query (InputSource TEXT, one
// query) or a questionnaire file (FILE, one query per question). It starts
// PROCESSING ("Compliance inquiry processing is in-progress."), with every
// query PROCESSING ("Query processing is in-progress."). When its
// processing is due, its questions go to the Answerer in one Batch:
//
//	PROCESSING ──answers──▶ COMPLETED  "Compliance inquiry processing is complete."
//	    │                   COMPLETED  "... One or more queries encountered errors during processing."
//	    │                   FAILED     "An internal error occurred ..." (unreadable file, answerer failed)
//	    │                   FAILED     "Malware was detected on the file. ..."
//	    └──FULL_SUPPORT───▶ HUMAN_REVIEW "Human review is in progress." ──review──▶ COMPLETED
//
// A query is answered COMPLETED ("Query processing is complete."), or
// FAILED with "Query contains restricted or unsupported content." or
// "An internal error occurred while processing the query. ...". Under
// FULL_SUPPORT (only for files; AI_ONLY is the default) an answered query
// stays PROCESSING, "Query is pending human review.", with its AI draft as
// its response, until a reviewer answers it (Review: a new response
// version, review type HUMAN, COMPLETED) or the review completes
// (CompleteReview, or WithReviewTime on the clock: every draft approved as
// it stands, review type HUMAN).
//
// Processing never runs on a goroutine of its own, and nothing sleeps. An
// inquiry's processing is due WithProcessingTime after its creation (at
// once by default); it happens when the inquiry is read at or after that
// instant (Get, List, Export, PutFeedback; package artifact's operations
// read through these), when a host's scheduler calls Advance, or when
// Process forces it. So a test moves an inquiry along by moving its clock.
//
// # Questionnaires
//
// ReadQuestionnaire reads CSV files (RFC 4180, UTF-8, comma, semicolon or
// tab separated): the first non-blank row is the header, and the request's
// fileSections name the columns whose cells are questions; without them,
// the column headed "Question". Other files are refused (export the
// sheet as CSV), named as far as their bytes tell: a ZIP file by its
// entries (xlsx, ods, docx, odt, pptx, odp, or zip), an OLE compound file
// (an Excel 97 workbook or a Word 97 document) as ole, pdf, rtf, binary.
// Such a file, or a malformed one, makes the inquiry FAIL with AWS's
// internal-error message and a Reason saying why; it never crashes or
// hangs. A Scanner checks each file for malware first (EICARScanner by
// default).
//
// # Answering
//
// An Answerer answers (WithAnswerer): an AI service, a human review queue
// (an Answer may be Pending, to be asked again after the poll interval), a
// knowledge base. NewKnowledgeAnswerer is the deterministic default of the
// artifact service: it answers from the report catalog (which reports
// cover a framework or a SOC 2 Trust Services category, which services
// are in scope in which region), the HIPAA Eligible Services and the
// agreement catalog (which agreements the account can accept), citing the
// report versions and agreements it used.
//
// # Idempotency
//
// A request with a client token returns what the first request with that
// token returned, when it is the same request (the same name, content,
// support mode and tags; for feedback the same inquiry, query, principal,
// rating, revision, reasons and comment); a different request under the
// same token fails with ErrTokenReused, which AWS answers with a
// ConflictException. Tokens are the account's, and are kept as long as
// their inquiry is. A retried creation returns the inquiry as it stands
// now (processed up to the clock), not as it was first returned.
//
// # Tags
//
// An inquiry holds at most 50 tags; keys are 1 to 128 characters and
// values 0 to 256, of AWS's set (ASCII letters, digits and white space,
// and _ . : / = + - @: AWS's pattern is a Java regular expression, whose
// \s and [a-zA-Z0-9] match no character outside ASCII); keys starting
// with "aws:" (in any letter case) are AWS's and refused. Keys are
// case-sensitive. A key or value with a character outside the set is
// refused for that character, whatever its length.
//
// # Decisions where AWS is silent
//
//   - Limits (Limits, WithLimits): AWS publishes none. A questionnaire is
//     at most 5 MiB (a larger one is refused when the inquiry is created,
//     as a request that cannot be stored), 10,000 lines (blank lines, and
//     each line of a cell that spans several, count: so every row starts
//     on a line numbered 1 to 10,000), 256 columns, cells of 32 KiB and
//     5,000 questions. A file beyond the line, column, cell or question
//     limits cannot be read. These bound what a file costs to read; an
//     inquiry's name has no limit, as AWS's InquiryName has none.
//   - A file's malware and readability are decided when it is uploaded
//     and revealed when its processing comes: the inquiry goes from
//     PROCESSING to FAILED, as AWS's asynchronous processing would show it.
//   - A question of a file that AWS's model cannot carry (longer than 2048
//     characters, or holding < or >) is kept within the model's shape
//     (clipped, with ‹ and › for < and >) and FAILS as restricted content;
//     the rest of the file is answered. An inquiry whose every query
//     failed still COMPLETES, with the message that some queries failed.
//   - An Answerer's answer that the model cannot carry (an empty or
//     over-long response, < or > in it, a citation outside its shapes)
//     fails its query with the internal-error message and a Reason, so
//     that the host notices.
//   - A host component that fails (the Scanner, the Answerer, for an
//     inquiry or one query) fails it with AWS's internal-error message
//     and a fixed Reason naming the component; the component's error
//     text, which may name a host or hold a credential, is never stored
//     and never reaches the account: the host gets the error through
//     WithFailureHandler, as a *FailureError that unwraps to it.
//   - Queries are numbered from 1, section by section in the order the
//     request names them, then top to bottom. A query's Row is the line
//     its row starts on. Sections match headers ignoring letter case and
//     punctuation; a section named twice is read once. The separator is
//     the one the header row uses most (comma, semicolon or tab), and a
//     quote inside an unquoted cell is kept as written.
//   - An account's inquiries are listed oldest first (creation instant,
//     then id), so that paging while inquiries are created neither skips
//     nor repeats one.
//   - A response's revision (PutComplianceInquiryFeedback's
//     responseRevisionId) is its position in UpdatedResponseVersions,
//     which lists every version, the first answer included. Feedback on an
//     older revision is ErrStaleResponse (AWS: ConflictException); on a
//     revision that never existed, invalid. Without a queryIdentifier,
//     feedback rates the whole inquiry, once it is COMPLETED or FAILED. A
//     principal has one feedback per query; a new one replaces it. Reason
//     codes are accepted with either rating, and repeats dropped.
//   - Export needs a COMPLETED inquiry; it writes CSV (the chosen queries,
//     each once, by identifier; citations in one more column when asked),
//     with cells a spreadsheet would evaluate defused by an apostrophe.
//   - The Answerer sees the questions of one inquiry at a time; an error
//     of the whole batch FAILS the inquiry, a context error leaves it
//     PROCESSING.
//   - Tagging does not change an inquiry's UpdatedAt.
//
// # Concurrency and aliasing
//
// An Assistant is safe for concurrent use. Writes carry the record's
// sequence number and are retried on a conflict, so two readers that both
// find an inquiry due store one processing of it. Values are copied in and
// out. The package does no I/O and keeps no global state: time comes from
// WithClock and randomness from WithRand.
package inquiry
