package artifact_test

import (
	"encoding/json"
	"fmt"

	"github.com/artifactkit/artifactkit/artifact"
)

// A saved `aws artifact list-reports` output loads; periods come back as
// civil dates.
func ExampleListReportsOutput_UnmarshalJSON() {
	saved := `{
	    "reports": [{
	        "id": "report-abcdef0123456789",
	        "name": "SOC 2 Type 2 Report",
	        "version": 3,
	        "periodStart": "2024-10-01T00:00:00Z",
	        "periodEnd": "2025-09-30T00:00:00Z",
	        "series": "SOC",
	        "acceptanceType": "EXPLICIT"
	    }]
	}`
	var out artifact.ListReportsOutput
	if err := json.Unmarshal([]byte(saved), &out); err != nil {
		fmt.Println(err)
		return
	}
	r := out.Reports[0]
	fmt.Println(r.ID, r.Version, r.Period(), r.AcceptanceType)
	// Output: report-abcdef0123456789 3 2024-10-01..2025-09-30 EXPLICIT
}

// An error marshals to its AWS members.
func ExampleValidationException_MarshalJSON() {
	err := &artifact.ValidationException{
		Message:   "invalid reportId",
		Reason:    artifact.ReasonFieldValidationFailed,
		FieldList: []artifact.ValidationExceptionField{{Name: "reportId", Message: "must be report- and 16 letters or digits"}},
	}
	b, _ := json.Marshal(err)
	fmt.Println(string(b))
	// Output: {"message":"invalid reportId","reason":"fieldValidationFailed","fieldList":[{"name":"reportId","message":"must be report- and 16 letters or digits"}]}
}
