package report

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
)

// Catalog is the report catalog over a Store: it publishes versions, lists
// them, guards downloads with the terms and approval gates, and answers the
// coverage and scope questions.
//
// A Catalog is safe for concurrent use. Several Catalogs may share one
// Store: writes use the records' sequence numbers, and the coverage index
// is rebuilt when the store's generation changes.
type Catalog struct {
	store        Store
	now          func() time.Time
	rand         io.Reader // safe for concurrent use (aws.SerialReader)
	termLifetime time.Duration
	partition    string
	region       string
	calendar     Calendar
	thresholds   Thresholds
	programs     []Program

	indexMu sync.Mutex
	index   atomic.Pointer[indexSnapshot]

	// purged is when expired term tokens were last purged, in Unix
	// nanoseconds of the catalog's clock.
	purged atomic.Int64
}

// indexSnapshot is a coverage index and the store generation it was built at.
type indexSnapshot struct {
	gen uint64
	idx *Index
}

// DefaultTermLifetime is how long a term token stays valid unless
// WithTermLifetime says otherwise. AWS does not document the lifetime.
const DefaultTermLifetime = time.Hour

// Page sizes of List and ListVersions, as AWS's maxResults (1..300).
const (
	DefaultPageSize = 100
	MaxPageSize     = 300
)

// maxAttempts bounds the retries of writes that lost a race they can redo
// (a fresh id, the next version number, a read-modify-write).
const maxAttempts = 8

// Option configures a Catalog.
type Option func(*Catalog)

// WithClock sets the clock; the default is time.Now.
func WithClock(now func() time.Time) Option { return func(c *Catalog) { c.now = now } }

// WithRand sets the source of randomness for ids and tokens; the default is
// crypto/rand.Reader. The Catalog serializes its reads (aws.SerialReader),
// once for a reader that already is.
func WithRand(r io.Reader) Option { return func(c *Catalog) { c.rand = r } }

// WithTermLifetime sets how long a term token stays valid (default
// DefaultTermLifetime). A negative lifetime fails New.
func WithTermLifetime(d time.Duration) Option { return func(c *Catalog) { c.termLifetime = d } }

// WithPartition sets the partition of the ARNs the catalog mints (default
// "aws"; GovCloud is "aws-us-gov").
func WithPartition(p string) Option { return func(c *Catalog) { c.partition = p } }

// WithRegion sets the region of the ARNs the catalog mints (default the
// partition's leader region that serves Artifact, aws.GlobalRegion:
// us-east-1 in aws, us-gov-west-1 in aws-us-gov).
func WithRegion(r string) Option { return func(c *Catalog) { c.region = r } }

// WithCalendar sets the release calendar (default DefaultCalendar).
func WithCalendar(cal Calendar) Option { return func(c *Catalog) { c.calendar = cal } }

// WithThresholds sets the gap and staleness thresholds of coverage
// (default DefaultThresholds).
func WithThresholds(t Thresholds) Option { return func(c *Catalog) { c.thresholds = t } }

// WithPrograms sets the compliance programs whose region limits scopes are
// checked against (default Programs()).
func WithPrograms(p []Program) Option {
	return func(c *Catalog) { c.programs = slices.Clone(p) }
}

