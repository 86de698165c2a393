package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/notify"
)

// SettingsStore is the notify.Store of a DB: account settings and
// notification configurations.
type SettingsStore struct{ db *DB }

var _ notify.BatchStore = (*SettingsStore)(nil)

// Settings returns the DB's notify.Store.
func (db *DB) Settings() *SettingsStore { return &SettingsStore{db} }

const settingsColumns = "account, status, agreements, reports_all, categories, series, seq"

func scanSettings(row rowScanner) (notify.Settings, error) {
	var (
		v            notify.Settings
		cats, series sql.NullString
		seq          int64
	)
	err := row.Scan(&v.Account, &v.Status, &v.Agreements, &v.Reports.All, &cats, &series, &seq)
	if err != nil {
		return v, err
	}
	v.Seq = uint64(seq)
	if v.Reports.Categories, err = unlist[string](cats); err != nil {
		return v, err
	}
	v.Reports.Series, err = unlist[string](series)
	return v, err
}

// Get implements notify.Store.
func (s *SettingsStore) Get(ctx context.Context, account aws.AccountID) (notify.Settings, error) {
	v := notify.Settings{Account: account}
	err := s.db.read(ctx, "get settings", func(q *runner) error {
		got, err := scanSettings(q.QueryRowContext(ctx, s.db.q("SELECT "+settingsColumns+" FROM account_settings WHERE account = ?"), account))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		v = got
		return err
	})
	if err != nil {
		return notify.Settings{}, err
	}
	return v, nil
}

// errNotText refuses what a column cannot keep: the library's sentinel of
// invalid input (notify and audit have none of their own).
var errNotText = aws.ErrInvalidInput

// Put implements notify.Store.
func (s *SettingsStore) Put(ctx context.Context, v notify.Settings) (notify.Settings, error) {
	if err := checkText(errNotText, string(v.Account), string(v.Status)); err != nil {
		return notify.Settings{}, err
	}
	if err := listText(errNotText, v.Reports.Categories); err != nil {
		return notify.Settings{}, err
	}
	if err := listText(errNotText, v.Reports.Series); err != nil {
		return notify.Settings{}, err
	}
	v = v.Clone()
	err := s.db.write(ctx, "put settings", notify.ErrConflict, func(tx *runner) error {
		var res sql.Result
		var err error
		if v.Seq == 0 {
			res, err = tx.ExecContext(ctx, s.db.q(`INSERT INTO account_settings (`+settingsColumns+`) VALUES (?, ?, ?, ?, ?, ?, 1)
				ON CONFLICT (account) DO NOTHING`), v.Account, v.Status, v.Agreements, v.Reports.All, list(v.Reports.Categories), list(v.Reports.Series))
		} else {
			res, err = tx.ExecContext(ctx, s.db.q(`UPDATE account_settings SET status = ?, agreements = ?, reports_all = ?, categories = ?,
				series = ?, seq = seq + 1 WHERE account = ? AND seq = ?`),
				v.Status, v.Agreements, v.Reports.All, list(v.Reports.Categories), list(v.Reports.Series), v.Account, int64(v.Seq))
		}
		if ok, err := changedOne(res, err); err != nil || ok {
			return err
		}
		return domain(notify.ErrConflict, "settings of %s are not at %d", v.Account, v.Seq)
	})
	if err != nil {
		return notify.Settings{}, err
	}
	v.Seq++
	return v.Clone(), nil
}

// subscribedPage is how many settings Subscribed reads at a time: f runs
// between pages, never while the database holds a cursor for it.
const subscribedPage = 256

// Subscribed implements notify.Store. It pages through the subscribed
// accounts in account order, so its memory does not grow with their number.
func (s *SettingsStore) Subscribed(ctx context.Context, f func(notify.Settings) bool) error {
	var after aws.AccountID
	for {
		page, err := readAll(ctx, s.db, "subscribed", nil, scanSettings, s.db.q("SELECT "+settingsColumns+
			" FROM account_settings WHERE status = 'SUBSCRIBED' AND account > ? ORDER BY account LIMIT ?"), after, subscribedPage)
		if err != nil {
			return err
		}
		for _, v := range page {
			if !f(v) {
				return nil
			}
		}
		if len(page) < subscribedPage {
			return nil
		}
		after = page[len(page)-1].Account
	}
}

// GetMany implements notify.BatchStore: the settings of many accounts in
// one query.
func (s *SettingsStore) GetMany(ctx context.Context, accounts []aws.AccountID) (map[aws.AccountID]notify.Settings, error) {
	out := make(map[aws.AccountID]notify.Settings, len(accounts))
	for _, a := range accounts {
		out[a] = notify.Settings{Account: a}
	}
	if len(accounts) == 0 {
		return out, ctx.Err()
	}
	cond, arg := inAccounts(s.db.dialect, "account", accounts)
	err := s.db.read(ctx, "get many settings", func(q *runner) error {
		return eachRow(ctx, q, s.db.q("SELECT "+settingsColumns+" FROM account_settings WHERE "+cond), []any{arg}, func(row rowScanner) error {
			v, err := scanSettings(row)
			if err == nil {
				out[v.Account] = v
			}
			return err
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
