package artifact_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/scenariotest"
)

// TestInquiryScenarios drives the service through every scenario of the
// compliance inquiry corpus (the kit's, artifact/scenariotest's
// testdata/inquiries.json) on the in-memory stores: the nine inquiry and
// tagging operations, their lifecycle, AWS's status messages, idempotency,
// feedback, exports and tag-based access control. INQUIRY_SCENARIOS names
// another file of the same format to run instead.
func TestInquiryScenarios(t *testing.T) {
	scenariotest.RunInquiries(t, "", nil)
}

// Every inquiry scenario names a rule of section Q of the rulebook, the
// rules of compliance inquiries, and each of Q1 to Q8 is pinned by one.
func TestInquiryScenariosNameQRules(t *testing.T) {
	var scenarios []struct {
		Name  string   `json:"name"`
		Rules []string `json:"rules"`
	}
	require.NoError(t, json.Unmarshal(scenariotest.InquiryCorpus, &scenarios))
	pinned := map[string]bool{}
	for _, sc := range scenarios {
		q := false
		for _, r := range sc.Rules {
			if strings.HasPrefix(r, "Q") {
				q, pinned[r] = true, true
			}
		}
		require.True(t, q, "scenario %q names no rule of section Q", sc.Name)
	}
	for i := 1; i <= 8; i++ {
		require.True(t, pinned[fmt.Sprint("Q", i)], "no scenario pins Q%d", i)
	}
}
