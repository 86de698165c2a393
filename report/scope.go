package report

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Scope is what a report version states in scope (R5): services, and the
// regions they are examined in. A service is in scope in a region when the
// service is listed and the region is listed; a scope that lists no region
// limits none (every region of the program is in).
//
// The zero Scope has nothing in scope. A Scope is immutable once made, so
// copies may share it; questions take O(1).
type Scope struct {
	services map[string]struct{}
	regions  map[string]struct{}
}

// NewScope returns the scope of the given services in the given regions.
// Names are matched exactly; duplicates are ignored. A service name is 1 to
// 256 bytes without < or >; a region has AWS's form (e.g. "eu-west-1").
func NewScope(services, regions []string) (Scope, error) {
	var fe aws.ValidationError
	s := Scope{}
	for _, name := range services {
		before := len(fe.Fields)
		if checkText(&fe, "scope.services", name, true, maxShortString); len(fe.Fields) > before {
			continue
		}
		if s.services == nil {
			s.services = make(map[string]struct{}, len(services))
		}
		s.services[name] = struct{}{}
	}
	for _, r := range regions {
		if _, ok := aws.PartitionOf(r); !ok {
			fe.Add("scope.regions", "%q is not an AWS region", aws.Clip(r))
			continue
		}
		if s.regions == nil {
			s.regions = make(map[string]struct{}, len(regions))
		}
		s.regions[r] = struct{}{}
	}
	if err := fe.Err(); err != nil {
		return Scope{}, err
	}
	return s, nil
}

// MustScope is NewScope for literals known to be valid (tests, examples,
// package defaults): it panics on invalid names.
func MustScope(services, regions []string) Scope {
	s, err := NewScope(services, regions)
	if err != nil {
		panic(err)
	}
	return s
}

// IsZero reports whether s has nothing in scope.
func (s Scope) IsZero() bool { return len(s.services) == 0 && len(s.regions) == 0 }

// Services returns the services in scope, sorted.
func (s Scope) Services() []string { return sortedKeys(s.services) }

// Regions returns the regions in scope, sorted; none when no region limit
// is stated.
func (s Scope) Regions() []string { return sortedKeys(s.regions) }

// Contains reports whether service is in scope in region (R5), in O(1).
func (s Scope) Contains(service, region string) bool {
	if _, ok := s.services[service]; !ok {
		return false
	}
	if len(s.regions) == 0 {
		return true
	}
	_, ok := s.regions[region]
	return ok
}

// Equal reports whether s and t state the same scope.
func (s Scope) Equal(t Scope) bool {
	return maps.Equal(s.services, t.services) && maps.Equal(s.regions, t.regions)
}

// scopeJSON is the JSON form of a Scope.
type scopeJSON struct {
	Services []string `json:"services,omitempty"`
	Regions  []string `json:"regions,omitempty"`
}

// MarshalJSON writes s as {"services": [...], "regions": [...]}, sorted,
// so that stores may keep scopes as JSON.
func (s Scope) MarshalJSON() ([]byte, error) {
	return json.Marshal(scopeJSON{s.Services(), s.Regions()})
}

// UnmarshalJSON reads what MarshalJSON writes, validating it as NewScope
// does.
func (s *Scope) UnmarshalJSON(b []byte) error {
	var v scopeJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	t, err := NewScope(v.Services, v.Regions)
	if err != nil {
		return err
	}
	*s = t
	return nil
}

// Use is a service a customer uses in a region.
type Use struct {
	// Service is the service's name as reports state it, such as "Amazon S3".
	Service string
	// Region is the region, such as "us-east-1".
	Region string
}

