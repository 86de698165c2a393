package memstore

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/org"
)

// Store is an in-memory agreement.Store. The zero value is an empty store
// ready to use. It is safe for concurrent use and copies values in and out.
type Store struct {
	mu sync.RWMutex

	agreements map[agreement.ID]agreement.Agreement

	cas   map[agreement.CustomerAgreementID]agreement.CustomerAgreement
	byKey map[agreement.Key][]agreement.CustomerAgreementID // oldest first
	// Active customer agreements by holder.
	activeAccount map[org.AccountID]map[agreement.CustomerAgreementID]struct{}
	activeOrg     map[org.ID]map[agreement.CustomerAgreementID]struct{}

	ndas    map[ndaKey]agreement.NDAAcceptance
	outside map[org.AccountID]map[string]agreement.OutsideNDA

	tokens map[string]agreement.Token

	designations map[org.AccountID][]agreement.Designation // oldest first
}

type ndaKey struct {
	account   org.AccountID
	agreement agreement.ID
	revision  agreement.RevisionID
}

var _ agreement.Store = (*Store)(nil)

// New returns an empty Store.
func New() *Store { return &Store{} }

// initLocked makes the maps of a zero Store; writers call it holding mu.
func (s *Store) initLocked() {
	if s.agreements != nil {
		return
	}
	s.agreements = make(map[agreement.ID]agreement.Agreement)
	s.cas = make(map[agreement.CustomerAgreementID]agreement.CustomerAgreement)
	s.byKey = make(map[agreement.Key][]agreement.CustomerAgreementID)
	s.activeAccount = make(map[org.AccountID]map[agreement.CustomerAgreementID]struct{})
	s.activeOrg = make(map[org.ID]map[agreement.CustomerAgreementID]struct{})
	s.ndas = make(map[ndaKey]agreement.NDAAcceptance)
	s.outside = make(map[org.AccountID]map[string]agreement.OutsideNDA)
	s.tokens = make(map[string]agreement.Token)
	s.designations = make(map[org.AccountID][]agreement.Designation)
}

// Lookups that find nothing are common (an account without an agreement),
// so they return these preformatted errors rather than build one.
var (
	errNoCustomerAgreement = fmt.Errorf("no such customer agreement: %w", agreement.ErrNotFound)
	errNoDesignation       = fmt.Errorf("no such designation: %w", agreement.ErrNotFound)
	errNoNDA               = fmt.Errorf("no such NDA acceptance: %w", agreement.ErrNotFound)
	errNoToken             = fmt.Errorf("no such token: %w", agreement.ErrNotFound)
)

func errf(sentinel error, format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, sentinel)...)
}

