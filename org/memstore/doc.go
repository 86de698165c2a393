// Package memstore is the in-memory [org.Store]: the default store and the
// test fixture. It is safe for concurrent use, and copies values in and out
// so that callers never share memory with it.
package memstore
