package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/org"
)

// AgreementStore is the agreement.Store of a DB.
type AgreementStore struct{ db *DB }

// catalogCache keeps the agreements read since the catalog's generation
// last changed: the BAAs are read on every question about HIPAA Accounts,
// and rereading the generation costs less than rereading them. Every write
// of an agreement changes the generation in its transaction, in this
// process or another.
type catalogCache struct {
	mu     sync.Mutex
	gen    int64
	byID   map[agreement.ID]agreement.Agreement
	byKind map[agreement.Kind][]agreement.Agreement
}

var _ agreement.Store = (*AgreementStore)(nil)

// Agreements returns the DB's agreement.Store.
func (db *DB) Agreements() *AgreementStore { return &AgreementStore{db} }

func (s *AgreementStore) q(query string) string { return s.db.q(query) }

// ---- the catalog

func checkAgreement(a agreement.Agreement) error {
	inv := agreement.ErrInvalidInput
	if err := checkText(inv, string(a.ID), a.ARN, a.Name, a.Description, string(a.Kind), string(a.Type)); err != nil {
		return err
	}
	if err := listText(inv, a.Subjects); err != nil {
		return err
	}
	if err := checkTimes(inv, a.Created); err != nil {
		return err
	}
	for _, r := range a.Revisions {
		if err := checkText(inv, string(r.ID)); err != nil {
			return err
		}
		if err := listText(inv, r.AcceptanceTerms); err != nil {
			return err
		}
		if err := listText(inv, r.TerminateTerms); err != nil {
			return err
		}
		if err := checkTimes(inv, r.Published); err != nil {
			return err
		}
	}
	return nil
}

func (s *AgreementStore) putRevisions(ctx context.Context, tx *runner, a agreement.Agreement) error {
	for i, r := range a.Revisions {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO agreement_revisions (agreement, pos, id, published, document_sha256, nda_sha256,
			acceptance_terms, terminate_terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
			a.ID, i, r.ID, ts(r.Published), r.DocumentSHA256[:], r.NDASHA256[:], list(r.AcceptanceTerms), list(r.TerminateTerms)); err != nil {
			return err
		}
	}
	return nil
}

