package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact"
	"github.com/artifactkit/artifactkit/artifact/audit"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/artifact/sqlstore"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/postgres"
	"github.com/artifactkit/artifactkit/artifact/sqlstore/sqlite"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/policy"
	"github.com/artifactkit/artifactkit/report"
)

func main() {
	path := flag.String("db", "artifact.db", "the SQLite database file (created if missing)")
	dsn := flag.String("postgres", "", "a PostgreSQL data source name, used instead of -db")
	flag.Parse()
	ctx := context.Background()
	var (
		db  *sqlstore.DB
		err error
	)
	if *dsn != "" {
		db, err = postgres.Open(ctx, *dsn)
	} else {
		db, err = sqlite.Open(ctx, *path)
	}
	if err == nil {
		defer db.Close()
		err = run(ctx, os.Stdout, db, time.Now)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "persistent:", err)
		os.Exit(1)
	}
}

// The cast.
const (
	management = aws.AccountID("111111111111")
	clinical   = aws.AccountID("222222222222")
	auditorAcc = aws.AccountID("999999999999")
	medtech    = org.ID("o-medtechglobal1")
	baa        = agreement.ID("agreement-baa0000000000001")
	soc2       = "report-Soc2Type2Sep2025"
)

// auditorPolicy lets the auditor read and download SOC reports.
const auditorPolicy = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Action": ["artifact:GetReportMetadata", "artifact:GetTermForReport", "artifact:GetReport"], "Resource": "*",
  "Condition": {"StringEquals": {"artifact:ReportSeries": "SOC"}}}]}`

// run tells the story on db: the first chapter when the database is empty,
// the next one when an earlier run left its state.
func run(ctx context.Context, w io.Writer, db *sqlstore.DB, now func() time.Time) error {
	svc, err := artifact.New(append(db.ServiceOptions(), artifact.WithClock(now))...)
	if err != nil {
		return err
	}
	o, err := db.Org().Organization(ctx, medtech)
	switch {
	case errors.Is(err, org.ErrNotFound):
		fmt.Fprintln(w, "An empty database: setting up MedTech Global.")
		if err := setUp(ctx, w, svc); err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		if err := resume(ctx, w, db, svc, o); err != nil {
			return err
		}
	}
	if err := download(ctx, w, svc); err != nil {
		return err
	}
	n, err := db.Audit().Len(ctx)
	if err != nil {
		return err
	}
	if err := audit.NewLog(db.Audit()).Verify(ctx); err != nil {
		return fmt.Errorf("the audit trail does not verify: %w", err)
	}
	fmt.Fprintf(w, "The audit trail holds %d records, chained and verified.\n", n)
	return nil
}

func root(account aws.AccountID) *artifact.Caller {
	c, err := artifact.NewCaller(artifact.Identity{Account: account, Principal: "root"})
	if err != nil {
		panic(err)
	}
	return c
}

// setUp is AWS's side (the BAA, the report), then the organization, which
// accepts the BAA for every account.
func setUp(ctx context.Context, w io.Writer, svc *artifact.Service) error {
	if _, err := svc.DefineAgreement(ctx, agreement.Spec{
		ID: baa, Name: "AWS Business Associate Addendum", Kind: agreement.KindBAA, Type: agreement.TypeDefault,
		Subjects: []agreement.Scope{agreement.ScopeAccount, agreement.ScopeOrganization},
		Revision: agreement.RevisionSpec{Document: []byte("AWS Business Associate Addendum"), NDA: []byte("AWS Artifact NDA"),
			AcceptanceTerms: []string{"I have read and agree to the terms of the AWS Business Associate Addendum."}},
	}); err != nil {
		return err
	}
	if _, err := svc.PublishReport(ctx, report.Report{
		ID: soc2, Name: "SOC 2 Type 2 Report (October 2024 - September 2025)", Series: "SOC", Family: "SOC 2",
		Category: "Certifications and Attestations", PeriodStart: report.D(2024, 10, 1), PeriodEnd: report.D(2025, 9, 30),
		AcceptanceType: report.Explicit, PublishedAt: time.Date(2025, 11, 14, 18, 0, 0, 0, time.UTC),
		Document: report.Document{SHA256: sha256.Sum256([]byte("SOC 2 Type 2 Report"))},
	}); err != nil {
		return err
	}
	if _, err := svc.CreateOrganization(ctx, medtech, management, org.AllFeatures); err != nil {
		return err
	}
	if _, _, err := svc.CreateAccount(ctx, medtech, clinical); err != nil {
		return err
	}
	mgmt := root(management)
	if _, err := svc.EnableTrustedAccess(ctx, mgmt); err != nil {
		return err
	}
	nda, err := svc.GetNdaForAgreement(ctx, mgmt, artifact.GetNdaForAgreementInput{AgreementID: baa})
	if err != nil {
		return err
	}
	acc, err := svc.AcceptNdaForAgreement(ctx, mgmt, artifact.AcceptNdaForAgreementInput{
		AgreementID: baa, AgreementRevisionID: nda.AgreementRevisionID, NdaToken: nda.AcceptNdaForAgreementToken})
	if err != nil {
		return err
	}
	view, err := svc.GetAgreement(ctx, mgmt, artifact.GetAgreementInput{AgreementID: baa, NdaToken: acc.GetAgreementToken})
	if err != nil {
		return err
	}
	out, err := svc.AcceptAgreement(ctx, mgmt, artifact.AcceptAgreementInput{AgreementID: baa,
		AgreementRevisionID: view.AgreementRevisionID, AcceptanceTermsToken: view.AcceptanceTermsToken,
		ExecuteAgreementToken: view.ExecuteAgreementToken, Scope: agreement.ScopeOrganization})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s accepted the BAA for organization %s (%s): every account in it is a HIPAA Account.\n",
		management, medtech, out.CustomerAgreement.ID)
	return nil
}

// resume says what an earlier run left, and grows the organization by one
// account, which the organization's BAA covers at once.
func resume(ctx context.Context, w io.Writer, db *sqlstore.DB, svc *artifact.Service, o org.Organization) error {
	fmt.Fprintf(w, "Found the state of an earlier run: organization %s, managed by %s since %s.\n",
		o.ID, o.ManagementAccount, o.Created.Format(time.RFC3339))
	dir := org.NewDirectory(db.Org())
	n := 0
	for _, err := range dir.MembersSeq(ctx, medtech, time.Now()) {
		if err != nil {
			return err
		}
		n++
	}
	// The next account to join: one more than the accounts so far.
	next := aws.AccountID(fmt.Sprintf("3%011d", n))
	if _, _, err := svc.JoinOrganization(ctx, next, medtech); err != nil {
		return err
	}
	reg := agreement.New(db.Agreements(), dir)
	h, err := reg.IsHIPAA(ctx, next, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Account %s joined; HIPAA Account: %t (%s).\n", next, h.HIPAA, h.Reason)
	return nil
}

// download: the auditor accepts the report's terms and downloads it.
func download(ctx context.Context, w io.Writer, svc *artifact.Service) error {
	auditor, err := artifact.NewCaller(artifact.Identity{
		Account: auditorAcc, Principal: "arn:aws:iam::999999999999:role/Auditor",
		Policies: []*policy.Document{policy.MustParse([]byte(auditorPolicy), policy.Identity)},
	})
	if err != nil {
		return err
	}
	term, err := svc.GetTermForReport(ctx, auditor, artifact.GetTermForReportInput{ReportID: soc2})
	if err != nil {
		return err
	}
	got, err := svc.GetReport(ctx, auditor, artifact.GetReportInput{ReportID: soc2, TermToken: term.TermToken})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "The auditor downloaded %s.\n", got.DocumentPresignedURL)
	return nil
}
