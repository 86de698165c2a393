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

import (
	"encoding/json"
	"fmt"
)

// table is a table of rows of type R, encoded as JSON, under primary key K.
type table[K comparable, R any] map[K][]byte

// get decodes the row with primary key k into a new R. It reports false
// when there is no such row.
func (t table[K, R]) get(k K) (R, bool, error) {
	var r R
	b, ok := t[k]
	if !ok {
		return r, false, nil
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, true, fmt.Errorf("platformstore: decode row %v: %w", k, err)
	}
	return r, true, nil
}

// raw returns a copy of the encoded row with primary key k, or nil.
func (t table[K, R]) raw(k K) []byte {
	b, ok := t[k]
	if !ok {
		return nil
	}
	return append([]byte(nil), b...)
}

// encode returns the encoded form of row r, ready to be put in a table.
func encode[R any](r R) ([]byte, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("platformstore: encode row: %w", err)
	}
	return b, nil
}
