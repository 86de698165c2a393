package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/report"
)

// ReportStore is the report.Store of a DB.
type ReportStore struct {
	db    *DB
	cache *versionCache
}

// versionCache keeps the versions read since the store's generation last
// changed: a version is read on every download, and rereading the
// generation (one integer) costs less than rereading the version. Every
// write of a version changes the generation in its transaction, in this
// process or another, so a version cached at the current generation is the
// stored one.
type versionCache struct {
	mu  sync.Mutex
	gen uint64
	m   map[report.Ref]report.Report
}

// maxCached bounds the versions a cache keeps.
const maxCached = 4096

var (
	_ report.Store      = (*ReportStore)(nil)
	_ report.BestStore  = (*ReportStore)(nil)
	_ report.ChainStore = (*ReportStore)(nil)
)

// Reports returns the DB's report.Store.
func (db *DB) Reports() *ReportStore { return &ReportStore{db: db, cache: db.versions} }

func (s *ReportStore) q(query string) string { return s.db.q(query) }

// Dates are stored as the integer YYYYMMDD: exact for every Date, ordered
// like the days they name, and readable.
func day(d report.Date) int64 { return int64(d.Year)*10000 + int64(d.Month)*100 + int64(d.Day) }

func fromDay(n int64) report.Date {
	return report.Date{Year: int(n / 10000), Month: time.Month(n / 100 % 100), Day: int(n % 100)}
}

func storableDate(d report.Date) bool {
	return d.Year >= 0 && d.Year <= 9999 && d.Month >= 0 && d.Month <= 99 && d.Day >= 0 && d.Day <= 99
}

// noLead is the lead (in days) of a version that is not published: far
// below any other, and far from overflowing when added to a day.
const noLead = -1 << 40

// leadDays returns how many days before its period's end r was published
// (negative when after): the days from the day of PublishedAt (UTC) to
// PeriodEnd. The coverage walk passes over published versions only, so
// another version (a draft, without PublishedAt yet) leads by noLead and
// leaves its family's bound as it is; it counts once it is stored
// published. A published version without PublishedAt is readable at any
// instant: it leads from the earliest day there is.
func leadDays(r *report.Report) int64 {
	if r.State != report.Published {
		return noLead
	}
	pub := r.PublishedAt
	if pub.IsZero() {
		pub = minTime
	}
	return days(r.PeriodEnd) - floorDays(pub)
}

// floorDays returns the day (from 1970-01-01) of instant t, in UTC.
func floorDays(t time.Time) int64 {
	s := t.Unix()
	d := s / 86400
	if s < 0 && s%86400 != 0 {
		d--
	}
	return d
}

