package agreement

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/artifactkit/artifactkit/artifact/aws"
	"github.com/artifactkit/artifactkit/org"
)

// Document names a confidential document of an agreement revision: its
// agreement document or its NDA. A host turns it into a download (AWS's
// documentPresignedUrl).
type Document struct {
	// Agreement is the agreement the document belongs to.
	Agreement ID
	// Revision is the revision the document belongs to.
	Revision RevisionID
	NDA      bool       // the NDA rather than the agreement document
	SHA256   aws.Digest // SHA-256 of the document
}

// NDA is the answer to GetNdaForAgreement: the NDA of the agreement's
// current revision and the token to accept it with.
type NDA struct {
	Token string // acceptNdaForAgreementToken, nda-token-…
	// Revision is the current revision, whose NDA this is.
	Revision RevisionID
	// Document names the NDA document.
	Document Document
	// Expires is when Token expires: it is refused from then on.
	Expires time.Time
}

// View is the answer to GetAgreement: the current revision's acceptance
// terms and the two tokens AcceptAgreement needs.
type View struct {
	// Agreement is the agreement, with every revision.
	Agreement Agreement
	// Revision is the current revision, the one the tokens are for.
	Revision RevisionID
	// AcceptanceTerms are the current revision's terms of acceptance.
	AcceptanceTerms      []string
	AcceptanceTermsToken string // agreement-token-…
	ExecuteToken         string // executeAgreementToken, agreement-token-…
	// Document names the current revision's agreement document.
	Document Document
	// Expires is when the tokens expire: they are refused from then on.
	Expires time.Time
}

// GetNda returns the NDA of agreement id's current revision for account,
// with a token to accept it (GetNdaForAgreement). Every account may read an
// NDA.
func (r *Registry) GetNda(ctx context.Context, account org.AccountID, id ID) (NDA, error) {
	fail := func(err error) (NDA, error) {
		return NDA{}, &Error{Op: "get NDA", Account: account, Agreement: id, Err: err}
	}
	if err := validAccount(account); err != nil {
		return fail(err)
	}
	if err := validID(id); err != nil {
		return fail(err)
	}
	a, err := r.agreement(ctx, id)
	if err != nil {
		return fail(err)
	}
	cur := a.Current()
	t, err := r.issue(ctx, Token{Kind: TokenNDA, Account: account, Agreement: id, Revision: cur.ID})
	if err != nil {
		return fail(err)
	}
	return NDA{
		Token:    t.Value,
		Revision: cur.ID,
		Document: Document{Agreement: id, Revision: cur.ID, NDA: true, SHA256: cur.NDASHA256},
		Expires:  t.Expires,
	}, nil
}

// AcceptNda records that account accepted the NDA of revision of agreement
// id (AcceptNdaForAgreement, N1) and returns the token for Get
// (getAgreementToken, nda-token-…). The NDA token must be account's, for
// that agreement and revision, unexpired, and the revision must still be
// current (ErrInvalidToken otherwise). Accepting an NDA again keeps the
// first acceptance on record and issues a fresh token.
func (r *Registry) AcceptNda(ctx context.Context, account org.AccountID, id ID, revision RevisionID, ndaToken string) (string, error) {
	fail := func(err error) (string, error) {
		return "", &Error{Op: "accept NDA", Account: account, Agreement: id, Err: err}
	}
	if err := validAccount(account); err != nil {
		return fail(err)
	}
	if err := validID(id); err != nil {
		return fail(err)
	}
	if _, err := ParseRevisionID(string(revision)); err != nil {
		return fail(err)
	}
	a, err := r.agreement(ctx, id)
	if err != nil {
		return fail(err)
	}
	tok, err := r.redeem(ctx, ndaToken, TokenNDA, account, id)
	if err != nil {
		return fail(err)
	}
	if err := checkRevision(tok, revision, a.Current().ID); err != nil {
		return fail(err)
	}
	if _, err := r.store.PutNDA(ctx, NDAAcceptance{Account: account, Agreement: id, Revision: revision, Accepted: r.Now()}); err != nil {
		return fail(err)
	}
	t, err := r.issue(ctx, Token{Kind: TokenGetAgreement, Account: account, Agreement: id, Revision: revision})
	if err != nil {
		return fail(err)
	}
	return t.Value, nil
}

// checkRevision refuses a token issued for another revision than the one
// presented, or for a revision that is no longer current.
func checkRevision(t Token, presented, current RevisionID) error {
	if t.Revision != presented {
		return &TokenError{Reason: fmt.Sprintf("the %s was issued for revision %s, not %s", tokenName(t.Kind), t.Revision, presented)}
	}
	if presented != current {
		return &TokenError{Reason: fmt.Sprintf("revision %s is no longer current; the current revision is %s", presented, current)}
	}
	return nil
}