// InsertAgreement implements agreement.CatalogStore.
func (s *AgreementStore) InsertAgreement(ctx context.Context, a agreement.Agreement) (agreement.Agreement, error) {
	if err := checkAgreement(a); err != nil {
		return agreement.Agreement{}, err
	}
	a = a.Clone()
	a.Seq = 1
	err := s.db.write(ctx, "insert agreement", agreement.ErrExists, func(tx *runner) error {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO agreements (id, arn, name, description, kind, type, subjects, created, seq)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`), a.ID, a.ARN, a.Name, a.Description, a.Kind, a.Type, list(a.Subjects), ts(a.Created)); err != nil {
			if class, _ := classify(err); class == classUnique {
				return domain(agreement.ErrExists, "agreement %s", a.ID)
			}
			return err
		}
		if err := s.putRevisions(ctx, tx, a); err != nil {
			return err
		}
		return s.bumpCatalog(ctx, tx)
	})
	if err != nil {
		return agreement.Agreement{}, err
	}
	return a.Clone(), nil
}

// bumpCatalog changes the catalog's generation.
func (s *AgreementStore) bumpCatalog(ctx context.Context, tx *runner) error {
	_, err := tx.ExecContext(ctx, "UPDATE catalog_generation SET gen = gen + 1 WHERE id = 1")
	return err
}

// cached returns the cache, emptied if the catalog changed since it was
// filled, and the generation it is at.
func (s *AgreementStore) cached(ctx context.Context) (*catalogCache, int64, error) {
	var gen int64
	err := s.db.read(ctx, "read catalog generation", func(q *runner) error {
		return q.QueryRowContext(ctx, "SELECT gen FROM catalog_generation WHERE id = 1").Scan(&gen)
	})
	if err != nil {
		return nil, 0, err
	}
	c := s.db.catalog
	c.mu.Lock()
	if c.gen != gen || c.byID == nil {
		c.gen, c.byID, c.byKind = gen, map[agreement.ID]agreement.Agreement{}, map[agreement.Kind][]agreement.Agreement{}
	}
	c.mu.Unlock()
	return c, gen, nil
}

// UpdateAgreement implements agreement.CatalogStore.
func (s *AgreementStore) UpdateAgreement(ctx context.Context, a agreement.Agreement) (agreement.Agreement, error) {
	if err := checkAgreement(a); err != nil {
		return agreement.Agreement{}, err
	}
	a = a.Clone()
	err := s.db.write(ctx, "update agreement", agreement.ErrConflict, func(tx *runner) error {
		if ok, err := changedOne(tx.ExecContext(ctx, s.q(`UPDATE agreements SET arn = ?, name = ?, description = ?, kind = ?, type = ?, subjects = ?,
			created = ?, seq = seq + 1 WHERE id = ? AND seq = ?`),
			a.ARN, a.Name, a.Description, a.Kind, a.Type, list(a.Subjects), ts(a.Created), a.ID, int64(a.Seq))); err != nil {
			return err
		} else if !ok {
			return s.staleOrMissing(ctx, tx, "agreements", "id = ?", a.ID, a.Seq, "agreement "+string(a.ID))
		}
		if _, err := tx.ExecContext(ctx, s.q("DELETE FROM agreement_revisions WHERE agreement = ?"), a.ID); err != nil {
			return err
		}
		if err := s.putRevisions(ctx, tx, a); err != nil {
			return err
		}
		return s.bumpCatalog(ctx, tx)
	})
	if err != nil {
		return agreement.Agreement{}, err
	}
	a.Seq++
	return a.Clone(), nil
}

// staleOrMissing tells an optimistic update that matched no row why:
// ErrNotFound or ErrConflict.
func (s *AgreementStore) staleOrMissing(ctx context.Context, tx *runner, table, where string, key any, seq uint64, what string) error {
	var cur int64
	err := tx.QueryRowContext(ctx, s.q("SELECT seq FROM "+table+" WHERE "+where), key).Scan(&cur)
	if errors.Is(err, sql.ErrNoRows) {
		return domain(agreement.ErrNotFound, "%s", what)
	}
	if err != nil {
		return err
	}
	return domain(agreement.ErrConflict, "%s at seq %d, not %d", what, cur, seq)
}

// The catalog is read with its revisions in one query, in one statement's
// snapshot.
const agreementQuery = `SELECT a.id, a.arn, a.name, a.description, a.kind, a.type, a.subjects, a.created, a.seq,
	r.id, r.published, r.document_sha256, r.nda_sha256, r.acceptance_terms, r.terminate_terms
	FROM agreements a LEFT JOIN agreement_revisions r ON r.agreement = a.id`

func (s *AgreementStore) agreements(ctx context.Context, op, where string, limit int, args ...any) ([]agreement.Agreement, error) {
	query := agreementQuery + " WHERE " + where + " ORDER BY a.id, r.pos"
	if limit > 0 {
		// The limit counts agreements, not rows of revisions.
		query = agreementQuery + " WHERE a.id IN (SELECT id FROM agreements a WHERE " + where + " ORDER BY id LIMIT ?) ORDER BY a.id, r.pos"
		args = append(args, limit)
	}
	var out []agreement.Agreement
	err := s.db.read(ctx, op, func(q *runner) error {
		return eachRow(ctx, q, s.q(query), args, func(row rowScanner) error {
			var (
				a                   agreement.Agreement
				subjects, acc, term sql.NullString
				created, seq        int64
				revID               sql.NullString
				docSum, ndaSum      []byte
				published           sql.NullInt64
			)
			err := row.Scan(&a.ID, &a.ARN, &a.Name, &a.Description, &a.Kind, &a.Type, &subjects, &created, &seq,
				&revID, &published, &docSum, &ndaSum, &acc, &term)
			if err != nil {
				return err
			}
			if n := len(out); n == 0 || out[n-1].ID != a.ID {
				a.Created, a.Seq = fromTS(created), uint64(seq)
				if a.Subjects, err = unlist[agreement.Scope](subjects); err != nil {
					return err
				}
				out = append(out, a)
			}
			if !revID.Valid {
				return nil
			}
			r := agreement.Revision{ID: agreement.RevisionID(revID.String), Published: fromTS(published.Int64)}
			copy(r.DocumentSHA256[:], docSum)
			copy(r.NDASHA256[:], ndaSum)
			if r.AcceptanceTerms, err = unlist[string](acc); err != nil {
				return err
			}
			if r.TerminateTerms, err = unlist[string](term); err != nil {
				return err
			}
			cur := &out[len(out)-1]
			cur.Revisions = append(cur.Revisions, r)
			return nil
		})
	})
	return out, err
}

// Agreement implements agreement.CatalogStore.
func (s *AgreementStore) Agreement(ctx context.Context, id agreement.ID) (agreement.Agreement, error) {
	c, gen, err := s.cached(ctx)
	if err != nil {
		return agreement.Agreement{}, err
	}
	c.mu.Lock()
	a, ok := c.byID[id]
	c.mu.Unlock()
	if ok {
		return a.Clone(), nil
	}
	as, err := s.agreements(ctx, "read agreement", "a.id = ?", 0, id)
	if err != nil {
		return agreement.Agreement{}, err
	}
	if len(as) == 0 {
		return agreement.Agreement{}, refusal(agreement.ErrNotFound, "agreement %s", id)
	}
	c.mu.Lock()
	if c.gen == gen {
		c.byID[id] = as[0].Clone()
	}
	c.mu.Unlock()
	return as[0], nil
}

// Agreements implements agreement.CatalogStore.
func (s *AgreementStore) Agreements(ctx context.Context, after agreement.ID, limit int) ([]agreement.Agreement, error) {
	return s.agreements(ctx, "agreements", "a.id > ?", limit, after)
}

// AgreementsOfKind implements agreement.CatalogStore.
func (s *AgreementStore) AgreementsOfKind(ctx context.Context, k agreement.Kind) ([]agreement.Agreement, error) {
	c, gen, err := s.cached(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	as, ok := c.byKind[k]
	c.mu.Unlock()
	if !ok {
		if as, err = s.agreements(ctx, "read agreements of kind", "a.kind = ?", 0, k); err != nil {
			return nil, err
		}
		c.mu.Lock()
		if c.gen == gen {
			c.byKind[k] = cloneAgreements(as)
		}
		c.mu.Unlock()
		return as, nil
	}
	return cloneAgreements(as), nil
}

func cloneAgreements(as []agreement.Agreement) []agreement.Agreement {
	if as == nil {
		return nil
	}
	out := make([]agreement.Agreement, len(as))
	for i, a := range as {
		out[i] = a.Clone()
	}
	return out
}

// ---- customer agreements

const caColumns = `id, arn, name, description, agreement, agreement_arn, revision, kind, type, scope, account, organization,
	organization_arn, state, effective_start, effective_end, acceptance_terms, terminate_terms, seq`

func scanCA(row rowScanner) (agreement.CustomerAgreement, error) {
	var (
		c               agreement.CustomerAgreement
		start, end, seq int64
		acc, term       sql.NullString
	)
	err := row.Scan(&c.ID, &c.ARN, &c.Name, &c.Description, &c.Agreement, &c.AgreementARN, &c.Revision, &c.Kind, &c.Type,
		&c.Scope, &c.Account, &c.Organization, &c.OrganizationARN, &c.State, &start, &end, &acc, &term, &seq)
	if err != nil {
		return c, err
	}
	c.EffectiveStart, c.EffectiveEnd, c.Seq = fromTS(start), fromTS(end), uint64(seq)
	if c.AcceptanceTerms, err = unlist[string](acc); err != nil {
		return c, err
	}
	c.TerminateTerms, err = unlist[string](term)
	return c, err
}

func checkCA(c agreement.CustomerAgreement) error {
	inv := agreement.ErrInvalidInput
	if err := checkText(inv, string(c.ID), c.ARN, c.Name, c.Description, string(c.Agreement), c.AgreementARN, string(c.Revision),
		string(c.Kind), string(c.Type), string(c.Scope), string(c.Account), string(c.Organization), c.OrganizationARN, string(c.State)); err != nil {
		return err
	}
	if err := listText(inv, c.AcceptanceTerms); err != nil {
		return err
	}
	if err := listText(inv, c.TerminateTerms); err != nil {
		return err
	}
	return checkTimes(inv, c.EffectiveStart, c.EffectiveEnd)
}

// InsertCustomerAgreement implements agreement.CustomerAgreementStore.
//
// The customer agreement takes the next position of its key. Two
// concurrent acceptances of one key collide on that position, or on the
// partial unique index that allows one ACTIVE customer agreement per key;
// the loser gets ErrConflict.
func (s *AgreementStore) InsertCustomerAgreement(ctx context.Context, c agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	if err := checkCA(c); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	c = c.Clone()
	c.Seq = 1
	key := c.Key()
	err := s.db.write(ctx, "insert customer agreement", agreement.ErrConflict, func(tx *runner) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM customer_agreements WHERE id = ?"), c.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return domain(agreement.ErrExists, "customer agreement %s", c.ID)
		}
		var (
			pos, start int64
			state      string
		)
		err := tx.QueryRowContext(ctx, s.q(`SELECT key_seq, state, effective_start FROM customer_agreements
			WHERE agreement = ? AND scope = ? AND holder = ? ORDER BY key_seq DESC LIMIT 1`), key.Agreement, key.Scope, key.Holder).Scan(&pos, &state, &start)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case agreement.State(state) == agreement.Active:
			return domain(agreement.ErrConflict, "a customer agreement of %s %s for %s is active", key.Scope, key.Holder, key.Agreement)
		case ts(c.EffectiveStart) < start:
			return domain(agreement.ErrInvalidInput, "customer agreement %s starts before the latest of its key", c.ID)
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO customer_agreements (holder, key_seq, `+caColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			key.Holder, pos+1, c.ID, c.ARN, c.Name, c.Description, c.Agreement, c.AgreementARN, c.Revision, c.Kind, c.Type, c.Scope,
			c.Account, c.Organization, c.OrganizationARN, c.State, ts(c.EffectiveStart), ts(c.EffectiveEnd),
			list(c.AcceptanceTerms), list(c.TerminateTerms), int64(c.Seq))
		return err
	})
	if err != nil {
		return agreement.CustomerAgreement{}, err
	}
	return c.Clone(), nil
}

