// Package postgres opens artifactkit's stores on a PostgreSQL database,
// through github.com/jackc/pgx/v5 (its database/sql driver).
//
// Isolation: transactions run at PostgreSQL's default, READ COMMITTED. It
// suffices because every write that depends on what it read is guarded by
// the database itself: an optimistic update is UPDATE ... WHERE seq = old,
// which a concurrent writer's committed update makes match nothing (the
// loser sees its conflict error), and every append (a membership change, a
// customer agreement of a key, an audit record) inserts a key (account and
// seq, key and position, seq) that a concurrent append of the same position
// also inserts, so one of them fails on the unique index and sees its
// conflict error. No invariant spans rows that two transactions could
// change without touching a common key.
//
// Durability is the server's: with synchronous_commit on (PostgreSQL's
// default) a write is acknowledged once it is in the write-ahead log on
// disk.
package postgres
