package sqlstore_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/internal/dbtest"
	"github.com/artifactkit/artifactkit/org"
)

// G5, R6: the audit trail keeps any bytes a call carried (PostgreSQL's
// text keeps neither NUL bytes nor invalid UTF-8), so that its chain
// verifies; its text columns hold a readable copy.
func TestG5_AuditKeepsAnyBytes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		db := b.Open(t)
		log := audit.NewLog(db.Audit())
		var want []audit.Record
		for i, e := range []audit.Entry{
			{EventName: "GetReport", Principal: "arn:aws:iam::111122223333:user/\xff\xfe", Account: "111122223333",
				Decision: audit.Denied, ErrorCode: "ValidationException", ErrorMessage: "bad id \"report-\x00\"",
				Params: []audit.Param{{Name: "reportId", Value: "report-\x00\xc3"}, {Name: "", Value: ""}}},
			{EventName: "ListReports", Decision: audit.Allowed, Params: []audit.Param{}},
			{EventName: "ListReports", Decision: audit.Allowed},
		} {
			e.Time = time.Date(2026, 1, 1, 0, 0, i, 123456789, time.UTC)
			r, err := log.Append(ctx, e)
			require.NoError(t, err)
			want = append(want, r)
		}
		got, err := db.Audit().Read(ctx, 1, 10)
		require.NoError(t, err)
		require.Empty(t, cmp.Diff(want, got))
		require.NoError(t, audit.NewLog(db.Audit()).Verify(ctx))
	})
}

// Text a column cannot keep exactly is refused as invalid input, the same
// on both databases, and nothing is stored.
func TestTextIsRefusedWhole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, b dbtest.Backend) {
		db := b.Open(t)
		o := org.Organization{ID: "o-exampleorg", ARN: "arn:\x00", ManagementAccount: "111111111111", FeatureSet: org.AllFeatures}
		_, err := db.Org().CreateOrganization(ctx, o, org.Change{Account: "111111111111", Kind: org.Founded, Org: o.ID, Seq: 1})
		require.ErrorIs(t, err, aws.ErrInvalidInput)
		_, err = db.Org().Organization(ctx, o.ID)
		require.ErrorIs(t, err, org.ErrNotFound)
		o.ARN, o.Created = "arn:ok", time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)
		_, err = db.Org().CreateOrganization(ctx, o, org.Change{Account: "111111111111", Kind: org.Founded, Org: o.ID, Seq: 1})
		require.ErrorIs(t, err, aws.ErrInvalidInput, "a time past 2262")
	})
}
