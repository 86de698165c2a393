package artifact

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	agmem "github.com/artifactkit/artifactkit/agreement/memstore"
	"github.com/artifactkit/artifactkit/artifact/audit"
	auditmem "github.com/artifactkit/artifactkit/artifact/audit/memstore"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/inquiry"
	inquirymem "github.com/artifactkit/artifactkit/artifact/inquiry/memstore"
	"github.com/artifactkit/artifactkit/artifact/notify"
	notifymem "github.com/artifactkit/artifactkit/artifact/notify/memstore"
	"github.com/artifactkit/artifactkit/org"
	orgmem "github.com/artifactkit/artifactkit/org/memstore"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
	reportmem "github.com/artifactkit/artifactkit/report/memstore"
)

// DefaultRegion is the region the service answers in in partition aws:
// Artifact routes every call to its partition's leader region,
// aws.GlobalRegion(partition) (the endpoint rules of AWS's service model;
// the AWS SDK for Go v2 changelog of service/artifact, v1.8.0, 2025-01-13).
const DefaultRegion = "us-east-1"

// ServicePrincipal is the principal the audit trail names for the calls of
// the service's own side (publishing a report, recording an offline BAA):
// AWS acting, not a customer.
const ServicePrincipal = "artifact.amazonaws.com"

// Service is AWS Artifact: every operation of the portal, authorized by
// the caller's IAM policies, gated by the agreement and report rules,
// recorded in the audit trail and announced to the subscriber.
//
// A Service is safe for concurrent use. Its state lives in its stores, so a
// failed call changes nothing; the zero Service is not usable, build one
// with New.
type Service struct {
	now       func() time.Time
	partition string
	region    string

	dir      *org.Directory
	reg      *agreement.Registry
	cat      *report.Catalog
	log      *audit.Log
	settings notify.Store
	sub      notify.Subscriber
	outbox   notify.Outbox
	// inline is how many members of an organization a call notifies
	// itself (negative: all).
	inline  int
	rand    io.Reader
	pages   pager
	presign Presigner
	elig    report.Eligibility
	inq     *inquiry.Assistant
	// tagKeys caches the aws:ResourceTag keys of compliance inquiries.
	tagKeys tagKeyCache
	// keys makes the condition keys the service adds to requests.
	keys requestKeys
	// params holds *[]audit.Param buffers that carry a call's parameters
	// to the audit trail, which copies them: no allocation per call.
	params sync.Pool
}

// A Presigner turns a document into the URL a caller downloads it from
// (AWS's documentPresignedUrl). The service does no I/O: the host serves
// documents, and its Presigner says where.
type Presigner interface {
	// Presign returns the URL d is downloaded from; an error fails the
	// call. A Service may call it from several goroutines at once.
	Presign(ctx context.Context, d Document) (string, error)
}

// PresignerFunc adapts a function to a Presigner.
type PresignerFunc func(ctx context.Context, d Document) (string, error)

// Presign calls f.
func (f PresignerFunc) Presign(ctx context.Context, d Document) (string, error) { return f(ctx, d) }

// DocumentKind says what a Document is.
type DocumentKind string

// The kinds of document the service hands out.
const (
	DocReport            DocumentKind = "report"
	DocTerm              DocumentKind = "term"
	DocNDA               DocumentKind = "nda"
	DocAgreement         DocumentKind = "agreement"
	DocCustomerAgreement DocumentKind = "customer-agreement"
	// DocComplianceInquiry is the export of a compliance inquiry
	// (ExportComplianceInquiry), which the service writes itself: its
	// Document carries the contents in Body.
	DocComplianceInquiry DocumentKind = "compliance-inquiry"
)

// Document names a document the caller may download: a report version, a
// report's terms, an agreement's NDA or document, an accepted agreement.
type Document struct {
	// Kind says what the document is.
	Kind DocumentKind
	// ID is the report, agreement or customer agreement id.
	ID string
	// Version is the report version, or the agreement revision id.
	Version string
	// SHA256 is the SHA-256 of the document (R6); zero when none is
	// recorded. Its String method gives the lower-case hex.
	SHA256 aws.Digest
	// Account is who downloads it.
	Account org.AccountID
	// Body holds the document's contents when the service wrote them (a
	// compliance inquiry's export), for the host to serve; nil for the
	// documents the host holds itself.
	Body []byte
	// MediaType is the media type of Body ("text/csv"); empty with it.
	MediaType string
}

// defaultPresigner names documents under an .invalid host, so that nothing
// fetches them by accident.
func defaultPresigner(_ context.Context, d Document) (string, error) {
	if d.Version == "" {
		return "https://artifact-documents.invalid/" + string(d.Kind) + "/" + d.ID, nil
	}
	return "https://artifact-documents.invalid/" + string(d.Kind) + "/" + d.ID + "/" + d.Version, nil
}

// An Option configures a Service.
type Option func(*config)

