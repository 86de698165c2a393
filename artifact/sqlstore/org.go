package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/artifactkit/artifactkit/org"
)

// OrgStore is the org.Store of a DB: organizations, and every account's
// membership history in one table keyed by (account, seq).
type OrgStore struct{ db *DB }

var _ org.Store = (*OrgStore)(nil)

// Org returns the DB's org.Store.
func (db *DB) Org() *OrgStore { return &OrgStore{db} }

const orgColumns = "id, arn, management_account, feature_set, trusted_access, service_linked_role, created, seq"

func scanOrg(row rowScanner) (org.Organization, error) {
	var (
		o       org.Organization
		trusted sql.NullString
		created int64
		seq     int64
	)
	if err := row.Scan(&o.ID, &o.ARN, &o.ManagementAccount, &o.FeatureSet, &trusted, &o.ServiceLinkedRole, &created, &seq); err != nil {
		return o, err
	}
	var err error
	o.TrustedAccess, err = unlist[string](trusted)
	o.Created, o.Seq = fromTS(created), uint64(seq)
	return o, err
}

func checkOrg(o org.Organization) error {
	if err := checkTimes(org.ErrInvalidInput, o.Created); err != nil {
		return err
	}
	if err := checkText(org.ErrInvalidInput, string(o.ID), o.ARN, string(o.ManagementAccount), string(o.FeatureSet)); err != nil {
		return err
	}
	return listText(org.ErrInvalidInput, o.TrustedAccess)
}

// CreateOrganization implements org.Store.
func (s *OrgStore) CreateOrganization(ctx context.Context, o org.Organization, founding org.Change) (org.Organization, error) {
	if err := checkOrg(o); err != nil {
		return org.Organization{}, err
	}
	if err := checkChanges([]org.Change{founding}); err != nil {
		return org.Organization{}, err
	}
	o = o.Clone()
	o.Seq = 1
	err := s.db.write(ctx, "create organization", org.ErrConflict, func(tx *runner) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.db.q("SELECT COUNT(*) FROM organizations WHERE id = ?"), o.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return domain(org.ErrExists, "organization %s", o.ID)
		}
		if _, err := tx.ExecContext(ctx, s.db.q("INSERT INTO organizations ("+orgColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
			o.ID, o.ARN, o.ManagementAccount, o.FeatureSet, list(o.TrustedAccess), o.ServiceLinkedRole, ts(o.Created), int64(o.Seq)); err != nil {
			if class, _ := classify(err); class == classUnique {
				return domain(org.ErrExists, "organization %s", o.ID)
			}
			return err
		}
		return s.appendTx(ctx, tx, []org.Change{founding})
	})
	if err != nil {
		return org.Organization{}, err
	}
	return o.Clone(), nil
}

// Organization implements org.Store.
func (s *OrgStore) Organization(ctx context.Context, id org.ID) (org.Organization, error) {
	var o org.Organization
	err := s.db.read(ctx, "organization", func(q *runner) error {
		var err error
		o, err = scanOrg(q.QueryRowContext(ctx, s.db.q("SELECT "+orgColumns+" FROM organizations WHERE id = ?"), id))
		if errors.Is(err, sql.ErrNoRows) {
			return domain(org.ErrNotFound, "organization %s", id)
		}
		return err
	})
	return o, err
}

// UpdateOrganization implements org.Store.
func (s *OrgStore) UpdateOrganization(ctx context.Context, o org.Organization) (org.Organization, error) {
	if err := checkOrg(o); err != nil {
		return org.Organization{}, err
	}
	o = o.Clone()
	err := s.db.write(ctx, "update organization", org.ErrConflict, func(tx *runner) error {
		if ok, err := changedOne(tx.ExecContext(ctx, s.db.q(`UPDATE organizations SET arn = ?, management_account = ?, feature_set = ?,
			trusted_access = ?, service_linked_role = ?, created = ?, seq = seq + 1 WHERE id = ? AND seq = ?`),
			o.ARN, o.ManagementAccount, o.FeatureSet, list(o.TrustedAccess), o.ServiceLinkedRole, ts(o.Created), o.ID, int64(o.Seq))); err != nil || ok {
			return err
		}
		var seq int64
		err := tx.QueryRowContext(ctx, s.db.q("SELECT seq FROM organizations WHERE id = ?"), o.ID).Scan(&seq)
		if errors.Is(err, sql.ErrNoRows) {
			return domain(org.ErrNotFound, "organization %s", o.ID)
		}
		if err != nil {
			return err
		}
		return domain(org.ErrConflict, "organization %s at seq %d, not %d", o.ID, seq, o.Seq)
	})
	if err != nil {
		return org.Organization{}, err
	}
	o.Seq++
	return o.Clone(), nil
}

// checkChanges checks what the database cannot keep and the rules that
// need no reading: one account, ordered dates.
func checkChanges(changes []org.Change) error {
	account := changes[0].Account
	for i, c := range changes {
		if c.Account != account {
			return domain(org.ErrInvalidInput, "changes of accounts %s and %s in one append", account, c.Account)
		}
		if i > 0 && c.At.Before(changes[i-1].At) {
			return domain(org.ErrInvalidInput, "account %s: change dated %s before %s", account, c.At, changes[i-1].At)
		}
		if err := checkTimes(org.ErrInvalidInput, c.At); err != nil {
			return err
		}
		if err := checkText(org.ErrInvalidInput, string(c.Account), string(c.Kind), string(c.Org)); err != nil {
			return err
		}
	}
	return nil
}

// AppendChanges implements org.Store.
func (s *OrgStore) AppendChanges(ctx context.Context, changes ...org.Change) error {
	if len(changes) == 0 {
		return ctx.Err()
	}
	if err := checkChanges(changes); err != nil {
		return err
	}
	return s.db.write(ctx, "append changes", org.ErrConflict, func(tx *runner) error {
		return s.appendTx(ctx, tx, changes)
	})
}

