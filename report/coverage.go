package report

import (
	"context"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Thresholds are the conventions that grade coverage (R4), in whole
// calendar months counted from the day after a report's period end. A
// zero field takes its default; DefaultThresholds has them all.
type Thresholds struct {
	// LetterMonths: a gap ending before next+LetterMonths is answered by
	// a continued operations letter (default 3).
	LetterMonths int
	// ExtraProceduresMonths: a longer gap ending before
	// next+ExtraProceduresMonths needs extra procedures (default 6);
	// beyond, the report is weak evidence.
	ExtraProceduresMonths int
	// StaleMonths: a report is stale from midnight UTC starting
	// next+StaleMonths (default 12).
	StaleMonths int
}

// DefaultThresholds returns R4's conventions: 3, 6 and 12 months.
func DefaultThresholds() Thresholds {
	return Thresholds{LetterMonths: 3, ExtraProceduresMonths: 6, StaleMonths: 12}
}

// withDefaults fills zero fields with the defaults.
func (t Thresholds) withDefaults() Thresholds {
	d := DefaultThresholds()
	if t.LetterMonths == 0 {
		t.LetterMonths = d.LetterMonths
	}
	if t.ExtraProceduresMonths == 0 {
		t.ExtraProceduresMonths = d.ExtraProceduresMonths
	}
	if t.StaleMonths == 0 {
		t.StaleMonths = d.StaleMonths
	}
	return t
}

// validate checks that the thresholds are positive and ordered.
func (t Thresholds) validate() error {
	t = t.withDefaults()
	var fe aws.ValidationError
	if t.LetterMonths < 0 || t.ExtraProceduresMonths < 0 || t.StaleMonths < 0 {
		fe.Add("thresholds", "months must not be negative")
	} else if t.ExtraProceduresMonths < t.LetterMonths {
		fe.Add("thresholds", "extra procedures (%d months) must not end before the letter (%d months)",
			t.ExtraProceduresMonths, t.LetterMonths)
	}
	if t.LetterMonths > 1200 || t.ExtraProceduresMonths > 1200 || t.StaleMonths > 1200 {
		fe.Add("thresholds", "at most 1200 months")
	}
	return fe.Err()
}

// Coverage is how a report version covers an audit window (R4).
type Coverage struct {
	// Report is the version chosen.
	Report Report
	// UncoveredBeforeDays counts the days of the window before the
	// report's period starts.
	UncoveredBeforeDays int
	// GapAfterDays counts the days of the window after the report's
	// period ends.
	GapAfterDays int
	// Gap grades that gap.
	Gap GapClass
	// Stale says the report was stale at the instant asked about.
	Stale bool
}

// Chain is a run of report versions that covers an audit window back to
// back, and the holes no version covers (R4).
type Chain struct {
	// Reports are the versions taken, by period end ascending.
	Reports []Report
	// Holes are the uncovered spans of the window, by date ascending.
	Holes []Window
}

// coverage grades how r covers w at instant at.
func (t Thresholds) coverage(r Report, w Window, at time.Time) Coverage {
	t = t.withDefaults()
	c := Coverage{Report: r, Gap: GapNone}
	if r.PeriodStart.After(w.Start) {
		c.UncoveredBeforeDays = r.PeriodStart.Sub(w.Start)
	}
	next := r.PeriodEnd.AddDays(1)
	if r.PeriodEnd.Before(w.End) {
		c.GapAfterDays = w.End.Sub(r.PeriodEnd)
		switch {
		case w.End.Before(next.AddMonths(t.LetterMonths)):
			c.Gap = GapLetter
		case w.End.Before(next.AddMonths(t.ExtraProceduresMonths)):
			c.Gap = GapExtraProcedures
		default:
			c.Gap = GapWeak
		}
	}
	c.Stale = !at.Before(next.AddMonths(t.StaleMonths).Start())
	return c
}

// BestReport returns the version of family that best covers audit window
// w as seen at instant at (R4), and false when no version is eligible.
// Eligible are the TYPE2 versions of the family that are PUBLISHED (and
// not deleted, with their upload complete), published at or before at,
// and whose period overlaps w; the best has the latest period end, then
// the highest version. A zero at means now.
//
// It takes O(log n) in the number of versions once the catalog's index is
// built; the index is rebuilt after the store changes. A BestStore answers
// it from its own index instead.
func (c *Catalog) BestReport(ctx context.Context, family string, w Window, at time.Time) (Coverage, bool, error) {
	if s, ok := c.store.(BestStore); ok {
		if err := checkCoverageQuestion(family, w); err != nil {
			return Coverage{}, false, err
		}
		if at.IsZero() {
			at = c.now()
		}
		return c.bestFromStore(ctx, s, family, w, at)
	}
	idx, at, err := c.coverageIndex(ctx, family, w, at)
	if err != nil {
		return Coverage{}, false, err
	}
	cov, ok := idx.Best(family, w, at, c.thresholds)
	return cov, ok, nil
}

// CoveringChain returns the versions of family that cover audit window w
// back to back as seen at instant at, and the holes between them (R4),
// walking back from the window's last day as RULES.md says (section "The
// scenario corpora", reports.json). A zero at means now.
//
// A ChainStore answers it from its own index, reading only the versions
// that overlap w; otherwise the catalog's index answers it, rebuilt after
// the store changes.
func (c *Catalog) CoveringChain(ctx context.Context, family string, w Window, at time.Time) (Chain, error) {
	if s, ok := c.store.(ChainStore); ok {
		if err := checkCoverageQuestion(family, w); err != nil {
			return Chain{}, err
		}
		if at.IsZero() {
			at = c.now()
		}
		versions, err := s.CoveringVersions(ctx, family, w, at)
		if err != nil {
			return Chain{}, err
		}
		return ChainOf(versions, w), nil
	}
	idx, at, err := c.coverageIndex(ctx, family, w, at)
	if err != nil {
		return Chain{}, err
	}
	return idx.Chain(family, w, at), nil
}

// coverageIndex validates a coverage question and returns the index to
// answer it with.
func (c *Catalog) coverageIndex(ctx context.Context, family string, w Window, at time.Time) (*Index, time.Time, error) {
	if err := checkCoverageQuestion(family, w); err != nil {
		return nil, at, err
	}
	if at.IsZero() {
		at = c.now()
	}
	idx, err := c.Index(ctx)
	return idx, at, err
}

// checkCoverageQuestion validates the family and window of a coverage
// question.
func checkCoverageQuestion(family string, w Window) error {
	var fe aws.ValidationError
	checkText(&fe, "family", family, true, maxShortString)
	fe.Merge(w.Validate())
	return fe.Err()
}

// Index returns the coverage index of every version in the store, built
// anew only when the store changed since the last build.
func (c *Catalog) Index(ctx context.Context) (*Index, error) {
	gen, err := c.store.Generation(ctx)
	if err != nil {
		return nil, err
	}
	if s := c.index.Load(); s != nil && s.gen == gen {
		return s.idx, nil
	}
	c.indexMu.Lock()
	defer c.indexMu.Unlock()
	if s := c.index.Load(); s != nil && s.gen == gen {
		return s.idx, nil
	}
	// Read the generation before scanning: a write during the scan makes
	// the next question rebuild, never miss it.
	var all []Report
	after := Ref{}
	for {
		batch, err := c.store.Scan(ctx, after, 1024)
		if err != nil {
			return nil, err
		}
		all = append(all, batch...)
		if len(batch) < 1024 {
			break
		}
		after = batch[len(batch)-1].Ref()
	}
	idx := NewIndex(all)
	c.index.Store(&indexSnapshot{gen: gen, idx: idx})
	return idx, nil
}
