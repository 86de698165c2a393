package artifact

import (
	"context"
	"fmt"
	"strings"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/notify"
	"github.com/artifactkit/artifactkit/report"
)

// Notifications (S1, S2): after a change is stored, its events go to the
// subscriber, once per account that receives them. An account receives
// nothing unless it is SUBSCRIBED and its notification configuration
// chooses the event.

// announce delivers the notifications of agreement events: an agreement
// status change to the account that accepted or terminated, and the loss of
// coverage to every account that lost it (A10).
func (s *Service) announce(ctx context.Context, events []agreement.Event) {
	if s.sub == nil {
		return
	}
	for _, e := range events {
		n := notify.Event{Account: e.Account, AgreementID: string(e.Agreement),
			CustomerAgreementID: string(e.CustomerAgreement), State: string(e.State), Time: e.At}
		switch e.Kind {
		case agreement.EventAccepted, agreement.EventTerminated:
			n.Kind = notify.AgreementStatusChanged
			n.Reason = fmt.Sprintf("%s: %s customer agreement %s", words(e.Kind), words(e.Basis), e.CustomerAgreement)
		case agreement.EventCoverageLost:
			n.Kind = notify.CoverageLost
			n.Reason = coverageLostReason(e)
		default:
			continue
		}
		s.deliver(ctx, n)
	}
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
// updated to every subscribed account whose configuration chooses it.
func (s *Service) announceReport(ctx context.Context, kind notify.Kind, r report.Report) {
	if s.sub == nil {
		return
	}
	s.deliver(ctx, notify.Event{Kind: kind, ReportID: r.ID, Version: r.Version, Category: r.Category, Series: r.Series,
		Reason: r.Name, Time: r.LastModifiedAt})
}

// deliveryAttempts bounds how often a delivery reads the settings that
// choose its recipients when the read fails.
const deliveryAttempts = 3

// deliver sends n to every account that receives it. The change is stored
// by then, so a failure to read the settings is retried; one that
// persists loses the notification, never the change, whose events the
// call returns.
func (s *Service) deliver(ctx context.Context, n notify.Event) {
	var (
		accounts []aws.AccountID
		err      error
	)
	for range deliveryAttempts {
		if accounts, err = notify.Recipients(ctx, s.settings, n); err == nil || ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		return
	}
	for _, a := range accounts {
		s.sub.Notify(ctx, notify.Delivery{Account: a, Event: n})
	}
}
