package main

import (
	"io"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/artifactkit/artifactkit/artifact/endpoint"
)

// lineWriter writes each line it is given whole: the request log and the
// server's other log lines (slog's) share standard error through it.
type lineWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lineWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// requestLogger writes the one log line of each request: the JSON object
// slog's JSONHandler writes for the same attributes (time, level, msg
// "request", then the request's), appended into a pooled buffer and
// written at once. It costs a fraction of slog's attribute machinery,
// which took as long as the handler's own work per request.
type requestLogger struct {
	w io.Writer
}

var logLines = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

func (l requestLogger) log(r endpoint.RequestLog) {
	bp := logLines.Get().(*[]byte)
	b := appendRequestLine((*bp)[:0], time.Now(), r)
	_, _ = l.w.Write(b)
	if cap(b) <= 4096 {
		*bp = b
		logLines.Put(bp)
	}
}

// appendRequestLine appends the log line of r, logged at t.
func appendRequestLine(b []byte, t time.Time, r endpoint.RequestLog) []byte {
	b = append(b, `{"time":"`...)
	b = t.AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","level":"INFO","msg":"request","request_id":`...)
	b = appendJSONString(b, r.RequestID)
	b = append(b, `,"method":`...)
	b = appendJSONString(b, r.Method)
	b = append(b, `,"path":`...)
	b = appendJSONString(b, r.Path)
	b = append(b, `,"status":`...)
	b = strconv.AppendInt(b, int64(r.Status), 10)
	b = append(b, `,"duration_ms":`...)
	b = strconv.AppendFloat(b, float64(r.Duration.Microseconds())/1000, 'f', -1, 64)
	b = append(b, `,"source_ip":`...)
	b = appendJSONString(b, r.SourceIP)
	if r.Operation != "" {
		b = append(b, `,"operation":`...)
		b = appendJSONString(b, r.Operation)
	}
	if r.ErrorCode != "" {
		b = append(b, `,"error":`...)
		b = appendJSONString(b, r.ErrorCode)
	}
	if r.AccessKeyID != "" {
		b = append(b, `,"access_key_id":`...)
		b = appendJSONString(b, r.AccessKeyID)
		b = append(b, `,"principal":`...)
		b = appendJSONString(b, r.Principal)
		b = append(b, `,"account":`...)
		b = appendJSONString(b, r.Account)
	}
	return append(b, "}\n"...)
}

// appendJSONString appends s as a JSON string: '"', '\\' and control
// characters escaped, invalid UTF-8 as U+FFFD (a request's path is the
// client's). Runs that need no escape are copied whole.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
		}
		b = append(b, s[start:i]...)
		switch {
		case c >= utf8.RuneSelf:
			b = append(b, `\ufffd`...)
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
