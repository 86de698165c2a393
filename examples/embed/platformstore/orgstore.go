package platformstore

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/artifactkit/artifactkit/org"
)

// OrgStore is an org.Store kept in tables of encoded rows:
//
//   - organizations, one row per organization, primary key its id;
//   - changes, one row per membership change, primary key (account, seq),
//     with the secondary index changesByOrg on the organization entered or
//     left, in the order the changes were appended;
//   - lastSeq, the number of each account's latest change, as a database
//     would keep it in an accounts table, so that LastChange and appends
//     need not scan a history.
//
// It is safe for concurrent use. The zero value is not usable; call
// NewOrgStore.
type OrgStore struct {
	mu            sync.RWMutex
	organizations table[org.ID, orgRow]
	changes       table[changeKey, changeRow]
	changesByOrg  map[org.ID][]changeKey
	lastSeq       map[org.AccountID]uint64
}

var _ org.Store = (*OrgStore)(nil)

// changeKey is the primary key of the changes table.
type changeKey struct {
	account org.AccountID
	seq     uint64
}

// orgRow is a row of the organizations table.
type orgRow struct {
	ID                string    `json:"id"`
	ARN               string    `json:"arn"`
	ManagementAccount string    `json:"management_account"`
	FeatureSet        string    `json:"feature_set"`
	TrustedAccess     []string  `json:"trusted_access"`
	ServiceLinkedRole bool      `json:"service_linked_role"`
	Created           time.Time `json:"created"`
	Seq               uint64    `json:"seq"`
}

// orgToRow returns the row of o.
func orgToRow(o org.Organization) orgRow {
	return orgRow{
		ID:                string(o.ID),
		ARN:               o.ARN,
		ManagementAccount: string(o.ManagementAccount),
		FeatureSet:        string(o.FeatureSet),
		TrustedAccess:     o.TrustedAccess,
		ServiceLinkedRole: o.ServiceLinkedRole,
		Created:           o.Created,
		Seq:               o.Seq,
	}
}

// organization returns the organization of row r.
func (r orgRow) organization() org.Organization {
	return org.Organization{
		ID:                org.ID(r.ID),
		ARN:               r.ARN,
		ManagementAccount: org.AccountID(r.ManagementAccount),
		FeatureSet:        org.FeatureSet(r.FeatureSet),
		TrustedAccess:     r.TrustedAccess,
		ServiceLinkedRole: r.ServiceLinkedRole,
		Created:           r.Created,
		Seq:               r.Seq,
	}
}

// changeRow is a row of the changes table.
type changeRow struct {
	Account string    `json:"account"`
	Seq     uint64    `json:"seq"`
	Kind    string    `json:"kind"`
	Org     string    `json:"org"`
	At      time.Time `json:"at"`
}

// changeToRow returns the row of c.
func changeToRow(c org.Change) changeRow {
	return changeRow{
		Account: string(c.Account),
		Seq:     c.Seq,
		Kind:    string(c.Kind),
		Org:     string(c.Org),
		At:      c.At,
	}
}

// change returns the change of row r.
func (r changeRow) change() org.Change {
	return org.Change{
		Account: org.AccountID(r.Account),
		Kind:    org.ChangeKind(r.Kind),
		Org:     org.ID(r.Org),
		At:      r.At,
		Seq:     r.Seq,
	}
}

// NewOrgStore returns an empty OrgStore.
func NewOrgStore() *OrgStore {
	return &OrgStore{
		organizations: make(table[org.ID, orgRow]),
		changes:       make(table[changeKey, changeRow]),
		changesByOrg:  make(map[org.ID][]changeKey),
		lastSeq:       make(map[org.AccountID]uint64),
	}
}

