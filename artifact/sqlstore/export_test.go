package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
)

// insertRows inserts rows into table in batches of multi-row INSERTs, in
// one transaction: the fast way to load a benchmark's data.
func insertRows(ctx context.Context, db *DB, table, columns string, rows [][]any) error {
	n := strings.Count(columns, ",") + 1
	const batch = 500
	return db.write(ctx, "bulk", nil, func(tx *runner) error {
		for len(rows) > 0 {
			k := min(batch, len(rows))
			var b strings.Builder
			fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, columns)
			args := make([]any, 0, k*n)
			for i, r := range rows[:k] {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString("(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")")
				args = append(args, r...)
			}
			if _, err := tx.tx.ExecContext(ctx, db.q(b.String()), args...); err != nil {
				return err
			}
			rows = rows[k:]
		}
		return nil
	})
}

// analyze gathers the planner's statistics, as PostgreSQL's autovacuum
// does soon after a table grows.
func analyze(ctx context.Context, db *DB) error {
	_, err := db.w.ExecContext(ctx, "ANALYZE")
	return err
}

// BulkJoin records that accounts, which have no history, joined
// organization id at at.
func BulkJoin(ctx context.Context, db *DB, id org.ID, accounts []org.AccountID, at time.Time) error {
	rows := make([][]any, len(accounts))
	for i, a := range accounts {
		rows[i] = []any{a, 1, org.Joined, id, ts(at)}
	}
	if err := insertRows(ctx, db, "membership_changes", "account, seq, kind, org, at", rows); err != nil {
		return err
	}
	return analyze(ctx, db)
}

// BulkReports stores new versions (sequence number 1), and the longest
// period of their families.
func BulkReports(ctx context.Context, db *DB, rs []report.Report) error {
	rows := make([][]any, len(rs))
	spans, leads := map[string]int64{}, map[string]int64{}
	for i, r := range rs {
		rows[i] = []any{r.ID, r.Version, r.ARN, r.Name, r.Description, r.Category, r.Series, r.Family, r.Type, r.CompanyName, r.ProductName,
			day(r.PeriodStart), day(r.PeriodEnd), r.State, r.UploadState, r.StatusMessage, r.AcceptanceType, r.TermARN,
			r.NeedsApproval, list(r.TrustCategories), nil, nil, r.Document.SHA256[:],
			r.Document.Size, ts(r.PublishedAt), ts(r.CreatedAt), ts(r.LastModifiedAt), ts(r.DeletedAt), 1}
		spans[r.Family] = max(spans[r.Family], days(r.PeriodEnd)-days(r.PeriodStart))
		if l, ok := leads[r.Family]; !ok || leadDays(&r) > l {
			leads[r.Family] = leadDays(&r)
		}
	}
	if err := insertRows(ctx, db, "reports", strings.Join(strings.Fields(strings.ReplaceAll(reportColumns, ",", " ")), ", "), rows); err != nil {
		return err
	}
	var fams [][]any
	for f, s := range spans {
		fams = append(fams, []any{f, s, leads[f]})
	}
	if err := insertRows(ctx, db, "report_families", "family, max_span, max_lead", fams); err != nil {
		return err
	}
	return analyze(ctx, db)
}

// MigrationLock is the call that takes the migrations' advisory lock of
// the session's current schema (PostgreSQL).
const MigrationLock = migrationLock

// FamilyBounds returns what report_families holds of family: its longest
// period and its longest lead of publication over period end, in days.
func FamilyBounds(ctx context.Context, db *DB, family string) (span, lead int64, err error) {
	err = db.r.QueryRowContext(ctx, db.q("SELECT max_span, max_lead FROM report_families WHERE family = ?"), family).Scan(&span, &lead)
	return span, lead, err
}
