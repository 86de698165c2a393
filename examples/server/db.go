package main

import (
	"context"
	"errors"
	"strings"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/postgres"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/sqlite"
)

// stores are the service's stores as -db names them.
type stores struct {
	name string
	// durable stores outlive the server: they may hold the world of an
	// earlier start.
	durable bool
	options []artifact.Option
	close   func()
}

// errDatabase marks a database that could not be opened (unreachable,
// refusing the credentials, not a database of the stores, its schema newer
// than this server's): not a bad command line. run exits with
// exitDatabase.
var errDatabase = errors.New("the database cannot be opened")

// dbError is a database -db names that could not be opened. Its message
// says which kind (sqlite, postgres) and why, from the store's error,
// which names no part of a DSN.
type dbError struct {
	kind string
	err  error
}

func (e *dbError) Error() string {
	msg := "-db " + e.kind + ": cannot open the database: " + e.err.Error()
	if hint := e.hint(); hint != "" {
		msg += ": " + hint
	}
	return msg
}

// hint says more of why, where that names no part of a DSN: the SQLite
// driver's message (about the file the user named), or what a PostgreSQL
// error code means (the store's error has the code, not the server's
// message, which may name the user).
func (e *dbError) hint() string {
	var se *sqlstore.Error
	if !errors.As(e.err, &se) || se.Err == nil {
		return ""
	}
	if e.kind == "sqlite" {
		return se.Err.Error()
	}
	return postgresCodes[se.Code]
}

// postgresCodes explains the SQLSTATEs met when opening a database.
var postgresCodes = map[string]string{
	"28P01": "the server refused the password",
	"28000": "the server refused the connection for this role (pg_hba.conf)",
	"3D000": "no such database",
	"42501": "the role may not create or use the schema",
	"53300": "the server has too many connections",
	"57P03": "the server is starting up or shutting down",
}

func (e *dbError) Unwrap() error        { return e.err }
func (e *dbError) Is(target error) bool { return target == errDatabase }

// usageError is a -db that names no store: a bad command line.
type usageError string

func (e usageError) Error() string        { return string(e) }
func (e usageError) Is(target error) bool { return target == errUsage }

// openStores opens the stores -db names: "memory" (the default), a SQLite
// file ("sqlite:PATH", created with its schema if missing) or a PostgreSQL
// DSN ("postgres://..." or "postgresql://..."), whose schema it migrates.
// A -db that names none of them is errUsage; a database that cannot be
// opened is errDatabase. Errors never echo the DSN: it may hold a
// password. Connecting and migrating stop when ctx is done (SIGINT or
// SIGTERM): the error then wraps ctx's error, and run says the start was
// interrupted.
func openStores(ctx context.Context, spec string) (stores, error) {
	var (
		db   *sqlstore.DB
		err  error
		name string
	)
	switch {
	case spec == "" || spec == "memory":
		return stores{name: "memory", close: func() {}}, nil
	case strings.HasPrefix(spec, "sqlite:"):
		path := strings.TrimPrefix(spec, "sqlite:")
		if path == "" {
			return stores{}, usageError("-db sqlite: needs a file: sqlite:PATH")
		}
		name = "sqlite " + path
		if db, err = sqlite.Open(ctx, path); err != nil {
			return stores{}, &dbError{"sqlite", err}
		}
	case strings.HasPrefix(spec, "postgres://"), strings.HasPrefix(spec, "postgresql://"):
		name = "postgres"
		if db, err = postgres.Open(ctx, spec); err != nil {
			return stores{}, &dbError{"postgres", err}
		}
	default:
		// The value is not echoed: a mistyped DSN may hold a password.
		return stores{}, usageError("-db: want memory, sqlite:PATH or a postgres:// DSN")
	}
	return stores{name: name, durable: true, options: db.ServiceOptions(), close: func() { db.Close() }}, nil
}
