// Package platformstore is an example of the stores a platform plugs in
// behind artifactkit's interfaces: an org.Store ([OrgStore]) and an
// audit.Store ([AuditStore]) kept the way a SQL database keeps data, rather
// than as Go values the way the memstore packages do.
//
// Each store holds tables of rows. A row is the JSON encoding of a row struct
// whose fields are the table's columns; a table maps a primary key to its
// row, and a secondary index maps another column to primary keys. Because
// every value is encoded on the way in and decoded on the way out, a caller
// never shares memory with a store: the interfaces' aliasing contract holds
// without a single Clone. A write encodes all its rows before it stores any,
// so a failed write changes nothing, as a rolled-back transaction would.
//
// A sync.RWMutex stands in for the database's transactions. Optimistic
// locking works as the interfaces say: an update names the sequence number
// it read, and the store refuses it with a conflict error when the stored
// row has moved on.
//
// A real platform would replace the maps with SQL tables, for example
//
//	CREATE TABLE organizations (id TEXT PRIMARY KEY, row JSONB NOT NULL);
//	CREATE TABLE changes (account TEXT, seq BIGINT, org TEXT, appended BIGSERIAL,
//	                      row JSONB NOT NULL, PRIMARY KEY (account, seq));
//	CREATE INDEX changes_by_org ON changes (org, appended);
//	CREATE TABLE audit_records (seq BIGINT PRIMARY KEY, row JSONB NOT NULL);
//
// and check the result with the same conformance kits this package's tests
// run: org/storetest and artifact/audit/storetest.
package platformstore
