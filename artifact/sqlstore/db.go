package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// DB is an artifactkit database: the schema, migrated when it is opened,
// and the stores over it. Its stores are safe for concurrent use, by any
// number of goroutines and of processes sharing the database.
//
// Obtain one from the sqlite or postgres package beside this one, or from
// Open with a *sql.DB of your own.
type DB struct {
	dialect Dialect
	w       *sql.DB // transactions and writes
	r       *sql.DB // reads outside transactions
	stmts   stmts
	// versions caches report versions for the DB's report stores.
	versions *versionCache
	// catalog caches agreements for the DB's agreement stores.
	catalog *catalogCache
	// rebinds caches the queries q rewrote for PostgreSQL.
	rebinds sync.Map // string -> string
}

// Option configures Open. An option given its zero value leaves the
// default.
type Option func(*DB)

// WithReader sets a second pool for the reads made outside a transaction
// (default: the pool Open is given). On SQLite, a pool of one connection
// for writes (so that writers of one process queue in Go instead of
// failing on a busy database) and a pool of several for reads let readers
// proceed while a write is under way. Close closes it too.
func WithReader(r *sql.DB) Option {
	return func(db *DB) {
		if r != nil {
			db.r = r
		}
	}
}

// Open migrates the schema of the database db talks to (see Migrate) and
// returns a DB over it. It takes ownership of db (and of a WithReader
// pool), whatever it returns: the DB's Close closes them, and Open closes
// them itself when it fails.
func Open(ctx context.Context, d Dialect, db *sql.DB, opts ...Option) (*DB, error) {
	if db == nil {
		panic("sqlstore: Open with a nil *sql.DB")
	}
	s := &DB{dialect: d, w: db, r: db, versions: &versionCache{}, catalog: &catalogCache{}}
	for _, o := range opts {
		o(s)
	}
	fail := func(err error) (*DB, error) {
		_ = s.Close()
		return nil, err
	}
	if d != SQLite && d != PostgreSQL {
		return fail(fmt.Errorf("sqlstore: unknown dialect %v", d))
	}
	if err := db.PingContext(ctx); err != nil {
		return fail(s.failure("connect", err))
	}
	if err := s.Migrate(ctx); err != nil {
		return fail(err)
	}
	return s, nil
}

// Dialect returns the dialect of the database.
func (db *DB) Dialect() Dialect { return db.dialect }

// Close closes the database's connection pools.
func (db *DB) Close() error {
	err := db.w.Close()
	if db.r != db.w {
		err = errors.Join(err, db.r.Close())
	}
	return err
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.w.PingContext(ctx); err != nil {
		return db.failure("ping", err)
	}
	return nil
}

// outcome is a result of a store method that is no database failure: a
// domain error (not found, conflict, ...) returned as it is.
type outcome struct{ err error }

func (o *outcome) Error() string { return o.err.Error() }
func (o *outcome) Unwrap() error { return o.err }

// domain returns an outcome wrapping sentinel: "<what>: <sentinel>" (store
// errors carry no package prefix), for a transaction's function to return.
func domain(sentinel error, format string, args ...any) error {
	return &outcome{refusal(sentinel, format, args...)}
}

// failure wraps a driver error as an *Error.
func (db *DB) failure(op string, err error) error {
	if err == nil {
		return nil
	}
	var o *outcome
	if errors.As(err, &o) {
		return o.err
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	_, code := classify(err)
	if errors.Is(err, sql.ErrConnDone) || err.Error() == "sql: database is closed" {
		err = fmt.Errorf("%w: %w", errClosed, err)
	}
	return &Error{Op: op, Code: code, Err: err}
}

// write runs fn in a transaction and commits it. An error fn returns rolls
// the transaction back: a domain outcome is returned as it is; a unique
// violation or a lost race the database detected becomes conflict (the
// interface's conflict error); anything else becomes an *Error.
func (db *DB) write(ctx context.Context, op string, conflict error, fn func(tx *runner) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return db.failure(op, err)
	}
	r := &runner{db: db, pool: db.w, tx: tx}
	defer r.prepare(ctx)
	if err := fn(r); err != nil {
		_ = tx.Rollback()
		return db.settle(op, conflict, err)
	}
	if err := tx.Commit(); err != nil {
		return db.settle(op, conflict, err)
	}
	return nil
}

// settle maps the error of a write.
func (db *DB) settle(op string, conflict error, err error) error {
	var o *outcome
	if errors.As(err, &o) {
		return o.err
	}
	if class, _ := classify(err); class != classOther && conflict != nil {
		return fmt.Errorf("%s: another writer got there first: %w", op, conflict)
	}
	return db.failure(op, err)
}

