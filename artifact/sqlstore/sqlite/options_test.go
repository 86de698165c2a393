package sqlite

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// An option given its zero value leaves the default (CONTRIBUTING.md); a
// value Open cannot use is an error.
func TestZeroOptionsLeaveDefaults(t *testing.T) {
	def, err := configure(nil)
	require.NoError(t, err)
	require.Equal(t, Normal, def.sync)
	require.GreaterOrEqual(t, def.readers, 2)
	require.Equal(t, 10_000, def.busyMS)
	zero, err := configure([]Option{WithSynchronous(""), WithReaders(0), WithBusyTimeout(0)})
	require.NoError(t, err)
	require.Equal(t, def, zero)

	set, err := configure([]Option{WithSynchronous(Full), WithReaders(3), WithBusyTimeout(50)})
	require.NoError(t, err)
	require.Equal(t, config{sync: Full, readers: 3, busyMS: 50}, set)

	for name, o := range map[string]Option{
		"synchronous OFF": WithSynchronous("OFF"),
		"-1 readers":      WithReaders(-1),
		"-1 ms":           WithBusyTimeout(-1),
	} {
		_, err := configure([]Option{o})
		require.Error(t, err, name)
	}
}
