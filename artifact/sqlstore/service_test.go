package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/internal/dbtest"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/postgres"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/sqlite"
)

var ctx = context.Background()

// The artifacttest world, built on each database, answers as it does in
// memory: reports, downloads, an organization BAA, HIPAA Accounts, and an
// audit trail that verifies.
func TestWorld(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		db := b.Open(t)
		w := artifacttest.NewWithOptions(t, artifacttest.Options{ServiceOptions: db.ServiceOptions()})
		mem := artifacttest.New(t)

		for _, world := range []*artifacttest.World{w, mem} {
			list, err := world.Service.ListReports(ctx, world.Caller(artifacttest.ReportsReader), artifact.ListReportsInput{})
			require.NoError(t, err)
			require.NotEmpty(t, list.Reports)
		}
		got, err := w.Service.ListReports(ctx, w.Caller(artifacttest.ReportsReader), artifact.ListReportsInput{})
		require.NoError(t, err)
		want, err := mem.Service.ListReports(ctx, mem.Caller(artifacttest.ReportsReader), artifact.ListReportsInput{})
		require.NoError(t, err)
		require.Equal(t, len(want.Reports), len(got.Reports))
		for i := range want.Reports {
			require.Equal(t, want.Reports[i].ID, got.Reports[i].ID)
			require.Equal(t, want.Reports[i].Version, got.Reports[i].Version)
		}

		soc2 := w.Latest(artifacttest.FamilySOC2)
		_, err = w.DownloadReport(ctx, w.Caller(artifacttest.ReportsReader), soc2.ID, soc2.Version)
		require.NoError(t, err)

		_, err = w.AcceptAgreement(ctx, w.Caller(artifacttest.AgreementsAdmin), artifacttest.BAA, agreement.ScopeOrganization)
		require.NoError(t, err)
		hipaa, err := w.Service.Agreements().HIPAAAccounts(ctx, artifacttest.OrgID, w.Clock.Now())
		require.NoError(t, err)
		require.Len(t, hipaa, len(artifacttest.OrganizationAccounts()))
		for i, a := range artifacttest.OrganizationAccounts() {
			require.Equal(t, a, hipaa[i].Account)
		}

		n, err := db.Audit().Len(ctx)
		require.NoError(t, err)
		require.NotZero(t, n)
		require.NoError(t, w.Service.Audit().Verify(ctx))
	})
}

// A database that fails reaches the caller as an InternalServerException
// whose message names no driver, data source, host, user or SQL; the
// driver's error stays reachable; the failed call changes nothing and is
// still audited (here the trail is on a database that works).
func TestFailureIsInternalServerException(t *testing.T) {
	trail := dbtest.SQLite(t)
	check := func(t *testing.T, broken *sqlstore.DB, secrets []string, cause func(error) bool) {
		opts := append(broken.ServiceOptions(), artifact.WithAuditStore(trail.Audit()))
		svc, err := artifact.New(opts...)
		require.NoError(t, err)
		caller, err := artifacttest.NewCaller(artifacttest.ClinicalAccount, "reader", artifacttest.ReportsReadOnlyPolicy)
		require.NoError(t, err)
		before, err := trail.Audit().Len(ctx)
		require.NoError(t, err)

		_, err = svc.ListReports(ctx, caller, artifact.ListReportsInput{})
		var ise *artifact.InternalServerException
		require.ErrorAs(t, err, &ise)
		for _, s := range secrets {
			require.NotContains(t, strings.ToLower(err.Error()), strings.ToLower(s))
		}
		for _, s := range []string{"select", "insert", " from ", "pgx", "modernc", "sqlite3"} {
			require.NotContains(t, strings.ToLower(err.Error()), s)
		}
		var se *sqlstore.Error
		require.ErrorAs(t, err, &se)
		require.True(t, cause(err), "the driver's error is reachable: %#v", errors.Unwrap(se))

		after, err := trail.Audit().Len(ctx)
		require.NoError(t, err)
		require.Equal(t, before+1, after, "the failed call is audited")
		recs, err := trail.Audit().Read(ctx, after, 1)
		require.NoError(t, err)
		require.Equal(t, "InternalServerException", recs[0].ErrorCode)
		require.Equal(t, audit.Allowed, recs[0].Decision)
	}

	t.Run("sqlite", func(t *testing.T) {
		// A database whose report table is gone: every read of the catalog
		// fails inside the driver.
		path := t.TempDir() + "/broken.db"
		db, err := sqlite.Open(ctx, path)
		require.NoError(t, err)
		t.Cleanup(func() { db.Close() })
		raw := openRaw(t, "sqlite", "file:"+path)
		_, err = raw.Exec("DROP TABLE reports")
		require.NoError(t, err)
		check(t, db, []string{path, "broken.db"}, func(err error) bool {
			var lite interface{ Code() int }
			return errors.As(err, &lite)
		})
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := dbtest.DSN(t)
		cfg, err := pgx.ParseConfig(dsn)
		require.NoError(t, err)
		// What the DSN holds, none of which an error may name (but a
		// word too short to tell apart from the message's own).
		secrets := func(more ...string) []string {
			var out []string
			for _, s := range append([]string{cfg.User, cfg.Password, cfg.Database, cfg.Host, strconv.Itoa(int(cfg.Port))}, more...) {
				if len(s) >= 4 {
					out = append(out, s)
				}
			}
			return out
		}
		// Nothing listens on port 1: the pool cannot connect, and the
		// error names neither the user nor the host.
		_, err = postgres.Open(ctx, dbtest.Set(dsn, "host", "127.0.0.1", "port", "1"))
		require.Error(t, err)
		for _, s := range secrets("127.0.0.1") {
			require.NotContains(t, err.Error(), s)
		}
		var ce *pgconn.ConnectError
		require.ErrorAs(t, err, &ce)

		db, schema := dbtest.PostgresSchema(t)
		raw := openRaw(t, "pgx", dsn)
		_, err = raw.Exec("DROP TABLE " + schema + ".reports")
		require.NoError(t, err)
		check(t, db, secrets(schema), func(err error) bool {
			var pg *pgconn.PgError
			return errors.As(err, &pg) && pg.Code == "42P01"
		})
	})
}

func openRaw(t *testing.T, driver, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open(driver, dsn)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}
