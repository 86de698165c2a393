package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/postgres"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/sqlite"
)

// stores are the service's stores as -db names them.
type stores struct {
	name    string
	options []artifact.Option
	close   func()
}

// openStores opens the stores -db names: "memory" (the default), a SQLite
// file ("sqlite:PATH", created with its schema if missing) or a PostgreSQL
// DSN ("postgres://..." or "postgresql://..."), whose schema it migrates.
// Errors never echo the DSN: it may hold a password.
func openStores(spec string) (stores, error) {
	ctx := context.Background()
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
			return stores{}, errors.New("-db sqlite: needs a file: sqlite:PATH")
		}
		name = "sqlite " + path
		if db, err = sqlite.Open(ctx, path); err != nil {
			return stores{}, fmt.Errorf("-db sqlite: %w", err)
		}
	case strings.HasPrefix(spec, "postgres://"), strings.HasPrefix(spec, "postgresql://"):
		name = "postgres"
		if db, err = postgres.Open(ctx, spec); err != nil {
			return stores{}, fmt.Errorf("-db postgres: %w", err)
		}
	default:
		// The value is not echoed: a mistyped DSN may hold a password.
		return stores{}, errors.New("-db: want memory, sqlite:PATH or a postgres:// DSN")
	}
	return stores{name: name, options: db.ServiceOptions(), close: func() { db.Close() }}, nil
}
