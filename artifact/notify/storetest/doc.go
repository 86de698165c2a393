// Package storetest is the conformance kit for notify.Store (Run) and
// notify.Outbox (RunOutbox) implementations.
//
// Run the kit with the race detector (go test -race): its concurrency
// checks count on it to find a store's data races. It also checks that
// every method honours a cancelled context, as the Store interface
// promises.
package storetest
