package org_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/org/memstore"
)

// bigOrg returns a Directory with an organization of n members, each of
// which joined, left and joined again (history of 3 changes).
func bigOrg(b *testing.B, n int) (*org.Directory, *clock) {
	b.Helper()
	c := newClock()
	d := org.NewDirectory(memstore.New(), org.WithClock(c.Now))
	if _, err := d.Create(ctx, oid, mgmt, org.AllFeatures); err != nil {
		b.Fatal(err)
	}
	for i := range n {
		a := org.AccountID(fmt.Sprintf("4%011d", i))
		for _, f := range []func() error{
			func() error { _, err := d.Join(ctx, a, oid); return err },
			func() error { _, err := d.Leave(ctx, a); return err },
			func() error { _, err := d.Join(ctx, a, oid); return err },
		} {
			c.Advance(time.Millisecond)
			if err := f(); err != nil {
				b.Fatal(err)
			}
		}
	}
	return d, c
}

// Joining and leaving costs the same in an organization of 100,000
// members as in an empty one.
func BenchmarkJoinLeave(b *testing.B) {
	for _, n := range []int{0, 100_000} {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			d, c := bigOrg(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				a := org.AccountID(fmt.Sprintf("5%011d", i%1000))
				c.Advance(time.Millisecond)
				if _, err := d.Join(ctx, a, oid); err != nil {
					b.Fatal(err)
				}
				if _, err := d.Leave(ctx, a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkOrganizationOf(b *testing.B) {
	d, c := bigOrg(b, 100_000)
	a := org.AccountID(fmt.Sprintf("4%011d", 500))
	h, _ := d.History(ctx, a)
	b.Run("now", func(b *testing.B) {
		b.ReportAllocs()
		now := c.Now()
		for range b.N {
			if m, _ := d.OrganizationOf(ctx, a, now); m.Org != oid {
				b.Fatal("not a member")
			}
		}
	})
	b.Run("past", func(b *testing.B) {
		b.ReportAllocs()
		at := h[1].At // after the leave
		for range b.N {
			if m, _ := d.OrganizationOf(ctx, a, at); m.Org != "" {
				b.Fatal("a member")
			}
		}
	})
}

func BenchmarkMembers100k(b *testing.B) {
	d, c := bigOrg(b, 100_000)
	now := c.Now()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		ms, err := d.Members(ctx, oid, now)
		if err != nil || len(ms) != 100_001 {
			b.Fatal(err, len(ms))
		}
	}
}
