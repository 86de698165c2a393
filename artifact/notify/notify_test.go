package notify_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/artifact/notify/memstore"
)

func TestStatusText(t *testing.T) {
	for _, s := range []notify.Status{notify.Subscribed, notify.NotSubscribed} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back notify.Status
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, s, back)
	}
	_, err := notify.Status("subscribed").MarshalText()
	require.Error(t, err, "values are case-sensitive")
	var s notify.Status
	require.Error(t, s.UnmarshalText([]byte("MAYBE")))
	require.Empty(t, s, "a refused value changes nothing")
}

// S1, S2: what an account receives depends on its subscription and its
// configurations.
func TestWants(t *testing.T) {
	const acct = "111122223333"
	soc := notify.Event{Kind: notify.ReportPublished, ReportID: "report-x", Category: "Certifications and Attestations", Series: "SOC"}
	pci := notify.Event{Kind: notify.ReportUpdated, ReportID: "report-y", Category: "Third-party", Series: "PCI"}
	agr := notify.Event{Kind: notify.AgreementStatusChanged, Account: acct, AgreementID: "agreement-x"}
	other := notify.Event{Kind: notify.CoverageLost, Account: "999999999999"}
	lost := notify.Event{Kind: notify.CoverageLost, Account: acct}
	tests := []struct {
		name string
		s    notify.Settings
		want []bool // soc, pci, agr, other, lost
	}{
		{"S1 never set: nothing", notify.Settings{Account: acct}, []bool{false, false, false, false, false}},
		{"S1 unsubscribed with configurations: nothing", notify.Settings{Account: acct, Status: notify.NotSubscribed, Agreements: true, Reports: notify.ReportFilter{All: true}}, []bool{false, false, false, false, false}},
		{"S2 subscribed, no configuration: nothing", notify.Settings{Account: acct, Status: notify.Subscribed}, []bool{false, false, false, false, false}},
		{"S2 all reports", notify.Settings{Account: acct, Status: notify.Subscribed, Reports: notify.ReportFilter{All: true}}, []bool{true, true, false, false, false}},
		{"S2 reports by series", notify.Settings{Account: acct, Status: notify.Subscribed, Reports: notify.ReportFilter{Series: []string{"SOC"}}}, []bool{true, false, false, false, false}},
		{"S2 reports by category", notify.Settings{Account: acct, Status: notify.Subscribed, Reports: notify.ReportFilter{Categories: []string{"Third-party"}}}, []bool{false, true, false, false, false}},
		{"S2 agreements only, own account", notify.Settings{Account: acct, Status: notify.Subscribed, Agreements: true}, []bool{false, false, true, false, true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []bool
			for _, e := range []notify.Event{soc, pci, agr, other, lost} {
				got = append(got, tc.s.Wants(e))
			}
			require.Equal(t, tc.want, got)
		})
	}
}

func TestDetailType(t *testing.T) {
	require.Equal(t, "AWS Artifact Report Update", notify.ReportPublished.DetailType())
	require.Equal(t, "AWS Artifact Report Update", notify.ReportUpdated.DetailType())
	require.Equal(t, "AWS Artifact Agreement Status Changed", notify.AgreementStatusChanged.DetailType())
	require.Equal(t, "AWS Artifact Agreement Status Changed", notify.CoverageLost.DetailType())
	require.Empty(t, notify.Kind("OTHER").DetailType())
}

func TestRecipients(t *testing.T) {
	ctx := context.Background()
	st := memstore.New()
	put := func(s notify.Settings) {
		_, err := st.Put(ctx, s)
		require.NoError(t, err)
	}
	put(notify.Settings{Account: "111111111111", Status: notify.Subscribed, Reports: notify.ReportFilter{All: true}, Agreements: true})
	put(notify.Settings{Account: "222222222222", Status: notify.Subscribed, Reports: notify.ReportFilter{Series: []string{"PCI"}}})
	put(notify.Settings{Account: "333333333333", Status: notify.NotSubscribed, Reports: notify.ReportFilter{All: true}})

	got, err := notify.Recipients(ctx, st, notify.Event{Kind: notify.ReportPublished, Series: "SOC"})
	require.NoError(t, err)
	require.Equal(t, []aws.AccountID{"111111111111"}, got)
	got, err = notify.Recipients(ctx, st, notify.Event{Kind: notify.ReportPublished, Series: "PCI"})
	require.NoError(t, err)
	require.Equal(t, []aws.AccountID{"111111111111", "222222222222"}, got)
	got, err = notify.Recipients(ctx, st, notify.Event{Kind: notify.AgreementStatusChanged, Account: "111111111111"})
	require.NoError(t, err)
	require.Equal(t, []aws.AccountID{"111111111111"}, got)
	got, err = notify.Recipients(ctx, st, notify.Event{Kind: notify.AgreementStatusChanged, Account: "222222222222"})
	require.NoError(t, err)
	require.Empty(t, got)
}

func ExampleRecipients() {
	ctx := context.Background()
	st := memstore.New()
	_, _ = st.Put(ctx, notify.Settings{Account: "111122223333", Status: notify.Subscribed,
		Reports: notify.ReportFilter{Series: []string{"SOC"}}})
	_, _ = st.Put(ctx, notify.Settings{Account: "444455556666", Status: notify.NotSubscribed,
		Reports: notify.ReportFilter{All: true}})

	soc2 := notify.Event{Kind: notify.ReportPublished, ReportID: "report-jRVRFP8HxUN5zpPh", Version: 2,
		Category: "Certifications and Attestations", Series: "SOC"}
	to, _ := notify.Recipients(ctx, st, soc2)
	fmt.Println(soc2.Kind.DetailType(), "->", to)
	// Output: AWS Artifact Report Update -> [111122223333]
}

// A Subscriber that forwards to a queue says when the queue would not
// take a delivery: the sender keeps it, and makes it again, with the same
// ID, on a later delivery (artifact.Service.Deliver).
func ExampleSubscriberFunc() {
	queue := make(chan notify.Delivery, 1)
	forward := notify.SubscriberFunc(func(ctx context.Context, d notify.Delivery) error {
		select {
		case queue <- d:
			return nil
		default:
			return errors.New("queue full")
		}
	})
	ctx := context.Background()
	d := notify.Delivery{ID: "entry/0/111122223333", Account: "111122223333",
		Event: notify.Event{Kind: notify.AgreementStatusChanged, Account: "111122223333"}}
	fmt.Println(forward.Notify(ctx, d))
	fmt.Println(forward.Notify(ctx, d))
	<-queue
	fmt.Println(forward.Notify(ctx, d))
	// Output:
	// <nil>
	// queue full
	// <nil>
}
