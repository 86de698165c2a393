// Package storetest is the conformance kit for audit.Store
// implementations: run it from a test of your store and it checks
// sequencing, conflicts, reading and the aliasing contract.
//
// Run the kit with the race detector (go test -race): its concurrency
// checks count on it to find a store's data races. It also checks that
// every method honours a cancelled context, as the Store interface
// promises.
package storetest
