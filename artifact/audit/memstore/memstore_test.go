package memstore_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/audit/memstore"
	"github.com/artifactkit/artifactkit/artifact/audit/storetest"
)

func TestStoreConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) audit.Store { return memstore.New() })
}

// The zero Store is an empty store ready to use (CONTRIBUTING.md).
func TestZeroValueIsUsable(t *testing.T) {
	storetest.Run(t, func(*testing.T) audit.Store { return new(memstore.Store) })
}
