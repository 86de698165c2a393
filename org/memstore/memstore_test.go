package memstore_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/org/memstore"
	"github.com/artifactkit/artifactkit/org/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) org.Store { return memstore.New() })
}
