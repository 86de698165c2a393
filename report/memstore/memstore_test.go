package memstore_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/report"
	"github.com/artifactkit/artifactkit/report/memstore"
	"github.com/artifactkit/artifactkit/report/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) report.Store { return memstore.New() })
}

func TestZeroValueIsUsable(t *testing.T) {
	storetest.Run(t, func(*testing.T) report.Store { return new(memstore.Store) })
}
