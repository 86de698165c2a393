package artifact

import (
	"context"
	"strconv"

	"github.com/artifactkit/artifactkit/agreement"
	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/org"
	"github.com/artifactkit/artifactkit/report"
)

// The administrative side: what AWS does behind the portal (publishing
// reports and agreements, deciding access requests, recording offline
// BAAs), and what AWS Organizations does (membership), which changes
// coverage. These calls need no caller; they are recorded in the audit trail
// under ServicePrincipal, and the notifications they cause are delivered.

// PublishReport stores a new report version (see report.Catalog.Put) and
// announces it to the subscribed accounts that chose it (S2) when it is
// available: at once, or, published to become available later, by
// Deliver once it is (see Deliver). A version not available is not
// announced.
func (s *Service) PublishReport(ctx context.Context, r report.Report) (report.Report, error) {
	k := s.internal("PublishReport", "", auditParams("reportId", r.ID, "name", r.Name)...)
	k.about(ResourceTypeReport, r.ID)
	n := notice{s: s}
	got, err := s.cat.Put(ctx, r, n.recordReport())
	if err == nil {
		k.resource = got.ARN
	}
	return got, s.finish(ctx, &k, &n, err)
}

// UpdateReport changes a stored version's mutable fields (see
// report.Catalog.Update) and announces the update (S2) when the version
// is available: as updated when it was before, as published when the
// update makes it available; an update that makes it available later is
// announced then, by Deliver, and one of a version that is not available
// is not announced.
func (s *Service) UpdateReport(ctx context.Context, r report.Report) (report.Report, error) {
	k := s.internal("UpdateReport", r.ARN, auditParams("reportId", r.ID, "reportVersion", strconv.FormatInt(r.Version, 10))...)
	k.about(ResourceTypeReport, r.ID)
	n := notice{s: s}
	got, err := s.cat.Update(ctx, r, n.recordReport())
	return got, s.finish(ctx, &k, &n, err)
}

// RequestReportAccess records that the caller's account asks AWS for access
// to a report that needs approval (R2). AWS defines no IAM action for it.
func (s *Service) RequestReportAccess(ctx context.Context, c *Caller, reportID string) (report.Access, error) {
	k := s.begin(c, "RequestReportAccess", param("reportId", reportID))
	k.about(ResourceTypeReport, reportID)
	if err := k.needCaller(); err != nil {
		return report.Access{}, k.end(ctx, err)
	}
	a, err := s.cat.RequestAccess(ctx, c.account, reportID)
	return a, k.end(ctx, err)
}

// DecideReportAccess approves or rejects an account's pending request for
// access to a report (R2).
func (s *Service) DecideReportAccess(ctx context.Context, account org.AccountID, reportID string, approve bool) (report.Access, error) {
	op, decide := "RejectReportAccess", s.cat.Reject
	if approve {
		op, decide = "ApproveReportAccess", s.cat.Approve
	}
	k := s.internal(op, "", auditParams("account", string(account), "reportId", reportID)...)
	k.about(ResourceTypeReport, reportID)
	a, err := decide(ctx, account, reportID)
	return a, k.end(ctx, err)
}

// DefineAgreement adds an agreement to the catalog (see
// agreement.Registry.Define).
func (s *Service) DefineAgreement(ctx context.Context, spec agreement.Spec) (agreement.Agreement, error) {
	k := s.internal("DefineAgreement", "", auditParams("agreementId", string(spec.ID), "name", spec.Name)...)
	k.about(ResourceTypeAgreement, string(spec.ID))
	a, err := s.reg.Define(ctx, spec)
	k.resource = a.ARN
	return a, k.end(ctx, err)
}

// PublishAgreementRevision publishes a new revision of an agreement (see
// agreement.Registry.PublishRevision).
func (s *Service) PublishAgreementRevision(ctx context.Context, id agreement.ID, spec agreement.RevisionSpec) (agreement.Agreement, error) {
	k := s.internal("PublishAgreementRevision", id.ARN(s.partition), auditParams("agreementId", string(id))...)
	k.about(ResourceTypeAgreement, string(id))
	a, err := s.reg.PublishRevision(ctx, id, spec)
	return a, k.end(ctx, err)
}