// days returns the days from 1970-01-01 to d, for a valid d.
func days(d report.Date) int64 {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func fromDays(n int64) report.Date {
	t := time.Unix(n*86400, 0).UTC()
	return report.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

const reportColumns = `id, version, arn, name, description, category, series, family, type, company_name, product_name,
	period_start, period_end, state, upload_state, status_message, acceptance_type, term_arn, needs_approval,
	trust_categories, scope_services, scope_regions, document_sha256, document_size, published_at, created_at,
	last_modified_at, deleted_at, seq`

func scanReport(row rowScanner) (report.Report, error) {
	var (
		r                                     report.Report
		start, end                            int64
		cats, services, regions               sql.NullString
		sum                                   []byte
		published, created, modified, deleted int64
	)
	err := row.Scan(&r.ID, &r.Version, &r.ARN, &r.Name, &r.Description, &r.Category, &r.Series, &r.Family, &r.Type,
		&r.CompanyName, &r.ProductName, &start, &end, &r.State, &r.UploadState, &r.StatusMessage, &r.AcceptanceType,
		&r.TermARN, &r.NeedsApproval, &cats, &services, &regions, &sum, &r.Document.Size, &published, &created,
		&modified, &deleted, &r.SequenceNumber)
	if err != nil {
		return r, err
	}
	r.PeriodStart, r.PeriodEnd = fromDay(start), fromDay(end)
	r.PublishedAt, r.CreatedAt, r.LastModifiedAt, r.DeletedAt = fromTS(published), fromTS(created), fromTS(modified), fromTS(deleted)
	copy(r.Document.SHA256[:], sum)
	if r.TrustCategories, err = unlist[report.TrustCategory](cats); err != nil {
		return r, err
	}
	sv, err := unlist[string](services)
	if err != nil {
		return r, err
	}
	rg, err := unlist[string](regions)
	if err != nil {
		return r, err
	}
	if len(sv) > 0 || len(rg) > 0 {
		if r.Scope, err = report.NewScope(sv, rg); err != nil {
			return r, err
		}
	}
	return r, nil
}

func invalidReport(format string, args ...any) error {
	return domain(report.ErrInvalid, format, args...)
}

func checkReport(r *report.Report) error {
	if err := checkText(report.ErrInvalid, r.ID, r.ARN, r.Name, r.Description, r.Category, r.Series, r.Family, string(r.Type),
		r.CompanyName, r.ProductName, string(r.State), string(r.UploadState), r.StatusMessage, string(r.AcceptanceType), r.TermARN); err != nil {
		return err
	}
	if err := listText(report.ErrInvalid, r.TrustCategories); err != nil {
		return err
	}
	if !storableDate(r.PeriodStart) || !storableDate(r.PeriodEnd) {
		return invalidReport("report %s version %d: a period date is outside the years 0 to 9999", r.ID, r.Version)
	}
	return checkTimes(report.ErrInvalid, r.PublishedAt, r.CreatedAt, r.LastModifiedAt, r.DeletedAt)
}

// PutReport implements report.Store. A new version (sequence number 0) is
// an INSERT, which a concurrent INSERT of the same version makes fail on
// the primary key; a stored version is an UPDATE ... WHERE seq = read.
// Either way the loser gets ErrConflict. The store's generation and the
// family's longest period change in the same transaction.
func (s *ReportStore) PutReport(ctx context.Context, r report.Report) (report.Report, error) {
	if err := checkReport(&r); err != nil {
		return report.Report{}, err
	}
	read := r.SequenceNumber
	r = r.Clone()
	r.SequenceNumber++
	args := []any{r.ARN, r.Name, r.Description, r.Category, r.Series, r.Family, r.Type, r.CompanyName, r.ProductName,
		day(r.PeriodStart), day(r.PeriodEnd), r.State, r.UploadState, r.StatusMessage, r.AcceptanceType, r.TermARN,
		r.NeedsApproval, list(r.TrustCategories), list(r.Scope.Services()), list(r.Scope.Regions()), r.Document.SHA256[:],
		r.Document.Size, ts(r.PublishedAt), ts(r.CreatedAt), ts(r.LastModifiedAt), ts(r.DeletedAt), r.SequenceNumber}
	if r.Scope.IsZero() {
		args[18], args[19] = nil, nil
	}
	err := s.db.write(ctx, "put report", report.ErrConflict, func(tx *runner) error {
		if read == 0 {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO reports (`+reportColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
				append([]any{r.ID, r.Version}, args...)...); err != nil {
				if class, _ := classify(err); class == classUnique {
					return domain(report.ErrConflict, "%s version %d exists; the write read none", r.ID, r.Version)
				}
				return err
			}
		} else {
			if ok, err := changedOne(tx.ExecContext(ctx, s.q(`UPDATE reports SET arn = ?, name = ?, description = ?, category = ?, series = ?, family = ?,
				type = ?, company_name = ?, product_name = ?, period_start = ?, period_end = ?, state = ?, upload_state = ?,
				status_message = ?, acceptance_type = ?, term_arn = ?, needs_approval = ?, trust_categories = ?, scope_services = ?,
				scope_regions = ?, document_sha256 = ?, document_size = ?, published_at = ?, created_at = ?, last_modified_at = ?,
				deleted_at = ?, seq = ? WHERE id = ? AND version = ? AND seq = ?`), append(args, r.ID, r.Version, read)...)); err != nil {
				return err
			} else if !ok {
				return domain(report.ErrConflict, "%s version %d is not at sequence number %d", r.ID, r.Version, read)
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE report_generation SET gen = gen + 1 WHERE id = 1"); err != nil {
			return err
		}
		if r.PeriodStart.IsValid() && r.PeriodEnd.IsValid() && !r.PeriodEnd.Before(r.PeriodStart) {
			span, lead := days(r.PeriodEnd)-days(r.PeriodStart), leadDays(&r)
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO report_families (family, max_span, max_lead) VALUES (?, ?, ?)
				ON CONFLICT (family) DO UPDATE SET
				max_span = CASE WHEN report_families.max_span < excluded.max_span THEN excluded.max_span ELSE report_families.max_span END,
				max_lead = CASE WHEN report_families.max_lead < excluded.max_lead THEN excluded.max_lead ELSE report_families.max_lead END`),
				r.Family, span, lead); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return report.Report{}, err
	}
	return r.Clone(), nil
}

// Report implements report.Store.
func (s *ReportStore) Report(ctx context.Context, id string, v int64) (report.Report, error) {
	gen, err := s.Generation(ctx)
	if err != nil {
		return report.Report{}, err
	}
	ref := report.Ref{ID: id, Version: v}
	c := s.cache
	c.mu.Lock()
	if c.gen != gen {
		c.gen, c.m = gen, nil
	}
	r, ok := c.m[ref]
	c.mu.Unlock()
	if ok {
		return r.Clone(), nil
	}
	err = s.db.read(ctx, "read report", func(q *runner) error {
		var err error
		r, err = scanReport(q.QueryRowContext(ctx, s.q("SELECT "+reportColumns+" FROM reports WHERE id = ? AND version = ?"), id, v))
		if errors.Is(err, sql.ErrNoRows) {
			return domain(report.ErrNotFound, "%s version %d", id, v)
		}
		return err
	})
	if err != nil {
		return report.Report{}, err
	}
	c.mu.Lock()
	if c.gen == gen {
		if c.m == nil || len(c.m) >= maxCached {
			c.m = make(map[report.Ref]report.Report)
		}
		c.m[ref] = r.Clone()
	}
	c.mu.Unlock()
	return r, nil
}

func (s *ReportStore) reports(ctx context.Context, op, query string, args ...any) ([]report.Report, error) {
	return readAll(ctx, s.db, op, nil, scanReport, s.q(query), args...)
}

// Versions implements report.Store.
func (s *ReportStore) Versions(ctx context.Context, id string) ([]report.Report, error) {
	out, err := s.reports(ctx, "versions", "SELECT "+reportColumns+" FROM reports WHERE id = ? ORDER BY version", id)
	if err == nil && len(out) == 0 {
		err = refusal(report.ErrNotFound, "%s", id)
	}
	return out, err
}

// Scan implements report.Store.
func (s *ReportStore) Scan(ctx context.Context, after report.Ref, limit int) ([]report.Report, error) {
	if limit <= 0 {
		return nil, ctx.Err()
	}
	return s.reports(ctx, "scan", "SELECT "+reportColumns+` FROM reports WHERE id > ? OR (id = ? AND version > ?)
		ORDER BY id, version LIMIT ?`, after.ID, after.ID, after.Version, limit)
}

// Generation implements report.Store.
func (s *ReportStore) Generation(ctx context.Context) (uint64, error) {
	var gen int64
	err := s.db.read(ctx, "generation", func(q *runner) error {
		return q.QueryRowContext(ctx, "SELECT gen FROM report_generation WHERE id = 1").Scan(&gen)
	})
	return uint64(gen), err
}

// PutToken implements report.Store.
func (s *ReportStore) PutToken(ctx context.Context, t report.TermToken) error {
	if err := checkText(report.ErrInvalid, t.Value, string(t.Account), t.ReportID, t.TermARN); err != nil {
		return err
	}
	if err := checkTimes(report.ErrInvalid, t.IssuedAt, t.ExpiresAt); err != nil {
		return err
	}
	return s.db.write(ctx, "put token", report.ErrConflict, func(tx *runner) error {
		if ok, err := changedOne(tx.ExecContext(ctx, s.q(`INSERT INTO term_tokens (value, account, report_id, version, term_arn, issued_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (value) DO NOTHING`),
			t.Value, t.Account, t.ReportID, t.Version, t.TermARN, ts(t.IssuedAt), ts(t.ExpiresAt))); err != nil || ok {
			return err
		}
		return domain(report.ErrConflict, "term token exists")
	})
}

// Token implements report.Store.
func (s *ReportStore) Token(ctx context.Context, value string) (report.TermToken, error) {
	t := report.TermToken{Value: value}
	var issued, expires int64
	err := s.db.read(ctx, "token", func(q *runner) error {
		err := q.QueryRowContext(ctx, s.q("SELECT account, report_id, version, term_arn, issued_at, expires_at FROM term_tokens WHERE value = ?"),
			value).Scan(&t.Account, &t.ReportID, &t.Version, &t.TermARN, &issued, &expires)
		if errors.Is(err, sql.ErrNoRows) {
			return errNoTermToken
		}
		return err
	})
	if err != nil {
		return report.TermToken{}, err
	}
	t.IssuedAt, t.ExpiresAt = fromTS(issued), fromTS(expires)
	return t, nil
}

var (
	errNoTermToken = domain(report.ErrNotFound, "no such term token")
	errAccepted    = domain(report.ErrConflict, "an acceptance with this token exists")
)

// AddAcceptance implements report.Store.
func (s *ReportStore) AddAcceptance(ctx context.Context, a report.Acceptance) error {
	if err := checkText(report.ErrInvalid, string(a.Account), a.ReportID, a.TermARN, a.Token); err != nil {
		return err
	}
	if err := checkTimes(report.ErrInvalid, a.At); err != nil {
		return err
	}
	// A token is usually presented again: a read answers that.
	var seen bool
	if err := s.db.read(ctx, "add acceptance", func(q *runner) error {
		return q.QueryRowContext(ctx, s.q("SELECT EXISTS (SELECT 1 FROM term_acceptances WHERE token = ?)"), a.Token).Scan(&seen)
	}); err != nil {
		return err
	}
	if seen {
		return errAccepted
	}
	return s.db.write(ctx, "add acceptance", report.ErrConflict, func(tx *runner) error {
		if ok, err := changedOne(tx.ExecContext(ctx, s.q(`INSERT INTO term_acceptances (account, report_id, version, term_arn, token, at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (token) DO NOTHING`), a.Account, a.ReportID, a.Version, a.TermARN, a.Token, ts(a.At))); err != nil || ok {
			return err
		}
		return errAccepted
	})
}

// Acceptances implements report.Store.
func (s *ReportStore) Acceptances(ctx context.Context, account aws.AccountID) ([]report.Acceptance, error) {
	return readAll(ctx, s.db, "acceptances", nil, func(row rowScanner) (report.Acceptance, error) {
		a := report.Acceptance{Account: account}
		var at int64
		err := row.Scan(&a.ReportID, &a.Version, &a.TermARN, &a.Token, &at)
		a.At = fromTS(at)
		return a, err
	}, s.q("SELECT report_id, version, term_arn, token, at FROM term_acceptances WHERE account = ? ORDER BY id"), account)
}

// PutAccess implements report.Store.
func (s *ReportStore) PutAccess(ctx context.Context, a report.Access) (report.Access, error) {
	if err := checkText(report.ErrInvalid, string(a.Account), a.ReportID, string(a.State)); err != nil {
		return report.Access{}, err
	}
	if err := checkTimes(report.ErrInvalid, a.RequestedAt, a.DecidedAt); err != nil {
		return report.Access{}, err
	}
	read := a.SequenceNumber
	a.SequenceNumber++
	err := s.db.write(ctx, "put access", report.ErrConflict, func(tx *runner) error {
		var res sql.Result
		var err error
		if read == 0 {
			res, err = tx.ExecContext(ctx, s.q(`INSERT INTO report_access (account, report_id, state, requested_at, decided_at, seq)
				VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (account, report_id) DO NOTHING`), a.Account, a.ReportID, a.State, ts(a.RequestedAt), ts(a.DecidedAt))
		} else {
			res, err = tx.ExecContext(ctx, s.q(`UPDATE report_access SET state = ?, requested_at = ?, decided_at = ?, seq = ?
				WHERE account = ? AND report_id = ? AND seq = ?`), a.State, ts(a.RequestedAt), ts(a.DecidedAt), a.SequenceNumber,
				a.Account, a.ReportID, read)
		}
		if ok, err := changedOne(res, err); err != nil || ok {
			return err
		}
		return domain(report.ErrConflict, "access of %s to %s is not at sequence number %d", a.Account, a.ReportID, read)
	})
	if err != nil {
		return report.Access{}, err
	}
	return a, nil
}

// Access implements report.Store.
func (s *ReportStore) Access(ctx context.Context, account aws.AccountID, reportID string) (report.Access, error) {
	a := report.Access{Account: account, ReportID: reportID}
	var requested, decided int64
	err := s.db.read(ctx, "access", func(q *runner) error {
		err := q.QueryRowContext(ctx, s.q("SELECT state, requested_at, decided_at, seq FROM report_access WHERE account = ? AND report_id = ?"),
			account, reportID).Scan(&a.State, &requested, &decided, &a.SequenceNumber)
		if errors.Is(err, sql.ErrNoRows) {
			return domain(report.ErrNotFound, "access of %s to %s", account, reportID)
		}
		return err
	})
	if err != nil {
		return report.Access{}, err
	}
	a.RequestedAt, a.DecidedAt = fromTS(requested), fromTS(decided)
	return a, nil
}

var _ report.BestStore = (*ReportStore)(nil)

// BestReport implements report.BestStore through the partial index
// reports_coverage, which holds the versions that can ever be eligible by
// family and period end, latest first: the first version covering walks
// down to (see covering).
func (s *ReportStore) BestReport(ctx context.Context, family string, w report.Window, at time.Time) (report.Report, bool, error) {
	rs, err := s.covering(ctx, "best report", family, w, at, true)
	if err != nil || len(rs) == 0 {
		return report.Report{}, false, err
	}
	return rs[0], true, nil
}

// CoveringVersions implements report.ChainStore through the partial index
// reports_coverage, as BestReport does: the versions overlapping the window
// end between its start and the bound covering walks down from, so the
// walk reads the family's versions of that span of period ends only.
func (s *ReportStore) CoveringVersions(ctx context.Context, family string, w report.Window, at time.Time) ([]report.Report, error) {
	return s.covering(ctx, "covering versions", family, w, at, false)
}

// covering returns the versions of family eligible to cover window w as
// of at that overlap it, latest period end first (only the first when
// first is set), by a walk of the index reports_coverage. A version
// overlapping w ends on or after its start, and no later than its end
// plus the family's longest period, and no later than at's day plus the
// family's longest lead of publication over period end; the walk goes down
// from the lower of those bounds to w's start.
func (s *ReportStore) covering(ctx context.Context, op, family string, w report.Window, at time.Time, first bool) ([]report.Report, error) {
	if !w.Start.IsValid() || !w.End.IsValid() {
		return nil, ctx.Err()
	}
	if !storable(at) {
		at = clampTime(at)
	}
	var out []report.Report
	err := s.db.read(ctx, op, func(q *runner) error {
		var span, lead int64
		err := q.QueryRowContext(ctx, s.q("SELECT max_span, max_lead FROM report_families WHERE family = ?"), family).Scan(&span, &lead)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		bound := min(days(w.End)+span, floorDays(at)+lead)
		if bound < days(w.Start) {
			return nil
		}
		query := "SELECT " + reportColumns + ` FROM reports
			WHERE family = ? AND type = 'TYPE2' AND state = 'PUBLISHED' AND deleted_at = -9223372036854775808 AND upload_state = 'COMPLETE'
			AND period_end <= ? AND period_end >= ? AND period_start <= ? AND period_start <= period_end AND published_at <= ?
			ORDER BY period_end DESC, version DESC, id`
		if first {
			query += " LIMIT 1"
		}
		out, err = queryAll(ctx, q, out, scanReport, s.q(query), family, day(fromDays(bound)), day(w.Start), day(w.End), ts(at))
		return err
	})
	return out, err
}

// DeleteExpiredTokens deletes the term tokens that expired at or before
// now and returns how many.
func (s *ReportStore) DeleteExpiredTokens(ctx context.Context, now time.Time) (int, error) {
	return s.db.deleteExpired(ctx, "delete expired term tokens", "term_tokens", "expires_at", now)
}
