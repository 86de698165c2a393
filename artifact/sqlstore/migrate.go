package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// migrations holds the schema of each dialect as numbered steps:
// migrations/<dialect>/NNNN_<name>.sql. A step is never edited once
// released; a change of schema is a new step.
//
//go:embed migrations
var migrations embed.FS

// migration is one step of a dialect's schema.
type migration struct {
	version int
	name    string
	sql     string
}

// steps returns the dialect's migrations in order.
func (d Dialect) steps() ([]migration, error) {
	dir := path.Join("migrations", d.String())
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("sqlstore: migration file %s is not NNNN_name.sql", e.Name())
		}
		b, err := fs.ReadFile(migrations, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("sqlstore: migration %d of %s is numbered %d", i+1, d, m.version)
		}
	}
	return out, nil
}

// SchemaVersion returns the newest schema version this package migrates
// to.
func SchemaVersion() int {
	steps, err := SQLite.steps()
	if err != nil {
		panic(err)
	}
	return len(steps)
}

// Migrate brings the database's schema to the newest version this package
// knows, in one transaction: every pending step and its record in the
// table schema_migrations are applied together, or none is. Running it on
// a database that is up to date changes nothing, and processes that open
// one database at once wait for each other (PostgreSQL: an advisory lock
// of the schema; SQLite: the write lock). A database migrated by a newer program is left
// untouched and Migrate returns a *SchemaError wrapping ErrSchemaTooNew.
func (db *DB) Migrate(ctx context.Context) error {
	steps, err := db.dialect.steps()
	if err != nil {
		return err
	}
	known := len(steps)
	return db.write(ctx, "migrate", nil, func(tx *runner) error {
		if db.dialect == PostgreSQL {
			// One migrator at a time per schema; the lock ends with the
			// transaction.
			if _, err := tx.ExecContext(ctx, "SELECT "+migrationLock); err != nil {
				return err
			}
		}
		var exists bool
		if err := tx.QueryRowContext(ctx, db.dialect.tableExists(), "schema_migrations").Scan(&exists); err != nil {
			return err
		}
		current := 0
		if exists {
			var v sql.NullInt64
			if err := tx.QueryRowContext(ctx, "SELECT MAX(version) FROM schema_migrations").Scan(&v); err != nil {
				return err
			}
			current = int(v.Int64)
		}
		if current > known {
			return &outcome{&SchemaError{Database: current, Known: known}}
		}
		if current == known {
			return nil
		}
		if !exists {
			if _, err := tx.ExecContext(ctx, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"); err != nil {
				return err
			}
		}
		now := time.Now().UnixNano()
		for _, m := range steps[current:] {
			if _, err := tx.tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
			}
			if _, err := tx.ExecContext(ctx, db.q("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"), m.version, m.name, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// Version returns the schema version recorded in the database (0 for an
// empty database).
func (db *DB) Version(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := db.read(ctx, "schema version", func(q *runner) error {
		return q.QueryRowContext(ctx, "SELECT MAX(version) FROM schema_migrations").Scan(&v)
	})
	return int(v.Int64), err
}

// tableExists returns a query of one parameter, a table name, answering
// whether the table exists (in the current schema, on PostgreSQL).
func (d Dialect) tableExists() string {
	if d == PostgreSQL {
		return "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1)"
	}
	return "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?)"
}
