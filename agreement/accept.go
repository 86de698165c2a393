package agreement

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/artifactkit/artifactkit/org"
)

// AcceptInput is what AcceptAgreement needs: the tokens Get returned for
// that revision, and the scope to accept at (AWS's request has no scope;
// its console has an Account agreements and an Organization agreements
// tab).
type AcceptInput struct {
	// Account is the account that accepts: for ScopeOrganization, the
	// organization's management account.
	Account org.AccountID
	// Agreement is the agreement to accept.
	Agreement ID
	// Revision is the revision shown, which must still be the current one.
	Revision RevisionID
	// AcceptanceTermsToken is the View's AcceptanceTermsToken.
	AcceptanceTermsToken string
	// ExecuteToken is the View's ExecuteToken.
	ExecuteToken string
	// Scope is ScopeAccount or ScopeOrganization; the agreement must offer it.
	Scope Scope
}

// Accept accepts an agreement (AcceptAgreement) for in.Account alone
// (ScopeAccount) or, by a management account, for every current and future
// account of its organization (ScopeOrganization, A1-A7, A11). It returns
// the new customer agreement and its events: EventAccepted, then
// EventCoverageGained for the account when it had no coverage of the
// agreement before (account scope) or one organization-wide
// EventCoverageGained that stands for every member without coverage of its
// own (organization scope; Expand yields the members). An acceptance
// writes one record and returns two events whatever the organization's
// size.
//
// The checks, in the order of the first failure returned: valid input
// (ErrInvalidInput); the agreement exists (ErrAgreementNotFound); the
// account accepted the NDA of the current revision (ErrNDARequired); both
// tokens are the account's, for this agreement and in.Revision, unexpired,
// and in.Revision is current (ErrInvalidToken); the agreement is offered at
// that scope (ErrScopeNotOffered); for organization scope, the account is in
// an organization (org.ErrNotInOrganization), is its management account
// (ErrNotManagementAccount), the organization has all features
// (ErrAllFeaturesRequired) and Artifact's trusted access and service-linked
// role (ErrTrustedAccessRequired); no customer agreement of that account or
// organization, agreement and scope is active (ErrAlreadyActive). Of two
// concurrent acceptances of the same key exactly one succeeds; the other
// gets ErrAlreadyActive.
//
// Tokens stay valid until they expire, so they may be presented again; a
// second acceptance fails with ErrAlreadyActive.
func (r *Registry) Accept(ctx context.Context, in AcceptInput, opts ...ChangeOption) (CustomerAgreement, []Event, error) {
	fail := func(err error) (CustomerAgreement, []Event, error) {
		return CustomerAgreement{}, nil, &Error{Op: "accept", Account: in.Account, Agreement: in.Agreement, Err: err}
	}
	if err := validAccount(in.Account); err != nil {
		return fail(err)
	}
	if err := validID(in.Agreement); err != nil {
		return fail(err)
	}
	if _, err := ParseRevisionID(string(in.Revision)); err != nil {
		return fail(err)
	}
	if !in.Scope.IsValid() {
		return fail(enumError("scope", string(in.Scope), scopes))
	}
	for range maxAttempts {
		ca, events, err := r.accept(ctx, in, opts)
		if isRetry(err, ErrConflict, ErrExists) {
			continue
		}
		if err != nil {
			return fail(err)
		}
		return ca, events, nil
	}
	return fail(ErrConflict)
}

// accept makes one attempt at Accept. The events are derived, and the
// BeforeStore options run, before the customer agreement is stored: once
// it is stored nothing is left to fail, so an acceptance that was stored
// is always returned with its events, and one that failed stored nothing.
func (r *Registry) accept(ctx context.Context, in AcceptInput, opts []ChangeOption) (CustomerAgreement, []Event, error) {
	ca, err := r.prepareAccept(ctx, in)
	if err != nil {
		return CustomerAgreement{}, nil, err
	}
	events, err := r.changeEvents(ctx, ca, EventAccepted, EventCoverageGained, ca.EffectiveStart)
	if err != nil {
		return CustomerAgreement{}, nil, err
	}
	if err := beforeStore(ctx, opts, events); err != nil {
		return CustomerAgreement{}, nil, err
	}
	ca, err = r.store.InsertCustomerAgreement(ctx, ca)
	if err != nil {
		return CustomerAgreement{}, nil, err
	}
	return ca, events, nil
}