// UpdateCustomerAgreement implements agreement.CustomerAgreementStore.
func (s *AgreementStore) UpdateCustomerAgreement(ctx context.Context, c agreement.CustomerAgreement) (agreement.CustomerAgreement, error) {
	if err := checkCA(c); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	c = c.Clone()
	err := s.db.write(ctx, "update customer agreement", agreement.ErrConflict, func(tx *runner) error {
		cur, err := scanCA(tx.QueryRowContext(ctx, s.q("SELECT "+caColumns+" FROM customer_agreements WHERE id = ?"), c.ID))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return domain(agreement.ErrNotFound, "customer agreement %s", c.ID)
		case err != nil:
			return err
		case cur.Seq != c.Seq:
			return domain(agreement.ErrConflict, "customer agreement %s at seq %d, not %d", c.ID, cur.Seq, c.Seq)
		case cur.Key() != c.Key():
			return domain(agreement.ErrInvalidInput, "customer agreement %s cannot change its key", c.ID)
		case !cur.EffectiveStart.Equal(c.EffectiveStart):
			return domain(agreement.ErrInvalidInput, "customer agreement %s cannot change its effective start", c.ID)
		case cur.State != agreement.Active && c.State == agreement.Active:
			return domain(agreement.ErrInvalidInput, "customer agreement %s cannot become active again", c.ID)
		}
		if ok, err := changedOne(tx.ExecContext(ctx, s.q(`UPDATE customer_agreements SET arn = ?, name = ?, description = ?, agreement_arn = ?,
			revision = ?, kind = ?, type = ?, account = ?, organization = ?, organization_arn = ?, state = ?, effective_end = ?,
			acceptance_terms = ?, terminate_terms = ?, seq = seq + 1 WHERE id = ? AND seq = ?`),
			c.ARN, c.Name, c.Description, c.AgreementARN, c.Revision, c.Kind, c.Type, c.Account, c.Organization, c.OrganizationARN,
			c.State, ts(c.EffectiveEnd), list(c.AcceptanceTerms), list(c.TerminateTerms), c.ID, int64(c.Seq))); err != nil || ok {
			return err
		}
		return domain(agreement.ErrConflict, "customer agreement %s changed concurrently", c.ID)
	})
	if err != nil {
		return agreement.CustomerAgreement{}, err
	}
	c.Seq++
	return c.Clone(), nil
}

