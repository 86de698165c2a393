// Package memstore is the in-memory audit.Store: the default of the
// artifact service and the fixture of its tests.
//
// Records are kept encoded, back to back in large byte blocks, so that a
// long trail costs the garbage collector almost nothing to keep: the blocks
// hold no pointers, and only their headers are scanned. What records repeat
// is kept once: the short strings they share (principals, resources,
// actions) are interned, and a record's number and the hash of the record
// before it are implied by its place. Reading decodes.
package memstore
