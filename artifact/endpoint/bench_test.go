package endpoint_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/artifacttest"
	"github.com/artifactkit/artifactkit/artifact/endpoint"
)

// The load benchmarks: GetReport over HTTP with signature verification.
//
//	go test -run '^$' -bench . -benchtime 200000x github.com/artifactkit/artifactkit/artifact/endpoint
//
// BenchmarkServeHTTP is the server's cost per verified request, in
// process: the request id, Signature Version 4 verification, routing,
// decoding, the service's GetReport (authorization, the terms gate, the
// audit record) and the JSON answer. BenchmarkLoad is the same over
// loopback HTTP with keep-alive, from two load generators (raw HTTP/1.1
// and net/http's Client) of 1, 8 and 64 concurrent clients in the same
// process (so on the same cores): requests
// per second, the 50th and 99th percentile latencies, and the CPU time of
// client and server per request (on a machine shared with other work, the
// rate and latencies measure the share the benchmark got; the CPU time per
// request does not depend on it).

// getReport returns a signed GetReport of the world's latest SOC 2 version,
// with the term token of the reports reader's account. A signed request
// can be sent again while its time is within the skew, and the world's
// clock does not move.
func getReport(tb testing.TB, f *fixture) *http.Request {
	c := f.as(artifacttest.ReportsReader)
	soc2 := f.world.Latest(artifacttest.FamilySOC2)
	term := c.call("GetTermForReport", map[string]any{"reportId": soc2.ID})
	require.Equal(tb, 200, term.status, string(term.body))
	token := term.json(tb)["termToken"].(string)
	req, payload := c.newRequest("GET", "/v1/report/get",
		url.Values{"reportId": {soc2.ID}, "reportVersion": {fmt.Sprint(soc2.Version)}, "termToken": {token}}, nil)
	c.sign(req, payload)
	res := c.send(req.Clone(bg))
	require.Equal(tb, 200, res.status, string(res.body))
	return req
}

// discard is a ResponseWriter that keeps nothing.
type discard struct {
	h      http.Header
	status int
}

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(status int)      { d.status = status }

func BenchmarkServeHTTP(b *testing.B) {
	for _, tc := range []struct {
		name string
		opts []endpoint.Option
	}{
		{"log=none", nil},
		// The RequestLog built for every request, given to a function
		// that keeps nothing: the log's cost on the handler's side.
		{"log=discard", []endpoint.Option{endpoint.WithRequestLog(func(endpoint.RequestLog) {})}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			f := newFixture(b, fixtureOptions{noLog: true, handler: tc.opts})
			req := getReport(b, f)
			req.RequestURI = req.URL.RequestURI()
			req.RemoteAddr = "127.0.0.1:40000"
			h := f.server.Config.Handler
			w := &discard{h: http.Header{}}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, req)
			}
			b.StopTimer()
			require.Equal(b, 200, w.status)
		})
	}
}

// BenchmarkLoad sends GetReport over loopback HTTP with keep-alive from
// 1, 8 and 64 concurrent clients, each with its own connection and one
// request in flight, from two load generators:
//
//   - gen=raw writes the request's bytes on its connection and reads the
//     answer's status line, headers and Content-Length bytes of body: the
//     least a client can do, so that the figures are the server's. Each
//     client signs its request (with the AWS SDK for Go's signer) when the
//     wall clock enters a new second and sends that request again within
//     the second, as the server accepts a signature whose time lies within
//     its skew; the world's clock does not move, so the signing time stays
//     within it.
//   - gen=nethttp sends the same requests, signed once, through net/http's
//     Client and Transport, as a Go program using net/http would.
func BenchmarkLoad(b *testing.B) {
	for _, gen := range []string{"raw", "nethttp"} {
		for _, clients := range []int{1, 8, 64} {
			b.Run(fmt.Sprintf("gen=%s/clients=%d", gen, clients), func(b *testing.B) {
				f := newFixture(b, fixtureOptions{noLog: true})
				signed := getReport(b, f)
				var send func(clients int, next func() (int64, bool), record func(int64, time.Duration), fail func(error))
				if gen == "raw" {
					send = rawGenerator(f, signed)
				} else {
					send = netHTTPGenerator(signed)
				}
				runLoad(b, clients, send)
			})
		}
	}
}

