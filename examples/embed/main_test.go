package main

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/org"
)

// The platform's stores are what artifactkit's constructors take.
var (
	_ org.Store   = newStores().Org
	_ audit.Store = newStores().Audit
)

// TestRunIsRepeatable: with a fixed clock the walkthrough prints the same on
// every run.
func TestRunIsRepeatable(t *testing.T) {
	var first, second bytes.Buffer
	require.NoError(t, run(context.Background(), &first))
	require.NoError(t, run(context.Background(), &second))
	require.Equal(t, first.String(), second.String())
}

func Example() {
	if err := run(context.Background(), os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// The platform keeps organizations and the audit trail in its own tables (package platformstore).
	//
	// On 5 January 2026 at 09:00 UTC account 111122223333 created organization o-healthco0001 with all features.
	// The organizations table holds it as the row
	//   {"id":"o-healthco0001","arn":"arn:aws:organizations::111122223333:organization/o-healthco0001","management_account":"111122223333","feature_set":"ALL","trusted_access":null,"service_linked_role":false,"created":"2026-01-05T09:00:00Z","seq":1}
	// On 2 February 2026 at 10:30 UTC account 444455556666 joined o-healthco0001 (change 1 of its history).
	// On 20 January 2026 at 12:00 UTC account 444455556666 was in no organization.
	// On 1 March 2026 at 12:00 UTC account 444455556666 was in o-healthco0001, which it entered on 2 February 2026 at 10:30 UTC.
	// On 1 March 2026 at 12:00 UTC the members of o-healthco0001 were 111122223333 and 444455556666.
	//
	// Audit record 1: on 2 March 2026 at 14:00 UTC arn:aws:iam::444455556666:user/auditor called ListReports: allowed.
	// Audit record 2: on 2 March 2026 at 14:02 UTC arn:aws:iam::444455556666:user/auditor called GetReport: allowed.
	//   It carries the hash of record 1, chaining the two.
	// Audit record 3: on 2 March 2026 at 14:05 UTC arn:aws:iam::444455556666:user/auditor called AcceptAgreement: denied (AccessDeniedException).
	//   It carries the hash of record 2, chaining the two.
	// The audit_records table holds 3 rows, and Verify finds the trail intact.
}
