package storetest_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/audit/memstore"
	"github.com/artifactkit/artifactkit/artifact/audit/storetest"
)

// A platform runs the kit against its own audit.Store, in a test of its own
// (here the in-memory store stands in for it).
func ExampleRun() {
	_ = func(t *testing.T) {
		storetest.Run(t, func(*testing.T) audit.Store { return memstore.New() })
	}
}