type config struct {
	now       func() time.Time
	rand      io.Reader
	partition string
	region    string
	tokenLife time.Duration
	termLife  time.Duration
	// pageKey is nil unless WithPageKey gave one; an empty key given is
	// not nil, and refused.
	pageKey []byte

	orgStore       org.Store
	agreementStore agreement.Store
	reportStore    report.Store
	auditStore     audit.Store
	settingsStore  notify.Store
	sub            notify.Subscriber
	outbox         notify.Outbox
	inline         *int
	presign        Presigner
	calendar       *report.Calendar
	thresholds     *report.Thresholds
	elig           *report.Eligibility
	inquiryStore   inquiry.Store
	inquiryOpts    []inquiry.Option
}

// WithClock sets the clock every call, acceptance, token and audit record is
// dated by (default time.Now).
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithRand sets the source of randomness for ids, tokens and the page-token
// key (default crypto/rand.Reader). Reads are serialized.
func WithRand(r io.Reader) Option { return func(c *config) { c.rand = r } }

// WithPartition sets the AWS partition of the ARNs (default "aws").
func WithPartition(p string) Option { return func(c *config) { c.partition = p } }

// WithRegion sets the region of report ARNs and of aws:RequestedRegion
// (default the partition's leader region, aws.GlobalRegion: DefaultRegion
// in aws).
func WithRegion(r string) Option { return func(c *config) { c.region = r } }

// WithTokenLifetime sets how long agreement tokens (NDA, acceptance,
// terminate) and report term tokens stay valid (defaults
// agreement.DefaultTokenLifetime and report.DefaultTermLifetime).
func WithTokenLifetime(d time.Duration) Option {
	return func(c *config) { c.tokenLife, c.termLife = d, d }
}

// WithPageKey sets the key that authenticates nextToken values. Services
// sharing stores share a key so that one continues the other's listings;
// by default each Service draws its own. The key must be secret and at
// least MinPageKeyLen bytes long; New refuses a shorter one, the empty key
// included, since anyone could then mint tokens. A nil key leaves the
// default.
func WithPageKey(key []byte) Option {
	return func(c *config) {
		if key != nil {
			c.pageKey = append([]byte{}, key...)
		}
	}
}

// MinPageKeyLen is the shortest key WithPageKey accepts: 16 bytes, 128
// bits, the strength of the tokens' authentication codes.
const MinPageKeyLen = 16

// WithOrgStore sets the store of organizations and membership (default in
// memory).
func WithOrgStore(s org.Store) Option { return func(c *config) { c.orgStore = s } }

// WithAgreementStore sets the store of agreements, customer agreements,
// NDAs, tokens and offline designations (default in memory).
func WithAgreementStore(s agreement.Store) Option { return func(c *config) { c.agreementStore = s } }

// WithReportStore sets the store of the report catalog (default in memory).
func WithReportStore(s report.Store) Option { return func(c *config) { c.reportStore = s } }

// WithAuditStore sets the store of the audit trail (default in memory).
func WithAuditStore(s audit.Store) Option { return func(c *config) { c.auditStore = s } }

// WithSettingsStore sets the store of account settings and notification
// configurations (default in memory).
func WithSettingsStore(s notify.Store) Option { return func(c *config) { c.settingsStore = s } }

// WithSubscriber sets who receives notifications (default nobody). See
// Deliver for how they are delivered, and made again when the
// subscriber's Notify returns an error. A service without a subscriber
// records no notifications of its own and delivers none of the outbox's:
// it leaves them to the services sharing the outbox that have one.
func WithSubscriber(s notify.Subscriber) Option { return func(c *config) { c.sub = s } }

// WithOutbox sets where the notifications of a change are recorded before
// the change is stored, and kept until they are delivered (default in
// memory). Give services that share their stores the same outbox, in the
// same database, so that one delivers what another could not (Deliver).
func WithOutbox(o notify.Outbox) Option { return func(c *config) { c.outbox = o } }

// WithInlineDeliveries sets how many members of an organization a call
// that accepts or terminates an organization agreement notifies itself
// (default DefaultInlineDeliveries); Deliver notifies the rest. 0 leaves
// every member to Deliver; a negative n has the call notify them all,
// however long that takes.
func WithInlineDeliveries(n int) Option { return func(c *config) { c.inline = &n } }

// WithPresigner sets how documents become download URLs (default: URLs
// under https://artifact-documents.invalid/).
func WithPresigner(p Presigner) Option { return func(c *config) { c.presign = p } }

// WithCalendar sets the report release calendar (default
// report.DefaultCalendar).
func WithCalendar(cal report.Calendar) Option { return func(c *config) { c.calendar = &cal } }

// WithThresholds sets the audit-coverage gap thresholds (default
// report.DefaultThresholds).
func WithThresholds(t report.Thresholds) Option { return func(c *config) { c.thresholds = &t } }

// WithHIPAAEligible sets the HIPAA Eligible Services (default
// report.DefaultHIPAAEligible).
func WithHIPAAEligible(e report.Eligibility) Option { return func(c *config) { c.elig = &e } }

// WithInquiryStore sets the store of compliance inquiries, their queries,
// tags and feedback (default in memory).
func WithInquiryStore(st inquiry.Store) Option { return func(c *config) { c.inquiryStore = st } }

