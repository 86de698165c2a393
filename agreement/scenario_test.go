package agreement_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/agreement/scenariotest"
)

// TestScenarios runs the agreement scenario corpus (A1-A13, H1-H6, N1,
// T1) on the in-memory stores.
func TestScenarios(t *testing.T) {
	scenariotest.Run(t, "", nil)
}
