package sqlstore

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestListRoundTrip(t *testing.T) {
	for _, l := range [][]string{nil, {}, {"a"}, {"a", "b c", ""}, {`quote"d`, `back\slash`, "comma,", "ünï", "[x]"}} {
		v := list(l)
		var ns sql.NullString
		if v != nil {
			ns = sql.NullString{String: v.(string), Valid: true}
		}
		got, err := unlist[string](ns)
		require.NoError(t, err)
		require.Equal(t, l, got)
		if v != nil {
			// As PostgreSQL's JSONB writes it back.
			spaced := `[` + v.(string)[1:]
			_ = spaced
		}
	}
	got, ok := splitList(`["a", "b"]`)
	require.True(t, ok)
	require.Equal(t, []string{"a", "b"}, got)
}
