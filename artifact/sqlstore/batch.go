package sqlstore

import (
	"context"
	"encoding/json"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/org"
)

var _ agreement.BatchStore = (*AgreementStore)(nil)

// inAccounts returns the condition "col is one of accounts" and its
// argument: a JSON array read by json_each on SQLite, an array on
// PostgreSQL, so that one prepared statement serves any number of
// accounts.
func inAccounts(d Dialect, col string, accounts []org.AccountID) (string, any) {
	if d == PostgreSQL {
		ss := make([]string, len(accounts))
		for i, a := range accounts {
			ss[i] = string(a)
		}
		return col + " = ANY(?)", ss
	}
	b, _ := json.Marshal(accounts)
	return col + " IN (SELECT value FROM json_each(?))", string(b)
}

func (s *AgreementStore) inAccounts(col string, accounts []org.AccountID) (string, any) {
	return inAccounts(s.db.dialect, col, accounts)
}

// AccountAgreementsAt implements agreement.BatchStore.
func (s *AgreementStore) AccountAgreementsAt(ctx context.Context, a agreement.ID, accounts []org.AccountID, t time.Time) (map[org.AccountID]agreement.CustomerAgreement, error) {
	if !storable(t) {
		t = clampTime(t)
	}
	out := make(map[org.AccountID]agreement.CustomerAgreement)
	if len(accounts) == 0 {
		return out, ctx.Err()
	}
	cond, arg := s.inAccounts("holder", accounts)
	err := s.db.read(ctx, "account agreements at", func(q *runner) error {
		return eachRow(ctx, q, s.q("SELECT "+caColumns+` FROM customer_agreements
			WHERE agreement = ? AND scope = 'ACCOUNT' AND `+cond+` AND effective_start <= ? ORDER BY holder, effective_start, key_seq`),
			[]any{a, arg, ts(t)}, func(row rowScanner) error {
				c, err := scanCA(row)
				if err == nil {
					out[c.Account] = c // the latest of each account comes last
				}
				return err
			})
	})
	return out, err
}

// DesignationsAt implements agreement.BatchStore.
func (s *AgreementStore) DesignationsAt(ctx context.Context, accounts []org.AccountID, t time.Time) (map[org.AccountID]agreement.Designation, error) {
	if !storable(t) {
		t = clampTime(t)
	}
	out := make(map[org.AccountID]agreement.Designation)
	if len(accounts) == 0 {
		return out, ctx.Err()
	}
	cond, arg := s.inAccounts("account", accounts)
	err := s.db.read(ctx, "designations at", func(q *runner) error {
		return eachRow(ctx, q, s.q(`SELECT account, start, end_at, seq FROM designations
			WHERE `+cond+` AND start <= ? ORDER BY account, start, pos`), []any{arg, ts(t)}, func(row rowScanner) error {
			var (
				d               agreement.Designation
				start, end, seq int64
			)
			if err := row.Scan(&d.Account, &start, &end, &seq); err != nil {
				return err
			}
			d.Start, d.End, d.Seq = fromTS(start), fromTS(end), uint64(seq)
			out[d.Account] = d // the latest of each account comes last
			return nil
		})
	})
	return out, err
}
