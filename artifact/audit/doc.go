// Package audit is the append-only, hash-chained audit trail of the
// artifact service (rules G5 and R6): every call, allowed or denied, is
// recorded with the principal, the action, the resource, the decision and
// the time, and Verify detects any record changed, removed, inserted or
// reordered.
//
// Records are kept by a Store; package memstore holds the in-memory one and
// package storetest the conformance kit every Store must pass. Hashing and
// chaining happen in Log, so a Store only keeps bytes in order.
package audit