// Get returns agreement id's current revision to account with the tokens to
// accept it (GetAgreement). The account must have accepted the current
// revision's NDA (ErrNDARequired, checked first), and present the token
// AcceptNda returned for it (ErrInvalidToken).
func (r *Registry) Get(ctx context.Context, account org.AccountID, id ID, getAgreementToken string) (View, error) {
	fail := func(err error) (View, error) {
		return View{}, &Error{Op: "get", Account: account, Agreement: id, Err: err}
	}
	if err := validAccount(account); err != nil {
		return fail(err)
	}
	if err := validID(id); err != nil {
		return fail(err)
	}
	a, err := r.agreement(ctx, id)
	if err != nil {
		return fail(err)
	}
	cur := a.Current()
	if err := r.requireNDA(ctx, account, id, cur.ID); err != nil {
		return fail(err)
	}
	tok, err := r.redeem(ctx, getAgreementToken, TokenGetAgreement, account, id)
	if err != nil {
		return fail(err)
	}
	if err := checkRevision(tok, tok.Revision, cur.ID); err != nil {
		return fail(err)
	}
	terms, err := r.issue(ctx, Token{Kind: TokenAcceptanceTerms, Account: account, Agreement: id, Revision: cur.ID})
	if err != nil {
		return fail(err)
	}
	exec, err := r.issue(ctx, Token{Kind: TokenExecute, Account: account, Agreement: id, Revision: cur.ID})
	if err != nil {
		return fail(err)
	}
	return View{
		Agreement:            a,
		Revision:             cur.ID,
		AcceptanceTerms:      slices.Clone(cur.AcceptanceTerms),
		AcceptanceTermsToken: terms.Value,
		ExecuteToken:         exec.Value,
		Document:             Document{Agreement: id, Revision: cur.ID, SHA256: cur.DocumentSHA256},
		Expires:              exec.Expires,
	}, nil
}

// requireNDA returns ErrNDARequired unless account accepted the NDA of
// that revision.
func (r *Registry) requireNDA(ctx context.Context, account org.AccountID, id ID, rev RevisionID) error {
	_, ok, err := found(r.store.NDA(ctx, account, id, rev))
	if err != nil {
		return err
	}
	if !ok {
		return ErrNDARequired
	}
	return nil
}

// NDAStatus says whether an account may open an agreement and which NDA
// governs its information (N1, N3).
type NDAStatus struct {
	// Account is the account asked about.
	Account org.AccountID
	// Agreement is the agreement asked about.
	Agreement ID
	Revision  RevisionID // the agreement's current revision
	// Accepted reports whether the account accepted the current
	// revision's NDA in Artifact, and when. Only this opens the agreement
	// in Artifact.
	Accepted bool
	// AcceptedAt is when it accepted it; zero when Accepted is false.
	AcceptedAt time.Time
	// Outside lists the account's NDAs signed with Amazon outside
	// Artifact that cover the agreement's information; where there is
	// one, it governs that information, but it does not open Artifact.
	Outside []OutsideNDA
}

// Governing describes the NDA that governs the agreement's information: an
// outside NDA covering it (N3), else the Artifact NDA if accepted, else "".
func (s NDAStatus) Governing() string {
	switch {
	case len(s.Outside) > 0:
		return fmt.Sprintf("outside NDA %q signed %s", s.Outside[0].Reference, s.Outside[0].Signed.Format(time.RFC3339))
	case s.Accepted:
		return "Artifact NDA for revision " + string(s.Revision) + " accepted " + s.AcceptedAt.Format(time.RFC3339)
	}
	return ""
}

// NDAStatus returns account's NDA status for agreement id.
func (r *Registry) NDAStatus(ctx context.Context, account org.AccountID, id ID) (NDAStatus, error) {
	fail := func(err error) (NDAStatus, error) {
		return NDAStatus{}, &Error{Op: "NDA status", Account: account, Agreement: id, Err: err}
	}
	if err := validAccount(account); err != nil {
		return fail(err)
	}
	if err := validID(id); err != nil {
		return fail(err)
	}
	a, err := r.agreement(ctx, id)
	if err != nil {
		return fail(err)
	}
	s := NDAStatus{Account: account, Agreement: id, Revision: a.Current().ID}
	n, ok, err := found(r.store.NDA(ctx, account, id, s.Revision))
	if err != nil {
		return fail(err)
	}
	s.Accepted, s.AcceptedAt = ok, n.Accepted
	outside, err := r.store.OutsideNDAs(ctx, account)
	if err != nil {
		return fail(err)
	}
	for _, o := range outside {
		if slices.Contains(o.Covers, id) {
			s.Outside = append(s.Outside, o)
		}
	}
	return s, nil
}

// RecordOutsideNDA records an NDA that n.Account's owner signed with Amazon
// outside Artifact (N3). It changes nothing about what the account may open
// in Artifact.
func (r *Registry) RecordOutsideNDA(ctx context.Context, n OutsideNDA) error {
	fail := func(err error) error {
		return &Error{Op: "record outside NDA", Account: n.Account, Err: err}
	}
	if err := validAccount(n.Account); err != nil {
		return fail(err)
	}
	if err := validText("outside NDA reference", n.Reference, 1, MaxNameLen); err != nil {
		return fail(err)
	}
	for _, id := range n.Covers {
		if err := validID(id); err != nil {
			return fail(err)
		}
	}
	if n.Signed.IsZero() {
		n.Signed = r.Now()
	}
	n.Signed = n.Signed.UTC()
	if err := r.store.PutOutsideNDA(ctx, n.Clone()); err != nil {
		return fail(err)
	}
	return nil
}
