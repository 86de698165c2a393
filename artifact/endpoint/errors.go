package endpoint

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/artifactkit/artifactkit/artifact"
)

// AWS's restJson1 error encoding, as botocore's RestJSONParser and the
// AWS SDKs read it: the status code the model gives the error type, the
// type's name in the x-amzn-ErrorType header and in the body's "__type",
// the type's members in the body (message, resourceId, reason, fieldList,
// ...), and a member bound to a header (retryAfterSeconds) in that header
// (Retry-After).

// modelStatus is the HTTP status AWS's model gives each error type of the
// service.
var modelStatus = map[string]int{
	"AccessDeniedException":         http.StatusForbidden,
	"ConflictException":             http.StatusConflict,
	"InternalServerException":       http.StatusInternalServerError,
	"ResourceNotFoundException":     http.StatusNotFound,
	"ServiceQuotaExceededException": http.StatusPaymentRequired,
	"ThrottlingException":           http.StatusTooManyRequests,
	"ValidationException":           http.StatusBadRequest,
}

// internalError answers an error that is not one of the service's: its
// text stays out of the answer.
var internalError = &artifact.InternalServerException{Message: "An internal error occurred. Try again later."}

// writeError answers err: one of the seven error types of the service, or
// an authentication error.
func writeError(w http.ResponseWriter, err error) string {
	var ae *authError
	if errors.As(err, &ae) {
		writeTyped(w, ae.status, ae.code, struct {
			Type    string `json:"__type"`
			Message string `json:"message"`
		}{ae.code, ae.message})
		return ae.code
	}
	var api artifact.APIError
	if !errors.As(err, &api) {
		api = internalError
	}
	code := api.ErrorCode()
	status, ok := modelStatus[code]
	if !ok {
		status = api.HTTPStatusCode()
	}
	switch e := api.(type) {
	case *artifact.InternalServerException:
		setRetryAfter(w, e.RetryAfterSeconds)
	case *artifact.ThrottlingException:
		setRetryAfter(w, e.RetryAfterSeconds)
	}
	members, merr := json.Marshal(api)
	if merr != nil || len(members) < 2 || members[0] != '{' {
		members = []byte(`{"message":"An internal error occurred. Try again later."}`)
		code, status = "InternalServerException", http.StatusInternalServerError
	}
	// {"__type":"<code>", <the members>}
	body := make([]byte, 0, len(members)+len(code)+16)
	body = append(body, `{"__type":`...)
	body = strconv.AppendQuote(body, code)
	if len(members) > 2 {
		body = append(body, ',')
	}
	body = append(body, members[1:]...)
	writeBody(w, status, code, body)
	return code
}

func setRetryAfter(w http.ResponseWriter, seconds int32) {
	if seconds > 0 {
		w.Header().Set("Retry-After", strconv.FormatInt(int64(seconds), 10))
	}
}

// writeTyped answers an error whose body is v.
func writeTyped(w http.ResponseWriter, status int, code string, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		body = []byte(`{}`)
	}
	writeBody(w, status, code, body)
}

func writeBody(w http.ResponseWriter, status int, code string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("x-amzn-ErrorType", code)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// validation returns the ValidationException of a request that could not
// be read.
func validation(reason artifact.ValidationExceptionReason, msg string, fields ...artifact.ValidationExceptionField) *artifact.ValidationException {
	return &artifact.ValidationException{Message: msg, Reason: reason, FieldList: fields}
}
