package endpoint_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/endpoint"
)

// An option given its zero value leaves the default (CONTRIBUTING.md):
// the service's clock, DefaultMaxSkew, DefaultMaxBodyBytes, no log.
func TestZeroOptionsKeepTheDefaults(t *testing.T) {
	f := newFixture(t, fixtureOptions{handler: []endpoint.Option{
		endpoint.WithClock(nil), endpoint.WithMaxSkew(0), endpoint.WithMaxBodyBytes(0), nil,
	}})
	c := f.as(artifacttest.ReportsReader)
	now := f.world.Clock.Now() // the world's clock is not the wall clock

	// The clock is the service's: a request signed at its time verifies.
	requireOK(t, c.do("GET", "/v1/report/list", nil, nil), 200)

	// The skew is DefaultMaxSkew, not zero.
	for _, tc := range []struct {
		offset time.Duration
		ok     bool
	}{
		{-endpoint.DefaultMaxSkew + time.Minute, true},
		{endpoint.DefaultMaxSkew - time.Minute, true},
		{-endpoint.DefaultMaxSkew - time.Minute, false},
		{endpoint.DefaultMaxSkew + time.Minute, false},
	} {
		c.at = func() time.Time { return now.Add(tc.offset) }
		res := c.do("GET", "/v1/report/list", nil, nil)
		if tc.ok {
			requireOK(t, res, 200)
		} else {
			requireError(t, res, 403, "InvalidSignatureException")
		}
	}
	c.at = nil

	// The body limit is DefaultMaxBodyBytes, not zero: a body of a few
	// kilobytes is read, one larger than the default is refused (before
	// authentication: the handler is called directly, so that the test
	// does not depend on how a client meets a connection closed while
	// it still writes).
	padded := `{"notificationSubscriptionStatus":"SUBSCRIBED","pad":"` + strings.Repeat("x", 4096) + `"}`
	requireOK(t, f.as("root").do("PUT", "/v1/account-settings/put", nil, padded), 200)
	h, err := endpoint.New(f.world.Service, nil, endpoint.WithMaxBodyBytes(0))
	require.NoError(t, err)
	for _, tc := range []struct {
		size   int
		status int
	}{
		{endpoint.DefaultMaxBodyBytes, http.StatusForbidden}, // read, then refused unsigned
		{endpoint.DefaultMaxBodyBytes + 1, http.StatusRequestEntityTooLarge},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("PUT", "/v1/account-settings/put", strings.NewReader(strings.Repeat("x", tc.size))))
		require.Equal(t, tc.status, rec.Code, "a body of %d bytes", tc.size)
	}
}

// A zero option passed after a non-zero one leaves the earlier value.
func TestZeroOptionAfterAValue(t *testing.T) {
	f := newFixture(t, fixtureOptions{handler: []endpoint.Option{
		endpoint.WithMaxBodyBytes(1024), endpoint.WithMaxBodyBytes(0),
		endpoint.WithMaxSkew(time.Minute), endpoint.WithMaxSkew(0),
	}})
	c := f.as(artifacttest.ReportsReader)
	padded := `{"notificationSubscriptionStatus":"SUBSCRIBED","pad":"` + strings.Repeat("x", 2048) + `"}`
	require.Equal(t, http.StatusRequestEntityTooLarge, c.do("PUT", "/v1/account-settings/put", nil, padded).status)
	now := f.world.Clock.Now()
	c.at = func() time.Time { return now.Add(-2 * time.Minute) }
	requireError(t, c.do("GET", "/v1/report/list", nil, nil), 403, "InvalidSignatureException")
}

