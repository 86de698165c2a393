// Package sqlite opens artifactkit's stores on an SQLite database file,
// through the pure-Go driver modernc.org/sqlite: no cgo, no server, nothing
// to install.
//
// Durability: the database runs in WAL mode (readers never wait for the
// writer, the writer never waits for readers) with synchronous NORMAL by
// default, SQLite's recommendation for WAL: a commit is acknowledged once
// it is in the operating system's hands, so it survives a crash of the
// process, and a loss of power loses at most the last commits, never a
// part of one. Every call of the Artifact service appends to the audit
// trail, so waiting for the disk at each commit would bound a call by the
// disk's flush (about a millisecond on the development machine, against
// about 0.1 ms without); [WithSynchronous]([Full]) makes every
// acknowledged write survive the power too, at that price.
//
// Concurrency: SQLite has one writer at a time. Writes of one process queue
// for a single connection; processes sharing a file queue for its write
// lock, up to the busy timeout ([WithBusyTimeout]). A transaction holds the
// write lock from its start (BEGIN IMMEDIATE), so it reads the state it
// writes over: SQLite's isolation is serializable.
package sqlite