// WithInquiryOptions configures the compliance inquiry Assistant: its
// Answerer (default inquiry.NewKnowledgeAnswerer over the service's report
// catalog, HIPAA Eligible Services, agreement catalog and organizations),
// malware Scanner,
// limits, processing, review and poll times. The service's clock,
// randomness, partition and region apply whatever these say.
func WithInquiryOptions(opts ...inquiry.Option) Option {
	return func(c *config) { c.inquiryOpts = append(c.inquiryOpts, opts...) }
}

// New returns a Service. With no options it runs on in-memory stores, the
// real clock and crypto/rand, with empty catalogs: publish reports and
// define agreements through its administrative methods, or start from
// github.com/artifactkit/artifactkit/artifact/artifacttest. Options apply
// in order: of two options setting the same thing, the later wins; an
// option given its zero value (nil, "", 0) leaves the default.
func New(opts ...Option) (*Service, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.rand == nil {
		c.rand = rand.Reader
	}
	if c.partition == "" {
		c.partition = "aws"
	}
	if c.region == "" {
		c.region = aws.GlobalRegion(c.partition)
	}
	now := func() time.Time { return c.now().UTC() }
	rd := aws.SerialReader(c.rand)
	if c.orgStore == nil {
		c.orgStore = orgmem.New()
	}
	if c.agreementStore == nil {
		c.agreementStore = agmem.New()
	}
	if c.reportStore == nil {
		c.reportStore = reportmem.New()
	}
	if c.auditStore == nil {
		c.auditStore = auditmem.New()
	}
	if c.settingsStore == nil {
		c.settingsStore = notifymem.New()
	}
	if c.outbox == nil {
		c.outbox = notifymem.NewOutbox()
	}
	s := &Service{now: now, partition: c.partition, region: c.region, settings: c.settingsStore, sub: c.sub, outbox: c.outbox,
		inline: DefaultInlineDeliveries, rand: rd, presign: c.presign}
	if c.inline != nil {
		s.inline = *c.inline
	}
	s.keys.region = policy.SharedPair("aws:RequestedRegion", c.region)
	if s.presign == nil {
		s.presign = PresignerFunc(defaultPresigner)
	}
	s.elig = report.DefaultHIPAAEligible()
	if c.elig != nil {
		s.elig = *c.elig
	}
	if c.pageKey != nil && len(c.pageKey) < MinPageKeyLen {
		return nil, fmt.Errorf("artifact: a page key of %d bytes: WithPageKey needs at least %d", len(c.pageKey), MinPageKeyLen)
	}
	if c.pageKey != nil {
		s.pages.key = sha256.Sum256(c.pageKey)
	} else if _, err := io.ReadFull(rd, s.pages.key[:]); err != nil {
		return nil, fmt.Errorf("artifact: drawing the page-token key: %w", err)
	}

	s.dir = org.NewDirectory(c.orgStore, org.WithClock(now), org.WithPartition(c.partition))
	agOpts := []agreement.Option{agreement.WithClock(now), agreement.WithRand(rd), agreement.WithPartition(c.partition)}
	if c.tokenLife > 0 {
		agOpts = append(agOpts, agreement.WithTokenLifetime(c.tokenLife))
	}
	s.reg = agreement.New(c.agreementStore, s.dir, agOpts...)
	repOpts := []report.Option{report.WithClock(now), report.WithRand(rd), report.WithPartition(c.partition), report.WithRegion(c.region)}
	if c.termLife > 0 {
		repOpts = append(repOpts, report.WithTermLifetime(c.termLife))
	}
	if c.calendar != nil {
		repOpts = append(repOpts, report.WithCalendar(*c.calendar))
	}
	if c.thresholds != nil {
		repOpts = append(repOpts, report.WithThresholds(*c.thresholds))
	}
	var err error
	if s.cat, err = report.New(c.reportStore, repOpts...); err != nil {
		return nil, fmt.Errorf("artifact: %w", err)
	}
	s.log = audit.NewLog(c.auditStore)
	if c.inquiryStore == nil {
		c.inquiryStore = inquirymem.New()
	}
	inqOpts := append([]inquiry.Option{inquiry.WithAnswerer(inquiry.NewKnowledgeAnswerer(inquiry.Knowledge{
		Reports: s.cat, Agreements: s.reg, Organizations: s.dir, HIPAAEligible: s.elig}))}, c.inquiryOpts...)
	inqOpts = append(inqOpts, inquiry.WithClock(now), inquiry.WithRand(rd), inquiry.WithPartition(c.partition), inquiry.WithRegion(c.region))
	if s.inq, err = inquiry.New(c.inquiryStore, inqOpts...); err != nil {
		return nil, fmt.Errorf("artifact: %w", err)
	}
	return s, nil
}

// Now returns the service's clock reading, in UTC.
func (s *Service) Now() time.Time { return s.now() }

// Partition returns the AWS partition of the service's ARNs.
func (s *Service) Partition() string { return s.partition }

// Region returns the region the service answers in.
func (s *Service) Region() string { return s.region }
