// Package storetest is the conformance kit for [org.Store]
// implementations. Run it from a test of the implementation:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) org.Store { return mystore.New() })
//	}
//
// Run the kit with the race detector (go test -race): its concurrency
// checks count on it to find a store's data races. It also checks that
// every method honours a cancelled context, as the Store interface
// promises.
package storetest
