package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
)

// InquiryStore is the inquiry.Store of a DB: inquiries, their queries and
// the feedback on them.
type InquiryStore struct{ db *DB }

var _ inquiry.Store = (*InquiryStore)(nil)

// Inquiries returns the DB's inquiry.Store.
func (db *DB) Inquiries() *InquiryStore { return &InquiryStore{db} }

func (s *InquiryStore) q(query string) string { return s.db.q(query) }

// jsonValue returns v as JSON text, or NULL for a nil v.
func jsonValue[T any](v T, isNil bool) (any, error) {
	if isNil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

func fromJSON[T any](v sql.NullString, dst *T) error {
	if !v.Valid {
		return nil
	}
	return json.Unmarshal([]byte(v.String), dst)
}

// responseVersion is a ResponseVersion as stored: its time exact.
type responseVersion struct {
	Text string `json:"text"`
	At   int64  `json:"at"`
}

const inquiryColumns = `id, account, arn, name, status, status_message, input_source, support_mode, created_at, updated_at,
	tags, file_sections, file_format, file_size, file_sha256, query_count, reason, fault, client_token, request_digest, due, seq`

func (s *InquiryStore) inquiryArgs(in *inquiry.Inquiry) ([]any, error) {
	tags, err := jsonValue(map[string]string(in.Tags), in.Tags == nil)
	if err != nil {
		return nil, err
	}
	return []any{in.ID, in.Account, in.ARN, in.Name, in.Status, in.StatusMessage, in.InputSource, in.SupportMode,
		ts(in.CreatedAt), ts(in.UpdatedAt), tags, list(in.FileSections), in.File.Format, in.File.Size, in.File.SHA256[:],
		in.QueryCount, in.Reason, in.Fault, in.ClientToken, in.RequestDigest[:], ts(in.Due), int64(in.Seq)}, nil
}

func scanInquiry(row rowScanner) (inquiry.Inquiry, error) {
	var (
		in                         inquiry.Inquiry
		created, updated, due, seq int64
		tags, sections             sql.NullString
		fileSum, digest            []byte
	)
	err := row.Scan(&in.ID, &in.Account, &in.ARN, &in.Name, &in.Status, &in.StatusMessage, &in.InputSource, &in.SupportMode,
		&created, &updated, &tags, &sections, &in.File.Format, &in.File.Size, &fileSum, &in.QueryCount, &in.Reason, &in.Fault,
		&in.ClientToken, &digest, &due, &seq)
	if err != nil {
		return in, err
	}
	in.CreatedAt, in.UpdatedAt, in.Due, in.Seq = fromTS(created), fromTS(updated), fromTS(due), uint64(seq)
	copy(in.File.SHA256[:], fileSum)
	copy(in.RequestDigest[:], digest)
	if err := fromJSON(tags, (*map[string]string)(&in.Tags)); err != nil {
		return in, err
	}
	in.FileSections, err = unlist[string](sections)
	return in, err
}

func checkInquiry(in *inquiry.Inquiry) error {
	inv := inquiry.ErrInvalid
	if err := checkText(inv, string(in.ID), string(in.Account), in.ARN, in.Name, string(in.Status), string(in.StatusMessage),
		string(in.InputSource), string(in.SupportMode), in.File.Format, in.Reason, string(in.Fault), in.ClientToken); err != nil {
		return err
	}
	if err := listText(inv, in.FileSections); err != nil {
		return err
	}
	for k, v := range in.Tags {
		if err := checkText(inv, k, v); err != nil {
			return err
		}
	}
	return checkTimes(inv, in.CreatedAt, in.UpdatedAt, in.Due)
}

func checkQuery(q *inquiry.Query) error {
	inv := inquiry.ErrInvalid
	if err := checkText(inv, q.Query, q.Response, string(q.ReviewType), string(q.Status), string(q.StatusMessage), q.Section, q.Reason); err != nil {
		return err
	}
	for _, c := range q.Citations {
		if err := checkText(inv, c.SourceLabel, c.SourceContent, c.SourceLink); err != nil {
			return err
		}
	}
	for _, v := range q.UpdatedResponseVersions {
		if err := checkText(inv, v.ResponseText); err != nil {
			return err
		}
		if err := checkTimes(inv, v.Timestamp); err != nil {
			return err
		}
	}
	return checkTimes(inv, q.CreatedAt)
}

const queryColumns = `identifier, query, response, review_type, citations, status, status_message, created_at,
	response_versions, section, sheet_row, reason`

func queryArgs(q *inquiry.Query) ([]any, error) {
	cites, err := jsonValue(q.Citations, q.Citations == nil)
	if err != nil {
		return nil, err
	}
	var versions any
	if q.UpdatedResponseVersions != nil {
		vs := make([]responseVersion, len(q.UpdatedResponseVersions))
		for i, v := range q.UpdatedResponseVersions {
			vs[i] = responseVersion{v.ResponseText, ts(v.Timestamp)}
		}
		if versions, err = jsonValue(vs, false); err != nil {
			return nil, err
		}
	}
	return []any{q.Identifier, q.Query, q.Response, q.ReviewType, cites, q.Status, q.StatusMessage, ts(q.CreatedAt),
		versions, q.Section, q.Row, q.Reason}, nil
}

func scanQuery(row rowScanner) (inquiry.Query, error) {
	var (
		q               inquiry.Query
		cites, versions sql.NullString
		created         int64
	)
	if err := row.Scan(&q.Identifier, &q.Query, &q.Response, &q.ReviewType, &cites, &q.Status, &q.StatusMessage, &created,
		&versions, &q.Section, &q.Row, &q.Reason); err != nil {
		return q, err
	}
	q.CreatedAt = fromTS(created)
	if err := fromJSON(cites, &q.Citations); err != nil {
		return q, err
	}
	if versions.Valid {
		var vs []responseVersion
		if err := json.Unmarshal([]byte(versions.String), &vs); err != nil {
			return q, err
		}
		q.UpdatedResponseVersions = make([]inquiry.ResponseVersion, len(vs))
		for i, v := range vs {
			q.UpdatedResponseVersions[i] = inquiry.ResponseVersion{ResponseText: v.Text, Timestamp: fromTS(v.At)}
		}
	}
	return q, nil
}

func notFoundInquiry(id inquiry.ID) error { return &outcome{&inquiry.NotFoundError{ID: id}} }

// Insert implements inquiry.Store. A second inquiry with the id, or with
// the account's client token, collides on a unique index: ErrExists.
func (s *InquiryStore) Insert(ctx context.Context, in inquiry.Inquiry, queries []inquiry.Query) (inquiry.Inquiry, error) {
	if err := checkInquiry(&in); err != nil {
		return inquiry.Inquiry{}, err
	}
	for i := range queries {
		if queries[i].Identifier != i+1 {
			return inquiry.Inquiry{}, fmt.Errorf("query %d has identifier %d", i+1, queries[i].Identifier)
		}
		if err := checkQuery(&queries[i]); err != nil {
			return inquiry.Inquiry{}, err
		}
	}
	in = in.Clone()
	in.Seq = 1
	args, err := s.inquiryArgs(&in)
	if err != nil {
		return inquiry.Inquiry{}, err
	}
	err = s.db.write(ctx, "insert inquiry", inquiry.ErrExists, func(tx *runner) error {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO inquiries (`+inquiryColumns+`, list_key)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), append(args, in.ListKey())...); err != nil {
			if class, _ := classify(err); class == classUnique {
				return domain(inquiry.ErrExists, "inquiry %s, or the account's client token", in.ID)
			}
			return err
		}
		for i := range queries {
			qa, err := queryArgs(&queries[i])
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO inquiry_queries (inquiry, `+queryColumns+`)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), append([]any{in.ID}, qa...)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return inquiry.Inquiry{}, err
	}
	return in.Clone(), nil
}

