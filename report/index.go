package report

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Index answers coverage questions (R4) over a fixed set of report
// versions. NewIndex keeps, per family, the versions that can ever be
// eligible (TYPE2, PUBLISHED, not deleted, upload complete), sorted by
// period start, in a persistent segment tree with one root per
// publication instant: the best version for a window as seen at an
// instant is a prefix maximum in one root, found in O(log n).
//
// An Index is immutable and safe for concurrent use. The Catalog keeps one
// built from its store; build your own to ask about versions held
// elsewhere.
type Index struct {
	families map[string]*familyIndex
}

// familyIndex is the index of one family.
type familyIndex struct {
	items  []Report // by period start, then end, version, id
	starts []int64  // items[i].PeriodStart.days()
	ends   []int64  // items[i].PeriodEnd.days()
	span   int64    // the longest period, in days
	pubs   []time.Time
	roots  []int32 // roots[k]: the tree holding the first k items by publication
	// The nodes of all trees; node 0 is the empty tree. best is the index
	// of the best item below the node, or -1.
	left, right, best []int32
}

// NewIndex builds the coverage index of versions.
func NewIndex(versions []Report) *Index {
	counts := map[string]int{}
	for _, r := range versions {
		counts[r.Family]++
	}
	byFamily := make(map[string][]Report, len(counts))
	for _, r := range versions {
		if r.Type != Type2 || r.State != Published || !r.DeletedAt.IsZero() ||
			r.UploadState != UploadComplete || !r.PeriodStart.IsValid() || !r.PeriodEnd.IsValid() ||
			r.PeriodEnd.Before(r.PeriodStart) {
			continue
		}
		if byFamily[r.Family] == nil {
			byFamily[r.Family] = make([]Report, 0, counts[r.Family])
		}
		byFamily[r.Family] = append(byFamily[r.Family], r.Clone())
	}
	x := &Index{families: make(map[string]*familyIndex, len(byFamily))}
	for fam, items := range byFamily {
		x.families[fam] = newFamilyIndex(items)
	}
	return x
}

// Len returns the number of versions the index holds.
func (x *Index) Len() int {
	n := 0
	for _, f := range x.families {
		n += len(f.items)
	}
	return n
}

func newFamilyIndex(items []Report) *familyIndex {
	slices.SortFunc(items, func(a, b Report) int {
		if c := a.PeriodStart.Compare(b.PeriodStart); c != 0 {
			return c
		}
		if c := a.PeriodEnd.Compare(b.PeriodEnd); c != 0 {
			return c
		}
		if a.Version != b.Version {
			return cmp.Compare(a.Version, b.Version)
		}
		return strings.Compare(a.ID, b.ID)
	})
	n := len(items)
	f := &familyIndex{
		items:  items,
		starts: make([]int64, n),
		ends:   make([]int64, n),
		pubs:   make([]time.Time, n),
		roots:  make([]int32, n+1),
	}
	for i, r := range items {
		f.starts[i], f.ends[i] = r.PeriodStart.days(), r.PeriodEnd.days()
		f.span = max(f.span, f.ends[i]-f.starts[i])
	}
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return items[a].PublishedAt.Compare(items[b].PublishedAt) })
	nodes := 1 + n*(bitsLen(n)+1)
	f.left, f.right, f.best = make([]int32, 1, nodes), make([]int32, 1, nodes), make([]int32, 1, nodes)
	f.best[0] = -1
	for k, i := range order {
		f.pubs[k] = items[i].PublishedAt
		f.roots[k+1] = f.insert(f.roots[k], 0, n, int(i))
	}
	return f
}

func bitsLen(n int) int {
	b := 0
	for ; n > 0; n >>= 1 {
		b++
	}
	return b
}

// better returns whichever of items i and j is the better answer for
// BestReport: the later period end, then the higher version, then the
// smaller id. -1 stands for none.
func (f *familyIndex) better(i, j int32) int32 {
	switch {
	case i < 0:
		return j
	case j < 0:
		return i
	case f.ends[i] != f.ends[j]:
		if f.ends[i] > f.ends[j] {
			return i
		}
		return j
	case f.items[i].Version != f.items[j].Version:
		if f.items[i].Version > f.items[j].Version {
			return i
		}
		return j
	case f.items[i].ID <= f.items[j].ID:
		return i
	}
	return j
}

// insert returns a new tree: prev with item pos added, sharing every node
// off pos's path.
func (f *familyIndex) insert(prev int32, lo, hi, pos int) int32 {
	n := int32(len(f.best))
	f.left = append(f.left, f.left[prev])
	f.right = append(f.right, f.right[prev])
	f.best = append(f.best, f.better(f.best[prev], int32(pos)))
	if hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if pos < mid {
			child := f.insert(f.left[prev], lo, mid, pos)
			f.left[n] = child
		} else {
			child := f.insert(f.right[prev], mid, hi, pos)
			f.right[n] = child
		}
	}
	return n
}

