package memstore_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/artifact/inquiry/memstore"
	"github.com/artifactkit/artifactkit/artifact/inquiry/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) inquiry.Store { return memstore.New() })
}

// The zero Store is an empty store ready to use.
func TestConformanceZeroValue(t *testing.T) {
	storetest.Run(t, func(*testing.T) inquiry.Store { return new(memstore.Store) })
}
