package aws_test

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

func TestDigest(t *testing.T) {
	d := aws.Digest(sha256.Sum256([]byte("abc")))
	require.Equal(t, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", d.String())
	got, err := aws.ParseDigest(strings.ToUpper(d.String()))
	require.NoError(t, err)
	require.Equal(t, d, got)
	for _, bad := range []string{"", "ba78", strings.Repeat("g", 64), d.String() + "00"} {
		_, err := aws.ParseDigest(bad)
		var pe *aws.ParseError
		require.ErrorAs(t, err, &pe, bad)
		require.Equal(t, "sha-256 digest", pe.What)
		require.ErrorIs(t, err, aws.ErrInvalidInput)
	}

	type doc struct {
		SHA256 aws.Digest `json:"sha256"`
	}
	b, err := json.Marshal(doc{d})
	require.NoError(t, err)
	require.JSONEq(t, `{"sha256":"`+d.String()+`"}`, string(b))
	var back doc
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, d, back.SHA256)
	require.Error(t, back.SHA256.UnmarshalText([]byte("zz")))
	require.Equal(t, d, back.SHA256, "a refused digest changes nothing")

	require.True(t, aws.Digest{}.IsZero())
	require.False(t, d.IsZero())
}

func TestDigestOf(t *testing.T) {
	d, n, err := aws.DigestOf(strings.NewReader("abc"))
	require.NoError(t, err)
	require.EqualValues(t, 3, n)
	require.Equal(t, aws.Digest(sha256.Sum256([]byte("abc"))), d)

	boom := errors.New("boom")
	_, _, err = aws.DigestOf(iotest.ErrReader(boom))
	require.ErrorIs(t, err, boom)
}
