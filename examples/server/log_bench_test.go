package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/endpoint"
)

var sampleRequest = endpoint.RequestLog{RequestID: "5f3c0b2e-8d1a-4c7e-9b2a-1e4f6a7b8c9d", Operation: "GetReport", Method: "GET",
	Path: "/v1/report/get", Status: 200, AccessKeyID: "AKIAHSGQSZU5TJ46PI7A", Principal: "arn:aws:iam::999988887777:user/reports-reader",
	Account: "999988887777", SourceIP: "127.0.0.1", Duration: 42 * time.Microsecond}

// The request log line is the JSON object slog's JSONHandler writes for
// the same attributes, whatever the path holds.
func TestRequestLine(t *testing.T) {
	at := time.Date(2026, 12, 6, 22, 48, 5, 123456789, time.UTC)
	for _, r := range []endpoint.RequestLog{
		sampleRequest,
		{RequestID: "x", Method: "GET", Path: "/v1/\"odd\"\\path\x00\xff\u2028<&>", Status: 403, ErrorCode: "MissingAuthenticationTokenException",
			Duration: 1500 * time.Microsecond},
		{},
	} {
		var want strings.Builder
		logger := slog.New(slog.NewJSONHandler(&want, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				a.Value = slog.TimeValue(at)
			}
			return a
		}}))
		attrs := []slog.Attr{slog.String("request_id", r.RequestID), slog.String("method", r.Method), slog.String("path", r.Path),
			slog.Int("status", r.Status), slog.Float64("duration_ms", float64(r.Duration.Microseconds())/1000), slog.String("source_ip", r.SourceIP)}
		if r.Operation != "" {
			attrs = append(attrs, slog.String("operation", r.Operation))
		}
		if r.ErrorCode != "" {
			attrs = append(attrs, slog.String("error", r.ErrorCode))
		}
		if r.AccessKeyID != "" {
			attrs = append(attrs, slog.String("access_key_id", r.AccessKeyID), slog.String("principal", r.Principal), slog.String("account", r.Account))
		}
		logger.LogAttrs(t.Context(), slog.LevelInfo, "request", attrs...)
		got := string(appendRequestLine(nil, at, r))
		require.True(t, strings.HasSuffix(got, "\n"))
		var g, w any
		require.NoError(t, json.Unmarshal([]byte(got), &g), got)
		require.NoError(t, json.Unmarshal([]byte(want.String()), &w))
		require.Equal(t, w, g, "slog: %s\nours: %s", want.String(), got)
	}
}

// BenchmarkRequestLog is the cost of the server's log line of a request,
// written to io.Discard (the write to standard error is the kernel's):
// slog's JSONHandler with the same attributes, and the server's own.
func BenchmarkRequestLog(b *testing.B) {
	b.Run("slog", func(b *testing.B) {
		logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
		r := sampleRequest
		b.ReportAllocs()
		for b.Loop() {
			logger.LogAttrs(b.Context(), slog.LevelInfo, "request", slog.String("request_id", r.RequestID), slog.String("method", r.Method),
				slog.String("path", r.Path), slog.Int("status", r.Status), slog.Float64("duration_ms", float64(r.Duration.Microseconds())/1000),
				slog.String("source_ip", r.SourceIP), slog.String("operation", r.Operation), slog.String("access_key_id", r.AccessKeyID),
				slog.String("principal", r.Principal), slog.String("account", r.Account))
		}
	})
	b.Run("server", func(b *testing.B) {
		l := requestLogger{w: &lineWriter{w: io.Discard}}
		b.ReportAllocs()
		for b.Loop() {
			l.log(sampleRequest)
		}
	})
}