// InsertAgreement implements agreement.CatalogStore.
func (s *Store) InsertAgreement(ctx context.Context, a agreement.Agreement) (agreement.Agreement, error) {
	if err := ctx.Err(); err != nil {
		return agreement.Agreement{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initLocked()
	if _, ok := s.agreements[a.ID]; ok {
		return agreement.Agreement{}, errf(agreement.ErrExists, "agreement %s", a.ID)
	}
	a = a.Clone()
	a.Seq = 1
	s.agreements[a.ID] = a
	return a.Clone(), nil
}

// UpdateAgreement implements agreement.CatalogStore.
func (s *Store) UpdateAgreement(ctx context.Context, a agreement.Agreement) (agreement.Agreement, error) {
	if err := ctx.Err(); err != nil {
		return agreement.Agreement{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initLocked()
	cur, ok := s.agreements[a.ID]
	if !ok {
		return agreement.Agreement{}, errf(agreement.ErrNotFound, "agreement %s", a.ID)
	}
	if cur.Seq != a.Seq {
		return agreement.Agreement{}, errf(agreement.ErrConflict, "agreement %s at seq %d, not %d", a.ID, cur.Seq, a.Seq)
	}
	a = a.Clone()
	a.Seq++
	s.agreements[a.ID] = a
	return a.Clone(), nil
}

// Agreement implements agreement.CatalogStore.
func (s *Store) Agreement(ctx context.Context, id agreement.ID) (agreement.Agreement, error) {
	if err := ctx.Err(); err != nil {
		return agreement.Agreement{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, ok := s.agreements[id]
	if !ok {
		return agreement.Agreement{}, errf(agreement.ErrNotFound, "agreement %s", id)
	}
	return a.Clone(), nil
}

// Agreements implements agreement.CatalogStore.
func (s *Store) Agreements(ctx context.Context, after agreement.ID, limit int) ([]agreement.Agreement, error) {
	return s.agreementsWhere(ctx, limit, after, "")
}

// AgreementsOfKind implements agreement.CatalogStore.
func (s *Store) AgreementsOfKind(ctx context.Context, k agreement.Kind) ([]agreement.Agreement, error) {
	return s.agreementsWhere(ctx, 0, "", k)
}

// agreementsWhere returns up to limit agreements with ids after after, of
// kind k unless k is empty, sorted by id.
func (s *Store) agreementsWhere(ctx context.Context, limit int, after agreement.ID, k agreement.Kind) ([]agreement.Agreement, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var ids []agreement.ID
	for id := range s.agreements {
		if id > after && (k == "" || s.agreements[id].Kind == k) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	if limit > 0 && len(ids) > limit {
		ids = ids[:limit]
	}
	out := make([]agreement.Agreement, len(ids))
	for i, id := range ids {
		out[i] = s.agreements[id].Clone()
	}
	return out, nil
}

// InsertCustomerAgreement implements agreement.CustomerAgreementStore.
func (s *Store) InsertCustomerAgreement(ctx context.Context, c agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	if err := ctx.Err(); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initLocked()
	if _, ok := s.cas[c.ID]; ok {
		return agreement.CustomerAgreement{}, errf(agreement.ErrExists, "customer agreement %s", c.ID)
	}
	key := c.Key()
	if ids := s.byKey[key]; len(ids) > 0 {
		latest := s.cas[ids[len(ids)-1]]
		if latest.State == agreement.Active {
			return agreement.CustomerAgreement{}, errf(agreement.ErrConflict, "customer agreement %s of %v is active", latest.ID, key)
		}
		if c.EffectiveStart.Before(latest.EffectiveStart) {
			return agreement.CustomerAgreement{}, errf(agreement.ErrInvalidInput, "customer agreement %s starts before %s", c.ID, latest.ID)
		}
	}
	c = c.Clone()
	c.Seq = 1
	s.cas[c.ID] = c
	s.byKey[key] = append(s.byKey[key], c.ID)
	s.index(c)
	return c.Clone(), nil
}

// index files c among the active customer agreements of its holder, or
// takes it out.
func (s *Store) index(c agreement.CustomerAgreement) {
	active := c.State == agreement.Active
	switch c.Scope {
	case agreement.ScopeAccount:
		setMember(s.activeAccount, c.Account, c.ID, active)
	case agreement.ScopeOrganization:
		setMember(s.activeOrg, c.Organization, c.ID, active)
	}
}

func setMember[K comparable](m map[K]map[agreement.CustomerAgreementID]struct{}, k K, id agreement.CustomerAgreementID, in bool) {
	set := m[k]
	if in {
		if set == nil {
			set = make(map[agreement.CustomerAgreementID]struct{})
			m[k] = set
		}
		set[id] = struct{}{}
		return
	}
	delete(set, id)
	if len(set) == 0 {
		delete(m, k)
	}
}

// UpdateCustomerAgreement implements agreement.CustomerAgreementStore.
func (s *Store) UpdateCustomerAgreement(ctx context.Context, c agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	if err := ctx.Err(); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initLocked()
	cur, ok := s.cas[c.ID]
	if !ok {
		return agreement.CustomerAgreement{}, errf(agreement.ErrNotFound, "customer agreement %s", c.ID)
	}
	if cur.Seq != c.Seq {
		return agreement.CustomerAgreement{}, errf(agreement.ErrConflict, "customer agreement %s at seq %d, not %d", c.ID, cur.Seq, c.Seq)
	}
	switch {
	case cur.Key() != c.Key():
		return agreement.CustomerAgreement{}, errf(agreement.ErrInvalidInput, "customer agreement %s cannot change its key", c.ID)
	case !cur.EffectiveStart.Equal(c.EffectiveStart):
		return agreement.CustomerAgreement{}, errf(agreement.ErrInvalidInput, "customer agreement %s cannot change its effective start", c.ID)
	case cur.State != agreement.Active && c.State == agreement.Active:
		return agreement.CustomerAgreement{}, errf(agreement.ErrInvalidInput, "customer agreement %s cannot become active again", c.ID)
	}
	c = c.Clone()
	c.Seq++
	s.cas[c.ID] = c
	s.index(c)
	return c.Clone(), nil
}

// CustomerAgreement implements agreement.CustomerAgreementStore.
func (s *Store) CustomerAgreement(ctx context.Context, id agreement.CustomerAgreementID) (agreement.CustomerAgreement, error) {
	if err := ctx.Err(); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.cas[id]
	if !ok {
		return agreement.CustomerAgreement{}, errf(agreement.ErrNotFound, "customer agreement %s", id)
	}
	return c.Clone(), nil
}

// LatestCustomerAgreement implements agreement.CustomerAgreementStore.
func (s *Store) LatestCustomerAgreement(ctx context.Context, key agreement.Key) (agreement.CustomerAgreement, error) {
	if err := ctx.Err(); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := s.byKey[key]
	if len(ids) == 0 {
		return agreement.CustomerAgreement{}, errNoCustomerAgreement
	}
	return s.cas[ids[len(ids)-1]].Clone(), nil
}

// CustomerAgreementAt implements agreement.CustomerAgreementStore.
func (s *Store) CustomerAgreementAt(ctx context.Context, key agreement.Key, t time.Time) (agreement.CustomerAgreement, error) {
	if err := ctx.Err(); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := s.byKey[key]
	// The latest one usually answers (the present); otherwise search.
	i := len(ids)
	if i > 0 && s.cas[ids[i-1]].EffectiveStart.After(t) {
		i = sort.Search(len(ids), func(i int) bool { return s.cas[ids[i]].EffectiveStart.After(t) })
	}
	if i == 0 {
		return agreement.CustomerAgreement{}, errNoCustomerAgreement
	}
	return s.cas[ids[i-1]].Clone(), nil
}

// ActiveCustomerAgreements implements agreement.CustomerAgreementStore.
func (s *Store) ActiveCustomerAgreements(ctx context.Context, f agreement.ActiveFilter, after string, limit int) ([]agreement.CustomerAgreement, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []agreement.CustomerAgreement
	add := func(set map[agreement.CustomerAgreementID]struct{}) {
		for id := range set {
			if c := s.cas[id]; c.SortKey() > after {
				out = append(out, c)
			}
		}
	}
	if f.Account != "" {
		add(s.activeAccount[f.Account])
	}
	if f.Organization != "" {
		add(s.activeOrg[f.Organization])
	}
	slices.SortFunc(out, func(a, b agreement.CustomerAgreement) int { return strings.Compare(a.SortKey(), b.SortKey()) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	for i := range out {
		out[i] = out[i].Clone()
	}
	return out, nil
}

// PutNDA implements agreement.NDAStore.
func (s *Store) PutNDA(ctx context.Context, n agreement.NDAAcceptance) (agreement.NDAAcceptance, error) {
	if err := ctx.Err(); err != nil {
		return agreement.NDAAcceptance{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initLocked()
	k := ndaKey{n.Account, n.Agreement, n.Revision}
	if cur, ok := s.ndas[k]; ok {
		return cur, nil
	}
	s.ndas[k] = n
	return n, nil
}

// NDA implements agreement.NDAStore.
func (s *Store) NDA(ctx context.Context, account org.AccountID, a agreement.ID, rev agreement.RevisionID) (agreement.NDAAcceptance, error) {
	if err := ctx.Err(); err != nil {
		return agreement.NDAAcceptance{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	n, ok := s.ndas[ndaKey{account, a, rev}]
	if !ok {
		return agreement.NDAAcceptance{}, errNoNDA
	}
	return n, nil
}

// PutOutsideNDA implements agreement.NDAStore.
func (s *Store) PutOutsideNDA(ctx context.Context, n agreement.OutsideNDA) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initLocked()
	m := s.outside[n.Account]
	if m == nil {
		m = make(map[string]agreement.OutsideNDA)
		s.outside[n.Account] = m
	}
	m[n.Reference] = n.Clone()
	return nil
}

// OutsideNDAs implements agreement.NDAStore.
func (s *Store) OutsideNDAs(ctx context.Context, account org.AccountID) ([]agreement.OutsideNDA, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]agreement.OutsideNDA, 0, len(s.outside[account]))
	for _, n := range s.outside[account] {
		out = append(out, n.Clone())
	}
	slices.SortFunc(out, func(a, b agreement.OutsideNDA) int { return strings.Compare(a.Reference, b.Reference) })
	return out, nil
}

// InsertToken implements agreement.TokenStore.
func (s *Store) InsertToken(ctx context.Context, t agreement.Token) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initLocked()
	if _, ok := s.tokens[t.Value]; ok {
		return errf(agreement.ErrExists, "token")
	}
	s.tokens[t.Value] = t
	return nil
}

// Token implements agreement.TokenStore.
func (s *Store) Token(ctx context.Context, value string) (agreement.Token, error) {
	if err := ctx.Err(); err != nil {
		return agreement.Token{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, ok := s.tokens[value]
	if !ok {
		return agreement.Token{}, errNoToken
	}
	return t, nil
}

// DeleteExpiredTokens implements agreement.TokenStore.
func (s *Store) DeleteExpiredTokens(ctx context.Context, now time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initLocked()
	n := 0
	for v, t := range s.tokens {
		if !t.Expires.After(now) {
			delete(s.tokens, v)
			n++
		}
	}
	return n, nil
}

// InsertDesignation implements agreement.DesignationStore.
func (s *Store) InsertDesignation(ctx context.Context, d agreement.Designation) (agreement.Designation, error) {
	if err := ctx.Err(); err != nil {
		return agreement.Designation{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initLocked()
	h := s.designations[d.Account]
	if len(h) > 0 {
		last := h[len(h)-1]
		if last.End.IsZero() {
			return agreement.Designation{}, errf(agreement.ErrConflict, "account %s is designated", d.Account)
		}
		if d.Start.Before(last.Start) {
			return agreement.Designation{}, errf(agreement.ErrInvalidInput, "designation of %s starts before the latest", d.Account)
		}
	}
	d.Seq = 1
	s.designations[d.Account] = append(h, d)
	return d, nil
}

// UpdateDesignation implements agreement.DesignationStore.
func (s *Store) UpdateDesignation(ctx context.Context, d agreement.Designation) (agreement.Designation, error) {
	if err := ctx.Err(); err != nil {
		return agreement.Designation{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initLocked()
	h := s.designations[d.Account]
	if len(h) == 0 {
		return agreement.Designation{}, errf(agreement.ErrNotFound, "account %s has no designation", d.Account)
	}
	last := &h[len(h)-1]
	switch {
	case last.Seq != d.Seq:
		return agreement.Designation{}, errf(agreement.ErrConflict, "designation of %s at seq %d, not %d", d.Account, last.Seq, d.Seq)
	case !last.Start.Equal(d.Start):
		return agreement.Designation{}, errf(agreement.ErrInvalidInput, "designation of %s cannot change its start", d.Account)
	}
	d.Seq++
	*last = d
	return d, nil
}

// LatestDesignation implements agreement.DesignationStore.
func (s *Store) LatestDesignation(ctx context.Context, account org.AccountID) (agreement.Designation, error) {
	if err := ctx.Err(); err != nil {
		return agreement.Designation{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	h := s.designations[account]
	if len(h) == 0 {
		return agreement.Designation{}, errNoDesignation
	}
	return h[len(h)-1], nil
}

// DesignationAt implements agreement.DesignationStore.
func (s *Store) DesignationAt(ctx context.Context, account org.AccountID, t time.Time) (agreement.Designation, error) {
	if err := ctx.Err(); err != nil {
		return agreement.Designation{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	h := s.designations[account]
	i := len(h)
	if i > 0 && h[i-1].Start.After(t) {
		i = sort.Search(len(h), func(i int) bool { return h[i].Start.After(t) })
	}
	if i == 0 {
		return agreement.Designation{}, errNoDesignation
	}
	return h[i-1], nil
}
