package memstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/org/memstore"
	"github.com/artifactkit/artifactkit/org/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) org.Store { return memstore.New() })
}

// The zero Store is an empty store ready to use (CONTRIBUTING.md).
func TestZeroValueIsUsable(t *testing.T) {
	storetest.Run(t, func(t *testing.T) org.Store { return new(memstore.Store) })
}

// Every method honours a canceled context.
func TestCanceledContext(t *testing.T) {
	s := memstore.New()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errs []error
	add := func(_ any, err error) { errs = append(errs, err) }
	add(s.CreateOrganization(ctx, org.Organization{}, org.Change{}))
	add(s.Organization(ctx, ""))
	add(s.UpdateOrganization(ctx, org.Organization{}))
	add(nil, s.AppendChanges(ctx, org.Change{}))
	add(s.LastChange(ctx, ""))
	add(s.ChangeAt(ctx, "", time.Time{}))
	add(s.History(ctx, ""))
	add(s.OrganizationChanges(ctx, ""))
	for i, err := range errs {
		require.ErrorIs(t, err, context.Canceled, "method %d", i)
	}
}
