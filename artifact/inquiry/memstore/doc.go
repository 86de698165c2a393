// Package memstore is the in-memory inquiry.Store: the default store of
// the artifact service's compliance inquiries, and a fixture for tests.
//
// A Store's zero value is an empty store ready to use. Values are copied
// in and out, so nothing the caller holds aliases what the store keeps. A Store is safe for concurrent use; each method holds
// one lock for its whole work, so every write is atomic.
package memstore