// runLoad runs b.N requests from clients concurrent clients and reports
// the rate, the latencies' 50th and 99th percentiles and the process's CPU
// time per request.
func runLoad(b *testing.B, clients int, send func(clients int, next func() (int64, bool), record func(int64, time.Duration), fail func(error))) {
	latencies := make([]time.Duration, b.N)
	var issued atomic.Int64
	next := func() (int64, bool) {
		i := issued.Add(1) - 1
		return i, i < int64(b.N)
	}
	var failed atomic.Int64
	var firstErr atomic.Value
	fail := func(err error) {
		failed.Add(1)
		firstErr.CompareAndSwap(nil, err)
	}
	runtime.GC()
	b.ResetTimer()
	start := time.Now()
	cpu0, cpuOK := processCPU()
	send(clients, next, func(i int64, d time.Duration) { latencies[i] = d }, fail)
	elapsed := time.Since(start)
	cpu1, _ := processCPU()
	b.StopTimer()
	require.Zero(b, failed.Load(), "failed requests, the first: %v", firstErr.Load())
	slices.Sort(latencies)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds()), "p99-µs")
	if cpuOK {
		// The CPU time of client and server together per request (the
		// kernel's work for the process included): what the machine's
		// cores can carry when nothing else runs on them.
		b.ReportMetric(float64((cpu1-cpu0).Microseconds())/float64(b.N), "cpu-µs/req")
	}
}

// netHTTPGenerator sends signed through net/http's Client.
func netHTTPGenerator(signed *http.Request) func(int, func() (int64, bool), func(int64, time.Duration), func(error)) {
	return func(clients int, next func() (int64, bool), record func(int64, time.Duration), fail func(error)) {
		transport := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
		defer transport.CloseIdleConnections()
		client := &http.Client{Transport: transport}
		var wg sync.WaitGroup
		for range clients {
			wg.Go(func() {
				req := signed.Clone(bg)
				for i, ok := next(); ok; i, ok = next() {
					t0 := time.Now()
					res, err := client.Do(req)
					if err != nil {
						fail(err)
						continue
					}
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != 200 {
						fail(fmt.Errorf("status %d", res.StatusCode))
					}
					record(i, time.Since(t0))
				}
			})
		}
		wg.Wait()
	}
}

// rawGenerator writes the bytes of signed, signed again each second, on
// its own connections.
func rawGenerator(f *fixture, signed *http.Request) func(int, func() (int64, bool), func(int64, time.Duration), func(error)) {
	c := f.as(artifacttest.ReportsReader)
	creds := awssdk.Credentials{AccessKeyID: c.cred.AccessKeyID, SecretAccessKey: c.cred.SecretAccessKey}
	// sign returns the request's bytes, signed at the world's time.
	sign := func() ([]byte, error) {
		req, err := http.NewRequest("GET", signed.URL.String(), nil)
		if err != nil {
			return nil, err
		}
		if err := v4.NewSigner().SignHTTP(bg, creds, req, emptySHA256, "artifact", "us-east-1", f.world.Clock.Now()); err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		err = req.Write(&buf)
		return buf.Bytes(), err
	}
	addr := f.server.Listener.Addr().String()
	return func(clients int, next func() (int64, bool), record func(int64, time.Duration), fail func(error)) {
		var wg sync.WaitGroup
		for range clients {
			wg.Go(func() {
				conn, err := net.Dial("tcp", addr)
				if err != nil {
					fail(err)
					return
				}
				defer conn.Close()
				br := bufio.NewReaderSize(conn, 4096)
				var req []byte
				var second int64 = -1
				for i, ok := next(); ok; i, ok = next() {
					t0 := time.Now()
					if s := t0.Unix(); s != second {
						if req, err = sign(); err != nil {
							fail(err)
							return
						}
						second = s
					}
					if _, err := conn.Write(req); err != nil {
						fail(err)
						return
					}
					status, err := readResponse(br)
					if err != nil {
						fail(err)
						return
					}
					if status != 200 {
						fail(fmt.Errorf("status %d", status))
					}
					record(i, time.Since(t0))
				}
			})
		}
		wg.Wait()
	}
}

// readResponse reads an HTTP/1.1 answer with a Content-Length and returns
// its status.
func readResponse(br *bufio.Reader) (int, error) {
	line, err := br.ReadSlice('\n')
	if err != nil {
		return 0, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
		return 0, fmt.Errorf("not an HTTP/1.1 status line: %q", line)
	}
	status := int(line[9]-'0')*100 + int(line[10]-'0')*10 + int(line[11]-'0')
	length := -1
	for {
		if line, err = br.ReadSlice('\n'); err != nil {
			return 0, err
		}
		if len(line) <= 2 {
			break
		}
		const name = "content-length:"
		if len(line) > len(name) && strings.EqualFold(string(line[:len(name)]), name) {
			length = 0
			for _, c := range bytes.TrimSpace(line[len(name):]) {
				length = length*10 + int(c-'0')
			}
		}
	}
	if length < 0 {
		return 0, errors.New("an answer without Content-Length")
	}
	_, err = br.Discard(length)
	return status, err
}
