package artifact_test

import (
	"testing"

	"github.com/artifactkit/artifactkit/artifact/scenariotest"
)

// TestServiceScenarios drives the service through every scenario of the
// service corpus on the in-memory stores (G1-G7, N1, N2, T1, A12, R1, S1).
func TestServiceScenarios(t *testing.T) {
	scenariotest.Run(t, "", nil)
}
