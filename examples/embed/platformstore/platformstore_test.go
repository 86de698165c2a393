package platformstore

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/audit"
	auditstoretest "github.com/artifactkit/artifactkit/artifact/audit/storetest"
	"github.com/artifactkit/artifactkit/org"
	orgstoretest "github.com/artifactkit/artifactkit/org/storetest"
)

// The conformance kits: what every store must pass.

func TestOrgStore(t *testing.T) {
	orgstoretest.Run(t, func(*testing.T) org.Store { return NewOrgStore() })
}

func TestAuditStore(t *testing.T) {
	auditstoretest.Run(t, func(*testing.T) audit.Store { return NewAuditStore() })
}

// TestRowsHaveEveryField fails when a domain type gains a field: its row
// then needs a column, or the store would silently drop the field.
func TestRowsHaveEveryField(t *testing.T) {
	tests := []struct {
		typ    reflect.Type
		fields int
	}{
		{reflect.TypeFor[org.Organization](), 8},
		{reflect.TypeFor[org.Change](), 5},
		{reflect.TypeFor[audit.Record](), 4}, // Entry, Seq, Prev, Hash
		{reflect.TypeFor[audit.Entry](), 10},
		{reflect.TypeFor[audit.Param](), 2},
	}
	for _, tt := range tests {
		require.Equal(t, tt.fields, tt.typ.NumField(), "%s has a field its row lacks", tt.typ)
	}
}

var at = time.Date(2026, 3, 1, 9, 30, 0, 123456789, time.UTC)

func TestOrganizationRowRoundTrip(t *testing.T) {
	full := org.Organization{
		ID:                "o-exampleorg",
		ARN:               org.OrganizationARN("aws", "111122223333", "o-exampleorg"),
		ManagementAccount: "111122223333",
		FeatureSet:        org.AllFeatures,
		TrustedAccess:     []string{org.ArtifactServicePrincipal, "b.amazonaws.com"},
		ServiceLinkedRole: true,
		Created:           at,
		Seq:               7,
	}
	noAccess := full
	noAccess.TrustedAccess = nil
	emptyAccess := full
	emptyAccess.TrustedAccess = []string{}
	tests := []struct {
		name string
		in   org.Organization
	}{
		{"every field", full},
		{"nil slice stays nil", noAccess},
		{"empty slice stays empty", emptyAccess},
		{"zero value", org.Organization{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := encode(orgToRow(tt.in))
			require.NoError(t, err)
			var r orgRow
			require.NoError(t, json.Unmarshal(b, &r))
			// cmp tells a nil slice from an empty one.
			require.Empty(t, cmp.Diff(tt.in, r.organization()))
		})
	}
}

func TestChangeRowRoundTrip(t *testing.T) {
	tests := []org.Change{
		{Account: "222222222222", Kind: org.Joined, Org: "o-exampleorg", At: at, Seq: 3},
		{},
	}
	for _, in := range tests {
		b, err := encode(changeToRow(in))
		require.NoError(t, err)
		var r changeRow
		require.NoError(t, json.Unmarshal(b, &r))
		require.Empty(t, cmp.Diff(in, r.change()))
	}
}

func TestAuditRowRoundTrip(t *testing.T) {
	full := audit.Record{
		Entry: audit.Entry{
			EventName: "GetReport", Principal: "arn:aws:iam::111122223333:user/auditor", Account: "111122223333",
			Resource: "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1", Action: "artifact:GetReport",
			Decision: audit.Denied, ErrorCode: "AccessDeniedException", ErrorMessage: "not authorized",
			Params: []audit.Param{{Name: "reportId", Value: "report-abcdef0123456789"}, {Name: "termToken", Value: "t"}},
			Time:   at,
		},
		Seq: 2,
	}
	for i := range full.Prev {
		full.Prev[i], full.Hash[i] = byte(i), byte(255-i)
	}
	noParams := full
	noParams.Params = nil
	emptyParams := full
	emptyParams.Params = []audit.Param{}
	tests := []struct {
		name string
		in   audit.Record
	}{
		{"every field", full},
		{"nil params stay nil", noParams},
		{"empty params stay empty", emptyParams},
		{"zero value", audit.Record{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := encode(recordToRow(tt.in))
			require.NoError(t, err)
			var r auditRow
			require.NoError(t, json.Unmarshal(b, &r))
			got, err := r.record()
			require.NoError(t, err)
			require.Empty(t, cmp.Diff(tt.in, got))
		})
	}
}

func TestCorruptAuditRow(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		row  string
		want string
	}{
		{"not JSON", `{`, "decode row 1"},
		{"bad hex", `{"seq":1,"prev":"zz","hash":""}`, "audit record 1: prev"},
		{"short hash", `{"seq":1,"prev":"` + audit.Hash{}.String() + `","hash":"abcd"}`, "audit record 1: hash: 2 bytes, want 32"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewAuditStore()
			s.records[1] = []byte(tt.row)
			_, err := s.Read(ctx, 1, 1)
			require.ErrorContains(t, err, tt.want)
		})
	}
}

// TestRows shows that the stores keep encoded rows and hand out copies.
func TestRows(t *testing.T) {
	ctx := context.Background()
	orgs := NewOrgStore()
	require.Nil(t, orgs.OrganizationRow("o-exampleorg"))
	o := org.Organization{ID: "o-exampleorg", ManagementAccount: "111122223333", FeatureSet: org.AllFeatures, Created: at}
	_, err := orgs.CreateOrganization(ctx, o, org.Change{Account: "111122223333", Kind: org.Founded, Org: o.ID, At: at, Seq: 1})
	require.NoError(t, err)
	row := orgs.OrganizationRow(o.ID)
	require.JSONEq(t, `{"id":"o-exampleorg","arn":"","management_account":"111122223333","feature_set":"ALL",
		"trusted_access":null,"service_linked_role":false,"created":"2026-03-01T09:30:00.123456789Z","seq":1}`, string(row))
	row[0] = 'x'
	require.Equal(t, byte('{'), orgs.OrganizationRow(o.ID)[0], "the row returned is a copy")

	audits := NewAuditStore()
	require.Nil(t, audits.RecordRow(1))
	log := audit.NewLog(audits)
	_, err = log.Append(ctx, audit.Entry{EventName: "ListReports", Principal: "root", Account: "111122223333",
		Resource: "*", Action: "artifact:ListReports", Decision: audit.Allowed, Time: at})
	require.NoError(t, err)
	var r auditRow
	require.NoError(t, json.Unmarshal(audits.RecordRow(1), &r))
	require.Equal(t, "ListReports", r.EventName)
	require.NoError(t, log.Verify(ctx))
}
