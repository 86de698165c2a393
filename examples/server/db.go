package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/artifactkit/artifactkit/artifact"
)

// stores are the service's stores as -db names them.
type stores struct {
	name    string
	options []artifact.Option
	close   func()
}

// errNotYet refuses a durable store: the SQL stores (nested module
// github.com/artifactkit/artifactkit/artifact/sqlstore, issue 15) are not
// part of this build yet.
var errNotYet = errors.New("the SQL stores (module github.com/artifactkit/artifactkit/artifact/sqlstore) are not available in this build yet; use -db memory")

// openStores opens the stores -db names: "memory" (the default), a SQLite
// file ("sqlite:PATH") or a PostgreSQL DSN ("postgres://..." or
// "postgresql://...").
func openStores(spec string) (stores, error) {
	switch {
	case spec == "" || spec == "memory":
		return stores{name: "memory", close: func() {}}, nil
	case strings.HasPrefix(spec, "sqlite:"):
		if strings.TrimPrefix(spec, "sqlite:") == "" {
			return stores{}, errors.New("-db sqlite: needs a file: sqlite:PATH")
		}
		return stores{}, fmt.Errorf("-db sqlite: %w", errNotYet)
	case strings.HasPrefix(spec, "postgres://"), strings.HasPrefix(spec, "postgresql://"):
		return stores{}, fmt.Errorf("-db postgres: %w", errNotYet)
	}
	// The value is not echoed: a mistyped DSN may hold a password.
	return stores{}, errors.New("-db: want memory, sqlite:PATH or a postgres:// DSN")
}
