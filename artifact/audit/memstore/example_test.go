package memstore_test

import (
	"context"
	"fmt"
	"time"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/audit/memstore"
)

// The in-memory store behind an audit Log: the default and the test
// fixture.
func Example() {
	ctx := context.Background()
	log := audit.NewLog(memstore.New())
	rec, _ := log.Append(ctx, audit.Entry{EventName: "ListReports", Principal: "arn:aws:iam::111122223333:user/auditor",
		Account: "111122223333", Resource: "*", Action: "artifact:ListReports", Decision: audit.Allowed,
		Time: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)})
	fmt.Println(rec.Seq, rec.EventName, log.Verify(ctx) == nil)
	// Output: 1 ListReports true
}
