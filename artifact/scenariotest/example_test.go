package scenariotest_test

import (
	"testing"

	inquirymem "github.com/artifactkit/artifactkit/artifact/inquiry/memstore"
	"github.com/artifactkit/artifactkit/artifact/scenariotest"
	reportmem "github.com/artifactkit/artifactkit/report/memstore"
)

// A store implementation runs the service scenarios on a Service over its
// stores, in a test of its own (here the in-memory report store stands in
// for it; the other stores are kept in memory).
func ExampleRun() {
	_ = func(t *testing.T) {
		scenariotest.Run(t, "", func(testing.TB) scenariotest.Stores {
			return scenariotest.Stores{Report: reportmem.New()}
		})
	}
}

// An inquiry store implementation runs the compliance inquiry scenarios
// on it (here the in-memory store stands in for it), from the kit's own
// corpus.
func ExampleRunInquiries() {
	_ = func(t *testing.T) {
		scenariotest.RunInquiries(t, "", func(testing.TB) scenariotest.Stores {
			return scenariotest.Stores{Inquiry: inquirymem.New()}
		})
	}
}
