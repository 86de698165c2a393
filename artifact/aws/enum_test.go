package aws_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// color is an enumeration of two values, for the tests.
type color string

func (c color) IsValid() bool                 { return c == "RED" || c == "BLUE" }
func (c color) MarshalText() ([]byte, error)  { return aws.MarshalEnum(c, "color") }
func (c *color) UnmarshalText(b []byte) error { return aws.UnmarshalEnum(c, b, "color") }

func TestEnum(t *testing.T) {
	cases := []struct {
		json string
		want color
		ok   bool
	}{
		{`"RED"`, "RED", true},
		{`"BLUE"`, "BLUE", true},
		{`"red"`, "BLUE", false},
		{`""`, "BLUE", false},
	}
	for _, c := range cases {
		got := color("BLUE")
		err := json.Unmarshal([]byte(c.json), &got)
		require.Equal(t, c.want, got, "%s: unchanged on error", c.json)
		if c.ok {
			require.NoError(t, err)
			b, err := json.Marshal(got)
			require.NoError(t, err)
			require.JSONEq(t, c.json, string(b))
			continue
		}
		var ve *aws.ValidationError
		require.ErrorAs(t, err, &ve, c.json)
		require.Equal(t, "color", ve.Fields[0].Name)
		require.ErrorIs(t, err, aws.ErrInvalidInput)
	}
	_, err := json.Marshal(color("GREEN"))
	require.ErrorContains(t, err, `color: unknown value "GREEN"`)
	require.ErrorIs(t, err, aws.ErrInvalidInput)
}
