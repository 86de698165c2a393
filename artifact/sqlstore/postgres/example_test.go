package postgres_test

import (
	"context"
	"fmt"
	"os"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/postgres"
)

// Open connects, migrates the schema and hands the stores to a service;
// services in several processes over one database share its state.
func ExampleOpen() {
	ctx := context.Background()
	db, err := postgres.Open(ctx, os.Getenv("ARTIFACTKIT_POSTGRES_DSN"), postgres.WithSchema("artifactkit"))
	if err != nil {
		fmt.Println(err) // names no part of the DSN
		return
	}
	defer db.Close()
	svc, err := artifact.New(db.ServiceOptions()...)
	if err != nil {
		panic(err)
	}
	_ = svc
}
