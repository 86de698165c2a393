package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// The loops and checks every store repeats.

// refusal returns the domain error "<what>: <sentinel>" as a store method
// returns it (store errors carry no package prefix); inside a
// transaction's function, domain wraps it so that write returns it as it
// is.
func refusal(sentinel error, format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, sentinel)...)
}

// changedOne reports whether the write that returned res and err changed
// exactly one row, passing err on. An UPDATE ... WHERE seq = <read>, or an
// INSERT ... ON CONFLICT DO NOTHING, that changed none lost a race.
func changedOne(res sql.Result, err error) (bool, error) {
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// eachRow runs query and calls f with each row, until f fails.
func eachRow(ctx context.Context, q *runner, query string, args []any, f func(rowScanner) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := f(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// queryAll runs query and appends its rows, as scan reads them, to out.
func queryAll[T any](ctx context.Context, q *runner, out []T, scan func(rowScanner) (T, error), query string, args ...any) ([]T, error) {
	err := eachRow(ctx, q, query, args, func(row rowScanner) error {
		v, err := scan(row)
		if err == nil {
			out = append(out, v)
		}
		return err
	})
	return out, err
}

// readAll is queryAll outside a transaction, as store operation op, its
// errors mapped as read maps them.
func readAll[T any](ctx context.Context, db *DB, op string, out []T, scan func(rowScanner) (T, error), query string, args ...any) ([]T, error) {
	err := db.read(ctx, op, func(q *runner) error {
		var err error
		out, err = queryAll(ctx, q, out, scan, query, args...)
		return err
	})
	return out, err
}

// deleteExpired deletes the rows of table whose column (a time) is at or
// before now, and returns how many it deleted.
func (db *DB) deleteExpired(ctx context.Context, op, table, column string, now time.Time) (int, error) {
	if !storable(now) {
		now = clampTime(now)
	}
	var n int64
	err := db.write(ctx, op, nil, func(tx *runner) error {
		res, err := tx.ExecContext(ctx, db.q("DELETE FROM "+table+" WHERE "+column+" <= ?"), ts(now))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}