func (s *InquiryStore) one(ctx context.Context, op, where string, missing error, args ...any) (inquiry.Inquiry, error) {
	var in inquiry.Inquiry
	err := s.db.read(ctx, op, func(q *runner) error {
		var err error
		in, err = scanInquiry(q.QueryRowContext(ctx, s.q("SELECT "+inquiryColumns+" FROM inquiries WHERE "+where), args...))
		if errors.Is(err, sql.ErrNoRows) {
			return missing
		}
		return err
	})
	return in, err
}

// Get implements inquiry.Store.
func (s *InquiryStore) Get(ctx context.Context, account aws.AccountID, id inquiry.ID) (inquiry.Inquiry, error) {
	return s.one(ctx, "read inquiry", "id = ? AND account = ?", notFoundInquiry(id), id, account)
}

// ByClientToken implements inquiry.Store.
func (s *InquiryStore) ByClientToken(ctx context.Context, account aws.AccountID, token string) (inquiry.Inquiry, error) {
	if token == "" {
		if err := ctx.Err(); err != nil {
			return inquiry.Inquiry{}, err
		}
		return inquiry.Inquiry{}, refusal(inquiry.ErrNotFound, "no inquiry with that client token")
	}
	return s.one(ctx, "read inquiry by client token", "account = ? AND client_token = ?",
		domain(inquiry.ErrNotFound, "no inquiry with that client token"), account, token)
}