var errNoCustomerAgreement = domain(agreement.ErrNotFound, "no such customer agreement")

func (s *AgreementStore) oneCA(ctx context.Context, op, where string, args ...any) (agreement.CustomerAgreement, error) {
	var c agreement.CustomerAgreement
	err := s.db.read(ctx, op, func(q *runner) error {
		var err error
		c, err = scanCA(q.QueryRowContext(ctx, s.q("SELECT "+caColumns+" FROM customer_agreements WHERE "+where), args...))
		if errors.Is(err, sql.ErrNoRows) {
			return errNoCustomerAgreement
		}
		return err
	})
	return c, err
}

// CustomerAgreement implements agreement.CustomerAgreementStore.
func (s *AgreementStore) CustomerAgreement(ctx context.Context, id agreement.CustomerAgreementID) (agreement.CustomerAgreement, error) {
	return s.oneCA(ctx, "customer agreement", "id = ?", id)
}

// LatestCustomerAgreement implements agreement.CustomerAgreementStore.
func (s *AgreementStore) LatestCustomerAgreement(ctx context.Context, key agreement.Key) (agreement.CustomerAgreement, error) {
	return s.oneCA(ctx, "latest customer agreement",
		"agreement = ? AND scope = ? AND holder = ? ORDER BY key_seq DESC LIMIT 1", key.Agreement, key.Scope, key.Holder)
}