// OutOfScope returns the uses that s does not cover, in the order given
// and without repeats: the services that need compensating controls (R5).
func (s Scope) OutOfScope(uses []Use) []Use {
	var out []Use
	for _, u := range uses {
		if !s.Contains(u.Service, u.Region) && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// ScopeDiff is what changed between two scopes (R5): each list sorted.
type ScopeDiff struct {
	// AddedServices are the services in the new scope only.
	AddedServices []string
	// RemovedServices are the services in the old scope only.
	RemovedServices []string
	// AddedRegions are the regions in the new scope only.
	AddedRegions []string
	// RemovedRegions are the regions in the old scope only.
	RemovedRegions []string
}

// IsZero reports whether nothing changed.
func (d ScopeDiff) IsZero() bool {
	return len(d.AddedServices)+len(d.RemovedServices)+len(d.AddedRegions)+len(d.RemovedRegions) == 0
}

// DiffScope returns what changed from scope from to scope to.
func DiffScope(from, to Scope) ScopeDiff {
	return ScopeDiff{
		AddedServices:   missing(to.services, from.services),
		RemovedServices: missing(from.services, to.services),
		AddedRegions:    missing(to.regions, from.regions),
		RemovedRegions:  missing(from.regions, to.regions),
	}
}

// missing returns the keys of a not in b, sorted.
func missing(a, b map[string]struct{}) []string {
	var out []string
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func sortedKeys(m map[string]struct{}) []string {
	if len(m) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(m))
}

// Program is a compliance program of AWS's (AWS's certifications
// whitepaper of March 2017, and today
// https://aws.amazon.com/compliance/programs/), with the regions it is
// limited to (R5).
type Program struct {
	// Name is the program's name as the library's report families spell
	// it, e.g. "SOC 2", "IRAP".
	Name string
	// Regions are the only regions the program covers; empty when it is
	// not limited to regions.
	Regions []string
	// Note says where the limit comes from.
	Note string
}

// Allows reports whether the program covers region.
func (p Program) Allows(region string) bool {
	return len(p.Regions) == 0 || slices.Contains(p.Regions, region)
}

// GovCloud (US) today: the whitepaper of 2017 knew only us-gov-west-1;
// us-gov-east-1 opened in 2018 and is part of the same GovCloud (US).
var govCloudUS = []string{"us-gov-west-1", "us-gov-east-1"}

// Programs returns the programs of AWS's certifications whitepaper (March
// 2017), with the region limits it states: Cyber Essentials Plus in EU
// (Ireland), IRAP in Sydney, ITAR and the FIPS 140-2 endpoints in GovCloud
// (US), FedRAMP in the US regions. The list is fresh on each call.
func Programs() []Program {
	return []Program{
		{Name: "CJIS"},
		{Name: "CSA STAR"},
		{Name: "Cyber Essentials Plus", Regions: []string{"eu-west-1"},
			Note: "WP: the certification scope is limited to EU (Ireland) region"},
		{Name: "DoD SRG"},
		{Name: "FedRAMP", Regions: []string{"us-east-1", "us-east-2", "us-west-1", "us-west-2", "us-gov-west-1", "us-gov-east-1"},
			Note: "WP: the ATOs encompass all U.S. regions (GovCloud (US) and US East/West)"},
		{Name: "FERPA"},
		{Name: "FIPS 140-2", Regions: slices.Clone(govCloudUS),
			Note: "WP: SSL terminations in AWS GovCloud (US) use FIPS 140-2 validated hardware"},
		{Name: "FISMA"},
		{Name: "DIACAP"},
		{Name: "GxP"},
		{Name: "HIPAA"},
		{Name: "IRAP", Regions: []string{"ap-southeast-2"},
			Note: "WP: assessed for the AWS Sydney Region"},
		{Name: "ISO 9001"},
		{Name: "ISO 27001"},
		{Name: "ISO 27017"},
		{Name: "ISO 27018"},
		{Name: "ITAR", Regions: slices.Clone(govCloudUS),
			Note: "WP: the AWS GovCloud (US) region supports ITAR compliance"},
		{Name: "MPAA"},
		{Name: "MTCS Tier 3"},
		{Name: "NIST 800-171"},
		{Name: "PCI DSS"},
		{Name: "SOC 1"},
		{Name: "SOC 2"},
		{Name: "SOC 3"},
	}
}

// programFor returns the program a family belongs to: the program of the
// same name, or the one the family's name extends ("SOC 2 European
// Sovereign Cloud" belongs to "SOC 2").
func programFor(programs []Program, family string) (Program, bool) {
	best, found := Program{}, false
	for _, p := range programs {
		if family == p.Name || strings.HasPrefix(family, p.Name+" ") {
			if !found || len(p.Name) > len(best.Name) {
				best, found = p, true
			}
		}
	}
	return best, found
}

// checkProgramRegions checks R5's region limits: the scope of a version of
// a region-limited program names regions, and only regions the program
// covers.
func checkProgramRegions(fe *aws.ValidationError, programs []Program, family string, s Scope) {
	p, ok := programFor(programs, family)
	if !ok || len(p.Regions) == 0 || s.IsZero() {
		return
	}
	if len(s.regions) == 0 {
		fe.Add("scope.regions", "%s is limited to %s; name the regions in scope", p.Name, strings.Join(p.Regions, ", "))
		return
	}
	for _, r := range s.Regions() {
		if !p.Allows(r) {
			fe.Add("scope.regions", "%s does not cover %s; it is limited to %s", p.Name, r, strings.Join(p.Regions, ", "))
		}
	}
}

// Eligibility is a list of the services eligible to hold protected health
// information under the AWS BAA (H7). The zero Eligibility lists nothing.
// It is immutable once made and safe for concurrent use.
type Eligibility struct {
	services map[string]struct{}
}

// NewEligibility returns the list of the given eligible services.
func NewEligibility(services ...string) Eligibility {
	e := Eligibility{services: make(map[string]struct{}, len(services))}
	for _, s := range services {
		e.services[s] = struct{}{}
	}
	return e
}

// DefaultHIPAAEligible returns the HIPAA Eligible Services named by AWS's
// "Architecting for HIPAA Security and Compliance" whitepaper of May 2017,
// the companion of the certifications whitepaper. AWS's list has grown
// since (https://aws.amazon.com/compliance/hipaa-eligible-services-reference/);
// pass the current list to NewEligibility.
func DefaultHIPAAEligible() Eligibility {
	return NewEligibility(
		"Amazon API Gateway",
		"Amazon Aurora",
		"Amazon DynamoDB",
		"Amazon EBS",
		"Amazon EC2",
		"Amazon EMR",
		"Amazon Glacier",
		"Amazon RDS for MySQL",
		"Amazon RDS for Oracle",
		"Amazon RDS for PostgreSQL",
		"Amazon Redshift",
		"Amazon S3",
		"Amazon SQS",
		"AWS KMS",
		"AWS Snowball",
		"Elastic Load Balancing",
	)
}

// Services returns the eligible services, sorted.
func (e Eligibility) Services() []string { return sortedKeys(e.services) }

// Eligible reports whether service may hold PHI (H7).
func (e Eligibility) Eligible(service string) bool {
	_, ok := e.services[service]
	return ok
}

// NotEligible returns the services, of those an account uses for PHI, that
// are not HIPAA eligible, in the order given and without repeats (H7): a
// HIPAA Account may use any service, but PHI goes only into eligible ones.
func (e Eligibility) NotEligible(services []string) []string {
	var out []string
	for _, s := range services {
		if !e.Eligible(s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// Program returns the compliance program family belongs to, among the
// catalog's programs (see WithPrograms): the one of the same name, or the
// one the family's name extends ("SOC 2 European Sovereign Cloud" belongs
// to "SOC 2").
func (c *Catalog) Program(family string) (Program, bool) {
	p, ok := programFor(c.programs, family)
	p.Regions = slices.Clone(p.Regions)
	return p, ok
}

// scopeOf returns the scope of version v of report id (0: the latest
// available).
func (c *Catalog) scopeOf(ctx context.Context, id string, v int64) (Scope, error) {
	if err := checkRef(id, v, true); err != nil {
		return Scope{}, err
	}
	var (
		r   Report
		err error
	)
	if v == 0 {
		r, err = c.latest(ctx, id, c.now())
	} else {
		r, err = c.version(ctx, id, v)
	}
	return r.Scope, err
}

// InScope reports whether service is in scope in region for version v of
// report id (0: the latest available) (R5): "is S in scope for SOC 2 in
// region R in version V". The scope question itself is O(1).
func (c *Catalog) InScope(ctx context.Context, id string, v int64, service, region string) (bool, error) {
	s, err := c.scopeOf(ctx, id, v)
	if err != nil {
		return false, err
	}
	return s.Contains(service, region), nil
}

// OutOfScope returns the uses of a customer that version v of report id
// (0: the latest available) does not cover: the services that need
// compensating controls (R5).
func (c *Catalog) OutOfScope(ctx context.Context, id string, v int64, uses []Use) ([]Use, error) {
	s, err := c.scopeOf(ctx, id, v)
	if err != nil {
		return nil, err
	}
	return s.OutOfScope(uses), nil
}

// DiffScope returns what changed in scope from one report version to
// another (R5), e.g. from last year's SOC 2 to this year's.
func (c *Catalog) DiffScope(ctx context.Context, from, to Ref) (ScopeDiff, error) {
	a, err := c.scopeOf(ctx, from.ID, from.Version)
	if err != nil {
		return ScopeDiff{}, err
	}
	b, err := c.scopeOf(ctx, to.ID, to.Version)
	if err != nil {
		return ScopeDiff{}, err
	}
	return DiffScope(a, b), nil
}
