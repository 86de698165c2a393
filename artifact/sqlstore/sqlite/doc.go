// Package sqlite opens artifactkit's stores on an SQLite database file,
// through the pure-Go driver modernc.org/sqlite: no cgo, no server, nothing
// to install.
//
// Durability: the database runs in WAL mode (readers never wait for the
// writer, the writer never waits for readers) with synchronous FULL by
// default: a write is acknowledged once it is on disk, so it survives the
// loss of power as well as a crash. [WithSynchronous]([Normal]) trades the
// last commits before a power loss (never a crash of the process: the
// commit is in the operating system's hands) for commits that wait for no
// disk. Either way a transaction is applied whole or not at all.
//
// Concurrency: SQLite has one writer at a time. Writes of one process queue
// for a single connection; processes sharing a file queue for its write
// lock, up to the busy timeout ([WithBusyTimeout]). A transaction holds the
// write lock from its start (BEGIN IMMEDIATE), so it reads the state it
// writes over: SQLite's isolation is serializable.
package sqlite
