package memstore

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/report"
)

// Store is an in-memory report.Store. The zero value is an empty store
// ready to use. It is safe for concurrent use and copies values in and
// out, as report.Store requires.
type Store struct {
	mu          sync.RWMutex
	ids         []string                   // report ids, sorted
	reports     map[string][]report.Report // versions by ascending version
	gen         uint64
	acceptances map[aws.AccountID][]report.Acceptance // by account
	access      map[accessKey]report.Access

	// tokens (report.TermToken by value) and accepted (the tokens with an
	// acceptance) are read on every download and written once per key:
	// sync.Maps, which readers on many cores share without contending.
	tokens   sync.Map
	accepted sync.Map
}

type accessKey struct {
	account aws.AccountID
	id      string
}

var _ report.Store = (*Store)(nil)

// New returns an empty Store.
func New() *Store { return &Store{} }

// search finds version v in versions, sorted by version, without copying
// a Report per comparison.
func search(versions []report.Report, v int64) (int, bool) {
	if v >= 1 && v <= int64(len(versions)) && versions[v-1].Version == v {
		return int(v - 1), true // versions numbered 1, 2, 3, ...: the common case
	}
	i := sort.Search(len(versions), func(i int) bool { return versions[i].Version >= v })
	return i, i < len(versions) && versions[i].Version == v
}

// PutReport implements report.Store.
func (s *Store) PutReport(ctx context.Context, r report.Report) (report.Report, error) {
	if err := ctx.Err(); err != nil {
		return report.Report{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	versions := s.reports[r.ID]
	i, found := search(versions, r.Version)
	var cur int64
	if found {
		cur = versions[i].SequenceNumber
	}
	if r.SequenceNumber != cur {
		return report.Report{}, fmt.Errorf("%s version %d is at sequence number %d, the write read %d: %w",
			r.ID, r.Version, cur, r.SequenceNumber, report.ErrConflict)
	}
	if s.reports == nil {
		s.reports = map[string][]report.Report{}
	}
	r.SequenceNumber++
	if found {
		versions[i] = r.Clone()
	} else {
		if len(versions) == 0 {
			j, _ := slices.BinarySearch(s.ids, r.ID)
			s.ids = slices.Insert(s.ids, j, r.ID)
		}
		s.reports[r.ID] = slices.Insert(versions, i, r.Clone())
	}
	s.gen++
	return r, nil
}

// Report implements report.Store.
func (s *Store) Report(ctx context.Context, id string, v int64) (r report.Report, err error) {
	if err := ctx.Err(); err != nil {
		return report.Report{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	versions := s.reports[id]
	i, found := search(versions, v)
	if !found {
		return report.Report{}, fmt.Errorf("%s version %d: %w", id, v, report.ErrNotFound)
	}
	// Copied straight into the result, once: a Report is large.
	r = versions[i]
	r.TrustCategories = slices.Clone(r.TrustCategories)
	return r, nil
}

// Versions implements report.Store.
func (s *Store) Versions(ctx context.Context, id string) ([]report.Report, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	versions := s.reports[id]
	if len(versions) == 0 {
		return nil, fmt.Errorf("%s: %w", id, report.ErrNotFound)
	}
	out := make([]report.Report, len(versions))
	for i, r := range versions {
		out[i] = r.Clone()
	}
	return out, nil
}

// Scan implements report.Store.
func (s *Store) Scan(ctx context.Context, after report.Ref, limit int) ([]report.Report, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if limit <= 0 {
		return nil, nil
	}
	var out []report.Report
	j, _ := slices.BinarySearch(s.ids, after.ID)
	for ; j < len(s.ids) && len(out) < limit; j++ {
		for _, r := range s.reports[s.ids[j]] {
			if r.ID == after.ID && r.Version <= after.Version {
				continue
			}
			if len(out) == limit {
				break
			}
			out = append(out, r.Clone())
		}
	}
	return out, nil
}

// Generation implements report.Store.
func (s *Store) Generation(ctx context.Context) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.gen, nil
}

// PutToken implements report.Store.
func (s *Store) PutToken(ctx context.Context, t report.TermToken) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, loaded := s.tokens.LoadOrStore(t.Value, t); loaded {
		return fmt.Errorf("term token exists: %w", report.ErrConflict)
	}
	return nil
}

// Token implements report.Store.
func (s *Store) Token(ctx context.Context, value string) (report.TermToken, error) {
	if err := ctx.Err(); err != nil {
		return report.TermToken{}, err
	}
	t, ok := s.tokens.Load(value)
	if !ok {
		return report.TermToken{}, fmt.Errorf("term token: %w", report.ErrNotFound)
	}
	return t.(report.TermToken), nil
}

// DeleteExpiredTokens implements report.Store.
func (s *Store) DeleteExpiredTokens(ctx context.Context, now time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	n := 0
	s.tokens.Range(func(k, v any) bool {
		if !v.(report.TermToken).ExpiresAt.After(now) {
			s.tokens.Delete(k)
			n++
		}
		return true
	})
	return n, nil
}

// AddAcceptance implements report.Store.
func (s *Store) AddAcceptance(ctx context.Context, a report.Acceptance) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, ok := s.accepted.Load(a.Token); ok {
		return errAccepted // the common case: a token presented again
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, loaded := s.accepted.LoadOrStore(a.Token, struct{}{}); loaded {
		return errAccepted
	}
	if s.acceptances == nil {
		s.acceptances = map[aws.AccountID][]report.Acceptance{}
	}
	s.acceptances[a.Account] = append(s.acceptances[a.Account], a)
	return nil
}

// errAccepted is the conflict of an acceptance recorded again: the same
// token presented to another download, the common case, which costs no
// allocation.
var errAccepted = fmt.Errorf("an acceptance with this token exists: %w", report.ErrConflict)

// Acceptances implements report.Store.
func (s *Store) Acceptances(ctx context.Context, account aws.AccountID) ([]report.Acceptance, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.acceptances[account]), nil
}

// PutAccess implements report.Store.
func (s *Store) PutAccess(ctx context.Context, a report.Access) (report.Access, error) {
	if err := ctx.Err(); err != nil {
		return report.Access{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k := accessKey{a.Account, a.ReportID}
	if cur := s.access[k].SequenceNumber; a.SequenceNumber != cur {
		return report.Access{}, fmt.Errorf("access of %s to %s is at sequence number %d, the write read %d: %w",
			a.Account, a.ReportID, cur, a.SequenceNumber, report.ErrConflict)
	}
	if s.access == nil {
		s.access = map[accessKey]report.Access{}
	}
	a.SequenceNumber++
	s.access[k] = a
	return a, nil
}

// Access implements report.Store.
func (s *Store) Access(ctx context.Context, account aws.AccountID, reportID string) (report.Access, error) {
	if err := ctx.Err(); err != nil {
		return report.Access{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, ok := s.access[accessKey{account, reportID}]
	if !ok {
		return report.Access{}, fmt.Errorf("access of %s to %s: %w", account, reportID, report.ErrNotFound)
	}
	return a, nil
}
