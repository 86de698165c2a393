package report_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/report"
	"github.com/artifactkit/artifactkit/report/memstore"
)

// R1: a report has a series, versions, a category, a period, a publication
// state, terms, and possibly a need for approval; the catalog keeps AWS's
// fields and fills in the ones it owns.
func TestR1_PutKeepsAWSFields(t *testing.T) {
	cat, _ := newCatalog(t, report.WithRand(&seqReader{}))
	in := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	in.Description = "The AWS SOC 2 report"
	in.NeedsApproval = true
	got := put(t, cat, in)

	require.NoError(t, report.ValidateID(got.ID))
	require.EqualValues(t, 1, got.Version)
	require.Equal(t, "arn:aws:artifact:us-east-1::report/"+got.ID+":1", got.ARN)
	a, err := report.ParseTermARN(got.TermARN)
	require.NoError(t, err, "new terms are minted")
	require.EqualValues(t, 1, a.Version)
	require.Equal(t, report.Published, got.State, "default state")
	require.Equal(t, report.UploadComplete, got.UploadState, "default upload state")
	require.Equal(t, t0, got.PublishedAt, "published now")
	require.Equal(t, t0, got.CreatedAt)
	require.Equal(t, t0, got.LastModifiedAt)
	require.True(t, got.DeletedAt.IsZero())
	require.EqualValues(t, 1, got.SequenceNumber)
	require.Equal(t, "SOC", got.Series)
	require.Equal(t, "SOC 2", got.Family)
	require.Equal(t, "Certifications and Attestations", got.Category)
	require.True(t, got.NeedsApproval)

	again, err := cat.Get(ctx, got.ID, 1)
	require.NoError(t, err)
	diff(t, got, again)

	// A second version of the same report keeps its terms.
	v2 := in
	v2.ID = got.ID
	g2 := put(t, cat, v2)
	require.EqualValues(t, 2, g2.Version)
	require.Equal(t, got.TermARN, g2.TermARN)
	require.Equal(t, "arn:aws:artifact:us-east-1::report/"+got.ID+":2", g2.ARN)
}

func TestPutPartitionAndRegion(t *testing.T) {
	cat, _ := newCatalog(t, report.WithPartition("aws-us-gov"), report.WithRegion("us-gov-west-1"))
	got := put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	arn, err := report.ParseARN(got.ARN)
	require.NoError(t, err)
	require.Equal(t, report.ARN{Partition: "aws-us-gov", Region: "us-gov-west-1", ReportID: got.ID, Version: 1}, arn)
}

func TestNewValidatesOptions(t *testing.T) {
	_, err := report.New(memstore.New(), report.WithTermLifetime(-time.Second), report.WithPartition("gcp"),
		report.WithRegion("nowhere"), report.WithThresholds(report.Thresholds{LetterMonths: 7, ExtraProceduresMonths: 6}))
	require.ElementsMatch(t, []string{"termLifetime", "partition", "region", "thresholds"}, fields(t, err))
	_, err = report.New(memstore.New(), report.WithThresholds(report.Thresholds{LetterMonths: -1}))
	require.Equal(t, []string{"thresholds"}, fields(t, err))
	_, err = report.New(memstore.New(), report.WithPartition("aws-us-gov"), report.WithRegion("us-east-1"))
	require.Equal(t, []string{"region"}, fields(t, err), "a region of another partition")
}

// Options given their zero value leave the defaults; a nil Store is a
// programming error (CONTRIBUTING.md).
func TestNewZeroOptionsAreDefaults(t *testing.T) {
	cat, err := report.New(memstore.New(), report.WithClock(nil), report.WithRand(nil), report.WithTermLifetime(0),
		report.WithPartition(""), report.WithRegion(""))
	require.NoError(t, err)
	got := put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	arn, err := report.ParseARN(got.ARN)
	require.NoError(t, err)
	require.Equal(t, "aws", arn.Partition)
	require.Equal(t, "us-east-1", arn.Region)

	cat, err = report.New(memstore.New(), report.WithPartition("aws-us-gov"))
	require.NoError(t, err)
	got = put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	require.Contains(t, got.ARN, ":us-gov-west-1:", "the partition's global region by default")

	require.Panics(t, func() { _, _ = report.New(nil) })
}

