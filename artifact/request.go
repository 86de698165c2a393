package artifact

import (
	"slices"

	"github.com/artifactkit/artifactkit/policy"
)

// WithRequestKeys returns a caller like c whose requests also carry the
// condition keys pairs, each replacing c's values of its key: the keys a
// host takes from each request rather than from the principal
// (aws:SourceIp from the peer address, aws:SecureTransport from the
// connection, aws:RequestedRegion from the signature's scope,
// aws:CurrentTime and aws:EpochTime from its clock). When pairs hold
// aws:RequestedRegion, aws:CurrentTime or aws:EpochTime, the service
// evaluates those values instead of adding its own.
//
// It is cheap enough to call for every request: the compiled policies and
// c's own keys are shared, not copied (the request's keys are evaluated
// with c's as their policy.Request.Base), and a Pair of policy.NewPair is
// only read if a policy tests its key. Make a Pair whose value repeats,
// such as the region, once with policy.SharedPair. c itself is not
// changed. Zero pairs are ignored, and so are the keys that are the
// service's alone (ServiceKey; see Identity.Context).
func (c *Caller) WithRequestKeys(pairs ...policy.Pair) *Caller {
	if slices.ContainsFunc(pairs, isServicePair) {
		pairs = slices.DeleteFunc(slices.Clone(pairs), isServicePair)
	}
	d := *c
	d.own = c.own.Extend(pairs...)
	return &d
}

// isServicePair reports whether p is of a key that is the service's alone
// (ServiceKey).
func isServicePair(p policy.Pair) bool { return ServiceKey(p.Key()) }
