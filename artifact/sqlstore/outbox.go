package sqlstore

import (
	"context"
	"database/sql"

	"github.com/artifactkit/artifactkit/artifact/notify"
)

// OutboxStore is the notify.Outbox of a DB: the notifications recorded
// before their change was stored and not delivered yet, shared by every
// service over the database, so that one delivers what another could not.
type OutboxStore struct{ db *DB }

var _ notify.Outbox = (*OutboxStore)(nil)

// Outbox returns the DB's notify.Outbox.
func (db *DB) Outbox() *OutboxStore { return &OutboxStore{db} }

// Put implements notify.Outbox: an insert of a new entry, or an update of
// the one at p.Seq.
func (s *OutboxStore) Put(ctx context.Context, p notify.Pending) (notify.Pending, error) {
	if err := checkText(errNotText, p.ID); err != nil {
		return notify.Pending{}, err
	}
	if err := checkTimes(errNotText, p.Created); err != nil {
		return notify.Pending{}, err
	}
	p = p.Clone()
	if p.Body == nil {
		p.Body = []byte{}
	}
	err := s.db.write(ctx, "put pending notifications", notify.ErrConflict, func(tx *runner) error {
		var (
			res sql.Result
			err error
		)
		if p.Seq == 0 {
			res, err = tx.ExecContext(ctx, s.db.q(`INSERT INTO notification_outbox (id, created, body, seq) VALUES (?, ?, ?, 1)
				ON CONFLICT (id) DO NOTHING`), p.ID, ts(p.Created), p.Body)
		} else {
			res, err = tx.ExecContext(ctx, s.db.q(`UPDATE notification_outbox SET body = ?, seq = seq + 1 WHERE id = ? AND seq = ?`),
				p.Body, p.ID, int64(p.Seq))
		}
		if ok, err := changedOne(res, err); err != nil || ok {
			return err
		}
		return domain(notify.ErrConflict, "pending notifications %s are not at %d", p.ID, p.Seq)
	})
	if err != nil {
		return notify.Pending{}, err
	}
	p.Seq++
	return p.Clone(), nil
}

// Delete implements notify.Outbox.
func (s *OutboxStore) Delete(ctx context.Context, id string) error {
	return s.db.write(ctx, "delete pending notifications", nil, func(tx *runner) error {
		_, err := tx.ExecContext(ctx, s.db.q("DELETE FROM notification_outbox WHERE id = ?"), id)
		return err
	})
}

// Pending implements notify.Outbox.
func (s *OutboxStore) Pending(ctx context.Context, after string, limit int) ([]notify.Pending, error) {
	query, args := "SELECT id, created, body, seq FROM notification_outbox WHERE id > ? ORDER BY id", []any{after}
	if limit > 0 {
		query += " LIMIT ?"
		args = append(args, limit)
	}
	out, err := readAll(ctx, s.db, "pending notifications", nil, func(row rowScanner) (notify.Pending, error) {
		var (
			p            notify.Pending
			created, seq int64
		)
		err := row.Scan(&p.ID, &created, &p.Body, &seq)
		p.Created, p.Seq = fromTS(created), uint64(seq)
		return p, err
	}, s.db.q(query), args...)
	if err != nil {
		return nil, err
	}
	return out, nil
}