// AWSTerminateAgreement records that AWS ended a customer agreement
// (state AWS_TERMINATED), with its events (as TerminateAgreement's: an
// organization agreement's members lost coverage in one organization-wide
// event).
func (s *Service) AWSTerminateAgreement(ctx context.Context, id agreement.CustomerAgreementID) (agreement.CustomerAgreement, []agreement.Event, error) {
	k := s.internal("AWSTerminateAgreement", "", auditParams("customerAgreementId", string(id))...)
	k.about(ResourceTypeCustomerAgreement, string(id))
	n := notice{s: s}
	ca, events, err := s.reg.AWSTerminate(ctx, id, n.record())
	k.resource = ca.ARN
	return ca, events, s.finish(ctx, &k, &n, err)
}

// RecordOfflineBAA records that AWS designated an account a HIPAA Account
// under its customer's offline BAA, outside Artifact (H6).
func (s *Service) RecordOfflineBAA(ctx context.Context, account org.AccountID) (agreement.Designation, []agreement.Event, error) {
	k := s.internal("RecordOfflineBAA", "", auditParams("account", string(account))...)
	n := notice{s: s}
	d, events, err := s.reg.AWSDesignateOffline(ctx, account, n.record())
	return d, events, s.finish(ctx, &k, &n, err)
}

// RemoveOfflineDesignation removes an account's designation under its
// offline BAA, as Artifact lets its customer do (H6); the offline BAA stays
// in force.
func (s *Service) RemoveOfflineDesignation(ctx context.Context, account org.AccountID) (agreement.Designation, []agreement.Event, error) {
	k := s.internal("RemoveOfflineDesignation", "", auditParams("account", string(account))...)
	n := notice{s: s}
	d, events, err := s.reg.RemoveOfflineDesignation(ctx, account, n.record())
	return d, events, s.finish(ctx, &k, &n, err)
}

// finish delivers the notifications of an internal call's change (or
// discards them, when it failed) and records the call.
func (s *Service) finish(ctx context.Context, k *call, n *notice, err error) error {
	n.settle(ctx, err)
	return k.end(ctx, err)
}

// CreateOrganization creates an organization managed by management (AWS
// Organizations' CreateOrganization).
func (s *Service) CreateOrganization(ctx context.Context, id org.ID, management org.AccountID, fs org.FeatureSet) (org.Organization, error) {
	k := s.internal("CreateOrganization", "", auditParams("organizationId", string(id), "managementAccount", string(management), "featureSet", string(fs))...)
	o, err := s.dir.Create(ctx, id, management, fs)
	k.resource = o.ARN
	return o, k.end(ctx, err)
}

// EnableAllFeatures enables all features in an organization (A4).
func (s *Service) EnableAllFeatures(ctx context.Context, id org.ID) (org.Organization, error) {
	k := s.internal("EnableAllFeatures", "", auditParams("organizationId", string(id))...)
	o, err := s.dir.EnableAllFeatures(ctx, id)
	k.resource = o.ARN
	return o, k.end(ctx, err)
}

// CreateAccount records that an organization's management account created
// account inside it; the organization's agreements cover it at once (A3).
func (s *Service) CreateAccount(ctx context.Context, id org.ID, account org.AccountID) (org.Change, []agreement.Event, error) {
	k := s.internal("CreateAccount", "", auditParams("organizationId", string(id), "account", string(account))...)
	n := notice{s: s}
	ch, events, err := s.reg.CreateAccount(ctx, id, account, n.record())
	return ch, events, s.finish(ctx, &k, &n, err)
}

// JoinOrganization records that account accepted an invitation to an
// organization; its agreements cover the account from then on (A3).
func (s *Service) JoinOrganization(ctx context.Context, account org.AccountID, id org.ID) (org.Change, []agreement.Event, error) {
	k := s.internal("JoinOrganization", "", auditParams("account", string(account), "organizationId", string(id))...)
	n := notice{s: s}
	ch, events, err := s.reg.Join(ctx, account, id, n.record())
	return ch, events, s.finish(ctx, &k, &n, err)
}

// LeaveOrganization records that account left its organization; the
// organization's agreements stop covering it at once, its account
// agreements stay (A10), and the accounts that lost coverage are told.
func (s *Service) LeaveOrganization(ctx context.Context, account org.AccountID) (org.Change, []agreement.Event, error) {
	k := s.internal("LeaveOrganization", "", auditParams("account", string(account))...)
	n := notice{s: s}
	ch, events, err := s.reg.Leave(ctx, account, n.record())
	return ch, events, s.finish(ctx, &k, &n, err)
}