func TestPutValidates(t *testing.T) {
	cat, _ := newCatalog(t)
	good := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	for _, tc := range []struct {
		name   string
		change func(*report.Report)
		fields []string
	}{
		{"bad id", func(r *report.Report) { r.ID = "report-1" }, []string{"reportId"}},
		{"negative version", func(r *report.Report) { r.Version = -1 }, []string{"version"}},
		{"no name", func(r *report.Report) { r.Name = " " }, []string{"name"}},
		{"markup", func(r *report.Report) { r.Description = "<script>" }, []string{"description"}},
		{"long description", func(r *report.Report) { r.Description = string(make([]byte, 2049)) }, []string{"description"}},
		{"no category, series, family", func(r *report.Report) { r.Category, r.Series, r.Family, r.TrustCategories = "", "", "", nil },
			[]string{"category", "series", "family"}},
		{"family too long", func(r *report.Report) { r.Family = string(make([]byte, 300)) }, []string{"family", "trustCategories"}},
		{"unknown type", func(r *report.Report) { r.Type = "TYPE3" }, []string{"type"}},
		{"period backwards", func(r *report.Report) { r.PeriodStart, r.PeriodEnd = r.PeriodEnd, r.PeriodStart }, []string{"periodEnd"}},
		{"no period", func(r *report.Report) { r.PeriodStart, r.PeriodEnd = report.Date{}, report.Date{} },
			[]string{"periodStart", "periodEnd"}},
		{"type 1 with a period", func(r *report.Report) { r.Type = report.Type1 }, []string{"periodStart"}},
		{"type 1 without date", func(r *report.Report) {
			r.Type, r.PeriodStart, r.PeriodEnd = report.Type1, report.Date{}, report.Date{}
		},
			[]string{"periodEnd"}},
		{"state", func(r *report.Report) { r.State = "DRAFT" }, []string{"state"}},
		{"upload state", func(r *report.Report) { r.UploadState = "DONE" }, []string{"uploadState"}},
		{"acceptance type", func(r *report.Report) { r.AcceptanceType = "" }, []string{"acceptanceType"}},
		{"term arn", func(r *report.Report) { r.TermARN = "arn:aws:artifact:us-east-1::term/x:1" }, []string{"termArn"}},
		{"no digest", func(r *report.Report) { r.Document = report.Document{} }, []string{"sha256"}},
		{"negative size", func(r *report.Report) { r.Document.Size = -1 }, []string{"size"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := good
			tc.change(&r)
			_, err := cat.Put(ctx, r)
			require.Equal(t, tc.fields, fields(t, err))
		})
	}
	// A failed put changes nothing.
	list, _, err := cat.List(ctx, report.Filter{}, report.Page{})
	require.NoError(t, err)
	require.Empty(t, list)

	// Zero values: the family is the series, the type TYPE2.
	z := good
	z.Family, z.Type, z.Series, z.TrustCategories = "", "", "PCI", nil
	zr := put(t, cat, z)
	require.Equal(t, "PCI", zr.Family)
	require.Equal(t, report.Type2, zr.Type)

	// An upload still processing needs no digest yet.
	r := good
	r.UploadState, r.Document = report.UploadProcessing, report.Document{}
	put(t, cat, r)
}

