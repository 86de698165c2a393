package artifact

import (
	"maps"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

// The condition keys the service adds to a request, and the caches that
// make each of them once: a request's context is the caller's keys, the
// service's keys the caller did not supply (aws:CurrentTime and
// aws:EpochTime from the clock, aws:RequestedRegion), and the extraKeys of
// its action. Every value here is immutable once made, so that a Caller can
// tell a request like its last one by pointer comparison and reuse the
// context it built (Caller.requestContext): authorizing a call allocates
// nothing while the second, the report and the caller stay the same.
//
// The tag keys of an action on a compliance inquiry (aws:ResourceTag/...,
// aws:RequestTag/..., aws:TagKeys) are the other mechanism: a tagContext
// (tags.go) extends the request's context after it is built, with an
// inquiry's tags made into keys once per version of the inquiry.

// extraKeys are the condition keys an action adds to its request:
// artifact:ReportSeries and artifact:ReportCategory for an action on a
// report (G7), the service principal of trusted access, the service of a
// service-linked role. A nil *extraKeys adds none; a zero Pair adds
// nothing. Each set is made once and never changed, so that one set of
// keys is always one pointer.
type extraKeys [2]policy.Pair

// The extraKeys of setting up trusted access: the service principal
// trusted access is enabled for, and the service of the role created.
var (
	servicePrincipalKey = extraKeys{policy.SharedPair("organizations:ServicePrincipal", org.ArtifactServicePrincipal)}
	serviceNameKey      = extraKeys{policy.SharedPair("iam:AWSServiceName", "artifact.amazonaws.com")}
)

// requestKeys makes the keys a Service adds to requests: its region's, its
// clock's once a second, and a report's once per series and category. Its
// zero value is ready to use once region is set.
type requestKeys struct {
	// region is aws:RequestedRegion.
	region policy.Pair
	// clock holds the clock keys of the latest second asked for.
	clock atomic.Pointer[clockKeys]
	// reports holds the report keys by series and category; the map is
	// never changed once stored, and reportsMu serializes its writers.
	reportsMu sync.Mutex
	reports   atomic.Pointer[map[seriesCategory]*extraKeys]
}

// clockKeys are aws:CurrentTime and aws:EpochTime for one second.
type clockKeys struct {
	sec            int64
	current, epoch policy.Pair
}

// at returns the clock keys of now, made once a second.
func (rk *requestKeys) at(now time.Time) *clockKeys {
	sec := now.Unix()
	if t := rk.clock.Load(); t != nil && t.sec == sec {
		return t
	}
	t := &clockKeys{sec: sec,
		current: policy.SharedPair("aws:CurrentTime", now.UTC().Truncate(time.Second).Format(time.RFC3339)),
		epoch:   policy.SharedPair("aws:EpochTime", strconv.FormatInt(sec, 10))}
	rk.clock.Store(t)
	return t
}

// seriesCategory is a report's series and category.
type seriesCategory struct{ series, category string }

// maxCachedReportKeys bounds the cache of report condition keys; AWS has a
// handful of series and categories, third parties more.
const maxCachedReportKeys = 4096

// report returns the condition keys of an action on report r (G7), made
// once for each series and category.
func (rk *requestKeys) report(r *report.Report) *extraKeys {
	key := seriesCategory{r.Series, r.Category}
	if m := rk.reports.Load(); m != nil {
		if keys, ok := (*m)[key]; ok {
			return keys
		}
	}
	keys := &extraKeys{policy.SharedPair("artifact:ReportSeries", r.Series), policy.SharedPair("artifact:ReportCategory", r.Category)}
	// A new series or category is rare: the map is copied, so that readers
	// on every core share it without a lock.
	rk.reportsMu.Lock()
	defer rk.reportsMu.Unlock()
	var next map[seriesCategory]*extraKeys
	if m := rk.reports.Load(); m != nil && len(*m) < maxCachedReportKeys {
		if cur, ok := (*m)[key]; ok {
			return cur
		}
		next = maps.Clone(*m)
	} else {
		next = map[seriesCategory]*extraKeys{}
	}
	next[key] = keys
	rk.reports.Store(&next)
	return keys
}

// lastRequest is a Caller's latest request context with what it was built
// from.
type lastRequest struct {
	clock *clockKeys
	extra *extraKeys // nil for a request without extra keys
	ctx   policy.Context
}

// requestContext returns the context of one request: the caller's keys,
// the service's request keys the caller did not supply (the clock's reading
// as aws:CurrentTime and aws:EpochTime, t; the region), and extra (nil for
// none). The caller's own context is never changed; a context is immutable
// once built, so the latest one is reused while its keys stay the same,
// shared by the requests that use it as their policy.Request.Base.
func (c *Caller) requestContext(t *clockKeys, region policy.Pair, extra *extraKeys) *policy.Context {
	if last := c.last.Load(); last != nil && last.clock == t && last.extra == extra {
		return &last.ctx
	}
	var buf [5]policy.Pair
	pairs := buf[:0]
	if !c.hasTime {
		pairs = append(pairs, t.current, t.epoch)
	}
	if !c.hasRegion {
		pairs = append(pairs, region)
	}
	if extra != nil {
		pairs = append(pairs, extra[:]...)
	}
	last := &lastRequest{clock: t, extra: extra, ctx: c.ctx.Extend(pairs...)}
	c.last.Store(last)
	return &last.ctx
}
