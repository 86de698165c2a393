package sqlstore_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/sqlite"
	"github.com/artifactkit/artifactkit/org"
)

// A service whose every store is a database file: what it records outlives
// the process.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "artifactkit")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "artifact.db")

	for run := 1; run <= 2; run++ {
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			panic(err)
		}
		svc, err := artifact.New(db.ServiceOptions()...)
		if err != nil {
			panic(err)
		}
		if run == 1 {
			if _, err := svc.CreateOrganization(ctx, "o-exampleorg1", "111111111111", org.AllFeatures); err != nil {
				panic(err)
			}
		}
		o, err := db.Org().Organization(ctx, "o-exampleorg1")
		if err != nil {
			panic(err)
		}
		n, _ := db.Audit().Len(ctx)
		fmt.Printf("run %d: %s managed by %s; %d audit record(s), verified: %v\n",
			run, o.ID, o.ManagementAccount, n, audit.NewLog(db.Audit()).Verify(ctx) == nil)
		db.Close()
	}
	// Output:
	// run 1: o-exampleorg1 managed by 111111111111; 1 audit record(s), verified: true
	// run 2: o-exampleorg1 managed by 111111111111; 1 audit record(s), verified: true
}
