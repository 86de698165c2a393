package storetest_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/artifact/notify/memstore"
	"github.com/artifactkit/artifactkit/artifact/notify/storetest"
)

// A platform runs the kit against its own notify.Store, in a test of its
// own (here the in-memory store stands in for it).
func ExampleRun() {
	_ = func(t *testing.T) {
		storetest.Run(t, func(*testing.T) notify.Store { return memstore.New() })
	}
}

// A platform runs the outbox kit against its own notify.Outbox.
func ExampleRunOutbox() {
	_ = func(t *testing.T) {
		storetest.RunOutbox(t, func(*testing.T) notify.Outbox { return memstore.NewOutbox() })
	}
}
