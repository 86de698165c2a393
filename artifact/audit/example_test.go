package audit_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/audit/memstore"
)

func Example() {
	ctx := context.Background()
	store := memstore.New()
	log := audit.NewLog(store)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	_, _ = log.Append(ctx, audit.Entry{EventName: "GetReport", Principal: "arn:aws:iam::111122223333:user/auditor",
		Account: "111122223333", Resource: "arn:aws:artifact:us-east-1::report/report-jRVRFP8HxUN5zpPh:1",
		Action: "artifact:GetReport", Decision: audit.Allowed, Time: at})
	_, _ = log.Append(ctx, audit.Entry{EventName: "AcceptAgreement", Principal: "arn:aws:iam::111122223333:user/auditor",
		Account: "111122223333", Resource: "arn:aws:artifact:::agreement/agreement-baa0000000000001",
		Action: "artifact:AcceptAgreement", Decision: audit.Denied, ErrorCode: "AccessDeniedException", Time: at.Add(time.Minute)})

	fmt.Println("intact:", log.Verify(ctx) == nil)

	// Someone edits the first record behind the log's back.
	store.Tamper(func(r []audit.Record) []audit.Record { r[0].Decision = audit.Denied; return r })
	var ce *audit.ChainError
	if err := log.Verify(ctx); errors.As(err, &ce) {
		fmt.Println("tampered at record", ce.Seq+0, "-", ce.Reason)
	}
	// Output:
	// intact: true
	// tampered at record 1 - hash does not match its contents (changed)
}
