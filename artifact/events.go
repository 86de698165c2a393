package artifact

import (
	"fmt"
	"strings"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/report"
)

// Notifications (S1, S2): after a change is stored, its events go to the
// subscriber, once per account that receives them (at least once: see
// outbox.go). An account receives nothing unless it is SUBSCRIBED and its
// notification configuration chooses the event.

// notification is the notification of an agreement event about one
// account: an agreement status change to the account that accepted or
// terminated, the loss of coverage to the account that lost it (A10).
func notification(e agreement.Event) notify.Event {
	n := notify.Event{Account: e.Account, AgreementID: string(e.Agreement),
		CustomerAgreementID: string(e.CustomerAgreement), State: string(e.State), Time: e.At}
	switch e.Kind {
	case agreement.EventAccepted, agreement.EventTerminated:
		n.Kind = notify.AgreementStatusChanged
		n.Reason = fmt.Sprintf("%s: %s customer agreement %s", words(e.Kind), words(e.Basis), e.CustomerAgreement)
	case agreement.EventCoverageLost:
		n.Kind = notify.CoverageLost
		n.Reason = coverageLostReason(e)
	}
	return n
}

// coverageLostReason says in words why an account lost coverage.
func coverageLostReason(e agreement.Event) string {
	at := e.At.Format("2006-01-02T15:04:05Z")
	switch e.Basis {
	case agreement.BasisOrganization:
		return fmt.Sprintf("no longer covered by the organization agreement of %s since %s", e.Organization, at)
	case agreement.BasisOffline:
		return "its designation under the offline BAA was removed on " + at
	}
	return "its account agreement ended on " + at
}

// words writes an enumeration value as words: AGREEMENT_ACCEPTED is
// "agreement accepted".
func words[T ~string](v T) string {
	return strings.ReplaceAll(strings.ToLower(string(v)), "_", " ")
}

// reportNotice decides what a write of a report version announces (S2),
// from the version before and after the write, at the write's instant:
// nothing about a version that is not available, or of whose becoming
// available the outbox already holds the announcement. A version that
// becomes available is announced as published (to a customer it is new);
// one that was and stays available, as updated. A version the write
// leaves to become available later is announced when it does (due, the
// instant before which the outbox must not deliver it): as published,
// or as updated when it was available before the write. A version
// already due to become available keeps its pending announcement when
// its instant stays or moves later (Deliver waits for the new instant),
// and gets a new one when the instant moves earlier (Deliver then drops
// the old one: see reportDue).
func reportNotice(w report.Write) (kind notify.Kind, due time.Time, ok bool) {
	now, next, prev := w.Report.LastModifiedAt, &w.Report, &w.Previous
	was := prev.ID != "" && prev.Available(now)
	switch {
	case next.Available(now) && was:
		return notify.ReportUpdated, time.Time{}, true
	case next.Available(now):
		return notify.ReportPublished, time.Time{}, true
	case !availableLater(next, now):
		return "", time.Time{}, false
	case prev.ID != "" && availableLater(prev, now) && !next.PublishedAt.Before(prev.PublishedAt):
		return "", time.Time{}, false
	case was:
		return notify.ReportUpdated, next.PublishedAt, true
	}
	return notify.ReportPublished, next.PublishedAt, true
}

// availableLater reports whether version r, not available at now, becomes
// available by itself at its PublishedAt: it is PUBLISHED, not deleted
// and uploaded, and published after now.
func availableLater(r *report.Report, now time.Time) bool {
	return r.State == report.Published && r.PublishedAt.After(now) && r.DeletedAt.IsZero() && r.UploadState == report.UploadComplete
}

// reportItem is the outbox item of a report notification about version
// r: what it says (the version's category, series and name), and what
// names the write of r, for Catalog.Stored (its sequence number as read
// and its instants).
func reportItem(kind notify.Kind, r *report.Report) pendingItem {
	return pendingItem{Kind: string(kind), At: r.LastModifiedAt, ReportID: r.ID, Version: r.Version, Category: r.Category,
		Series: r.Series, Reason: r.Name, Created: r.CreatedAt, Seq: r.SequenceNumber}
}

// write returns the write of a report item's version, as Catalog.Stored
// reads it.
func (it pendingItem) write() report.Report {
	return report.Report{ID: it.ReportID, Version: it.Version, SequenceNumber: it.Seq, CreatedAt: it.Created, LastModifiedAt: it.At}
}
