package org_test

import (
	"context"
	"fmt"
	"time"

	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/org/memstore"
)

// An organization is created, a member joins and later leaves; membership
// is answered for any instant.
func Example() {
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	d := org.NewDirectory(memstore.New(), org.WithClock(func() time.Time { return now }))

	id, _ := org.ParseID("o-exampleorg")
	mgmt, _ := org.ParseAccountID("111111111111")
	member, _ := org.ParseAccountID("222222222222")

	o, _ := d.Create(ctx, id, mgmt, org.AllFeatures)
	o, _ = d.EnableTrustedAccess(ctx, id, org.ArtifactServicePrincipal)
	fmt.Println(o.ARN, o.ArtifactEnabled())

	now = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	d.Join(ctx, member, id)
	now = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	d.Leave(ctx, member)

	for _, at := range []string{"2026-01-15T00:00:00Z", "2026-03-01T00:00:00Z", "2026-06-01T09:00:00Z"} {
		t, _ := time.Parse(time.RFC3339, at)
		m, _ := d.OrganizationOf(ctx, member, t)
		fmt.Printf("%s: in %q (last change %s)\n", at, m.Org, m.Last.Kind)
	}
	_, err := d.Leave(ctx, mgmt)
	fmt.Println(err)
	// Output:
	// arn:aws:organizations::111111111111:organization/o-exampleorg true
	// 2026-01-15T00:00:00Z: in "" (last change )
	// 2026-03-01T00:00:00Z: in "o-exampleorg" (last change JOINED)
	// 2026-06-01T09:00:00Z: in "" (last change LEFT)
	// org: leave account 111111111111: the management account cannot leave its own organization
}

// Members lists an organization's accounts at an instant.
func ExampleDirectory_Members() {
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	d := org.NewDirectory(memstore.New(), org.WithClock(func() time.Time { return now }))
	d.Create(ctx, "o-exampleorg", "111111111111", org.ConsolidatedBilling)
	d.Create(ctx, "o-secondorg1", "555555555555", org.AllFeatures)
	d.Join(ctx, "222222222222", "o-exampleorg")
	now = now.Add(time.Hour)
	d.Move(ctx, "222222222222", "o-secondorg1")

	before, _ := d.Members(ctx, "o-exampleorg", now.Add(-time.Second))
	after, _ := d.Members(ctx, "o-exampleorg", now)
	fmt.Println(before, after)
	// Output:
	// [111111111111 222222222222] [111111111111]
}

func ExampleParseAccountID() {
	_, err := org.ParseAccountID("1111-2222-3333")
	fmt.Println(err)
	// Output:
	// invalid account id "1111-2222-3333": want 12 digits
}