func TestPutVersionsAndConflicts(t *testing.T) {
	cat, _ := newCatalog(t)
	v3 := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	v3.ID, v3.Version = "report-abcdef0123456789", 3
	put(t, cat, v3)
	_, err := cat.Put(ctx, v3)
	require.ErrorIs(t, err, report.ErrConflict, "version 3 exists")
	next := v3
	next.Version = 0
	require.EqualValues(t, 4, put(t, cat, next).Version, "version 0 takes the next")
	v1 := v3
	v1.Version = 1
	require.EqualValues(t, 1, put(t, cat, v1).Version, "an explicit older version may be filled in")
	wrong := v3
	wrong.Version, wrong.Family = 0, "SOC 3"
	_, err = cat.Put(ctx, wrong)
	require.Equal(t, []string{"family"}, fields(t, err), "all versions of a report are of one family")
}

// Concurrent puts of new versions of one report each get their own number.
func TestPutConcurrentVersions(t *testing.T) {
	cat, _ := newCatalog(t)
	first := put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	var wg sync.WaitGroup
	versions := make([]int64, 6)
	for i := range versions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
			r.ID = first.ID
			got, err := cat.Put(ctx, r)
			if err == nil {
				versions[i] = got.Version
			} else {
				require.ErrorIs(t, err, report.ErrConflict, "only losing every retry is acceptable")
			}
		}()
	}
	wg.Wait()
	all, _, err := cat.ListVersions(ctx, first.ID, report.Page{})
	require.NoError(t, err)
	var nums []int64
	for _, r := range all {
		nums = append(nums, r.Version)
	}
	require.Equal(t, int64(len(all)), nums[len(nums)-1], "no gaps, no duplicates: %v", nums)
}

// Optimistic locking: an update carrying a stale sequence number is a
// conflict and changes nothing.
func TestUpdateOptimisticLocking(t *testing.T) {
	cat, clk := newCatalog(t)
	r := put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	clk.Advance(time.Minute)
	a, b := r, r
	a.Name = "renamed by a"
	got, err := cat.Update(ctx, a)
	require.NoError(t, err)
	require.EqualValues(t, 2, got.SequenceNumber)
	require.Equal(t, t0.Add(time.Minute), got.LastModifiedAt)
	require.Equal(t, t0, got.CreatedAt)
	b.Name = "renamed by b"
	_, err = cat.Update(ctx, b)
	require.ErrorIs(t, err, report.ErrConflict)
	now, err := cat.Get(ctx, r.ID, 1)
	require.NoError(t, err)
	require.Equal(t, "renamed by a", now.Name)

	_, err = cat.Update(ctx, report.Report{ID: r.ID, Version: 9})
	require.ErrorIs(t, err, report.ErrNotFound)
	_, err = cat.Update(ctx, report.Report{ID: "nope", Version: 0})
	require.Equal(t, []string{"reportId", "reportVersion"}, fields(t, err))
}

// R6: a stored version's document, period, terms and statements never
// change; a new document is a new version.
func TestR6_UpdateKeepsWhatTheVersionStates(t *testing.T) {
	cat, _ := newCatalog(t)
	r := put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	for _, tc := range []struct {
		field  string
		change func(*report.Report)
	}{
		{"document", func(r *report.Report) { r.Document.SHA256 = digestOf("tampered") }},
		{"periodEnd", func(r *report.Report) { r.PeriodEnd = report.D(2025, 12, 31) }},
		{"acceptanceType", func(r *report.Report) { r.AcceptanceType = report.Passthrough }},
		{"trustCategories", func(r *report.Report) { r.TrustCategories = []report.TrustCategory{report.Security} }},
		{"scope", func(r *report.Report) { r.Scope = report.MustScope([]string{"Amazon S3"}, nil) }},
		{"termArn", func(r *report.Report) { r.TermARN = "arn:aws:artifact:us-east-1::term/term-abcdef0123456789:2" }},
	} {
		u := r
		tc.change(&u)
		_, err := cat.Update(ctx, u)
		require.Equal(t, []string{tc.field}, fields(t, err))
	}
	// While no document is recorded (an upload processing), completing the
	// upload records one.
	p := soc2(report.D(2025, 4, 1), report.D(2026, 3, 31))
	p.UploadState, p.Document = report.UploadProcessing, report.Document{}
	p = put(t, cat, p)
	p.UploadState = report.UploadComplete
	_, err := cat.Update(ctx, p)
	require.Equal(t, []string{"sha256"}, fields(t, err), "COMPLETE needs the digest")
	doc, rd := docFor("the new report")
	p.Document = doc
	p, err = cat.Update(ctx, p)
	require.NoError(t, err)
	require.NoError(t, cat.Verify(ctx, p.ID, p.Version, rd))
}

