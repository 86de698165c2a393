// Package storetest is the conformance kit for [org.Store]
// implementations. Run it from a test of the implementation:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) org.Store { return mystore.New() })
//	}
package storetest
