package endpoint

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/notify"
)

// FuzzAppendJSON: the outputs written by hand are byte for byte what
// their MarshalJSON writes, whatever their strings hold.
func FuzzAppendJSON(f *testing.F) {
	f.Add("https://artifact.example/report?X-Amz-Signature=a&b=<c>", "term-token+/=", "SUBSCRIBED")
	f.Add("", "", "")
	f.Add("\u2028\u2029\x00\x1f\"\\\t\n\r\b\f", "\xff\xfe", "é")
	f.Fuzz(func(t *testing.T, url, token, status string) {
		settings := artifact.AccountSettings{NotificationSubscriptionStatus: notify.Status(status)}
		for _, out := range []any{
			&artifact.GetReportOutput{DocumentPresignedURL: url},
			&artifact.GetTermForReportOutput{DocumentPresignedURL: url, TermToken: token},
			&artifact.GetTermForReportOutput{TermToken: token},
			&artifact.GetAccountSettingsOutput{AccountSettings: settings},
			&artifact.PutAccountSettingsOutput{AccountSettings: settings},
			&artifact.ListTagsForResourceOutput{Tags: map[string]string{token: url}},
		} {
			want, err := json.Marshal(out)
			require.NoError(t, err)
			got, err := appendJSON([]byte("prefix"), out)
			require.NoError(t, err)
			require.Equal(t, "prefix"+string(want), string(got), "%T", out)
		}
	})
}
