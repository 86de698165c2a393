package memstore

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/artifactkit/artifactkit/org"
)

// Store is an in-memory org.Store. The zero value is an empty store ready
// to use. It is safe for concurrent use and copies values in and out.
type Store struct {
	mu       sync.RWMutex
	orgs     map[org.ID]org.Organization
	accounts map[org.AccountID][]org.Change
	byOrg    map[org.ID][]org.Change
	// ever holds, per organization, the accounts that ever had a change
	// in it; sorted, the same sorted by account (nil when one entered
	// since it was sorted).
	ever   map[org.ID]map[org.AccountID]struct{}
	sorted map[org.ID][]org.AccountID
}

var _ org.MemberStore = (*Store)(nil)

// New returns an empty Store.
func New() *Store { return &Store{} }

// initLocked makes the maps of a zero Store.
func (s *Store) initLocked() {
	if s.orgs == nil {
		s.orgs = make(map[org.ID]org.Organization)
		s.accounts = make(map[org.AccountID][]org.Change)
		s.byOrg = make(map[org.ID][]org.Change)
		s.ever = make(map[org.ID]map[org.AccountID]struct{})
		s.sorted = make(map[org.ID][]org.AccountID)
	}
}

// CreateOrganization implements org.Store.
func (s *Store) CreateOrganization(ctx context.Context, o org.Organization, founding org.Change) (org.Organization, error) {
	if err := ctx.Err(); err != nil {
		return org.Organization{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.orgs[o.ID]; ok {
		return org.Organization{}, fmt.Errorf("organization %s: %w", o.ID, org.ErrExists)
	}
	if err := s.checkLocked([]org.Change{founding}); err != nil {
		return org.Organization{}, err
	}
	s.initLocked()
	o = o.Clone()
	o.Seq = 1
	s.orgs[o.ID] = o
	s.appendLocked([]org.Change{founding})
	return o.Clone(), nil
}

// Organization implements org.Store.
func (s *Store) Organization(ctx context.Context, id org.ID) (org.Organization, error) {
	if err := ctx.Err(); err != nil {
		return org.Organization{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	o, ok := s.orgs[id]
	if !ok {
		return org.Organization{}, fmt.Errorf("organization %s: %w", id, org.ErrNotFound)
	}
	return o.Clone(), nil
}

// UpdateOrganization implements org.Store.
func (s *Store) UpdateOrganization(ctx context.Context, o org.Organization) (org.Organization, error) {
	if err := ctx.Err(); err != nil {
		return org.Organization{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.orgs[o.ID]
	if !ok {
		return org.Organization{}, fmt.Errorf("organization %s: %w", o.ID, org.ErrNotFound)
	}
	if cur.Seq != o.Seq {
		return org.Organization{}, fmt.Errorf("organization %s at seq %d, not %d: %w", o.ID, cur.Seq, o.Seq, org.ErrConflict)
	}
	o = o.Clone()
	o.Seq++
	s.orgs[o.ID] = o
	return o.Clone(), nil
}

// AppendChanges implements org.Store.
func (s *Store) AppendChanges(ctx context.Context, changes ...org.Change) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(changes) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkLocked(changes); err != nil {
		return err
	}
	s.appendLocked(changes)
	return nil
}

func (s *Store) checkLocked(changes []org.Change) error {
	account := changes[0].Account
	h := s.accounts[account]
	seq := uint64(len(h))
	var at time.Time
	if len(h) > 0 {
		at = h[len(h)-1].At
	}
	for _, c := range changes {
		if c.Account != account {
			return fmt.Errorf("changes of accounts %s and %s in one append: %w", account, c.Account, org.ErrInvalidInput)
		}
		if c.Seq != seq+1 {
			return fmt.Errorf("account %s: change seq %d, want %d: %w", account, c.Seq, seq+1, org.ErrConflict)
		}
		if c.At.Before(at) {
			return fmt.Errorf("account %s: change dated %s before %s: %w", account, c.At, at, org.ErrInvalidInput)
		}
		seq, at = c.Seq, c.At
	}
	return nil
}

func (s *Store) appendLocked(changes []org.Change) {
	s.initLocked()
	for _, c := range changes {
		s.accounts[c.Account] = append(s.accounts[c.Account], c)
		s.byOrg[c.Org] = append(s.byOrg[c.Org], c)
		set := s.ever[c.Org]
		if set == nil {
			set = make(map[org.AccountID]struct{})
			s.ever[c.Org] = set
		}
		if _, ok := set[c.Account]; !ok {
			set[c.Account] = struct{}{}
			delete(s.sorted, c.Org)
		}
	}
}

// MemberChanges implements org.MemberStore: it walks the accounts that
// ever had a change in id, in account order, sorted once after the last
// account entered.
func (s *Store) MemberChanges(ctx context.Context, id org.ID, t time.Time, after org.AccountID, limit int) ([]org.Change, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	accounts, ok := s.sorted[id]
	if !ok {
		s.mu.RUnlock()
		s.mu.Lock()
		if accounts, ok = s.sorted[id]; !ok && s.ever[id] != nil {
			accounts = make([]org.AccountID, 0, len(s.ever[id]))
			for a := range s.ever[id] {
				accounts = append(accounts, a)
			}
			slices.Sort(accounts)
			s.sorted[id] = accounts
		}
		s.mu.Unlock()
		s.mu.RLock()
	}
	defer s.mu.RUnlock()
	i, _ := slices.BinarySearch(accounts, after)
	if i < len(accounts) && accounts[i] == after {
		i++
	}
	var out []org.Change
	for ; i < len(accounts) && (limit <= 0 || len(out) < limit); i++ {
		h := s.accounts[accounts[i]]
		k := sort.Search(len(h), func(k int) bool { return h[k].At.After(t) })
		if k > 0 && h[k-1].Kind.Enters() && h[k-1].Org == id {
			out = append(out, h[k-1])
		}
	}
	return out, nil
}

// LastChange implements org.Store.
func (s *Store) LastChange(ctx context.Context, account org.AccountID) (org.Change, error) {
	if err := ctx.Err(); err != nil {
		return org.Change{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	h := s.accounts[account]
	if len(h) == 0 {
		return org.Change{}, fmt.Errorf("account %s has no membership history: %w", account, org.ErrNotFound)
	}
	return h[len(h)-1], nil
}

// ChangeAt implements org.Store.
func (s *Store) ChangeAt(ctx context.Context, account org.AccountID, t time.Time) (org.Change, error) {
	if err := ctx.Err(); err != nil {
		return org.Change{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	h := s.accounts[account]
	// The first change dated after t; the one before it is the answer.
	i := sort.Search(len(h), func(i int) bool { return h[i].At.After(t) })
	if i == 0 {
		return org.Change{}, fmt.Errorf("account %s has no change at or before %s: %w", account, t, org.ErrNotFound)
	}
	return h[i-1], nil
}

// History implements org.Store.
func (s *Store) History(ctx context.Context, account org.AccountID) ([]org.Change, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]org.Change{}, s.accounts[account]...), nil
}

// OrganizationChanges implements org.Store.
func (s *Store) OrganizationChanges(ctx context.Context, id org.ID) ([]org.Change, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]org.Change{}, s.byOrg[id]...), nil
}