// prefixBest returns the best item among positions [lo, min(hi, p)) of the
// tree at node.
func (f *familyIndex) prefixBest(node int32, lo, hi, p int) int32 {
	if node == 0 || p <= lo {
		return -1
	}
	if hi <= p {
		return f.best[node]
	}
	mid := int(uint(lo+hi) >> 1)
	return f.better(f.prefixBest(f.left[node], lo, mid, p), f.prefixBest(f.right[node], mid, hi, p))
}

// published returns how many items were published at or before at.
func (f *familyIndex) published(at time.Time) int {
	lo, hi := 0, len(f.pubs)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if f.pubs[mid].After(at) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// startingBy returns how many items start on or before day d.
func (f *familyIndex) startingBy(d int64) int {
	lo, hi := 0, len(f.starts)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if f.starts[mid] > d {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// Best returns the version of family that best covers window w as seen at
// instant at, graded by thresholds t (R4); false when none is eligible.
// See Catalog.BestReport for the rule. It takes O(log n).
func (x *Index) Best(family string, w Window, at time.Time, t Thresholds) (Coverage, bool) {
	f := x.families[family]
	if f == nil || w.Validate() != nil {
		return Coverage{}, false
	}
	k := f.published(at)
	p := f.startingBy(w.End.days())
	b := f.prefixBest(f.roots[k], 0, len(f.items), p)
	if b < 0 || f.ends[b] < w.Start.days() {
		return Coverage{}, false
	}
	return t.coverage(f.items[b].Clone(), w, at), true
}

// Chain returns the versions of family that cover window w back to back
// as seen at instant at, and the holes (R4); see [ChainOf] for the walk.
func (x *Index) Chain(family string, w Window, at time.Time) Chain {
	if w.Validate() != nil {
		return Chain{}
	}
	var eligible []Report
	if f := x.families[family]; f != nil {
		// Versions overlapping w start on or before its end, and no
		// earlier than the longest period before its start.
		lo, hi := f.startingBy(w.Start.days()-f.span-1), f.startingBy(w.End.days())
		for i := lo; i < hi; i++ {
			if f.ends[i] >= w.Start.days() && !f.items[i].PublishedAt.After(at) {
				eligible = append(eligible, f.items[i])
			}
		}
	}
	return ChainOf(eligible, w)
}

// ChainOf returns the versions among eligible that cover window w back to
// back, and the holes (R4). eligible are the versions that may be taken,
// in any order: for [Catalog.CoveringChain], the TYPE2 versions of a
// family that are PUBLISHED, not deleted, with their upload complete,
// published by the instant asked about and whose period overlaps w.
//
// Walking back from the window's last day d: when versions cover d, it
// takes the one whose period starts earliest (ties: later end, higher
// version, smaller id) and goes on from the day before that start;
// otherwise the days after the latest period end before d (or from the
// window's start) up to d are a hole, and it goes on from that period end.
// The versions taken are cloned.
func ChainOf(eligible []Report, w Window) Chain {
	var ch Chain
	if w.Validate() != nil {
		return ch
	}
	start := w.Start.days()
	for d := w.End.days(); d >= start; {
		take := -1
		for i := range eligible {
			r := &eligible[i]
			if r.PeriodStart.days() <= d && d <= r.PeriodEnd.days() && (take < 0 || chainBetter(r, &eligible[take])) {
				take = i
			}
		}
		if take >= 0 {
			ch.Reports = append(ch.Reports, eligible[take].Clone())
			d = eligible[take].PeriodStart.days() - 1
			continue
		}
		prev := int64(-1 << 62)
		for i := range eligible {
			if e := eligible[i].PeriodEnd.days(); e < d && e > prev {
				prev = e
			}
		}
		if prev < start {
			ch.Holes = append(ch.Holes, Window{w.Start, fromDays(d)})
			break
		}
		ch.Holes = append(ch.Holes, Window{fromDays(prev + 1), fromDays(d)})
		d = prev
	}
	slices.Reverse(ch.Reports)
	slices.Reverse(ch.Holes)
	return ch
}

// chainBetter reports whether version a beats version b when both cover a
// day of a chain: the earlier start, then the later end, the higher
// version, the smaller id.
func chainBetter(a, b *Report) bool {
	switch {
	case a.PeriodStart != b.PeriodStart:
		return a.PeriodStart.Before(b.PeriodStart)
	case a.PeriodEnd != b.PeriodEnd:
		return a.PeriodEnd.After(b.PeriodEnd)
	case a.Version != b.Version:
		return a.Version > b.Version
	}
	return a.ID < b.ID
}