func (s *InquiryStore) inquiries(ctx context.Context, op, query string, args ...any) ([]inquiry.Inquiry, error) {
	return readAll(ctx, s.db, op, []inquiry.Inquiry{}, scanInquiry, s.q(query), args...)
}

// List implements inquiry.Store.
func (s *InquiryStore) List(ctx context.Context, account aws.AccountID, after string, limit int) ([]inquiry.Inquiry, string, error) {
	if limit <= 0 {
		return []inquiry.Inquiry{}, "", ctx.Err()
	}
	// One more than asked tells whether more follow.
	out, err := s.inquiries(ctx, "list inquiries", "SELECT "+inquiryColumns+
		" FROM inquiries WHERE account = ? AND list_key > ? ORDER BY list_key LIMIT ?", account, after, limit+1)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ListKey()
	}
	return out, next, nil
}

// Update implements inquiry.Store: UPDATE ... WHERE seq = read, and the
// queries given, in one transaction.
func (s *InquiryStore) Update(ctx context.Context, in inquiry.Inquiry, queries []inquiry.Query) (inquiry.Inquiry, error) {
	if err := checkInquiry(&in); err != nil {
		return inquiry.Inquiry{}, err
	}
	for i := range queries {
		if err := checkQuery(&queries[i]); err != nil {
			return inquiry.Inquiry{}, err
		}
	}
	in = in.Clone()
	var stored inquiry.Inquiry
	err := s.db.write(ctx, "update inquiry", inquiry.ErrConflict, func(tx *runner) error {
		cur, err := scanInquiry(tx.QueryRowContext(ctx, s.q("SELECT "+inquiryColumns+" FROM inquiries WHERE id = ? AND account = ?"), in.ID, in.Account))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return notFoundInquiry(in.ID)
		case err != nil:
			return err
		case cur.Seq != in.Seq:
			return domain(inquiry.ErrConflict, "inquiry %s at seq %d, not %d", in.ID, cur.Seq, in.Seq)
		}
		in.Seq++
		in.CreatedAt, in.ClientToken = cur.CreatedAt, cur.ClientToken
		args, err := s.inquiryArgs(&in)
		if err != nil {
			return err
		}
		if ok, err := changedOne(tx.ExecContext(ctx, s.q(`UPDATE inquiries SET arn = ?, name = ?, status = ?, status_message = ?, input_source = ?,
			support_mode = ?, updated_at = ?, tags = ?, file_sections = ?, file_format = ?, file_size = ?, file_sha256 = ?,
			query_count = ?, reason = ?, fault = ?, request_digest = ?, due = ?, seq = ? WHERE id = ? AND seq = ?`),
			args[2], args[3], args[4], args[5], args[6], args[7], args[9], args[10], args[11], args[12], args[13], args[14],
			args[15], args[16], args[17], args[19], args[20], args[21], in.ID, int64(cur.Seq))); err != nil {
			return err
		} else if !ok {
			return domain(inquiry.ErrConflict, "inquiry %s changed concurrently", in.ID)
		}
		for i := range queries {
			qa, err := queryArgs(&queries[i])
			if err != nil {
				return err
			}
			if ok, err := changedOne(tx.ExecContext(ctx, s.q(`UPDATE inquiry_queries SET query = ?, response = ?, review_type = ?, citations = ?,
				status = ?, status_message = ?, created_at = ?, response_versions = ?, section = ?, sheet_row = ?, reason = ?
				WHERE inquiry = ? AND identifier = ?`), append(qa[1:], in.ID, queries[i].Identifier)...)); err != nil {
				return err
			} else if !ok {
				return domain(inquiry.ErrNotFound, "inquiry %s has no query %d", in.ID, queries[i].Identifier)
			}
		}
		stored = in
		return nil
	})
	if err != nil {
		return inquiry.Inquiry{}, err
	}
	return stored.Clone(), nil
}

