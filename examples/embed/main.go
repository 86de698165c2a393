package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/examples/embed/platformstore"
	"github.com/artifactkit/artifactkit/org"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "embed:", err)
		os.Exit(1)
	}
}

// Stores are the platform's own stores, one for each artifactkit interface
// the platform backs itself.
type Stores struct {
	Org   *platformstore.OrgStore
	Audit *platformstore.AuditStore
}

// newStores returns the platform's stores. It is the one place that knows
// where the platform keeps its data: everything else sees org.Store and
// audit.Store, and the artifact service's constructor can be handed the same
// stores.
func newStores() Stores {
	return Stores{
		Org:   platformstore.NewOrgStore(),
		Audit: platformstore.NewAuditStore(),
	}
}

// clock is a clock the walkthrough sets by hand, so that the dates it prints
// do not depend on when it runs.
type clock struct{ now time.Time }

// Now returns the time the clock was last set to.
func (c *clock) Now() time.Time { return c.now }

// The accounts and the organization of the walkthrough.
const (
	management org.AccountID = "111122223333"
	member     org.AccountID = "444455556666"
	orgID      org.ID        = "o-healthco0001"
)

// run is the walkthrough; it writes what happens to w.
func run(ctx context.Context, w io.Writer) error {
	stores := newStores()
	fmt.Fprintln(w, "The platform keeps organizations and the audit trail in its own tables (package platformstore).")
	fmt.Fprintln(w)
	if err := organizations(ctx, w, stores.Org); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return auditTrail(ctx, w, stores.Audit)
}

// organizations creates an organization over the platform's org store, has
// an account join it, and asks where that account stood before and after.
func organizations(ctx context.Context, w io.Writer, store *platformstore.OrgStore) error {
	clk := &clock{}
	dir := org.NewDirectory(store, org.WithClock(clk.Now))

	clk.now = date(2026, time.January, 5, 9, 0)
	o, err := dir.Create(ctx, orgID, management, org.AllFeatures)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "On %s account %s created organization %s with all features.\n", when(o.Created), o.ManagementAccount, o.ID)
	fmt.Fprintf(w, "The organizations table holds it as the row\n  %s\n", store.OrganizationRow(o.ID))

	clk.now = date(2026, time.February, 2, 10, 30)
	joined, err := dir.Join(ctx, member, orgID)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "On %s account %s joined %s (change %d of its history).\n", when(joined.At), joined.Account, joined.Org, joined.Seq)

	for _, t := range []time.Time{date(2026, time.January, 20, 12, 0), date(2026, time.March, 1, 12, 0)} {
		m, err := dir.OrganizationOf(ctx, member, t)
		if err != nil {
			return err
		}
		if !m.InOrganization() {
			fmt.Fprintf(w, "On %s account %s was in no organization.\n", when(t), m.Account)
			continue
		}
		fmt.Fprintf(w, "On %s account %s was in %s, which it entered on %s.\n", when(t), m.Account, m.Org, when(m.Since()))
	}

	members, err := dir.Members(ctx, orgID, date(2026, time.March, 1, 12, 0))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "On %s the members of %s were %s.\n", when(date(2026, time.March, 1, 12, 0)), orgID, join(members))
	return nil
}

// auditTrail records a few calls in an audit log over the platform's audit
// store and verifies the trail.
func auditTrail(ctx context.Context, w io.Writer, store *platformstore.AuditStore) error {
	log := audit.NewLog(store)
	auditor := "arn:aws:iam::" + string(member) + ":user/auditor"
	report := "arn:aws:artifact:us-east-1::report/report-abcdef0123456789:1"
	baa := "arn:aws:artifact:::agreement/agreement-abcdef0123456789"
	at := date(2026, time.March, 2, 14, 0)
	entries := []audit.Entry{
		{EventName: "ListReports", Principal: auditor, Account: member, Resource: "*",
			Action: "artifact:ListReports", Decision: audit.Allowed, Time: at},
		{EventName: "GetReport", Principal: auditor, Account: member, Resource: report,
			Action: "artifact:GetReport", Decision: audit.Allowed, Time: at.Add(2 * time.Minute),
			Params: []audit.Param{{Name: "reportId", Value: "report-abcdef0123456789"}, {Name: "reportVersion", Value: "1"}}},
		{EventName: "AcceptAgreement", Principal: auditor, Account: member, Resource: baa,
			Action: "artifact:AcceptAgreement", Decision: audit.Denied, ErrorCode: "AccessDeniedException",
			ErrorMessage: "not authorized to perform artifact:AcceptAgreement", Time: at.Add(5 * time.Minute),
			Params: []audit.Param{{Name: "agreementId", Value: "agreement-abcdef0123456789"}}},
	}
	var prev audit.Record
	for _, e := range entries {
		rec, err := log.Append(ctx, e)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "Audit record %d: on %s %s called %s: %s", rec.Seq, when(rec.Time), rec.Principal, rec.EventName, strings.ToLower(string(rec.Decision)))
		if rec.ErrorCode != "" {
			fmt.Fprintf(w, " (%s)", rec.ErrorCode)
		}
		fmt.Fprintln(w, ".")
		if rec.Seq > 1 {
			if rec.Prev != prev.Hash {
				return fmt.Errorf("record %d is not chained to record %d", rec.Seq, prev.Seq)
			}
			fmt.Fprintf(w, "  It carries the hash of record %d, chaining the two.\n", prev.Seq)
		}
		prev = rec
	}

	n, err := store.Len(ctx)
	if err != nil {
		return err
	}
	if err := log.Verify(ctx); err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	fmt.Fprintf(w, "The audit_records table holds %d rows, and Verify finds the trail intact.\n", n)
	return nil
}

// date returns the instant of that day, hour and minute, in UTC.
func date(year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, time.UTC)
}

// when formats t for the walkthrough's sentences.
func when(t time.Time) string { return t.Format("2 January 2006 at 15:04 UTC") }

// join lists accounts as "a, b and c".
func join(accounts []org.AccountID) string {
	s := make([]string, len(accounts))
	for i, a := range accounts {
		s[i] = a.String()
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
