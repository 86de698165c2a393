package storetest_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/org/memstore"
	"github.com/artifactkit/artifactkit/org/storetest"
)

// A platform runs the kit against its own org.Store, in a test of its own
// (here the in-memory store stands in for it).
func ExampleRun() {
	_ = func(t *testing.T) {
		storetest.Run(t, func(*testing.T) org.Store { return memstore.New() })
	}
}
