package artifact

import (
	"context"
	"time"

	"github.com/artifactkit/artifactkit/agreement"
)

// The agreement operations: ListAgreements, GetNdaForAgreement,
// AcceptNdaForAgreement, GetAgreement, AcceptAgreement,
// ListCustomerAgreements, GetCustomerAgreement and TerminateAgreement.

// ListAgreementsInput is the request of ListAgreements.
type ListAgreementsInput struct {
	// MaxResults is the page size, 1 to 300; 0 means DefaultMaxResults (AWS
	// member maxResults).
	MaxResults int
	// NextToken continues a listing; empty for the first page (AWS member
	// nextToken).
	NextToken string
}

// ListAgreementsOutput is the answer of ListAgreements: the agreements AWS
// offers, ordered by id.
type ListAgreementsOutput struct {
	// Agreements are the page's agreements (AWS member agreements).
	Agreements []agreement.Agreement
	// NextToken continues the listing (AWS member nextToken); empty after
	// the last page. Only this operation, for this account, accepts it.
	NextToken string
}

// ListAgreements lists the agreements AWS offers (artifact:ListAgreements
// on "*"; legacy: artifact:DownloadAgreement).
func (s *Service) ListAgreements(ctx context.Context, c *Caller, in ListAgreementsInput) (*ListAgreementsOutput, error) {
	k := s.begin(c, "ListAgreements")
	k.params.page(in.MaxResults, in.NextToken)
	out, err := s.listAgreements(ctx, &k, in)
	return out, k.end(ctx, err)
}

