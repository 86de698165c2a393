package memstore_test

import (
	"context"
	"fmt"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/org"
	orgmem "github.com/artifactkit/artifactkit/org/memstore"
)

// The in-memory store behind a Registry: the default and the test fixture.
func Example() {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	dir := org.NewDirectory(orgmem.New(), org.WithClock(func() time.Time { return now }))
	reg := agreement.New(memstore.New(), dir)
	a, _ := reg.Define(ctx, agreement.Spec{ID: "agreement-baa0000000000001", Name: "AWS Business Associate Addendum",
		Kind: agreement.KindBAA, Type: agreement.TypeDefault, Subjects: []agreement.Scope{agreement.ScopeAccount},
		Revision: agreement.RevisionSpec{Document: []byte("BAA"), NDA: []byte("NDA")}})
	fmt.Println(a.ID, a.Name)
	// Output: agreement-baa0000000000001 AWS Business Associate Addendum
}