func TestPublishUnpublishDelete(t *testing.T) {
	cat, clk := newCatalog(t)
	in := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	in.State = report.Unpublished
	r := put(t, cat, in)
	require.True(t, r.PublishedAt.IsZero(), "never published")
	_, err := cat.Get(ctx, r.ID, 0)
	require.ErrorIs(t, err, report.ErrNotPublished)

	clk.Advance(time.Hour)
	p, err := cat.Publish(ctx, r.ID, 1)
	require.NoError(t, err)
	require.Equal(t, report.Published, p.State)
	require.Equal(t, t0.Add(time.Hour), p.PublishedAt)
	require.EqualValues(t, 2, p.SequenceNumber)
	same, err := cat.Publish(ctx, r.ID, 1)
	require.NoError(t, err)
	require.EqualValues(t, 2, same.SequenceNumber, "publishing a published version writes nothing")
	latest, err := cat.Get(ctx, r.ID, 0)
	require.NoError(t, err)
	require.EqualValues(t, 1, latest.Version)

	u, err := cat.Unpublish(ctx, r.ID, 1)
	require.NoError(t, err)
	require.Equal(t, report.Unpublished, u.State)
	require.Equal(t, t0.Add(time.Hour), u.PublishedAt, "the first publication is remembered")

	clk.Advance(time.Hour)
	d, err := cat.Delete(ctx, r.ID, 1)
	require.NoError(t, err)
	require.Equal(t, t0.Add(2*time.Hour), d.DeletedAt)
	meta, err := cat.Get(ctx, r.ID, 1)
	require.NoError(t, err, "a deleted version's metadata stays readable")
	require.False(t, meta.DeletedAt.IsZero())
	_, err = cat.Publish(ctx, r.ID, 1)
	require.Equal(t, []string{"deletedAt"}, fields(t, err))
	_, err = cat.Update(ctx, meta)
	require.Equal(t, []string{"deletedAt"}, fields(t, err))

	_, err = cat.Unpublish(ctx, r.ID, 7)
	var nf *report.NotFoundError
	require.ErrorAs(t, err, &nf)
	require.Equal(t, report.NotFoundError{ID: r.ID, Version: 7}, *nf)
	require.Contains(t, err.Error(), "has no version 7")
	_, err = cat.Unpublish(ctx, "report-abcdef0123456789", 1)
	require.ErrorAs(t, err, &nf)
	require.Equal(t, report.NotFoundError{ID: "report-abcdef0123456789"}, *nf)
	require.Contains(t, err.Error(), "no report report-abcdef0123456789")
}

// Get with version 0 returns the highest version readable now (AWS's model:
// an omitted reportVersion is the latest).
func TestGetLatest(t *testing.T) {
	cat, clk := newCatalog(t)
	r := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	r.ID = "report-abcdef0123456789"
	put(t, cat, r) // v1 published now
	v2 := r
	v2.State = report.Unpublished
	put(t, cat, v2) // v2 unpublished
	v3 := r
	v3.PublishedAt = t0.Add(24 * time.Hour)
	put(t, cat, v3) // v3 published tomorrow
	v4 := r
	v4.UploadState, v4.Document = report.UploadFailed, report.Document{}
	put(t, cat, v4) // v4 failed upload

	got, err := cat.Get(ctx, r.ID, 0)
	require.NoError(t, err)
	require.EqualValues(t, 1, got.Version)
	clk.Advance(24 * time.Hour)
	got, err = cat.Get(ctx, r.ID, 0)
	require.NoError(t, err)
	require.EqualValues(t, 3, got.Version)

	_, err = cat.Get(ctx, "report-0000000000000000", 0)
	require.ErrorIs(t, err, report.ErrNotFound)
	_, err = cat.Get(ctx, "bad", -1)
	require.Equal(t, []string{"reportId", "reportVersion"}, fields(t, err))
}