// A value New cannot use is an error wrapping ErrInvalidOption.
func TestNewRefusesNegativeOptions(t *testing.T) {
	w := artifacttest.New(t)
	for _, tc := range []struct {
		opt  endpoint.Option
		says string
	}{
		{endpoint.WithMaxSkew(-time.Second), "endpoint: WithMaxSkew(-1s): invalid option: want a positive duration"},
		{endpoint.WithMaxBodyBytes(-1), "endpoint: WithMaxBodyBytes(-1): invalid option: want a positive size"},
	} {
		h, err := endpoint.New(w.Service, nil, tc.opt)
		require.ErrorIs(t, err, endpoint.ErrInvalidOption)
		require.EqualError(t, err, tc.says)
		require.Nil(t, h)
	}
}

// A nil service is a programming error: New panics, naming it.
func TestNewPanicsOnANilService(t *testing.T) {
	keys, err := endpoint.NewCredentials()
	require.NoError(t, err)
	require.PanicsWithValue(t, "endpoint: New with a nil Service", func() { _, _ = endpoint.New(nil, keys) })
}

// A nil credential table is an empty one: every signed request is
// refused as an unknown key, as with NewCredentials().
func TestNewWithNilCredentials(t *testing.T) {
	w := artifacttest.New(t)
	var logs logSink
	h, err := endpoint.New(w.Service, nil, endpoint.WithRequestLog(logs.add))
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	f := &fixture{t: t, world: w, server: srv}
	cred, err := endpoint.NewCredential(strings.NewReader(strings.Repeat("k", 40)), w.Caller(artifacttest.ReportsReader))
	require.NoError(t, err)
	c := &client{f: f, cred: cred, region: "us-east-1", service: "artifact"}
	requireError(t, c.do("GET", "/v1/report/list", nil, nil), 403, "UnrecognizedClientException")
	require.Equal(t, 0, (*endpoint.Credentials)(nil).Len())
	_, ok := (*endpoint.Credentials)(nil).Lookup(cred.AccessKeyID)
	require.False(t, ok)
}

// NewCredential's required arguments: a nil reader or caller panics.
func TestNewCredentialPanicsOnNil(t *testing.T) {
	w := artifacttest.New(t)
	require.PanicsWithValue(t, "endpoint: NewCredential with a nil io.Reader", func() {
		_, _ = endpoint.NewCredential(nil, w.Caller(artifacttest.ReportsReader))
	})
	require.PanicsWithValue(t, "endpoint: NewCredential with a nil Caller", func() {
		_, _ = endpoint.NewCredential(strings.NewReader(strings.Repeat("k", 40)), nil)
	})
}

// A credential without a caller prints, without panicking and without
// its secret.
func TestCredentialStringWithoutCaller(t *testing.T) {
	for _, c := range []endpoint.Credential{{}, {AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "hunter2"}} {
		require.NotPanics(t, func() { _ = c.String() })
		require.Equal(t, c.AccessKeyID+" (no caller)", c.String())
		require.Equal(t, "endpoint.Credential{"+c.AccessKeyID+" (no caller)}", c.GoString())
		require.NotContains(t, c.GoString(), "hunter2")
	}
	w := artifacttest.New(t)
	c := endpoint.Credential{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "hunter2", Caller: w.Caller(artifacttest.ReportsReader)}
	require.Equal(t, "AKIAIOSFODNN7EXAMPLE ("+c.Caller.Principal()+")", c.String())
}

// Sentinels carry no package prefix; NewCredentials' errors name the
// package once (CONTRIBUTING.md).
func TestErrorTexts(t *testing.T) {
	require.Equal(t, "invalid credential", endpoint.ErrInvalidCredential.Error())
	require.Equal(t, "invalid option", endpoint.ErrInvalidOption.Error())
	_, err := endpoint.NewCredentials(endpoint.Credential{AccessKeyID: "short", SecretAccessKey: "s"})
	require.ErrorIs(t, err, endpoint.ErrInvalidCredential)
	require.EqualError(t, err, `endpoint: invalid credential: access key id "short" is not 16 to 128 letters, digits or underscores`)
	require.Equal(t, 1, strings.Count(err.Error(), "endpoint"))
}
