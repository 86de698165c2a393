// Command persistent is artifactkit's walkthrough on a database that
// outlives it: an SQLite file.
//
// The first run sets up an Artifact world in the file (the BAA, a SOC 2
// report, an organization whose management account accepts the BAA for
// every account, an auditor who downloads the report); every later run
// finds that state, says what it found, verifies the audit trail the
// earlier runs wrote, and adds to it: a new account joins the organization
// and is a HIPAA Account at once, and the auditor downloads again.
//
//	go run github.com/artifactkit/artifactkit/artifact/sqlstore/examples/persistent -db "${TMPDIR:-/tmp}/artifact.db"
//	go run github.com/artifactkit/artifactkit/artifact/sqlstore/examples/persistent -db "${TMPDIR:-/tmp}/artifact.db"
//
// With -postgres DSN it runs on PostgreSQL instead.
package main
