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
