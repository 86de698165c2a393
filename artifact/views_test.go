package artifact_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/notify"
)

// The service's accessors are read-only views: holding the service gives
// no way to accept, publish, join or append to the trail without an
// authorized, audited, announced call. The method sets
// are pinned here, so that a method added to a view is a decision.
func TestViewsAreReadOnly(t *testing.T) {
	f := newFixture(t)
	views := map[string]struct {
		view any
		want []string
	}{
		"Agreements": {f.svc.Agreements(), []string{"Active", "Agreement", "Coverage", "CustomerAgreement", "Expand", "HIPAAAccounts",
			"HIPAAAccountsSeq", "IsHIPAA", "List", "ListCustomerAgreements", "Lookup", "NDAStatus"}},
		"Reports": {f.svc.Reports(), []string{"Acceptances", "Access", "BestReport", "CoveringChain", "DiffScope", "Get",
			"InScope", "List", "ListVersions", "NextRelease", "OutOfScope", "Program", "Verify"}},
		"Organizations": {f.svc.Organizations(), []string{"History", "Members", "MembersSeq", "Organization", "OrganizationOf"}},
		"Audit":         {f.svc.Audit(), []string{"Head", "Query", "Verify"}},
		"Inquiries":     {f.svc.Inquiries(), []string{"Feedback", "Get", "List", "Queries"}},
	}
	for name, v := range views {
		typ := reflect.TypeOf(v.view)
		var got []string
		for i := range typ.NumMethod() {
			got = append(got, typ.Method(i).Name)
		}
		require.Empty(t, cmp.Diff(v.want, got), "%s: the view's methods", name)
		require.Equal(t, reflect.Struct, typ.Kind(), "%s is a value, not the store's own object", name)
	}

	// What a view answers is what the operations did.
	c := root(t, member)
	out, err := f.acceptAs(t, c, baa, "ACCOUNT")
	require.NoError(t, err)
	got, err := f.svc.Agreements().Active(bg, member, baa, "ACCOUNT")
	require.NoError(t, err)
	require.Equal(t, out.CustomerAgreement.ID, got.ID)
	h, err := f.svc.Agreements().IsHIPAA(bg, member, f.clock.Now())
	require.NoError(t, err)
	require.True(t, h.HIPAA)
	n, _, err := f.svc.Audit().Head(bg)
	require.NoError(t, err)
	require.Positive(t, n)
	require.NoError(t, f.svc.Audit().Verify(bg))
	var _ artifact.AgreementsView = f.svc.Agreements()
}

// A caller with no permission cannot make the trail keep a record of any
// size: a 10 MB parameter is recorded cut short (issue 13, item 13).
func TestAuditRecordsAreBounded(t *testing.T) {
	f := newFixture(t)
	nobody := caller(t, member, "arn:aws:iam::222222222222:user/nobody", nil)
	huge := strings.Repeat("r", 10<<20)
	_, err := f.svc.GetReportMetadata(bg, nobody, artifact.GetReportMetadataInput{ReportID: huge})
	require.Error(t, err)
	recs, err := f.svc.Audit().Query(bg, audit.Filter{})
	require.NoError(t, err)
	last := recs[len(recs)-1]
	size := len(last.ErrorMessage) + len(last.Resource)
	for _, p := range last.Params {
		size += len(p.Name) + len(p.Value)
	}
	require.Less(t, size, 4*audit.MaxFieldLen, "the record keeps kilobytes, not megabytes")
	require.Contains(t, last.Params[0].Value, audit.TruncatedMark)
}

// A notification configuration is bounded and validated: at most
// MaxNotificationFilters categories and series, each in AWS's shape, none
// twice (issue 13, item 13).
func TestNotificationConfigurationBounds(t *testing.T) {
	f := newFixture(t)
	c := root(t, member)
	many := make([]string, artifact.MaxNotificationFilters+1)
	for i := range many {
		many[i] = fmt.Sprintf("Series %d", i)
	}
	for name, filter := range map[string]notify.ReportFilter{
		"too many categories": {Categories: many},
		"too many series":     {Series: many},
		"a malformed series":  {Series: []string{"<script>"}},
		"an empty category":   {Categories: []string{""}},
		"a long category":     {Categories: []string{strings.Repeat("c", 257)}},
		"a series twice":      {Series: []string{"SOC", "SOC"}},
	} {
		_, err := f.svc.PutNotificationConfiguration(bg, c, artifact.NotificationConfiguration{Reports: filter})
		var ve *artifact.ValidationException
		require.True(t, errors.As(err, &ve), "%s: %v", name, err)
		require.Equal(t, artifact.ReasonFieldValidationFailed, ve.Reason, name)
	}
	got, err := f.svc.PutNotificationConfiguration(bg, c, artifact.NotificationConfiguration{
		Reports: notify.ReportFilter{Categories: []string{"Certifications and Attestations"}, Series: many[:artifact.MaxNotificationFilters]}})
	require.NoError(t, err)
	require.Len(t, got.Reports.Series, artifact.MaxNotificationFilters)
}
