package endpoint_test

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/endpoint"
)

// The route table is AWS's: every operation of the model the service
// implements is served with the model's method, path and success status,
// and the seven agreement operations with the API reference's.
func TestRoutesAreTheModels(t *testing.T) {
	m := loadModel(t)
	served := map[string]endpoint.Operation{}
	for _, op := range endpoint.Operations() {
		served[op.Name] = op
	}
	require.Len(t, m.ops, 17, "the model's operations: reports, settings, customer agreements, compliance inquiries, tagging")
	for name, want := range m.ops {
		got, ok := served[name]
		require.True(t, ok, "%s is not served", name)
		require.Equal(t, []any{want.method, want.path, want.status}, []any{got.Method, got.Path, got.Status}, name)
	}
	for name, want := range agreementOperations {
		got, ok := served[name]
		require.True(t, ok, "%s is not served", name)
		require.Equal(t, []any{want.method, want.path, want.status}, []any{got.Method, got.Path, got.Status}, name)
	}
	for name := range served {
		_, inModel := m.ops[name]
		_, inReference := agreementOperations[name]
		require.True(t, inModel || inReference, "%s is neither in the model nor in the API reference", name)
	}
}

var requestIDPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// requireOK checks a successful answer: the model's status, JSON, a
// request id.
func requireOK(t *testing.T, res response, status int) map[string]any {
	t.Helper()
	require.Equal(t, status, res.status, string(res.body))
	require.Equal(t, "application/json", res.header.Get("Content-Type"))
	require.Regexp(t, requestIDPattern, res.header.Get("X-Amzn-Requestid"))
	require.Empty(t, res.header.Get("X-Amzn-Errortype"))
	return res.json(t)
}

