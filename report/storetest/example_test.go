package storetest_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/report"
	"github.com/artifactkit/artifactkit/report/memstore"
	"github.com/artifactkit/artifactkit/report/storetest"
)

// A platform runs the kit against its own report.Store, in a test of its
// own (here the in-memory store stands in for it).
func ExampleRun() {
	_ = func(t *testing.T) {
		storetest.Run(t, func(*testing.T) report.Store { return memstore.New() })
	}
}
