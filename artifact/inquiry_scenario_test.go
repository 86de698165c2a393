package artifact_test

import (
	"testing"

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