// RemoveAccount records that the management account removed account from
// its organization, with the consequences of LeaveOrganization.
func (s *Service) RemoveAccount(ctx context.Context, account org.AccountID) (org.Change, []agreement.Event, error) {
	k := s.internal("RemoveAccountFromOrganization", "", auditParams("account", string(account))...)
	n := notice{s: s}
	ch, events, err := s.reg.Remove(ctx, account, n.record())
	return ch, events, s.finish(ctx, &k, &n, err)
}

// MoveAccount moves account from its organization into organization to at
// one instant; it is covered by the agreements of the organization it is in
// (A11).
func (s *Service) MoveAccount(ctx context.Context, account org.AccountID, to org.ID) ([]org.Change, []agreement.Event, error) {
	k := s.internal("MoveAccount", "", auditParams("account", string(account), "organizationId", string(to))...)
	n := notice{s: s}
	chs, events, err := s.reg.Move(ctx, account, to, n.record())
	return chs, events, s.finish(ctx, &k, &n, err)
}

// serviceLinkedRoleARN is the ARN of Artifact's service-linked role in
// account.
func (s *Service) serviceLinkedRoleARN(account org.AccountID) string {
	return aws.ARN{Partition: s.partition, Service: "iam", Account: string(account), Resource: "role/aws-service-role/artifact.amazonaws.com/" + org.ArtifactServiceLinkedRole}.String()
}

// EnableTrustedAccess is the console's set-up of organization agreements,
// by a principal of the organization's management account: it enables
// Artifact's trusted access in the organization
// (organizations:EnableAWSServiceAccess for
// aws-artifact-account-sync.amazonaws.com) and creates Artifact's
// service-linked role when it is missing (iam:CreateServiceLinkedRole),
// rule A5. The organization must have all features (A4).
func (s *Service) EnableTrustedAccess(ctx context.Context, c *Caller) (org.Organization, error) {
	k := s.begin(c, "EnableAWSServiceAccess", param("servicePrincipal", org.ArtifactServicePrincipal))
	o, err := s.enableTrustedAccess(ctx, &k)
	return o, k.end(ctx, err)
}

func (s *Service) enableTrustedAccess(ctx context.Context, k *call) (org.Organization, error) {
	if err := k.authorize(ctx, "organizations:EnableAWSServiceAccess", "*", &servicePrincipalKey); err != nil {
		return org.Organization{}, err
	}
	m, err := s.dir.OrganizationOf(ctx, k.c.account, k.now)
	if err != nil {
		return org.Organization{}, err
	}
	if !m.InOrganization() {
		return org.Organization{}, org.ErrNotInOrganization
	}
	o, err := s.dir.Organization(ctx, m.Org)
	if err != nil {
		return org.Organization{}, err
	}
	k.resource = o.ARN
	if o.ManagementAccount != k.c.account {
		return org.Organization{}, agreement.ErrNotManagementAccount
	}
	if !o.ServiceLinkedRole {
		if err := k.authorize(ctx, "iam:CreateServiceLinkedRole", s.serviceLinkedRoleARN(k.c.account), &serviceNameKey); err != nil {
			return org.Organization{}, err
		}
	}
	return s.dir.EnableTrustedAccess(ctx, o.ID, org.ArtifactServicePrincipal)
}

// PurgeExpiredTokens deletes the agreement tokens and report term tokens
// that have expired and returns how many. Expired tokens are refused
// whether or not they were purged. Issuing tokens purges by itself at most
// once a token lifetime, so a host need not call this; one that wants its
// stores kept small on its own schedule may.
func (s *Service) PurgeExpiredTokens(ctx context.Context) (int, error) {
	k := s.internal("PurgeExpiredTokens", "")
	n, err := s.reg.PurgeExpiredTokens(ctx)
	if err == nil {
		var m int
		m, err = s.cat.PurgeExpiredTokens(ctx)
		n += m
	}
	return n, k.end(ctx, err)
}

// NotHIPAAEligible returns the services, of those an account uses for
// protected health information, that are not HIPAA eligible (H7): a HIPAA
// Account may use any service, but PHI goes only into eligible ones. The
// list is the service's (WithHIPAAEligible).
func (s *Service) NotHIPAAEligible(services []string) []string { return s.elig.NotEligible(services) }
