package platformstore_test

import (
	"context"
	"fmt"
	"time"

	"github.com/artifactkit/artifactkit/examples/embed/platformstore"
	"github.com/artifactkit/artifactkit/org"
)

// A platform's own store behind an org.Directory, where memstore would be.
func Example() {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	store := platformstore.NewOrgStore()
	dir := org.NewDirectory(store, org.WithClock(func() time.Time { return now }))
	o, _ := dir.Create(ctx, "o-platform0001", "111122223333", org.AllFeatures)
	m, _ := dir.OrganizationOf(ctx, "111122223333", now)
	fmt.Println(o.ID, m.Org)
	// Output: o-platform0001 o-platform0001
}