// CustomerAgreementAt implements agreement.CustomerAgreementStore.
func (s *AgreementStore) CustomerAgreementAt(ctx context.Context, key agreement.Key, t time.Time) (agreement.CustomerAgreement, error) {
	if !storable(t) {
		t = clampTime(t)
	}
	return s.oneCA(ctx, "customer agreement at",
		"agreement = ? AND scope = ? AND holder = ? AND effective_start <= ? ORDER BY effective_start DESC, key_seq DESC LIMIT 1",
		key.Agreement, key.Scope, key.Holder, ts(t))
}

// ActiveCustomerAgreements implements agreement.CustomerAgreementStore. An
// account or organization has at most one active customer agreement per
// agreement, so it reads them all and pages in memory.
func (s *AgreementStore) ActiveCustomerAgreements(ctx context.Context, f agreement.ActiveFilter, after string, limit int) ([]agreement.CustomerAgreement, error) {
	var out []agreement.CustomerAgreement
	if f.Account == "" && f.Organization == "" {
		return out, ctx.Err()
	}
	err := s.db.read(ctx, "active customer agreements", func(q *runner) error {
		return eachRow(ctx, q, s.q(`SELECT `+caColumns+` FROM customer_agreements WHERE state = 'ACTIVE' AND scope = 'ACCOUNT' AND account = ?
			UNION ALL SELECT `+caColumns+` FROM customer_agreements WHERE state = 'ACTIVE' AND scope = 'ORGANIZATION' AND organization = ?
			ORDER BY effective_start, id`), []any{f.Account, f.Organization}, func(row rowScanner) error {
			c, err := scanCA(row)
			switch {
			case err != nil:
				return err
			case f.Account == "" && c.Scope == agreement.ScopeAccount, f.Organization == "" && c.Scope == agreement.ScopeOrganization:
				// Not asked for.
			case c.SortKey() > after:
				out = append(out, c)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	// SortKey orders by effective start, then id, as the query did, but
	// as strings: sort again for instants the format cannot order.
	sortCAs(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func sortCAs(cs []agreement.CustomerAgreement) {
	slices.SortStableFunc(cs, func(a, b agreement.CustomerAgreement) int { return strings.Compare(a.SortKey(), b.SortKey()) })
}

// ---- NDAs

// PutNDA implements agreement.NDAStore.
func (s *AgreementStore) PutNDA(ctx context.Context, n agreement.NDAAcceptance) (agreement.NDAAcceptance, error) {
	inv := agreement.ErrInvalidInput
	if err := checkText(inv, string(n.Account), string(n.Agreement), string(n.Revision)); err != nil {
		return agreement.NDAAcceptance{}, err
	}
	if err := checkTimes(inv, n.Accepted); err != nil {
		return agreement.NDAAcceptance{}, err
	}
	var accepted int64
	err := s.db.write(ctx, "put NDA", agreement.ErrConflict, func(tx *runner) error {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO nda_acceptances (account, agreement, revision, accepted) VALUES (?, ?, ?, ?)
			ON CONFLICT (account, agreement, revision) DO NOTHING`), n.Account, n.Agreement, n.Revision, ts(n.Accepted)); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, s.q("SELECT accepted FROM nda_acceptances WHERE account = ? AND agreement = ? AND revision = ?"),
			n.Account, n.Agreement, n.Revision).Scan(&accepted)
	})
	if err != nil {
		return agreement.NDAAcceptance{}, err
	}
	n.Accepted = fromTS(accepted)
	return n, nil
}

// NDA implements agreement.NDAStore.
func (s *AgreementStore) NDA(ctx context.Context, account org.AccountID, a agreement.ID, rev agreement.RevisionID) (agreement.NDAAcceptance, error) {
	n := agreement.NDAAcceptance{Account: account, Agreement: a, Revision: rev}
	var accepted int64
	err := s.db.read(ctx, "NDA", func(q *runner) error {
		err := q.QueryRowContext(ctx, s.q("SELECT accepted FROM nda_acceptances WHERE account = ? AND agreement = ? AND revision = ?"),
			account, a, rev).Scan(&accepted)
		if errors.Is(err, sql.ErrNoRows) {
			return domain(agreement.ErrNotFound, "no such NDA acceptance")
		}
		return err
	})
	if err != nil {
		return agreement.NDAAcceptance{}, err
	}
	n.Accepted = fromTS(accepted)
	return n, nil
}

// PutOutsideNDA implements agreement.NDAStore.
func (s *AgreementStore) PutOutsideNDA(ctx context.Context, n agreement.OutsideNDA) error {
	inv := agreement.ErrInvalidInput
	if err := checkText(inv, string(n.Account), n.Reference); err != nil {
		return err
	}
	if err := listText(inv, n.Covers); err != nil {
		return err
	}
	if err := checkTimes(inv, n.Signed); err != nil {
		return err
	}
	return s.db.write(ctx, "put outside NDA", agreement.ErrConflict, func(tx *runner) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO outside_ndas (account, reference, signed, covers) VALUES (?, ?, ?, ?)
			ON CONFLICT (account, reference) DO UPDATE SET signed = excluded.signed, covers = excluded.covers`),
			n.Account, n.Reference, ts(n.Signed), list(n.Covers))
		return err
	})
}

// OutsideNDAs implements agreement.NDAStore.
func (s *AgreementStore) OutsideNDAs(ctx context.Context, account org.AccountID) ([]agreement.OutsideNDA, error) {
	out, err := readAll(ctx, s.db, "outside NDAs", []agreement.OutsideNDA{}, func(row rowScanner) (agreement.OutsideNDA, error) {
		n := agreement.OutsideNDA{Account: account}
		var (
			signed int64
			covers sql.NullString
		)
		if err := row.Scan(&n.Reference, &signed, &covers); err != nil {
			return n, err
		}
		n.Signed = fromTS(signed)
		var err error
		n.Covers, err = unlist[agreement.ID](covers)
		return n, err
	}, s.q("SELECT reference, signed, covers FROM outside_ndas WHERE account = ? ORDER BY reference"), account)
	if err != nil {
		return nil, err
	}
	// ORDER BY on text may follow the database's collation; the
	// interface orders by bytes.
	slices.SortStableFunc(out, func(a, b agreement.OutsideNDA) int { return strings.Compare(a.Reference, b.Reference) })
	return out, nil
}

// ---- tokens

// InsertToken implements agreement.TokenStore.
func (s *AgreementStore) InsertToken(ctx context.Context, t agreement.Token) error {
	inv := agreement.ErrInvalidInput
	if err := checkText(inv, t.Value, string(t.Kind), string(t.Account), string(t.Agreement), string(t.Revision), string(t.CustomerAgreement)); err != nil {
		return err
	}
	if err := checkTimes(inv, t.Issued, t.Expires); err != nil {
		return err
	}
	return s.db.write(ctx, "insert token", agreement.ErrExists, func(tx *runner) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO agreement_tokens (value, kind, account, agreement, revision, customer_agreement, issued, expires)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), t.Value, t.Kind, t.Account, t.Agreement, t.Revision, t.CustomerAgreement, ts(t.Issued), ts(t.Expires))
		if class, _ := classify(err); class == classUnique {
			return domain(agreement.ErrExists, "token")
		}
		return err
	})
}

// Token implements agreement.TokenStore.
func (s *AgreementStore) Token(ctx context.Context, value string) (agreement.Token, error) {
	t := agreement.Token{Value: value}
	var issued, expires int64
	err := s.db.read(ctx, "token", func(q *runner) error {
		err := q.QueryRowContext(ctx, s.q("SELECT kind, account, agreement, revision, customer_agreement, issued, expires FROM agreement_tokens WHERE value = ?"),
			value).Scan(&t.Kind, &t.Account, &t.Agreement, &t.Revision, &t.CustomerAgreement, &issued, &expires)
		if errors.Is(err, sql.ErrNoRows) {
			return domain(agreement.ErrNotFound, "no such token")
		}
		return err
	})
	if err != nil {
		return agreement.Token{}, err
	}
	t.Issued, t.Expires = fromTS(issued), fromTS(expires)
	return t, nil
}

// DeleteExpiredTokens implements agreement.TokenStore.
func (s *AgreementStore) DeleteExpiredTokens(ctx context.Context, now time.Time) (int, error) {
	return s.db.deleteExpired(ctx, "delete expired tokens", "agreement_tokens", "expires", now)
}

// ---- offline designations

// InsertDesignation implements agreement.DesignationStore.
func (s *AgreementStore) InsertDesignation(ctx context.Context, d agreement.Designation) (agreement.Designation, error) {
	inv := agreement.ErrInvalidInput
	if err := checkText(inv, string(d.Account)); err != nil {
		return agreement.Designation{}, err
	}
	if err := checkTimes(inv, d.Start, d.End); err != nil {
		return agreement.Designation{}, err
	}
	d.Seq = 1
	err := s.db.write(ctx, "insert designation", agreement.ErrConflict, func(tx *runner) error {
		var pos, start, end int64
		err := tx.QueryRowContext(ctx, s.q("SELECT pos, start, end_at FROM designations WHERE account = ? ORDER BY pos DESC LIMIT 1"),
			d.Account).Scan(&pos, &start, &end)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case end == zeroTime:
			return domain(agreement.ErrConflict, "account %s is designated", d.Account)
		case ts(d.Start) < start:
			return domain(agreement.ErrInvalidInput, "designation of %s starts before the latest", d.Account)
		}
		_, err = tx.ExecContext(ctx, s.q("INSERT INTO designations (account, pos, start, end_at, seq) VALUES (?, ?, ?, ?, 1)"),
			d.Account, pos+1, ts(d.Start), ts(d.End))
		return err
	})
	if err != nil {
		return agreement.Designation{}, err
	}
	return d, nil
}

// UpdateDesignation implements agreement.DesignationStore.
func (s *AgreementStore) UpdateDesignation(ctx context.Context, d agreement.Designation) (agreement.Designation, error) {
	if err := checkTimes(agreement.ErrInvalidInput, d.Start, d.End); err != nil {
		return agreement.Designation{}, err
	}
	err := s.db.write(ctx, "update designation", agreement.ErrConflict, func(tx *runner) error {
		var pos, start, seq int64
		err := tx.QueryRowContext(ctx, s.q("SELECT pos, start, seq FROM designations WHERE account = ? ORDER BY pos DESC LIMIT 1"),
			d.Account).Scan(&pos, &start, &seq)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return domain(agreement.ErrNotFound, "account %s has no designation", d.Account)
		case err != nil:
			return err
		case uint64(seq) != d.Seq:
			return domain(agreement.ErrConflict, "designation of %s at seq %d, not %d", d.Account, seq, d.Seq)
		case start != ts(d.Start):
			return domain(agreement.ErrInvalidInput, "designation of %s cannot change its start", d.Account)
		}
		if ok, err := changedOne(tx.ExecContext(ctx, s.q("UPDATE designations SET end_at = ?, seq = seq + 1 WHERE account = ? AND pos = ? AND seq = ?"),
			ts(d.End), d.Account, pos, seq)); err != nil || ok {
			return err
		}
		return domain(agreement.ErrConflict, "designation of %s changed concurrently", d.Account)
	})
	if err != nil {
		return agreement.Designation{}, err
	}
	d.Seq++
	return d, nil
}

