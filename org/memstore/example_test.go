package memstore_test

import (
	"context"
	"fmt"
	"time"

	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/org/memstore"
)

// The in-memory store behind a Directory: the default and the test fixture.
func Example() {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	dir := org.NewDirectory(memstore.New(), org.WithClock(func() time.Time { return now }))
	o, _ := dir.Create(ctx, "o-exampleorg1", "111122223333", org.AllFeatures)
	_, _ = dir.Join(ctx, "444455556666", o.ID)
	members, _ := dir.Members(ctx, o.ID, now)
	fmt.Println(o.ID, members)
	// Output: o-exampleorg1 [111122223333 444455556666]
}