// Get of a named version: a malformed id is a validation error whatever
// the store holds, a well-formed unknown one is not found
// (ResourceNotFoundException in AWS's model).
func TestGetVersionChecksIDOnMiss(t *testing.T) {
	cat, _ := newCatalog(t)
	r := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	r.ID = "report-abcdef0123456789"
	put(t, cat, r)

	got, err := cat.Get(ctx, r.ID, 1)
	require.NoError(t, err)
	require.Equal(t, r.ID, got.ID)
	for _, tc := range []struct {
		name, id string
		v        int64
		fields   []string
		notFound bool
	}{
		{"malformed, of an id's length", "report-abcdef012345678!", 1, []string{"reportId"}, false},
		{"malformed prefix", "xxxxxx-abcdef0123456789", 1, []string{"reportId"}, false},
		{"too short", "report-abc", 1, []string{"reportId"}, false},
		{"unknown", "report-0000000000000000", 1, nil, true},
		{"unknown version", r.ID, 9, nil, true},
	} {
		_, err := cat.Get(ctx, tc.id, tc.v)
		if tc.notFound {
			require.ErrorIs(t, err, report.ErrNotFound, tc.name)
			continue
		}
		require.Equal(t, tc.fields, fields(t, err), tc.name)
	}
}

func TestListFiltersAndPages(t *testing.T) {
	cat, clk := newCatalog(t)
	mk := func(id, family, series string, end report.Date, state report.PublishedState) {
		r := soc2(end.AddMonths(-12).AddDays(1), end)
		r.ID, r.Family, r.Series, r.State = id, family, series, state
		if family != "SOC 2" {
			r.TrustCategories = nil
		}
		put(t, cat, r)
	}
	mk("report-aaaaaaaaaaaaaaa1", "SOC 2", "SOC", report.D(2025, 3, 31), report.Published)
	mk("report-aaaaaaaaaaaaaaa1", "SOC 2", "SOC", report.D(2025, 3, 31), report.Published) // v2
	mk("report-aaaaaaaaaaaaaaa1", "SOC 2", "SOC", report.D(2025, 3, 31), report.Unpublished)
	mk("report-aaaaaaaaaaaaaaa2", "SOC 2", "SOC", report.D(2025, 9, 30), report.Published)
	mk("report-aaaaaaaaaaaaaaa3", "PCI DSS", "PCI", report.D(2025, 11, 30), report.Published)
	mk("report-aaaaaaaaaaaaaaa4", "ISO 27001", "ISO", report.D(2025, 8, 31), report.Unpublished)
	c := soc2(report.D(2024, 1, 1), report.D(2024, 12, 31))
	c.ID, c.Category = "report-aaaaaaaaaaaaaaa5", "Third-party reports"
	c.CompanyName, c.ProductName = "Example Corp", "Example SaaS"
	put(t, cat, c)

	refs := func(rs []report.Report) []string {
		var out []string
		for _, r := range rs {
			out = append(out, fmt.Sprintf("%s:%d", r.ID[len(r.ID)-1:], r.Version))
		}
		return out
	}
	for _, tc := range []struct {
		name string
		f    report.Filter
		want []string
	}{
		{"published, each at its latest", report.Filter{}, []string{"1:2", "2:1", "3:1", "5:1"}},
		{"series", report.Filter{Series: "SOC"}, []string{"1:2", "2:1", "5:1"}},
		{"family", report.Filter{Family: "PCI DSS"}, []string{"3:1"}},
		{"category", report.Filter{Category: "Third-party reports"}, []string{"5:1"}},
		{"period", report.Filter{Period: report.Window{Start: report.D(2025, 4, 1), End: report.D(2025, 6, 30)}},
			[]string{"2:1", "3:1"}},
		{"unpublished", report.Filter{State: report.Unpublished}, []string{"4:1"}},
	} {
		got, next, err := cat.List(ctx, tc.f, report.Page{})
		require.NoError(t, err, tc.name)
		require.Empty(t, next, tc.name)
		require.Equal(t, tc.want, refs(got), tc.name)
	}

	// Pages of two: every report once, then an empty key.
	var all []string
	page := report.Page{Limit: 2}
	for {
		got, next, err := cat.List(ctx, report.Filter{}, page)
		require.NoError(t, err)
		all = append(all, refs(got)...)
		if next == "" {
			break
		}
		page.After = next
	}
	require.Equal(t, []string{"1:2", "2:1", "3:1", "5:1"}, all)

	clk.Advance(time.Hour)
	for _, p := range []report.Page{{Limit: -1}, {Limit: report.MaxPageSize + 1}} {
		_, _, err := cat.List(ctx, report.Filter{}, p)
		require.Equal(t, []string{"maxResults"}, fields(t, err))
	}
	_, _, err := cat.List(ctx, report.Filter{}, report.Page{After: "garbage"})
	require.Equal(t, []string{"nextToken"}, fields(t, err))
	_, _, err = cat.List(ctx, report.Filter{State: "DRAFT", Period: report.Window{Start: report.D(2025, 2, 1), End: report.D(2025, 1, 1)}}, report.Page{})
	require.Equal(t, []string{"state", "window.end"}, fields(t, err))
}