func (s *Service) listAgreements(ctx context.Context, k *call, in ListAgreementsInput) (*ListAgreementsOutput, error) {
	if err := k.authorize(ctx, s.agreementAction(k.c, "artifact:ListAgreements"), "*", nil); err != nil {
		return nil, err
	}
	account := k.c.account
	limit, after, err := s.pages.page("ListAgreements", account, in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	list, next, err := s.reg.List(ctx, agreement.Page{After: after, Limit: limit})
	if err != nil {
		return nil, err
	}
	return &ListAgreementsOutput{Agreements: list, NextToken: s.pages.next("ListAgreements", account, next)}, nil
}

// agreementAction is the action that authorizes a read of an agreement:
// fine, or artifact:DownloadAgreement under the legacy model (G6).
func (s *Service) agreementAction(c *Caller, fine string) string {
	if c != nil && c.model == Legacy {
		return "artifact:DownloadAgreement"
	}
	return fine
}

// GetNdaForAgreementInput is the request of GetNdaForAgreement.
type GetNdaForAgreementInput struct {
	// AgreementID is the agreement's id (AWS member agreementId), such as
	// "agreement-baa0000000000001".
	AgreementID agreement.ID
}

// GetNdaForAgreementOutput is the answer of GetNdaForAgreement: the NDA of
// the agreement's current revision and the token to accept it (N1, T1).
type GetNdaForAgreementOutput struct {
	// AcceptNdaForAgreementToken is the token AcceptNdaForAgreement needs
	// (AWS member acceptNdaForAgreementToken): "nda-token-" and 24 letters
	// or digits.
	AcceptNdaForAgreementToken string
	// AgreementRevisionID is the current revision's id, a lower-case UUID
	// (AWS member agreementRevisionId).
	AgreementRevisionID agreement.RevisionID
	// DocumentPresignedURL is where the NDA is downloaded from, as the
	// Presigner says (AWS member documentPresignedUrl).
	DocumentPresignedURL string
	// Expires is when the token stops being accepted; AWS's response has no
	// such member.
	Expires time.Time
}

// GetNdaForAgreement returns an agreement's NDA with the token to accept it
// (artifact:GetNdaForAgreement on the agreement; legacy:
// artifact:DownloadAgreement).
func (s *Service) GetNdaForAgreement(ctx context.Context, c *Caller, in GetNdaForAgreementInput) (*GetNdaForAgreementOutput, error) {
	k := s.begin(c, "GetNdaForAgreement", param("agreementId", string(in.AgreementID)))
	k.about(ResourceTypeAgreement, string(in.AgreementID))
	out, err := s.getNda(ctx, &k, in)
	return out, k.end(ctx, err)
}

func (s *Service) getNda(ctx context.Context, k *call, in GetNdaForAgreementInput) (*GetNdaForAgreementOutput, error) {
	if err := s.authorizeAgreement(ctx, k, in.AgreementID, "artifact:GetNdaForAgreement"); err != nil {
		return nil, err
	}
	n, err := s.reg.GetNda(ctx, k.c.account, in.AgreementID)
	if err != nil {
		return nil, err
	}
	url, err := s.presign.Presign(ctx, Document{Kind: DocNDA, ID: string(n.Document.Agreement), Version: string(n.Revision),
		SHA256: n.Document.SHA256, Account: k.c.account})
	if err != nil {
		return nil, err
	}
	return &GetNdaForAgreementOutput{AcceptNdaForAgreementToken: n.Token, AgreementRevisionID: n.Revision, DocumentPresignedURL: url, Expires: n.Expires}, nil
}

// AcceptNdaForAgreementInput is the request of AcceptNdaForAgreement.
type AcceptNdaForAgreementInput struct {
	// AgreementID is the agreement's id (AWS member agreementId).
	AgreementID agreement.ID
	// AgreementRevisionID is the revision whose NDA is accepted (AWS member
	// agreementRevisionId): the current one, as GetNdaForAgreement gave it.
	AgreementRevisionID agreement.RevisionID
	// NdaToken is the AcceptNdaForAgreementToken of GetNdaForAgreement.
	NdaToken string
}

// AcceptNdaForAgreementOutput is the answer of AcceptNdaForAgreement.
type AcceptNdaForAgreementOutput struct {
	// GetAgreementToken is the token GetAgreement needs.
	GetAgreementToken string
}

// AcceptNdaForAgreement accepts an agreement's NDA for the caller's account
// (artifact:AcceptNdaForAgreement on the agreement; legacy:
// artifact:DownloadAgreement). The NDA is the account's: any principal
// of the account may then read the agreement (N1).
func (s *Service) AcceptNdaForAgreement(ctx context.Context, c *Caller, in AcceptNdaForAgreementInput) (*AcceptNdaForAgreementOutput, error) {
	k := s.begin(c, "AcceptNdaForAgreement", param("agreementId", string(in.AgreementID)),
		param("agreementRevisionId", string(in.AgreementRevisionID)), secret("ndaToken", in.NdaToken))
	k.about(ResourceTypeAgreement, string(in.AgreementID))
	out, err := s.acceptNda(ctx, &k, in)
	return out, k.end(ctx, err)
}

func (s *Service) acceptNda(ctx context.Context, k *call, in AcceptNdaForAgreementInput) (*AcceptNdaForAgreementOutput, error) {
	if err := s.authorizeAgreement(ctx, k, in.AgreementID, "artifact:AcceptNdaForAgreement"); err != nil {
		return nil, err
	}
	tok, err := s.reg.AcceptNda(ctx, k.c.account, in.AgreementID, in.AgreementRevisionID, in.NdaToken)
	if err != nil {
		return nil, err
	}
	return &AcceptNdaForAgreementOutput{GetAgreementToken: tok}, nil
}

// GetAgreementInput is the request of GetAgreement.
type GetAgreementInput struct {
	// AgreementID is the agreement's id (AWS member agreementId).
	AgreementID agreement.ID
	// NdaToken is the GetAgreementToken of AcceptNdaForAgreement.
	NdaToken string
}

// GetAgreementOutput is the answer of GetAgreement: the current revision's
// terms and the two tokens AcceptAgreement needs (T1).
type GetAgreementOutput struct {
	// Agreement is the agreement, with every revision; AWS's response has
	// no such member.
	Agreement agreement.Agreement
	// AgreementRevisionID is the current revision's id (AWS member
	// agreementRevisionId).
	AgreementRevisionID agreement.RevisionID
	// AcceptanceTerms are the current revision's terms of acceptance (AWS
	// member acceptanceTerms).
	AcceptanceTerms []string
	// AcceptanceTermsToken is one of the two tokens AcceptAgreement needs
	// (AWS member acceptanceTermsToken).
	AcceptanceTermsToken string
	// ExecuteAgreementToken is the other token AcceptAgreement needs (AWS
	// member executeAgreementToken).
	ExecuteAgreementToken string
	// DocumentPresignedURL is where the agreement document is downloaded from
	// (AWS member documentPresignedUrl).
	DocumentPresignedURL string
	// Expires is when the tokens stop being accepted; AWS's response has no
	// such member.
	Expires time.Time
}

// GetAgreement returns an agreement whose NDA the account accepted
// (artifact:GetAgreement on the agreement; legacy:
// artifact:DownloadAgreement).
func (s *Service) GetAgreement(ctx context.Context, c *Caller, in GetAgreementInput) (*GetAgreementOutput, error) {
	k := s.begin(c, "GetAgreement", param("agreementId", string(in.AgreementID)), secret("ndaToken", in.NdaToken))
	k.about(ResourceTypeAgreement, string(in.AgreementID))
	out, err := s.getAgreement(ctx, &k, in)
	return out, k.end(ctx, err)
}

func (s *Service) getAgreement(ctx context.Context, k *call, in GetAgreementInput) (*GetAgreementOutput, error) {
	if err := s.authorizeAgreement(ctx, k, in.AgreementID, "artifact:GetAgreement"); err != nil {
		return nil, err
	}
	v, err := s.reg.Get(ctx, k.c.account, in.AgreementID, in.NdaToken)
	if err != nil {
		return nil, err
	}
	url, err := s.presign.Presign(ctx, Document{Kind: DocAgreement, ID: string(v.Agreement.ID), Version: string(v.Revision),
		SHA256: v.Document.SHA256, Account: k.c.account})
	if err != nil {
		return nil, err
	}
	return &GetAgreementOutput{
		Agreement: v.Agreement, AgreementRevisionID: v.Revision, AcceptanceTerms: v.AcceptanceTerms,
		AcceptanceTermsToken: v.AcceptanceTermsToken, ExecuteAgreementToken: v.ExecuteToken,
		DocumentPresignedURL: url, Expires: v.Expires,
	}, nil
}

// AcceptAgreementInput is the request of AcceptAgreement.
type AcceptAgreementInput struct {
	// AgreementID is the agreement's id (AWS member agreementId).
	AgreementID agreement.ID
	// AgreementRevisionID is the revision GetAgreement returned (AWS member
	// agreementRevisionId); it must still be the current one.
	AgreementRevisionID agreement.RevisionID
	// AcceptanceTermsToken is GetAgreement's AcceptanceTermsToken (AWS member
	// acceptanceTermsToken).
	AcceptanceTermsToken string
	// ExecuteAgreementToken is GetAgreement's ExecuteAgreementToken (AWS
	// member executeAgreementToken).
	ExecuteAgreementToken string
	// Scope is ACCOUNT (the default) or ORGANIZATION. AWS's request names
	// no scope; its console has a tab for each.
	Scope agreement.Scope
}

// AcceptAgreementOutput is the answer of AcceptAgreement.
type AcceptAgreementOutput struct {
	// CustomerAgreement is the new, ACTIVE customer agreement (AWS member
	// customerAgreement).
	CustomerAgreement agreement.CustomerAgreement
	// Events are the transitions the acceptance made: the acceptance,
	// then the account's gain of coverage (account scope) or one
	// organization-wide event that stands for every member that gained
	// coverage (organization scope: Agreements().Expand yields them).
	// They are two whatever the organization's size.
	Events []agreement.Event
}

// AcceptAgreement accepts an agreement for the caller's account or, by its
// organization's management account, for the organization
// (artifact:AcceptAgreement on the agreement; legacy: also
// artifact:DownloadAgreement). Organization scope also needs
// organizations:DescribeOrganization and
// organizations:ListAWSServiceAccessForOrganization.
func (s *Service) AcceptAgreement(ctx context.Context, c *Caller, in AcceptAgreementInput) (*AcceptAgreementOutput, error) {
	if in.Scope == "" {
		in.Scope = agreement.ScopeAccount
	}
	k := s.begin(c, "AcceptAgreement", param("agreementId", string(in.AgreementID)),
		param("agreementRevisionId", string(in.AgreementRevisionID)), secret("acceptanceTermsToken", in.AcceptanceTermsToken),
		secret("executeAgreementToken", in.ExecuteAgreementToken), param("scope", string(in.Scope)))
	k.about(ResourceTypeAgreement, string(in.AgreementID))
	n := notice{s: s}
	out, err := s.acceptAgreement(ctx, &k, in, &n)
	n.settle(ctx, err)
	return out, k.end(ctx, err)
}

func (s *Service) acceptAgreement(ctx context.Context, k *call, in AcceptAgreementInput, n *notice) (*AcceptAgreementOutput, error) {
	if err := s.authorizeAgreement(ctx, k, in.AgreementID, "artifact:AcceptAgreement"); err != nil {
		return nil, err
	}
	if k.c.model == Legacy {
		if err := k.authorize(ctx, "artifact:DownloadAgreement", in.AgreementID.ARN(s.partition), nil); err != nil {
			return nil, err
		}
	}
	if in.Scope == agreement.ScopeOrganization {
		for _, action := range []string{"organizations:DescribeOrganization", "organizations:ListAWSServiceAccessForOrganization"} {
			if err := k.authorize(ctx, action, "*", nil); err != nil {
				return nil, err
			}
		}
	}
	ca, events, err := s.reg.Accept(ctx, agreement.AcceptInput{
		Account: k.c.account, Agreement: in.AgreementID, Revision: in.AgreementRevisionID,
		AcceptanceTermsToken: in.AcceptanceTermsToken, ExecuteToken: in.ExecuteAgreementToken, Scope: in.Scope,
	}, n.record())
	if err != nil {
		return nil, err
	}
	k.resource = ca.AgreementARN
	return &AcceptAgreementOutput{CustomerAgreement: ca, Events: events}, nil
}

// authorizeAgreement authorizes action (or, under the legacy model,
// artifact:DownloadAgreement) on agreement id; a malformed id fails
// validation first.
func (s *Service) authorizeAgreement(ctx context.Context, k *call, id agreement.ID, action string) error {
	if _, err := agreement.ParseID(string(id)); err != nil {
		return err
	}
	if action != "artifact:AcceptAgreement" {
		action = s.agreementAction(k.c, action)
	}
	return k.authorize(ctx, action, id.ARN(s.partition), nil)
}

// ListCustomerAgreementsInput is the request of ListCustomerAgreements.
type ListCustomerAgreementsInput struct {
	// MaxResults is the page size, 1 to 300; 0 means DefaultMaxResults (AWS
	// member maxResults).
	MaxResults int
	// NextToken continues a listing; empty for the first page (AWS member
	// nextToken).
	NextToken string
}

// ListCustomerAgreementsOutput is the answer of ListCustomerAgreements: the
// ACTIVE customer agreements that apply to the caller's account.
type ListCustomerAgreementsOutput struct {
	// CustomerAgreements are the page's customer agreements (AWS member
	// customerAgreements).
	CustomerAgreements []agreement.CustomerAgreement
	// NextToken continues the listing (AWS member nextToken); empty after
	// the last page. Only this operation, for this account, accepts it.
	NextToken string
}

// ListCustomerAgreements lists the ACTIVE customer agreements that apply to
// the caller's account: its account agreements and its organization's
// organization agreements (artifact:ListCustomerAgreements on "*"; legacy:
// artifact:DownloadAgreement). Organization agreements are listed only to a
// principal allowed organizations:DescribeOrganization, as in AWS.
func (s *Service) ListCustomerAgreements(ctx context.Context, c *Caller, in ListCustomerAgreementsInput) (*ListCustomerAgreementsOutput, error) {
	k := s.begin(c, "ListCustomerAgreements")
	k.params.page(in.MaxResults, in.NextToken)
	out, err := s.listCustomerAgreements(ctx, &k, in)
	return out, k.end(ctx, err)
}

func (s *Service) listCustomerAgreements(ctx context.Context, k *call, in ListCustomerAgreementsInput) (*ListCustomerAgreementsOutput, error) {
	if err := k.authorize(ctx, s.agreementAction(k.c, "artifact:ListCustomerAgreements"), "*", nil); err != nil {
		return nil, err
	}
	account := k.c.account
	limit, after, err := s.pages.page("ListCustomerAgreements", account, in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	seesOrg := k.allows(ctx, "organizations:DescribeOrganization", "*", nil)
	list, resume, err := collect(limit, after,
		func(after string, limit int) ([]agreement.CustomerAgreement, string, error) {
			return s.reg.ListCustomerAgreements(ctx, k.c.account, agreement.Page{After: after, Limit: limit})
		},
		agreement.CustomerAgreement.SortKey,
		func(ca agreement.CustomerAgreement) bool { return seesOrg || ca.Scope != agreement.ScopeOrganization })
	if err != nil {
		return nil, err
	}
	return &ListCustomerAgreementsOutput{CustomerAgreements: list, NextToken: s.pages.next("ListCustomerAgreements", account, resume)}, nil
}

// GetCustomerAgreementInput is the request of GetCustomerAgreement.
type GetCustomerAgreementInput struct {
	// CustomerAgreementID is the customer agreement's id (AWS member
	// customerAgreementId), such as "customer-agreement-abcdefghij123456".
	CustomerAgreementID agreement.CustomerAgreementID
}

// GetCustomerAgreementOutput is the answer of GetCustomerAgreement: the
// accepted agreement, its termination terms and the token that
// TerminateAgreement needs (T1).
type GetCustomerAgreementOutput struct {
	// CustomerAgreement is the customer agreement (AWS member
	// customerAgreement).
	CustomerAgreement agreement.CustomerAgreement
	// TerminateAgreementToken is the token TerminateAgreement needs (AWS
	// member terminateAgreementToken).
	TerminateAgreementToken string
	// TerminateTerms are the terms to show before a termination (AWS member
	// terminateTerms).
	TerminateTerms []string
	// DocumentPresignedURL is where the accepted agreement's document is
	// downloaded from (AWS member documentPresignedUrl).
	DocumentPresignedURL string
	// Expires is when the token stops being accepted; AWS's response has no
	// such member.
	Expires time.Time
}

// GetCustomerAgreement returns an accepted agreement with the token to
// terminate it (artifact:GetCustomerAgreement on the customer agreement;
// legacy: artifact:DownloadAgreement). An organization agreement also needs
// organizations:DescribeOrganization.
func (s *Service) GetCustomerAgreement(ctx context.Context, c *Caller, in GetCustomerAgreementInput) (*GetCustomerAgreementOutput, error) {
	k := s.begin(c, "GetCustomerAgreement", param("customerAgreementId", string(in.CustomerAgreementID)))
	k.about(ResourceTypeCustomerAgreement, string(in.CustomerAgreementID))
	out, err := s.getCustomerAgreement(ctx, &k, in)
	return out, k.end(ctx, err)
}

func (s *Service) getCustomerAgreement(ctx context.Context, k *call, in GetCustomerAgreementInput) (*GetCustomerAgreementOutput, error) {
	if _, err := s.authorizeCustomerAgreement(ctx, k, in.CustomerAgreementID, s.agreementAction(k.c, "artifact:GetCustomerAgreement")); err != nil {
		return nil, err
	}
	v, err := s.reg.GetCustomerAgreement(ctx, k.c.account, in.CustomerAgreementID)
	if err != nil {
		return nil, err
	}
	ca := v.CustomerAgreement
	url, err := s.presign.Presign(ctx, Document{Kind: DocCustomerAgreement, ID: string(ca.ID), Version: string(ca.Revision),
		SHA256: v.Document.SHA256, Account: k.c.account})
	if err != nil {
		return nil, err
	}
	return &GetCustomerAgreementOutput{CustomerAgreement: ca, TerminateAgreementToken: v.TerminateToken,
		TerminateTerms: v.TerminateTerms, DocumentPresignedURL: url, Expires: v.Expires}, nil
}

// TerminateAgreementInput is the request of TerminateAgreement.
type TerminateAgreementInput struct {
	// CustomerAgreementID is the customer agreement to terminate (AWS member
	// customerAgreementId).
	CustomerAgreementID agreement.CustomerAgreementID
	// TerminateAgreementToken is the token of GetCustomerAgreement.
	TerminateAgreementToken string
}

// TerminateAgreementOutput is the answer of TerminateAgreement.
type TerminateAgreementOutput struct {
	// CustomerAgreement is the customer agreement as terminated (AWS member
	// customerAgreement).
	CustomerAgreement agreement.CustomerAgreement
	// Events are the transitions the termination made: the termination,
	// then the account's loss of coverage (an account agreement) or one
	// organization-wide event that stands for every member that lost
	// coverage (an organization agreement: Agreements().Expand yields
	// them; each is notified of it).
	Events []agreement.Event
}

// TerminateAgreement terminates an accepted agreement
// (artifact:TerminateAgreement on the customer agreement, in both models;
// A12). An organization agreement is terminated only by its management
// account.
func (s *Service) TerminateAgreement(ctx context.Context, c *Caller, in TerminateAgreementInput) (*TerminateAgreementOutput, error) {
	k := s.begin(c, "TerminateAgreement", param("customerAgreementId", string(in.CustomerAgreementID)),
		secret("terminateAgreementToken", in.TerminateAgreementToken))
	k.about(ResourceTypeCustomerAgreement, string(in.CustomerAgreementID))
	n := notice{s: s}
	out, err := s.terminate(ctx, &k, in, &n)
	n.settle(ctx, err)
	return out, k.end(ctx, err)
}

func (s *Service) terminate(ctx context.Context, k *call, in TerminateAgreementInput, n *notice) (*TerminateAgreementOutput, error) {
	if _, err := s.authorizeCustomerAgreement(ctx, k, in.CustomerAgreementID, "artifact:TerminateAgreement"); err != nil {
		return nil, err
	}
	ca, events, err := s.reg.Terminate(ctx, k.c.account, in.CustomerAgreementID, in.TerminateAgreementToken, n.record())
	if err != nil {
		return nil, err
	}
	return &TerminateAgreementOutput{CustomerAgreement: ca, Events: events}, nil
}

// authorizeCustomerAgreement authorizes action on customer agreement id.
// Its ARN names the account that accepted it when the caller's account
// sees it, and the caller's account otherwise, so that a denial says
// nothing of what exists. Viewing an organization agreement also needs
// organizations:DescribeOrganization.
func (s *Service) authorizeCustomerAgreement(ctx context.Context, k *call, id agreement.CustomerAgreementID, action string) (agreement.CustomerAgreement, error) {
	if _, err := agreement.ParseCustomerAgreementID(string(id)); err != nil {
		return agreement.CustomerAgreement{}, err
	}
	var ca agreement.CustomerAgreement
	arn := agreement.CustomerAgreementARN(s.partition, "", id)
	if k.c != nil {
		arn = agreement.CustomerAgreementARN(s.partition, k.c.account, id)
		if got, err := s.reg.CustomerAgreement(ctx, k.c.account, id); err == nil {
			ca, arn = got, got.ARN
		}
	}
	if err := k.authorize(ctx, action, arn, nil); err != nil {
		return ca, err
	}
	if ca.Scope == agreement.ScopeOrganization {
		if err := k.authorize(ctx, "organizations:DescribeOrganization", "*", nil); err != nil {
			return ca, err
		}
	}
	return ca, nil
}
