// Package sqlstore keeps artifactkit's state in a SQL database: every
// store interface of the library (org.Store, agreement.Store,
// report.Store, audit.Store, notify.Store) over database/sql, in two
// dialects, SQLite and PostgreSQL. Open a database with the sqlite or
// postgres package beside this one and hand its stores to the service:
//
//	db, err := sqlite.Open(ctx, "artifact.db") // or postgres.Open(ctx, dsn)
//	...
//	svc, err := artifact.New(db.ServiceOptions()...)
//
// Services in several processes over one database share one state: one
// catalog, one membership history, one audit chain.
//
// # Schema
//
// The schema is a numbered sequence of migrations embedded in the package
// (migrations/<dialect>/NNNN_name.sql). Open applies the pending ones in one
// transaction, recorded in the table schema_migrations; opening an up to
// date database changes nothing, and processes opening one database at
// once wait for each other. A database migrated by a newer program is left
// untouched: Open fails with a *SchemaError wrapping ErrSchemaTooNew.
//
// Tables and indexes follow the questions the domain asks: an account's
// membership at an instant is one probe of (account, at, seq); an
// organization's members at an instant a walk of (org, account, seq) with
// that probe per member; the customer agreement of a key at an instant one
// probe of (agreement, scope, holder, effective_start, key_seq); the best
// report for an audit window a walk of the partial covering index
// reports_coverage; audit records are numbered by their primary key.
// Times are BIGINT nanoseconds since the Unix epoch in UTC (exact: the
// audit chain hashes them to the nanosecond); the zero time, an open end,
// is the smallest BIGINT. Dates are YYYYMMDD integers. Lists no question
// filters on (terms, trusted access, categories) are JSON arrays (JSONB on
// PostgreSQL), NULL for none.
//
// # Transactions and concurrency
//
// Each store method is one transaction (a single statement, or a
// BEGIN ... COMMIT around its statements). The optimistic concurrency of
// the interfaces is enforced by the database: an update of a record is
// UPDATE ... WHERE seq = <the sequence number read>, which a concurrent
// committed update makes match nothing; an append (a membership change, a
// customer agreement of a key, an audit record) inserts a unique key (the
// account and its position, the key and its position, the record's
// number) that a concurrent append of the same position inserts too, so
// one of them fails on the index. The loser gets the interface's conflict
// error, which the domain retries. At most one ACTIVE customer agreement
// per key is a partial unique index.
//
// On PostgreSQL transactions run at READ COMMITTED, the server's default.
// It suffices for what one store method does: every decision its
// transaction takes on what it read is guarded by the key it then writes.
// On SQLite there is one writer at a time and a transaction holds the write
// lock from its start (BEGIN IMMEDIATE): serializable.
//
// Isolation protects no more than that. The domain checks and then acts
// across store methods, each a transaction of its own (the store
// interfaces span none), and no isolation level reaches across them. The
// domain guards its decisions the way the stores guard theirs: it writes
// the record it decided on at the sequence number it read, or at a unique
// key, and re-reads, re-validates and retries on a conflict. So two
// acceptances of one agreement by one account or organization end with one
// ACTIVE customer agreement (the partial unique index), a membership
// change follows the account's last (its next position), a termination or
// an update applies to the record as read, and of two Delivers one claims
// an outbox entry. Where a decision rests on another record than the one
// written, calls take effect in some serial order, not necessarily the one
// they started in: an organization acceptance that found trusted access
// enabled is stored as if it came before a concurrent DisableTrustedAccess;
// the notifications of a member leaving while its organization's agreement
// is terminated are derived by each call from what it saw, so the member
// may be told of its loss of coverage twice or not at all (its coverage,
// read from history, is right either way); and a Deliver that finds a
// change not yet stored deletes its outbox entry, which the change's call
// then records again (package artifact).
//
// Appends to the audit trail from several processes queue for one lock
// (a PostgreSQL advisory lock of the schema, SQLite's write lock) through
// audit.SequencingStore, so that no writer starves and the chain never
// forks; a Log that appends without racing (the common case) costs one
// statement.
//
// # Large organizations
//
// The stores implement the domain's optional interfaces for answers linear
// in an organization's size: org.MemberStore (members a page at a time),
// agreement.BatchStore (a thousand members' records per query),
// notify.BatchStore (a thousand members' settings per query),
// report.BestStore and report.ChainStore (the best report and the covering
// chain through the database's index), so that Registry.HIPAAAccountsSeq
// streams an organization of 100,000 members in flat memory,
// Service.AcceptAgreement accepts an organization BAA in O(1) writes and
// reads (Registry.Expand and Service.Deliver stream its members later),
// and Catalog.BestReport and CoveringChain do not rebuild an in-memory
// index after each publication.
//
// # Notifications
//
// OutboxStore (table notification_outbox, schema version 3) is the
// service's notify.Outbox: an entry is written before its change and
// deleted once its notifications are delivered, in transactions of their
// own (the store interfaces span no transaction across stores), so
// delivery is at least once. ServiceOptions includes it, so that every
// service over the database delivers what another could not
// (Service.Deliver); a Deliver claims an entry before it delivers it (an
// UPDATE at the sequence number it read), so that the Delivers of several
// services deliver it once.
//
// # Failures
//
// A failure of the database reaches the caller as an *Error (and, through
// the service, as an InternalServerException) whose message names the
// store operation and the kind of failure, never the driver, the data
// source, the host, the user or the SQL text; the driver's error is its
// cause, for errors.Is and errors.As. A failed call changes nothing.
// Strings a column cannot keep exactly (invalid UTF-8, NUL bytes) are
// refused as invalid input, except in the audit trail, which keeps any
// bytes.
package sqlstore