// New returns a Catalog over s, which must not be nil (use
// github.com/artifactkit/artifactkit/report/memstore for an in-memory
// one). An option given its zero value (a nil clock, an empty partition,
// ...) leaves the default; New fails with a *ValidationError naming every
// option it cannot use.
func New(s Store, opts ...Option) (*Catalog, error) {
	if s == nil {
		panic("report: New with a nil Store")
	}
	c := &Catalog{
		store:      s,
		calendar:   DefaultCalendar(),
		thresholds: DefaultThresholds(),
		programs:   Programs(),
	}
	for _, o := range opts {
		o(c)
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.rand == nil {
		c.rand = rand.Reader
	}
	c.rand = aws.SerialReader(c.rand)
	if c.termLifetime == 0 {
		c.termLifetime = DefaultTermLifetime
	}
	if c.partition == "" {
		c.partition = defaultPartition
	}
	if c.region == "" {
		c.region = aws.GlobalRegion(c.partition)
	}
	var fe aws.ValidationError
	if c.termLifetime < 0 {
		fe.Add("termLifetime", "%v is not positive", c.termLifetime)
	}
	known := aws.IsPartition(c.partition)
	if !known {
		fe.Add("partition", "%q is not an AWS partition", aws.Clip(c.partition))
	}
	if p, ok := aws.PartitionOf(c.region); !ok || known && p != c.partition {
		fe.Add("region", "%q is not an AWS region of partition %s", aws.Clip(c.region), c.partition)
	}
	fe.Merge(c.thresholds.validate())
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// newID returns prefix and n random letters or digits (aws.NewID).
func (c *Catalog) newID(prefix string, n int) (string, error) {
	id, err := aws.NewID(c.rand, prefix, n)
	if err != nil {
		return "", fmt.Errorf("report: %w", err)
	}
	return id, nil
}

// Put stores a new version of a report and returns it as stored.
//
// An empty r.ID starts a new report with a fresh id; otherwise r joins
// report r.ID (which need not exist yet) and must be of the same family as
// its other versions. r.Version 0 takes the next version number; a version
// that exists is a conflict. Family defaults to Series, Type to TYPE2,
// State to PUBLISHED and UploadState to COMPLETE; a PUBLISHED version
// without PublishedAt is published now. An
// empty TermARN takes that of the report's latest version, or new terms.
// The Catalog sets ARN, CreatedAt and LastModifiedAt; the store numbers the
// new record (SequenceNumber 1). Its BeforeStore options see each
// attempt's write before it is stored.
func (c *Catalog) Put(ctx context.Context, r Report, opts ...WriteOption) (Report, error) {
	r = r.Clone()
	r.normalize()
	var fe aws.ValidationError
	if err := r.validate(); err != nil {
		fe.Merge(err)
	}
	checkProgramRegions(&fe, c.programs, r.Family, r.Scope)
	if err := fe.Err(); err != nil {
		return Report{}, err
	}
	for attempt := 1; ; attempt++ {
		out, retry, err := c.tryPut(ctx, r, opts)
		if err == nil || !retry || attempt == maxAttempts {
			return out, err
		}
	}
}

// tryPut makes one attempt of Put; retry says whether a conflict can be
// redone with a fresh id or version number.
func (c *Catalog) tryPut(ctx context.Context, r Report, opts []WriteOption) (out Report, retry bool, err error) {
	var versions []Report
	if r.ID == "" {
		id, err := c.newID(reportIDPrefix, idSuffixLen)
		if err != nil {
			return Report{}, false, err
		}
		r.ID, retry = id, true
	} else {
		versions, err = c.store.Versions(ctx, r.ID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return Report{}, false, err
		}
	}
	if len(versions) > 0 {
		latest := versions[len(versions)-1]
		if latest.Family != r.Family {
			return Report{}, false, aws.InvalidField("family", "report %s is of family %q, not %q", r.ID, latest.Family, aws.Clip(r.Family))
		}
		if r.TermARN == "" {
			r.TermARN = latest.TermARN
		}
	}
	if r.Version == 0 {
		r.Version, retry = 1, true
		if len(versions) > 0 {
			r.Version = versions[len(versions)-1].Version + 1
		}
	} else if slices.ContainsFunc(versions, func(v Report) bool { return v.Version == r.Version }) {
		return Report{}, false, fmt.Errorf("report: version %d of %s exists: %w", r.Version, r.ID, ErrConflict)
	}
	if r.TermARN == "" {
		termID, err := c.newID(termIDPrefix, idSuffixLen)
		if err != nil {
			return Report{}, false, err
		}
		r.TermARN = TermARN{Partition: c.partition, Region: c.region, TermID: termID, Version: 1}.String()
	}
	now := c.now()
	r.ARN = ARN{Partition: c.partition, Region: c.region, ReportID: r.ID, Version: r.Version}.String()
	r.CreatedAt, r.LastModifiedAt, r.DeletedAt = now, now, time.Time{}
	r.SequenceNumber = 0 // a new record; the store numbers it 1
	if r.State == Published && r.PublishedAt.IsZero() {
		r.PublishedAt = now
	}
	if len(opts) > 0 {
		if err := beforeStore(ctx, opts, Write{Report: r}); err != nil {
			return Report{}, false, err
		}
	}
	out, err = c.store.PutReport(ctx, r)
	if err != nil {
		return Report{}, retry && errors.Is(err, ErrConflict), err
	}
	return out, false, nil
}

// Update changes the mutable fields of a stored version: name,
// description, category, series, company and product names, state, upload
// state, status message, need of approval, publication instant, and the
// document while none is recorded (an upload completing). r.SequenceNumber
// must be the one read; a stale one is a conflict. The period, type,
// family, terms, Trust Services categories, scope and recorded document of
// a version never change (R6: a new document is a new version). Its
// BeforeStore options see the write before it is stored.
func (c *Catalog) Update(ctx context.Context, r Report, opts ...WriteOption) (Report, error) {
	if err := checkRef(r.ID, r.Version, false); err != nil {
		return Report{}, err
	}
	cur, err := c.version(ctx, r.ID, r.Version)
	if err != nil {
		return Report{}, err
	}
	if r.SequenceNumber != cur.SequenceNumber {
		return Report{}, fmt.Errorf("report: %s version %d has sequence number %d, not %d: %w",
			r.ID, r.Version, cur.SequenceNumber, r.SequenceNumber, ErrConflict)
	}
	r = r.Clone()
	r.normalize()
	if r.TermARN == "" {
		r.TermARN = cur.TermARN
	}
	var fe aws.ValidationError
	if err := r.validate(); err != nil {
		fe.Merge(err)
	}
	if !cur.DeletedAt.IsZero() {
		fe.Add("deletedAt", "version %d of %s is deleted", cur.Version, cur.ID)
	}
	for _, f := range []struct {
		name string
		same bool
	}{
		{"family", r.Family == cur.Family},
		{"type", r.Type == cur.Type},
		{"periodStart", r.PeriodStart == cur.PeriodStart},
		{"periodEnd", r.PeriodEnd == cur.PeriodEnd},
		{"acceptanceType", r.AcceptanceType == cur.AcceptanceType},
		{"termArn", r.TermARN == cur.TermARN},
		{"trustCategories", slices.Equal(r.TrustCategories, cur.TrustCategories)},
		{"scope", r.Scope.Equal(cur.Scope)},
		{"document", r.Document == cur.Document || cur.Document.SHA256.IsZero()},
	} {
		if !f.same {
			fe.Add(f.name, "cannot change on a stored version; put a new version")
		}
	}
	if err := fe.Err(); err != nil {
		return Report{}, err
	}
	r.ARN, r.CreatedAt, r.DeletedAt = cur.ARN, cur.CreatedAt, cur.DeletedAt
	r.LastModifiedAt = c.now()
	if r.State == Published && r.PublishedAt.IsZero() {
		r.PublishedAt = r.LastModifiedAt
	}
	if len(opts) > 0 {
		if err := beforeStore(ctx, opts, Write{Report: r, Previous: cur}); err != nil {
			return Report{}, err
		}
	}
	return c.store.PutReport(ctx, r)
}

// Publish makes a version PUBLISHED. A version never published before is
// published now; one with a PublishedAt keeps it (which may lie ahead).
func (c *Catalog) Publish(ctx context.Context, id string, v int64) (Report, error) {
	return c.modify(ctx, id, v, func(r *Report, now time.Time) error {
		if !r.DeletedAt.IsZero() {
			return aws.InvalidField("deletedAt", "version %d of %s is deleted", r.Version, r.ID)
		}
		r.State = Published
		if r.PublishedAt.IsZero() {
			r.PublishedAt = now
		}
		return nil
	})
}

// Unpublish makes a version UNPUBLISHED: it can no longer be downloaded,
// listed as latest, or cover an audit window.
func (c *Catalog) Unpublish(ctx context.Context, id string, v int64) (Report, error) {
	return c.modify(ctx, id, v, func(r *Report, _ time.Time) error {
		r.State = Unpublished
		return nil
	})
}

// Delete marks a version deleted (AWS's deletedAt) and UNPUBLISHED. Its
// metadata stays readable; it can never be published again.
func (c *Catalog) Delete(ctx context.Context, id string, v int64) (Report, error) {
	return c.modify(ctx, id, v, func(r *Report, now time.Time) error {
		if r.DeletedAt.IsZero() {
			r.DeletedAt = now
		}
		r.State = Unpublished
		return nil
	})
}

// modify reads a version, applies f, and writes it back when f changed
// it, retrying when another writer got there first.
func (c *Catalog) modify(ctx context.Context, id string, v int64, f func(*Report, time.Time) error) (Report, error) {
	if err := checkRef(id, v, false); err != nil {
		return Report{}, err
	}
	for attempt := 1; ; attempt++ {
		cur, err := c.version(ctx, id, v)
		if err != nil {
			return Report{}, err
		}
		next := cur.Clone()
		now := c.now()
		if err := f(&next, now); err != nil {
			return Report{}, err
		}
		if next.State == cur.State && next.PublishedAt.Equal(cur.PublishedAt) && next.DeletedAt.Equal(cur.DeletedAt) {
			return cur, nil
		}
		next.LastModifiedAt = now
		next, err = c.store.PutReport(ctx, next)
		if err == nil {
			return next, nil
		}
		if !errors.Is(err, ErrConflict) || attempt == maxAttempts {
			return Report{}, err
		}
	}
}

// checkRef validates a report id and version; zero says whether version 0
// (the latest) is allowed.
func checkRef(id string, v int64, zero bool) error {
	var fe aws.ValidationError
	if ValidateID(id) != nil {
		fe.Add("reportId", "%q is not report- and 16 letters or digits", aws.Clip(id))
	}
	if v < 0 || (v == 0 && !zero) {
		fe.Add("reportVersion", "%d is not a version (at least 1)", v)
	}
	return fe.Err()
}

// version reads one stored version, turning the store's not-found into a
// *NotFoundError.
func (c *Catalog) version(ctx context.Context, id string, v int64) (Report, error) {
	r, err := c.store.Report(ctx, id, v)
	if err != nil {
		return Report{}, c.missing(ctx, id, v, err)
	}
	return r, nil
}

// missing turns the store's not-found for version v of id into a
// *NotFoundError that says whether the report or only the version is
// unknown; other errors pass unchanged.
func (c *Catalog) missing(ctx context.Context, id string, v int64, err error) error {
	if !errors.Is(err, ErrNotFound) {
		return err
	}
	if _, verr := c.store.Versions(ctx, id); errors.Is(verr, ErrNotFound) {
		return &NotFoundError{ID: id}
	}
	return &NotFoundError{ID: id, Version: v}
}

// Get returns version v of report id, whatever its state (AWS's
// GetReportMetadata). Version 0 is the latest: the highest version
// available now (PUBLISHED, published, not deleted, uploaded); a report
// with none is ErrNotPublished.
func (c *Catalog) Get(ctx context.Context, id string, v int64) (Report, error) {
	if v <= 0 || len(id) != len(reportIDPrefix)+idSuffixLen {
		if err := checkRef(id, v, true); err != nil {
			return Report{}, err
		}
		return c.latest(ctx, id, c.now())
	}
	// The common case, a version named, reads the store first: a version
	// found under id proves id well formed (only valid ids are
	// published), so the id is checked only when the store has nothing.
	r, err := c.store.Report(ctx, id, v)
	if err == nil && r.ID == id {
		return r, nil
	}
	if cerr := checkRef(id, v, true); cerr != nil {
		return Report{}, cerr
	}
	if err != nil {
		return Report{}, c.missing(ctx, id, v, err)
	}
	return r, nil
}

// latest returns the highest version of id available at instant at.
func (c *Catalog) latest(ctx context.Context, id string, at time.Time) (Report, error) {
	versions, err := c.store.Versions(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return Report{}, &NotFoundError{ID: id}
	}
	if err != nil {
		return Report{}, err
	}
	if r, ok := latestAvailable(versions, at); ok {
		return r, nil
	}
	return Report{}, fmt.Errorf("report: %s has no published version: %w", id, ErrNotPublished)
}

// latestAvailable returns the highest of versions (ascending) available at at.
func latestAvailable(versions []Report, at time.Time) (Report, bool) {
	for i := len(versions) - 1; i >= 0; i-- {
		if versions[i].Available(at) {
			return versions[i], true
		}
	}
	return Report{}, false
}

// Verify reads a document from rd and reports whether it is the one
// recorded for version v of report id (R6). A mismatch is an
// *IntegrityError.
func (c *Catalog) Verify(ctx context.Context, id string, v int64, rd io.Reader) error {
	if err := checkRef(id, v, false); err != nil {
		return err
	}
	r, err := c.version(ctx, id, v)
	if err != nil {
		return err
	}
	return r.Verify(rd)
}
