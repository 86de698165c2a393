package aws_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

func TestParseAccountID(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"111122223333", true},
		{"000000000000", true},
		{"11112222333", false},
		{"1111222233334", false},
		{"11112222333a", false},
		{"", false},
		{" 11112222333", false},
		{"١١١١٢٢٢٢٣٣٣٣", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, err := aws.ParseAccountID(tt.in)
			if !tt.ok {
				require.ErrorIs(t, err, aws.ErrInvalidInput)
				var pe *aws.ParseError
				require.ErrorAs(t, err, &pe)
				require.Equal(t, "account id", pe.What)
				require.Equal(t, tt.in, pe.Input)
				require.Empty(t, a)
				require.False(t, aws.AccountID(tt.in).IsValid())
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.in, a.String())
			require.True(t, a.IsValid())
		})
	}
}

func TestAccountIDText(t *testing.T) {
	type doc struct {
		Account aws.AccountID `json:"account"`
	}
	b, err := json.Marshal(doc{"111122223333"})
	require.NoError(t, err)
	require.JSONEq(t, `{"account":"111122223333"}`, string(b))
	var back doc
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, aws.AccountID("111122223333"), back.Account)

	_, err = json.Marshal(doc{"1234"})
	require.ErrorIs(t, err, aws.ErrInvalidInput)
	b, err = json.Marshal(doc{})
	require.NoError(t, err)
	require.JSONEq(t, `{"account":""}`, string(b), "the zero AccountID is no account")
	require.NoError(t, json.Unmarshal(b, &back))
	require.Empty(t, back.Account)
	back.Account = "111122223333"
	err = json.Unmarshal([]byte(`{"account":"12345678901x"}`), &back)
	require.ErrorIs(t, err, aws.ErrInvalidInput)
	require.Equal(t, aws.AccountID("111122223333"), back.Account, "a refused id changes nothing")
}

func TestParseError(t *testing.T) {
	_, err := aws.ParseAccountID("1234")
	require.EqualError(t, err, `invalid account id "1234": want 12 digits`)
	require.True(t, errors.Is(err, aws.ErrInvalidInput))

	e := &aws.ParseError{What: "arn", Input: "arn:x", Field: "partition", Reason: "unknown partition"}
	require.EqualError(t, e, `invalid arn "arn:x": partition: unknown partition`)
}

func TestQuote(t *testing.T) {
	require.Equal(t, `"a\"b"`, aws.Quote(`a"b`))
	require.Equal(t, `""`, aws.Quote(""))
	long := aws.Quote(strings.Repeat("é", 100))
	require.True(t, strings.HasSuffix(long, `"...`), long)
	require.Less(t, len(long), 80)
	require.Equal(t, strings.Repeat("é", 32), strings.TrimSuffix(strings.TrimPrefix(long, `"`), `"...`),
		"cut at a rune boundary")
	require.Equal(t, `"`+strings.Repeat("a", 64)+`"`, aws.Quote(strings.Repeat("a", 64)))
}

// Clip cuts as Quote does, at a rune boundary, without quoting.
func TestClip(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"short", "short"},
		{strings.Repeat("a", 64), strings.Repeat("a", 64)},
		{strings.Repeat("a", 65), strings.Repeat("a", 64) + "..."},
		// é is two bytes: 64 bytes would cut the 33rd in half.
		{"a" + strings.Repeat("é", 40), "a" + strings.Repeat("é", 31) + "..."},
	}
	for _, c := range cases {
		got := aws.Clip(c.in)
		require.Equal(t, c.want, got, "%q", c.in)
		require.True(t, utf8.ValidString(got))
	}
}
