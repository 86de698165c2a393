package endpoint_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/artifacttest"
)

// The load benchmarks: GetReport over HTTP with signature verification.
//
//	go test -run '^$' -bench . -benchtime 20000x github.com/artifactkit/artifactkit/artifact/endpoint
//
// BenchmarkServeHTTP is the server's cost per verified request, in
// process: the request id, Signature Version 4 verification, routing,
// decoding, the service's GetReport (authorization, the terms gate, the
// audit record) and the JSON answer. BenchmarkLoad is the same over
// loopback HTTP with keep-alive, from a load generator of 1, 8 and 64
// concurrent clients in the same process (so on the same cores): requests
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
	f := newFixture(b, fixtureOptions{noLog: true})
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
}

func BenchmarkLoad(b *testing.B) {
	for _, clients := range []int{1, 8, 64} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			f := newFixture(b, fixtureOptions{noLog: true})
			signed := getReport(b, f)
			transport := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
			defer transport.CloseIdleConnections()
			client := &http.Client{Transport: transport}

			latencies := make([]time.Duration, b.N)
			var next atomic.Int64
			var failed atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			cpu0, cpuOK := processCPU()
			for range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					req := signed.Clone(bg)
					for {
						i := next.Add(1) - 1
						if i >= int64(b.N) {
							return
						}
						t0 := time.Now()
						res, err := client.Do(req)
						if err != nil {
							failed.Add(1)
							continue
						}
						_, _ = io.Copy(io.Discard, res.Body)
						res.Body.Close()
						if res.StatusCode != 200 {
							failed.Add(1)
						}
						latencies[i] = time.Since(t0)
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			cpu1, _ := processCPU()
			b.StopTimer()
			require.Zero(b, failed.Load(), "failed requests")
			slices.Sort(latencies)
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
			b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds()), "p99-µs")
			if cpuOK {
				// The CPU time of client and server together per request:
				// what the machine's cores can carry when nothing else
				// runs on them.
				b.ReportMetric(float64((cpu1-cpu0).Microseconds())/float64(b.N), "cpu-µs/req")
			}
		})
	}
}
