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
