package sqlstore

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/aws"
)

// AuditStore is the audit.Store of a DB: one row per record, numbered by
// its primary key, so that processes sharing the database append to one
// chain. Records are kept byte for byte, whatever their strings hold, so
// that the chain verifies: a string a column cannot hold exactly (not
// UTF-8, or with a NUL byte, which PostgreSQL's text refuses) is kept in
// the row's exact column, and its text columns hold a readable copy.
type AuditStore struct{ db *DB }

var _ audit.SequencingStore = (*AuditStore)(nil)

// Audit returns the DB's audit.Store.
func (db *DB) Audit() *AuditStore { return &AuditStore{db} }

const auditColumns = "seq, event_name, principal, account, resource, action, decision, error_code, error_message, params, time, prev, hash, exact"

// Append implements audit.Store. It is one statement: the record is
// inserted only if it is numbered one after the last, and two appends of
// the same number collide on the primary key; either way the loser gets
// ErrConflict and the chain has no fork, gap or duplicate.
func (s *AuditStore) Append(ctx context.Context, rec audit.Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkTimes(errNotText, rec.Time); err != nil {
		return err
	}
	strs, exact := s.columns(&rec)
	query := `INSERT INTO audit_records (` + auditColumns + `)
		SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT COALESCE(MAX(seq), 0) FROM audit_records) = ?`
	if s.db.dialect == PostgreSQL {
		// Not while an AppendNext holds the trail's lock: this append
		// would take the number it is about to insert. It then fails as
		// a conflict, and the Log queues for the lock in AppendNext.
		query += " AND " + tryAuditLock
	}
	ok, err := changedOne((&runner{db: s.db, pool: s.db.w}).ExecContext(ctx, s.db.q(query),
		int64(rec.Seq), strs[0], strs[1], strs[2], strs[3], strs[4], strs[5], strs[6], strs[7],
		encodeParams(rec.Params), ts(rec.Time), rec.Prev[:], rec.Hash[:], exact, int64(rec.Seq)-1))
	if err == nil && !ok {
		return refusal(audit.ErrConflict, "audit record %d is not the next one", rec.Seq)
	}
	if err != nil {
		if class, _ := classify(err); class != classOther {
			return fmt.Errorf("audit record %d was appended by another writer: %w", rec.Seq, audit.ErrConflict)
		}
		return s.db.failure("append audit record", err)
	}
	return nil
}

// AppendNext implements audit.SequencingStore: in one transaction that
// holds the trail's lock (PostgreSQL: a transaction-scoped advisory lock
// of the schema;
// SQLite: the database's write lock, taken when the transaction begins),
// it reads the last record, has next build the record after it, and
// inserts it. Writers of several processes queue for the lock instead of
// racing for the next number.
func (s *AuditStore) AppendNext(ctx context.Context, next func(seq uint64, prev audit.Hash) audit.Record) (audit.Record, error) {
	var rec audit.Record
	for attempt := 0; ; attempt++ {
		err := s.db.write(ctx, "append audit record", audit.ErrConflict, func(tx *runner) error {
			if s.db.dialect == PostgreSQL {
				if _, err := tx.ExecContext(ctx, "SELECT "+auditLock); err != nil {
					return err
				}
			}
			var (
				seq  int64
				hash []byte
			)
			err := tx.QueryRowContext(ctx, "SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1").Scan(&seq, &hash)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			var prev audit.Hash
			copy(prev[:], hash)
			rec = next(uint64(seq)+1, prev)
			if err := checkTimes(errNotText, rec.Time); err != nil {
				return err
			}
			return s.insert(ctx, tx, &rec)
		})
		// A writer that appends without the lock (Append) may still take
		// the number first; then read the end again.
		if err == nil || !errors.Is(err, audit.ErrConflict) || attempt >= 16 {
			return rec, err
		}
	}
}