// CreateOrganization implements org.Store.
func (s *OrgStore) CreateOrganization(ctx context.Context, o org.Organization, founding org.Change) (org.Organization, error) {
	if err := ctx.Err(); err != nil {
		return org.Organization{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.organizations[o.ID]; ok {
		return org.Organization{}, fmt.Errorf("platformstore: organization %s: %w", o.ID, org.ErrExists)
	}
	if err := s.checkLocked([]org.Change{founding}); err != nil {
		return org.Organization{}, err
	}
	o.Seq = 1
	row, err := encode(orgToRow(o))
	if err != nil {
		return org.Organization{}, err
	}
	changes, err := encodeChanges([]org.Change{founding})
	if err != nil {
		return org.Organization{}, err
	}
	s.organizations[o.ID] = row
	s.insertLocked([]org.Change{founding}, changes)
	return s.organizationLocked(o.ID)
}

// Organization implements org.Store.
func (s *OrgStore) Organization(ctx context.Context, id org.ID) (org.Organization, error) {
	if err := ctx.Err(); err != nil {
		return org.Organization{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.organizationLocked(id)
}

// organizationLocked reads the row of organization id, like SELECT ... WHERE
// id = $1.
func (s *OrgStore) organizationLocked(id org.ID) (org.Organization, error) {
	r, ok, err := s.organizations.get(id)
	if err != nil {
		return org.Organization{}, err
	}
	if !ok {
		return org.Organization{}, fmt.Errorf("platformstore: organization %s: %w", id, org.ErrNotFound)
	}
	return r.organization(), nil
}

// UpdateOrganization implements org.Store: the row is replaced only if its
// seq column still holds o.Seq, like UPDATE ... WHERE id = $1 AND seq = $2.
func (s *OrgStore) UpdateOrganization(ctx context.Context, o org.Organization) (org.Organization, error) {
	if err := ctx.Err(); err != nil {
		return org.Organization{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, err := s.organizationLocked(o.ID)
	if err != nil {
		return org.Organization{}, err
	}
	if cur.Seq != o.Seq {
		return org.Organization{}, fmt.Errorf("platformstore: organization %s at seq %d, not %d: %w", o.ID, cur.Seq, o.Seq, org.ErrConflict)
	}
	o.Seq++
	row, err := encode(orgToRow(o))
	if err != nil {
		return org.Organization{}, err
	}
	s.organizations[o.ID] = row
	return s.organizationLocked(o.ID)
}

// AppendChanges implements org.Store.
func (s *OrgStore) AppendChanges(ctx context.Context, changes ...org.Change) error {
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
	rows, err := encodeChanges(changes)
	if err != nil {
		return err
	}
	s.insertLocked(changes, rows)
	return nil
}

// checkLocked checks that changes, all of one account, may be appended to
// its history: consecutive numbers from the one after its last change, and
// dates that never go back.
func (s *OrgStore) checkLocked(changes []org.Change) error {
	account := changes[0].Account
	seq := s.lastSeq[account]
	var at time.Time
	if seq > 0 {
		last, err := s.changeLocked(account, seq)
		if err != nil {
			return err
		}
		at = last.At
	}
	for _, c := range changes {
		if c.Account != account {
			return fmt.Errorf("platformstore: changes of accounts %s and %s in one append: %w", account, c.Account, org.ErrInvalidInput)
		}
		if c.Seq != seq+1 {
			return fmt.Errorf("platformstore: account %s: change seq %d, want %d: %w", account, c.Seq, seq+1, org.ErrConflict)
		}
		if c.At.Before(at) {
			return fmt.Errorf("platformstore: account %s: change dated %s before %s: %w", account, c.At, at, org.ErrInvalidInput)
		}
		seq, at = c.Seq, c.At
	}
	return nil
}

// encodeChanges encodes the rows of changes, all before any is stored.
func encodeChanges(changes []org.Change) ([][]byte, error) {
	rows := make([][]byte, len(changes))
	for i, c := range changes {
		b, err := encode(changeToRow(c))
		if err != nil {
			return nil, err
		}
		rows[i] = b
	}
	return rows, nil
}

// insertLocked stores the checked changes with their encoded rows and
// maintains the index and the last sequence numbers.
func (s *OrgStore) insertLocked(changes []org.Change, rows [][]byte) {
	for i, c := range changes {
		k := changeKey{c.Account, c.Seq}
		s.changes[k] = rows[i]
		s.changesByOrg[c.Org] = append(s.changesByOrg[c.Org], k)
		s.lastSeq[c.Account] = c.Seq
	}
}

// changeLocked reads change seq of account by its primary key.
func (s *OrgStore) changeLocked(account org.AccountID, seq uint64) (org.Change, error) {
	k := changeKey{account, seq}
	r, ok, err := s.changes.get(k)
	if err != nil {
		return org.Change{}, err
	}
	if !ok {
		// The index or lastSeq names a row that is not there.
		return org.Change{}, fmt.Errorf("platformstore: account %s: change %d is missing", account, seq)
	}
	return r.change(), nil
}

// LastChange implements org.Store.
func (s *OrgStore) LastChange(ctx context.Context, account org.AccountID) (org.Change, error) {
	if err := ctx.Err(); err != nil {
		return org.Change{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	seq, ok := s.lastSeq[account]
	if !ok {
		return org.Change{}, fmt.Errorf("platformstore: account %s has no membership history: %w", account, org.ErrNotFound)
	}
	return s.changeLocked(account, seq)
}

// ChangeAt implements org.Store. It searches the account's changes by
// primary key: their dates never go back as seq grows, so a binary search
// over seq reads O(log h) rows, as an index on (account, at) would.
func (s *OrgStore) ChangeAt(ctx context.Context, account org.AccountID, t time.Time) (org.Change, error) {
	if err := ctx.Err(); err != nil {
		return org.Change{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	// Find the first change dated after t; the one before it is the answer.
	lo, hi := uint64(1), s.lastSeq[account]+1
	for lo < hi {
		mid := lo + (hi-lo)/2
		c, err := s.changeLocked(account, mid)
		if err != nil {
			return org.Change{}, err
		}
		if c.At.After(t) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	if lo == 1 {
		return org.Change{}, fmt.Errorf("platformstore: account %s has no change at or before %s: %w", account, t, org.ErrNotFound)
	}
	return s.changeLocked(account, lo-1)
}

// History implements org.Store.
func (s *OrgStore) History(ctx context.Context, account org.AccountID) ([]org.Change, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	last := s.lastSeq[account]
	out := make([]org.Change, 0, last)
	for seq := uint64(1); seq <= last; seq++ {
		c, err := s.changeLocked(account, seq)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// OrganizationChanges implements org.Store with the changesByOrg index.
func (s *OrgStore) OrganizationChanges(ctx context.Context, id org.ID) ([]org.Change, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	keys := s.changesByOrg[id]
	out := make([]org.Change, 0, len(keys))
	for _, k := range keys {
		c, err := s.changeLocked(k.account, k.seq)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// OrganizationRow returns a copy of the encoded row of organization id in
// the organizations table, or nil when there is none. It shows what the
// platform keeps.
func (s *OrgStore) OrganizationRow(id org.ID) []byte {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.organizations.raw(id)
}
