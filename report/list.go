package report

import (
	"context"
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Filter selects the reports List returns. Its zero value selects every
// published report.
type Filter struct {
	// Series, Category and Family, when not empty, must equal the
	// version's.
	Series string
	// Category, when not empty, must equal the version's.
	Category string
	// Family, when not empty, must equal the version's.
	Family string
	// State selects what is listed. Empty or PUBLISHED: each report with a
	// version available now, at its latest such version (AWS's
	// ListReports). UNPUBLISHED: each report with no version available
	// now, at its highest version.
	State PublishedState
	// Period, when not zero, must overlap the version's period.
	Period Window
}

// validate checks the filter's own fields.
func (f Filter) validate() error {
	var fe aws.ValidationError
	if f.State != "" && !f.State.IsValid() {
		fe.Add("state", "%q is not PUBLISHED or UNPUBLISHED", string(f.State))
	}
	if f.Period != (Window{}) {
		if err := f.Period.Validate(); err != nil {
			fe.Merge(err)
		}
	}
	return fe.Err()
}

// match reports whether version r passes the filter's field tests.
func (f Filter) match(r Report) bool {
	return (f.Series == "" || f.Series == r.Series) &&
		(f.Category == "" || f.Category == r.Category) &&
		(f.Family == "" || f.Family == r.Family) &&
		(f.Period == (Window{}) || f.Period.Overlaps(r.Period()))
}

// Page asks for one page of a listing. Its zero value is the first page of
// DefaultPageSize items.
type Page struct {
	// After is the key returned with the previous page; empty for the
	// first page. Items are ordered by a stable key (the report id for
	// List, the version for ListVersions), so a listing neither skips nor
	// repeats items that exist throughout it, whatever is added meanwhile.
	After string
	// Limit is the largest number of items wanted, 1 to MaxPageSize; 0
	// means DefaultPageSize.
	Limit int
}

func (p Page) limit() (int, error) {
	switch {
	case p.Limit == 0:
		return DefaultPageSize, nil
	case p.Limit < 0 || p.Limit > MaxPageSize:
		return 0, aws.InvalidField("maxResults", "%d is not between 1 and %d", p.Limit, MaxPageSize)
	}
	return p.Limit, nil
}

// scanBatch is how many versions List reads from the store at a time.
const scanBatch = 256

// List returns one page of reports, each report once, ordered by id, and
// the key to pass as Page.After for the next page ("" after the last).
// See Filter for which version stands for each report. The last page may
// be empty.
func (c *Catalog) List(ctx context.Context, f Filter, p Page) ([]Report, string, error) {
	limit, err := p.limit()
	if err != nil {
		return nil, "", err
	}
	if err := f.validate(); err != nil {
		return nil, "", err
	}
	if p.After != "" {
		if err := ValidateID(p.After); err != nil {
			return nil, "", aws.InvalidField("nextToken", "%q is not a key of this listing", aws.Clip(p.After))
		}
	}
	now := c.now()
	var (
		out   []Report
		group []Report // the versions of one report, ascending
	)
	emit := func() {
		if len(group) == 0 {
			return
		}
		if r, ok := representative(group, f.State, now); ok && f.match(r) {
			out = append(out, r)
		}
		group = group[:0]
	}
	cursor := Ref{}
	if p.After != "" {
		cursor = Ref{ID: p.After, Version: math.MaxInt64}
	}
	for {
		batch, err := c.store.Scan(ctx, cursor, scanBatch)
		if err != nil {
			return nil, "", err
		}
		for _, r := range batch {
			if len(group) > 0 && group[0].ID != r.ID {
				emit()
				if len(out) == limit {
					return out, out[limit-1].ID, nil
				}
			}
			group = append(group, r)
		}
		if len(batch) < scanBatch {
			emit()
			break
		}
		cursor = batch[len(batch)-1].Ref()
	}
	// The store is exhausted: this is the last page.
	return out, "", nil
}

// representative picks the version that stands for a report in List.
func representative(versions []Report, state PublishedState, now time.Time) (Report, bool) {
	r, ok := latestAvailable(versions, now)
	if state == Unpublished {
		return versions[len(versions)-1], !ok
	}
	return r, ok
}

// ListVersions returns one page of the versions of report id, whatever
// their state, by ascending version, and the key for the next page (""
// after the last) (AWS's ListReportVersions).
func (c *Catalog) ListVersions(ctx context.Context, id string, p Page) ([]Report, string, error) {
	limit, err := p.limit()
	if err != nil {
		return nil, "", err
	}
	if err := ValidateID(id); err != nil {
		return nil, "", err
	}
	var after int64
	if p.After != "" {
		v, ok := parseVersion(p.After)
		if !ok {
			return nil, "", aws.InvalidField("nextToken", "%q is not a key of this listing", aws.Clip(p.After))
		}
		after = v
	}
	versions, err := c.store.Versions(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, "", &NotFoundError{ID: id}
	}
	if err != nil {
		return nil, "", err
	}
	var out []Report
	for _, r := range versions {
		if r.Version <= after {
			continue
		}
		if len(out) == limit {
			return out, strconv.FormatInt(out[limit-1].Version, 10), nil
		}
		out = append(out, r)
	}
	return out, "", nil
}