// Queries implements inquiry.Store.
func (s *InquiryStore) Queries(ctx context.Context, account aws.AccountID, id inquiry.ID, after, limit int) ([]inquiry.Query, int, error) {
	if _, err := s.Get(ctx, account, id); err != nil {
		return nil, 0, err
	}
	query := "SELECT " + queryColumns + " FROM inquiry_queries WHERE inquiry = ? AND identifier > ? ORDER BY identifier"
	args := []any{id, max(after, 0)}
	if limit > 0 {
		query += " LIMIT ?"
		args = append(args, limit+1)
	}
	out, err := readAll(ctx, s.db, "read inquiry queries", []inquiry.Query{}, scanQuery, s.q(query), args...)
	if err != nil {
		return nil, 0, err
	}
	next := 0
	if limit > 0 && len(out) > limit {
		out = out[:limit]
		next = out[limit-1].Identifier
	}
	return out, next, nil
}

// Due implements inquiry.Store, through the partial index inquiries_due.
func (s *InquiryStore) Due(ctx context.Context, at time.Time, limit int) ([]inquiry.Inquiry, error) {
	if !storable(at) {
		at = clampTime(at)
	}
	query := "SELECT " + inquiryColumns + " FROM inquiries WHERE due <> -9223372036854775808 AND due <= ? ORDER BY due, id"
	args := []any{ts(at)}
	if limit > 0 {
		query += " LIMIT ?"
		args = append(args, limit)
	}
	return s.inquiries(ctx, "read inquiries due", query, args...)
}

const feedbackColumns = `inquiry, query_identifier, principal, account, rating, reason_codes, comment, response_revision, request_digest, submitted_at`

func feedbackArgs(f *inquiry.Feedback) []any {
	return []any{f.Inquiry, f.QueryIdentifier, f.Principal, f.Account, f.Rating, list(f.ReasonCodes), f.Comment,
		f.ResponseRevision, f.RequestDigest[:], ts(f.SubmittedAt)}
}

func scanFeedback(row interface{ Scan(...any) error }, f *inquiry.Feedback, extra ...any) error {
	var (
		codes     sql.NullString
		digest    []byte
		submitted int64
	)
	err := row.Scan(append([]any{&f.Inquiry, &f.QueryIdentifier, &f.Principal, &f.Account, &f.Rating, &codes, &f.Comment,
		&f.ResponseRevision, &digest, &submitted}, extra...)...)
	if err != nil {
		return err
	}
	copy(f.RequestDigest[:], digest)
	f.SubmittedAt = fromTS(submitted)
	f.ReasonCodes, err = unlist[inquiry.ReasonCode](codes)
	return err
}

