// Package storetest is the conformance kit for [agreement.Store]
// implementations. Run it from a test of the implementation:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) agreement.Store { return mystore.New() })
//	}
package storetest