// prepareAccept checks an acceptance and returns the customer agreement it
// would store.
func (r *Registry) prepareAccept(ctx context.Context, in AcceptInput) (CustomerAgreement, error) {
	a, err := r.agreement(ctx, in.Agreement)
	if err != nil {
		return CustomerAgreement{}, err
	}
	cur := a.Current()
	if err := r.requireNDA(ctx, in.Account, a.ID, cur.ID); err != nil {
		return CustomerAgreement{}, err
	}
	for _, k := range []struct {
		value string
		kind  TokenKind
	}{{in.AcceptanceTermsToken, TokenAcceptanceTerms}, {in.ExecuteToken, TokenExecute}} {
		t, err := r.redeem(ctx, k.value, k.kind, in.Account, a.ID)
		if err != nil {
			return CustomerAgreement{}, err
		}
		if err := checkRevision(t, in.Revision, cur.ID); err != nil {
			return CustomerAgreement{}, err
		}
	}
	if !a.Offers(in.Scope) {
		return CustomerAgreement{}, ErrScopeNotOffered
	}
	now := r.Now()
	key := AccountKey(a.ID, in.Account)
	var o org.Organization
	if in.Scope == ScopeOrganization {
		m, err := r.dir.OrganizationOf(ctx, in.Account, now)
		if err != nil {
			return CustomerAgreement{}, err
		}
		if !m.InOrganization() {
			return CustomerAgreement{}, org.ErrNotInOrganization
		}
		if o, err = r.dir.Organization(ctx, m.Org); err != nil {
			return CustomerAgreement{}, err
		}
		switch {
		case o.ManagementAccount != in.Account:
			return CustomerAgreement{}, ErrNotManagementAccount
		case o.FeatureSet != org.AllFeatures:
			return CustomerAgreement{}, ErrAllFeaturesRequired
		case !o.ArtifactEnabled():
			return CustomerAgreement{}, ErrTrustedAccessRequired
		}
		key = OrganizationKey(a.ID, o.ID)
	}
	start := now
	latest, ok, err := found(r.store.LatestCustomerAgreement(ctx, key))
	if err != nil {
		return CustomerAgreement{}, err
	}
	if ok {
		if latest.State == Active {
			return CustomerAgreement{}, ErrAlreadyActive
		}
		start = atLeast(atLeast(start, latest.EffectiveStart), latest.EffectiveEnd)
	}
	id, err := r.newCustomerAgreementID()
	if err != nil {
		return CustomerAgreement{}, err
	}
	ca := CustomerAgreement{
		ID:              id,
		ARN:             CustomerAgreementARN(r.partition, in.Account, id),
		Name:            a.Name,
		Description:     a.Description,
		Agreement:       a.ID,
		AgreementARN:    a.ARN,
		Revision:        cur.ID,
		Kind:            a.Kind,
		Type:            a.Type,
		Scope:           in.Scope,
		Account:         in.Account,
		Organization:    o.ID,
		OrganizationARN: o.ARN,
		State:           Active,
		EffectiveStart:  start,
		AcceptanceTerms: slices.Clone(cur.AcceptanceTerms),
		TerminateTerms:  slices.Clone(cur.TerminateTerms),
	}
	return ca, nil
}

// CustomerAgreementView is the answer to GetCustomerAgreement: the customer
// agreement, its termination terms and the token to terminate it.
type CustomerAgreementView struct {
	// CustomerAgreement is the customer agreement asked for.
	CustomerAgreement CustomerAgreement
	TerminateToken    string // terminateAgreementToken, agreement-token-…
	// TerminateTerms are the terms to show before a termination.
	TerminateTerms []string
	// Document is the agreement document of the revision accepted.
	Document Document
	// Expires is when TerminateToken expires: it is refused from then on.
	Expires time.Time
}

// GetCustomerAgreement returns customer agreement id to account with a
// token to terminate it (GetCustomerAgreement). An account sees its own
// customer agreements and the organization agreements of the organization
// it is in now (A2: members view those accepted on their behalf); for any
// other id the answer is ErrCustomerAgreementNotFound. It needs no NDA.
func (r *Registry) GetCustomerAgreement(ctx context.Context, account org.AccountID, id CustomerAgreementID) (CustomerAgreementView, error) {
	fail := func(err error) (CustomerAgreementView, error) {
		return CustomerAgreementView{}, &Error{Op: "get customer agreement", Account: account, CustomerAgreement: id, Err: err}
	}
	c, err := r.visibleCustomerAgreement(ctx, account, id)
	if err != nil {
		return fail(err)
	}
	t, err := r.issue(ctx, Token{Kind: TokenTerminate, Account: account, Agreement: c.Agreement, Revision: c.Revision, CustomerAgreement: c.ID})
	if err != nil {
		return fail(err)
	}
	doc := Document{Agreement: c.Agreement, Revision: c.Revision}
	if a, err := r.store.Agreement(ctx, c.Agreement); err == nil {
		rev, _ := a.Revision(c.Revision)
		doc.SHA256 = rev.DocumentSHA256
	}
	return CustomerAgreementView{
		CustomerAgreement: c,
		TerminateToken:    t.Value,
		TerminateTerms:    slices.Clone(c.TerminateTerms),
		Document:          doc,
		Expires:           t.Expires,
	}, nil
}