// insert inserts rec in tx.
func (s *AuditStore) insert(ctx context.Context, tx *runner, rec *audit.Record) error {
	strs, exact := s.columns(rec)
	_, err := tx.ExecContext(ctx, s.db.q(`INSERT INTO audit_records (`+auditColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		int64(rec.Seq), strs[0], strs[1], strs[2], strs[3], strs[4], strs[5], strs[6], strs[7],
		encodeParams(rec.Params), ts(rec.Time), rec.Prev[:], rec.Hash[:], exact)
	return err
}

// columns returns the text columns of rec and, when one of its strings is
// no text a column keeps exactly, the exact encoding of all of them.
func (s *AuditStore) columns(rec *audit.Record) ([8]string, []byte) {
	strs := auditStrings(&rec.Entry)
	for _, v := range strs {
		if !isText(v) {
			exact := appendStrings(nil, strs[:])
			for i := range strs {
				strs[i] = readable(strs[i])
			}
			return strs, exact
		}
	}
	return strs, nil
}

// Len implements audit.Store.
func (s *AuditStore) Len(ctx context.Context) (uint64, error) {
	var n int64
	err := s.db.read(ctx, "length", func(q *runner) error {
		return q.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) FROM audit_records").Scan(&n)
	})
	return uint64(n), err
}

// Read implements audit.Store.
func (s *AuditStore) Read(ctx context.Context, from uint64, limit int) ([]audit.Record, error) {
	if limit <= 0 {
		return nil, ctx.Err()
	}
	return readAll(ctx, s.db, "read", nil, scanRecord,
		s.db.q("SELECT "+auditColumns+" FROM audit_records WHERE seq >= ? ORDER BY seq LIMIT ?"), int64(from), limit)
}

// scanRecord reads an audit record.
func scanRecord(row rowScanner) (audit.Record, error) {
	var (
		r                  audit.Record
		seq, at            int64
		strs               [8]string
		params, prev, hash []byte
		exact              []byte
	)
	if err := row.Scan(&seq, &strs[0], &strs[1], &strs[2], &strs[3], &strs[4], &strs[5], &strs[6], &strs[7],
		&params, &at, &prev, &hash, &exact); err != nil {
		return r, err
	}
	if exact != nil {
		if err := readStrings(exact, strs[:]); err != nil {
			return r, fmt.Errorf("audit record %d: %w", seq, err)
		}
	}
	r.EventName, r.Principal, r.Account, r.Resource, r.Action = strs[0], strs[1], aws.AccountID(strs[2]), strs[3], strs[4]
	r.Decision, r.ErrorCode, r.ErrorMessage = audit.Decision(strs[5]), strs[6], strs[7]
	var err error
	if r.Params, err = decodeParams(params); err != nil {
		return r, fmt.Errorf("audit record %d: %w", seq, err)
	}
	r.Seq, r.Time = uint64(seq), fromTS(at)
	copy(r.Prev[:], prev)
	copy(r.Hash[:], hash)
	return r, nil
}

func auditStrings(e *audit.Entry) [8]string {
	return [8]string{e.EventName, e.Principal, string(e.Account), e.Resource, e.Action, string(e.Decision), e.ErrorCode, e.ErrorMessage}
}

// readable returns s as text a column holds: invalid bytes and NULs become
// U+FFFD.
func readable(s string) string {
	b := []rune{}
	for _, r := range s {
		if r == 0 {
			r = '\uFFFD'
		}
		b = append(b, r)
	}
	return string(b)
}

// Parameters are encoded as a byte 0 (nil) or 1 (a list, maybe empty)
// followed by uvarint-length-prefixed names and values, in order.
func encodeParams(ps []audit.Param) []byte {
	if ps == nil {
		return []byte{0}
	}
	n := 1
	for _, p := range ps {
		n += len(p.Name) + len(p.Value) + 4
	}
	b := make([]byte, 1, n)
	b[0] = 1
	for _, p := range ps {
		b = appendString(b, p.Name)
		b = appendString(b, p.Value)
	}
	return b
}

func decodeParams(b []byte) ([]audit.Param, error) {
	if len(b) == 0 || b[0] == 0 {
		return nil, nil
	}
	b = b[1:]
	ps := []audit.Param{}
	for len(b) > 0 {
		var p audit.Param
		var err error
		if p.Name, b, err = readString(b); err != nil {
			return nil, err
		}
		if p.Value, b, err = readString(b); err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendStrings(b []byte, ss []string) []byte {
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

var errEncoding = errors.New("stored parameters are malformed")

func readString(b []byte) (string, []byte, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return "", nil, errEncoding
	}
	return string(b[k : k+int(n)]), b[k+int(n):], nil
}

func readStrings(b []byte, ss []string) error {
	for i := range ss {
		var err error
		if ss[i], b, err = readString(b); err != nil {
			return err
		}
	}
	return nil
}
