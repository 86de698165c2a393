// Package artifacttest builds a realistic AWS Artifact world in one call,
// for the test suites of programs that use package artifact:
//
//	func TestAuditorDownloadsSOC2(t *testing.T) {
//		ctx := context.Background()
//		w := artifacttest.New(t)
//		soc2 := w.Latest(artifacttest.FamilySOC2)
//		_, err := w.DownloadReport(ctx, w.Caller(artifacttest.Auditor), soc2.ID, soc2.Version)
//		require.NoError(t, err)
//	}
//
// NewWorld returns the world or an error; New and NewWithOptions fail the
// test instead.
//
// # The world
//
// An *artifact.Service on in-memory stores, dated by a Clock that moves only
// when told and drawing ids and tokens from a seeded ChaCha8, so that two
// worlds built with the same Options are the same, tokens included. The
// clock reads Start (DefaultStart, 2026-03-01T09:00:00Z, unless
// Options.Start says otherwise) when NewWorld returns. The world holds:
//
//   - The agreement catalog, published at Founded (two years before Start):
//     BAA (the Business Associate Addendum, KindBAA), ANDB and NZNDB (the
//     Australian and New Zealand Notifiable Data Breach addenda), offered at
//     account and organization scope, and AccountOnly, a custom agreement
//     offered at account scope only. Each has one revision with placeholder
//     documents (AgreementDocument, NDADocument) and acceptance and
//     termination terms. Nothing is accepted.
//   - The reports, one report per family with one version per period:
//     SOC 1 (12-month periods ending 3/31, 6/30, 9/30 and 12/31), SOC 2 and
//     SOC 3 (ending 3/31 and 9/30), all of AWS series "SOC", ISO 27001
//     (series "ISO", ending 11/30) and PCI DSS (series "PCI", ending 8/31),
//     in category "Certifications and Attestations". Every period that ends
//     in the two years before Start and is published by Start is there,
//     each version published PublicationDelayDays after its period ends.
//     SOC 1, SOC 2 and PCI DSS terms are EXPLICIT, SOC 3 and ISO 27001
//     PASSTHROUGH. SOC 2 and SOC 3 versions examine Security, Availability
//     and Confidentiality, and Privacy from the periods ending in 2025 on
//     (R7), when the scope also grows (R5). Each version records the SHA-256
//     of its placeholder document (ReportDocument, R6).
//   - The organization OrgID, founded at Founded by ManagementAccount with
//     all features; ClinicalAccount joined it, ResearchAccount and
//     BillingAccount were created in it, and the management account's root
//     user enabled Artifact's trusted access (A4, A5). StandaloneAccount is
//     in no organization.
//   - Principals: IAM users of ManagementAccount holding the policies of
//     AWS's managed policies and the examples of the AWS Artifact User
//     Guide (https://docs.aws.amazon.com/artifact/latest/ug/example-iam-policies.html,
//     https://docs.aws.amazon.com/artifact/latest/ug/security-iam-awsmanpol.html)
//     (Caller, by the names of Principals): ReportsReader
//     (AWSArtifactReportsReadOnlyAccess), SomeReportsReader (the SOC, PCI
//     and ISO example policy), AgreementsReader
//     (AWSArtifactAgreementsReadOnlyAccess), AgreementsAdmin
//     (AWSArtifactAgreementsFullAccess), Auditor (OneReportPolicy of the
//     SOC 2 report, rule G3) and NoPolicy; and the root user of every
//     account (Root). NewCaller makes more.
//
// AcceptAgreement, TerminateAgreement and DownloadReport walk the token
// chains (N1, N2, T1) in one call.
//
// The package does no I/O and keeps no global state.
//
// # Rules
//
// Rule ids such as A5 or G3 are those of the project's rulebook, RULES.md at
// the root of the repository, which states each rule and cites AWS's
// public documentation for it; "FAQ Agreements 5" or "BAA FAQ 12" is a
// question of the AWS Artifact FAQs (https://aws.amazon.com/artifact/faq/),
// numbered within its section as RULES.md says.
package artifacttest
