package report

import (
	"context"
	"time"
)

// BestStore is a Store that finds the best report for an audit window
// itself, from an index of its own, instead of the Catalog building its
// in-memory Index from every version (Scan), which a database shared by
// several processes would have it rebuild after each publication.
// Catalog.BestReport uses it when the Catalog's Store has it.
type BestStore interface {
	Store
	// BestReport returns the version Index.Best would choose among the
	// stored versions for family, window w (valid) and instant at: of the
	// TYPE2 versions of family that are PUBLISHED, not deleted, with their
	// upload COMPLETE, published at or before at and whose period overlaps
	// w, the one with the latest period end, then the highest version,
	// then the smallest id; false when there is none.
	BestReport(ctx context.Context, family string, w Window, at time.Time) (Report, bool, error)
}

// bestFromStore answers BestReport from a BestStore.
func (c *Catalog) bestFromStore(ctx context.Context, s BestStore, family string, w Window, at time.Time) (Coverage, bool, error) {
	r, ok, err := s.BestReport(ctx, family, w, at)
	if err != nil || !ok {
		return Coverage{}, false, err
	}
	return c.thresholds.coverage(r, w, at), true, nil
}

// ChainStore is a Store that finds the versions that may cover an audit
// window itself, from an index of its own, as a BestStore finds the best
// one: Catalog.CoveringChain then walks them (ChainOf) instead of building
// its in-memory Index from every version. A window holds few versions of a
// family whatever the family's size, so the answer stays small.
type ChainStore interface {
	Store
	// CoveringVersions returns, in any order, the TYPE2 versions of
	// family that are PUBLISHED, not deleted, with their upload COMPLETE,
	// with a valid period (start on or before end), published at or
	// before at and whose period overlaps w (valid): the versions
	// Index.Chain walks.
	CoveringVersions(ctx context.Context, family string, w Window, at time.Time) ([]Report, error)
}
