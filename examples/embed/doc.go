// Command embed shows a platform running artifactkit on stores of its own:
// how to write a store for a backend the library does not ship, and how
// the conformance kits tell you it is right.
//
// artifactkit ships two kinds of store: in memory (the memstore packages)
// and SQL (SQLite and PostgreSQL, in the nested module artifact/sqlstore).
// A platform whose data lives elsewhere (a key-value service, a document
// database, an internal API) implements the interfaces itself. Package
// platformstore is such a store for org.Store and audit.Store, kept as
// encoded rows in key-value tables, and its tests run the kits
// org/storetest and artifact/audit/storetest: a store that passes them
// behaves as the library expects, concurrency and aliasing included.
//
// This program builds an org.Directory and an audit.Log over those stores,
// creates an organization, has an account join it, asks where the account
// stood at two instants, records a few calls in the audit trail and
// verifies the trail. A fixed clock dates everything, so every run prints
// the same.
//
// Run it from the repository root:
//
//	go run ./examples/embed
package main
