package scenariotest_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/agreement/scenariotest"
)

// A store implementation runs the agreement scenarios on its stores, in a
// test of its own (here the in-memory agreement store stands in for it,
// and the organizations are kept in memory).
func ExampleRun() {
	_ = func(t *testing.T) {
		scenariotest.Run(t, "", func(testing.TB) scenariotest.Stores {
			return scenariotest.Stores{Agreement: memstore.New()}
		})
	}
}
