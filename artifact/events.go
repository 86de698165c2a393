package artifact

import (
	"context"
	"fmt"
	"strings"

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

// announceReport delivers the notification of a report published or
// updated to every subscribed account whose configuration chooses it. The
// version is stored by then; a delivery that fails is recorded in the
// outbox for Deliver.
func (s *Service) announceReport(ctx context.Context, kind notify.Kind, r report.Report) {
	if s.sub == nil {
		return
	}
	n := &notice{s: s, body: pendingBody{V: pendingVersion, Committed: true, Events: []pendingItem{{Kind: string(kind), At: r.LastModifiedAt,
		ReportID: r.ID, Version: r.Version, Category: r.Category, Series: r.Series, Reason: r.Name}}}}
	id, err := s.pendingID()
	if err != nil {
		return
	}
	n.p = notify.Pending{ID: id, Created: s.now()}
	if done, _, err := s.deliverBody(ctx, id, &n.body, -1, nil); err == nil && done {
		return
	}
	_ = n.save(context.WithoutCancel(ctx))
}