// CustomerAgreement returns customer agreement id as account sees it,
// without a token: its own customer agreements and the organization
// agreements of the organization it is in now; ErrCustomerAgreementNotFound
// for any other id. It changes nothing.
func (r *Registry) CustomerAgreement(ctx context.Context, account org.AccountID, id CustomerAgreementID) (CustomerAgreement, error) {
	c, err := r.visibleCustomerAgreement(ctx, account, id)
	if err != nil {
		return CustomerAgreement{}, &Error{Op: "get customer agreement", Account: account, CustomerAgreement: id, Err: err}
	}
	return c, nil
}

func (r *Registry) visibleCustomerAgreement(ctx context.Context, account org.AccountID, id CustomerAgreementID) (CustomerAgreement, error) {
	if err := validAccount(account); err != nil {
		return CustomerAgreement{}, err
	}
	if _, err := ParseCustomerAgreementID(string(id)); err != nil {
		return CustomerAgreement{}, err
	}
	c, ok, err := found(r.store.CustomerAgreement(ctx, id))
	if err != nil {
		return CustomerAgreement{}, err
	}
	if !ok {
		return CustomerAgreement{}, ErrCustomerAgreementNotFound
	}
	if c.Account == account {
		return c, nil
	}
	if c.Scope == ScopeOrganization {
		m, err := r.dir.OrganizationOf(ctx, account, r.Now())
		if err != nil {
			return CustomerAgreement{}, err
		}
		if m.Org == c.Organization {
			return c, nil
		}
	}
	return CustomerAgreement{}, ErrCustomerAgreementNotFound
}

// Terminate terminates customer agreement id (TerminateAgreement, A12): its
// state becomes CUSTOMER_TERMINATED and it stops applying at once. It
// returns the customer agreement and its events: EventTerminated, then
// EventCoverageLost for the account when nothing else covers it (an
// account agreement) or one organization-wide EventCoverageLost that
// stands for every member not covered by its own account agreement or an
// offline designation (an organization agreement, H4; Expand yields the
// members).
//
// The checks, in order: valid input (ErrInvalidInput); the customer
// agreement is visible to account (ErrCustomerAgreementNotFound); the
// terminate token is account's, for this customer agreement, unexpired
// (ErrInvalidToken); for an organization agreement, account is the
// management account that accepted it (ErrNotManagementAccount); it is
// active (ErrNotActive). Termination needs no NDA, and neither all features
// nor trusted access.
func (r *Registry) Terminate(ctx context.Context, account org.AccountID, id CustomerAgreementID, terminateToken string, opts ...ChangeOption) (CustomerAgreement, []Event, error) {
	return r.terminate(ctx, "terminate", account, id, terminateToken, CustomerTerminated, opts)
}

// AWSTerminate records that AWS ended customer agreement id: its state
// becomes AWS_TERMINATED. It returns the same events as Terminate, and
// ErrNotActive when it is not active.
func (r *Registry) AWSTerminate(ctx context.Context, id CustomerAgreementID, opts ...ChangeOption) (CustomerAgreement, []Event, error) {
	return r.terminate(ctx, "AWS terminate", "", id, "", AWSTerminated, opts)
}

func (r *Registry) terminate(ctx context.Context, op string, account org.AccountID, id CustomerAgreementID, token string, to State, opts []ChangeOption) (CustomerAgreement, []Event, error) {
	fail := func(err error) (CustomerAgreement, []Event, error) {
		return CustomerAgreement{}, nil, &Error{Op: op, Account: account, CustomerAgreement: id, Err: err}
	}
	for range maxAttempts {
		var c CustomerAgreement
		var err error
		if to == AWSTerminated {
			c, err = r.customerAgreement(ctx, id)
		} else {
			c, err = r.visibleCustomerAgreement(ctx, account, id)
		}
		if err != nil {
			return fail(err)
		}
		if to == CustomerTerminated {
			t, err := r.redeem(ctx, token, TokenTerminate, account, c.Agreement)
			if err != nil {
				return fail(err)
			}
			if t.CustomerAgreement != c.ID {
				return fail(&TokenError{Reason: "the terminate token was issued for customer agreement " + string(t.CustomerAgreement)})
			}
			if c.Scope == ScopeOrganization && c.Account != account {
				return fail(ErrNotManagementAccount)
			}
		}
		if c.State != Active {
			return fail(ErrNotActive)
		}
		c.State = to
		c.EffectiveEnd = atLeast(r.Now(), c.EffectiveStart)
		// The events first, as Accept does: a termination stored is
		// always returned with its events.
		events, err := r.changeEvents(ctx, c, EventTerminated, EventCoverageLost, c.EffectiveEnd)
		if err != nil {
			return fail(err)
		}
		if err := beforeStore(ctx, opts, events); err != nil {
			return fail(err)
		}
		c, err = r.store.UpdateCustomerAgreement(ctx, c)
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return fail(err)
		}
		return c, events, nil
	}
	return fail(ErrConflict)
}