// Pagination by stable key neither skips nor repeats reports that exist
// throughout the listing, while others are added concurrently.
func TestListUnderConcurrentInserts(t *testing.T) {
	cat, _ := newCatalog(t)
	var before []string
	for i := 0; i < 600; i++ {
		before = append(before, put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))).ID)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
			}
		}
	}()
	seen := map[string]int{}
	page := report.Page{Limit: 7}
	for {
		got, next, err := cat.List(ctx, report.Filter{}, page)
		require.NoError(t, err)
		for _, r := range got {
			seen[r.ID]++
		}
		if next == "" {
			break
		}
		page.After = next
	}
	close(stop)
	wg.Wait()
	for _, id := range before {
		require.Equal(t, 1, seen[id], "report %s listed %d times", id, seen[id])
	}
	for id, n := range seen {
		require.Equal(t, 1, n, "report %s repeated", id)
	}
}

func TestListVersions(t *testing.T) {
	cat, _ := newCatalog(t)
	r := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	r.ID = "report-abcdef0123456789"
	for i := 0; i < 5; i++ {
		put(t, cat, r)
	}
	var got []int64
	page := report.Page{Limit: 2}
	for {
		vs, next, err := cat.ListVersions(ctx, r.ID, page)
		require.NoError(t, err)
		for _, v := range vs {
			got = append(got, v.Version)
		}
		if next == "" {
			break
		}
		page.After = next
	}
	require.Equal(t, []int64{1, 2, 3, 4, 5}, got)
	_, _, err := cat.ListVersions(ctx, "report-0000000000000000", report.Page{})
	require.ErrorIs(t, err, report.ErrNotFound)
	_, _, err = cat.ListVersions(ctx, r.ID, report.Page{After: "x"})
	require.Equal(t, []string{"nextToken"}, fields(t, err))
	_, _, err = cat.ListVersions(ctx, "x", report.Page{})
	require.Equal(t, []string{"reportId"}, fields(t, err))
	_, _, err = cat.ListVersions(ctx, r.ID, report.Page{Limit: 1000})
	require.Equal(t, []string{"maxResults"}, fields(t, err))
}