func (s *AgreementStore) oneDesignation(ctx context.Context, op, where string, args ...any) (agreement.Designation, error) {
	d := agreement.Designation{Account: args[0].(org.AccountID)}
	var start, end, seq int64
	err := s.db.read(ctx, op, func(q *runner) error {
		err := q.QueryRowContext(ctx, s.q("SELECT start, end_at, seq FROM designations WHERE "+where), args...).Scan(&start, &end, &seq)
		if errors.Is(err, sql.ErrNoRows) {
			return domain(agreement.ErrNotFound, "no such designation")
		}
		return err
	})
	if err != nil {
		return agreement.Designation{}, err
	}
	d.Start, d.End, d.Seq = fromTS(start), fromTS(end), uint64(seq)
	return d, nil
}

// LatestDesignation implements agreement.DesignationStore.
func (s *AgreementStore) LatestDesignation(ctx context.Context, account org.AccountID) (agreement.Designation, error) {
	return s.oneDesignation(ctx, "latest designation", "account = ? ORDER BY pos DESC LIMIT 1", account)
}

// DesignationAt implements agreement.DesignationStore.
func (s *AgreementStore) DesignationAt(ctx context.Context, account org.AccountID, t time.Time) (agreement.Designation, error) {
	if !storable(t) {
		t = clampTime(t)
	}
	return s.oneDesignation(ctx, "designation at", "account = ? AND start <= ? ORDER BY start DESC, pos DESC LIMIT 1", account, ts(t))
}
