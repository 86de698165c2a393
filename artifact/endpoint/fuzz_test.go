package endpoint_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/artifacttest"
)

// FuzzServeHTTP: whatever arrives, signed or not, the handler answers
// with a status, a request id and, for an error, AWS's error encoding:
// never a panic, never a Go error string.
func FuzzServeHTTP(f *testing.F) {
	fx := newFixture(f, fixtureOptions{noLog: true})
	c := fx.as(artifacttest.ReportsReader)
	h := fx.server.Config.Handler
	soc2 := fx.world.Latest(artifacttest.FamilySOC2)

	f.Add("GET", "/v1/report/list", "maxResults=2", "", true)
	f.Add("GET", "/v1/report/getMetadata", "reportId="+soc2.ID+"&reportVersion=1", "", true)
	f.Add("PUT", "/v1/account-settings/put", "", `{"notificationSubscriptionStatus":"SUBSCRIBED"}`, true)
	f.Add("POST", "/v1/agreement/accept", "", `{"agreementId":[1,2]}`, true)
	f.Add("GET", "/v1/report/get", "reportId=%zz&termToken=", "", false)
	f.Add("DELETE", "/tags/arn%3Aaws", "", "", true)
	f.Fuzz(func(t *testing.T, method, path, query, body string, sign bool) {
		if !validMethod(method) || !strings.HasPrefix(path, "/") || strings.ContainsAny(path+query, " \r\n#") {
			return
		}
		req, err := http.NewRequest(method, fx.server.URL+path+"?"+query, strings.NewReader(body))
		if err != nil {
			return
		}
		if sign {
			// Sign as the fuzz target's t, not the F that built the fixture.
			ft := *fx
			ft.t = t
			ct := *c
			ct.f = &ft
			ct.sign(req, []byte(body))
		}
		req.RemoteAddr = "192.0.2.1:1234"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.NotEmpty(t, rec.Header().Get("X-Amzn-Requestid"))
		switch {
		case rec.Code == http.StatusRequestEntityTooLarge:
		case rec.Code >= 400:
			var e map[string]any
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e), rec.Body.String())
			require.Equal(t, rec.Header().Get("X-Amzn-Errortype"), e["__type"])
			require.NotContains(t, e["message"], "json:")
		default:
			require.True(t, json.Valid(bytes.TrimSpace(rec.Body.Bytes())), rec.Body.String())
		}
	})
}

func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, r := range m {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
