package endpoint

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzParseAuthorization: the Authorization header parser never panics,
// and what it accepts has every part of a SigV4 signature.
func FuzzParseAuthorization(f *testing.F) {
	f.Add("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260301/us-east-1/artifact/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef")
	f.Add("AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request,SignedHeaders=host,Signature=0")
	f.Add("AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=")
	f.Add("Bearer x")
	f.Fuzz(func(t *testing.T, auth string) {
		sig, aerr := parseAuthorization(auth)
		if aerr != nil {
			require.NotEmpty(t, aerr.message)
			require.Equal(t, codeIncomplete, aerr.code)
			return
		}
		require.True(t, strings.HasPrefix(auth, algorithm+" "))
		require.NotEmpty(t, sig.signature)
		require.NotEmpty(t, sig.signedHeaders)
		require.Equal(t, 4, strings.Count(sig.accessKeyID+"/"+sig.date+"/"+sig.region+"/"+sig.service+"/aws4_request", "/"))
	})
}
