package postgres

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// An option given its zero value leaves the default (CONTRIBUTING.md); a
// value Open cannot use is an error.
func TestZeroOptionsLeaveDefaults(t *testing.T) {
	def, err := configure(nil)
	require.NoError(t, err)
	require.Equal(t, config{maxConns: 16}, def)
	zero, err := configure([]Option{WithMaxConns(0), WithSchema("")})
	require.NoError(t, err)
	require.Equal(t, def, zero)

	set, err := configure([]Option{WithMaxConns(4), WithSchema("tenant_1")})
	require.NoError(t, err)
	require.Equal(t, config{maxConns: 4, schema: "tenant_1"}, set)

	for name, o := range map[string]Option{
		"-1 connections": WithMaxConns(-1),
		"schema a-b":     WithSchema("a-b"),
		"schema 1a":      WithSchema("1a"),
	} {
		_, err := configure([]Option{o})
		require.Error(t, err, name)
	}
}
