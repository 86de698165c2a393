package scenariotest_test

import (
	"fmt"
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

// Corpora are decoded strictly: a field the format does not define, or
// anything after the value, fails.
func ExampleDecodeStrict() {
	var step struct {
		Op string `json:"op"`
	}
	fmt.Println(scenariotest.DecodeStrict([]byte(`{"op": "AcceptAgreement"}`), &step), step.Op)
	fmt.Println(scenariotest.DecodeStrict([]byte(`{"op": "AcceptAgreement", "opp": 1}`), &step))
	fmt.Println(scenariotest.DecodeStrict([]byte(`{"op": "AcceptAgreement"} {}`), &step))
	// Output:
	// <nil> AcceptAgreement
	// json: unknown field "opp"
	// data after the value
}
