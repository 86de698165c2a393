package inquiry_test

import (
	"encoding"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/inquiry"
)

// Every enumeration carries AWS's exact values, marshals them as text and
// refuses anything else.
func TestEnumerations(t *testing.T) {
	type enum interface {
		encoding.TextMarshaler
		IsValid() bool
	}
	cases := []struct {
		name   string
		values []enum
		bad    func() encoding.TextUnmarshaler
	}{
		{"InputSource", []enum{inquiry.Text, inquiry.File}, func() encoding.TextUnmarshaler { return new(inquiry.InputSource) }},
		{"Status", []enum{inquiry.Processing, inquiry.HumanReview, inquiry.Completed, inquiry.Failed}, func() encoding.TextUnmarshaler { return new(inquiry.Status) }},
		{"SupportMode", []enum{inquiry.AIOnly, inquiry.FullSupport}, func() encoding.TextUnmarshaler { return new(inquiry.SupportMode) }},
		{"QueryStatus", []enum{inquiry.QueryProcessing, inquiry.QueryCompleted, inquiry.QueryFailed}, func() encoding.TextUnmarshaler { return new(inquiry.QueryStatus) }},
		{"ReviewType", []enum{inquiry.ReviewAI, inquiry.ReviewHuman}, func() encoding.TextUnmarshaler { return new(inquiry.ReviewType) }},
		{"Rating", []enum{inquiry.ThumbsUp, inquiry.ThumbsDown}, func() encoding.TextUnmarshaler { return new(inquiry.Rating) }},
		{"ReasonCode", []enum{inquiry.ReasonOther, inquiry.ReasonPartialResponse, inquiry.ReasonIrrelevantResponse}, func() encoding.TextUnmarshaler { return new(inquiry.ReasonCode) }},
		{"StatusMessage", func() []enum {
			var out []enum
			for _, m := range inquiry.StatusMessages() {
				out = append(out, m)
			}
			return out
		}(), func() encoding.TextUnmarshaler { return new(inquiry.StatusMessage) }},
		{"QueryStatusMessage", func() []enum {
			var out []enum
			for _, m := range inquiry.QueryStatusMessages() {
				out = append(out, m)
			}
			return out
		}(), func() encoding.TextUnmarshaler { return new(inquiry.QueryStatusMessage) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, v := range c.values {
				require.True(t, v.IsValid())
				b, err := v.MarshalText()
				require.NoError(t, err)
				u := c.bad()
				require.NoError(t, u.UnmarshalText(b))
			}
			require.ErrorIs(t, c.bad().UnmarshalText([]byte("nope")), inquiry.ErrInvalid)
		})
	}
	_, err := json.Marshal(inquiry.Status("DONE"))
	require.Error(t, err)
}

// The status messages are AWS's sentences, as its model lists them.
func TestQ1_StatusMessagesAreAWSs(t *testing.T) {
	require.Equal(t, []inquiry.StatusMessage{
		"Compliance inquiry processing is complete.",
		"Malware was detected on the file. Provide a new file and try again.",
		"Compliance inquiry processing is in-progress.",
		"An internal error occurred while processing the inquiry. Try again at a later time.",
		"Human review is in progress.",
		"Compliance inquiry processing is complete. One or more queries encountered errors during processing.",
	}, inquiry.StatusMessages())
	require.Equal(t, []inquiry.QueryStatusMessage{
		"Query processing is complete.",
		"Query processing is in-progress.",
		"An internal error occurred while processing the query. Try again at a later time.",
		"Query is pending human review.",
		"Query contains restricted or unsupported content.",
	}, inquiry.QueryStatusMessages())
}

func TestParseID(t *testing.T) {
	id, err := inquiry.ParseID("compliance-inquiry-abcdef0123456789")
	require.NoError(t, err)
	require.Equal(t, "compliance-inquiry-abcdef0123456789", id.String())
	for _, bad := range []string{"", "compliance-inquiry-abcdef012345678", "compliance-inquiry-abcdef01234567890", "compliance-inquiry-abcdef012345678_",
		"report-abcdef0123456789", "compliance-inquiry-" + string(make([]byte, 100))} {
		_, err := inquiry.ParseID(bad)
		var ve *inquiry.ValidationError
		require.ErrorAs(t, err, &ve, bad)
		require.Equal(t, "complianceInquiryId", ve.Fields[0].Name)
	}
}

func TestListKeyOrdersByTime(t *testing.T) {
	a := inquiry.ListKey(start, "compliance-inquiry-zzzzzzzzzzzzzzzz")
	b := inquiry.ListKey(start.Add(1), "compliance-inquiry-aaaaaaaaaaaaaaaa")
	require.Less(t, a, b)
	require.Less(t, inquiry.ListKey(start, "compliance-inquiry-aaaaaaaaaaaaaaaa"), a)
}