// The catalog copies values in and out: changing a Report after Put or
// after Get changes nothing stored.
func TestCatalogIsolation(t *testing.T) {
	cat, _ := newCatalog(t)
	in := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	got := put(t, cat, in)
	in.TrustCategories[0] = report.ProcessingIntegrity
	got.TrustCategories[1] = report.ProcessingIntegrity
	again, err := cat.Get(ctx, got.ID, 1)
	require.NoError(t, err)
	require.Equal(t, []report.TrustCategory{report.Security, report.Availability, report.Confidentiality, report.Privacy},
		again.TrustCategories)
}

// storeFailing wraps a store and fails every call after it is armed.
type storeFailing struct {
	report.Store
	fail bool
}

var errDisk = errors.New("disk on fire")

func (s *storeFailing) Versions(c context.Context, id string) ([]report.Report, error) {
	if s.fail {
		return nil, errDisk
	}
	return s.Store.Versions(c, id)
}

func (s *storeFailing) Scan(c context.Context, after report.Ref, n int) ([]report.Report, error) {
	if s.fail {
		return nil, errDisk
	}
	return s.Store.Scan(c, after, n)
}

func (s *storeFailing) Generation(c context.Context) (uint64, error) {
	if s.fail {
		return 0, errDisk
	}
	return s.Store.Generation(c)
}

func (s *storeFailing) Access(c context.Context, a aws.AccountID, id string) (report.Access, error) {
	if s.fail {
		return report.Access{}, errDisk
	}
	return s.Store.Access(c, a, id)
}

// Store errors pass through, wrapped or not, and are never mistaken for
// answers.
func TestStoreErrorsPassThrough(t *testing.T) {
	s := &storeFailing{Store: memstore.New()}
	cat, err := report.New(s, report.WithClock(func() time.Time { return t0 }))
	require.NoError(t, err)
	r := put(t, cat, soc2(report.D(2024, 10, 1), report.D(2025, 9, 30)))
	s.fail = true
	w := report.Window{Start: report.D(2025, 1, 1), End: report.D(2025, 12, 31)}
	checks := []error{}
	_, err = cat.Get(ctx, r.ID, 0)
	checks = append(checks, err)
	_, _, err = cat.List(ctx, report.Filter{}, report.Page{})
	checks = append(checks, err)
	_, _, err = cat.ListVersions(ctx, r.ID, report.Page{})
	checks = append(checks, err)
	_, _, err = cat.BestReport(ctx, "SOC 2", w, t0)
	checks = append(checks, err)
	_, err = cat.CoveringChain(ctx, "SOC 2", w, t0)
	checks = append(checks, err)
	_, err = cat.RequestAccess(ctx, acct, r.ID)
	checks = append(checks, err)
	_, err = cat.Access(ctx, acct, r.ID)
	checks = append(checks, err)
	_, err = cat.Put(ctx, func() report.Report { x := r; x.Version = 0; return x }())
	checks = append(checks, err)
	for i, err := range checks {
		require.ErrorIs(t, err, errDisk, "check %d", i)
	}
	require.True(t, slices.ContainsFunc(checks, func(e error) bool { return e != nil }))
}

// Lengths are AWS's and no shorter: a description of 2048 characters
// (LongStringAttribute counts characters, not bytes) and a statusMessage
// of any length (AWS's model bounds it not) are kept (issue 13, item 6).
func TestTextLengthsAreAWSs(t *testing.T) {
	cat, _ := newCatalog(t)
	r := soc2(report.D(2024, 10, 1), report.D(2025, 9, 30))
	r.Description = strings.Repeat("é", 2048)
	r.StatusMessage = strings.Repeat("s", 5000)
	got := put(t, cat, r)
	require.Equal(t, r.Description, got.Description)
	r.ID, r.Description = got.ID, strings.Repeat("é", 2049)
	r.Version = 0
	_, err := cat.Put(ctx, r)
	require.ErrorIs(t, err, report.ErrInvalid)
}
