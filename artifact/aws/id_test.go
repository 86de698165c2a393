package aws_test

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

func TestValidID(t *testing.T) {
	cases := []struct {
		prefix, s string
		n         int
		want      bool
	}{
		{"report-", "report-abcdef0123456789", 16, true},
		{"report-", "report-ABCDEFGHIJKLMNOP", 16, true},
		{"report-", "report-abcdef012345678", 16, false},
		{"report-", "report-abcdef01234567890", 16, false},
		{"report-", "term-abcdef0123456789ab", 16, false},
		{"report-", "report-abcdef012345678-", 16, false},
		{"report-", "report-abcdef01234567é", 16, false},
		{"term-token-", "term-token-abcdefghijklmnopqrstuvwx", 24, true},
		{"", "abc", 3, true},
		{"", "", 0, true},
	}
	for _, c := range cases {
		require.Equal(t, c.want, aws.ValidID(c.prefix, c.s, c.n), "%q %q %d", c.prefix, c.s, c.n)
	}
}

func TestNewID(t *testing.T) {
	r := rand.NewChaCha8([32]byte{1})
	seen := map[string]bool{}
	for range 1000 {
		id, err := aws.NewID(r, "compliance-inquiry-", 16)
		require.NoError(t, err)
		require.True(t, aws.ValidID("compliance-inquiry-", id, 16), id)
		require.False(t, seen[id])
		seen[id] = true
	}
	// Bytes past the last multiple of 62 are dropped, not folded onto the
	// first letters.
	id, err := aws.NewID(bytes.NewReader([]byte{255, 248, 0, 61, 62, 255, 1, 2, 3}), "x-", 3)
	require.NoError(t, err)
	require.Equal(t, "x-0Z0", id)

	_, err = aws.NewID(strings.NewReader("ab"), "x-", 16)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	require.True(t, strings.HasPrefix(err.Error(), "reading randomness"))
	require.False(t, errors.Is(err, aws.ErrInvalidInput))
}

// SerialReader makes a reader safe for concurrent use, and wraps once.
func TestSerialReader(t *testing.T) {
	r := aws.SerialReader(rand.NewChaCha8([32]byte{2}))
	require.Same(t, r, aws.SerialReader(r), "a serial reader is not wrapped again")
	var wg sync.WaitGroup
	ids := make([][]string, 8)
	for g := range ids {
		wg.Go(func() {
			for range 100 {
				id, err := aws.NewID(r, "x-", 16)
				require.NoError(t, err)
				ids[g] = append(ids[g], id)
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, list := range ids {
		for _, id := range list {
			require.False(t, seen[id], id)
			seen[id] = true
		}
	}
}