func TestReportOperations(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.as(artifacttest.ReportsReader)

	list := requireOK(t, c.call("ListReports", nil), 200)
	reports := list["reports"].([]any)
	require.Len(t, reports, len(artifacttest.Families()))
	first := reports[0].(map[string]any)
	for _, k := range []string{"id", "name", "arn", "version", "state", "uploadState", "periodStart", "periodEnd", "series", "category", "acceptanceType"} {
		require.Contains(t, first, k)
	}
	require.NotContains(t, first, "createdAt", "ListReports answers ReportSummary")

	soc2 := f.world.Latest(artifacttest.FamilySOC2)
	versions := requireOK(t, c.call("ListReportVersions", map[string]any{"reportId": soc2.ID}), 200)
	require.Len(t, versions["reports"], len(f.world.Versions(artifacttest.FamilySOC2)))

	meta := requireOK(t, c.call("GetReportMetadata", map[string]any{"reportId": soc2.ID}), 200)
	details := meta["reportDetails"].(map[string]any)
	require.Equal(t, soc2.ARN, details["arn"])
	require.Equal(t, float64(soc2.Version), details["version"])
	require.Equal(t, soc2.PeriodEnd.String()+"T00:00:00Z", details["periodEnd"])
	require.Equal(t, soc2.TermARN, details["termArn"])

	meta1 := requireOK(t, c.call("GetReportMetadata", map[string]any{"reportId": soc2.ID, "reportVersion": 1}), 200)
	require.Equal(t, float64(1), meta1["reportDetails"].(map[string]any)["version"])

	term := requireOK(t, c.call("GetTermForReport", map[string]any{"reportId": soc2.ID}), 200)
	require.ElementsMatch(t, []string{"documentPresignedUrl", "termToken"}, keys(term))
	got := requireOK(t, c.call("GetReport", map[string]any{"reportId": soc2.ID, "termToken": term["termToken"]}), 200)
	require.Equal(t, []string{"documentPresignedUrl"}, keys(got))
	require.Contains(t, got["documentPresignedUrl"], soc2.ID)
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestAccountSettings(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.as("clinical-root")
	require.Equal(t, map[string]any{"accountSettings": map[string]any{"notificationSubscriptionStatus": "NOT_SUBSCRIBED"}},
		requireOK(t, c.call("GetAccountSettings", nil), 200))
	require.Equal(t, map[string]any{"accountSettings": map[string]any{"notificationSubscriptionStatus": "SUBSCRIBED"}},
		requireOK(t, c.call("PutAccountSettings", map[string]any{"notificationSubscriptionStatus": "SUBSCRIBED"}), 200))
	require.Equal(t, map[string]any{"accountSettings": map[string]any{"notificationSubscriptionStatus": "SUBSCRIBED"}},
		requireOK(t, c.call("GetAccountSettings", nil), 200))
}

// The agreement token chain over HTTP: NDA, agreement, acceptance,
// customer agreement, termination (N1, T1).
func TestAgreementOperations(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.as("standalone-root")

	list := requireOK(t, c.call("ListAgreements", nil), 200)
	require.Len(t, list["agreements"], len(artifacttest.Agreements()))
	a := list["agreements"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "arn", "name", "revisionId", "subjects"} {
		require.Contains(t, a, k)
	}

	nda := requireOK(t, c.call("GetNdaForAgreement", map[string]any{"agreementId": string(artifacttest.BAA)}), 200)
	require.ElementsMatch(t, []string{"acceptNdaForAgreementToken", "agreementRevisionId", "documentPresignedUrl"}, keys(nda))
	accepted := requireOK(t, c.call("AcceptNdaForAgreement", map[string]any{"agreementId": string(artifacttest.BAA),
		"agreementRevisionId": nda["agreementRevisionId"], "ndaToken": nda["acceptNdaForAgreementToken"]}), 200)
	view := requireOK(t, c.call("GetAgreement", map[string]any{"agreementId": string(artifacttest.BAA), "ndaToken": accepted["getAgreementToken"]}), 200)
	require.ElementsMatch(t, []string{"acceptanceTerms", "acceptanceTermsToken", "agreementRevisionId", "documentPresignedUrl", "executeAgreementToken"}, keys(view))
	done := requireOK(t, c.call("AcceptAgreement", map[string]any{"agreementId": string(artifacttest.BAA),
		"agreementRevisionId": view["agreementRevisionId"], "acceptanceTermsToken": view["acceptanceTermsToken"],
		"executeAgreementToken": view["executeAgreementToken"]}), 200)
	ca := done["customerAgreement"].(map[string]any)
	require.Equal(t, "ACTIVE", ca["state"])
	require.Equal(t, string(artifacttest.StandaloneAccount), ca["awsAccountId"])
	id := ca["id"].(string)

	customer := requireOK(t, c.call("ListCustomerAgreements", nil), 200)
	require.Len(t, customer["customerAgreements"], 1)

	got := requireOK(t, c.call("GetCustomerAgreement", map[string]any{"customerAgreementId": id}), 200)
	ended := requireOK(t, c.call("TerminateAgreement", map[string]any{"customerAgreementId": id,
		"terminateAgreementToken": got["terminateAgreementToken"]}), 200)
	require.Equal(t, "CUSTOMER_TERMINATED", ended["customerAgreement"].(map[string]any)["state"])
	require.Contains(t, ended["customerAgreement"], "effectiveEnd")

	after := requireOK(t, c.call("ListCustomerAgreements", nil), 200)
	require.Equal(t, []any{}, after["customerAgreements"], "the list member is required: an empty list, not none")
}

// Paging through every list with a small page size gives each item once,
// in order, and the last page has no nextToken.
func TestPagination(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	root := f.as("standalone-root")
	for _, id := range []agreement.ID{artifacttest.BAA, artifacttest.ANDB, artifacttest.AccountOnly} {
		_, err := f.world.AcceptAgreement(bg, f.world.Root(artifacttest.StandaloneAccount), id, agreement.ScopeAccount)
		require.NoError(t, err)
	}
	soc1 := f.world.Latest(artifacttest.FamilySOC1)
	for _, tc := range []struct {
		op, list, key string
		in            map[string]any
		want          int
	}{
		{"ListReports", "reports", "id", nil, len(artifacttest.Families())},
		{"ListReportVersions", "reports", "version", map[string]any{"reportId": soc1.ID}, len(f.world.Versions(artifacttest.FamilySOC1))},
		{"ListAgreements", "agreements", "id", nil, len(artifacttest.Agreements())},
		{"ListCustomerAgreements", "customerAgreements", "id", nil, 3},
	} {
		t.Run(tc.op, func(t *testing.T) {
			var seen []string
			token := ""
			for pages := 0; ; pages++ {
				require.Less(t, pages, 50)
				in := map[string]any{"maxResults": 2}
				for k, v := range tc.in {
					in[k] = v
				}
				if token != "" {
					in["nextToken"] = token
				}
				page := requireOK(t, root.call(tc.op, in), 200)
				items := page[tc.list].([]any)
				require.LessOrEqual(t, len(items), 2)
				for _, it := range items {
					seen = append(seen, toString(it.(map[string]any)[tc.key]))
				}
				next, _ := page["nextToken"].(string)
				if next == "" {
					break
				}
				token = next
			}
			require.Len(t, seen, tc.want)
			require.Len(t, slices.Compact(slices.Clone(seen)), tc.want, "an item came twice: %v", seen)
		})
	}
}

// errorBody checks an error answer as botocore reads it: the status, the
// type in x-amzn-ErrorType and in "__type", and returns the body.
func requireError(t *testing.T, res response, status int, code string) map[string]any {
	t.Helper()
	require.Equal(t, status, res.status, string(res.body))
	require.Equal(t, code, res.errorCode())
	require.Equal(t, "application/json", res.header.Get("Content-Type"))
	require.Regexp(t, requestIDPattern, res.header.Get("X-Amzn-Requestid"))
	body := res.json(t)
	require.Equal(t, code, body["__type"])
	require.NotEmpty(t, body["message"])
	return body
}

func TestServiceErrors(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	reader := f.as(artifacttest.ReportsReader)
	soc2 := f.world.Latest(artifacttest.FamilySOC2)

	t.Run("AccessDeniedException", func(t *testing.T) {
		// G4: the denial names the permission that was missing, in
		// CloudTrail's words.
		body := requireError(t, f.as(artifacttest.NoPolicy).call("ListReports", nil), 403, "AccessDeniedException")
		require.Equal(t, "User: arn:aws:iam::999988887777:user/no-policy is not authorized to perform: artifact:ListReports on resource: *", body["message"])
		require.Equal(t, []string{"__type", "message"}, keys(body))
	})
	t.Run("ResourceNotFoundException", func(t *testing.T) {
		body := requireError(t, reader.call("GetReportMetadata", map[string]any{"reportId": "report-zzzzzzzzzzzzzzzz"}), 404, "ResourceNotFoundException")
		require.Equal(t, "report", body["resourceType"])
		require.Equal(t, "report-zzzzzzzzzzzzzzzz", body["resourceId"])
	})
	t.Run("ValidationException fieldValidationFailed", func(t *testing.T) {
		body := requireError(t, reader.call("GetReportMetadata", map[string]any{"reportId": "bogus"}), 400, "ValidationException")
		require.Equal(t, "fieldValidationFailed", body["reason"])
		require.NotEmpty(t, body["fieldList"])
		field := body["fieldList"].([]any)[0].(map[string]any)
		require.Equal(t, []string{"message", "name"}, keys(field))
	})
	t.Run("ValidationException invalidToken", func(t *testing.T) {
		body := requireError(t, reader.call("ListReports", map[string]any{"nextToken": "forged.token"}), 400, "ValidationException")
		require.Equal(t, "invalidToken", body["reason"])
	})
	t.Run("ValidationException for a term token not issued", func(t *testing.T) {
		// N2: a term token gates the download.
		body := requireError(t, reader.call("GetReport", map[string]any{"reportId": soc2.ID, "termToken": "term-token-abcdefghijklm01234567890"}), 400, "ValidationException")
		require.Equal(t, "invalidToken", body["reason"])
	})
	t.Run("InternalServerException", func(t *testing.T) {
		broken := newFixture(t, fixtureOptions{world: artifacttest.Options{ServiceOptions: []artifact.Option{artifact.WithSettingsStore(failingSettings{})}}})
		res := broken.as("root").call("GetAccountSettings", nil)
		requireError(t, res, 500, "InternalServerException")
		require.Empty(t, res.header.Get("Retry-After"))
	})
}

// A request the endpoint cannot read gets AWS's ValidationException with
// the model's reasons: unknownOperation, cannotParse, fieldValidationFailed
// (a value outside the model's range); an oversized body gets 413.
func TestMalformedRequests(t *testing.T) {
	f := newFixture(t, fixtureOptions{handler: []endpoint.Option{endpoint.WithMaxBodyBytes(1024)}})
	c := f.as(artifacttest.ReportsReader)
	soc2 := f.world.Latest(artifacttest.FamilySOC2)
	for _, tc := range []struct {
		name          string
		method, path  string
		query         url.Values
		body          any
		reason, field string
	}{
		{"unknown path", "GET", "/v1/report/nope", nil, nil, "unknownOperation", ""},
		{"root path", "GET", "/", nil, nil, "unknownOperation", ""},
		{"wrong method", "POST", "/v1/report/list", nil, "{}", "unknownOperation", ""},
		{"trailing slash", "GET", "/v1/report/list/", nil, nil, "unknownOperation", ""},
		{"maxResults not a number", "GET", "/v1/report/list", url.Values{"maxResults": {"ten"}}, nil, "cannotParse", "maxResults"},
		{"maxResults 0", "GET", "/v1/report/list", url.Values{"maxResults": {"0"}}, nil, "fieldValidationFailed", "maxResults"},
		{"maxResults 301", "GET", "/v1/report/list", url.Values{"maxResults": {"301"}}, nil, "fieldValidationFailed", "maxResults"},
		{"maxResults twice", "GET", "/v1/report/list", url.Values{"maxResults": {"1", "2"}}, nil, "cannotParse", "maxResults"},
		{"reportVersion 0", "GET", "/v1/report/getMetadata", url.Values{"reportId": {soc2.ID}, "reportVersion": {"0"}}, nil, "fieldValidationFailed", "reportVersion"},
		{"reportVersion negative", "GET", "/v1/report/getMetadata", url.Values{"reportId": {soc2.ID}, "reportVersion": {"-1"}}, nil, "fieldValidationFailed", "reportVersion"},
		{"reportVersion not a number", "GET", "/v1/report/getMetadata", url.Values{"reportId": {soc2.ID}, "reportVersion": {"1.5"}}, nil, "cannotParse", "reportVersion"},
		{"malformed JSON", "PUT", "/v1/account-settings/put", nil, `{"notificationSubscriptionStatus":`, "cannotParse", "body"},
		{"JSON not an object", "PUT", "/v1/account-settings/put", nil, `["SUBSCRIBED"]`, "cannotParse", "body"},
		{"member of the wrong type", "POST", "/v1/agreement/accept", nil, `{"agreementId":5}`, "cannotParse", "agreementId"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := requireError(t, c.do(tc.method, tc.path, tc.query, tc.body), 400, "ValidationException")
			require.Equal(t, tc.reason, body["reason"])
			if tc.field != "" {
				require.Equal(t, tc.field, body["fieldList"].([]any)[0].(map[string]any)["name"])
			}
			require.NotContains(t, body["message"], "json:", "no Go error string")
		})
	}

	t.Run("oversized body", func(t *testing.T) {
		res := c.do("PUT", "/v1/account-settings/put", nil, `{"notificationSubscriptionStatus":"`+strings.Repeat("x", 2000)+`"}`)
		require.Equal(t, http.StatusRequestEntityTooLarge, res.status)
		require.Empty(t, res.body)
	})
	t.Run("unknown members are ignored", func(t *testing.T) {
		res := f.as("clinical-root").do("PUT", "/v1/account-settings/put", nil, `{"notificationSubscriptionStatus":"SUBSCRIBED","future":1}`)
		requireOK(t, res, 200)
	})
}