// PutFeedback implements inquiry.Store.
func (s *InquiryStore) PutFeedback(ctx context.Context, f inquiry.Feedback) (inquiry.Feedback, error) {
	inv := inquiry.ErrInvalid
	if err := checkText(inv, string(f.Account), string(f.Inquiry), f.Principal, string(f.Rating), f.Comment, f.ClientToken); err != nil {
		return inquiry.Feedback{}, err
	}
	if err := listText(inv, f.ReasonCodes); err != nil {
		return inquiry.Feedback{}, err
	}
	if err := checkTimes(inv, f.SubmittedAt); err != nil {
		return inquiry.Feedback{}, err
	}
	f = f.Clone()
	err := s.db.write(ctx, "put inquiry feedback", inquiry.ErrExists, func(tx *runner) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM inquiries WHERE id = ? AND account = ?"), f.Inquiry, f.Account).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return notFoundInquiry(f.Inquiry)
		}
		if f.ClientToken != "" {
			_, err := tx.ExecContext(ctx, s.q(`INSERT INTO inquiry_feedback_tokens (client_token, `+feedbackColumns+`)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), append([]any{f.ClientToken}, feedbackArgs(&f)...)...)
			if class, _ := classify(err); class == classUnique {
				return domain(inquiry.ErrExists, "feedback client token of account %s", f.Account)
			}
			if err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO inquiry_feedback (client_token, `+feedbackColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (inquiry, query_identifier, principal) DO UPDATE SET client_token = excluded.client_token,
			account = excluded.account, rating = excluded.rating, reason_codes = excluded.reason_codes, comment = excluded.comment,
			response_revision = excluded.response_revision, request_digest = excluded.request_digest, submitted_at = excluded.submitted_at`),
			append([]any{f.ClientToken}, feedbackArgs(&f)...)...)
		return err
	})
	if err != nil {
		return inquiry.Feedback{}, err
	}
	return f.Clone(), nil
}

// FeedbackByClientToken implements inquiry.Store.
func (s *InquiryStore) FeedbackByClientToken(ctx context.Context, account aws.AccountID, token string) (inquiry.Feedback, error) {
	f := inquiry.Feedback{ClientToken: token}
	err := s.db.read(ctx, "read inquiry feedback by client token", func(q *runner) error {
		err := scanFeedback(q.QueryRowContext(ctx, s.q("SELECT "+feedbackColumns+" FROM inquiry_feedback_tokens WHERE account = ? AND client_token = ?"),
			account, token), &f)
		if errors.Is(err, sql.ErrNoRows) {
			return domain(inquiry.ErrNotFound, "no feedback with that client token")
		}
		return err
	})
	if err != nil {
		return inquiry.Feedback{}, err
	}
	return f, nil
}

// Feedback implements inquiry.Store.
func (s *InquiryStore) Feedback(ctx context.Context, account aws.AccountID, id inquiry.ID) ([]inquiry.Feedback, error) {
	if _, err := s.Get(ctx, account, id); err != nil {
		return nil, err
	}
	out, err := readAll(ctx, s.db, "read inquiry feedback", nil, func(row rowScanner) (inquiry.Feedback, error) {
		var f inquiry.Feedback
		err := scanFeedback(row, &f, &f.ClientToken)
		return f, err
	}, s.q("SELECT "+feedbackColumns+", client_token FROM inquiry_feedback WHERE inquiry = ? ORDER BY query_identifier, principal"), id)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b inquiry.Feedback) int {
		if a.QueryIdentifier != b.QueryIdentifier {
			return a.QueryIdentifier - b.QueryIdentifier
		}
		return strings.Compare(a.Principal, b.Principal)
	})
	return out, nil
}