// appendTx appends changes of one account after checking that they follow
// its last change. Two transactions that both read the same last change
// and append the same next Seq collide on the key (account, seq): one of
// them fails with a unique violation, which becomes ErrConflict.
func (s *OrgStore) appendTx(ctx context.Context, tx *runner, changes []org.Change) error {
	account := changes[0].Account
	var (
		seq int64
		at  int64 = zeroTime
	)
	err := tx.QueryRowContext(ctx, s.db.q("SELECT seq, at FROM membership_changes WHERE account = ? ORDER BY seq DESC LIMIT 1"), account).Scan(&seq, &at)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	for _, c := range changes {
		if c.Seq != uint64(seq)+1 {
			return domain(org.ErrConflict, "account %s: change seq %d, want %d", account, c.Seq, seq+1)
		}
		if ts(c.At) < at {
			return domain(org.ErrInvalidInput, "account %s: change dated %s before %s", account, c.At, fromTS(at))
		}
		seq, at = int64(c.Seq), ts(c.At)
	}
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, s.db.q("INSERT INTO membership_changes (account, seq, kind, org, at) VALUES (?, ?, ?, ?, ?)"),
			c.Account, int64(c.Seq), c.Kind, c.Org, ts(c.At)); err != nil {
			return err
		}
	}
	return nil
}

const changeColumns = "account, kind, org, at, seq"

func scanChange(row rowScanner) (org.Change, error) {
	var (
		c       org.Change
		at, seq int64
	)
	err := row.Scan(&c.Account, &c.Kind, &c.Org, &at, &seq)
	c.At, c.Seq = fromTS(at), uint64(seq)
	return c, err
}

// LastChange implements org.Store.
func (s *OrgStore) LastChange(ctx context.Context, account org.AccountID) (org.Change, error) {
	return s.oneChange(ctx, "last change", "SELECT "+changeColumns+" FROM membership_changes WHERE account = ? ORDER BY seq DESC LIMIT 1", account)
}

// ChangeAt implements org.Store.
func (s *OrgStore) ChangeAt(ctx context.Context, account org.AccountID, t time.Time) (org.Change, error) {
	if !storable(t) {
		t = clampTime(t)
	}
	return s.oneChange(ctx, "change at", "SELECT "+changeColumns+" FROM membership_changes WHERE account = ? AND at <= ? ORDER BY at DESC, seq DESC LIMIT 1", account, ts(t))
}

// clampTime brings an instant outside the stored range to its nearest end,
// which answers every question "at or before t" the same way.
func clampTime(t time.Time) time.Time {
	if t.Before(minTime) {
		return minTime
	}
	return maxTime
}

func (s *OrgStore) oneChange(ctx context.Context, op, query string, args ...any) (org.Change, error) {
	var c org.Change
	err := s.db.read(ctx, op, func(q *runner) error {
		var err error
		c, err = scanChange(q.QueryRowContext(ctx, s.db.q(query), args...))
		if errors.Is(err, sql.ErrNoRows) {
			return domain(org.ErrNotFound, "account %s has no such membership change", args[0])
		}
		return err
	})
	return c, err
}

// History implements org.Store.
func (s *OrgStore) History(ctx context.Context, account org.AccountID) ([]org.Change, error) {
	return s.changes(ctx, "history", "SELECT "+changeColumns+" FROM membership_changes WHERE account = ? ORDER BY seq", account)
}

// OrganizationChanges implements org.Store.
func (s *OrgStore) OrganizationChanges(ctx context.Context, id org.ID) ([]org.Change, error) {
	return s.changes(ctx, "organization changes", "SELECT "+changeColumns+" FROM membership_changes WHERE org = ? ORDER BY id", id)
}

func (s *OrgStore) changes(ctx context.Context, op, query string, arg any) ([]org.Change, error) {
	out, err := readAll(ctx, s.db, op, []org.Change{}, scanChange, s.db.q(query), arg)
	if err != nil {
		return nil, err
	}
	return out, nil
}

var _ org.MemberStore = (*OrgStore)(nil)

// latestAt is the condition "change c is its account's latest at or
// before the instant given", in the form each planner runs as one probe
// per row: SQLite answers NOT EXISTS from the covering index (account, at,
// seq); PostgreSQL plans it as an anti-join that reads the whole index,
// and the scalar subquery as one backward probe.
func (s *OrgStore) latestAt() string {
	if s.db.dialect == PostgreSQL {
		return "c.seq = (SELECT MAX(d.seq) FROM membership_changes d WHERE d.account = c.account AND d.at <= ?)"
	}
	return "NOT EXISTS (SELECT 1 FROM membership_changes d WHERE d.account = c.account AND d.at <= ? AND d.seq > c.seq)"
}

// MemberChanges implements org.MemberStore: the entering changes into id at
// or before t that are their account's latest at or before t, in account
// order, through the index (org, account, seq), each checked by one probe.
func (s *OrgStore) MemberChanges(ctx context.Context, id org.ID, t time.Time, after org.AccountID, limit int) ([]org.Change, error) {
	if !storable(t) {
		t = clampTime(t)
	}
	at := ts(t)
	return readAll(ctx, s.db, "members", make([]org.Change, 0, min(max(limit, 0), 1024)), scanChange,
		s.db.q(`SELECT c.account, c.kind, c.org, c.at, c.seq FROM membership_changes c
			WHERE c.org = ? AND c.account > ? AND c.at <= ? AND c.kind IN ('FOUNDED', 'CREATED', 'JOINED')
			AND `+s.latestAt()+` ORDER BY c.account LIMIT ?`), id, after, at, at, limit)
}