// read runs a read outside a transaction and maps its error.
func (db *DB) read(ctx context.Context, op string, fn func(q *runner) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return db.failure(op, fn(&runner{db: db, pool: db.r}))
}

// Times are stored as BIGINT nanoseconds since the Unix epoch, in UTC:
// exact (the audit chain hashes them to the nanosecond), ordered and
// indexable the same way in both dialects. The zero time, which the domain
// uses for "not yet" (an open EffectiveEnd), is the smallest BIGINT, so it
// sorts first. Times outside what nanoseconds since 1970 reach (1678 to
// 2262) are refused as invalid input.
const zeroTime = math.MinInt64

var (
	minTime = time.Unix(0, math.MinInt64+1)
	maxTime = time.Unix(0, math.MaxInt64)
)

// ts returns t as stored.
func ts(t time.Time) int64 {
	if t.IsZero() {
		return zeroTime
	}
	return t.UnixNano()
}

// fromTS returns a stored time, in UTC.
func fromTS(n int64) time.Time {
	if n == zeroTime {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// storable reports whether t can be stored exactly.
func storable(t time.Time) bool {
	return t.IsZero() || (!t.Before(minTime) && !t.After(maxTime))
}

// checkTimes returns an outcome wrapping invalid when a time cannot be
// stored.
func checkTimes(invalid error, ts ...time.Time) error {
	for _, t := range ts {
		if !storable(t) {
			return domain(invalid, "time %s is outside the years 1678 to 2262 the store keeps", t.Format(time.RFC3339))
		}
	}
	return nil
}

// checkText returns an outcome wrapping invalid when a string is not text
// both databases keep exactly: valid UTF-8 without NUL bytes. (The audit
// trail keeps any bytes; see the audit store.)
func checkText(invalid error, ss ...string) error {
	for _, s := range ss {
		if !isText(s) {
			return domain(invalid, "text %q is not valid UTF-8 without NUL bytes", clip(s))
		}
	}
	return nil
}

func isText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 || s[i] >= utf8.RuneSelf {
			return utf8.ValidString(s) && !containsNUL(s)
		}
	}
	return true
}

func containsNUL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return true
		}
	}
	return false
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// Lists no question of the domain filters on (terms, trusted access,
// categories, ...) are stored in one column as a JSON array (TEXT on
// SQLite, JSONB on PostgreSQL, queryable with either's JSON functions);
// NULL stands for a nil list, so that nil and empty lists come back as they
// went in.

// list returns the column value of a list.
func list[T ~string](l []T) any {
	if l == nil {
		return nil
	}
	ss := make([]string, len(l))
	for i, v := range l {
		ss[i] = string(v)
	}
	b, err := json.Marshal(ss)
	if err != nil {
		panic(err) // strings always marshal
	}
	return string(b)
}

// unlist reads a list column.
func unlist[T ~string](v sql.NullString) ([]T, error) {
	if !v.Valid {
		return nil, nil
	}
	ss, ok := splitList(v.String)
	if !ok {
		if err := json.Unmarshal([]byte(v.String), &ss); err != nil {
			return nil, fmt.Errorf("reading a stored list: %w", err)
		}
	}
	l := make([]T, len(ss))
	for i, s := range ss {
		l[i] = T(s)
	}
	return l, nil
}

// listText checks the strings of a list.
func listText[T ~string](invalid error, l []T) error {
	for _, s := range l {
		if err := checkText(invalid, string(s)); err != nil {
			return err
		}
	}
	return nil
}

// splitList reads a JSON array of strings without escapes, as most stored
// lists are, faster than encoding/json; false when it cannot.
func splitList(s string) ([]string, bool) {
	// JSONB returns "[\"a\", \"b\"]", json.Marshal "[\"a\",\"b\"]".
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, false
	}
	body := strings.TrimSpace(s[1 : len(s)-1])
	if body == "" {
		return []string{}, true
	}
	if strings.IndexByte(body, '\\') >= 0 {
		return nil, false
	}
	n := strings.Count(body, ",") + 1
	out := make([]string, 0, n)
	for body != "" {
		if body[0] != '"' {
			return nil, false
		}
		end := strings.IndexByte(body[1:], '"')
		if end < 0 {
			return nil, false
		}
		out = append(out, body[1:1+end])
		body = strings.TrimLeft(body[end+2:], " ")
		if body == "" {
			break
		}
		if body[0] != ',' {
			return nil, false
		}
		body = strings.TrimLeft(body[1:], " ")
	}
	return out, true
}