// Request members travel where the model puts them: a member sent in the
// body of a GET is not read.
func TestMembersTravelWhereTheModelPutsThem(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.as(artifacttest.ReportsReader)
	soc2 := f.world.Latest(artifacttest.FamilySOC2)
	res := c.do("GET", "/v1/report/getMetadata", nil, map[string]any{"reportId": soc2.ID})
	body := requireError(t, res, 400, "ValidationException")
	require.Equal(t, "fieldValidationFailed", body["reason"])
	requireOK(t, c.do("GET", "/v1/report/getMetadata", url.Values{"reportId": {soc2.ID}}, nil), 200)
}

// The request log says what was answered, and holds no secret, signature
// or token.
func TestRequestLog(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.as(artifacttest.ReportsReader)
	soc2 := f.world.Latest(artifacttest.FamilySOC2)
	term := requireOK(t, c.call("GetTermForReport", map[string]any{"reportId": soc2.ID}), 200)
	requireOK(t, c.call("GetReport", map[string]any{"reportId": soc2.ID, "termToken": term["termToken"]}), 200)
	f.as(artifacttest.NoPolicy).call("ListReports", nil)

	logs := f.logs.all()
	require.Len(t, logs, 3)
	require.Equal(t, "GetReport", logs[1].Operation)
	require.Equal(t, 200, logs[1].Status)
	require.Equal(t, c.cred.AccessKeyID, logs[1].AccessKeyID)
	require.Equal(t, "arn:aws:iam::999988887777:user/reports-reader", logs[1].Principal)
	require.Equal(t, "127.0.0.1", logs[1].SourceIP)
	require.Equal(t, "AccessDeniedException", logs[2].ErrorCode)
	require.Equal(t, 403, logs[2].Status)
	for _, l := range logs {
		s := strconv.Quote(l.Path) + l.Operation + l.ErrorCode
		require.NotContains(t, s, c.cred.SecretAccessKey)
		require.NotContains(t, s, term["termToken"])
		require.NotContains(t, s, "Signature")
	}
}

// Neither a secret, a signature nor a token reaches the audit trail, where
// every call over HTTP is recorded (G5).
func TestNoSecretsInTheAuditTrail(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c := f.as("standalone-root")
	soc2 := f.world.Latest(artifacttest.FamilySOC2)
	term := requireOK(t, c.call("GetTermForReport", map[string]any{"reportId": soc2.ID}), 200)
	req, payload := c.newRequest("GET", "/v1/report/get", url.Values{"reportId": {soc2.ID}, "termToken": {term["termToken"].(string)}}, nil)
	c.sign(req, payload)
	signature := req.Header.Get("Authorization")
	requireOK(t, c.send(req), 200)

	records, err := f.world.Service.Audit().Query(bg, auditFilterAll())
	require.NoError(t, err)
	require.NotEmpty(t, records)
	for _, r := range records {
		text := r.EventName + r.Principal + r.Resource + r.ErrorMessage
		for _, p := range r.Params {
			text += p.Name + "=" + p.Value
		}
		require.NotContains(t, text, c.cred.SecretAccessKey)
		require.NotContains(t, text, term["termToken"])
		require.NotContains(t, text, signature[strings.LastIndex(signature, "=")+1:])
	}
}
