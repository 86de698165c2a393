package memstore_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/artifact/notify/memstore"
	"github.com/artifactkit/artifactkit/artifact/notify/storetest"
)

func TestStoreConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) notify.Store { return memstore.New() })
}

// The zero Store is an empty store ready to use (CONTRIBUTING.md).
func TestZeroValueIsUsable(t *testing.T) {
	storetest.Run(t, func(*testing.T) notify.Store { return new(memstore.Store) })
}

func TestOutboxConformance(t *testing.T) {
	storetest.RunOutbox(t, func(*testing.T) notify.Outbox { return memstore.NewOutbox() })
	storetest.RunOutbox(t, func(*testing.T) notify.Outbox { return new(memstore.Outbox) })
}
