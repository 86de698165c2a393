// Command embed shows a platform running artifactkit on stores of its own.
//
// Package platformstore holds the platform's stores: an org.Store and an
// audit.Store that keep encoded rows in tables, the way a SQL database would,
// instead of the in-memory memstore packages. This program builds an
// org.Directory and an audit.Log over them, creates an organization, has an
// account join it, asks where the account stood at two instants, records a
// few calls in the audit trail and verifies the trail. A fixed clock dates
// everything, so every run prints the same.
//
// Run it from the repository root:
//
//	go run ./examples/embed
package main