func (r *Registry) customerAgreement(ctx context.Context, id CustomerAgreementID) (CustomerAgreement, error) {
	if _, err := ParseCustomerAgreementID(string(id)); err != nil {
		return CustomerAgreement{}, err
	}
	c, err := r.store.CustomerAgreement(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return CustomerAgreement{}, ErrCustomerAgreementNotFound
	}
	return c, err
}

// Lookup returns the latest customer agreement of agreement id at scope
// that concerns account now, whatever its state: for ScopeAccount the
// account's own, for ScopeOrganization that of the organization the
// account is in. It fails with ErrCustomerAgreementNotFound when there is
// none.
func (r *Registry) Lookup(ctx context.Context, account org.AccountID, id ID, scope Scope) (CustomerAgreement, error) {
	fail := func(err error) (CustomerAgreement, error) {
		return CustomerAgreement{}, &Error{Op: "lookup", Account: account, Agreement: id, Err: err}
	}
	if err := validAccount(account); err != nil {
		return fail(err)
	}
	if err := validID(id); err != nil {
		return fail(err)
	}
	key := AccountKey(id, account)
	switch scope {
	case ScopeAccount:
	case ScopeOrganization:
		m, err := r.dir.OrganizationOf(ctx, account, r.Now())
		if err != nil {
			return fail(err)
		}
		if !m.InOrganization() {
			return fail(ErrCustomerAgreementNotFound)
		}
		key = OrganizationKey(id, m.Org)
	default:
		return fail(enumError("scope", string(scope), scopes))
	}
	c, ok, err := found(r.store.LatestCustomerAgreement(ctx, key))
	if err != nil {
		return fail(err)
	}
	if !ok {
		return fail(ErrCustomerAgreementNotFound)
	}
	return c, nil
}

// Active returns the active customer agreement of agreement id at scope
// that concerns account now: at ScopeAccount the account's own, at
// ScopeOrganization that of the organization the account is in. It fails
// with ErrNotActive when none is active, whether none was ever accepted or
// the latest one ended: to terminate by account, agreement and scope,
// there is nothing to terminate either way (the scenario format's
// not_active). Lookup tells the two apart.
func (r *Registry) Active(ctx context.Context, account org.AccountID, id ID, scope Scope) (CustomerAgreement, error) {
	c, err := r.Lookup(ctx, account, id, scope)
	switch {
	case errors.Is(err, ErrCustomerAgreementNotFound):
		return CustomerAgreement{}, &Error{Op: "active", Account: account, Agreement: id, Err: ErrNotActive}
	case err != nil:
		var e *Error
		if errors.As(err, &e) {
			e.Op = "active"
		}
		return CustomerAgreement{}, err
	case c.State != Active:
		return CustomerAgreement{}, &Error{Op: "active", Account: account, Agreement: id, CustomerAgreement: c.ID, Err: ErrNotActive}
	}
	return c, nil
}

// ListCustomerAgreements returns a page of the ACTIVE customer agreements
// that apply to account now (ListCustomerAgreements): its account
// agreements and its organization's organization agreements, sorted by
// [CustomerAgreement.SortKey], and the key to resume after (empty when
// done).
func (r *Registry) ListCustomerAgreements(ctx context.Context, account org.AccountID, p Page) ([]CustomerAgreement, string, error) {
	fail := func(err error) ([]CustomerAgreement, string, error) {
		return nil, "", &Error{Op: "list customer agreements", Account: account, Err: err}
	}
	if err := validAccount(account); err != nil {
		return fail(err)
	}
	m, err := r.dir.OrganizationOf(ctx, account, r.Now())
	if err != nil {
		return fail(err)
	}
	limit := p.Limit
	if limit > 0 {
		limit++
	}
	cs, err := r.store.ActiveCustomerAgreements(ctx, ActiveFilter{Account: account, Organization: m.Org}, p.After, limit)
	if err != nil {
		return fail(err)
	}
	if p.Limit > 0 && len(cs) > p.Limit {
		cs = cs[:p.Limit]
		return cs, cs[len(cs)-1].SortKey(), nil
	}
	return cs, "", nil
}
