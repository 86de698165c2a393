package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// A runner runs the statements of one store call: on a pool outside a
// transaction, or in one. On SQLite it prepares each statement once per
// connection and keeps it (parsing costs more than running most of this
// package's statements); pgx keeps prepared statements itself.
type runner struct {
	db   *DB
	pool *sql.DB
	tx   *sql.Tx
	// pending lists the statements a transaction ran unprepared: the
	// pool's connection was the transaction's, so they are prepared when
	// it ends.
	pending []string
}

type stmtKey struct {
	pool  *sql.DB
	query string
}

// stmts holds the prepared statements of a DB, by pool and query.
type stmts struct{ m sync.Map }

func (r *runner) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	key := stmtKey{r.pool, query}
	v, ok := r.db.stmts.m.Load(key)
	if !ok && r.tx != nil {
		r.pending = append(r.pending, query)
		return nil, nil
	}
	if !ok {
		st, err := r.pool.PrepareContext(ctx, query)
		if err != nil {
			return nil, err
		}
		if v, ok = r.db.stmts.m.LoadOrStore(key, st); ok {
			st.Close()
		} else {
			v = st
		}
	}
	st := v.(*sql.Stmt)
	if r.tx != nil {
		return r.tx.StmtContext(ctx, st), nil
	}
	return st, nil
}

// rowScanner is a row to read: a *sql.Row, a *sql.Rows at a row, or a
// failedRow. (database/sql offers no way to make a *sql.Row that fails, so
// QueryRowContext returns a rowScanner.)
type rowScanner interface{ Scan(...any) error }

type failedRow struct{ err error }

func (f failedRow) Scan(...any) error { return f.err }

func (r *runner) cached() bool { return r.db.dialect == SQLite }

// QueryRowContext runs a query expected to return at most one row.
func (r *runner) QueryRowContext(ctx context.Context, query string, args ...any) rowScanner {
	if !r.cached() {
		if r.tx != nil {
			return r.tx.QueryRowContext(ctx, query, args...)
		}
		return r.pool.QueryRowContext(ctx, query, args...)
	}
	st, err := r.stmt(ctx, query)
	if err != nil {
		return failedRow{err}
	}
	if st == nil {
		return r.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// QueryContext runs a query.
func (r *runner) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if !r.cached() {
		if r.tx != nil {
			return r.tx.QueryContext(ctx, query, args...)
		}
		return r.pool.QueryContext(ctx, query, args...)
	}
	st, err := r.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return r.tx.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// ExecContext runs a statement.
func (r *runner) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if !r.cached() {
		if r.tx != nil {
			return r.tx.ExecContext(ctx, query, args...)
		}
		return r.pool.ExecContext(ctx, query, args...)
	}
	st, err := r.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return r.tx.ExecContext(ctx, query, args...)
	}
	return st.ExecContext(ctx, args...)
}

// prepare prepares on the pool the statements a transaction ran
// unprepared. A failure only means they are prepared another time.
func (r *runner) prepare(ctx context.Context) {
	for _, q := range r.pending {
		key := stmtKey{r.pool, q}
		if _, ok := r.db.stmts.m.Load(key); ok {
			continue
		}
		st, err := r.pool.PrepareContext(ctx, q)
		if err != nil {
			return
		}
		if _, loaded := r.db.stmts.m.LoadOrStore(key, st); loaded {
			st.Close()
		}
	}
	r.pending = nil
}
