// Package memstore is the in-memory notify.Store: the default of the
// artifact service and the fixture of its tests.
package memstore
