package storetest_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/agreement/storetest"
)

// A platform runs the kit against its own agreement.Store, in a test of its
// own (here the in-memory store stands in for it).
func ExampleRun() {
	_ = func(t *testing.T) {
		storetest.Run(t, func(*testing.T) agreement.Store { return memstore.New() })
	}
}
