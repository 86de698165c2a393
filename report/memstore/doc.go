// Package memstore is the in-memory report.Store: the default store of the
// artifact service and the fixture of the tests.
package memstore
