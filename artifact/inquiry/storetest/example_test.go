package storetest_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/artifact/inquiry/memstore"
	"github.com/artifactkit/artifactkit/artifact/inquiry/storetest"
)

// A platform runs the kit against its own inquiry.Store, in a test of its
// own (here the in-memory store stands in for it).
func ExampleRun() {
	_ = func(t *testing.T) {
		storetest.Run(t, func(*testing.T) inquiry.Store { return memstore.New() })
	}
}
