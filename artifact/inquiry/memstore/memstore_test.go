package memstore_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/inquiry"
	"github.com/artifactkit/artifactkit/artifact/inquiry/memstore"
	"github.com/artifactkit/artifactkit/artifact/inquiry/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) inquiry.Store { return memstore.New() })
}

// The zero Store is an empty store ready to use.
func TestConformanceZeroValue(t *testing.T) {
	storetest.Run(t, func(*testing.T) inquiry.Store { return new(memstore.Store) })
}

// Queries are numbered from 1 in order; Insert refuses others with an
// error wrapping inquiry.ErrInvalid, storing nothing.
func TestInsertRefusesMisnumberedQueries(t *testing.T) {
	ctx := context.Background()
	for _, ids := range [][]int{{0}, {2}, {1, 3}, {1, 1}} {
		s := memstore.New()
		in := inquiry.Inquiry{ID: "compliance-inquiry-aaaaaaaaaaaaaaa1", Account: "111122223333"}
		qs := make([]inquiry.Query, len(ids))
		for i, n := range ids {
			qs[i] = inquiry.Query{Identifier: n}
		}
		_, err := s.Insert(ctx, in, qs)
		require.ErrorIs(t, err, inquiry.ErrInvalid, "%v", ids)
		_, err = s.Get(ctx, in.Account, in.ID)
		require.ErrorIs(t, err, inquiry.ErrNotFound)
	}
}
