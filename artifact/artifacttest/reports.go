package artifacttest

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"slices"
	"time"

	"github.com/artifactkit/artifactkit/report"
)

// The report families of the world, as report.Report.Family spells them.
const (
	FamilySOC1     = "SOC 1"
	FamilySOC2     = "SOC 2"
	FamilySOC3     = "SOC 3"
	FamilyISO27001 = "ISO 27001"
	FamilyPCIDSS   = "PCI DSS"
)

// Category is the ReportCategory of every report of the world.
const Category = "Certifications and Attestations"

// The report ids of the world: one report per family, one version per
// period.
const (
	SOC1ReportID     = "report-soc1000000000001"
	SOC2ReportID     = "report-soc2000000000001"
	SOC3ReportID     = "report-soc3000000000001"
	ISO27001ReportID = "report-iso2700100000001"
	PCIDSSReportID   = "report-pcidss0000000001"
)

// PublicationDelayDays is how many days after its period ends a version of
// the world is published (at midnight UTC): inside the SOC calendar's
// release window of 42 to 49 days (R3).
const PublicationDelayDays = 45

// line is one report of the world and how its versions are made.
type line struct {
	id, family, series, title string
	ends                      []report.MonthDay
	terms                     report.AcceptanceType
}

// lines returns the world's reports: the SOC families on the default
// calendar (R3), ISO 27001 and PCI DSS once a year.
func lines() []line {
	cal := report.DefaultCalendar()
	soc := func(family string) []report.MonthDay {
		s, _ := cal.Schedule(family)
		ends := slices.Clone(s.PeriodEnds)
		slices.SortFunc(ends, func(a, b report.MonthDay) int {
			return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Day, b.Day))
		})
		return ends
	}
	return []line{
		{SOC1ReportID, FamilySOC1, "SOC", "SOC 1 Type 2 Report", soc(FamilySOC1), report.Explicit},
		{SOC2ReportID, FamilySOC2, "SOC", "SOC 2 Type 2 Report", soc(FamilySOC2), report.Explicit},
		{SOC3ReportID, FamilySOC3, "SOC", "SOC 3 Report", soc(FamilySOC3), report.Passthrough},
		{ISO27001ReportID, FamilyISO27001, "ISO", "ISO/IEC 27001:2022 Certificate",
			[]report.MonthDay{{Month: time.November, Day: 30}}, report.Passthrough},
		{PCIDSSReportID, FamilyPCIDSS, "PCI", "PCI DSS Attestation of Compliance",
			[]report.MonthDay{{Month: time.August, Day: 31}}, report.Explicit},
	}
}

// Families returns the report families of the world, SOC 1 first.
func Families() []string {
	var out []string
	for _, l := range lines() {
		out = append(out, l.family)
	}
	return out
}

// planned is a version to publish and its placeholder document.
type planned struct {
	r   report.Report
	doc []byte
}

// plan returns the versions of the world for a clock starting at start: for
// every report, the 12-month periods that end in the two years before
// start's date and are published by start, in order of publication.
func plan(start time.Time) []planned {
	today := report.DateOf(start)
	from := today.AddMonths(-24)
	var out []planned
	for _, l := range lines() {
		var v int64
		for y := from.Year; y <= today.Year; y++ {
			for _, md := range l.ends {
				end := report.D(y, md.Month, md.Day)
				published := end.AddDays(PublicationDelayDays).Start()
				if !end.After(from) || published.After(start) {
					continue
				}
				v++
				out = append(out, l.version(v, end, published))
			}
		}
	}
	slices.SortStableFunc(out, func(a, b planned) int { return a.r.PublishedAt.Compare(b.r.PublishedAt) })
	return out
}

// sinceEarly2025 is the first period end of the versions that examine
// Privacy and have the wider scope.
var sinceEarly2025 = report.D(2025, time.January, 1)

// version returns version v of l, for the 12-month period ending on end.
func (l line) version(v int64, end report.Date, published time.Time) planned {
	start := end.AddDays(1).AddMonths(-12)
	r := report.Report{
		ID:      l.id,
		Version: v,
		Name: fmt.Sprintf("%s (%s - %s)", l.title,
			start.Start().Format("Jan 2006"), end.Start().Format("Jan 2006")),
		Description:    l.family + " report of the artifacttest fixture: a placeholder, not AWS's report.",
		Category:       Category,
		Series:         l.series,
		Family:         l.family,
		Type:           report.Type2,
		PeriodStart:    start,
		PeriodEnd:      end,
		State:          report.Published,
		UploadState:    report.UploadComplete,
		AcceptanceType: l.terms,
		Scope:          scopeOf(end),
		PublishedAt:    published,
	}
	if l.family == FamilySOC2 || l.family == FamilySOC3 {
		r.TrustCategories = []report.TrustCategory{report.Security, report.Availability, report.Confidentiality}
		if !end.Before(sinceEarly2025) {
			r.TrustCategories = append(r.TrustCategories, report.Privacy)
		}
	}
	doc := fmt.Appendf(nil, "%s\n%s version %d, period %s\nA placeholder document of the artifacttest fixture.\n",
		r.Name, r.ID, r.Version, r.Period())
	r.Document = report.Document{SHA256: sha256.Sum256(doc), Size: int64(len(doc))}
	return planned{r: r, doc: doc}
}

// scopeOf returns the scope of a version whose period ends on end (R5):
// periods ending in 2025 or later add AWS Lambda and Sydney.
func scopeOf(end report.Date) report.Scope {
	services := []string{"Amazon EC2", "Amazon RDS for PostgreSQL", "Amazon S3", "AWS KMS"}
	regions := []string{"eu-west-1", "us-east-1", "us-west-2"}
	if !end.Before(sinceEarly2025) {
		services = append(services, "AWS Lambda")
		regions = append(regions, "ap-southeast-2")
	}
	return report.MustScope(services, regions)
}
