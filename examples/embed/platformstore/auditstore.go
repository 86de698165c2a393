package platformstore

import (
	"context"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/aws"
)

// AuditStore is an audit.Store kept in one table of encoded rows,
// audit_records, whose primary key is the record's sequence number. The
// Log does the hashing and chaining; the store keeps the rows in order and
// refuses a record that is not numbered one after the last.
//
// It is safe for concurrent use. The zero value is not usable; call
// NewAuditStore.
type AuditStore struct {
	mu      sync.RWMutex
	records table[uint64, auditRow]
}

var _ audit.Store = (*AuditStore)(nil)

// auditRow is a row of the audit_records table. Hashes are kept as hex
// text, as a SQL column would hold them.
type auditRow struct {
	Seq          uint64        `json:"seq"`
	Prev         string        `json:"prev"`
	Hash         string        `json:"hash"`
	EventName    string        `json:"event_name"`
	Principal    string        `json:"principal"`
	Account      aws.AccountID `json:"account"`
	Resource     string        `json:"resource"`
	Action       string        `json:"action"`
	Decision     string        `json:"decision"`
	ErrorCode    string        `json:"error_code"`
	ErrorMessage string        `json:"error_message"`
	Params       []paramRow    `json:"params"`
	Time         time.Time     `json:"time"`
}

// paramRow is one request parameter in an audit row.
type paramRow struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// recordToRow returns the row of r.
func recordToRow(r audit.Record) auditRow {
	row := auditRow{
		Seq:          r.Seq,
		Prev:         r.Prev.String(),
		Hash:         r.Hash.String(),
		EventName:    r.EventName,
		Principal:    r.Principal,
		Account:      r.Account,
		Resource:     r.Resource,
		Action:       r.Action,
		Decision:     string(r.Decision),
		ErrorCode:    r.ErrorCode,
		ErrorMessage: r.ErrorMessage,
		Time:         r.Time,
	}
	if r.Params != nil {
		row.Params = make([]paramRow, len(r.Params))
		for i, p := range r.Params {
			row.Params[i] = paramRow(p)
		}
	}
	return row
}

// record returns the record of row, or an error when a hash column does
// not hold a hash.
func (row auditRow) record() (audit.Record, error) {
	prev, err := parseHash(row.Prev)
	if err != nil {
		return audit.Record{}, fmt.Errorf("platformstore: audit record %d: prev: %w", row.Seq, err)
	}
	hash, err := parseHash(row.Hash)
	if err != nil {
		return audit.Record{}, fmt.Errorf("platformstore: audit record %d: hash: %w", row.Seq, err)
	}
	r := audit.Record{
		Entry: audit.Entry{
			EventName:    row.EventName,
			Principal:    row.Principal,
			Account:      row.Account,
			Resource:     row.Resource,
			Action:       row.Action,
			Decision:     audit.Decision(row.Decision),
			ErrorCode:    row.ErrorCode,
			ErrorMessage: row.ErrorMessage,
			Time:         row.Time,
		},
		Seq:  row.Seq,
		Prev: prev,
		Hash: hash,
	}
	if row.Params != nil {
		r.Params = make([]audit.Param, len(row.Params))
		for i, p := range row.Params {
			r.Params[i] = audit.Param(p)
		}
	}
	return r, nil
}

// parseHash reads a hash written by audit.Hash.String.
func parseHash(s string) (audit.Hash, error) {
	var h audit.Hash
	b, err := hex.DecodeString(s)
	if err != nil {
		return h, err
	}
	if len(b) != len(h) {
		return h, fmt.Errorf("%d bytes, want %d", len(b), len(h))
	}
	copy(h[:], b)
	return h, nil
}

// NewAuditStore returns an empty AuditStore.
func NewAuditStore() *AuditStore {
	return &AuditStore{records: make(table[uint64, auditRow])}
}

// Append implements audit.Store.
func (s *AuditStore) Append(ctx context.Context, rec audit.Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	row, err := encode(recordToRow(rec))
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if want := uint64(len(s.records)) + 1; rec.Seq != want {
		return fmt.Errorf("platformstore: audit record %d, want %d: %w", rec.Seq, want, audit.ErrConflict)
	}
	s.records[rec.Seq] = row
	return nil
}

// Len implements audit.Store.
func (s *AuditStore) Len(ctx context.Context) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return uint64(len(s.records)), nil
}

// Read implements audit.Store, like SELECT ... WHERE seq >= $1 ORDER BY seq
// LIMIT $2. A from of 0 reads from the first record.
func (s *AuditStore) Read(ctx context.Context, from uint64, limit int) ([]audit.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	from = max(from, 1)
	n := uint64(len(s.records))
	if limit <= 0 || from > n {
		return nil, nil
	}
	last := min(n, from+uint64(limit)-1)
	out := make([]audit.Record, 0, last-from+1)
	for seq := from; seq <= last; seq++ {
		row, ok, err := s.records.get(seq)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("platformstore: audit record %d is missing", seq)
		}
		r, err := row.record()
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// RecordRow returns a copy of the encoded row of record seq in the
// audit_records table, or nil when there is none. It shows what the
// platform keeps.
func (s *AuditStore) RecordRow(seq uint64) []byte {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.records.raw(seq)
}
