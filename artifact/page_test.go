package artifact

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPagerRoundTrip(t *testing.T) {
	p := &pager{key: [32]byte{1, 2, 3}}
	tok := p.next("ListReports", "111122223333", "report-abc:3")
	limit, after, err := p.page("ListReports", "111122223333", 10, tok)
	require.NoError(t, err)
	require.Equal(t, 10, limit)
	require.Equal(t, "report-abc:3", after)
	require.Empty(t, p.next("ListReports", "111122223333", ""), "an exhausted list has no token")
}

func TestPagerLimits(t *testing.T) {
	p := &pager{}
	for _, tc := range []struct {
		max  int
		want int
		ok   bool
	}{{0, DefaultMaxResults, true}, {1, 1, true}, {300, 300, true}, {301, 0, false}, {-1, 0, false}} {
		limit, _, err := p.page("ListReports", "111122223333", tc.max, "")
		if !tc.ok {
			var ve *ValidationException
			require.True(t, errors.As(err, &ve), "maxResults %d", tc.max)
			require.Equal(t, ReasonFieldValidationFailed, ve.Reason)
			require.Equal(t, "maxResults", ve.FieldList[0].Name)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tc.want, limit)
	}
}

func TestPagerRefusesForgedAndForeignTokens(t *testing.T) {
	p := &pager{key: [32]byte{9}}
	other := &pager{key: [32]byte{8}}
	good := p.next("ListReports", "111122223333", "report-abc:3")
	body, _, _ := strings.Cut(good, ".")
	for name, tok := range map[string]string{
		"another account":   p.next("ListReports", "444455556666", "report-abc:3"),
		"another operation": p.next("ListCustomerAgreements", "111122223333", "report-abc:3"),
		"another service":   other.next("ListReports", "111122223333", "report-abc:3"),
		"no signature":      body,
		"bad signature":     body + ".AAAA",
		"bad base64":        "!!!.???",
		"empty key":         "." + strings.Split(good, ".")[1],
		// Base64 has one spelling per token: padding or trailing bits
		// that decode to the same bytes are other strings, refused.
		"padded":        body + "=." + strings.Split(good, ".")[1],
		"trailing bits": respell(p.next("ListReports", "111122223333", "report-abc:34")),
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := p.page("ListReports", "111122223333", 10, tok)
			var ve *ValidationException
			require.True(t, errors.As(err, &ve), "%v", err)
			require.Equal(t, ReasonInvalidToken, ve.Reason)
			require.ErrorIs(t, err, errBadNextToken)
		})
	}
}

// respell returns another spelling of a token whose body leaves unused
// bits in its last base64 character, which non-strict decoding takes for
// the same bytes: that character with the unused bits set.
func respell(tok string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	body, sig, _ := strings.Cut(tok, ".")
	unused := map[int]int{2: 4, 3: 2}[len(body)%4]
	if unused == 0 {
		panic("respell: a body without unused bits")
	}
	last := strings.IndexByte(alphabet, body[len(body)-1])
	return body[:len(body)-1] + string(alphabet[last|(1<<unused-1)]) + "." + sig
}

// A nextToken outside the model's length (1 to 2048 characters) is a
// malformed field, not a refused token; the length counts characters, as
// AWS's constraints do, not bytes.
func TestPagerTokenLength(t *testing.T) {
	p := &pager{key: [32]byte{9}}
	cases := []struct {
		name  string
		token string
		want  ValidationExceptionReason
	}{
		{"2049 characters", strings.Repeat("a", 2049), ReasonFieldValidationFailed},
		{"2048 characters", strings.Repeat("a", 2048), ReasonInvalidToken},
		{"2048 characters of two bytes", strings.Repeat("é", 2048), ReasonInvalidToken},
		{"2049 characters of two bytes", strings.Repeat("é", 2049), ReasonFieldValidationFailed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := p.page("ListReports", "111122223333", 10, c.token)
			var ve *ValidationException
			require.True(t, errors.As(err, &ve))
			require.Equal(t, c.want, ve.Reason, "within the length, a token not minted here is refused")
			require.Equal(t, "nextToken", ve.FieldList[0].Name)
		})
	}
}

func FuzzPagerNeverAcceptsForgeries(f *testing.F) {
	p := &pager{key: [32]byte{7}}
	f.Add(p.next("ListReports", "111122223333", "k"))
	f.Add("")
	f.Add("a.b")
	f.Fuzz(func(t *testing.T, tok string) {
		_, after, err := p.page("ListReports", "111122223333", 1, tok)
		if err == nil && tok != "" {
			// Only a token this pager minted for the key it carries passes.
			require.Equal(t, p.next("ListReports", "111122223333", after), tok)
		}
	})
}
