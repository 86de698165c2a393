package sqlstore

import (
	"errors"
	"strconv"
	"strings"
)

// Dialect names the SQL database a DB talks to. The schema, a few
// statements and the reading of errors differ between them; the stores
// are the same.
type Dialect int

// The dialects.
const (
	// SQLite, through a driver whose errors have a Code() int method
	// returning SQLite's extended result code (modernc.org/sqlite).
	SQLite Dialect = iota + 1
	// PostgreSQL, through a driver whose errors have a SQLState() string
	// method (github.com/jackc/pgx/v5).
	PostgreSQL
)

// String returns the dialect's name.
func (d Dialect) String() string {
	switch d {
	case SQLite:
		return "sqlite"
	case PostgreSQL:
		return "postgres"
	}
	return "dialect(" + strconv.Itoa(int(d)) + ")"
}

// q returns query in the dialect's placeholder syntax: queries are written
// with ?, which SQLite takes as it is and PostgreSQL as $1, $2, ... No query
// of this package has a ? inside a literal. The DB keeps the queries it
// rewrote.
func (db *DB) q(query string) string {
	if db.dialect != PostgreSQL {
		return query
	}
	if v, ok := db.rebinds.Load(query); ok {
		return v.(string)
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	db.rebinds.Store(query, b.String())
	return b.String()
}

// errClass is what a database error means to a store.
type errClass int

const (
	classOther errClass = iota
	// classUnique: a unique or primary key constraint refused the write;
	// another writer got there first.
	classUnique
	// classRetry: the transaction lost a race the database detected
	// (serialization failure, deadlock) and may be retried.
	classRetry
)

// classify reads a driver error.
func classify(err error) (errClass, string) {
	var pg interface{ SQLState() string }
	if errors.As(err, &pg) {
		code := pg.SQLState()
		switch code {
		case "23505": // unique_violation
			return classUnique, code
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return classRetry, code
		}
		return classOther, code
	}
	var lite interface{ Code() int }
	if errors.As(err, &lite) {
		code := lite.Code()
		switch code {
		case 1555, 2067: // SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE
			return classUnique, strconv.Itoa(code)
		}
		return classOther, strconv.Itoa(code)
	}
	return classOther, ""
}

// PostgreSQL's advisory locks are named in the two-int4 form: a constant
// for what is locked, and the oid of the schema the stores are in, so that
// deployments in schemas of one database (postgres.WithSchema) never wait
// for each other's locks. (The two forms' key spaces do not overlap; a
// session whose search path names no schema that exists locks schema 0,
// and fails at its first table anyway.)
const (
	// schemaKey is the second key: the current schema's oid.
	schemaKey = "COALESCE((SELECT oid FROM pg_namespace WHERE nspname = current_schema())::int4, 0)"
	// migrationLock serializes the migrations of a schema ("arti" in
	// ASCII).
	migrationLock = "pg_advisory_xact_lock(1634890857, " + schemaKey + ")"
	// auditLock serializes appends to a schema's audit trail
	// (AuditStore.AppendNext); tryAuditLock takes it only if it is free
	// (AuditStore.Append).
	auditLock    = "pg_advisory_xact_lock(1634890858, " + schemaKey + ")"
	tryAuditLock = "pg_try_advisory_xact_lock(1634890858, " + schemaKey + ")"
)
