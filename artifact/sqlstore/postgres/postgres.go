package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/artifactkit/artifactkit/artifact/sqlstore"
)

type config struct {
	schema   string
	maxConns int
}

// Option configures Open. An option given its zero value leaves the
// default.
type Option func(*config)

// WithSchema keeps the stores in the named schema, created if missing,
// instead of the connection's current schema: several deployments (or
// test runs) may then share one database, each with its own tables and
// its own locks (its migrations and audit appends wait for no other
// schema's). The name is a plain identifier:
// letters, digits and underscores, not starting with a digit.
func WithSchema(name string) Option { return func(c *config) { c.schema = name } }

// WithMaxConns bounds the connections of the pool (default 16).
func WithMaxConns(n int) Option { return func(c *config) { c.maxConns = n } }

// Open connects to the PostgreSQL database named by dsn (a URL such as
// postgres://user:password@host:5432/db?sslmode=disable, or key=value
// pairs, as libpq takes them), migrates its schema and returns it. Errors
// name no part of dsn; their cause (a *pgconn.ConnectError, ...) does.
func Open(ctx context.Context, dsn string, opts ...Option) (*sqlstore.DB, error) {
	c, err := configure(opts)
	if err != nil {
		return nil, err
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, &sqlstore.Error{Op: "open: reading the data source name", Err: err}
	}
	// The stores' statements are short and indexed: compiling them (JIT)
	// costs more than it saves, and PostgreSQL's cost model turns it on
	// for a LIMIT over a large table.
	if _, ok := cfg.RuntimeParams["jit"]; !ok {
		cfg.RuntimeParams["jit"] = "off"
	}
	if c.schema != "" {
		cfg.RuntimeParams["search_path"] = c.schema
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(c.maxConns)
	db.SetMaxIdleConns(c.maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if c.schema != "" {
		if err := createSchema(ctx, db, c.schema); err != nil {
			db.Close()
			return nil, &sqlstore.Error{Op: "open: creating the schema", Err: err}
		}
	}
	return sqlstore.Open(ctx, sqlstore.PostgreSQL, db) // closes db if it fails
}

// configure applies opts over the defaults: a zero value leaves the
// default; a value Open cannot use is an error.
func configure(opts []Option) (config, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	if c.schema != "" && !identifier(c.schema) {
		return config{}, fmt.Errorf("postgres: schema name %q: want letters, digits and underscores", c.schema)
	}
	switch {
	case c.maxConns == 0:
		c.maxConns = 16
	case c.maxConns < 0:
		return config{}, fmt.Errorf("postgres: %d connections: want at least 1", c.maxConns)
	}
	return c, nil
}

func identifier(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return s != "" && len(s) <= 63
}

// createSchema creates the schema unless it exists, under an advisory
// lock of the database's (the schema has no oid yet to name a lock of its
// own): two CREATE SCHEMA IF NOT EXISTS at once may both find it missing,
// and one then fails. The lock is none of the stores' (which are keyed by
// their schema's oid, never 0), so no migration or append waits for it.
func createSchema(ctx context.Context, db *sql.DB, schema string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(1634890857, 0)"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "CREATE SCHEMA IF NOT EXISTS "+schema); err != nil {
		return err
	}
	return tx.Commit()
}
