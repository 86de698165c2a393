// Package platformstore is an example of the stores a platform writes for
// a backend artifactkit does not ship: an org.Store ([OrgStore]) and an
// audit.Store ([AuditStore]) kept as rows in key-value tables, the shape of
// a key-value service such as DynamoDB, rather than as Go values the way
// the memstore packages do. (For SQLite and PostgreSQL, use the stores of
// the nested module github.com/artifactkit/artifactkit/artifact/sqlstore.)
//
// Each store holds tables of rows. A row is the JSON encoding of a row struct
// whose fields are the item's attributes; a table maps a primary key to its
// row, and a secondary index maps another attribute to primary keys.
// Because every value is encoded on the way in and decoded on the way out,
// a caller never shares memory with a store: the interfaces' aliasing
// contract holds without a single Clone. A write encodes all its rows before
// it stores any, so a failed write changes nothing, as a transaction would.
//
// A sync.RWMutex stands in for the backend's conditional writes. Optimistic
// locking works as the interfaces say: an update names the sequence number
// it read, and the store refuses it with a conflict error when the stored
// row has moved on.
//
// A real platform replaces the maps with its backend's calls (a
// conditional write on the sequence number where this package compares it
// under the mutex) and checks the result with the same conformance kits
// this package's tests run: org/storetest and artifact/audit/storetest.
package platformstore
